"""Read DfE "explore education statistics" tidy CSVs: figures for a council and its comparators.

DfE's tidy-data standard: one row per time period x geography x filter combination, with the
columns below, then filter columns, then indicator columns. Cells are kept as published text.
"""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from generator.importers.archives import unpack
from generator.importers.councils import Council, council_codes, joint_councils, read_councils
from generator.importers.mapping import IndicatorMapping, Mapping
from generator.importers.matching import (
    GEOGRAPHY_COLUMNS,
    FileMatch,
    by_layout,
    by_name,
    closest,
    read_layout,
)
from generator.importers.package import COUNCIL, OTHER, Area, Figure, joint_note
from generator.importers.published import TIME_IDENTIFIERS, CellError, dfe_period, read_cell
from generator.input.files import special_file_problem
from generator.model.periods import PeriodError
from generator.model.site import AreaType
from generator.problems import CODES, Problem


def source_files(paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """Return (files named on the command line, CSV files found in named folders), sorted."""
    named, found = [], []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir() if p.suffix.lower() == ".csv"))
        else:
            named.append(path)
    return sorted(named), found


def _areas(row: dict[str, str], council: Council, regions: tuple[str, ...], neighbours: set[str],
           index: dict[str, Council]) -> list[tuple[Area, str]]:
    """Return the areas a row is a figure for, each with its note (a joint row's label).

    Councils are matched through the councils table by any code DfE has used for them and take
    its current code and name, so one area has one code whatever year the row is from. A joint
    row ("314 / 318") is a figure for each council it names.
    """
    level = row["geographic_level"].strip()
    if level == "National":
        return [(Area(AreaType.ENGLAND.value, row["country_code"],
                      row.get("country_name") or "England"), "")]
    if level == "Regional":
        if row["region_code"] in regions:
            return [(Area(AreaType.REGION.value, row["region_code"], row["region_name"]), "")]
        return []
    if level != "Local authority":
        return []
    covered = (joint_councils(row["old_la_code"], index)
               or joint_councils(row["new_la_code"], index))
    note = joint_note(c.name for c in covered) if len(covered) > 1 else ""
    areas = []
    for found in covered:
        if found.old_code == council.old_code:
            areas.append((Area(COUNCIL, council.gss_code, council.name), note))
        elif found.old_code in neighbours:
            areas.append((Area(AreaType.NEIGHBOUR.value, found.gss_code, found.name), note))
        else:  # any other council, for every council's figures (every_council.py)
            areas.append((Area(OTHER, found.gss_code, found.name), note))
    return areas


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
                  neighbours: set[str], problems: list[Problem],
                  index: dict[str, Council] | None = None) -> list[Figure]:
    """Return the figures of one tidy CSV for the council, England, its region and neighbours.

    ``neighbours`` holds the neighbours' LA numbers; ``index`` is the councils table by code
    (``council_codes``), read from the shipped table when not given.
    """
    file = str(path)
    index = council_codes(read_councils()) if index is None else index
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
        # The council's region, and the wider one (London) for files that publish only that.
        regions = (council.region_code, *(council.wider_region or ())[:1])
        seen: dict[tuple[str, str, str, str], int] = {}
        # A joint row is a figure for each council it covers that is the council or a neighbour.
        rows = ((number, row, area, note) for number, row in enumerate(reader, start=2)
                for area, note in _areas(row, council, regions, neighbours, index))
        for number, row, area, note in rows:
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
                                      denominator or "", file, number, note))
    return figures


def _unmapped(path: Path, mapping: Mapping) -> Problem:
    """Return the problem of a named file no entry uses, naming the entry it comes closest to."""
    message = "unknown file layout: no indicator in the mapping uses this file"
    layout = read_layout(path, mapping)
    geography = [name for name in GEOGRAPHY_COLUMNS if name not in layout.header]
    nearest = closest(layout, mapping)
    if geography:
        message += (", and it is not a DfE tidy CSV (it lacks the columns "
                    + ", ".join(geography) + ")")
    elif nearest is not None:
        item, lacks = nearest
        assert item.ees is not None
        message += (f"; the closest is '{item.id}' (file {item.ees.file}), which needs "
                    + " and ".join(lacks) + ", which this file lacks")
    return Problem(str(path), None, "", message, CODES["ees-unmapped"].fix, "ees-unmapped")


def match_files(paths: Iterable[Path], mapping: Mapping,
                problems: list[Problem]) -> list[FileMatch]:
    """Return each readable source file with the entries it serves, by name or else by layout."""
    named, found = source_files(paths)
    matches: list[FileMatch] = []
    unnamed: list[Path] = []
    for path in named + found:
        special = special_file_problem(path, str(path))
        if special is not None:
            problems.append(special)
        elif not path.is_file():
            problems.append(Problem(str(path), None, "", "the file does not exist",
                                    CODES["source-missing"].fix, "source-missing"))
        elif entries := by_name(path, mapping):
            matches.append(FileMatch(path, tuple(item.id for item in entries)))
        else:
            unnamed.append(path)
    matched = {entry for match in matches for entry in match.entries}
    for path in unnamed:
        candidates = [item for item in mapping.indicators if item.ees and item.id not in matched]
        entries = by_layout(read_layout(path, mapping), candidates) if candidates else []
        if entries:
            matches.append(FileMatch(path, tuple(item.id for item in entries), by_layout=True))
            matched.update(item.id for item in entries)
        elif path in named:
            problems.append(_unmapped(path, mapping))
    return matches


def read_ees_files(paths: Iterable[Path], mapping: Mapping, council: Council,
                   neighbours: set[str], problems: list[Problem]
                   ) -> tuple[list[Figure], list[FileMatch]]:
    """Return the figures from every mapped file, and which file served which entries.

    A .zip given as a source (DfE's download) is read as a folder of its .csv files
    (``archives.py``); problems name the file inside it as ``archive.zip:data/file.csv``.
    """
    first = len(problems)
    with tempfile.TemporaryDirectory(prefix="perfsite-import-") as temp:
        sources, shown = [], {}
        for number, path in enumerate(paths):
            if path.suffix.lower() == ".zip" and path.is_file():
                folder = Path(temp) / str(number)
                shown.update({str(k): v for k, v in unpack(path, folder, problems).items()})
                sources.append(folder)
            else:
                sources.append(path)
        matches = match_files(sources, mapping, problems)
        indicators = {item.id: item for item in mapping.indicators}
        index = council_codes(read_councils())
        figures: list[Figure] = []
        for match in matches:
            entries = [indicators[entry] for entry in match.entries]
            figures.extend(read_ees_file(match.path, entries, council, neighbours, problems,
                                         index))
    if shown:
        problems[first:] = [replace(p, file=shown.get(p.file, p.file)) for p in problems[first:]]
        figures = [replace(f, file=shown.get(f.file, f.file)) for f in figures]
    return figures, matches


def read_ees(paths: Iterable[Path], mapping: Mapping, council: Council, neighbours: set[str],
             problems: list[Problem]) -> tuple[list[Figure], list[str]]:
    """Return the figures from every mapped file, and the names of the files used."""
    figures, matches = read_ees_files(paths, mapping, council, neighbours, problems)
    return figures, [match.path.name for match in matches]
