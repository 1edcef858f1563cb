"""Disclosure control against arithmetic: one row per rule, on indicators built in memory.

Implied counts (value × denominator ÷ scale), complements of percentages, breakdowns of every
unit, secondary suppression whatever the total is called, and consistency with the previous
release. The whole-site attack is in ``test_disclosure_recovery.py``.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from generator.analysis.changes import PreviousRelease, compare
from generator.analysis.disclosure import (
    hide_in_previous,
    implied_counts,
    is_total_name,
    protect,
    protect_indicator,
)
from generator.model.periods import PeriodType, parse_canonical
from generator.model.site import (
    AreaType,
    BreakdownValue,
    Comparator,
    IndicatorData,
    Missing,
    Observation,
    Release,
    ReleaseStatus,
    Site,
    Unit,
)

from .analysis_factory import indicator, observation

C = "c"
PERIOD = "2024-25-Q1"


def _one(unit: Unit, value: float | None, numerator: float | None, denominator: float | None,
         places: int = 1, **options: object) -> IndicatorData:
    return IndicatorData(indicator(unit=unit, decimal_places=places, **options),
                         (observation(PERIOD, value, numerator=numerator,
                                      denominator=denominator),))


def _shown(data: IndicatorData) -> tuple[float | str | None, float | None, float | None]:
    row = data.observations[0]
    if row.missing is Missing.CONFIDENTIAL:
        assert (row.value, row.numerator, row.denominator) == (None, None, None)
        return (C, None, None)
    return (row.value, row.numerator, row.denominator)


@pytest.mark.parametrize(("unit", "value", "numerator", "denominator", "places", "expected"), [
    # a percentage with its denominator only: 1.5% of 200 is 3 children
    (Unit.PERCENTAGE, 1.5, None, 200, 1, (C, None, None)),
    (Unit.PERCENTAGE, 3.0, None, 200, 1, (3.0, None, 200)),           # 6 children
    (Unit.PERCENTAGE, 2.5, None, 200, 1, (C, None, None)),             # exactly 5
    # ... and as the page rounds it: 1.4% shown as "1%" of 400 reads as 4
    (Unit.PERCENTAGE, 1.4, None, 400, 0, (C, None, None)),
    # the complement: 98.5% of 200 means 3 were not counted
    (Unit.PERCENTAGE, 98.5, None, 200, 1, (C, None, None)),
    (Unit.PERCENTAGE, 97.5, 195, 200, 1, (C, None, None)),             # 200 − 195 = 5
    (Unit.PERCENTAGE, 97.0, 194, 200, 1, (97.0, 194, 200)),            # 6 not counted
    (Unit.PERCENTAGE, 100.0, 200, 200, 1, (100.0, 200, 200)),          # none left out
    (Unit.PERCENTAGE, 0.0, 0, 200, 1, (0.0, 0, 200)),                  # none counted
    # a percentage with its numerator only: 75% with 6 is 8 children, 2 of them left out
    (Unit.PERCENTAGE, 75.0, 6, None, 1, (C, None, None)),
    (Unit.PERCENTAGE, 50.0, 40, None, 1, (50.0, 40, None)),
    # a rate with its denominator only: 0.6 per 10,000 of 50,000 is 3
    (Unit.RATE_PER_10000, 0.6, None, 50_000, 1, (C, None, None)),
    (Unit.RATE_PER_1000, 0.1, None, 50_000, 1, (C, None, None)),       # 5
    (Unit.RATE_PER_100000, 4.0, None, 50_000, 1, (C, None, None)),     # 2
    (Unit.RATE_PER_10000, 21.4, None, 50_000, 1, (21.4, None, 50_000)),
    # a rate has no complement: 9,997 of 10,000 not on a plan is no one's secret
    (Unit.RATE_PER_10000, 9997.0, 9997, 10_000, 1, (9997.0, 9997, 10_000)),
    # values are published as the page shows them
    (Unit.PERCENTAGE, 61.234, 612, 999.4, 1, (61.2, 612, 999.4)),
    # units that are not worked out from people: no implied counts
    (Unit.NUMBER, 0.6, None, 50_000, 1, (0.6, None, 50_000)),
])
def test_implied_counts_are_suppressed(unit: Unit, value: float, numerator: float | None,
                                       denominator: float | None, places: int,
                                       expected: tuple) -> None:
    data = _one(unit, value, numerator, denominator, places)
    assert _shown(protect_indicator(data, 5)) == expected


def test_implied_counts_of_one_observation() -> None:
    row = observation(PERIOD, 98.5, denominator=200)
    counts = implied_counts(row, indicator(unit=Unit.PERCENTAGE))
    assert [round(c, 6) for c in counts] == [200, 197, 200, 3]


@pytest.mark.parametrize(("name", "total"), [
    ("Total", True), ("total ", True), ("All children", True), ("ALL", True),
    ("Allerton ward", False), ("Abuse or neglect", False), ("Not all known", False),
])
def test_total_names(name: str, total: bool) -> None:
    assert is_total_name(name) is total


def _breakdown(unit: Unit, groups: dict[str, list[tuple[str, float | str]]],
               counts_people: bool = False, period: str = PERIOD) -> IndicatorData:
    rows = []
    for dimension, cells in groups.items():
        for order, (category, value) in enumerate(cells, start=1):
            missing = Missing(value) if isinstance(value, str) else None
            rows.append(BreakdownValue("test", parse_canonical(period, PeriodType.QUARTER),
                                       dimension, category,
                                       None if isinstance(value, str) else value, missing, order))
    return IndicatorData(indicator(unit=unit, decimal_places=0, counts_people=counts_people),
                         breakdowns=tuple(rows))


def _cells(data: IndicatorData) -> dict[str, float | str | None]:
    return {row.category: (C if row.missing is Missing.CONFIDENTIAL else row.value)
            for row in data.breakdowns}


@pytest.mark.parametrize(("unit", "people", "cells", "expected"), [
    # one small cell, no total anywhere in the group: a second one is hidden all the same
    (Unit.COUNT, True, [("A", 3), ("B", 40), ("C", 14)], {"A": C, "B": 40, "C": C}),
    # a total named anything: never the second cell; the smallest part is
    (Unit.COUNT, True, [("All children", 57), ("A", 3), ("B", 40), ("C", 14)],
     {"All children": 57, "A": C, "B": 40, "C": C}),
    (Unit.COUNT, True, [("A", 4), ("B", 10), ("Total", 14)], {"A": C, "B": C, "Total": 14}),
    # a total known only by its sum (equal to the others), smaller than nothing else
    (Unit.COUNT, True, [("A", 4), ("B", 10), ("C", 11), ("Everyone", 25)],
     {"A": C, "B": C, "C": 11, "Everyone": 25}),
    # a part named like a total, and the only other part: hidden, as it may be a part after all
    (Unit.COUNT, True, [("A", 4), ("All other reasons", 50)], {"A": C, "All other reasons": C}),
    # a total and one small part: the total is small too
    (Unit.COUNT, True, [("A", 4), ("Total", 4)], {"A": C, "Total": C}),
    # already two hidden: nothing more
    (Unit.COUNT, True, [("A", 2), ("B", 3), ("C", 50)], {"A": C, "B": C, "C": 50}),
    # hidden in the data counts as hidden
    (Unit.COUNT, True, [("A", "c"), ("B", 12), ("C", 40)], {"A": C, "B": C, "C": 40}),
    # zero is published, and only hidden when no positive part is left
    (Unit.COUNT, True, [("A", 4), ("B", 0), ("C", 30)], {"A": C, "B": 0, "C": C}),
    (Unit.COUNT, True, [("A", 4), ("B", 0), ("Total", 4)], {"A": C, "B": C, "Total": C}),
    # nothing small: nothing hidden
    (Unit.COUNT, True, [("A", 6), ("B", 40)], {"A": 6, "B": 40}),
    # breakdowns of percentages and rates hold counts of people: protected too
    (Unit.RATE_PER_10000, False, [("A", 2), ("B", 45), ("C", 60)], {"A": C, "B": C, "C": 60}),
    (Unit.PERCENTAGE, False, [("A", 2), ("B", 45), ("C", 60)], {"A": C, "B": C, "C": 60}),
    # a count that is not of people (referrals, not children): published as it is
    (Unit.COUNT, False, [("A", 2), ("B", 45)], {"A": 2, "B": 45}),
])
def test_breakdown_suppression(unit: Unit, people: bool, cells: list, expected: dict) -> None:
    data = _breakdown(unit, {"Reason": cells}, counts_people=people)
    assert _cells(protect_indicator(data, 5)) == expected


def test_two_breakdowns_of_the_same_people_each_hide_two() -> None:
    """Reasons 3/40/14 and wards 20/37: the wards give 57, and 57 − 40 − 14 would be 3."""
    data = _breakdown(Unit.COUNT, {"Reason": [("A", 3), ("B", 40), ("C", 14)],
                                   "Ward": [("North", 20), ("South", 37)]}, counts_people=True)
    assert _cells(protect_indicator(data, 5)) == {"A": C, "B": 40, "C": C, "North": 20,
                                                  "South": 37}


# -- across releases ----------------------------------------------------------------------------


def test_a_cell_hidden_before_stays_hidden_and_is_chosen_again() -> None:
    """The earlier release hid A and B; with C revised to 9, hiding C now would publish B = 10,
    and the earlier release's A + B = 34 − 20 would give A = 4."""
    before = protect_indicator(_breakdown(Unit.COUNT, {"Reason": [("A", 4), ("B", 10),
                                                                  ("C", 20)]}, True), 5)
    assert _cells(before) == {"A": C, "B": C, "C": 20}
    now = _breakdown(Unit.COUNT, {"Reason": [("A", 4), ("B", 10), ("C", 9)]}, True)
    assert _cells(protect_indicator(now, 5)) == {"A": C, "B": 10, "C": C}  # alone: the attack
    assert _cells(protect_indicator(now, 5, before)) == {"A": C, "B": C, "C": 9}


def test_the_second_cell_avoids_figures_the_earlier_release_published() -> None:
    """The earlier release showed C = 14: hiding it now hides nothing (a reader takes the
    earlier 14), so D, whose figure is new, is hidden although it is larger."""
    before = _breakdown(Unit.COUNT, {"Reason": [("A", 8), ("B", 40), ("C", 14), ("D", 20)]},
                        True)
    now = _breakdown(Unit.COUNT, {"Reason": [("A", 3), ("B", 40), ("C", 14), ("D", 21)]}, True)
    assert _cells(protect_indicator(before, 5)) == {"A": 8, "B": 40, "C": 14, "D": 20}
    assert _cells(protect_indicator(now, 5)) == {"A": C, "B": 40, "C": C, "D": 21}
    assert _cells(protect_indicator(now, 5, protect_indicator(before, 5))) == {
        "A": C, "B": 40, "C": 14, "D": C}


def _site(*data: IndicatorData) -> Site:
    return Site(packages=(), indicators=data)


def test_an_observation_hidden_before_stays_hidden() -> None:
    before = protect(_site(_one(Unit.PERCENTAGE, 1.5, None, 200)), 5)
    now = _site(_one(Unit.PERCENTAGE, 4.0, None, 200))  # revised: 8 children
    assert _shown(protect(now, 5).indicators[0]) == (4.0, None, 200)
    assert _shown(protect(now, 5, before).indicators[0]) == (C, None, None)


def test_what_changed_shows_no_earlier_figure_the_current_release_hides() -> None:
    earlier = protect(_site(_one(Unit.PERCENTAGE, 4.0, None, 200)), 5)
    current = protect(_site(_one(Unit.PERCENTAGE, 1.5, None, 200)), 5, earlier)
    release = replace(_release(), id="earlier")
    shown = compare(PreviousRelease(release, earlier), current)
    assert [(r.old, r.new) for r in shown.revisions] == [
        ("4.0%", "not published to protect confidentiality")]
    masked = compare(PreviousRelease(release, hide_in_previous(earlier, current)), current)
    assert masked.revisions == ()


def _release() -> Release:
    return Release("r", "Release", date(2024, 8, 15), ReleaseStatus.PUBLISHED)


def test_comparators_are_left_alone() -> None:
    """England's and the region's figures are DfE's to publish, not the council's people."""
    data = _one(Unit.PERCENTAGE, 40.0, 80, 200)
    england = Comparator("test", data.observations[0].period, AreaType.ENGLAND, "E92000001",
                         "England", 1.5, 3, 200)
    protected = protect_indicator(replace(data, comparators=(england,)), 5)
    assert protected.comparators == (england,)


def test_an_observation_row_is_unchanged_when_nothing_applies() -> None:
    row = Observation("test", parse_canonical(PERIOD, PeriodType.QUARTER), 40.0, 80, 200)
    data = IndicatorData(indicator(unit=Unit.PERCENTAGE), (row,))
    assert protect_indicator(data, 5).observations == (row,)
