"""The rows of the pages' tables: indicators in a list, the figures, a breakdown.

Pure functions returning frozen dataclasses; each field's ``help`` is its entry in
docs/page-templates.md, which a test keeps in step with the code and the templates.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.analysis import Analysis
from generator.analysis.notes import published_note
from generator.analysis.numbers import rate_noun, table_value
from generator.analysis.rag import Rating, has_range, standards_shown
from generator.model.outcomes import Standard
from generator.model.site import AreaType, Flag, Indicator, IndicatorData, Target
from generator.model.targets import target_for
from generator.model.words import (
    COMPARATOR_COLUMN_HEADINGS,
    DIRECTION_WORDS,
    UNIT_TABLE_NOTES,
    capitalised,
)
from generator.pages.views import england_text

#: The flags a figure's cell shows in brackets after it.
MARKED_FLAGS = (Flag.PROVISIONAL, Flag.REVISED, Flag.ESTIMATED)


@dataclass(frozen=True)
class IndicatorRow:
    """One indicator in a service area's or a priority's table."""

    indicator: Indicator = field(metadata={
        "help": "The indicator: `indicator.id`, `indicator.title` ..."})
    latest: str = field(metadata={
        "help": "Its latest figure and period, such as 45.0% (2023/24), or why there is none."})
    rating: Rating = field(metadata={
        "help": "Its latest rating: give it to the `rating_chip` macro."})
    direction: str = field(metadata={
        "help": "Its direction of travel in words, such as Getting better."})
    england: str = field(metadata={
        "help": "How it compares with England in a few words, with the period of England's "
                "figure, such as Lower than England, could be chance (April 2024 to March "
                "2025)."})


def latest_text(analysis: Analysis) -> str:
    """Return an indicator's latest figure with its period, such as "45.0% (2023/24)"."""
    if analysis.latest:
        return f"{analysis.figure} ({analysis.latest.period.label})"
    return analysis.figure


def table_row(data: IndicatorData, analysis: Analysis) -> IndicatorRow:
    """Return one row of a service area or priority table."""
    return IndicatorRow(
        indicator=data.indicator,
        latest=latest_text(analysis),
        rating=analysis.rating,
        direction=DIRECTION_WORDS[analysis.travel.direction],
        england=england_text(analysis),
    )


@dataclass(frozen=True)
class DataTableRow:
    """One period of an indicator's table of figures."""

    label: str = field(metadata={"help": "The period, such as 2023/24, with a capital letter."})
    cells: tuple[str, ...] = field(metadata={
        "help": "One text per column of `columns`, in order: the figure with its flags in "
                "brackets (provisional, revised, estimated), or an empty text for no figure."})
    note: int = field(default=0, metadata={
        "help": "The number of the council's figure's note in the table's `notes` (its marker "
                "beside the first cell links to it), or 0 when the figure has no note."})


@dataclass(frozen=True)
class TableNote:
    """An officer's note on one figure, listed under the table of figures."""

    number: int = field(metadata={"help": "The note's number, from 1, as its marker shows it."})
    period: str = field(metadata={"help": "The period of the figure, such as December 2024."})
    text: str = field(metadata={"help": "The note as the officer wrote it, on one line."})


@dataclass(frozen=True)
class DataTable:
    """An indicator's figures as a table, oldest period first."""

    columns: tuple[str, ...] = field(metadata={
        "help": "The column headings after the period's: the council, each comparator, then "
                "Target and Expected range when the indicator has them."})
    rows: tuple[DataTableRow, ...] = field(metadata={
        "help": "One `DataTableRow` per period, oldest first."})
    note: str = field(metadata={
        "help": "The sentence under the table: the unit and what c, x and z mean."})
    comparator_columns: tuple[str, ...] = field(metadata={
        "help": "The comparators' headings alone, such as England (for the table's caption)."})
    notes: tuple[TableNote, ...] = field(default=(), metadata={
        "help": "The notes on the council's figures, oldest first, each a `TableNote`: every "
                "note the data gives, except on figures hidden to protect confidentiality."})


def _comparator_columns(data: IndicatorData) -> list[tuple[AreaType, str]]:
    """Return the comparators the indicator has figures for, with their column headings."""
    columns: list[tuple[AreaType, str]] = []
    for area_type, heading in COMPARATOR_COLUMN_HEADINGS.items():
        found = [c for c in data.comparators if c.area_type is area_type]
        if found:
            columns.append((area_type, heading or found[-1].area_name))
    return columns


def _range_cell(target: Target, indicator: Indicator) -> str:
    """Return an expected range for a table cell: "55.0 to 75.0", "at least 55.0"."""
    low, high = target.expected_low, target.expected_high
    if low is not None and high is not None:
        return f"{table_value(low, indicator)} to {table_value(high, indicator)}"
    if low is not None:
        return f"at least {table_value(low, indicator)}"
    return f"at most {table_value(high, indicator)}"


def data_table(data: IndicatorData, council: str) -> DataTable:
    """Return the chart's data as table columns and rows, oldest period first."""
    indicator = data.indicator
    comparator_columns = _comparator_columns(data)
    standards = standards_shown(data)  # the same test as the chart's
    target_column, range_column = Standard.TARGET in standards, Standard.RANGE in standards
    columns = [council] + [heading for _, heading in comparator_columns]
    if target_column:
        columns.append("Target")
    if range_column:
        columns.append("Expected range")
    comparators = {(c.area_type, c.period): c for c in data.comparators}
    rows: list[DataTableRow] = []
    notes: list[TableNote] = []
    for o in data.observations:
        value = table_value(o.value, indicator, o.missing)
        marks = [flag.value for flag in sorted(o.flags) if flag in MARKED_FLAGS]
        cells = [value + (f" ({', '.join(marks)})" if marks else "")]
        for area_type, _ in comparator_columns:
            c = comparators.get((area_type, o.period))
            cells.append(table_value(c.value, indicator, c.missing) if c else "")
        target = target_for(data, o.period)
        if target_column:
            cells.append(table_value(target.target, indicator) if target and target.target is not None
                         else "")
        if range_column:
            cells.append(_range_cell(target, indicator) if target and has_range(target) else "")
        note = published_note(o)
        if note:
            notes.append(TableNote(number=len(notes) + 1, period=capitalised(o.period.label),
                                   text=note))
        rows.append(DataTableRow(label=capitalised(o.period.label), cells=tuple(cells),
                                 note=len(notes) if note else 0))
    noun = rate_noun(indicator)
    unit = UNIT_TABLE_NOTES[indicator.unit].format(noun=f" {noun}" if noun else "")
    note = (f"{unit} c = not published to protect confidentiality, x = not "
            "available, z = not applicable. Empty cells mean there is no figure for that period.")
    return DataTable(columns=tuple(columns), rows=tuple(rows), note=note,
                     comparator_columns=tuple(heading for _, heading in comparator_columns),
                     notes=tuple(notes))


@dataclass(frozen=True)
class BreakdownRow:
    """One group of an indicator's latest breakdown."""

    label: str = field(metadata={"help": "The group, such as Girls."})
    value: str = field(metadata={"help": "Its figure, or the symbol for why there is none."})


@dataclass(frozen=True)
class BreakdownTable:
    """An indicator's latest breakdown as a table, with a sentence summary."""

    dimension: str = field(metadata={"help": "What the groups are, such as Sex."})
    rows: tuple[BreakdownRow, ...] = field(metadata={
        "help": "One `BreakdownRow` per group, in the package's order."})
    summary: str = field(metadata={
        "help": "The breakdown in a sentence: its dimension, period and largest group."})


def breakdown_table(data: IndicatorData) -> BreakdownTable:
    """Return the latest breakdown as table rows with a sentence summary."""
    latest = max(row.period for row in data.breakdowns)
    rows = [row for row in data.breakdowns if row.period == latest]
    dimension = sorted({row.dimension for row in rows})[0]
    rows = sorted((r for r in rows if r.dimension == dimension), key=lambda r: (r.order, r.category))
    published = [r for r in rows if r.value is not None]
    summary = f"{dimension}, {latest.label}."
    if published:
        top = max(published, key=lambda r: r.value or 0)
        summary += f" The largest group is {top.category}."
    return BreakdownTable(
        dimension=dimension,
        rows=tuple(BreakdownRow(label=r.category,
                                value=table_value(r.value, data.indicator, r.missing))
                   for r in rows),
        summary=summary)
