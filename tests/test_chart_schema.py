"""Every chart figure the generator writes is valid against Plotly's own figure schema.

The charts are built as plain JSON (pages/charts.py) rather than through plotly.py, so nothing
else would notice a misspelt attribute or a value Plotly does not accept: plotly.js ignores
them silently and the chart quietly loses a line, a colour or its hover text.
"""

from __future__ import annotations

from pathlib import Path

import plotly.graph_objects as go
import pytest

from generator.analysis.disclosure import protect
from generator.input.check import load_site
from generator.model.site import IndicatorData
from generator.pages.charts import Chart, breakdown, time_series
from generator.settings import DEFAULT_THRESHOLD

REPO = Path(__file__).resolve().parents[1]
SOURCES = {
    "example": sorted((REPO / "datapackages").glob("*/datapackage.json")),
    "fixtures": sorted((REPO / "tests" / "fixtures" / "packages").glob("*/datapackage.json")),
}


def _charts(source: str) -> list[tuple[str, Chart]]:
    site = protect(load_site([path.parent for path in SOURCES[source]]), DEFAULT_THRESHOLD)
    charts: list[tuple[str, Chart]] = []
    for data in site.indicators:
        for chart in (_series(data), breakdown(data, f"breakdown-{data.indicator.id}")):
            if chart is not None:
                charts.append((f"{source}:{chart.id}", chart))
    return charts


def _series(data: IndicatorData) -> Chart | None:
    return time_series(data, "Test Council", data.indicator.title, f"chart-{data.indicator.id}")


CHARTS = _charts("example") + _charts("fixtures")


def test_every_kind_of_chart_is_covered() -> None:
    ids = [name for name, _ in CHARTS]
    assert any(":chart-" in name for name in ids)
    assert any(":breakdown-" in name for name in ids)


@pytest.mark.parametrize(("name", "chart"), CHARTS, ids=[name for name, _ in CHARTS])
def test_chart_figure_is_valid_plotly(name: str, chart: Chart) -> None:
    figure = go.Figure(chart.figure)  # raises ValueError naming any invalid property or value
    assert len(figure.data) == len(chart.figure["data"])


@pytest.mark.parametrize("broken", [
    {"data": [{"type": "scatter", "mode": "lines+dots"}], "layout": {}},
    {"data": [{"type": "scatter", "linecolour": "red"}], "layout": {}},
    {"data": [], "layout": {"yaxis": {"rangemode": "zero"}}},
])
def test_plotly_schema_rejects_what_plotly_js_would_ignore(broken: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        go.Figure(broken)
