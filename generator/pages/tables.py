"""The rows of the pages' tables: indicators in a list, the figures, a breakdown.

Pure functions returning frozen dataclasses; each field's ``help`` is its entry in
docs/page-templates.md, which a test keeps in step with the code and the templates.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.analysis import Analysis
from generator.analysis.explain import band_phrase
from generator.analysis.notes import published_note
from generator.analysis.numbers import format_range, rate_noun, table_figure, table_value
from generator.analysis.rag import Rating, has_range, standards_shown
from generator.model.outcomes import Standard
from generator.model.periods import Period, span
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
    band: str = field(default="", metadata={
        "help": "Its quartile band among all councils in a few words, such as Band B (second "
                "quarter; A is best); empty without every council's figures or a preferred "
                "direction."})


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
        band=band_phrase(analysis.standing),
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
    """An indicator's figures as a table, newest period first, the recent ones apart."""

    columns: tuple[str, ...] = field(metadata={
        "help": "The column headings after the period's: the council, each comparator, then "
                "Target and Expected range when the indicator has them."})
    rows: tuple[DataTableRow, ...] = field(metadata={
        "help": "One `DataTableRow` per period, newest first: `recent`, then `earlier`."})
    note: str = field(metadata={
        "help": "The sentence under the table: the unit and what c, x and z mean."})
    comparator_columns: tuple[str, ...] = field(metadata={
        "help": "The comparators' headings alone, such as England (for the table's caption)."})
    notes: tuple[TableNote, ...] = field(default=(), metadata={
        "help": "The notes on the council's figures, newest first as their rows are, each a "
                "`TableNote`: every note the data gives, except on figures hidden to protect "
                "confidentiality."})
    recent: tuple[DataTableRow, ...] = field(default=(), metadata={
        "help": "The main table's rows: the latest `RECENT_PERIODS` periods, newest first."})
    earlier: tuple[DataTableRow, ...] = field(default=(), metadata={
        "help": "The rows before them, newest first, for the table inside the Earlier figures "
                "disclosure; empty when every period is recent."})
    earlier_summary: str = field(default="", metadata={
        "help": "The disclosure's summary naming the earlier periods' span, such as Earlier "
                "figures from May 2019 to April 2024 (60 periods); empty when there are none."})


#: How many periods the main table of figures shows, newest first, on every indicator page: a
#: year of monthly figures, three years of quarterly ones, and every figure of a yearly series
#: of up to twelve years. The rest sit in a disclosure under it (docs/methodology-analysis.md).
RECENT_PERIODS = 12


def earlier_summary(first: Period, last: Period, count: int) -> str:
    """Return the summary of the earlier figures' disclosure: "Earlier figures from ... (16 periods)"."""
    return f"Earlier figures {span(first, last)} ({count} period{'' if count == 1 else 's'})"


def _comparator_columns(data: IndicatorData) -> list[tuple[AreaType, str]]:
    """Return the comparators the indicator has figures for, with their column headings."""
    columns: list[tuple[AreaType, str]] = []
    for area_type, heading in COMPARATOR_COLUMN_HEADINGS.items():
        found = [c for c in data.comparators if c.area_type is area_type]
        if found:
            columns.append((area_type, heading or found[-1].area_name))
    return columns


def _range_cell(target: Target, indicator: Indicator) -> str:
    """Return an expected range for a table cell: "55.0% to 75.0%", "at least 55.0 per 10,000"."""
    return format_range(target.expected_low, target.expected_high, indicator, noun=False)


def data_table(data: IndicatorData, council: str) -> DataTable:
    """Return the chart's data as table columns and rows, newest period first."""
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
    # Newest first, so the latest figure is the first a reader sees; notes are numbered in the
    # order their rows are read.
    for o in reversed(data.observations):
        value = table_figure(o.value, indicator, o.missing)
        marks = [flag.value for flag in sorted(o.flags) if flag in MARKED_FLAGS]
        cells = [value + (f" ({', '.join(marks)})" if marks else "")]
        for area_type, _ in comparator_columns:
            c = comparators.get((area_type, o.period))
            cells.append(table_figure(c.value, indicator, c.missing) if c else "")
        target = target_for(data, o.period)
        if target_column:
            cells.append(table_figure(target.target, indicator) if target and target.target is not None
                         else "")
        if range_column:
            cells.append(_range_cell(target, indicator) if target and has_range(target) else "")
        note = published_note(o)
        if note:
            notes.append(TableNote(number=len(notes) + 1, period=capitalised(o.period.label),
                                   text=note))
        rows.append(DataTableRow(label=capitalised(o.period.label), cells=tuple(cells),
                                 note=len(notes) if note else 0))
    # Periods before the latest RECENT_PERIODS, oldest first, for the disclosure's summary.
    earlier = data.observations[:-RECENT_PERIODS] if len(rows) > RECENT_PERIODS else ()
    return DataTable(columns=tuple(columns), rows=tuple(rows), note=_table_note(indicator),
                     comparator_columns=tuple(heading for _, heading in comparator_columns),
                     notes=tuple(notes), recent=tuple(rows[:RECENT_PERIODS]),
                     earlier=tuple(rows[RECENT_PERIODS:]),
                     earlier_summary=earlier_summary(earlier[0].period, earlier[-1].period,
                                                     len(earlier)) if earlier else "")


def _table_note(indicator: Indicator) -> str:
    """Return the sentence under a table of figures: the unit, then what c, x and z mean."""
    noun = rate_noun(indicator)
    unit = UNIT_TABLE_NOTES[indicator.unit].format(noun=f" {noun}" if noun else "")
    return (f"{unit} c = not published to protect confidentiality, x = not "
            "available, z = not applicable. Empty cells mean there is no figure for that period.")


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
