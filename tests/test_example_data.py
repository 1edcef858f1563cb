"""The demonstration packages (fictional Northbridge Council) are valid, rich enough, and their
England / North West / neighbour comparators are DfE's published figures, cell for cell.

The authority for the DfE figures is ``tests/fixtures/dfe_extract/``: an exact extract of DfE's
open-data CSVs (see its README). ``scripts/make_example_data.py --check`` compares that extract
and the packages with the shared source data when it is available. The packages are made from
``scripts/northbridge/series.yml``; a broken spec is refused with the file and key path.
"""

from __future__ import annotations

import copy
import csv
import dataclasses
import importlib
import importlib.util
import json
import shutil
import sys
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from frictionless import Package as FrictionlessPackage

from generator.importers.published import SYMBOLS
from generator.importers.writer import write_package
from generator.input.check import check_packages
from generator.model import format as fmt
from generator.model.periods import PeriodType, parse_canonical
from generator.model.site import Flag, Missing, Polarity, Status, Unit

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = [ROOT / "datapackages" / "northbridge-childrens",
            ROOT / "datapackages" / "northbridge-education"]
EXTRACT = ROOT / "tests" / "fixtures" / "dfe_extract"


def _script():
    spec = importlib.util.spec_from_file_location("make_example_data",
                                                  ROOT / "scripts" / "make_example_data.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


SCRIPT = _script()  # puts scripts/ on the path, so its northbridge package imports
SPEC_MODULE = importlib.import_module("northbridge.spec")
FIGURES = importlib.import_module("northbridge.figures")
SPEC = SCRIPT.read_spec()


def rows(package: Path, resource: str) -> list[dict[str, str]]:
    path = package / f"{resource}.csv"
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def all_rows(resource: str) -> list[dict[str, str]]:
    return [row for package in PACKAGES for row in rows(package, resource)]


@pytest.fixture(scope="module")
def site():
    found, problems = check_packages(PACKAGES)
    assert problems == [], "\n".join(str(p) for p in problems)
    return found


def test_check_passes(site):
    assert site is not None


@pytest.mark.parametrize("package", PACKAGES, ids=lambda p: p.name)
def test_frictionless_validation(package):
    report = FrictionlessPackage(str(package / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


@pytest.mark.parametrize("package", PACKAGES, ids=lambda p: p.name)
def test_labelled_as_demonstration_data(package):
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["demonstration"] is True
    assert "(demonstration data)" in descriptor["title"]
    assert "fictional" in descriptor["publisher"] and "fictional" in descriptor["description"]
    assert descriptor["licenses"][0]["name"] == "OGL-UK-3.0"
    assert any("Department for Education, Open Government Licence v3.0" in source["title"]
               for source in descriptor["sources"])


def test_counts(site):
    childrens = rows(PACKAGES[0], "indicators")
    assert len(childrens) >= 25
    assert len(rows(PACKAGES[0], "service_areas")) >= 6
    assert 5 <= len(rows(PACKAGES[1], "indicators")) <= 8
    assert 3 <= len(rows(PACKAGES[0], "priorities")) <= 5
    indicators = all_rows("indicators")
    assert {i["frequency"] for i in indicators} == {"monthly", "quarterly", "annual"}
    kinds = {i["period_type"] for i in indicators}
    assert kinds == {t.value for t in PeriodType}
    assert all(i["why_it_matters"] for i in indicators)


def test_five_years_for_established_indicators(site):
    for data in site.indicators:
        if data.indicator.status.value in ("new", "in_development"):
            continue
        periods = [o.period for o in data.observations]
        span = max(p.end for p in periods) - min(p.start for p in periods)
        assert span.days >= 5 * 365, data.indicator.id


def test_latest_periods(site):
    """Data runs up to 2025-26 Q2: September 2025 for monthly and quarterly indicators."""
    for data in site.indicators:
        indicator = data.indicator
        if indicator.status.value == "retired" or indicator.frequency.value == "annual":
            continue
        assert max(o.period.end for o in data.observations).isoformat() == "2025-09-30", \
            indicator.id


def test_features_present(site):
    indicators = {i["id"]: i for i in all_rows("indicators")}
    observations = all_rows("observations")
    missing = Counter(o["missing"] for o in observations)
    assert missing["c"] >= 2 and missing["x"] >= 2
    flags = Counter(o["flags"] for o in observations)
    assert flags["provisional"] >= 2 and flags["revised"] >= 1
    statuses = Counter(i["status"] for i in indicators.values())
    assert statuses["new"] >= 1 and statuses["in_development"] >= 1 and statuses["retired"] == 1
    retired = next(i for i in indicators.values() if i["status"] == "retired")
    assert retired["replaced_by"] in indicators
    assert any(i["previous_ids"] for i in indicators.values())
    assert any(i["small_number_threshold"] for i in indicators.values())
    assert any(i["data_notes"] for i in indicators.values())
    targets = all_rows("targets")
    ranged = {t["indicator_id"] for t in targets if t["expected_low"]}
    no_preference = {k for k, i in indicators.items() if i["polarity"] == "no_preference"}
    assert len(ranged & no_preference) >= 2
    targeted = {t["indicator_id"] for t in targets}
    directional = {k for k, i in indicators.items() if i["polarity"] != "no_preference"}
    assert len(directional - targeted) >= 2  # not rated
    assert any(len({t["applies_from"] for t in targets if t["indicator_id"] == k}) >= 3
               for k in targeted)
    assert sum(1 for t in targets if t["amber_tolerance"]) >= 20
    assert 1 <= len(all_rows("ratings")) <= 3
    commented = {c["indicator_id"] for c in all_rows("commentary")}
    assert len(commented) >= 0.75 * len(indicators)
    assert Counter(c["indicator_id"] for c in all_rows("commentary")).most_common(1)[0][1] >= 2
    breakdowns = all_rows("breakdowns")
    assert {"Reason for starting care", "Source of referral", "Placement type"} <= {
        b["dimension"] for b in breakdowns}
    assert any(b["missing"] == "c" for b in breakdowns)


def test_no_suppressed_number_leaks():
    for o in all_rows("observations"):
        if o["missing"]:
            assert o["value"] == o["numerator"] == o["denominator"] == ""


def test_breakdowns_suppress_at_least_two_cells():
    groups: dict[tuple[str, str, str], list[dict]] = {}
    for b in all_rows("breakdowns"):
        groups.setdefault((b["indicator_id"], b["period"], b["dimension"]), []).append(b)
    for key, cells in groups.items():
        hidden = sum(1 for c in cells if c["missing"] == "c")
        assert hidden != 1, key  # one hidden cell could be worked out from the total


def test_releases_identical_in_both_packages():
    first, second = (rows(p, "releases") for p in PACKAGES)
    assert first == second
    assert [r["id"] for r in first if r["status"] == "published"][-1] == "2025-26-q2"
    assert [r["id"] for r in first if r["status"] == "planned"] == ["2025-26-q3", "2025-26-q4"]


# --- comparators against the DfE extract ------------------------------------------------------


def extract():
    return SCRIPT.read_extract(EXTRACT)


def source_cells(indicator_id: str) -> dict[tuple[str, str], str]:
    """(period, area code or 3-digit LA number) -> the published cell, from the extract."""
    tables, _ = extract()
    source = SPEC.comparators[indicator_id]
    cells = {}
    for row in tables[source.file]:
        if any(row[column] != value for column, value in source.filters):
            continue
        period = SPEC.indicator(indicator_id).dfe_period(row["time_period"])
        code = {"National": "E92000001", "Regional": row["region_code"]}.get(
            row["geographic_level"], row["new_la_code"])
        cells[(period, code)] = row[source.value]
    return cells


def test_every_dfe_measure_has_comparators():
    compared = {c["indicator_id"] for c in all_rows("comparators")}
    assert compared == set(SPEC.comparators)


@pytest.mark.parametrize("indicator_id", sorted(SPEC.comparators))
def test_comparators_equal_published_cells(indicator_id):
    cells = source_cells(indicator_id)
    found = [c for c in all_rows("comparators") if c["indicator_id"] == indicator_id]
    published = [c for c in found if c["area_type"] in ("england", "region", "neighbour")]
    assert {c["area_type"] for c in published} == {"england", "region", "neighbour"}
    for c in published:
        cell = cells[(c["period"], c["area_code"])]
        if cell.strip().lower() in SYMBOLS:
            assert (c["value"], c["missing"]) == ("", cell.strip().lower())
        else:
            assert (c["value"], c["missing"]) == (cell, ""), c
    assert any(c["area_code"] == "E12000002" for c in published)


@pytest.mark.parametrize("indicator_id", sorted(SPEC.comparators))
def test_neighbour_average_is_mean_of_published(indicator_id):
    tables, group = extract()
    source = SPEC.comparators[indicator_id]
    dp = int(next(i for i in all_rows("indicators") if i["id"] == indicator_id)["decimal_places"])
    for c in all_rows("comparators"):
        if c["indicator_id"] != indicator_id or c["area_type"] != "statistical_neighbours":
            continue
        values = [Decimal(r[source.value]) for r in tables[source.file]
                  if r["old_la_code"] in group
                  and all(r[k] == v for k, v in source.filters)
                  and SPEC.indicator(indicator_id).dfe_period(r["time_period"]) == c["period"]
                  and r[source.value].strip().lower() not in SYMBOLS | {""}]
        mean = (sum(values) / len(values)).quantize(Decimal(1).scaleb(-dp), ROUND_HALF_UP)
        assert c["value"] == f"{mean:.{dp}f}"
        assert c["area_name"] == f"Statistical neighbours (average of {len(values)})"


@pytest.mark.parametrize(("indicator_id", "time_period", "period"), [
    ("cla-rate", "2025", "2025-03-31"),  # snapshot at 31 March
    ("sw-agency-rate", "2025", "2025-09-30"),  # snapshot at 30 September
    ("cpp-second-subsequent", "2025", "2024-25"),  # DfE's year to March 2025
    ("cla-persistent-absence", "202425", "2024-25"),  # academic year
    ("ehcp-20-weeks", "2024", "2024"),  # calendar year
    ("re-referrals", "2025", "2025-03"),  # 12 months to March
    ("sw-turnover", "2025", "2025-09"),  # 12 months to September
])
def test_dfe_years_are_read_as_the_importers_read_them(indicator_id, time_period, period):
    assert SPEC.indicator(indicator_id).dfe_period(time_period) == period


def test_rolling_march_starts_in_april():
    assert parse_canonical("2025-03", PeriodType.ROLLING_12_MONTHS).start.isoformat() == \
        "2024-04-01"


def test_packages_regenerate_exactly_from_the_extract(tmp_path):
    """The committed packages are what the shared writer makes from the spec and the extract."""
    tables, group = extract()
    for name, content in SCRIPT.build(SPEC, tables, group).items():
        written = write_package(tmp_path / name, content)
        committed = ROOT / "datapackages" / name
        assert sorted(p.name for p in written) == sorted(p.name for p in committed.iterdir())
        for path in written:
            assert path.read_bytes() == (committed / path.name).read_bytes(), path.name


# --- the spec file -----------------------------------------------------------------------------


@pytest.mark.parametrize(("counts", "hidden"), [
    ([40, 12, 9], [False, False, False]),
    ([40, 3, 9], [False, True, True]),  # one small count: the next smallest goes too
    ([40, 5, 2], [False, True, True]),  # the threshold (5) itself is small
    ([40, 6, 9], [False, False, False]),
    ([40, 0, 9], [False, False, False]),  # zero reveals nobody
])
def test_breakdowns_suppress_up_to_the_sites_threshold(counts, hidden):
    assert FIGURES.suppress(counts) == hidden


def test_small_denominators_are_suppressed_at_the_sites_threshold():
    rows = [row for row in all_rows("observations") if row["indicator_id"] == "iha-20-days"]
    hidden = [row for row in rows if row["missing"] == "c"]
    assert hidden, "the example shows a month suppressed for small numbers"
    # No note: the site would not publish it beside a suppressed figure (analysis/notes.py).
    assert all(row["note"] == "" for row in hidden)
    assert all(int(row["denominator"]) > 5 for row in rows if row["denominator"])


def _spec_data() -> dict[str, Any]:
    return yaml.safe_load(SPEC_MODULE.SPEC_FILE.read_text(encoding="utf-8"))


def _set(path: str, value: Any):
    """Return a change to the spec: set (or, with None, delete) the field at a dotted path."""
    def change(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = data
        for part in parents:
            if part.startswith("@"):  # an indicator by its id
                target = next(item for item in target if item["id"] == part[1:])
            else:
                target = target[int(part)] if isinstance(target, list) else target[part]
        if value is None:
            del target[last]
        else:
            target[last] = value
    return change


BROKEN = [  # (change, key path, message): schema problems first, then those across keys
    (_set("indicators.@contacts.title", None), "indicators.contacts.title", "'title' is missing"),
    (_set("indicators.@re-referrals.series.noise", "high"), "indicators.re-referrals.series.noise",
     "'high' is text, not a number"),
    (_set("indicators.@contacts.titel", "Contacts"), "indicators.contacts.titel",
     "unknown key 'titel'"),
    (_set("indicators.@contacts.unit", "percent"), "indicators.contacts.unit",
     "'percent' is not one of the allowed values"),
    (_set("indicators.@re-referrals.targets", [[22, "2"]]), "indicators.re-referrals.targets[1][2]",
     "'2' is text, not a number"),
    (_set("indicators.@re-referrals.comparators.period_end", "3"),
     "indicators.re-referrals.comparators.period_end", "'3' is not written in the right form"),
    (_set("indicators.@contacts.gaps.2023-11.missing", "n/a"),
     "indicators.contacts.gaps.2023-11.missing", "'n/a' is not one of the allowed values"),
    (_set("indicators.@contacts.series.kind", "pct"), "indicators.contacts.series.denominator",
     "'denominator' is missing"),
    (_set("packages.northbridge-childrens.service_areas.0.item", "one"),
     "packages.northbridge-childrens.service_areas.front-door.item", "'one' is text, not a whole"),
    (_set("council.region", None), "council.region", "'region' is missing"),
    (_set("indicators.@contacts.periods", "weeks"), "indicators.contacts.periods",
     "'weeks' is not one of the period_lists"),
    (_set("period_lists.months.first", "2019-4"), "period_lists.months.first",
     "'2019-4' must be written as '2019-04'"),
    (_set("indicators.@re-referrals.flags.2031-01", {"flags": "revised"}),
     "indicators.re-referrals.flags.2031-01", "'2031-01' is not one of the indicator's periods"),
    (_set("indicators.@re-referrals.targets", [[22]]), "indicators.re-referrals.targets[1]",
     "[22] is not a pair for target year 1 of 3"),
    (_set("indicators.@referrals.range_note", None), "indicators.referrals.range_note",
     "'range_note' is missing"),
    (_set("indicators.@re-referrals.comparators.period_end", None),
     "indicators.re-referrals.comparators.period_end",
     "a rolling_12_months indicator needs period_end"),
    (_set("indicators.@contacts.package", "northbridge-adults"), "indicators.contacts.package",
     "'northbridge-adults' is not one of the packages"),
    (_set("indicators.@contacts.service_area", "send"), "indicators.contacts.service_area",
     "'send' is not a service area of northbridge-childrens"),
    (_set("indicators.@cla-rate.numerator_from", "cla-counts"),
     "indicators.cla-rate.numerator_from", "'cla-counts' is not a count indicator"),
    (_set("indicators.@residential-placements.denominator_from", "cla-rate"),
     "indicators.residential-placements.denominator_from", "'cla-rate' is not a count indicator"),
    (_set("breakdowns.0.indicator", "re-referrals"), "breakdowns[1].indicator",
     "'re-referrals' is not a count indicator"),
    (_set("breakdowns.1.numerators", {"Children's homes": "residential-placements"}),
     "breakdowns[2].numerators.Children's homes",
     "'Children's homes' is not one of the breakdown's categories"),
    (_set("breakdowns.1.numerators", {"Placed for adoption": "adoptions"}),
     "breakdowns[2].numerators.Placed for adoption", "'adoptions' is not an indicator"),
]


def _problems(tmp_path: Path, data: dict[str, Any]) -> list[Any]:
    """Return the problems read_spec reports for the spec data, written to a file."""
    path = tmp_path / "series.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    with pytest.raises(SPEC_MODULE.SpecError) as raised:
        SCRIPT.read_spec(path)
    assert all(problem.file == str(path) for problem in raised.value.problems)
    return list(raised.value.problems)


@pytest.mark.parametrize(("change", "where", "message"), BROKEN, ids=[w for _, w, _ in BROKEN])
def test_a_broken_spec_names_the_file_and_key_path(tmp_path, change, where, message):
    data = copy.deepcopy(_spec_data())
    change(data)
    found = [(p.field, p.message) for p in _problems(tmp_path, data)]
    assert any(field == where and message in text for field, text in found), found


def test_every_schema_problem_is_reported_together(tmp_path):
    data = _spec_data()
    for change, _, _ in BROKEN[:4]:
        change(data)
    found = _problems(tmp_path, data)
    assert [p.field for p in found] == sorted(where for _, where, _ in BROKEN[:4])
    assert all(p.fix for p in found)


def test_the_schema_declares_the_formats_columns_and_the_models_enums():
    """The indicators' columns, units, polarities, period types... are the package format's."""
    definitions = SPEC_MODULE.SCHEMA["$defs"]
    indicator = definitions["indicator"]["properties"]
    for resource, declared in [("indicators", indicator), ("ratings", indicator["rating"]["properties"])]:
        for field in fmt.schema(resource)["fields"]:
            if field["name"] == "indicator_id":
                continue
            constraints = field.get("constraints", {})
            assert declared[field["name"]].get("enum") == constraints.get("enum"), field["name"]
    assert indicator["unit"]["enum"] == [unit.value for unit in Unit]
    assert indicator["polarity"]["enum"] == [polarity.value for polarity in Polarity]
    assert indicator["period_type"]["enum"] == [kind.value for kind in PeriodType]
    assert indicator["status"]["enum"] == [status.value for status in Status]
    gap, flag = (indicator[key]["additionalProperties"]["properties"] for key in ("gaps", "flags"))
    assert gap["missing"]["enum"] == [symbol.value for symbol in Missing]
    assert flag["flags"]["enum"] == [flag.value for flag in Flag]
    series = definitions["series"]["properties"]
    assert series["kind"]["enum"] == list(SPEC_MODULE.SERIES_KINDS)
    assert list(series) == [field.name for field in dataclasses.fields(SPEC_MODULE.Series)]
    package = SPEC_MODULE.SCHEMA["properties"]["packages"]["additionalProperties"]["properties"]
    for resource in ("service_areas", "priorities"):
        assert list(package[resource]["items"]["properties"]) == fmt.field_names(resource)


def test_a_spec_that_is_not_yaml_is_refused(tmp_path):
    path = tmp_path / "series.yml"
    path.write_text("indicators: [\n", encoding="utf-8")
    with pytest.raises(SPEC_MODULE.SpecError, match="series.yml: cannot be read"):
        SCRIPT.read_spec(path)


def test_a_broken_spec_stops_the_script_with_its_problems(tmp_path, monkeypatch, capsys):
    path = tmp_path / "series.yml"
    path.write_text("council: {}\n", encoding="utf-8")
    monkeypatch.setattr(SCRIPT, "read_spec", lambda: SPEC_MODULE.read_spec(path))
    assert SCRIPT.main(["--check"]) == 1
    err = capsys.readouterr().err
    assert f'{path}, field "council.name": \'name\' is missing' in err
    assert "Traceback" not in err


#: The example as issue 14 found it: 100 of 588 children in care in residential homes on 30
#: September 2025, while the children in care count said 573 for the same day.
RESIDENTIAL_NOW = "residential-placements,2025-09-30,16.9,97,573,,,"
RESIDENTIAL_BEFORE = "residential-placements,2025-09-30,17.0,100,588,,,"


def test_the_example_links_the_children_in_care_count():
    linked = {row["id"]: (row["numerator_from"], row["denominator_from"])
              for row in all_rows("indicators") if row["numerator_from"] or row["denominator_from"]}
    assert linked == {"cla-rate": ("cla-count", ""), "cla-placements-3plus": ("", "cla-count"),
                      "residential-placements": ("", "cla-count")}
    assert RESIDENTIAL_NOW in (PACKAGES[0] / "observations.csv").read_text(encoding="utf-8")


def test_check_reports_the_residential_homes_contradiction(tmp_path):
    """Issue 14's contradiction, put back into a copy of the example, is reported with both rows."""
    folders = [tmp_path / package.name for package in PACKAGES]
    for package, folder in zip(PACKAGES, folders, strict=True):
        shutil.copytree(package, folder)
    observations = folders[0] / "observations.csv"
    text = observations.read_text(encoding="utf-8")
    observations.write_text(text.replace(RESIDENTIAL_NOW, RESIDENTIAL_BEFORE), encoding="utf-8")
    _, problems = check_packages(folders)
    assert [(p.file, p.row, p.field, p.rule, p.message) for p in problems] == [(
        str(observations), 679, "denominator", "link-mismatch",
        "the denominator for 30 September 2025 is 588, but the value of 'cla-count' for 30 "
        f"September 2025 is 573 ({observations}, row 613, field \"value\"); denominator_from of "
        f"'residential-placements' ({folders[0] / 'indicators.csv'}, row 17) says they are the "
        "same count")]


def test_the_placement_breakdown_counts_the_same_residential_children():
    """The children in care page's breakdown and the residential homes page give one count."""
    numerators = {row["period"]: row["numerator"] for row in all_rows("observations")
                  if row["indicator_id"] == "residential-placements"}
    homes = {row["period"]: row["value"] for row in all_rows("breakdowns")
             if row["category"] == "Children's homes and residential settings"}
    assert len(homes) == 8
    assert homes == {period: numerators[period] for period in homes}
