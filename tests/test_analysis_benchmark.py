"""Confidence intervals, comparisons with other areas and quartile bands."""

from __future__ import annotations

import pytest

from generator.analysis import analyse
from generator.analysis.benchmark import (
    byar_interval,
    exact_poisson_interval,
    quartile_band,
    wilson_interval,
)
from generator.model.outcomes import Chance, Method
from generator.model.outcomes import Comparison as C
from generator.model.site import AreaType, Counted, IndicatorData, Polarity, Unit
from tests.analysis_factory import QUARTERS, comparator, indicator, observation, series


# Newcombe (1998), Statistics in Medicine 17:857-872, table I, method 3 (Wilson score).
@pytest.mark.parametrize(("numerator", "denominator", "low", "high"), [
    (81, 263, 0.2553, 0.3662),
    (15, 148, 0.0624, 0.1605),
    (0, 20, 0.0, 0.1611),
    (1, 29, 0.0061, 0.1718),
    (29, 29, 0.8830, 1.0),
])
def test_wilson_interval(numerator, denominator, low, high):
    assert wilson_interval(numerator, denominator) == (pytest.approx(low, abs=5e-5),
                                                       pytest.approx(high, abs=5e-5))


# Exact Poisson limits from published tables (Garwood 1936).
@pytest.mark.parametrize(("count", "low", "high"), [
    (0, 0.0, 3.689),
    (1, 0.0253, 5.572),
    (5, 1.624, 11.668),
    (9, 4.115, 17.085),
])
def test_exact_poisson_interval(count, low, high):
    assert exact_poisson_interval(count) == (pytest.approx(low, abs=1e-3),
                                             pytest.approx(high, abs=1e-3))


@pytest.mark.parametrize(("count", "low", "high"), [
    (10, 4.795, 18.390),
    (100, 81.364, 121.627),
])
def test_byar_interval_is_close_to_exact(count, low, high):
    got = byar_interval(count)
    assert got[0] == pytest.approx(low, rel=0.005) and got[1] == pytest.approx(high, rel=0.005)


def _with_england(value, polarity, england, numerator=None, denominator=None,
                  unit=Unit.PERCENTAGE, counted=Counted.REFERRALS, places=1):
    ind = indicator(polarity=polarity, unit=unit, decimal_places=places, numerator_counts=counted)
    row = observation(QUARTERS[-1], value, numerator=numerator, denominator=denominator)
    return IndicatorData(ind, (row,), comparators=(comparator(QUARTERS[-1], england),))


def _outcome(data):
    return [(b.comparison, b.chance, b.better, b.method) for b in analyse(data).benchmarks]


@pytest.mark.parametrize(("value", "numerator", "denominator", "polarity", "england", "expected"), [
    # 24% of 200: Wilson 18.6% to 30.3%. Inside it: could be chance, and never "similar".
    (24.0, 48, 200, Polarity.LOWER, 22.6, (C.HIGHER, Chance.COULD_BE_CHANCE, False, Method.WILSON)),
    (24.0, 48, 200, Polarity.LOWER, 18.0, (C.HIGHER, Chance.NOT_CHANCE, False, Method.WILSON)),
    (24.0, 48, 200, Polarity.HIGHER, 18.0, (C.HIGHER, Chance.NOT_CHANCE, True, Method.WILSON)),
    (24.0, 48, 200, Polarity.NONE, 18.0, (C.HIGHER, Chance.NOT_CHANCE, None, Method.WILSON)),
    (24.0, 48, 200, Polarity.NONE, 31.0, (C.LOWER, Chance.NOT_CHANCE, None, Method.WILSON)),
    (24.0, 48, 200, Polarity.LOWER, 24.0, (C.SAME, Chance.NOT_TESTED, None, Method.FIGURES)),
    # 24% of 2,000: Wilson 22.2% to 25.9%
    (24.0, 480, 2000, Polarity.LOWER, 22.0, (C.HIGHER, Chance.NOT_CHANCE, False, Method.WILSON)),
    # no counts: the figures alone, not tested
    (24.0, None, None, Polarity.LOWER, 22.6, (C.HIGHER, Chance.NOT_TESTED, False, Method.FIGURES)),
    (24.0, None, None, Polarity.LOWER, 24.0, (C.SAME, Chance.NOT_TESTED, None, Method.FIGURES)),
    (24.0, None, None, Polarity.HIGHER, 24.04, (C.SAME, Chance.NOT_TESTED, None, Method.FIGURES)),
])
def test_compare_with_england(value, numerator, denominator, polarity, england, expected):
    assert _outcome(_with_england(value, polarity, england, numerator, denominator)) == [expected]


@pytest.mark.parametrize(("value", "numerator", "denominator", "england", "expected"), [
    (64.0, 320, 50000, 69.0, (C.LOWER, Chance.COULD_BE_CHANCE, Method.BYAR)),  # 57.2 to 71.4
    (64.0, 320, 50000, 75.0, (C.LOWER, Chance.NOT_CHANCE, Method.BYAR)),
    # 2.2 to 20.5: small counts, exact interval
    (8.0, 4, 5000, 20.0, (C.LOWER, Chance.COULD_BE_CHANCE, Method.POISSON)),
])
def test_rates_use_a_poisson_interval(value, numerator, denominator, england, expected):
    data = _with_england(value, Polarity.NONE, england, numerator, denominator,
                         Unit.RATE_PER_10000)
    assert [(c, chance, m) for c, chance, _, m in _outcome(data)] == [expected]


# Absence of children in need: 17.6% of 4,477,097 possible half-day sessions against England's
# 17.4%. Treated as independent people the gap "is too large to be chance"; sessions are not
# independent (one child misses many), so it is compared as published and not tested.
@pytest.mark.parametrize(("counted", "expected"), [
    (Counted.CHILDREN, (C.HIGHER, Chance.NOT_CHANCE, False, Method.WILSON)),
    (Counted.EVENTS, (C.HIGHER, Chance.NOT_CHANCE, False, Method.WILSON)),
    (Counted.SESSIONS, (C.HIGHER, Chance.NOT_TESTED, False, Method.FIGURES)),
    (Counted.POSTS, (C.HIGHER, Chance.NOT_TESTED, False, Method.FIGURES)),
    (None, (C.HIGHER, Chance.NOT_TESTED, False, Method.FIGURES)),  # not declared: not tested
])
def test_chance_is_tested_only_for_independent_units(counted, expected):
    data = _with_england(17.6, Polarity.LOWER, 17.4, 787_969, 4_477_097, counted=counted)
    assert _outcome(data) == [expected]


@pytest.mark.parametrize("area", [AreaType.ENGLAND, AreaType.REGION,
                                  AreaType.STATISTICAL_NEIGHBOURS])
def test_counts_are_never_compared(area):
    ind = indicator(unit=Unit.COUNT, polarity=Polarity.NONE, decimal_places=0,
                    numerator_counts=Counted.PLANS)
    row = observation(QUARTERS[-1], 410.0)
    data = IndicatorData(ind, (row,), comparators=(comparator(QUARTERS[-1], 402_400.0, area),))
    assert analyse(data).benchmarks == ()


def test_benchmarks_use_the_latest_shared_period_and_skip_suppressed():
    data = series([20.0, 21.0, 22.0, 23.0],
                  comparators=(comparator(QUARTERS[-4], 25.0), comparator(QUARTERS[-3], 19.0),
                               comparator(QUARTERS[-2], None),  # suppressed
                               comparator(QUARTERS[-3], 30.0, AreaType.REGION, name="North West"),
                               comparator(QUARTERS[-3], 1.0, AreaType.NEIGHBOUR, name="One")))
    result = analyse(data).benchmarks
    assert [(b.area_type, b.period.code, b.area_value) for b in result] == [
        (AreaType.ENGLAND, QUARTERS[-3], 19.0), (AreaType.REGION, QUARTERS[-3], 30.0)]


@pytest.mark.parametrize(("value", "polarity", "expected"), [
    (100.0, Polarity.HIGHER, "A"),
    (76.0, Polarity.HIGHER, "A"),  # rank 25 of 100
    (75.0, Polarity.HIGHER, "B"),  # rank 26
    (51.0, Polarity.HIGHER, "B"),  # rank 50
    (50.0, Polarity.HIGHER, "C"),  # rank 51
    (1.0, Polarity.HIGHER, "D"),
    (1.0, Polarity.LOWER, "A"),
    (100.0, Polarity.LOWER, "D"),
    (50.0, Polarity.NONE, None),  # no preferred direction: no band
])
def test_quartile_band(value, polarity, expected):
    everyone = [float(number) for number in range(1, 101)]
    assert quartile_band(value, everyone, polarity) == expected


def test_quartile_band_ties_share_the_better_band_and_needs_many_councils():
    assert quartile_band(5.0, [5.0] * 40, Polarity.HIGHER) == "A"
    assert quartile_band(5.0, [1.0, 5.0, 9.0], Polarity.HIGHER) is None
