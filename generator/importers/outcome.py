"""What became of each mapped indicator in an import: the import report, built by pure code.

``build_report`` compares the mapping with what the readers found (which files served which
entries, which LAIT measures the file holds) and the figures kept, and says for each indicator
whether it was imported, with how many periods, or why not.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from generator.importers.councils import Council
from generator.importers.mapping import IndicatorMapping, Mapping
from generator.importers.package import COUNCIL, Figure
from generator.importers.report import (
    SOURCE_WORDS,
    ImportReport,
    IndicatorReport,
    Source,
    SourceRead,
    Status,
)
from generator.model.periods import parse_canonical
from generator.model.site import NOT_COMPARABLE


def _section(item: IndicatorMapping, source: Source) -> bool:
    return (item.ees if source is Source.EES else item.lait) is not None


def _why_not(item: IndicatorMapping, read: SourceRead, council: Council) -> tuple[Status, str]:
    """Return why a source that maps the indicator gave no figure for the council."""
    files = read.files_for(item.id)
    where = ", ".join(read.looked_in) or "(nothing given)"
    if files:
        return Status.NO_ROWS, (f"{', '.join(files)} has no row for {council.name} "
                                f"({council.old_code}, {council.gss_code})")
    if read.source is Source.LAIT:
        assert item.lait is not None
        return Status.MEASURE_MISSING, f"LAIT measure {item.lait.measure} is not in {where}"
    assert item.ees is not None
    return Status.FILE_MISSING, (f"no file named {item.ees.file} or with its columns and "
                                 f"filters (looked in {where})")


def _notes(item: IndicatorMapping, reads: Sequence[SourceRead],
           council_figures: list[Figure]) -> tuple[str, ...]:
    notes = []
    for read in reads:
        for match in read.matches:
            if match.by_layout and item.id in match.entries and item.ees is not None:
                notes.append(f"file {match.path.name} matched by its columns (the mapping names "
                             f"{item.ees.file})")
    joint = sorted({figure.note for figure in council_figures if figure.note})
    notes += [f"joint row used: {note}" for note in joint]
    if item.unit in NOT_COMPARABLE:
        notes.append(f"a {item.unit.value}: no comparators (not comparable between areas)")
    return tuple(notes)


def _indicator(item: IndicatorMapping, reads: Sequence[SourceRead], council: Council,
               figures: list[Figure]) -> IndicatorReport:
    mapped = [read for read in reads if _section(item, read.source)]
    if not mapped:
        others = [SOURCE_WORDS[s] for s in Source if _section(item, s)]
        return IndicatorReport(item.id, Status.NOT_MAPPED,
                               detail="the mapping has it only in " + " and ".join(others))
    council_figures = [f for f in figures if f.area.type == COUNCIL]
    if not council_figures:
        reasons = [_why_not(item, read, council) for read in mapped]
        return IndicatorReport(item.id, reasons[0][0],
                               detail="; ".join(reason for _, reason in reasons))
    periods = tuple(sorted({figure.period for figure in council_figures}))
    numbers = any(figure.cell.is_number for figure in council_figures)
    by_source: tuple[tuple[str, int], ...] = ()
    if len(reads) > 1:
        counted = Counter(figure.origin for figure in council_figures if figure.origin)
        by_source = tuple((s.value, counted[s.value]) for s in Source if counted[s.value])
    return IndicatorReport(
        item.id, Status.IMPORTED if numbers else Status.NO_NUMBERS, periods,
        "" if numbers else f"every figure for {council.name} is a DfE symbol, none a number",
        _notes(item, reads, council_figures), by_source)


def build_report(mapping: Mapping, council: Council, reads: Sequence[SourceRead],
                 figures: Sequence[Figure]) -> ImportReport:
    """Return the report of an import: one line per mapped indicator, in the mapping's order."""
    grouped: dict[str, list[Figure]] = {item.id: [] for item in mapping.indicators}
    for figure in figures:
        grouped.setdefault(figure.indicator_id, []).append(figure)
    lines = tuple(_indicator(item, reads, council, grouped[item.id])
                  for item in mapping.indicators)
    labels = {}
    for item in mapping.indicators:
        for code in {f.period for f in grouped[item.id] if f.area.type == COUNCIL}:
            labels[code] = parse_canonical(code, item.period_type).short_label
    return ImportReport(council, tuple(read.source for read in reads), lines, labels)
