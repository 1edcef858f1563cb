"""What changed between releases: one row per case, on small sites built in memory."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from generator.analysis.changes import PreviousRelease, compare
from generator.model.site import IndicatorData, Release, ReleaseStatus, Site, Status

from .analysis_factory import QUARTERS, indicator, officer, series, target

Q1 = Release("2024-25-q1", "Quarter 1 2024/25", date(2024, 8, 15), ReleaseStatus.PUBLISHED)


def site(*indicators: IndicatorData) -> Site:
    return Site(packages=(), indicators=indicators)


def data(values: list, ind_id: str = "test", **options: object) -> IndicatorData:
    ind = indicator(id=ind_id, title=f"Indicator {ind_id}", **options)
    return series(values, QUARTERS[:len(values)], indicator=ind,
                  targets=(target("2020-04-01", 20.0, 2.0),))


def changed(before: Site, after: Site) -> dict[str, list]:
    found = compare(PreviousRelease(Q1, before), after)
    return {
        "new_periods": [(c.indicator.id, list(c.periods)) for c in found.new_periods],
        "revisions": [(c.indicator.id, c.period, c.old, c.new) for c in found.revisions],
        "new": [c.id for c in found.new_indicators],
        "retired": [c.id for c in found.retired_indicators],
        "removed": [c.id for c in found.removed_indicators],
        "renamed": [(old, c.id) for old, c in found.renamed_indicators],
        "moved": [(c.indicator.id, c.old_area, c.new_area) for c in found.moved_indicators],
        "ratings": [(c.indicator.id, c.old, c.new) for c in found.rating_changes],
    }


NONE: dict[str, list] = {"new_periods": [], "revisions": [], "new": [], "retired": [],
                         "removed": [], "renamed": [], "moved": [], "ratings": []}

CASES = [
    ("nothing", site(data([19, 19])), site(data([19, 19])), {}),
    ("new period", site(data([19, 19])), site(data([19, 19, 19])),
     {"new_periods": [("test", ["October to December 2022"])]}),
    ("revised figure", site(data([19, 19])), site(data([19.5, 19])),
     {"revisions": [("test", "April to June 2022", "19.0%", "19.5%")]}),
    ("figure suppressed later", site(data([19, 19])), site(data(["c", 19])),
     {"revisions": [("test", "April to June 2022", "19.0%",
                     "not published to protect confidentiality")]}),
    ("new indicator", site(data([19])), site(data([19]), data([5], "other")), {"new": ["other"]}),
    ("retired indicator", site(data([19])), site(data([19], status=Status.RETIRED)),
     {"retired": ["test"]}),
    ("removed indicator", site(data([19]), data([5], "gone")), site(data([19])),
     {"removed": ["gone"]}),
    ("renamed indicator", site(data([19], "old")), site(data([19], "new", previous_ids=("old",))),
     {"renamed": [("old", "new")]}),
    # The sites have no service area table, so the move names the areas by their ids.
    ("moved to another service area", site(data([19])),
     site(data([19], service_area="children-in-care")),
     {"moved": [("test", "front-door", "children-in-care")]}),
    ("renamed and moved", site(data([19], "old")),
     site(data([19], "new", previous_ids=("old",), service_area="children-in-care")),
     {"renamed": [("old", "new")], "moved": [("new", "front-door", "children-in-care")]}),
    ("rating changed", site(data([19, 19])), site(data([19, 19, 25])),
     {"new_periods": [("test", ["October to December 2022"])],
      "ratings": [("test", "Green", "Red")]}),
    ("the service rated it", site(data([19, 19])),
     site(replace(data([19, 19]), ratings=(officer(QUARTERS[1], "amber", "Reason"),))),
     {"ratings": [("test", "Green", "Amber (the service's rating)")]}),
]


@pytest.mark.parametrize(("before", "after", "expected"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_compare(before: Site, after: Site, expected: dict[str, list]) -> None:
    assert changed(before, after) == {**NONE, **expected}


Q2 = Release("2024-25-q2", "Quarter 2 2024/25", date(2024, 11, 14), ReleaseStatus.PUBLISHED)
Q3 = Release("2024-25-q3", "Quarter 3 2024/25", date(2025, 2, 13), ReleaseStatus.PLANNED)


@pytest.mark.parametrize(("releases", "building", "first", "not_compared", "earlier"), [
    ((), None, True, False, ()),  # no release calendar at all
    ((Q1,), Q1, True, False, ()),  # the site's first release
    ((Q1, Q2, Q3), Q2, False, True, (Q1,)),  # Q1 was published but not given to compare with
    ((Q1, Q2, Q3), Q1, True, False, ()),  # rebuilding the first release: Q2 came later
])
def test_first_release_is_judged_from_the_release_calendar(
        releases: tuple[Release, ...], building: Release | None, first: bool, not_compared: bool,
        earlier: tuple[Release, ...]) -> None:
    current = replace(site(data([19])), releases=releases)
    found = compare(None, current, building)
    assert (found.first_release, found.not_compared, found.earlier) == (first, not_compared, earlier)
    assert found.nothing_changed


def test_float_noise_is_not_a_revision() -> None:
    before = data([0.1 + 0.2])
    after = replace(before, observations=tuple(replace(o, value=0.3) for o in before.observations))
    assert changed(site(before), site(after)) == NONE
