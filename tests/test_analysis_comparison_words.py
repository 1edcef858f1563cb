"""One comparison, one wording: the sentence and the short phrase come from the same outcome."""

from __future__ import annotations

import pytest

from generator.analysis import analyse
from generator.analysis.explain import comparison_phrase, comparison_sentence
from generator.model.periods import PeriodType
from generator.model.site import AreaType, Counted, Frequency, IndicatorData, Polarity, Unit
from tests.analysis_factory import QUARTERS, comparator, indicator, observation

PERCENT = dict(unit=Unit.PERCENTAGE, decimal_places=1)
RATE = dict(unit=Unit.RATE_PER_10000, decimal_places=0, denominator="Children aged 0 to 17",
            period_type=PeriodType.SNAPSHOT, frequency=Frequency.ANNUAL)


def _benchmark(value, numerator, denominator, area_value, polarity=Polarity.LOWER,
               counted=Counted.CHILDREN, area=AreaType.ENGLAND, name="England", kind=PERCENT):
    ind = indicator(polarity=polarity, numerator_counts=counted, **kind)
    code, period_type = ((QUARTERS[-1], PeriodType.QUARTER) if kind is PERCENT
                         else ("2025-03-31", PeriodType.SNAPSHOT))
    row = observation(code, value, numerator=numerator, denominator=denominator, kind=period_type)
    data = IndicatorData(ind, (row,), comparators=(
        comparator(code, area_value, area, period_type, name),))
    (benchmark,) = analyse(data).benchmarks
    return benchmark, ind


@pytest.mark.parametrize(("case", "sentence", "phrase"), [
    # 43.4% of 53 children: Wilson 30.9% to 56.8%, so England's 46.4% could be chance. It is
    # never "similar": the figures differ, and the page says which way.
    (dict(value=43.4, numerator=23, denominator=53, area_value=46.4),
     "Lower than England in July to September 2024 (43.4% against 46.4%); the gap could be down "
     "to chance.",
     "Lower than England, could be chance (July to September 2024)"),
    (dict(value=24.0, numerator=480, denominator=2000, area_value=22.0),
     "Higher than England in July to September 2024 (24.0% against 22.0%), which is worse; the "
     "gap is too large to be down to chance.",
     "Higher than England, worse, not down to chance (July to September 2024)"),
    (dict(value=24.0, numerator=480, denominator=2000, area_value=22.0, polarity=Polarity.HIGHER),
     "Higher than England in July to September 2024 (24.0% against 22.0%), which is better; the "
     "gap is too large to be down to chance.",
     "Higher than England, better, not down to chance (July to September 2024)"),
    (dict(value=24.0, numerator=480, denominator=2000, area_value=22.0, polarity=Polarity.NONE),
     "Higher than England in July to September 2024 (24.0% against 22.0%); the gap is too large "
     "to be down to chance.",
     "Higher than England, not down to chance (July to September 2024)"),
    # Half-day sessions are not independent: compared as published, and said so.
    (dict(value=17.6, numerator=787_969, denominator=4_477_097, area_value=17.4,
          counted=Counted.SESSIONS),
     "Higher than England in July to September 2024 (17.6% against 17.4%), which is worse; the "
     "gap was not tested for chance.",
     "Higher than England, worse, not tested for chance (July to September 2024)"),
    (dict(value=24.0, numerator=None, denominator=None, area_value=24.0),
     "The same as England in July to September 2024 (both 24.0%).",
     "The same as England (July to September 2024)"),
    (dict(value=91, numerator=563, denominator=61_800, area_value=67, kind=RATE),
     "Higher than England at 31 March 2025 (91 against 67 per 10,000 children), which is worse; "
     "the gap is too large to be down to chance.",
     "Higher than England, worse, not down to chance (31 March 2025)"),
    (dict(value=24.0, numerator=480, denominator=2000, area_value=22.0, area=AreaType.REGION,
          name="North West"),
     "Higher than the North West region in July to September 2024 (24.0% against 22.0%), which "
     "is worse; the gap is too large to be down to chance.",
     "Higher than the North West region, worse, not down to chance (July to September 2024)"),
    (dict(value=24.0, numerator=480, denominator=2000, area_value=22.0,
          area=AreaType.STATISTICAL_NEIGHBOURS, name="Statistical neighbours"),
     "Higher than the average for similar councils in July to September 2024 (24.0% against "
     "22.0%), which is worse; the gap is too large to be down to chance.",
     "Higher than the average for similar councils, worse, not down to chance (July to "
     "September 2024)"),
])
def test_comparison_sentence_and_phrase(case, sentence, phrase):
    benchmark, ind = _benchmark(**case)
    assert comparison_sentence(benchmark, ind) == sentence
    assert comparison_phrase(benchmark) == phrase
