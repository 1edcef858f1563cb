"""Importing DfE explore-education-statistics CSVs: the package passes check, cell for cell."""

from __future__ import annotations

import csv
import fnmatch
import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.commands.importing import import_ees
from generator.importers.mapping import SHIPPED_MAPPING, read_mapping
from generator.importers.published import dfe_period
from generator.input.check import check_packages
from generator.model.site import NOT_COMPARABLE

FIXTURES = Path(__file__).parent / "fixtures" / "dfe"
EES = FIXTURES / "ees"
NEIGHBOURS = FIXTURES / "statistical_neighbours_may_2025.xlsx"
# Each council's current GSS code by LA number, read straight from the table: a neighbour is coded
# with its current code whatever code the year's row has (Buckinghamshire E10000002 -> E06000060).
CURRENT_CODES = {row["old_la_code"]: row["gss_code"] for row in csv.DictReader(
    (Path(__file__).parents[1] / "generator/importers/mappings/councils.csv").open(encoding="utf-8"))}
TRAFFORD_NEIGHBOURS = {"919", "356", "825", "931", "936", "305", "895", "873", "916", "334"}


def _import(tmp_path: Path, council: str, *extra: str, sources: tuple[str, ...] = (str(EES),),
            neighbours: bool = True) -> tuple[Path, object]:
    out = tmp_path / "package"
    args = [*sources, "--council", council, "--out", str(out), "--release-date", "2025-12-01"]
    if neighbours:
        args += ["--neighbours", str(NEIGHBOURS)]
    result = CliRunner().invoke(import_ees, [*args, *extra])
    return out, result


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def trafford(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out, result = _import(tmp_path_factory.mktemp("trafford"), "Trafford")
    assert result.exit_code == 0, result.output
    return out


def test_trafford_package_passes_check(trafford: Path) -> None:
    site, problems = check_packages([trafford])
    assert problems == []
    assert site is not None and len(site.indicators) == 20


def test_frictionless_validates_the_package(trafford: Path) -> None:
    from frictionless import Package

    report = Package(str(trafford / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])[:5]


def _source_cells(council_old: str, neighbours: set[str], region: str) -> dict[tuple, dict]:
    """Every figure the mapping reads from the fixture CSVs, keyed like the package rows."""
    mapping, _ = read_mapping(SHIPPED_MAPPING)
    assert mapping is not None
    expected: dict[tuple, dict] = {}
    for path in sorted(EES.glob("*.csv")):
        rows = _rows(path)
        for item in mapping.indicators:
            if not item.ees or not fnmatch.fnmatch(path.name, item.ees.file):
                continue
            for row in rows:
                if any(row[k] != v for k, v in item.ees.filters):
                    continue
                level = row["geographic_level"]
                if level == "National":
                    area = ("england", row["country_code"])
                elif level == "Regional" and row["region_code"] == region:
                    area = ("region", row["region_code"])
                elif level == "Local authority" and row["old_la_code"] == council_old:
                    area = ("council", row["new_la_code"])
                elif level == "Local authority" and row["old_la_code"] in neighbours:
                    area = ("neighbour", CURRENT_CODES[row["old_la_code"]])
                else:
                    continue
                if area[0] != "council" and item.unit in NOT_COMPARABLE:
                    continue  # counts get no comparators: England's count is not comparable
                period = dfe_period(row["time_period"], item.period_type, item.period_end).code
                expected[(item.id, period, *area)] = row | {"_column": item.ees.value}
    return expected


def _compare(out: Path, council_old: str, neighbours: set[str], region: str) -> int:
    expected = _source_cells(council_old, neighbours, region)
    seen = set()
    for row in _rows(out / "observations.csv"):
        seen.add(key := (row["indicator_id"], row["period"], "council", next(
            k[3] for k in expected if k[:3] == (row["indicator_id"], row["period"], "council"))))
        _assert_cell(row, expected[key])
    for row in _rows(out / "comparators.csv"):
        if row["area_type"] in ("statistical_neighbours", "council"):
            continue  # every council's rows: tests/test_every_council.py checks them
        key = (row["indicator_id"], row["period"], row["area_type"], row["area_code"])
        seen.add(key)
        _assert_cell(row, expected[key])
        assert row["source"] == "Department for Education", row
    assert seen == set(expected), set(expected) ^ seen
    return len(seen)


def _assert_cell(row: dict[str, str], source: dict[str, str]) -> None:
    published = source[source["_column"]]
    if published in {"c", "x", "z", "k", "low", "u"}:
        assert (row["value"], row["missing"]) == ("", published), (row, published)
    else:
        assert (row["value"], row["missing"]) == (published, ""), (row, published)


def test_trafford_values_match_the_source_cell_for_cell(trafford: Path) -> None:
    count = _compare(trafford, "358", TRAFFORD_NEIGHBOURS, "E12000002")
    assert count > 1000
    missing = {row["missing"] for row in _rows(trafford / "observations.csv")}
    assert "c" in missing  # Trafford's own suppressed figures stay suppressed


@pytest.mark.parametrize("council, old, region", [
    ("E09000003", "302", "E13000002"),  # Barnet by GSS code, Outer London
    ("394", "394", "E12000001"),  # Sunderland by old LA number, North East ('low' and 'u')
    ("358", "358", "E12000002"),  # Trafford by old LA number
])
def test_other_councils_and_code_formats(tmp_path: Path, council: str, old: str,
                                         region: str) -> None:
    out, result = _import(tmp_path, council, neighbours=False)
    assert result.exit_code == 0, result.output
    assert check_packages([out])[1] == []
    _compare(out, old, set(), region)


def test_sunderland_keeps_low_and_u_symbols(tmp_path: Path) -> None:
    out, result = _import(tmp_path, "Sunderland", neighbours=False)
    assert result.exit_code == 0, result.output
    symbols = {row["missing"] for row in _rows(out / "observations.csv")}
    assert {"low", "u"} <= symbols
    for row in _rows(out / "observations.csv"):
        if row["missing"]:
            assert row["value"] == ""  # never a zero in place of a symbol


def test_neighbour_average_only_where_all_neighbours_are_numbers(trafford: Path) -> None:
    comparators = _rows(trafford / "comparators.csv")
    neighbours: dict[tuple[str, str], list[dict[str, str]]] = {}
    for row in comparators:
        if row["area_type"] == "neighbour":
            neighbours.setdefault((row["indicator_id"], row["period"]), []).append(row)
    averages = {(r["indicator_id"], r["period"]): r for r in comparators
                if r["area_type"] == "statistical_neighbours"}
    assert averages
    for key, group in neighbours.items():
        complete = len(group) == 10 and all(r["value"] for r in group)
        assert (key in averages) == complete, key
    row = averages[("re-referrals", "2024-25")]
    group = neighbours[("re-referrals", "2024-25")]
    mean = sum(float(r["value"]) for r in group) / 10
    assert float(row["value"]) == pytest.approx(mean, abs=0.05)
    assert row["area_code"] == "statistical-neighbours" and "calculated" in row["area_name"]
    indicators = {r["id"]: r for r in _rows(trafford / "indicators.csv")}
    assert "calculated by the importer" in indicators["re-referrals"]["data_notes"]


def test_periods_come_from_time_period_and_identifier(trafford: Path) -> None:
    periods = {(r["indicator_id"], r["period"]) for r in _rows(trafford / "observations.csv")}
    assert ("re-referrals", "2024-25") in periods  # Reporting year 2025, year to 31 March
    assert ("children-in-need-absence", "2024-25") in periods  # 202425 Academic year
    assert ("ehc-plans-20-weeks", "2024") in periods  # Calendar year
    assert ("children-looked-after-rate", "2025-03-31") in periods  # at 31 March
    assert ("social-worker-turnover", "2025-09") in periods  # year to 30 September


def test_attribution_licence_and_release(trafford: Path) -> None:
    descriptor = json.loads((trafford / "datapackage.json").read_text())
    assert descriptor["licenses"][0]["name"] == "OGL-UK-3.0"
    assert all(s["path"].startswith("https://explore-education-statistics.service.gov.uk/")
               for s in descriptor["sources"])
    for row in _rows(trafford / "indicators.csv"):
        assert "Department for Education" in row["source"]
        assert "Open Government Licence v3.0" in row["source"]
        assert row["licence"] == "Open Government Licence v3.0"
        assert row["source_url"].startswith("https://explore-education-statistics.service.gov.uk/")
    (release,) = _rows(trafford / "releases.csv")
    assert release["date"] == date(2025, 12, 1).isoformat() and release["status"] == "published"
    assert release["id"] == "dfe-2025-12-01"


def test_files_with_and_without_bom_are_both_read() -> None:
    starts = {path.read_bytes()[:3] == b"\xef\xbb\xbf" for path in EES.glob("*.csv")}
    assert starts == {True, False}


def test_output_is_deterministic(tmp_path: Path, trafford: Path) -> None:
    out, result = _import(tmp_path, "Trafford")
    assert result.exit_code == 0, result.output
    for path in sorted(trafford.iterdir()):
        assert (out / path.name).read_bytes() == path.read_bytes(), path.name


def _error(result: object) -> str:
    assert result.exit_code == 1, result.output  # type: ignore[attr-defined]
    assert "Traceback" not in result.output  # type: ignore[attr-defined]
    return result.output  # type: ignore[attr-defined]


def test_council_held_back_from_the_files(tmp_path: Path) -> None:
    # DfE's shared files hold no rows for Camden (and Darlington): a clear error, no package.
    out, result = _import(tmp_path, "Camden")
    output = _error(result)
    assert "the files hold no rows for Camden (202, E09000007)" in output
    assert not out.exists()


def test_unknown_council_suggests_names(tmp_path: Path) -> None:
    output = _error(_import(tmp_path, "Trafod")[1])
    assert "no English council is called or coded 'Trafod'" in output and "Trafford" in output


def test_unknown_file_layout(tmp_path: Path) -> None:
    odd = tmp_path / "c1_children_in_need_referrals_2025.csv"
    odd.write_text("year,area,value\n2025,Trafford,18\n", encoding="utf-8")
    output = _error(_import(tmp_path, "Trafford", sources=(str(odd),))[1])
    assert "unknown file layout" in output and str(odd) in output
    other = tmp_path / "something_else.csv"
    other.write_text("a,b\n1,2\n", encoding="utf-8")
    assert "no indicator in the mapping uses this file" in _error(
        _import(tmp_path, "Trafford", sources=(str(other),))[1])


def test_missing_column_names_file_row_and_field(tmp_path: Path) -> None:
    source = EES / "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv"
    broken = tmp_path / source.name
    broken.write_text(source.read_text(encoding="utf-8").replace("rereferral_percent",
                                                                  "rereferral_pct", 1))
    output = _error(_import(tmp_path, "Trafford", sources=(str(broken),))[1])
    assert f'{broken}, row 1, field "rereferral_percent"' in output
    assert "column 'rereferral_percent' needed by 're-referrals' is missing" in output


def test_a_cell_that_is_not_a_number_or_symbol(tmp_path: Path) -> None:
    source = EES / "d3_cpps_subsequent_plan_2013_to_2025.csv"
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines) if ",358," in line)
    lines[number] = lines[number].rstrip("\n").rsplit(",", 1)[0] + ",12.5%\n"
    broken = tmp_path / source.name
    broken.write_text("".join(lines), encoding="utf-8")
    output = _error(_import(tmp_path, "Trafford", sources=(str(broken),))[1])
    assert f'row {number + 1}, field "CPP_subsequent_percent"' in output
