"""Chart specifications: plain Plotly JSON built directly from the model.

Figures are built as dictionaries rather than ``plotly.graph_objects`` (validation costs ~4 ms a
figure and adds nothing for data we already checked). Output is deterministic: fixed ids, sorted
keys, no random values. Colours follow the government Analysis Function palette; lines also
differ by dash and marker so colour is never the only cue. ``assets/js/charts.js`` draws them and
re-themes them for dark mode.
"""

from __future__ import annotations

import html
import math
import textwrap
from dataclasses import dataclass, field, replace
from typing import Any

from generator.analysis.notes import note_after, with_note
from generator.analysis.numbers import format_figure, table_value
from generator.analysis.rag import standards_shown
from generator.model.outcomes import Standard
from generator.model.periods import Period
from generator.model.site import AreaType, Flag, Indicator, IndicatorData, Missing, Observation, Unit
from generator.model.targets import target_for
from generator.model.words import (
    AXIS_NOT_AT_ZERO,
    FLAG_WORDS,
    GAP_MARK_WORDS,
    UNIT_AXIS_TITLES,
    UNIT_HOVER_SUFFIXES,
    capitalised,
    missing_words,
)

HOVER_WIDTH = 60  # characters on one line of a hover label: plotly does not wrap them itself
#: Period labels on the time axis at most, on a wide screen; charts.js shows fewer on a narrow one.
MAX_TICKS = 8
#: Space left above and below the figures, as a share of their spread, so no marker sits on the edge.
AXIS_PAD = 0.05

PALETTE = {
    "council": "#12436D",
    "england": "#28A197",
    "region": "#801650",
    "statistical_neighbours": "#F46A25",
    "target": "#3D3D3D",
    # The range's edges must stand out from the page (3:1, WCAG 1.4.11): 5.1:1 on white. The fill
    # between them is paler; it is the edges that carry the range.
    "range": "#7F5BC0",
    "gap": "#505A5F",
}
RANGE_FILL = "rgba(162,133,209,0.25)"
LEGEND_RANKS = {"council": 1, "england": 2, "region": 3, "statistical_neighbours": 4, "target": 5,
                "range": 6, "gap": 7}
DASHES = {"council": "solid", "england": "dash", "region": "dot", "statistical_neighbours": "dashdot"}
SYMBOLS = {"council": "circle", "england": "square", "region": "diamond",
           "statistical_neighbours": "triangle-up"}
# Open, larger markers drawn over the council's point, so a marked figure is ringed in the line's
# own colour; each shape differs from the comparators' filled ones.
FLAG_SYMBOLS = {Flag.PROVISIONAL: "circle-open", Flag.REVISED: "diamond-open",
                Flag.ESTIMATED: "square-open"}
COMPARATOR_ROLES = {
    AreaType.ENGLAND: "england",
    AreaType.REGION: "region",
    AreaType.STATISTICAL_NEIGHBOURS: "statistical_neighbours",
}


@dataclass(frozen=True)
class Chart:
    """A chart's id, its Plotly figure, and a one-line description for screen readers."""

    id: str = field(metadata={"help": "The id of the chart's box on the page, unique on it."})
    figure: dict[str, Any] = field(metadata={
        "help": "The Plotly figure, for the `script_json` filter (the `chart_block` macro "
                "writes it)."})
    description: str = field(metadata={"help": "The chart's title, which screen readers read."})
    note: str = field(default="", metadata={
        "help": "A note shown under the title, such as where the vertical axis starts when that "
                "is not zero; empty when there is nothing to say."})


def _axis_title(data: IndicatorData) -> str:
    return UNIT_AXIS_TITLES[data.indicator.unit]


def _trace(role: str, name: str, periods: list[Period], values: dict[Period, float | None],
           data: IndicatorData) -> dict[str, Any]:
    indicator = data.indicator
    # Plotly formats the hover text itself, so no per-point text is sent (pages stay small).
    number = f"%{{y:,.{indicator.decimal_places}f}}" + UNIT_HOVER_SUFFIXES[indicator.unit]
    return {
        "type": "scatter",
        "mode": "lines+markers",
        "name": name,
        "x": [period.short_label for period in periods],
        "y": [values.get(period) for period in periods],
        "hovertemplate": "%{x}: " + number + "<extra>" + name.replace("<", "") + "</extra>",
        "line": {"color": PALETTE[role], "dash": DASHES[role], "width": 3 if role == "council" else 2},
        "marker": {"symbol": SYMBOLS[role], "size": 7 if role == "council" else 5},
        "meta": {"role": role},
        # The council's own gaps are real (a suppressed or missing figure); comparators are often
        # published yearly against monthly or quarterly local figures, so their points are joined.
        "connectgaps": role != "council",
    }


def hover_text(text: str) -> str:
    """Return text for a plotly hover label: HTML escaped (plotly reads its own small HTML) and
    wrapped into lines, so an officer's note can neither format nor link, nor run off the page."""
    return "<br>".join(html.escape(line, quote=False)
                       for line in textwrap.wrap(text, HOVER_WIDTH) or [""])


def _point_hover(observations: tuple[Observation, ...]) -> dict[str, Any]:
    """Return what the council's hover label adds under each figure: its mark ("(provisional)")
    and its note."""
    extras = []
    for o in observations:
        marks = "".join(f" ({FLAG_WORDS[flag]})" for flag in FLAG_SYMBOLS if flag in o.flags)
        note = note_after(o)
        extras.append(marks + ("<br>" + hover_text(note) if note else ""))
    if not any(extras):
        return {}  # most indicators have neither: no per-point data, no change to the page
    return {"customdata": extras}


def _flag_traces(observations: tuple[Observation, ...]) -> list[dict[str, Any]]:
    """Return a ring of its own shape round each provisional, revised or estimated figure, with
    a legend entry naming the mark (the hover label names it too, from the council's line)."""
    traces = []
    for flag, symbol in FLAG_SYMBOLS.items():
        marked = [o for o in observations if flag in o.flags and o.value is not None]
        if marked:
            traces.append({
                "type": "scatter", "mode": "markers", "name": f"{capitalised(FLAG_WORDS[flag])} figure",
                "x": [o.period.short_label for o in marked], "y": [o.value for o in marked],
                "marker": {"symbol": symbol, "size": 15, "color": PALETTE["council"],
                           "line": {"width": 2, "color": PALETTE["council"]}},
                "hoverinfo": "skip", "meta": {"role": "council"},
            })
    return traces


def _gap_traces(observations: tuple[Observation, ...], foot: float) -> list[dict[str, Any]]:
    """Return a cross at the foot of the axis for each figure not published, one legend entry per
    reason ("Suppressed"), with the reason and any note in its hover label. The council's line
    has a gap there: a missing figure is never drawn as a zero."""
    reasons: dict[Missing, list[Observation]] = {}
    for o in observations:
        if o.value is None:
            reasons.setdefault(o.missing or Missing.NOT_AVAILABLE, []).append(o)
    return [{
        "type": "scatter", "mode": "markers", "name": GAP_MARK_WORDS[missing],
        "x": [o.period.short_label for o in rows], "y": [foot] * len(rows),
        "customdata": [hover_text(" ".join(with_note(
            f"{capitalised(o.period.label)}: {missing_words(o.missing)}.", o))) for o in rows],
        "hovertemplate": "%{customdata}<extra></extra>",
        "marker": {"symbol": "x-thin-open", "size": 10, "color": PALETTE["gap"],
                   "line": {"width": 2, "color": PALETTE["gap"]}},
        "cliponaxis": False, "meta": {"role": "gap"},
    } for missing, rows in sorted(reasons.items())]


def _nice_step(spread: float) -> float:
    """Return a round step (1, 2 or 5 times a power of ten) that cuts spread into about five."""
    raw = spread / 5
    magnitude = 10 ** math.floor(math.log10(raw))
    return next(m * magnitude for m in (1, 2, 5, 10) if raw <= m * magnitude * (1 + 1e-9))


def axis_range(values: list[float]) -> tuple[float, float]:
    """Return the bottom and top of a line chart's vertical axis for the figures it shows.

    The axis starts at zero unless every figure is further above zero than the figures are
    spread (the lowest is more than the highest less the lowest): then zero would squash the
    change into a flat line, so the axis starts at a round number just below the lowest figure
    (Analysis Function guidance: a line chart need not start at zero; the chart then says so).
    """
    if not values:
        return 0.0, 1.0
    low, high = min(values), max(values)
    spread = high - low
    if low < 0:
        return round(low - AXIS_PAD * spread, 6), round(high + AXIS_PAD * spread, 6)
    if spread == 0 or low <= spread:
        return 0.0, round(high * (1 + AXIS_PAD), 6) if high > 0 else 1.0
    step = _nice_step(spread)
    bottom = step * math.floor((low - AXIS_PAD * spread) / step)
    return round(float(bottom), 6), round(high + AXIS_PAD * spread, 6)


def tick_labels(labels: list[str]) -> list[str]:
    """Return the periods labelled on the time axis: at most MAX_TICKS, evenly spaced, counted
    back from the latest so the latest period is always named."""
    step = math.ceil(len(labels) / MAX_TICKS) if labels else 1
    return labels[::-1][::step][::-1]


def axis_note(bottom: float, indicator: Indicator) -> str:
    """Return the note under a chart whose vertical axis does not start at zero, or ""."""
    if bottom <= 0:
        return ""
    # The start is a round number: "75%", not "75.0%".
    places = 0 if float(bottom).is_integer() else len(repr(float(bottom)).split(".")[1])
    return AXIS_NOT_AT_ZERO.format(
        start=format_figure(bottom, replace(indicator, decimal_places=places)))


def _standard_traces(data: IndicatorData, periods: list[Period]) -> list[dict[str, Any]]:
    """Return the target line and the expected range's two edges, filled between, when shown."""
    labels = [period.short_label for period in periods]
    targets = [target_for(data, period) for period in periods]
    standards = standards_shown(data)  # the same test as the chart's text summary
    traces: list[dict[str, Any]] = []
    if Standard.RANGE in standards:
        edge = {"type": "scatter", "mode": "lines", "name": "Expected range", "x": labels,
                "line": {"color": PALETTE["range"], "width": 2, "shape": "hv"},
                "hoverinfo": "skip", "meta": {"role": "range"}}
        traces.append({**edge, "y": [t.expected_low if t else None for t in targets]})
        # The upper edge fills down to the lower one; one legend entry names both.
        traces.append({**edge, "y": [t.expected_high if t else None for t in targets],
                       "showlegend": False, "fill": "tonexty", "fillcolor": RANGE_FILL})
    if Standard.TARGET in standards:
        traces.append({
            "type": "scatter", "mode": "lines", "name": "Target", "x": labels,
            "y": [t.target if t else None for t in targets],
            "line": {"color": PALETTE["target"], "dash": "longdash", "width": 2, "shape": "hv"},
            "hoverinfo": "skip", "meta": {"role": "target"},
        })
    return traces


def time_series(data: IndicatorData, council: str, title: str, chart_id: str) -> Chart | None:
    """Return the time-series chart: the council, its comparators, and the target or range."""
    if not data.observations:
        return None
    observations = tuple(sorted(data.observations, key=lambda o: o.period))
    periods = sorted({o.period for o in observations})
    own = _trace("council", council, periods, {o.period: o.value for o in observations}, data)
    hover = _point_hover(observations)
    if hover:
        own.update(hover, hovertemplate=own["hovertemplate"].replace("<extra>", "%{customdata}<extra>"))
    traces = [own]
    shown = set(periods)
    for area_type, role in COMPARATOR_ROLES.items():
        rows = [c for c in data.comparators if c.area_type is area_type and c.period in shown]
        if not rows:
            continue
        name = rows[-1].area_name if area_type is not AreaType.STATISTICAL_NEIGHBOURS \
            else "Statistical neighbours (average)"
        traces.append(_trace(role, name, periods, {c.period: c.value for c in rows}, data))
    standards = _standard_traces(data, periods)
    # The range is drawn first, under the lines; the target after them.
    traces = [t for t in standards if t["meta"]["role"] == "range"] + traces \
        + [t for t in standards if t["meta"]["role"] == "target"]
    bottom, top = axis_range([v for t in traces for v in t["y"] if v is not None])
    traces += _flag_traces(observations) + _gap_traces(observations, bottom)
    for trace in traces:  # the council first in the legend, whatever order they are drawn in
        trace["legendrank"] = LEGEND_RANKS[trace["meta"]["role"]]
    layout = base_layout(_axis_title(data), data.indicator.unit)
    layout["yaxis"].update(range=[bottom, top], autorange=False)
    layout["xaxis"].update(tickmode="array",
                           tickvals=tick_labels([period.short_label for period in periods]))
    return Chart(chart_id, {"data": traces, "layout": layout}, title,
                 axis_note(bottom, data.indicator))


def breakdown(data: IndicatorData, chart_id: str) -> Chart | None:
    """Return a bar chart of the latest period's breakdown, if the indicator has one."""
    if not data.breakdowns:
        return None
    latest = max(row.period for row in data.breakdowns)
    rows = [row for row in data.breakdowns if row.period == latest]
    dimension = sorted({row.dimension for row in rows})[0]
    rows = sorted((r for r in rows if r.dimension == dimension), key=lambda r: (r.order, r.category))
    title = f"{dimension}, {latest.label}"
    figure = {
        "data": [{
            "type": "bar",
            "orientation": "h",
            "y": [row.category for row in rows][::-1],
            "x": [row.value for row in rows][::-1],
            "text": [table_value(row.value, data.indicator, row.missing) for row in rows][::-1],
            "textposition": "auto",
            "hoverinfo": "skip",
            "marker": {"color": PALETTE["council"]},
            "meta": {"role": "council"},
            "name": dimension,
        }],
        "layout": {**base_layout("Number", Unit.NUMBER, legend=False),
                   "yaxis": {"automargin": True, "fixedrange": True},
                   # A bar's length is its figure, so the bars start at zero.
                   "xaxis": {"title": {"text": "Number"}, "fixedrange": True,
                             "rangemode": "tozero"}},
    }
    return Chart(chart_id, figure, title)


def base_layout(axis_title: str, unit: Unit, legend: bool = True) -> dict[str, Any]:
    layout: dict[str, Any] = {
        # The active title is the page's own text above the chart, so it wraps on a phone.
        "margin": {"l": 56, "r": 16, "t": 16, "b": 40},
        "height": 380,
        "hovermode": "x unified" if legend else "closest",
        "showlegend": legend,
        # By each trace's legendrank: plotly would reverse the order once a range is filled.
        "legend": {"orientation": "h", "y": -0.2, "x": 0, "xanchor": "left",
                   "traceorder": "normal"},
        # Period labels lie flat: charts.js labels fewer periods on a narrow screen instead of
        # tilting them into each other.
        "xaxis": {"type": "category", "fixedrange": True, "automargin": True, "tickangle": 0},
        "yaxis": {"title": {"text": axis_title}, "fixedrange": True, "automargin": True},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "font": {"family": "inherit", "size": 13},
    }
    if unit is Unit.PERCENTAGE:
        layout["yaxis"]["ticksuffix"] = "%"
    return layout
