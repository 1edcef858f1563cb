"""The council table: every code and name DfE has used, reorganised councils, joint rows, London."""

from __future__ import annotations

import csv
from collections import defaultdict
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from generator.importers.councils import (
    council_codes,
    find_council,
    joint_councils,
    neighbour_councils,
    read_councils,
    read_neighbours,
    require_current,
)
from generator.importers.ees import read_ees
from generator.importers.lait import read_lait
from generator.importers.mapping import SHIPPED_MAPPING, read_mapping
from generator.importers.package import PackageContent
from generator.importers.run import ImportOptions, import_package
from generator.problems import DataError, Problem

ALL = Path(__file__).parent / "fixtures" / "dfe_all"
EES = ALL / "ees"
LAIT = ALL / "lait" / "lait_all.parquet"
NEIGHBOURS = Path(__file__).parent / "fixtures" / "dfe" / "statistical_neighbours_may_2025.xlsx"
COUNCILS = read_councils()
WORKFORCE = ("agency-social-workers", "social-worker-caseload", "social-worker-turnover",
             "social-worker-vacancies")


@pytest.mark.parametrize("query, old_code", [
    ("E08000016", "370"), ("E08000038", "370"), ("Barnsley", "370"),  # Barnsley's old, new code
    ("E08000019", "373"), ("E08000039", "373"),  # Sheffield
    ("E08000020", "390"), ("E08000037", "390"),  # Gateshead
    ("E06000048", "929"), ("E06000057", "929"),  # Northumberland
    ("E10000023", "815"), ("E06000065", "815"),  # North Yorkshire: county code, unitary code
    ("E10000002", "825"), ("E10000027", "933"),  # Buckinghamshire, Somerset as counties
    ("Durham", "840"), ("Bedford Borough", "822"), ("Herefordshire", "884"),  # LAIT's names
    ("Kingston Upon Hull, City of", "810"),
    ("Dorset", "838"), ("E06000059", "838"),  # the current Dorset, not the county council
    ("Dorset County Council", "835"), ("E10000009", "835"), ("Dorset (Pre LG)", "835"),
    ("Poole", "836"), ("Poole (Pre LG)", "836"), ("E06000029", "836"), ("837", "837"),
    ("Cumbria", "909"), ("E10000006", "909"), ("Northamptonshire", "928"),
    ("Bournemouth, Christchurch and Poole", "839"), ("Cumberland", "942"),
])
def test_find_council_by_any_code_or_name(query: str, old_code: str) -> None:
    assert find_council(query, COUNCILS).old_code == old_code


@pytest.mark.parametrize("query, message", [
    ("Poole", "Poole was abolished in 2019; its area is now Bournemouth, Christchurch and Poole "
              "(839, E06000058)"),
    ("Bournemouth", "Bournemouth was abolished in 2019; its area is now Bournemouth, "
                    "Christchurch and Poole (839, E06000058)"),
    ("E10000009", "Dorset County Council was abolished in 2019; its area is now Dorset (838, "
                  "E06000059) and Bournemouth, Christchurch and Poole (839, E06000058)"),
    ("Cumbria", "Cumbria was abolished in 2023; its area is now Cumberland (942, E06000063) and "
                "Westmorland and Furness (943, E06000064)"),
    ("928", "Northamptonshire was abolished in 2021; its area is now North Northamptonshire "
            "(940, E06000061) and West Northamptonshire (941, E06000062)"),
])
def test_an_abolished_council_is_refused_naming_its_successors(query: str, message: str) -> None:
    with pytest.raises(DataError) as error:
        require_current(find_council(query, COUNCILS), COUNCILS)
    assert [(p.rule, p.message) for p in error.value.problems] == [("council-abolished", message)]


def test_an_abolished_council_is_refused_by_the_import(tmp_path: Path) -> None:
    with pytest.raises(DataError) as error:
        import_package("ees", [EES], ImportOptions("Poole", tmp_path / "out"))
    assert error.value.problems[0].rule == "council-abolished"
    assert not (tmp_path / "out").exists()


def _ees_areas() -> set[tuple[str, str, str]]:
    found = set()
    for path in sorted(EES.glob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            found |= {(row["old_la_code"], row["new_la_code"], row["la_name"])
                      for row in csv.DictReader(handle) if row["geographic_level"] == "Local authority"}
    return found


def test_the_table_accounts_for_every_area_in_dfes_files() -> None:
    """Every (LA number, GSS code) DfE's files give a council resolves to one council."""
    index = council_codes(COUNCILS)
    ees = _ees_areas()
    for old, new, name in ees:
        by_number, by_gss = joint_councils(old, index), joint_councils(new, index)
        assert by_number and by_number == by_gss, (old, new, name)
        assert len(by_number) == len(old.split("/")), (old, new, name)
    frame = pd.read_parquet(LAIT)
    for number, name in set(zip(frame["LA Number"], frame["LA and Regions"], strict=True)):
        code = str(int(number))
        if int(code) < 970:  # 970 is England, 980 to 990 the regions
            assert find_council(name, COUNCILS).old_code == code, name
    assert len(ees) == 163  # the held-back councils (Camden, Darlington) are absent


@pytest.mark.parametrize("council, neighbour, resolved", [
    ("837", "836", ("836", "E06000029", "Poole")),  # Bournemouth's neighbours, under "Old SNs"
    ("836", "835", ("835", "E10000009", "Dorset County Council")),
    ("909", "925", ("925", "E10000019", "Lincolnshire")),  # Cumbria's, under "Old SNs"
    ("928", "886", ("886", "E10000016", "Kent")),  # Northamptonshire's
    ("822", "941", ("941", "E06000062", "West Northamptonshire")),
    ("872", "825", ("825", "E06000060", "Buckinghamshire")),  # current code, not E10000002
    ("372", "370", ("370", "E08000038", "Barnsley")),  # Rotherham's: Barnsley's current code
])
def test_neighbours_are_resolved_through_the_table(council: str, neighbour: str,
                                                  resolved: tuple[str, str, str]) -> None:
    group = neighbour_councils(find_council(council, COUNCILS), COUNCILS, read_neighbours(NEIGHBOURS))
    assert group is not None and len(group) == 10
    found = group[neighbour]
    assert (found.old_code, found.gss_code, found.name) == resolved


@pytest.mark.parametrize("kind", ["ees", "lait"])
def test_no_area_is_under_two_codes(kind: str) -> None:
    """Read every council's rows once, all as neighbours: each has one code, its current one."""
    mapping, _ = read_mapping(SHIPPED_MAPPING)
    assert mapping is not None
    problems: list[Problem] = []
    council = find_council("358", COUNCILS)
    if kind == "ees":
        figures, _ = read_ees([EES], mapping, council, {c.old_code for c in COUNCILS}, problems)
    else:
        figures = read_lait(LAIT, mapping, council, {c.old_code: c for c in COUNCILS}, problems)
    assert problems == []
    codes: dict[str, set[str]] = defaultdict(set)
    for figure in figures:
        if figure.area.type == "neighbour":
            codes[figure.area.name].add(figure.area.code)
    current = {c.name: c.gss_code for c in COUNCILS}
    assert {name: found for name, found in codes.items() if found != {current[name]}} == {}
    assert {"Barnsley", "North Yorkshire", "Poole", "Kingston upon Thames"} <= set(codes)


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], PackageContent]:
    out = tmp_path_factory.mktemp("councils")
    packages = {}
    for kind, source in (("ees", EES), ("lait", LAIT)):
        for council in ("314", "318", "940", "941", "822", "872", "306"):
            packages[(kind, council)] = import_package(kind, [source], ImportOptions(
                council, out / kind / council, neighbours=NEIGHBOURS, release_date=date(2025, 12, 1)))
    return packages


def _notes(content: PackageContent, indicator: str) -> list[str]:
    row = next(r for r in content.tables["indicators"] if r["id"] == indicator)
    return row["data_notes"].split("\n\n")


KINGSTON_RICHMOND = ("Joint figure for Kingston upon Thames and Richmond upon Thames, {periods}: "
                     "the councils run the service together, so DfE publishes one figure for "
                     "them, used here as each council's figure.")
NORTHAMPTONSHIRE = ("Joint figure for North Northamptonshire and West Northamptonshire, "
                    "{periods}: the councils run the service together, so DfE publishes one "
                    "figure for them, used here as each council's figure.")


SEP_2017_TO_2025 = "30 September 2017 to 30 September 2025"
SEP_2021_TO_2025 = "30 September 2021 to 30 September 2025"


@pytest.mark.parametrize("council, indicator, note", [
    ("314", "agency-social-workers", KINGSTON_RICHMOND.format(periods=SEP_2017_TO_2025)),
    ("318", "social-worker-caseload", KINGSTON_RICHMOND.format(periods=SEP_2017_TO_2025)),
    ("318", "social-worker-turnover", KINGSTON_RICHMOND.format(periods="Sep 2017 to Sep 2025")),
    ("940", "social-worker-vacancies", NORTHAMPTONSHIRE.format(periods=SEP_2021_TO_2025)),
    ("941", "social-worker-turnover", NORTHAMPTONSHIRE.format(periods="Sep 2021 to Sep 2025")),
    # Bedford has West Northamptonshire as a neighbour: the joint figure is its neighbour's.
    ("822", "agency-social-workers", NORTHAMPTONSHIRE.format(periods=SEP_2021_TO_2025)),
])
def test_a_joint_row_is_each_councils_figure_with_a_note(
        imported: dict[tuple[str, str], PackageContent], council: str, indicator: str,
        note: str) -> None:
    content = imported[("ees", council)]
    assert len(content.tables["indicators"]) == 20  # the four workforce indicators included
    assert note in _notes(content, indicator)


@pytest.mark.parametrize("council", ["314", "318", "940", "941"])
def test_joint_councils_get_every_workforce_indicator(
        imported: dict[tuple[str, str], PackageContent], council: str) -> None:
    for kind in ("ees", "lait"):
        ids = {row["indicator_id"] for row in imported[(kind, council)].tables["observations"]}
        assert set(WORKFORCE) <= ids, kind


@pytest.mark.parametrize("kind, council, indicator, region", [
    ("ees", "318", "ehc-plans-20-weeks", ("E12000007", "London")),
    ("ees", "306", "ehc-plans-20-weeks-all", ("E12000007", "London")),
    ("ees", "318", "re-referrals", ("E13000002", "Outer London")),
    ("lait", "314", "ehc-plans-20-weeks", ("E12000007", "London")),
    ("lait", "314", "children-looked-after-rate", ("E13000002", "Outer London")),
    ("ees", "872", "ehc-plans-20-weeks", ("E12000008", "South East")),
])
def test_london_councils_ehc_region_is_london(
        imported: dict[tuple[str, str], PackageContent], kind: str, council: str, indicator: str,
        region: tuple[str, str]) -> None:
    rows = [r for r in imported[(kind, council)].tables["comparators"]
            if r["indicator_id"] == indicator and r["area_type"] == "region"]
    assert rows and {(r["area_code"], r["area_name"]) for r in rows} == {region}
    note = ("DfE publishes this indicator for London as a whole, not for Outer London, so the "
            "regional comparison here is with London ({periods}); other indicators compare with "
            "Outer London.")
    periods = "2019 to 2024" if kind == "ees" else "2016 to 2024"
    assert (note.format(periods=periods) in _notes(imported[(kind, council)], indicator)) == (
        region[1] == "London")


def test_every_column_of_the_table_is_documented() -> None:
    from tests.test_docs import IMPORTING, section, table_rows

    with (ALL.parents[1] / "../generator/importers/mappings/councils.csv").resolve().open(
            encoding="utf-8") as handle:
        columns = next(csv.reader(handle))
    assert set(table_rows(section(IMPORTING, "The council table"))) == {"column", *columns}
