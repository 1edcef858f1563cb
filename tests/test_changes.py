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
        "ratings": [(c.indicator.id, c.old, c.new) for c in found.rating_changes],
    }


NONE: dict[str, list] = {"new_periods": [], "revisions": [], "new": [], "retired": [],
                         "removed": [], "renamed": [], "ratings": []}

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


def test_first_release_has_nothing_to_compare() -> None:
    found = compare(None, site(data([19])))
    assert found.first_release and found.nothing_changed


def test_float_noise_is_not_a_revision() -> None:
    before = data([0.1 + 0.2])
    after = replace(before, observations=tuple(replace(o, value=0.3) for o in before.observations))
    assert changed(site(before), site(after)) == NONE
