"""The import report, --strict, files matched by their layout, and EES and LAIT in one package."""

from __future__ import annotations

import csv
import json
import shutil
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.commands.importing import import_dfe, import_ees, import_lait
from generator.input.check import check_packages

ALL = Path(__file__).parent / "fixtures" / "dfe_all"
EES = ALL / "ees"
LAIT = ALL / "lait" / "lait_all.parquet"
NEIGHBOURS = Path(__file__).parent / "fixtures" / "dfe" / "statistical_neighbours_may_2025.xlsx"
SEN2 = "sen2_timeliness_20_week.csv"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _folder(tmp_path: Path, case: str) -> Path:
    """Return a downloads folder: DfE's files, changed as the case says."""
    folder = tmp_path / "ees"
    shutil.copytree(EES, folder)
    if case == "dfe-name":  # the name DfE's EHC plans zip gives the file
        (folder / SEN2).rename(folder / "timeliness_20_week.csv")
    elif case == "no-absence-file":
        (folder / "absence_la.csv").unlink()
    elif case == "no-trafford-rows":
        lines = (folder / "absence_la.csv").read_text(encoding="utf-8").splitlines(keepends=True)
        (folder / "absence_la.csv").write_text(
            "".join(line for line in lines if ",358," not in line), encoding="utf-8")
    return folder


def _ees(folder: Path, out: Path, council: str = "Trafford", *extra: str) -> Result:
    return CliRunner().invoke(import_ees, [str(folder), "--council", council, "--out", str(out),
                                           "--release-date", "2025-12-01", *extra])


@pytest.mark.parametrize("case, council, line", [
    ("dfe-name", "Trafford", "  ehc-plans-20-weeks: imported, 6 periods (2019 to 2024); file "
     "timeliness_20_week.csv matched by its columns (the mapping names "
     "sen2_timeliness_20_week*.csv)"),
    ("no-absence-file", "Trafford", "  children-in-need-absence: not imported; no file named "
     "absence_la*.csv or with its columns and filters (looked in {folder})"),
    ("no-trafford-rows", "Trafford", "  looked-after-absence: not imported; absence_la.csv has no "
     "row for Trafford (358, E08000009)"),
    ("as-published", "Isles of Scilly", "  looked-after-absence: imported, but with no numbers, 7 "
     "periods (2018/19 to 2024/25); every figure for Isles of Scilly is a DfE symbol, none a "
     "number"),
    ("as-published", "Trafford", "  children-in-need-rate: not in these files; the mapping has it "
     "only in LAIT"),
    ("as-published", "Trafford", "  children-in-need-at-31-march: imported, 13 periods (31 Mar "
     "2013 to 31 Mar 2025); a count: no comparators (not comparable between areas)"),
    ("as-published", "Trafford", "  re-referrals: imported, 13 periods (2012/13 to 2024/25)"),
])
def test_report_line_per_indicator(tmp_path: Path, case: str, council: str, line: str) -> None:
    folder = _folder(tmp_path, case)
    result = _ees(folder, tmp_path / "out", council)
    assert result.exit_code == 0, result.output
    assert line.format(folder=folder) in result.output.splitlines()
    assert (tmp_path / "out" / "datapackage.json").exists()


@pytest.mark.parametrize("case, council, summary, warning", [
    ("dfe-name", "Trafford", "20 of 21 mapped indicators imported.", ""),
    ("no-absence-file", "Trafford", "16 of 21 mapped indicators imported.",
     "Warning: 4 mapped indicators not imported or with no numbers: children-in-need-absence, "
     "children-in-need-persistent-absence, looked-after-absence, "
     "looked-after-persistent-absence. The reason is on each line above; --strict makes this an "
     "error."),
    ("as-published", "City of London", "20 of 21 mapped indicators imported.",
     "Warning: 4 mapped indicators not imported or with no numbers: "
     "long-term-placement-stability, children-in-need-persistent-absence, looked-after-absence, "
     "looked-after-persistent-absence. The reason is on each line above; --strict makes this an "
     "error."),
])
def test_report_summary_and_warning(tmp_path: Path, case: str, council: str, summary: str,
                                    warning: str) -> None:
    result = _ees(_folder(tmp_path, case), tmp_path / "out", council)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[1].endswith(f"from explore education statistics: {summary}"), lines[1]
    assert lines[-1] == (warning or lines[-1]) and lines[-1].startswith("Warning") == bool(warning)


def test_strict_refuses_and_writes_nothing(tmp_path: Path) -> None:
    folder = _folder(tmp_path, "no-absence-file")
    out = tmp_path / "out"
    result = _ees(folder, out, "Trafford", "--strict")
    assert result.exit_code == 1
    assert not out.exists()
    assert (f"{folder}: looked-after-absence: not imported; no file named absence_la*.csv or "
            f"with its columns and filters (looked in {folder})") in result.output
    assert "4 problems found. Nothing was written." in result.output
    assert _ees(_folder(tmp_path / "b", "dfe-name"), out, "Trafford", "--strict").exit_code == 0


def test_json_report_is_one_object_with_stable_keys(tmp_path: Path) -> None:
    result = _ees(_folder(tmp_path, "no-absence-file"), tmp_path / "out", "Trafford",
                  "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert list(report) == ["package", "out", "written", "council", "sources", "imported",
                            "warnings", "indicators"]
    assert (report["package"], report["imported"], report["warnings"]) == ("dfe-trafford", 16, 4)
    assert report["council"] == {"name": "Trafford", "old_code": "358", "gss_code": "E08000009"}
    first = report["indicators"][0]
    assert first == {"id": "re-referrals", "status": "imported", "warning": False, "periods": 13,
                     "first_period": "2012-13", "last_period": "2024-25", "detail": "",
                     "notes": [], "figures_by_source": {}}
    statuses = Counter(item["status"] for item in report["indicators"])
    assert statuses == {"imported": 16, "file-missing": 4, "not-mapped": 1}


def test_json_reports_problems_as_json(tmp_path: Path) -> None:
    result = _ees(_folder(tmp_path, "no-absence-file"), tmp_path / "out", "Trafford",
                  "--format", "json", "--strict")
    assert result.exit_code == 1
    assert {p["rule"] for p in json.loads(result.output)["problems"]} == {"import-incomplete"}


def test_lait_measure_missing(tmp_path: Path) -> None:
    source = tmp_path / "lait.csv"
    with source.open("w", encoding="utf-8", newline="") as handle:
        handle.write("Short Desc,Years,LA and Regions,Values,LA Number\n"
                     "ReReferral,2025,Trafford,18,358\nReReferral,2025,England,22.4,970\n")
    result = CliRunner().invoke(import_lait, [str(source), "--council", "Trafford", "--out",
                                              str(tmp_path / "out"), "--release-date",
                                              "2025-12-01"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "  re-referrals: imported, 1 period (2024/25)" in lines
    assert f"  children-in-need-rate: not imported; LAIT measure CIN is not in {source}" in lines
    assert ("  children-in-need-at-31-march: not in these files; the mapping has it only in "
            "explore education statistics") in lines


@pytest.mark.parametrize("header_change, message", [
    (("PC_plans_issued_20_weeks_ex", "PC_x"),
     "the closest is 'ehc-plans-20-weeks-all' (file sen2_timeliness_20_week*.csv), which needs "
     "rows where breakdown is 'All EHC plans issued' and rows where breakdown_topic is 'All EHC "
     "plans issued', which this file lacks"),
    (("time_period", "year"),
     "and it is not a DfE tidy CSV (it lacks the columns time_period)"),
])
def test_named_file_no_entry_uses_names_the_closest(tmp_path: Path,
                                                    header_change: tuple[str, str],
                                                    message: str) -> None:
    lines = (EES / SEN2).read_text(encoding="utf-8-sig").splitlines(keepends=True)
    odd = tmp_path / "timeliness.csv"
    odd.write_text(lines[0].replace(*header_change) + "".join(
        line for line in lines[1:] if "All EHC plans issued" not in line), encoding="utf-8")
    result = _ees(odd, tmp_path / "out")
    assert result.exit_code == 1
    assert (f"{odd}: unknown file layout: no indicator in the mapping uses this file"
            in result.output)
    assert message in result.output


@pytest.mark.parametrize("council", ["Trafford", "Sunderland", "826", "E06000023", "Kent"])
def test_counts_get_no_comparators(tmp_path: Path, council: str) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(import_ees, [str(EES / "b1_children_in_need_2013_to_2025.csv"),
                                             "--council", council, "--out", str(out),
                                             "--neighbours", str(NEIGHBOURS)])
    assert result.exit_code == 0, result.output
    assert len(_rows(out / "observations.csv")) == 13
    assert _rows(out / "comparators.csv") == []


@pytest.mark.parametrize("council, ees, lait, comparators, councils", [
    # 154 of the council's figures are in the explore education statistics files (import-ees
    # alone imports 154); LAIT adds 50: the children in need rate and earlier years. Every
    # council's figure (issue 19) is one row per council for each of the 20 indicators that are
    # not counts, in its latest period: about 151 councils each.
    ("Trafford", 154, 50, 2466, 3020),
    ("Sunderland", 154, 50, 2460, 3018),
])
def test_ees_and_lait_in_one_package(tmp_path: Path, council: str, ees: int, lait: int,
                                     comparators: int, councils: int) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(import_dfe, [
        "--ees", str(EES), "--lait", str(LAIT), "--council", council, "--out", str(out),
        "--neighbours", str(NEIGHBOURS), "--release-date", "2025-12-01", "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    counted: Counter[str] = Counter()
    for item in report["indicators"]:
        counted.update(item["figures_by_source"])
    assert dict(counted) == {"ees": ees, "lait": lait}
    observations = _rows(out / "observations.csv")
    assert len(observations) == ees + lait
    assert len({(row["indicator_id"], row["period"]) for row in observations}) == ees + lait
    rows = _rows(out / "comparators.csv")
    assert {row["source"] for row in rows} == {"Department for Education"}
    assert sum(row["area_type"] != "council" for row in rows) == comparators
    every = [row for row in rows if row["area_type"] == "council"]
    assert len(every) == councils
    assert len({(row["indicator_id"], row["area_code"]) for row in every}) == councils
    site, problems = check_packages([out])
    assert problems == [] and site is not None and len(site.indicators) == 21
    notes = {row["id"]: row["data_notes"] for row in _rows(out / "indicators.csv")}
    assert "All figures are from DfE's Local Authority Interactive Tool (LAIT)." in notes[
        "children-in-need-rate"]
    assert ("Figures for 2015/16 to 2019/20 are from DfE's Local Authority Interactive Tool "
            "(LAIT), which has them where the explore education statistics files do not; the "
            "others are from DfE's explore education statistics files.") in notes[
                "placements-3-or-more"]
    assert "Figures for 2016 to 2018 are from DfE's Local" in notes["ehc-plans-20-weeks"]
    assert ("Figures for 2016/17 and 2017/18 are from DfE's Local" in
            notes["children-in-need-absence"])
    assert ("The figure for Sep 2016 is from DfE's Local Authority Interactive Tool (LAIT), which "
            "has it where") in notes["social-worker-turnover"]
    release = _rows(out / "releases.csv")[0]["notes"]
    assert "explore education statistics (absence_la.csv," in release
    assert "and LAIT (lait_all.parquet)." in release


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    import zipfile

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_dfe_zip_is_read_as_downloaded(tmp_path: Path) -> None:
    archive = _zip(tmp_path / "education-health-and-care-plans.zip", {
        "data/timeliness_20_week.csv": (EES / SEN2).read_bytes(),
        "data/timeliness_20_week.meta.csv": b"col_name,col_type,label\nbreakdown,Filter,B\n",
        "data-guidance/data-guidance.txt": b"guidance"})
    result = _ees(archive, tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert ("  ehc-plans-20-weeks-all: imported, 6 periods (2019 to 2024); file "
            "timeliness_20_week.csv matched by its columns (the mapping names "
            "sen2_timeliness_20_week*.csv)") in result.output.splitlines()
    assert len(_rows(tmp_path / "out" / "observations.csv")) == 12


@pytest.mark.parametrize("members, limit, message", [
    ({"a/x.csv": b"a,b\n", "b/x.csv": b"a,b\n"}, None, "the archive holds two CSV files named x.csv"),
    ({"data/big.csv": b"0" * 5000}, 4096,
     "the archive unpacks to more than 0 MB of CSV files (or one file over 200 MB)"),
    (None, None, "the archive could not be read: File is not a zip file"),
])
def test_zip_limits_and_damage(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                               members: dict[str, bytes] | None, limit: int | None,
                               message: str) -> None:
    from generator.importers import archives

    if limit is not None:
        monkeypatch.setattr(archives, "MAX_UNPACKED_BYTES", limit)
        monkeypatch.setattr(archives, "_CHUNK", 1024)
    archive = tmp_path / "download.zip"
    if members is None:
        archive.write_bytes(b"not a zip")
    else:
        _zip(archive, members)
    result = _ees(archive, tmp_path / "out")
    assert result.exit_code == 1
    assert f"{archive}: {message}" in result.output
    assert not (tmp_path / "out").exists()


def test_a_problem_inside_a_zip_names_the_member(tmp_path: Path) -> None:
    text = (EES / SEN2).read_text(encoding="utf-8-sig")
    archive = _zip(tmp_path / "sen2.zip", {"data/sen2_timeliness_20_week.csv": text.replace(
        "PC_plans_issued_20_weeks_ex", "PC_renamed", 1).encode()})
    result = _ees(archive, tmp_path / "out")
    assert result.exit_code == 1
    assert (f'{archive}:data/sen2_timeliness_20_week.csv, row 1, field '
            '"PC_plans_issued_20_weeks_ex"') in result.output


@pytest.mark.parametrize("indicator_id", ["children-in-need-absence",
                                          "children-in-need-persistent-absence"])
def test_absence_definitions_name_the_population_the_filter_picks(indicator_id: str) -> None:
    from generator.importers.mapping import SHIPPED_MAPPING, read_mapping

    mapping, _ = read_mapping(SHIPPED_MAPPING)
    assert mapping is not None
    item = next(item for item in mapping.indicators if item.id == indicator_id)
    assert item.ees is not None and ("social_care_group", "CINO at 31 March") in item.ees.filters
    expected = ('children in need on 31 March other than those on a child protection plan or '
                'looked after (DfE\'s "CINO at 31 March" group)')
    assert expected.lower() in item.definition.lower()
