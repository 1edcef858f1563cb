"""Which mapping entries a tidy CSV serves: by its file name, or else by its columns and filters.

DfE does not always name a file as the mapping's pattern expects (the EHC plans zip holds
``timeliness_20_week.csv`` where the mapping names ``sen2_timeliness_20_week*.csv``), so a file
that no pattern names is recognised by its layout: the header has every column an entry needs
and the rows hold every filter value the entry picks. Layout only stands in for a name that is
missing: an entry that some file matches by name is never matched by layout as well, so one
indicator never gets figures from two files.
"""

from __future__ import annotations

import csv
import fnmatch
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.importers.mapping import IndicatorMapping, Mapping

GEOGRAPHY_COLUMNS = ("time_period", "time_identifier", "geographic_level", "country_code",
                     "region_code", "region_name", "old_la_code", "new_la_code", "la_name")


@dataclass(frozen=True)
class FileMatch:
    """A source file and the mapping entries it serves."""

    path: Path
    entries: tuple[str, ...]  # indicator ids, in the mapping's order
    by_layout: bool = False  # matched by its columns and filters, not by its name


@dataclass(frozen=True)
class Layout:
    """What a tidy CSV holds: its header and the values of the columns entries filter on."""

    header: tuple[str, ...]
    values: dict[str, frozenset[str]]

    def lacks(self, item: IndicatorMapping) -> list[str]:
        """Return what the file lacks for an entry, in words: columns, then filter values."""
        assert item.ees is not None
        absent = [f"column '{name}'" for name in item.ees.columns() if name not in self.header]
        absent += [f"rows where {column} is '{value}'" for column, value in item.ees.filters
                   if column in self.header and value not in self.values.get(column, frozenset())]
        return absent


def by_name(path: Path, mapping: Mapping) -> list[IndicatorMapping]:
    """Return the entries whose file pattern matches the file's name."""
    return [item for item in mapping.indicators
            if item.ees and fnmatch.fnmatch(path.name.lower(), item.ees.file.lower())]


def read_layout(path: Path, mapping: Mapping) -> Layout:
    """Return the file's header and the values of every column some entry filters on.

    A file that is not UTF-8 CSV text has an empty layout: it serves no entry.
    """
    try:
        return _read_layout(path, mapping)
    except (UnicodeDecodeError, csv.Error):
        return Layout((), {})


def _read_layout(path: Path, mapping: Mapping) -> Layout:
    filtered = {column for item in mapping.indicators if item.ees
                for column, _ in item.ees.filters}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = tuple(name.strip() for name in next(reader, []))
        wanted = [(index, name) for index, name in enumerate(header) if name in filtered]
        values: dict[str, set[str]] = {name: set() for _, name in wanted}
        for row in reader:
            for index, name in wanted:
                if index < len(row):
                    values[name].add(row[index].strip())
    return Layout(header, {name: frozenset(found) for name, found in values.items()})


def by_layout(layout: Layout, candidates: Iterable[IndicatorMapping]) -> list[IndicatorMapping]:
    """Return the candidate entries the file's layout serves (it must be a DfE tidy CSV)."""
    if any(name not in layout.header for name in GEOGRAPHY_COLUMNS):
        return []
    return [item for item in candidates if item.ees and not layout.lacks(item)]


def closest(layout: Layout, mapping: Mapping) -> tuple[IndicatorMapping, list[str]] | None:
    """Return the entry the file comes nearest to serving, and what it lacks for it.

    Nearest is the entry with the most of its columns and filter values in the file, then the
    fewest lacking, then the first in the mapping.
    """
    ranked = []
    for index, item in enumerate(mapping.indicators):
        if item.ees is None:
            continue
        lacks = layout.lacks(item)
        needs = len(item.ees.columns()) + len(item.ees.filters)
        ranked.append((-(needs - len(lacks)), len(lacks), index, item, lacks))
    if not ranked:
        return None
    best = min(ranked, key=lambda entry: entry[:3])
    return best[3], best[4]
