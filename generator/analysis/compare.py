"""Compare an indicator's figures over time: changes, yearly summaries, trend, direction of travel.

Only usable observations (a number, no DfE missing symbol) enter a calculation, so a suppressed
figure can never be worked out from anything this module returns. Differences are taken between
figures rounded as published, so a reader who subtracts the printed figures gets the printed
change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from generator.analysis.numbers import rounded
from generator.model.outcomes import Direction, Pattern
from generator.model.periods import Period, PeriodType, academic_year_of, financial_year_of, shift
from generator.model.site import (
    RATE_BASE,
    Frequency,
    Indicator,
    IndicatorData,
    Observation,
    Polarity,
    Unit,
)
from generator.model.words import DIRECTION_WORDS

# Direction-of-travel tolerance: a change smaller than this is "little change".
PERCENTAGE_POINT_TOLERANCE = 1.0  # for percentages, in percentage points
PER_CENT_TOLERANCE = 5.0  # for counts, rates and other units, as a per cent of the earlier figure

# How many periods the trend looks back over, by frequency.
TREND_PERIODS = {Frequency.MONTHLY: 13, Frequency.QUARTERLY: 8, Frequency.ANNUAL: 5}
YEARLY_TYPES = (PeriodType.FINANCIAL_YEAR, PeriodType.ACADEMIC_YEAR, PeriodType.CALENDAR_YEAR)


class Measure(StrEnum):
    """How a change is measured."""

    PERCENTAGE_POINTS = "percentage_points"  # for percentages
    PER_CENT = "per_cent"  # relative change, for counts, rates and other units


@dataclass(frozen=True)
class Change:
    """The change between two published figures of one indicator."""

    start: Observation
    end: Observation
    start_value: float  # rounded as published
    end_value: float
    difference: float  # end minus start, in the indicator's unit (percentage points for %)
    per_cent: float | None  # relative change; None when the earlier figure is 0
    measure: Measure

    @property
    def amount(self) -> float | None:
        """Return the change as it is judged: percentage points or per cent."""
        return self.difference if self.measure is Measure.PERCENTAGE_POINTS else self.per_cent

    @property
    def little(self) -> bool:
        """Return True when the change is within the direction-of-travel tolerance."""
        if self.measure is Measure.PERCENTAGE_POINTS:
            return abs(self.difference) < PERCENTAGE_POINT_TOLERANCE
        if self.per_cent is None:
            return self.difference == 0
        return abs(self.per_cent) < PER_CENT_TOLERANCE


@dataclass(frozen=True)
class Travel:
    """The direction of travel and the change it was judged on."""

    direction: Direction
    change: Change | None
    basis: str  # "year" (same period a year earlier) or "previous" (the period before), or ""

    @property
    def word(self) -> str:
        """Return the direction in words."""
        return DIRECTION_WORDS[self.direction]


@dataclass(frozen=True)
class YearSummary:
    """One financial or academic year's figure: an average, or the value at the year end."""

    year: Period
    method: str  # "average" (of the periods, pooled when counts are known) or "year_end"
    value: float | None  # None when a figure in the year was not published
    periods_used: int
    periods_expected: int
    withheld: bool = False  # a figure in the year is suppressed or missing, so none is given
    total: float | None = None  # the year's total, for a count of events when every period has one

    @property
    def complete(self) -> bool:
        """Return True when every period of the year has a figure."""
        return self.periods_used == self.periods_expected


@dataclass(frozen=True)
class Trend:
    """The published figures over the recent window and their shape."""

    points: tuple[Observation, ...]
    periods: int  # how many periods the window covers, with or without figures
    start: Period | None  # the first period of the window
    pattern: Pattern | None
    change: Change | None  # from the first to the last figure in the window
    lowest: float | None
    highest: float | None


def is_usable(observation: Observation | None) -> bool:
    """Return True when an observation has a number that may be used in calculations."""
    return observation is not None and observation.value is not None and observation.missing is None


def usable(observations: Sequence[Observation]) -> tuple[Observation, ...]:
    """Return only the observations with a publishable number, in period order."""
    return tuple(item for item in observations if is_usable(item))


def find(observations: Sequence[Observation], period: Period) -> Observation | None:
    """Return the observation for a period, usable or not, or None when there is no row."""
    for item in observations:
        if item.period == period:
            return item
    return None


def step_months(indicator: Indicator) -> int:
    """Return how many months lie between one period and the next."""
    if indicator.period_type in YEARLY_TYPES or indicator.frequency is Frequency.ANNUAL:
        return 12
    return 3 if indicator.frequency is Frequency.QUARTERLY else 1


def change_between(start: Observation, end: Observation, indicator: Indicator) -> Change:
    """Return the change from one usable observation to a later one."""
    assert start.value is not None and end.value is not None
    first, last = rounded(start.value, indicator), rounded(end.value, indicator)
    difference = rounded(last - first, indicator)
    per_cent = None if first == 0 else (last - first) / abs(first) * 100
    measure = Measure.PERCENTAGE_POINTS if indicator.unit is Unit.PERCENTAGE else Measure.PER_CENT
    return Change(start, end, first, last, difference, per_cent, measure)


def change_to(data: IndicatorData, end: Observation, months: int) -> Change | None:
    """Return the change from the period ``months`` before ``end``, if both are usable."""
    start = find(data.observations, shift(end.period, -months))
    if not is_usable(start) or not is_usable(end):
        return None
    assert start is not None
    return change_between(start, end, data.indicator)


def judge(change: Change | None, polarity: Polarity) -> Direction:
    """Return the direction a change shows, judged by the indicator's polarity."""
    if change is None:
        return Direction.NOT_KNOWN
    if change.little:
        return Direction.LITTLE_CHANGE
    up = change.difference > 0
    if polarity is Polarity.NONE:
        return Direction.RISING if up else Direction.FALLING
    better = up == (polarity is Polarity.HIGHER)
    return Direction.IMPROVING if better else Direction.WORSENING


def travel(since_year: Change | None, since_previous: Change | None, polarity: Polarity) -> Travel:
    """Return the direction of travel: a year on year when possible, else since the last period."""
    if since_year is not None:
        return Travel(judge(since_year, polarity), since_year, "year")
    if since_previous is not None:
        return Travel(judge(since_previous, polarity), since_previous, "previous")
    return Travel(Direction.NOT_KNOWN, None, "")


def trend(data: IndicatorData, end: Observation) -> Trend:
    """Return the figures over the recent window that ends with ``end``."""
    indicator = data.indicator
    step = step_months(indicator)
    periods = TREND_PERIODS[indicator.frequency] if step < 12 else TREND_PERIODS[Frequency.ANNUAL]
    first = shift(end.period, -step * (periods - 1))
    points = tuple(item for item in usable(data.observations) if first <= item.period <= end.period)
    if not points:
        return Trend((), periods, first, None, None, None, None)
    values = [rounded(item.value or 0, indicator) for item in points]
    change = change_between(points[0], points[-1], indicator) if len(points) > 1 else None
    pattern = None
    if change is not None:
        steps = [later - earlier for earlier, later in zip(values, values[1:], strict=False)]
        if change.little and all(
            change_between(points[0], item, indicator).little for item in points[1:]
        ):
            pattern = Pattern.STEADY
        elif all(item >= 0 for item in steps) and change.difference > 0:
            pattern = Pattern.RISING
        elif all(item <= 0 for item in steps) and change.difference < 0:
            pattern = Pattern.FALLING
        else:
            pattern = Pattern.MIXED
    return Trend(points, periods, first, pattern, change, min(values), max(values))


def year_of(data: IndicatorData, period: Period) -> Period:
    """Return the reporting year a period belongs to: academic when targets start in September."""
    starts = {target.applies_from for target in data.targets}
    if starts and all(day.month == 9 and day.day == 1 for day in starts):
        return academic_year_of(period)
    return financial_year_of(period)


def _pooled(rows: Sequence[Observation], indicator: Indicator) -> float | None:
    """Return the figure for rows taken together when every row has its counts, else None."""
    if indicator.unit is not Unit.PERCENTAGE and indicator.unit not in RATE_BASE:
        return None
    if any(row.numerator is None or not row.denominator for row in rows):
        return None
    scale = 100 if indicator.unit is Unit.PERCENTAGE else RATE_BASE[indicator.unit]
    numerator = sum(row.numerator or 0 for row in rows)
    denominator = sum(row.denominator or 0 for row in rows)
    return numerator / denominator * scale


def yearly(data: IndicatorData) -> tuple[YearSummary, ...]:
    """Return a summary for each year of a monthly or quarterly indicator, oldest first.

    Snapshots and rolling 12-month figures give the value at the year end; monthly and
    quarterly figures give the average (pooled from the counts when every period has them).
    A year in which any figure is suppressed or missing gets no figure at all.
    """
    indicator = data.indicator
    step = step_months(indicator)
    if step >= 12 or not data.observations:
        return ()
    expected = 12 // step
    year_end = indicator.period_type in (PeriodType.SNAPSHOT, PeriodType.ROLLING_12_MONTHS)
    groups: dict[Period, list[Observation]] = {}
    for row in data.observations:
        groups.setdefault(year_of(data, row.period), []).append(row)
    summaries = []
    for year, rows in sorted(groups.items()):
        good = usable(rows)
        withheld = len(good) < len(rows)
        if year_end:
            # Only the last figure of the year is used, so only its suppression matters.
            withheld = not is_usable(rows[-1])
            value = None if withheld else rows[-1].value
            method = "year_end"
        else:
            value = None
            if good and not withheld:
                pooled = _pooled(good, indicator)
                value = pooled if pooled is not None else sum(
                    row.value or 0 for row in good) / len(good)
            method = "average"
        value = None if value is None else rounded(value, indicator)
        total = None
        if method == "average" and indicator.unit is Unit.COUNT and value is not None \
                and len(good) == expected:
            # A count of events per month adds up to the year's; a score or a rate does not.
            total = rounded(sum(rounded(row.value or 0, indicator) for row in good), indicator)
        summaries.append(YearSummary(year, method, value, len(good), expected, withheld, total))
    return tuple(summaries)
