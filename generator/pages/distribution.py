"""Every council's figure on the indicator page: the distribution chart, its summary and table.

The chart puts every ranked council's figure in rank order, first place on the left, so the
council's own dot (larger, in the council's colour) shows where it stands; its statistical
neighbours are marked with their own shape and England's figure is a dashed line across. Plain
Plotly JSON like ``charts.py``; the same figures are in the table below it, in the same order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.analysis.explain import during, place_words
from generator.analysis.numbers import format_figure, ordinal, rate_noun, rounded, table_figure
from generator.analysis.standing import Placed, Standing
from generator.model.site import AreaType, IndicatorData, Polarity
from generator.model.words import (
    COUNCIL_MARKS,
    DISTRIBUTION_AXIS,
    DISTRIBUTION_FIRST,
    DISTRIBUTION_MARKS,
    DISTRIBUTION_SUMMARY,
    UNIT_AXIS_TITLES,
    UNIT_HOVER_SUFFIXES,
    UNIT_TABLE_NOTES,
)
from generator.pages.charts import PALETTE, Chart, base_layout

OTHERS_COLOUR = "#505A5F"  # 7:1 on white: each dot stands out from the page (WCAG 1.4.11)


@dataclass(frozen=True)
class CouncilRow:
    """One council in the all-councils table."""

    rank: str = field(metadata={"help": "Its place, such as 34th or joint 34th."})
    name: str = field(metadata={
        "help": "The council's name, with (this council) or (statistical neighbour) after it "
                "when it is one."})
    figure: str = field(metadata={
        "help": "Its figure as published, with its unit, such as 22.6% or 67 per 10,000."})
    ours: bool = field(metadata={"help": "True for the council the site is about."})


@dataclass(frozen=True)
class Distribution:
    """The chart of every council's figure, what it shows in words, and its table."""

    chart: Chart = field(metadata={"help": "The chart (a `Chart`), for the `chart_block` macro."})
    summary: str = field(metadata={"help": "What the chart shows, for readers who cannot see it."})
    table_summary: str = field(metadata={
        "help": "The label of the closed section holding the table of every council."})
    caption: str = field(metadata={"help": "The table's caption."})
    rows: tuple[CouncilRow, ...] = field(metadata={
        "help": "Every ranked council, first place first (`CouncilRow`)."})
    note: str = field(metadata={
        "help": "The unit of the table's figures, such as Figures are rates per 10,000 children."})


def _england(data: IndicatorData, standing: Standing) -> float | None:
    for row in data.comparators:
        if (row.area_type is AreaType.ENGLAND and row.period == standing.period
                and row.value is not None and row.missing is None):
            return rounded(row.value, data.indicator)
    return None


def _neighbours(data: IndicatorData) -> set[str]:
    return {row.area_code for row in data.comparators if row.area_type is AreaType.NEIGHBOUR}


def _dots(name: str, placed: list[tuple[int, Placed]], marker: dict[str, Any], role: str,
          number: str) -> dict[str, Any]:
    return {
        "type": "scatter", "mode": "markers", "name": name,
        "x": [position for position, _ in placed], "y": [item.value for _, item in placed],
        "customdata": [item.name for _, item in placed],
        "hovertemplate": "%{customdata}: " + number + "<extra></extra>",
        "marker": marker, "meta": {"role": role},
    }


def _figure(data: IndicatorData, standing: Standing, council: str) -> dict[str, Any]:
    indicator = data.indicator
    number = f"%{{y:,.{indicator.decimal_places}f}}" + UNIT_HOVER_SUFFIXES[indicator.unit]
    neighbours = _neighbours(data)
    positions = list(enumerate(standing.placed, start=1))
    others = [(x, item) for x, item in positions if not item.ours and item.code not in neighbours]
    marked = [(x, item) for x, item in positions if not item.ours and item.code in neighbours]
    ours = [(x, Placed(item.code, council, item.value, item.rank, True))
            for x, item in positions if item.ours]
    traces = [_dots("Other councils", others, {"color": OTHERS_COLOUR, "size": 5}, "others",
                    number)]
    if marked:
        traces.append(_dots("Statistical neighbours", marked,
                            {"color": PALETTE["statistical_neighbours"], "size": 9,
                             "symbol": "triangle-up", "line": {"width": 1, "color": "#000000"}},
                            "statistical_neighbours", number))
    england = _england(data, standing)
    if england is not None:
        traces.append({
            "type": "scatter", "mode": "lines", "name": "England",
            "x": [1, len(positions)], "y": [england, england],
            "line": {"color": PALETTE["england"], "dash": "dash", "width": 2},
            "hoverinfo": "skip", "meta": {"role": "england"},
        })
    traces.append(_dots(council, ours, {"color": PALETTE["council"], "size": 14,
                                        "symbol": "diamond",
                                        "line": {"width": 2, "color": "#FFFFFF"}},
                        "council", number))
    layout = base_layout(UNIT_AXIS_TITLES[indicator.unit], indicator.unit)
    layout.update(hovermode="closest")
    layout["xaxis"] = {"title": {"text": DISTRIBUTION_AXIS[indicator.polarity]},
                       "fixedrange": True, "automargin": True, "showticklabels": False,
                       "range": [0, len(positions) + 1]}
    layout["yaxis"]["rangemode"] = "tozero"
    return {"data": traces, "layout": layout}


def _summary(data: IndicatorData, standing: Standing, council: str) -> str:
    indicator = data.indicator
    values = [item.value for item in standing.placed]
    marks = []
    if any(item.code in _neighbours(data) for item in standing.placed):
        marks.append(DISTRIBUTION_MARKS["neighbours"])
    england = _england(data, standing)
    if england is not None:
        marks.append(DISTRIBUTION_MARKS["england"].format(figure=format_figure(england, indicator)))
    place = place_words(standing) + (" highest" if standing.polarity is Polarity.NONE else "")
    return DISTRIBUTION_SUMMARY.format(
        when=during(standing.period), count=f"{standing.count:,}",
        first=DISTRIBUTION_FIRST[standing.polarity], council=council,
        figure=format_figure(next(item.value for item in standing.placed if item.ours), indicator),
        place=place, low=format_figure(min(values), indicator),
        high=format_figure(max(values), indicator)) + "".join(f" {mark}" for mark in marks)


def _rows(data: IndicatorData, standing: Standing, council: str) -> tuple[CouncilRow, ...]:
    neighbours = _neighbours(data)
    counts: dict[int, int] = {}
    for item in standing.placed:
        counts[item.rank] = counts.get(item.rank, 0) + 1
    return tuple(CouncilRow(
        rank=("joint " if counts[item.rank] > 1 else "") + ordinal(item.rank),
        name=f"{council} ({COUNCIL_MARKS['ours']})" if item.ours else (
            f"{item.name} ({COUNCIL_MARKS['neighbour']})" if item.code in neighbours
            else item.name),
        # Without the rate's noun, said once in the caption, as in the table of figures.
        figure=table_figure(item.value, data.indicator),
        ours=item.ours,
    ) for item in standing.placed)


def distribution(data: IndicatorData, standing: Standing | None, council: str,
                 chart_id: str) -> Distribution | None:
    """Return the distribution of every council's figure, or None when there is no ranking."""
    if standing is None:
        return None
    title = f"{data.indicator.title}: every council's figure {during(standing.period)}"
    ordered = ("best first" if standing.polarity is not Polarity.NONE else "highest first")
    return Distribution(
        chart=Chart(chart_id, _figure(data, standing, council), title),
        summary=_summary(data, standing, council),
        table_summary=f"Every council's figure {during(standing.period)}, {ordered} "
                      f"({standing.count:,} councils)",
        caption=f"{data.indicator.title}: every council's figure {during(standing.period)}, "
                f"in rank order, {ordered}",
        note=UNIT_TABLE_NOTES[data.indicator.unit].format(
            noun=f" {rate_noun(data.indicator)}" if rate_noun(data.indicator) else ""),
        rows=_rows(data, standing, council),
    )
