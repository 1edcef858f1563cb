"""Chart specifications: plain Plotly JSON built directly from the model.

Figures are built as dictionaries rather than ``plotly.graph_objects`` (validation costs ~4 ms a
figure and adds nothing for data we already checked). Output is deterministic: fixed ids, sorted
keys, no random values. Colours follow the government Analysis Function palette; lines also
differ by dash and marker so colour is never the only cue. ``assets/js/charts.js`` draws them and
re-themes them for dark mode.
"""

from __future__ import annotations

import html
import textwrap
from dataclasses import dataclass, field
from typing import Any

from generator.analysis.notes import note_after, with_note
from generator.analysis.numbers import table_value
from generator.analysis.rag import standards_shown
from generator.model.outcomes import Standard
from generator.model.periods import Period
from generator.model.site import AreaType, IndicatorData, Observation, Unit
from generator.model.targets import target_for
from generator.model.words import (
    UNIT_AXIS_TITLES,
    UNIT_HOVER_SUFFIXES,
    capitalised,
    missing_words,
)

HOVER_WIDTH = 60  # characters on one line of a hover label: plotly does not wrap them itself

PALETTE = {
    "council": "#12436D",
    "england": "#28A197",
    "region": "#801650",
    "statistical_neighbours": "#F46A25",
    "target": "#3D3D3D",
    "range": "#A285D1",
}
DASHES = {"council": "solid", "england": "dash", "region": "dot", "statistical_neighbours": "dashdot"}
SYMBOLS = {"council": "circle", "england": "square", "region": "diamond",
           "statistical_neighbours": "triangle-up"}
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


def _note_hover(observations: tuple[Observation, ...]) -> dict[str, Any]:
    """Return the council trace's notes, shown under each noted figure in the hover label."""
    notes = [note_after(o) for o in observations]
    if not any(notes):
        return {}  # most indicators have no notes: no per-point data, no change to the page
    return {"customdata": ["<br>" + hover_text(note) if note else "" for note in notes]}


def _gap_marks(observations: tuple[Observation, ...]) -> list[dict[str, Any]]:
    """Return a mark at the foot of the chart for each figure not published: its DfE symbol,
    with the reason and any note in the hover label (plotly shows no hover for a missing point)."""
    return [{
        "x": o.period.short_label, "xref": "x", "y": 0, "yref": "paper", "yanchor": "bottom",
        "text": o.missing.value if o.missing else "–", "showarrow": False,
        "hovertext": hover_text(" ".join(with_note(
            f"{capitalised(o.period.label)}: {missing_words(o.missing)}.", o))),
    } for o in observations if o.value is None]


def time_series(data: IndicatorData, council: str, title: str, chart_id: str) -> Chart | None:
    """Return the time-series chart: the council, its comparators, and the target or range."""
    observations = data.observations
    if not observations:
        return None
    periods = sorted({o.period for o in observations})
    own = _trace("council", council, periods, {o.period: o.value for o in observations}, data)
    notes = _note_hover(tuple(sorted(observations, key=lambda o: o.period)))
    if notes:
        own.update(notes, hovertemplate=own["hovertemplate"].replace("<extra>", "%{customdata}<extra>"))
    traces = [own]
    shown = set(periods)
    for area_type, role in COMPARATOR_ROLES.items():
        rows = [c for c in data.comparators if c.area_type is area_type and c.period in shown]
        if not rows:
            continue
        name = rows[-1].area_name if area_type is not AreaType.STATISTICAL_NEIGHBOURS \
            else "Statistical neighbours (average)"
        traces.append(_trace(role, name, periods, {c.period: c.value for c in rows}, data))
    labels = [period.short_label for period in periods]
    targets = [target_for(data, period) for period in periods]
    standards = standards_shown(data)  # the same test as the chart's text summary
    if Standard.TARGET in standards:
        traces.append({
            "type": "scatter", "mode": "lines", "name": "Target", "x": labels,
            "y": [t.target if t else None for t in targets],
            "line": {"color": PALETTE["target"], "dash": "longdash", "width": 2, "shape": "hv"},
            "hoverinfo": "skip", "meta": {"role": "target"},
        })
    if Standard.RANGE in standards:
        low = [t.expected_low if t else None for t in targets]
        high = [t.expected_high if t else None for t in targets]
        traces.insert(0, {
            "type": "scatter", "mode": "lines", "name": "Expected range", "x": labels, "y": high,
            "line": {"color": PALETTE["range"], "width": 1, "shape": "hv"},
            "hoverinfo": "skip", "showlegend": False, "meta": {"role": "range"},
        })
        traces.insert(0, {
            "type": "scatter", "mode": "lines", "name": "Expected range", "x": labels, "y": low,
            "line": {"color": PALETTE["range"], "width": 1, "shape": "hv"},
            "hoverinfo": "skip", "meta": {"role": "range"},
        })
        # Fill between the two range lines: the upper line fills down to the lower one.
        traces[1]["fill"] = "tonexty"
        traces[1]["fillcolor"] = "rgba(162,133,209,0.25)"
    figure: dict[str, Any] = {
        "data": traces,
        "layout": _layout(_axis_title(data), data.indicator.unit),
    }
    marks = _gap_marks(observations)
    if marks:
        figure["layout"]["annotations"] = marks
    return Chart(chart_id, figure, title)


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
        "layout": {**_layout("Number", Unit.NUMBER, legend=False),
                   "yaxis": {"automargin": True, "fixedrange": True},
                   "xaxis": {"title": {"text": "Number"}, "fixedrange": True,
                             "rangemode": "tozero"}},
    }
    return Chart(chart_id, figure, title)


def _layout(axis_title: str, unit: Unit, legend: bool = True) -> dict[str, Any]:
    layout: dict[str, Any] = {
        # The active title is the page's own text above the chart, so it wraps on a phone.
        "margin": {"l": 56, "r": 16, "t": 16, "b": 40},
        "height": 380,
        "hovermode": "x unified" if legend else "closest",
        "showlegend": legend,
        "legend": {"orientation": "h", "y": -0.2, "x": 0, "xanchor": "left"},
        "xaxis": {"type": "category", "fixedrange": True, "automargin": True, "nticks": 8},
        "yaxis": {"title": {"text": axis_title}, "fixedrange": True, "rangemode": "tozero",
                  "automargin": True},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "font": {"family": "inherit", "size": 13},
    }
    if unit is Unit.PERCENTAGE:
        layout["yaxis"]["ticksuffix"] = "%"
    return layout
