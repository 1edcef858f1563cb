"""Benchmark a council's figure against England, its region and its statistical neighbours.

Every benchmark says which figure is higher, as published, and what the test for chance found.
When the council's numerator and denominator are known and the numerator counts independent
units (people or events, ``site.INDEPENDENT``), its figure gets a 95% confidence interval
(Wilson score for percentages; for rates, the exact Poisson interval for counts below 10 and
Byar's approximation to it from 10 up). A comparator's figure inside that interval could differ
by chance; outside it, the gap is too large to be down to chance. Without such counts (half-day
sessions, full-time-equivalent posts, or nothing declared) the figures are compared as published
and the gap is not tested. Comparators are treated as fixed values, as the public health
Fingertips tools do. Polarity turns higher or lower into better or worse. Counts are never
compared (``site.NOT_COMPARABLE``): a council's count and England's differ by the size of the place.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from generator.analysis.compare import is_usable
from generator.analysis.numbers import rounded
from generator.model.outcomes import Chance, Comparison, Method
from generator.model.periods import Period
from generator.model.site import (
    INDEPENDENT,
    NOT_COMPARABLE,
    RATE_BASE,
    AreaType,
    Comparator,
    Indicator,
    IndicatorData,
    Observation,
    Polarity,
    Unit,
)

Z_95 = 1.959963984540054  # the 97.5th percentile of the standard normal distribution
EXACT_BELOW = 10  # Byar's approximation is used from this count up, the exact interval below it
QUARTILE_MINIMUM = 20  # fewer councils than this and quartile bands mean little
BENCHMARK_AREAS = (AreaType.ENGLAND, AreaType.REGION, AreaType.STATISTICAL_NEIGHBOURS)


@dataclass(frozen=True)
class Interval:
    """A 95% confidence interval in the indicator's unit."""

    low: float
    high: float
    method: Method

    def contains(self, value: float) -> bool:
        """Return True when the value lies inside the interval (ends included)."""
        return self.low <= value <= self.high


@dataclass(frozen=True)
class Benchmark:
    """The council's figure against one comparator area's for the same period."""

    area_type: AreaType
    area_code: str
    area_name: str
    period: Period
    council_value: float  # rounded as published
    area_value: float  # rounded as published
    comparison: Comparison  # higher, lower or the same, as published
    chance: Chance
    better: bool | None  # by polarity; None with no preferred direction or the same figure
    method: Method
    interval: Interval | None = None


def wilson_interval(numerator: float, denominator: float, z: float = Z_95) -> tuple[float, float]:
    """Return the Wilson score interval of a proportion, as fractions between 0 and 1."""
    if denominator <= 0:
        raise ValueError("the denominator must be positive")
    p = numerator / denominator
    z2 = z * z
    scale = 1 + z2 / denominator
    centre = (p + z2 / (2 * denominator)) / scale
    half = z * math.sqrt(p * (1 - p) / denominator + z2 / (4 * denominator**2)) / scale
    return max(0.0, centre - half), min(1.0, centre + half)


def byar_interval(count: float, z: float = Z_95) -> tuple[float, float]:
    """Return Byar's approximation to the exact Poisson interval of a count."""
    if count < 0:
        raise ValueError("the count must not be negative")
    low = 0.0
    if count > 0:
        low = count * (1 - 1 / (9 * count) - z / (3 * math.sqrt(count))) ** 3
    upper = count + 1
    high = upper * (1 - 1 / (9 * upper) + z / (3 * math.sqrt(upper))) ** 3
    return max(0.0, low), high


def _poisson_cdf(count: int, mean: float) -> float:
    term = total = math.exp(-mean)
    for k in range(1, count + 1):
        term *= mean / k
        total += term
    return total


def _solve(function: Callable[[float], float], target: float, low: float, high: float) -> float:
    """Return x in [low, high] where a decreasing function equals target, by bisection."""
    for _ in range(200):
        middle = (low + high) / 2
        if function(middle) > target:
            low = middle
        else:
            high = middle
    return (low + high) / 2


def exact_poisson_interval(count: int, confidence: float = 0.95) -> tuple[float, float]:
    """Return the exact (Garwood) Poisson interval of a small count."""
    tail = (1 - confidence) / 2
    ceiling = count + 20 * math.sqrt(count + 1) + 20
    high = _solve(lambda mean: _poisson_cdf(count, mean), tail, 0.0, ceiling)
    if count == 0:
        return 0.0, high
    low = _solve(lambda mean: _poisson_cdf(count - 1, mean), 1 - tail, 0.0, ceiling)
    return low, high


def interval_for(observation: Observation, indicator: Indicator) -> Interval | None:
    """Return the 95% interval of a figure when its counts are known and may be tested.

    Only counts of independent units are tested: people and events. Half-day sessions (many
    from one child) and full-time-equivalent posts are not, nor is a numerator nobody declared.
    """
    numerator, denominator = observation.numerator, observation.denominator
    if indicator.numerator_counts not in INDEPENDENT:
        return None
    if not is_usable(observation) or numerator is None or not denominator:
        return None
    unit = indicator.unit
    if unit is Unit.PERCENTAGE:
        if numerator > denominator:
            return None
        low, high = wilson_interval(numerator, denominator)
        return Interval(low * 100, high * 100, Method.WILSON)
    if unit in RATE_BASE:
        scale = RATE_BASE[unit] / denominator
        if numerator < EXACT_BELOW and float(numerator).is_integer():
            low, high = exact_poisson_interval(int(numerator))
            return Interval(low * scale, high * scale, Method.POISSON)
        low, high = byar_interval(numerator)
        return Interval(low * scale, high * scale, Method.BYAR)
    return None


def compare(council: float, area: float) -> Comparison:
    """Return whether the council's figure is higher, lower or the same as an area's."""
    if council == area:
        return Comparison.SAME
    return Comparison.HIGHER if council > area else Comparison.LOWER


def chance(council: float, area: float, interval: Interval | None) -> Chance:
    """Return what the test for chance says about the gap (an equal figure has none to test)."""
    if interval is None or council == area:
        return Chance.NOT_TESTED
    return Chance.COULD_BE_CHANCE if interval.contains(area) else Chance.NOT_CHANCE


def better(comparison: Comparison, polarity: Polarity) -> bool | None:
    """Return True when the council's figure is the better one by polarity, None when neither."""
    if comparison is Comparison.SAME or polarity is Polarity.NONE:
        return None
    return (comparison is Comparison.HIGHER) == (polarity is Polarity.HIGHER)


def _usable_comparator(row: Comparator) -> bool:
    return row.value is not None and row.missing is None


def benchmarks(data: IndicatorData) -> tuple[Benchmark, ...]:
    """Return the council against England, region and neighbours' average, latest shared period.

    For each area the latest period in which both the council and the area have a published
    figure is used, so a comparator that lags the council's figures still appears.
    """
    indicator = data.indicator
    if indicator.unit in NOT_COMPARABLE:
        return ()
    own = {row.period: row for row in data.observations if is_usable(row)}
    latest: dict[tuple[AreaType, str], Comparator] = {}
    for row in data.comparators:  # sorted by period, so later rows replace earlier ones
        if row.area_type in BENCHMARK_AREAS and _usable_comparator(row) and row.period in own:
            latest[(row.area_type, row.area_code)] = row
    results = []
    for (area_type, _), row in sorted(
        latest.items(), key=lambda item: (BENCHMARK_AREAS.index(item[0][0]), item[0][1])
    ):
        observation = own[row.period]
        council = rounded(observation.value or 0.0, indicator)
        area = rounded(row.value or 0.0, indicator)
        interval = interval_for(observation, indicator)
        comparison, tested = compare(council, area), chance(council, area, interval)
        method = Method.FIGURES if interval is None or tested is Chance.NOT_TESTED else interval.method
        results.append(Benchmark(
            area_type, row.area_code, row.area_name, row.period, council, area, comparison,
            tested, better(comparison, indicator.polarity), method, interval))
    return tuple(results)


def quartile_band(value: float, values: Sequence[float], polarity: Polarity) -> str | None:
    """Return the quartile band A to D of a council among all councils, A being the best quarter.

    Councils are ranked best first by polarity; tied councils share the better rank. The band is
    the quarter of the ranking the council's rank falls in (rank 1 to n/4 is A). There is no band
    for an indicator with no preferred direction or for fewer than ``QUARTILE_MINIMUM`` councils.
    """
    if polarity is Polarity.NONE or len(values) < QUARTILE_MINIMUM:
        return None
    higher_is_better = polarity is Polarity.HIGHER
    better = sum(1 for other in values if (other > value if higher_is_better else other < value))
    rank = better + 1
    return "ABCD"[min(3, (rank - 1) * 4 // len(values))]
