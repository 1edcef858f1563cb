"""An indicator moved to another service area keeps its addresses, and What changed says so.

The minimal fixture is the release being built; the previous release is the same data with one
indicator in another service area (or the addresses that release published, as ``publish``
reads them from the Pages branch).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

import pytest

from generator.analysis.changes import PreviousRelease
from generator.analysis.disclosure import protect
from generator.build import generate
from generator.input.check import load_site
from generator.model.site import ServiceArea, Site
from generator.pages.context import current_release
from generator.settings import DEFAULT_THRESHOLD
from tests.golden_pages import CONTEXT, FIXTURE


@cache
def fixture_site() -> Site:
    return protect(load_site([FIXTURE]), DEFAULT_THRESHOLD)


def moved(site: Site, indicator_id: str, area: str) -> Site:
    """Return ``site`` with one indicator in another service area."""
    return replace(site, indicators=tuple(
        replace(d, indicator=replace(d.indicator, service_area=area))
        if d.indicator.id == indicator_id else d for d in site.indicators))


def pages(previous_site: Site | None, addresses: frozenset[str] = frozenset()) -> dict[str, str]:
    site = fixture_site()
    previous = (None if previous_site is None else
                PreviousRelease(current_release(site), previous_site, addresses))
    files = generate(site, replace(CONTEXT, previous=previous))
    return {path: text for path, text in files.items() if isinstance(text, str)}


def redirects_to(files: dict[str, str]) -> dict[str, str]:
    """Return each redirect page outside ``indicators/`` with where it leads."""
    found = {}
    for path, text in files.items():
        match = re.search(r'url=([^"]+)"', text) if path.endswith(".html") else None
        if match and not path.startswith("indicators/"):
            found[path] = match.group(1)
    return found


def with_area(site: Site, area: str, title: str) -> Site:
    """Return ``site`` with one more service area."""
    return replace(site, service_areas=(*site.service_areas, ServiceArea(area, 9, title)))


RENAMED = {"children-in-care/cla-per-10k/index.html": "../cla-rate/"}  # the fixture's own

CASES = [
    ("no previous release", None, frozenset(), RENAMED),
    ("nothing moved", fixture_site(), frozenset(), RENAMED),
    ("moved since the previous release", moved(fixture_site(), "re-referrals", "children-in-care"),
     frozenset(), {**RENAMED,
                   "children-in-care/re-referrals/index.html": "../../front-door/re-referrals/"}),
    # Release 3: the previous release already had it in its new area, but published a redirect
    # at the address of release 1; that address is made again.
    ("moved two releases ago", fixture_site(),
     frozenset({"children-in-care/re-referrals/", "front-door/re-referrals/",
                "children-in-care/cla-rate/"}),
     {**RENAMED, "children-in-care/re-referrals/index.html": "../../front-door/re-referrals/"}),
    ("renamed and moved", moved(replace(fixture_site(), indicators=tuple(
        replace(d, indicator=replace(d.indicator, id="cla-per-10k", previous_ids=()))
        if d.indicator.id == "cla-rate" else d for d in fixture_site().indicators)),
        "cla-per-10k", "front-door"), frozenset(),
     {**RENAMED, "front-door/cla-per-10k/index.html": "../../children-in-care/cla-rate/"}),
    # The previous release had a service area this one has not: its only indicator moved.
    ("every indicator of a service area moved away",
     moved(with_area(fixture_site(), "early-help", "Early help"), "re-referrals", "early-help"),
     frozenset(), {**RENAMED, "early-help/re-referrals/index.html": "../../front-door/re-referrals/",
                   "early-help/index.html": "../front-door/"}),
    # Known only from the addresses the previous release published (it went two releases ago);
    # its indicators went to two service areas, so its address leads to the home page.
    ("a service area that went two releases ago", fixture_site(),
     frozenset({"early-help/re-referrals/", "early-help/cla-rate/"}),
     {**RENAMED, "early-help/re-referrals/index.html": "../../front-door/re-referrals/",
      "early-help/cla-rate/index.html": "../../children-in-care/cla-rate/",
      "early-help/index.html": "../"}),
    ("a priority's address is no service area", fixture_site(),
     frozenset({"priorities/safe-at-home/"}), RENAMED),
    ("only indicator page addresses count", fixture_site(),
     frozenset({"front-door/cla-rate/", "indicators/re-referrals/", "downloads/x/"}),
     {**RENAMED, "front-door/cla-rate/index.html": "../../children-in-care/cla-rate/"}),
]


@pytest.mark.parametrize(("previous", "addresses", "expected"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_old_addresses_redirect(previous: Site | None, addresses: frozenset[str],
                                expected: dict[str, str]) -> None:
    assert redirects_to(pages(previous, addresses)) == expected


@pytest.mark.parametrize(("previous", "sentence"), [
    (moved(fixture_site(), "re-referrals", "children-in-care"),
     "- [Re\\-referrals within 12 months](../front-door/re-referrals/) moved from Children in care "
     "to Front door; old links redirect."),
    (moved(fixture_site(), "cla-rate", "front-door"),
     "- [Children looked after per 10,000](../children-in-care/cla-rate/) moved from Front door "
     "to Children in care; old links redirect."),
])
def test_what_changed_reports_the_move(previous: Site, sentence: str) -> None:
    page = pages(previous)["whats-changed/index.md"]
    assert "## Indicators in another service area" in page
    assert sentence in page.splitlines()
    assert "Nothing changed since" not in page


@pytest.mark.parametrize(("previous", "addresses", "title"), [
    (moved(with_area(fixture_site(), "early-help", "Early help"), "re-referrals", "early-help"),
     frozenset(), "Early help has moved"),
    (fixture_site(), frozenset({"early-help/re-referrals/"}), "This service area has moved"),
])
def test_a_former_service_area_says_it_has_moved(previous: Site, addresses: frozenset[str],
                                                 title: str) -> None:
    assert f"<h1>{title}</h1>" in pages(previous, addresses)["early-help/index.html"]


def test_what_changed_says_nothing_of_moves_when_none_moved() -> None:
    assert "another service area" not in pages(fixture_site())["whats-changed/index.md"]
