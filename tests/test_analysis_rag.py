"""Red, amber, green ratings, expected ranges, officer overrides and their reasons."""

from __future__ import annotations

import pytest

from generator.analysis import analyse
from generator.model.outcomes import RatingStatus as R
from generator.model.site import Polarity, Status, Unit
from tests.analysis_factory import QUARTERS, indicator, officer, series, target

LOWER, HIGHER, NONE = Polarity.LOWER, Polarity.HIGHER, Polarity.NONE


@pytest.mark.parametrize(("polarity", "value", "goal", "tolerance", "status", "reason"), [
    (LOWER, 19.0, 22.0, 2.0, R.GREEN,
     "The figure of 19.0% is better than the target of 22.0%, so it is rated green."),
    (LOWER, 22.0, 22.0, 2.0, R.GREEN,
     "The figure of 22.0% meets the target of 22.0%, so it is rated green."),
    (LOWER, 24.0, 22.0, 2.0, R.AMBER,
     "The figure of 24.0% is worse than the target of 22.0% by 2.0 percentage points or less, "
     "so it is rated amber."),
    (LOWER, 24.1, 22.0, 2.0, R.RED,
     "The figure of 24.1% is worse than the target of 22.0% by more than 2.0 percentage points, "
     "so it is rated red."),
    (LOWER, 22.1, 22.0, None, R.RED,
     "The figure of 22.1% is worse than the target of 22.0%, so it is rated red."),
    (HIGHER, 95.0, 90.0, 5.0, R.GREEN, None),
    (HIGHER, 85.0, 90.0, 5.0, R.AMBER, None),
    (HIGHER, 84.9, 90.0, 5.0, R.RED, None),
    (HIGHER, 89.96, 90.0, 0.0, R.GREEN, None),  # compared as published: 90.0%
    (HIGHER, 90.3, 90.1, 0.2, R.GREEN, None),
    (HIGHER, 89.9, 90.1, 0.2, R.AMBER, None),  # no floating-point edge: 90.1 - 0.2 is 89.9
    (NONE, 50.0, 40.0, 5.0, R.NOT_RATED,
     "It is not rated because there is no expected range to compare it with."),
])
def test_rating_against_target(polarity, value, goal, tolerance, status, reason):
    data = series([value], indicator=indicator(polarity=polarity),
                  targets=(target("2020-04-01", goal, tolerance),))
    rating = analyse(data).rating
    assert rating.status is status
    if reason:
        assert rating.reason == reason


@pytest.mark.parametrize(("polarity", "value", "low", "high", "status", "reason"), [
    (NONE, 50.0, 55.0, 75.0, R.BELOW_RANGE,
     "The figure of 50.0 per 10,000 children is below the expected range of 55.0 to 75.0 per "
     "10,000 children."),
    (NONE, 55.0, 55.0, 75.0, R.WITHIN_RANGE, None),
    (NONE, 75.0, 55.0, 75.0, R.WITHIN_RANGE, None),
    (NONE, 75.1, 55.0, 75.0, R.ABOVE_RANGE, None),
    (NONE, 80.0, 55.0, None, R.WITHIN_RANGE,
     "The figure of 80.0 per 10,000 children is within the expected range of at least 55.0 per "
     "10,000 children."),
    (LOWER, 80.0, None, 75.0, R.ABOVE_RANGE, None),  # a range with no target also works
])
def test_rating_against_range(polarity, value, low, high, status, reason):
    ind = indicator(unit=Unit.RATE_PER_10000, polarity=polarity, denominator="Children")
    data = series([value], indicator=ind, targets=(target("2020-04-01", None, None, low, high),))
    rating = analyse(data).rating
    assert rating.status is status
    assert rating.word not in ("Red", "Amber", "Green")
    if reason:
        assert rating.reason == reason


@pytest.mark.parametrize(("targets", "status"), [
    # the 2024-25 target (from April 2024) applies to the latest quarter, 2024-25 Q2 (24.0%)
    ((target("2023-04-01", 25.0, 1.0), target("2024-04-01", 22.0, 1.0)), R.RED),
    ((target("2023-04-01", 22.0, 1.0), target("2024-04-01", 25.0, 1.0)), R.GREEN),
    # a target that starts after the period does not apply yet
    ((target("2023-04-01", 25.0, 1.0), target("2024-10-01", 22.0, 1.0)), R.GREEN),
    # a target that only starts in the future: not rated
    ((target("2025-04-01", 22.0, 1.0),), R.NOT_RATED),
    ((), R.NOT_RATED),
])
def test_targets_change_by_date(targets, status):
    data = series([24.0], indicator=indicator(), targets=targets)
    assert analyse(data).rating.status is status


def test_previous_period_is_rated_against_its_own_target():
    data = series([24.0, 24.0], QUARTERS[-6:-5] + QUARTERS[-1:],
                  targets=(target("2023-04-01", 25.0, 1.0), target("2024-04-01", 22.0, 1.0)))
    result = analyse(data)
    assert result.rating.status is R.RED
    assert result.newly_red  # the quarter before has no figure, so it was not red


@pytest.mark.parametrize(("values", "status", "reason"), [
    ([20.0, "c"], R.NOT_RATED, "It is not rated because the figure for July to September 2024 "
     "was not published to protect confidentiality."),
    ([20.0, "x"], R.NOT_RATED, "It is not rated because the figure for July to September 2024 "
     "was not available."),
    ([], R.NOT_RATED, "It is not rated because there are no figures yet."),
])
def test_missing_figures_are_not_rated(values, status, reason):
    data = series(values, targets=(target("2020-04-01", 22.0, 1.0),))
    rating = analyse(data).rating
    assert (rating.status, rating.reason) == (status, reason)


def test_officer_rating_overrides_with_reason():
    data = series([30.0], targets=(target("2020-04-01", 22.0, 1.0),),
                  ratings=(officer(QUARTERS[-1], "amber", "Two large sibling groups"),))
    rating = analyse(data).rating
    assert (rating.status, rating.source, rating.calculated) == (R.AMBER, "officer", R.RED)
    assert rating.reason == "An officer rated this amber. Their reason: Two large sibling groups."
    assert rating.label == "Amber \u2014 close to target"


def test_officer_rating_for_another_period_does_not_apply():
    data = series([30.0], targets=(target("2020-04-01", 22.0, 1.0),),
                  ratings=(officer(QUARTERS[-2], "green", "Old"),))
    assert analyse(data).rating.status is R.RED


def test_in_development_is_not_rated():
    data = series([30.0], indicator=indicator(status=Status.IN_DEVELOPMENT),
                  targets=(target("2020-04-01", 22.0, 1.0),))
    rating = analyse(data).rating
    assert rating.status is R.NOT_RATED
    assert rating.reason == "It is not rated because the measure is still being developed."
