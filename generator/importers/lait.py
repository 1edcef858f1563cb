"""Read DfE LAIT's long-format file (parquet or CSV) into figures for one council and comparators.

Columns: ``Short Desc`` (the measure), ``Years`` (the year the period ends), ``LA and Regions``,
``Values`` (text; ``-`` when missing), ``LA Number`` (970 England, 980-990 regions) and
``Region``. LAIT has no GSS codes, so areas are coded from the shipped councils table. LAIT
already gives each council of a joint service (Kingston upon Thames and Richmond upon Thames) the
joint figure as its own, without saying so, so no LAIT figure carries a joint note.
"""

from __future__ import annotations

from pathlib import Path

from generator.importers.councils import Council
from generator.importers.mapping import IndicatorMapping, Mapping
from generator.importers.package import COUNCIL, OTHER, Area, Figure
from generator.importers.published import CellError, dfe_period, read_lait_cell
from generator.input.files import special_file_problem
from generator.model.periods import PeriodError
from generator.model.site import AreaType
from generator.problems import CODES, Problem

COLUMNS = ("Short Desc", "Years", "LA and Regions", "Values", "LA Number")
ENGLAND_NUMBER = "970"
ENGLAND_CODE = "E92000001"
# LAIT's names of DfE's regions (London is split into inner and outer, as DfE publishes it).
LAIT_REGIONS = {
    "E12000001": "North East", "E12000002": "North West", "E12000003": "Yorkshire and the Humber",
    "E12000004": "East Midlands", "E12000005": "West Midlands", "E12000006": "East of England",
    "E12000007": "London", "E12000008": "South East", "E12000009": "South West",
    "E13000001": "London (Inner)", "E13000002": "London (Outer)",
}


def _number(value: object) -> str:
    text = "" if value is None else str(value).strip()
    if text.lower() in ("", "nan", "none"):
        return ""
    return text[:-2] if text.endswith(".0") else text


def read_table(path: Path, problems: list[Problem]) -> list[dict[str, object]] | None:
    """Return LAIT's rows as dictionaries (parquet or CSV), or None with a problem."""
    import pandas as pd

    file = str(path)
    special = special_file_problem(path, file)
    if special is not None:
        problems.append(special)
        return None
    try:
        if path.suffix.lower() == ".parquet":
            frame = pd.read_parquet(path)
        else:
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except FileNotFoundError:
        problems.append(Problem(file, None, "", "the file does not exist", CODES["source-missing"].fix,
                                "source-missing"))
        return None
    except Exception as error:  # noqa: BLE001 - any reader failure becomes a problem report
        problems.append(Problem(file, None, "", f"the file could not be read: {error}",
                                CODES["lait-unreadable"].fix, "lait-unreadable"))
        return None
    frame.columns = [str(name).strip() for name in frame.columns]
    absent = [name for name in COLUMNS if name not in frame.columns]
    if absent:
        problems.append(Problem(file, 1, absent[0], "unknown file layout: this is not LAIT's long "
                                "file (no " + ", ".join(absent) + " column)",
                                CODES["lait-layout"].fix, "lait-layout"))
        return None
    return frame[list(COLUMNS)].astype(object).to_dict("records")


def read_lait(path: Path, mapping: Mapping, council: Council, neighbours: dict[str, Council],
              problems: list[Problem], seen: set[str] | None = None) -> list[Figure]:
    """Return the figures of mapped LAIT measures for the council, England, region, neighbours.

    ``seen``, when given, collects the ids of the mapped indicators the file has any row for
    (the import report tells a measure missing from the file from one without the council).
    """
    rows = read_table(path, problems)
    if rows is None:
        return []
    file = str(path)
    measures: dict[str, IndicatorMapping] = {item.lait.measure: item for item in mapping.indicators
                                             if item.lait}
    region_name = LAIT_REGIONS.get(council.region_code, council.region_name)
    # The wider region (London for an Inner or Outer London council): LAIT gives London's EHC
    # figures only for London as a whole; package.one_region keeps one regional figure.
    wider = council.wider_region
    wider_name = LAIT_REGIONS.get(wider[0], wider[1]) if wider else None
    figures: list[Figure] = []
    for number, row in enumerate(rows, start=2):
        item = measures.get(str(row["Short Desc"]).strip())
        if item is None:
            continue
        if seen is not None:
            seen.add(item.id)
        la_number = _number(row["LA Number"])
        name = str(row["LA and Regions"]).strip()
        if la_number == ENGLAND_NUMBER:
            area = Area(AreaType.ENGLAND.value, ENGLAND_CODE, "England")
        elif la_number.startswith("9") and la_number >= "980" and name == region_name:
            area = Area(AreaType.REGION.value, council.region_code, council.region_name)
        elif la_number.startswith("9") and la_number >= "980" and wider and name == wider_name:
            area = Area(AreaType.REGION.value, *wider)
        elif la_number == council.old_code:
            area = Area(COUNCIL, council.gss_code, council.name)
        elif la_number in neighbours:
            neighbour = neighbours[la_number]
            area = Area(AreaType.NEIGHBOUR.value, neighbour.gss_code, neighbour.name)
        elif la_number.isdigit() and len(la_number) == 3 and la_number < ENGLAND_NUMBER:
            area = Area(OTHER, la_number, name)  # for every council's figures
        else:
            continue
        try:
            period = dfe_period(str(row["Years"]), item.period_type, item.period_end).code
        except PeriodError as error:
            problems.append(Problem(file, number, "Years", str(error),
                                    f"LAIT gives '{item.lait.measure if item.lait else ''}' in a "
                                    "form the importer cannot read; leave it out of the mapping.",
                                    "lait-period"))
            continue
        assert item.lait is not None
        places = (item.lait.decimal_places if item.lait.decimal_places is not None
                  else item.decimal_places)
        try:
            cell = read_lait_cell(None if row["Values"] is None else str(row["Values"]), places)
        except CellError as error:
            problems.append(Problem(file, number, "Values", str(error),
                                    CODES["lait-cell"].fix, "lait-cell"))
            continue
        figures.append(Figure(item.id, period, area, cell, file=file, row=number))
    return figures
