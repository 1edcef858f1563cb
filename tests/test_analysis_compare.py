"""Changes, direction of travel, trend and yearly summaries."""

from __future__ import annotations

import pytest

from generator.analysis import analyse
from generator.analysis.compare import Measure, yearly
from generator.model.outcomes import Direction, Pattern
from generator.model.periods import PeriodType
from generator.model.site import Frequency, IndicatorData, Polarity, Unit
from tests.analysis_factory import QUARTERS, YEARS, indicator, observation, series, target


@pytest.mark.parametrize(("values", "polarity", "direction", "basis"), [
    # five quarters: the direction is judged a year on (first value against last)
    ([20.0, 21.0, 22.0, 23.0, 24.0], Polarity.LOWER, Direction.WORSENING, "year"),
    ([20.0, 21.0, 22.0, 23.0, 24.0], Polarity.HIGHER, Direction.IMPROVING, "year"),
    ([20.0, 21.0, 22.0, 23.0, 24.0], Polarity.NONE, Direction.RISING, "year"),
    ([24.0, 21.0, 22.0, 23.0, 20.0], Polarity.NONE, Direction.FALLING, "year"),
    ([24.0, 30.0, 10.0, 23.0, 24.9], Polarity.LOWER, Direction.LITTLE_CHANGE, "year"),  # < 1 point
    ([24.0, 30.0, 10.0, 23.0, 25.0], Polarity.LOWER, Direction.WORSENING, "year"),  # 1 point
    # no figure a year earlier: judged on the quarter before
    ([None, 21.0, 22.0, 23.0, 20.0], Polarity.LOWER, Direction.IMPROVING, "previous"),
    (["c", 21.0, 22.0, 23.0, 20.0], Polarity.HIGHER, Direction.WORSENING, "previous"),
    # neither: not known
    (["c", 21.0, 22.0, "c", 20.0], Polarity.HIGHER, Direction.NOT_KNOWN, ""),
    ([20.0], Polarity.HIGHER, Direction.NOT_KNOWN, ""),  # a single data point
])
def test_direction_of_travel(values, polarity, direction, basis):
    data = series(values, indicator=indicator(polarity=polarity))
    result = analyse(data)
    assert result.travel.direction is direction
    assert result.travel.basis == basis


@pytest.mark.parametrize(("unit", "first", "last", "difference", "per_cent", "measure", "little"), [
    (Unit.PERCENTAGE, 20.0, 24.0, 4.0, 20.0, Measure.PERCENTAGE_POINTS, False),
    (Unit.PERCENTAGE, 20.0, 20.9, 0.9, 4.5, Measure.PERCENTAGE_POINTS, True),
    (Unit.COUNT, 100, 104, 4.0, 4.0, Measure.PER_CENT, True),  # under 5%
    (Unit.COUNT, 100, 105, 5.0, 5.0, Measure.PER_CENT, False),
    (Unit.RATE_PER_10000, 60, 64, 4.0, 6.666666666666667, Measure.PER_CENT, False),
    (Unit.COUNT, 0, 3, 3.0, None, Measure.PER_CENT, False),  # from zero: no per cent
])
def test_change_measures(unit, first, last, difference, per_cent, measure, little):
    data = series([first, last], QUARTERS[-5:-4] + QUARTERS[-1:],
                  indicator=indicator(unit=unit))
    change = analyse(data).since_year_earlier
    assert change is not None
    assert (change.difference, change.measure, change.little) == (difference, measure, little)
    assert change.per_cent == (pytest.approx(per_cent) if per_cent is not None else None)


def test_changes_use_published_rounding():
    data = series([20.04, 20.96], QUARTERS[-2:], indicator=indicator(decimal_places=1))
    change = analyse(data).since_previous
    assert change is not None
    assert (change.start_value, change.end_value, change.difference) == (20.0, 21.0, 1.0)


def test_suppressed_latest_uses_latest_published_and_never_the_suppressed_value():
    data = series([20.0, 22.0, "c"])
    result = analyse(data)
    assert result.latest is not None and result.latest.missing is not None
    assert result.latest_published is not None and result.latest_published.value == 22.0
    assert result.figure == "not published to protect confidentiality"


@pytest.mark.parametrize(("values", "pattern", "lowest", "highest"), [
    ([20.0, 21.0, 22.0, 23.0], Pattern.RISING, 20.0, 23.0),
    ([23.0, 22.0, 22.0, 20.0], Pattern.FALLING, 20.0, 23.0),
    ([20.0, 20.5, 19.8, 20.2], Pattern.STEADY, 19.8, 20.5),
    ([20.0, 25.0, 19.0, 23.0], Pattern.MIXED, 19.0, 25.0),
    ([20.0, "c", 21.0, 23.0], Pattern.RISING, 20.0, 23.0),  # the suppressed one is skipped
    ([20.0], None, 20.0, 20.0),
])
def test_trend(values, pattern, lowest, highest):
    trend = analyse(series(values)).trend
    assert (trend.pattern, trend.lowest, trend.highest) == (pattern, lowest, highest)


Q = PeriodType.QUARTER


@pytest.mark.parametrize(("rows", "expected"), [
    # (value, numerator, denominator) per quarter 2022-23 Q1..Q4, then 2023-24 Q1
    ([(20.0, 20, 100), (30.0, 60, 200), (25.0, 25, 100), (25.0, 25, 100), (10.0, 10, 100)],
     [("2022-23", 26.0, 4, False), ("2023-24", 10.0, 1, False)]),  # pooled: 130 / 500
    ([(20.0, None, None), (30.0, None, None), (25.0, None, None), (25.0, None, None)],
     [("2022-23", 25.0, 4, False)]),  # mean of the four without counts
    ([(20.0, 20, 100), ("c", None, None), (25.0, 25, 100), (25.0, 25, 100)],
     [("2022-23", None, 3, True)]),  # a suppressed quarter withholds the year
])
def test_yearly_average(rows, expected):
    ind = indicator()
    observations = tuple(observation(code, value, Q, numerator, denominator)
                         for code, (value, numerator, denominator) in zip(QUARTERS, rows,
                                                                          strict=False))
    summaries = yearly(IndicatorData(ind, observations))
    got = [(item.year.code, item.value, item.periods_used, item.withheld) for item in summaries]
    assert got == expected
    assert all(item.method == "average" for item in summaries)


def test_yearly_year_end_for_snapshots():
    kind = PeriodType.SNAPSHOT
    codes = ["2023-06-30", "2023-09-30", "2023-12-31", "2024-03-31", "2024-06-30"]
    data = series([500, 510, 520, 530, 540], codes, kind,
                  indicator=indicator(unit=Unit.COUNT, period_type=kind, decimal_places=0))
    summaries = yearly(data)
    assert [(s.year.code, s.method, s.value, s.complete) for s in summaries] == [
        ("2023-24", "year_end", 530.0, True), ("2024-25", "year_end", 540.0, False)]


def test_yearly_academic_when_targets_start_in_september():
    kind = PeriodType.MONTH
    codes = ["2023-08", "2023-09", "2023-10"]
    data = series([90.0, 91.0, 92.0], codes, kind,
                  indicator=indicator(period_type=kind, frequency=Frequency.MONTHLY),
                  targets=(target("2023-09-01", 95.0),))
    assert [s.year.code for s in yearly(data)] == ["2022-23", "2023-24"]
    assert yearly(data)[0].year.type is PeriodType.ACADEMIC_YEAR


def test_no_yearly_summary_for_annual_indicators():
    kind = PeriodType.FINANCIAL_YEAR
    data = series([1.0, 2.0], YEARS[-2:], kind,
                  indicator=indicator(period_type=kind, frequency=Frequency.ANNUAL))
    assert yearly(data) == ()
    result = analyse(data)
    assert result.since_previous == result.since_year_earlier
