"""Plain-English explanations: one row per wording case."""

from __future__ import annotations

import pytest

from generator.analysis import analyse
from generator.analysis.explain import change_since
from generator.model.periods import PeriodType
from generator.model.site import Counted, Frequency, IndicatorData, Polarity, Unit
from tests.analysis_factory import (
    QUARTERS,
    Flag,
    Status,
    comparator,
    indicator,
    observation,
    series,
    target,
)


def _text(data: IndicatorData) -> str:
    return " ".join(analyse(data).explanation)


def _flagged(values, flags_at_end):
    data = series(values)
    rows = list(data.observations)
    rows[-1] = observation(QUARTERS[-1], values[-1], flags=flags_at_end)
    return IndicatorData(data.indicator, tuple(rows))


@pytest.mark.parametrize(("data", "sentence"), [
    (series([24.0]), "How many referrals are repeats? In July to September 2024, the answer was "
     "24.0%. That is about 1 in 4."),
    (series([24.0]), "This is the first published figure, so we cannot yet say which way it is "
     "going."),
    (series([21.0, 22.0, 23.0, 23.0, 24.0]), "A year earlier, in July to September 2023, it was "
     "21.0%. Since then it has gone up by 3.0 percentage points. This means it is getting worse."),
    (series([21.0, 22.0, 23.0, 23.0, 24.0]), "Compared with the quarter before (April to June "
     "2024), it has gone up by 1.0 percentage point."),
    (series([21.0, 22.0, 23.0, 23.0, 21.5]), "This is little change, as it is less than 1 "
     "percentage point."),
    (series([20.0, 22.0, "c"]), "The figure for July to September 2024 was not published to "
     "protect confidentiality. The latest published figure is for April to June 2024. In April to "
     "June 2024, the answer was 22.0%."),
    (series([20.0, "c", 22.0]), "The figure for April to June 2024 was not published to protect "
     "confidentiality."),
    (series(["c", 21.0, 22.0, "c", 20.0]), "We cannot say which way it is going, because the "
     "figures to compare with were not published."),
    (series([20.0, None, 22.0]), "The average for April 2023 to March 2024 was 20.0%, from 1 of "
     "4 quarters."),  # a gap: no row for April to June 2024
    (series([20.0, None, 22.0]), "We cannot say which way it is going"),
    (series([20.0, None, 21.0, 22.0]), "The quarter before, in April to June 2024, it was 21.0%."),
    (_flagged([20.0, 22.0], (Flag.PROVISIONAL,)), "The latest figure is provisional. It may "
     "change when the data is checked."),
    (_flagged([20.0, 22.0], (Flag.REVISED,)), "The figure for July to September 2024 has been "
     "revised since it was first published."),
    (series([22.0], indicator=indicator(status=Status.NEW)), "This is a new measure, so there "
     "are few past figures to compare with."),
    (series([22.0], indicator=indicator(status=Status.IN_DEVELOPMENT)), "This measure is still "
     "being developed. How it is counted may change."),
    (series([22.0], indicator=indicator(polarity=Polarity.NONE)), "Neither a higher nor a lower "
     "figure is better."),
    (series([22.0], indicator=indicator(polarity=Polarity.HIGHER)), "A higher figure is better."),
    (series([22.0], targets=(target("2020-04-01", 20.0, 1.0),)), "The figure of 22.0% is 2.0 "
     "percentage points above the target of 20.0% (lower is better), more than the amber band of "
     "1.0 percentage point, so it is rated red."),
    (series([22.0], comparators=(comparator(QUARTERS[-1], 20.0),)), "Higher than England in "
     "July to September 2024 (22.0% against 20.0%), which is worse; the gap was not tested for "
     "chance."),  # no counts to test with
    (series([22.0, 21.0], comparators=(comparator(QUARTERS[-2], 20.0),)), "Higher than England "
     "in April to June 2024 (22.0% against 20.0%), which is worse; the gap was not tested for "
     "chance."),  # England's figure lags: its period is named
    (series([20.0, 21.0, 22.0, 23.0, 24.0, 25.0]), "Figures for a single quarter go up and down, "
     "so yearly figures give a fuller picture. The average for April 2023 to March 2024 was "
     "21.5%. So far in April 2024 to March 2025, the average is 24.5%, from 2 of 4 quarters."),
    (series([20.0, "c", 22.0, 23.0, 24.0]), "There is no figure for April 2023 to March 2024, "
     "because not every figure in it was published."),
    (series([20.0, 21.0, 22.0, 23.0]), "For each quarter from October 2023 to September 2024, "
     "it has been between 20.0% and 23.0%. It has gone up over this time."),
])
def test_explanation_wording(data, sentence):
    assert sentence in _text(data)


def test_counts_and_everyday_fraction():
    row = observation(QUARTERS[-1], 24.0, numerator=48, denominator=200)
    data = IndicatorData(indicator(), (row,))
    assert "This is 48 out of 200, or about 1 in 4." in _text(data)


@pytest.mark.parametrize(("threshold", "denominator", "warned"), [
    (20, 12, True),
    (20, 20, False),
    (None, 12, False),
])
def test_small_numbers(threshold, denominator, warned):
    row = observation(QUARTERS[-1], 25.0, numerator=3, denominator=denominator)
    data = IndicatorData(indicator(small_number_threshold=threshold), (row,))
    sentence = (f"This figure is based on only {denominator} referrals, so it can change a lot "
                "from one quarter to the next.")
    assert (sentence in _text(data)) is warned


# The small-numbers caveat names what was counted, never "cases" when the package says what.
@pytest.mark.parametrize(("counted", "unit", "denominator", "words"), [
    (Counted.CHILDREN, Unit.PERCENTAGE, 12, "12 children"),
    (Counted.CHILDREN, Unit.PERCENTAGE, 1, "1 child"),
    (Counted.CARE_LEAVERS, Unit.PERCENTAGE, 96, "96 care leavers"),
    (Counted.POSTS, Unit.PERCENTAGE, 178.8, "178.8 full-time-equivalent posts"),
    (Counted.SESSIONS, Unit.PERCENTAGE, 150, "150 half-day sessions"),
    (Counted.REFERRALS, Unit.RATE_PER_10000, 150, "150 people"),  # a rate's base: its population
    (None, Unit.PERCENTAGE, 12, "12 cases"),  # nothing declared
])
def test_small_numbers_name_what_was_counted(counted, unit, denominator, words):
    row = observation(QUARTERS[-1], 25.0, numerator=1, denominator=denominator)
    ind = indicator(small_number_threshold=200, numerator_counts=counted, unit=unit)
    assert (f"This figure is based on only {words}, so it can change a lot from one quarter to "
            "the next.") in _text(IndicatorData(ind, (row,)))


@pytest.mark.parametrize(("kind", "codes", "sentence"), [
    (PeriodType.SNAPSHOT, ["2023-03-31", "2024-03-31"],
     "At 31 March 2024, the answer was 64 per 10,000 children."),
    (PeriodType.SNAPSHOT, ["2023-03-31", "2024-03-31"],
     "A year earlier, at 31 March 2023, it was 61 per 10,000 children. Since then it has gone up "
     "by 3 per 10,000 children, or 4.9%. This is little change, as it is less than 5%."),
])
def test_snapshot_wording(kind, codes, sentence):
    ind = indicator(unit=Unit.RATE_PER_10000, polarity=Polarity.NONE, decimal_places=0,
                    period_type=kind, frequency=Frequency.ANNUAL, denominator="Children aged 0-17")
    assert sentence in _text(series([61, 64], codes, kind, indicator=ind))


MONTHS = [f"{year}-{month:02d}" for year, month in
          [(2023, m) for m in range(3, 13)] + [(2024, m) for m in range(1, 4)]]


def _monthly(values, **options):
    ind = indicator(unit=Unit.COUNT, decimal_places=0, frequency=Frequency.MONTHLY,
                    period_type=PeriodType.MONTH, title="Referrals", **options)
    return series(values, MONTHS[-len(values):], PeriodType.MONTH, indicator=ind)


@pytest.mark.parametrize(("data", "summary"), [
    (series([21.0, 22.0, 23.0, 23.0, 24.0], targets=(target("2020-04-01", 22.0, 2.0),)),
     "Re-referrals: 24.0% in July to September 2024, up from 21.0% a year earlier, missing the "
     "target by 2.0 percentage points, within the amber band"),
    (series([25.0, 22.0, 23.0, 23.0, 20.0], targets=(target("2020-04-01", 22.0, 1.0),)),
     "Re-referrals: 20.0% in July to September 2024, down from 25.0% a year earlier, meeting the "
     "target"),
    (series([24.0], targets=(target("2020-04-01", 20.0, 1.0),)),
     "Re-referrals: 24.0% in July to September 2024, missing the target by 4.0 percentage "
     "points"),
    (series([24.0, "c"]),
     "Re-referrals: the figure for July to September 2024 was not published to protect "
     "confidentiality"),
    (series([24.0], indicator=indicator(title="CLA rate")),
     "Children looked after (CLA) rate: 24.0% in July to September 2024"),
    # The last quarter rose, but the year-earlier comparison is what the headline names.
    (series([24.0, 22.0, 23.0, 21.0, 23.5]),
     "Re-referrals: 23.5% in July to September 2024, about the same as a year earlier (24.0%)"),
    (series([24.0, 22.0, 23.0, 21.0, 24.0]),
     "Re-referrals: 24.0% in July to September 2024, the same as a year earlier"),
    # No figure a year earlier: the quarter before is named instead.
    (series([None, 22.0, 23.0, 20.0, 24.0]),
     "Re-referrals: 24.0% in July to September 2024, up from 20.0% the quarter before"),
    (_monthly([200] + [185] * 10 + [180, 190]),
     "Referrals: 190 in March 2024, down from 200 a year earlier"),
])
def test_summary(data, summary):
    assert analyse(data).summary == summary


@pytest.mark.parametrize(("data", "sentence"), [
    # A monthly count's average is per month, with the year's total when every month is there.
    (_monthly([160, 170, 165, 165, 160, 170, 165, 165, 160, 170, 165, 160]),
     "The average for April 2023 to March 2024 was 165 a month, 1,975 in the whole year."),
    (_monthly([160, 170, 165, 165, 160, 170]),
     "So far in April 2023 to March 2024, the average is 165 a month, from 6 of 12 months."),
    # A percentage is pooled over the year, so it has no "a quarter" and no total.
    (series([20.0, 21.0, 22.0, 23.0, 24.0, 25.0]),
     "The average for April 2023 to March 2024 was 21.5%. So far"),
])
def test_yearly_averages(data, sentence):
    assert sentence in _text(data)


@pytest.mark.parametrize(("data", "fact"), [
    (_monthly([200] + [185] * 10 + [180, 190]), "Down 10, or 5.0%, since March 2023"),
    (series([21.0, 22.0, 23.0, 23.0, 24.0]), "Up 3.0 percentage points since July to September 2023"),
    (series([24.0, 22.0, 23.0, 21.0, 24.0]), "No change since July to September 2023"),
])
def test_change_fact_matches_the_explanation(data, fact):
    analysis = analyse(data)
    assert change_since(analysis.since_year_earlier, analysis.indicator) == fact
    # The explanation gives the same size, rounded the same way.
    size = fact.split(" since ")[0].removeprefix("Up ").removeprefix("Down ").rstrip(",")
    if not fact.startswith("No change"):
        assert f"by {size}." in _text(data)


def test_never_claims_significance_and_is_deterministic():
    data = series([20.0, "c", 22.0, 23.0, 24.0], comparators=(comparator(QUARTERS[-1], 20.0),))
    first, second = analyse(data), analyse(data)
    assert first.explanation == second.explanation
    assert "significant" not in " ".join(first.explanation).lower()
