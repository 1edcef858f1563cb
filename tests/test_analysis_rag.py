"""Red, amber, green ratings, expected ranges, officer overrides and their reasons."""

from __future__ import annotations

import pytest

from generator.analysis import analyse
from generator.analysis.rag import calculate
from generator.model.outcomes import RatingStatus as R
from generator.model.site import Polarity, Status, Unit
from tests.analysis_factory import QUARTERS, indicator, officer, series, target

LOWER, HIGHER, NONE = Polarity.LOWER, Polarity.HIGHER, Polarity.NONE


G, A, RED = R.GREEN, R.AMBER, R.RED


# One row per polarity and boundary: above and below the target, exactly on it, exactly on the
# amber band's edge and just past it, no band, and a band finer than the figures are published.
@pytest.mark.parametrize(("polarity", "value", "goal", "tolerance", "status", "reason"), [
    (HIGHER, 92.0, 90.0, 4.0, G, "The figure of 92.0% is 2.0 percentage points above the target "
     "of 90.0%, so it is rated green."),
    (HIGHER, 90.0, 90.0, 4.0, G, "The figure of 90.0% meets the target of 90.0%, so it is rated "
     "green."),
    (HIGHER, 89.96, 90.0, 0.0, G, "The figure of 90.0% meets the target of 90.0%, so it is rated "
     "green."),  # compared as published: 90.0%
    (HIGHER, 89.0, 90.0, 2.0, A, "The figure of 89.0% is 1.0 percentage point below the target of "
     "90.0%, within the amber band of 2.0 percentage points, so it is rated amber."),
    (HIGHER, 88.5, 90.0, 4.0, A, "The figure of 88.5% is 1.5 percentage points below the target "
     "of 90.0%, within the amber band of 4.0 percentage points, so it is rated amber."),
    (HIGHER, 86.0, 90.0, 4.0, A, "The figure of 86.0% is 4.0 percentage points below the target "
     "of 90.0%, within the amber band of 4.0 percentage points, so it is rated amber."),
    (HIGHER, 85.9, 90.0, 4.0, RED, "The figure of 85.9% is 4.1 percentage points below the target "
     "of 90.0%, more than the amber band of 4.0 percentage points, so it is rated red."),
    (HIGHER, 85.0, 90.0, None, RED, "The figure of 85.0% is 5.0 percentage points below the "
     "target of 90.0%, with no amber band, so it is rated red."),
    (HIGHER, 89.9, 90.0, 0.0, RED, "The figure of 89.9% is 0.1 percentage points below the "
     "target of 90.0%, with no amber band, so it is rated red."),  # a tolerance of 0 is no band
    (HIGHER, 89.9, 90.1, 0.2, A, "The figure of 89.9% is 0.2 percentage points below the target "
     "of 90.1%, within the amber band of 0.2 percentage points, so it is rated amber."),
    # a band of 0.25 on figures with one decimal place reaches 89.8 (89.75 rounded), not 89.7
    (HIGHER, 89.8, 90.0, 0.25, A, "The figure of 89.8% is 0.2 percentage points below the target "
     "of 90.0%, within the amber band of 0.2 percentage points, so it is rated amber."),
    (HIGHER, 89.7, 90.0, 0.25, RED, "The figure of 89.7% is 0.3 percentage points below the "
     "target of 90.0%, more than the amber band of 0.2 percentage points, so it is rated red."),
    (LOWER, 19.0, 22.0, 2.0, G, "The figure of 19.0% is 3.0 percentage points below the target of "
     "22.0% (lower is better), so it is rated green."),
    (LOWER, 22.0, 22.0, 2.0, G, "The figure of 22.0% meets the target of 22.0%, so it is rated "
     "green."),
    (LOWER, 23.0, 22.0, 2.0, A, "The figure of 23.0% is 1.0 percentage point above the target of "
     "22.0% (lower is better), within the amber band of 2.0 percentage points, so it is rated "
     "amber."),
    (LOWER, 24.0, 22.0, 2.0, A, "The figure of 24.0% is 2.0 percentage points above the target of "
     "22.0% (lower is better), within the amber band of 2.0 percentage points, so it is rated "
     "amber."),
    (LOWER, 24.1, 22.0, 2.0, RED, "The figure of 24.1% is 2.1 percentage points above the target "
     "of 22.0% (lower is better), more than the amber band of 2.0 percentage points, so it is "
     "rated red."),
    (LOWER, 24.0, 18.0, 4.0, RED, "The figure of 24.0% is 6.0 percentage points above the target "
     "of 18.0% (lower is better), more than the amber band of 4.0 percentage points, so it is "
     "rated red."),
    (LOWER, 22.1, 22.0, None, RED, "The figure of 22.1% is 0.1 percentage points above the target "
     "of 22.0% (lower is better), with no amber band, so it is rated red."),
    (NONE, 50.0, 40.0, 5.0, R.NOT_RATED,
     "It is not rated because there is no expected range to compare it with."),
])
def test_rating_against_target(polarity, value, goal, tolerance, status, reason):
    data = series([value], indicator=indicator(polarity=polarity),
                  targets=(target("2020-04-01", goal, tolerance),))
    rating = analyse(data).rating
    assert (rating.status, rating.reason) == (status, reason)


@pytest.mark.parametrize(("unit", "places", "value", "goal", "tolerance", "reason"), [
    (Unit.RATE_PER_10000, 1, 64.0, 60.0, 5.0, "The figure of 64.0 per 10,000 children is 4.0 per "
     "10,000 children above the target of 60.0 per 10,000 children (lower is better), within the "
     "amber band of 5.0 per 10,000 children, so it is rated amber."),
    (Unit.DAYS, 0, 25, 20, 3, "The figure of 25 days is 5 days above the target of 20 days (lower "
     "is better), more than the amber band of 3 days, so it is rated red."),
    (Unit.COUNT, 0, 121, 120, None, "The figure of 121 is 1 above the target of 120 (lower is "
     "better), with no amber band, so it is rated red."),
])
def test_the_gap_and_the_band_are_in_the_unit_of_a_difference(unit, places, value, goal,
                                                               tolerance, reason):
    ind = indicator(unit=unit, decimal_places=places, denominator="Children aged under 18")
    data = series([value], indicator=ind, targets=(target("2020-04-01", goal, tolerance),))
    assert analyse(data).rating.reason == reason


# The chart title ends with the same facts as the reason: how far from the target, and whose
# rating it is when the service set it.
@pytest.mark.parametrize(("polarity", "value", "goal", "tolerance", "ratings", "summary"), [
    (HIGHER, 92.0, 90.0, 4.0, (), "Re-referrals: 92.0% in July to September 2024, meeting the "
     "target"),
    (HIGHER, 88.5, 90.0, 4.0, (), "Re-referrals: 88.5% in July to September 2024, missing the "
     "target by 1.5 percentage points, within the amber band"),
    (LOWER, 24.0, 18.0, 4.0, (), "Re-referrals: 24.0% in July to September 2024, missing the "
     "target by 6.0 percentage points"),
    (HIGHER, 85.0, 90.0, None, ("amber", "Reason"), "Re-referrals: 85.0% in July to September "
     "2024, rated amber by the service"),
    (NONE, 50.0, 40.0, 5.0, (), "Re-referrals: 50.0% in July to September 2024"),
])
def test_chart_title_states_the_rating_facts(polarity, value, goal, tolerance, ratings, summary):
    data = series([value], indicator=indicator(polarity=polarity),
                  targets=(target("2020-04-01", goal, tolerance),),
                  ratings=(officer(QUARTERS[-1], *ratings),) if ratings else ())
    assert analyse(data).summary == summary


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


@pytest.mark.parametrize(("polarity", "value", "targets", "colour", "calculated", "reason"), [
    (HIGHER, 85.0, (target("2020-04-01", 90.0, None),), "amber", R.RED, "Calculated as red: the "
     "figure of 85.0% is 5.0 percentage points below the target of 90.0%, with no amber band. The "
     "service rated it amber instead. Their reason: Two large sibling groups."),
    (LOWER, 94.0, (target("2020-04-01", 90.0, 5.0),), "amber", R.AMBER, "Calculated as amber: "
     "the figure of 94.0% is 4.0 percentage points above the target of 90.0% (lower is better), "
     "within the amber band of 5.0 percentage points. The service rated it amber too. Their "
     "reason: Two large sibling groups."),
    (LOWER, 13.5, (target("2020-04-01", 14.0, 1.0),), "red", R.GREEN, "Calculated as green: the "
     "figure of 13.5% is 0.5 percentage points below the target of 14.0% (lower is better). The "
     "service rated it red instead. Their reason: Two large sibling groups."),
    (LOWER, 85.0, (), "green", R.NOT_RATED, "The calculation gives no rating, because there is no "
     "target for July to September 2024. The service rated it green. Their reason: Two large "
     "sibling groups."),
    (NONE, 50.0, (target("2020-04-01", None, None, 55.0, 75.0),), "amber", R.BELOW_RANGE,
     "Calculated as below expected range: the figure of 50.0% is below the expected range of "
     "55.0% to 75.0%. The service rated it amber instead. Their reason: Two large sibling groups."),
])
def test_officer_rating_shows_the_calculated_rating_and_theirs(polarity, value, targets, colour,
                                                              calculated, reason):
    data = series([value], indicator=indicator(polarity=polarity), targets=targets,
                  ratings=(officer(QUARTERS[-1], colour, "Two large sibling groups"),))
    rating = analyse(data).rating
    assert (rating.status, rating.source, rating.calculated) == (R(colour), "officer", calculated)
    assert rating.reason == reason
    assert rating.whose == "(the service's rating)"
    assert rating.calculated_reason == calculate(data, data.observations[-1].period,
                                                 data.observations[-1]).reason


def test_officer_rating_keeps_its_label():
    data = series([30.0], targets=(target("2020-04-01", 22.0, 1.0),),
                  ratings=(officer(QUARTERS[-1], "amber", "Two large sibling groups"),))
    assert analyse(data).rating.label == "Amber \u2014 close to target"


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
