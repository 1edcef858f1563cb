"""The chart figures: where the vertical axis starts, which periods are labelled, and how a
provisional, revised or unpublished figure is marked. One row per case, with the exact values.

The figures are plain Plotly JSON (pages/charts.py); test_chart_schema.py checks them against
plotly's own schema, and tests/browser/test_charts.py draws them.
"""

from __future__ import annotations

import pytest

from generator.model.periods import PeriodType, parse_canonical
from generator.model.site import BreakdownValue, IndicatorData, Unit
from generator.pages.charts import axis_range, breakdown, tick_labels, time_series
from tests.analysis_factory import QUARTERS, Flag, indicator, observation, target


def _chart(data: IndicatorData) -> dict:
    chart = time_series(data, "Testshire", "Title", "chart-test")
    assert chart is not None
    return chart.figure


def _data(values: list, codes: list[str] | None = None, kind: PeriodType = PeriodType.QUARTER,
          flags: dict[int, tuple[Flag, ...]] | None = None, **options: object) -> IndicatorData:
    codes = codes or QUARTERS[-len(values):]
    flags = flags or {}
    targets = options.pop("targets", ())
    rows = tuple(observation(code, value, kind, flags=flags.get(i, ()))
                 for i, (code, value) in enumerate(zip(codes, values, strict=True)))
    return IndicatorData(indicator=indicator(period_type=kind, **options), observations=rows,
                         targets=targets)  # type: ignore[arg-type]


@pytest.mark.parametrize(("values", "expected"), [
    # Figures far from zero, close together: the axis starts at a round number below them.
    ([84.0, 91.0], (82.0, 91.35)),
    ([897.0, 1362.0], (800.0, 1385.25)),
    ([10.0, 10.8], (9.8, 10.84)),
    # Zero is within one spread of the lowest figure: the axis starts at zero.
    ([42.0, 86.0], (0.0, 90.3)),
    ([30.0, 60.0], (0.0, 63.0)),
    ([0.0, 5.0], (0.0, 5.25)),
    # A flat series starts at zero; all zeros still has an axis.
    ([50.0, 50.0], (0.0, 52.5)),
    ([0.0, 0.0], (0.0, 1.0)),
    # A negative figure: the axis runs below it (zero is inside).
    ([-2.0, 3.0], (-2.25, 3.25)),
    ([], (0.0, 1.0)),
])
def test_the_line_chart_axis_starts_at_zero_unless_that_flattens_the_change(
        values: list[float], expected: tuple[float, float]) -> None:
    assert axis_range(values) == expected


@pytest.mark.parametrize(("values", "unit", "places", "note"), [
    ([84.0, 91.0], Unit.PERCENTAGE, 1, "The vertical axis starts at 82%, not at zero."),
    ([10.0, 10.8], Unit.PERCENTAGE, 1, "The vertical axis starts at 9.8%, not at zero."),
    ([84.0, 91.0], Unit.RATE_PER_10000, 0,
     "The vertical axis starts at 82 per 10,000 children, not at zero."),
    ([897.0, 1362.0], Unit.COUNT, 0, "The vertical axis starts at 800, not at zero."),
    # The start keeps its own decimals, whatever the indicator's: not rounded up to "12 days".
    ([12.0, 14.0], Unit.DAYS, 0, "The vertical axis starts at 11.5 days, not at zero."),
    ([42.0, 86.0], Unit.COUNT, 0, ""),
])
def test_the_chart_says_when_its_axis_does_not_start_at_zero(
        values: list[float], unit: Unit, places: int, note: str) -> None:
    data = _data(values, unit=unit, decimal_places=places, denominator="Children aged 0 to 17")
    chart = time_series(data, "Testshire", "Title", "chart-test")
    assert chart is not None and chart.note == note
    bottom = chart.figure["layout"]["yaxis"]["range"][0]
    assert (bottom > 0) == bool(note)
    assert chart.figure["layout"]["yaxis"]["autorange"] is False


def test_the_axis_makes_room_for_the_comparators_target_and_range() -> None:
    data = _data([84.0, 91.0], targets=(target("2000-01-01", low=60.0, high=95.0),))
    # The lowest figure drawn is the range's 60, more than the spread (35) above zero.
    assert _chart(data)["layout"]["yaxis"]["range"] == [50.0, 96.75]


@pytest.mark.parametrize(("kind", "codes", "labels"), [
    (PeriodType.QUARTER, ["2024-25-Q3", "2024-25-Q4", "2025-26-Q1", "2025-26-Q2"],
     ["Q3 2024/25", "Q4 2024/25", "Q1 2025/26", "Q2 2025/26"]),
    (PeriodType.FINANCIAL_YEAR, ["2022-23", "2023-24", "2024-25"],
     ["2022/23", "2023/24", "2024/25"]),
    (PeriodType.ACADEMIC_YEAR, ["2022-23", "2023-24", "2024-25"],
     ["2022/23", "2023/24", "2024/25"]),
    (PeriodType.CALENDAR_YEAR, ["2023", "2024"], ["2023", "2024"]),
    (PeriodType.MONTH, ["2025-07", "2025-08", "2025-09"], ["Jul 2025", "Aug 2025", "Sep 2025"]),
    (PeriodType.ROLLING_12_MONTHS, ["2025-06", "2025-09"], ["Jun 2025", "Sep 2025"]),
    (PeriodType.SNAPSHOT, ["2024-03-31", "2025-03-31"], ["31 Mar 2024", "31 Mar 2025"]),
])
def test_periods_are_labelled_in_their_short_form(kind: PeriodType, codes: list[str],
                                                   labels: list[str]) -> None:
    figure = _chart(_data([50.0] * len(codes), codes, kind))
    assert [parse_canonical(c, kind).short_label for c in codes] == labels
    assert figure["data"][0]["x"] == labels
    assert figure["layout"]["xaxis"]["tickvals"] == labels
    assert figure["layout"]["xaxis"]["tickangle"] == 0


@pytest.mark.parametrize(("count", "labelled"), [
    (3, [0, 1, 2]),
    (8, [0, 1, 2, 3, 4, 5, 6, 7]),
    (9, [0, 2, 4, 6, 8]),
    (26, [1, 5, 9, 13, 17, 21, 25]),
    (78, [7, 17, 27, 37, 47, 57, 67, 77]),
    (0, []),
])
def test_at_most_eight_periods_are_labelled_always_the_latest(count: int,
                                                               labelled: list[int]) -> None:
    labels = [f"p{i}" for i in range(count)]
    assert tick_labels(labels) == [f"p{i}" for i in labelled]


def test_provisional_and_revised_figures_are_ringed_named_in_the_legend_and_the_hover() -> None:
    data = _data([20.0, 21.0, 22.0, 23.0],
                 flags={1: (Flag.REVISED,), 3: (Flag.PROVISIONAL, Flag.REVISED)})
    figure = _chart(data)
    council = figure["data"][0]
    assert council["customdata"] == ["", " (revised)", "", " (provisional) (revised)"]
    assert council["hovertemplate"] == "%{x}: %{y:,.1f}%%{customdata}<extra>Testshire</extra>"
    marks = [(t["name"], t["x"], t["y"], t["marker"]["symbol"]) for t in figure["data"][1:]]
    assert marks == [
        ("Provisional figure", ["Q2 2024/25"], [23.0], "circle-open"),
        ("Revised figure", ["Q4 2023/24", "Q2 2024/25"], [21.0, 23.0], "diamond-open"),
    ]


def test_a_suppressed_figure_is_a_gap_in_the_line_and_a_cross_at_the_axis_foot() -> None:
    figure = _chart(_data([80.0, "c", "c", 84.0, "x"]))
    council = figure["data"][0]
    assert council["y"] == [80.0, None, None, 84.0, None]  # never 0
    assert council["connectgaps"] is False
    bottom = figure["layout"]["yaxis"]["range"][0]
    gaps = [(t["name"], t["x"], t["y"], t["marker"]["symbol"], t["customdata"])
            for t in figure["data"][1:]]
    assert gaps == [
        ("Suppressed", ["Q3 2023/24", "Q4 2023/24"], [bottom, bottom], "x-thin-open",
         ["October to December 2023: not published to protect<br>confidentiality.",
          "January to March 2024: not published to protect<br>confidentiality."]),
        ("Not available", ["Q2 2024/25"], [bottom], "x-thin-open",
         ["July to September 2024: not available."]),
    ]
    assert bottom == 79.0 and "annotations" not in figure["layout"]


def test_the_expected_range_edges_and_target_are_drawn_with_legend_entries() -> None:
    data = _data([84.0, 91.0], targets=(target("2000-01-01", 90.0, None, 80.0, 95.0),))
    figure = _chart(data)
    named = [(t["name"], t.get("showlegend", True), t["line"]["color"], t["line"]["width"])
             for t in figure["data"] if t["meta"]["role"] in ("range", "target")]
    assert named == [("Expected range", True, "#7F5BC0", 2), ("Expected range", False, "#7F5BC0", 2),
                     ("Target", True, "#3D3D3D", 2)]
    # The range is drawn under the council's line, the target over it.
    assert [t["meta"]["role"] for t in figure["data"]] == ["range", "range", "council", "target"]
    # The legend names the council first all the same.
    ranked = sorted(figure["data"], key=lambda t: t["legendrank"])
    assert [t["name"] for t in ranked if t.get("showlegend", True)] == [
        "Testshire", "Target", "Expected range"]


def test_a_breakdown_bar_chart_starts_at_zero() -> None:
    period = parse_canonical("2024-25-Q2", PeriodType.QUARTER)
    rows = tuple(BreakdownValue("test", period, "Age", name, value, order=i)
                 for i, (name, value) in enumerate([("Under 5", 410.0), ("5 to 9", 430.0)]))
    data = IndicatorData(indicator=indicator(unit=Unit.COUNT), observations=(), breakdowns=rows)
    chart = breakdown(data, "breakdown-test")
    assert chart is not None
    assert chart.figure["layout"]["xaxis"]["rangemode"] == "tozero"
    assert chart.note == ""
