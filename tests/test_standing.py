"""Rank, quartile band and the councils left out: one row per case, with the exact sentence."""

from __future__ import annotations

from dataclasses import replace

import pytest

from generator.analysis import analyse
from generator.analysis.explain import band_phrase, standing_phrase, standing_sentences
from generator.analysis.numbers import ordinal
from generator.analysis.standing import rank_of, standing
from generator.model.outcomes import Band
from generator.model.periods import PeriodType, parse_canonical
from generator.model.site import AreaType, Comparator, Frequency, IndicatorData, Polarity, Unit
from tests.analysis_factory import YEARS, comparator, indicator, series

YEAR = YEARS[-1]  # 2023-24


def _council(code: int, value: float | str | None, denominator: float | None = None
             ) -> Comparator:
    missing = value if isinstance(value, str) else None
    return Comparator("test", parse_canonical(YEAR, PeriodType.FINANCIAL_YEAR), AreaType.COUNCIL,
                      f"E0800{code:04d}", f"Council {code:03d}",
                      None if missing else value, None, denominator, missing)  # type: ignore[arg-type]


def _data(ours: float | str, theirs: list, polarity: Polarity = Polarity.LOWER,
          **options: object) -> IndicatorData:
    data = series([ours], [YEAR], kind=PeriodType.FINANCIAL_YEAR,
                  indicator=indicator(polarity=polarity, frequency=Frequency.ANNUAL,
                                      period_type=PeriodType.FINANCIAL_YEAR, **options))
    rows = tuple(item if isinstance(item, Comparator) else _council(number, item)
                 for number, item in enumerate(theirs, start=1))
    return replace(data, councils=rows)


ONE_TO_39 = [float(number) for number in range(1, 40)]  # with ours, 40 councils


@pytest.mark.parametrize(("ours", "theirs", "polarity", "rank", "count", "band", "left_out",
                          "expected"), [
    (10.0, ONE_TO_39, Polarity.LOWER, 10, 40, Band.A, 0,
     "Ranked joint 10th of 40 councils in April 2023 to March 2024, where 1st is the lowest "
     "figure because a lower figure is better. That is quartile band A, the first quarter of "
     "councils, where band A is the best quarter and band D the worst."),
    (10.5, ONE_TO_39, Polarity.LOWER, 11, 40, Band.B, 0,
     "Ranked 11th of 40 councils in April 2023 to March 2024, where 1st is the lowest figure "
     "because a lower figure is better. That is quartile band B, the second quarter of councils, "
     "where band A is the best quarter and band D the worst."),
    (10.5, ONE_TO_39, Polarity.HIGHER, 30, 40, Band.C, 0,
     "Ranked 30th of 40 councils in April 2023 to March 2024, where 1st is the highest figure "
     "because a higher figure is better. That is quartile band C, the third quarter of councils, "
     "where band A is the best quarter and band D the worst."),
    (0.5, ONE_TO_39, Polarity.HIGHER, 40, 40, Band.D, 0,
     "Ranked 40th of 40 councils in April 2023 to March 2024, where 1st is the highest figure "
     "because a higher figure is better. That is quartile band D, the fourth quarter of "
     "councils, where band A is the best quarter and band D the worst."),
    (10.5, ONE_TO_39, Polarity.NONE, 30, 40, None, 0,
     "The 30th highest figure of 40 councils in April 2023 to March 2024. Neither a higher nor a "
     "lower figure is better, so this is a position, not a ranking from best to worst."),
    # Suppressed, missing and small-number councils are left out and counted.
    (10.5, [*ONE_TO_39, "c", "x", _council(99, 50.0, denominator=4)], Polarity.LOWER, 11, 40,
     Band.B, 3,
     "Ranked 11th of 40 councils in April 2023 to March 2024, where 1st is the lowest figure "
     "because a lower figure is better. That is quartile band B, the second quarter of councils, "
     "where band A is the best quarter and band D the worst. Another 3 councils are not ranked: "
     "their figures were suppressed, not published or based on small numbers."),
    # Fewer than 20 councils: a rank, no band; one council left out is said in the singular.
    (2.0, [1.0, 3.0, "c"], Polarity.LOWER, 2, 3, None, 1,
     "Ranked 2nd of 3 councils in April 2023 to March 2024, where 1st is the lowest figure "
     "because a lower figure is better. Another council is not ranked: its figure was "
     "suppressed, not published or based on small numbers."),
])
def test_standing(ours, theirs, polarity, rank, count, band, left_out, expected):
    found = standing(_data(ours, theirs, polarity, small_number_threshold=10))
    assert found is not None
    assert (found.rank, found.count, found.band, found.left_out) == (rank, count, band, left_out)
    assert standing_sentences(found) == expected
    assert [item.ours for item in found.placed].count(True) == 1
    assert [item.rank for item in found.placed] == sorted(item.rank for item in found.placed)


@pytest.mark.parametrize(("value", "values", "polarity", "expected"), [
    (5.0, [5.0, 5.0, 1.0], Polarity.HIGHER, 1),  # ties share the better rank
    (1.0, [5.0, 5.0, 1.0], Polarity.HIGHER, 3),
    (5.0, [5.0, 5.0, 1.0], Polarity.LOWER, 2),
    (5.0, [5.0, 5.0, 9.0], Polarity.NONE, 2),  # with no direction, counted from the highest
])
def test_rank_of(value, values, polarity, expected):
    assert rank_of(value, values, polarity) == expected


@pytest.mark.parametrize(("number", "expected"), [
    (1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"), (13, "13th"),
    (21, "21st"), (22, "22nd"), (101, "101st"), (111, "111th"), (153, "153rd"), (1001, "1,001st"),
])
def test_ordinal(number, expected):
    assert ordinal(number) == expected


def test_figures_are_compared_as_published():
    # 10.04 is published as 10.0 (one decimal place): it ties with the council at 10.0.
    found = standing(_data(10.04, ONE_TO_39, decimal_places=1))
    assert found is not None and (found.rank, found.tied) == (10, True)


@pytest.mark.parametrize(("data", "why"), [
    (_data("c", ONE_TO_39), "our own figure is suppressed"),
    (series([10.0], [YEAR], kind=PeriodType.FINANCIAL_YEAR), "no council rows"),
    (_data(10.0, ONE_TO_39, unit=Unit.COUNT, decimal_places=0), "a count is never ranked"),
])
def test_no_standing(data, why):
    assert standing(data) is None, why
    assert band_phrase(None) == ""


def test_council_rows_are_no_benchmark_and_the_page_says_the_rank():
    data = _data(10.5, ONE_TO_39)
    data = replace(data, comparators=(comparator(YEAR, 12.0, kind=PeriodType.FINANCIAL_YEAR),))
    analysis = analyse(data)
    assert [b.area_type for b in analysis.benchmarks] == [AreaType.ENGLAND]
    assert analysis.standing is not None
    assert band_phrase(analysis.standing) == "Band B among councils, A best (April 2023 to March 2024)"
    assert standing_phrase(analysis.standing) == (
        "11th of 40 councils in April 2023 to March 2024, band B (second quarter; A is best)")
    assert any("Ranked 11th of 40 councils" in paragraph for paragraph in analysis.explanation)
