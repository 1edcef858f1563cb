"""Importing DfE LAIT's long file, and the pieces the importers share."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from generator.commands.importing import import_lait
from generator.importers.councils import find_council, read_councils, read_neighbours
from generator.importers.mapping import SHIPPED_MAPPING, read_mapping
from generator.importers.published import (
    Cell,
    CellError,
    dfe_period,
    mean_text,
    read_cell,
    read_lait_cell,
)
from generator.input.check import check_packages
from generator.model.periods import PeriodType
from generator.problems import DataError

FIXTURES = Path(__file__).parent / "fixtures" / "dfe"
LAIT = FIXTURES / "lait"
NEIGHBOURS = FIXTURES / "statistical_neighbours_may_2025.xlsx"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("source", ["lait_extract.parquet", "lait_extract.csv"])
def test_lait_import_passes_check_and_matches_source(tmp_path: Path, source: str) -> None:
    out = tmp_path / "package"
    result = CliRunner().invoke(import_lait, [str(LAIT / source), "--council", "358", "--out",
                                              str(out), "--neighbours", str(NEIGHBOURS),
                                              "--release-date", "2025-12-01"])
    assert result.exit_code == 0, result.output
    assert check_packages([out])[1] == []
    mapping, _ = read_mapping(SHIPPED_MAPPING)
    assert mapping is not None
    items = {item.lait.measure: item for item in mapping.indicators if item.lait}
    frame = pd.read_parquet(LAIT / "lait_extract.parquet")
    trafford = frame[frame["LA Number"] == 358]
    observations = {(r["indicator_id"], r["period"]): r for r in _rows(out / "observations.csv")}
    assert len(observations) == len(trafford)
    for measure, year, value in zip(trafford["Short Desc"], trafford["Years"], trafford["Values"],
                                    strict=True):
        item = items[measure]
        row = observations[(item.id, dfe_period(year, item.period_type, item.period_end).code)]
        if value == "-":
            assert (row["value"], row["missing"]) == ("", "x")
        else:
            assert float(row["value"]) == pytest.approx(float(value), abs=1e-9)
            assert row["value"] == f"{float(value):.15g}"  # no float artefacts
    areas = {(r["area_type"], r["area_code"]) for r in _rows(out / "comparators.csv")}
    assert ("england", "E92000001") in areas and ("region", "E12000002") in areas
    assert ("neighbour", "E10000015") in areas  # Hertfordshire, coded from the councils table


def test_lait_unknown_layout_and_absent_council(tmp_path: Path) -> None:
    odd = tmp_path / "odd.csv"
    odd.write_text("Measure,Year,Value\nLAC,2025,62\n", encoding="utf-8")
    result = CliRunner().invoke(import_lait, [str(odd), "--council", "Trafford", "--out",
                                              str(tmp_path / "a")])
    assert result.exit_code == 1 and "unknown file layout" in result.output
    result = CliRunner().invoke(import_lait, [str(LAIT / "lait_extract.csv"), "--council",
                                              "Darlington", "--out", str(tmp_path / "b")])
    assert result.exit_code == 1 and "no rows for Darlington (841, E06000005)" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("text, expected", [
    ("22.6", Cell("22.6")), ("14.70", Cell("14.70")), ("0", Cell("0")), (" 7 ", Cell("7")),
    ("c", Cell(missing="c")), ("x", Cell(missing="x")), ("z", Cell(missing="z")),
    ("k", Cell(missing="k")), ("low", Cell(missing="low")), ("u", Cell(missing="u")),
    ("C", Cell(missing="c")),
])
def test_read_cell_keeps_published_text(text: str, expected: Cell) -> None:
    assert read_cell(text) == expected


@pytest.mark.parametrize("text", ["", "12.5%", "1,234", "[r]", "n/a"])
def test_read_cell_refuses_anything_else(text: str) -> None:
    with pytest.raises(CellError):
        read_cell(text)


@pytest.mark.parametrize("text, places, expected", [
    ("14.700000000000001", 1, Cell("14.7")), ("313.39999999999998", 1, Cell("313.4")),
    ("18", 1, Cell("18")), ("10.51", 2, Cell("10.51")), ("-", 1, Cell(missing="x")),
    ("c", 0, Cell(missing="c")), ("0.0", 1, Cell("0")),
])
def test_read_lait_cell_rounds_float_artefacts(text: str, places: int, expected: Cell) -> None:
    assert read_lait_cell(text, places) == expected


@pytest.mark.parametrize("values, places, expected", [
    (["10", "11"], 0, "11"), (["22.6", "22.4", "21.5"], 1, "22.2"), (["1.25", "1.25"], 1, "1.3"),
])
def test_mean_rounds_half_up(values: list[str], places: int, expected: str) -> None:
    assert mean_text(values, places) == expected


@pytest.mark.parametrize("time_period, kind, end, code", [
    ("2025", PeriodType.FINANCIAL_YEAR, "", "2024-25"),
    ("202425", PeriodType.ACADEMIC_YEAR, "", "2024-25"),
    ("2025", PeriodType.ACADEMIC_YEAR, "", "2024-25"),
    ("2024", PeriodType.CALENDAR_YEAR, "", "2024"),
    ("2025", PeriodType.SNAPSHOT, "03-31", "2025-03-31"),
    ("2025", PeriodType.ROLLING_12_MONTHS, "09", "2025-09"),
])
def test_dfe_periods(time_period: str, kind: PeriodType, end: str, code: str) -> None:
    assert dfe_period(time_period, kind, end).code == code


@pytest.mark.parametrize("query, old", [
    ("Trafford", "358"), ("trafford council", "358"), ("358", "358"), ("E08000009", "358"),
    ("e09000003", "302"), ("Bristol", "801"), ("Camden", "202"),
])
def test_find_council(query: str, old: str) -> None:
    assert find_council(query, read_councils()).old_code == old


def test_find_council_unknown() -> None:
    with pytest.raises(DataError) as error:
        find_council("Nowhere", read_councils())
    assert error.value.problems[0].rule == "council-unknown"


def test_read_neighbours() -> None:
    table = read_neighbours(NEIGHBOURS)
    assert table["358"] == ("919", "356", "825", "931", "936", "305", "895", "873", "916", "334")
    # The 'Old SNs' block after the blank row is read too: abolished councils' neighbours.
    assert table["837"] == ("882", "879", "836", "866", "851", "373", "845", "886", "921", "880")
    assert {"835", "836", "837", "909", "928"} <= set(table)
    assert all(len(group) == 10 for group in table.values())


def test_neighbours_file_with_another_layout(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Council", "Neighbour"])
    book.save(tmp_path / "sn.xlsx")
    with pytest.raises(DataError) as error:
        read_neighbours(tmp_path / "sn.xlsx")
    assert error.value.problems[0].rule == "neighbours-layout"


def test_mapping_polarity_matches_lait_dictionary() -> None:
    mapping, problems = read_mapping(SHIPPED_MAPPING)
    assert mapping is not None, problems
    words = {"High": "higher_is_better", "Low": "lower_is_better", "-": "no_preference"}
    dictionary: dict[str, set[str]] = {}
    for row in _rows(LAIT / "lait_data_dictionary_extract.csv"):
        dictionary.setdefault(row["Measure_short"], set()).add(words[row["Polarity"]])
    for item in mapping.indicators:
        if item.lait:
            assert {item.polarity.value} == dictionary[item.lait.measure], item.id
        assert item.source_url.startswith("https://explore-education-statistics.service.gov.uk/")


def test_mapping_problems_are_reported_together(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text("service_areas: [{id: a, item: 1, title: A}]\nindicators:\n"
                   "  - id: Bad Id\n    title: t\n    question: q\n    definition: d\n"
                   "    service_area: b\n    unit: percent\n    decimal_places: 1\n"
                   "    polarity: lower_is_better\n    frequency: annual\n"
                   "    period_type: snapshot\n    source: s\n    source_url: u\n    colour: red\n",
                   encoding="utf-8")
    mapping, problems = read_mapping(bad)
    assert mapping is None
    assert {p.rule for p in problems} >= {"mapping-key", "mapping-enum", "mapping-format",
                                          "mapping-service-area", "mapping-period-end"}
    _, problems = read_mapping(bad.with_name("absent.yml"))
    assert problems[0].rule == "mapping-missing"


def test_release_date_option(tmp_path: Path) -> None:
    result = CliRunner().invoke(import_lait, [str(LAIT / "lait_extract.csv"), "--council",
                                              "Barnet", "--out", str(tmp_path / "p"),
                                              "--release-date", "1 Dec"])
    assert result.exit_code == 2 and "is not a date" in result.output
    result = CliRunner().invoke(import_lait, [str(LAIT / "lait_extract.csv"), "--council",
                                              "Barnet", "--out", str(tmp_path / "p"),
                                              "--release-id", "dfe-2025", "--release-title",
                                              "DfE 2025", "--release-date", "2025-12-01",
                                              "--name", "barnet-dfe"])
    assert result.exit_code == 0, result.output
    assert _rows(tmp_path / "p" / "releases.csv")[0]["title"] == "DfE 2025"
    assert date.fromisoformat(_rows(tmp_path / "p" / "releases.csv")[0]["date"]).year == 2025


def test_docs_describe_every_option_and_indicator() -> None:
    """The mapping's keys are checked against its schema in tests/test_docs.py."""
    docs = (Path(__file__).parents[1] / "docs" / "importing-dfe-data.md").read_text()
    for command in (import_lait,):
        for param in command.params:
            if param.opts[0].startswith("--"):
                assert f"| `{param.opts[0]}` |" in docs, param.opts[0]
    mapping, _ = read_mapping(SHIPPED_MAPPING)
    assert mapping is not None
    for item in mapping.indicators:
        assert f"| `{item.id}` |" in docs, item.id


def test_every_council_in_lait_has_one_row_per_indicator(tmp_path: Path) -> None:
    """Every council that exists now gets its figure from LAIT, those numbered 9xx included
    (Hertfordshire is 919, Surrey 936): only England (970) and the regions are not councils."""
    root = Path(__file__).resolve().parent.parent
    out = tmp_path / "out"
    result = CliRunner().invoke(import_lait, [
        str(root / "tests" / "fixtures" / "dfe_all" / "lait" / "lait_all.parquet"),
        "--council", "Trafford", "--out", str(out), "--release-date", "2025-12-01"])
    assert result.exit_code == 0, result.output
    with (root / "generator" / "importers" / "mappings" / "councils.csv").open(
            encoding="utf-8", newline="") as handle:
        current = {row["gss_code"] for row in csv.DictReader(handle) if not row["abolished"]}
    held_back = {"E09000007", "E06000005"}  # Camden and Darlington: not in the shared files
    rows: dict[str, list[str]] = {}
    with (out / "comparators.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["area_type"] == "council":
                rows.setdefault(row["indicator_id"], []).append(row["area_code"])
    assert len(rows) == 20  # every mapped indicator but the count
    for indicator, codes in rows.items():
        assert sorted(codes) == sorted(current - held_back), indicator
