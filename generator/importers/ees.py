"""Read DfE "explore education statistics" tidy CSVs: figures for a council and its comparators.

DfE's tidy-data standard: one row per time period x geography x filter combination, with the
columns below, then filter columns, then indicator columns. Cells are kept as published text.
"""

from __future__ import annotations

import csv
import fnmatch
from collections.abc import Iterable
from pathlib import Path

from generator.importers.councils import Council
from generator.importers.mapping import IndicatorMapping, Mapping
from generator.importers.package import COUNCIL, OTHER, Area, Figure
from generator.importers.published import TIME_IDENTIFIERS, CellError, dfe_period, read_cell
from generator.input.files import special_file_problem
from generator.model.periods import PeriodError
from generator.model.site import AreaType
from generator.problems import CODES, Problem

GEOGRAPHY_COLUMNS = ("time_period", "time_identifier", "geographic_level", "country_code",
                     "region_code", "region_name", "old_la_code", "new_la_code", "la_name")


def source_files(paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """Return (files named on the command line, CSV files found in named folders), sorted."""
    named, found = [], []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir() if p.suffix.lower() == ".csv"))
        else:
            named.append(path)
    return sorted(named), found


def _entries(path: Path, mapping: Mapping) -> list[IndicatorMapping]:
    return [item for item in mapping.indicators
            if item.ees and fnmatch.fnmatch(path.name.lower(), item.ees.file.lower())]


def _area(row: dict[str, str], council: Council, region_code: str,
          neighbours: set[str]) -> Area | None:
    level = row["geographic_level"].strip()
    if level == "National":
        return Area(AreaType.ENGLAND.value, row["country_code"],
                    row.get("country_name") or "England")
    if level == "Regional":
        if row["region_code"] == region_code:
            return Area(AreaType.REGION.value, row["region_code"], row["region_name"])
        return None
    if level != "Local authority":
        return None
    if row["old_la_code"] == council.old_code or row["new_la_code"] == council.gss_code:
        return Area(COUNCIL, row["new_la_code"], row["la_name"])
    if row["old_la_code"] in neighbours:
        return Area(AreaType.NEIGHBOUR.value, row["new_la_code"], row["la_name"])
    return Area(OTHER, row["new_la_code"], row["la_name"])  # for every council's figures


def _period(row: dict[str, str], item: IndicatorMapping, file: str, number: int,
            problems: list[Problem]) -> str | None:
    identifier = row["time_identifier"].strip()
    allowed = TIME_IDENTIFIERS.get(identifier.lower())
    if allowed is None or item.period_type not in allowed:
        problems.append(Problem(file, number, "time_identifier",
                                f"'{identifier}' periods cannot be read as "
                                f"{item.period_type.value} for '{item.id}'",
                                CODES["ees-time-identifier"].fix,
                                "ees-time-identifier"))
        return None
    try:
        return dfe_period(row["time_period"], item.period_type, item.period_end).code
    except PeriodError as error:
        problems.append(Problem(file, number, "time_period", str(error),
                                CODES["ees-period"].fix, "ees-period"))
        return None


def _cell(row: dict[str, str], column: str, file: str, number: int,
          problems: list[Problem]) -> str | None:
    try:
        return read_cell(row[column]).value
    except CellError as error:
        problems.append(Problem(file, number, column, str(error),
                                CODES["ees-cell"].fix, "ees-cell"))
        return None


def read_ees_file(path: Path, entries: list[IndicatorMapping], council: Council,
                  neighbours: set[str], problems: list[Problem]) -> list[Figure]:
    """Return the figures of one tidy CSV for the council, England, its region and neighbours."""
    file = str(path)
    figures: list[Figure] = []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        header = [name.strip() for name in reader.fieldnames or []]
        reader.fieldnames = header
        missing_geo = [name for name in GEOGRAPHY_COLUMNS if name not in header]
        if missing_geo:
            problems.append(Problem(file, 1, missing_geo[0], "unknown file layout: this is not a "
                                    "DfE tidy CSV (no " + ", ".join(missing_geo) + " column)",
                                    CODES["ees-layout"].fix,
                                    "ees-layout"))
            return []
        usable = []
        for item in entries:
            assert item.ees is not None
            absent = [name for name in item.ees.columns() if name not in header]
            for name in absent:
                problems.append(Problem(file, 1, name, f"column '{name}' needed by '{item.id}' is "
                                        "missing", CODES["ees-missing-column"].fix,
                                        "ees-missing-column"))
            if not absent:
                usable.append(item)
        region_code = council.region_code
        seen: dict[tuple[str, str, str, str], int] = {}
        for number, row in enumerate(reader, start=2):
            area = _area(row, council, region_code, neighbours)
            if area is None:
                continue
            for item in usable:
                source = item.ees
                assert source is not None
                if any(row[column].strip() != value for column, value in source.filters):
                    continue
                period = _period(row, item, file, number, problems)
                if period is None:
                    continue
                key = (item.id, period, area.type, area.code)
                if key in seen:
                    problems.append(Problem(file, number, source.value, f"'{item.id}' has more "
                                            f"than one row for {area.name}, {period} (also row "
                                            f"{seen[key]})", CODES["ees-duplicate"].fix, "ees-duplicate"))
                    continue
                seen[key] = number
                try:
                    cell = read_cell(row[source.value])
                except CellError as error:
                    problems.append(Problem(file, number, source.value, str(error),
                                            CODES["ees-cell"].fix,
                                            "ees-cell"))
                    continue
                numerator = (_cell(row, source.numerator_column, file, number, problems)
                             if source.numerator_column else "")
                denominator = (_cell(row, source.denominator_column, file, number, problems)
                               if source.denominator_column else "")
                figures.append(Figure(item.id, period, area, cell, numerator or "",
                                      denominator or "", file, number))
    return figures


def read_ees(paths: Iterable[Path], mapping: Mapping, council: Council, neighbours: set[str],
             problems: list[Problem]) -> tuple[list[Figure], list[str]]:
    """Return the figures from every mapped file, and the names of the files used."""
    named, found = source_files(paths)
    figures: list[Figure] = []
    used: list[str] = []
    for path in named + found:
        special = special_file_problem(path, str(path))
        if special is not None:
            problems.append(special)
            continue
        if not path.is_file():
            problems.append(Problem(str(path), None, "", "the file does not exist",
                                    CODES["source-missing"].fix, "source-missing"))
            continue
        entries = _entries(path, mapping)
        if not entries:
            if path in named:
                problems.append(Problem(str(path), None, "", "unknown file layout: no indicator "
                                        "in the mapping uses this file",
                                        CODES["ees-unmapped"].fix,
                                        "ees-unmapped"))
            continue
        figures.extend(read_ees_file(path, entries, council, neighbours, problems))
        used.append(path.name)
    return figures, used
