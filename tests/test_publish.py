"""Publish three releases of the example data into a local bare repository and read them back.

What the three releases hold is in ``tests/deployment.py``. The gh-pages branch is checked out
and served from 127.0.0.1 under the site's sub-path, the way GitHub Pages serves a project site.

Issue 17's "done when", and where each part is checked on that deployment or a copy of it:
every old address answers, an indicator and a service area that moved among them (here);
republishing a published release is refused, a correction shows its notice and keeps the old
version, a planned release is refused, identical content is a clean no-op, a rejected push says
why, withdraw leaves every remaining address working (``test_releases.py``); no page logs a
console error (``browser/test_deployed.py``, one page of each kind in each release).
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import TYPE_CHECKING
from urllib.parse import urljoin

import pytest

from tests.deployment import (
    BASE,
    FIRST,
    GONE,
    MOVED,
    RETIRED,
    SECOND,
    THIRD,
    publish_releases,
)
from tools.browser.server import SiteServer

if TYPE_CHECKING:
    from playwright.sync_api import Browser  # only the browser tests use it


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SiteServer]:
    """Publish the three releases, check out gh-pages and serve it; yield the server."""
    checkout = publish_releases(tmp_path_factory.mktemp("publish"))
    with SiteServer({BASE: checkout}) as server:
        yield server


def _get(server: SiteServer, path: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(server.url(path)) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def _redirect_target(html: str) -> str:
    match = re.search(r'url=([^"]+)"', html) or re.search(r'<a href="([^"]+)"', html)
    assert match, html
    return match.group(1)


@pytest.mark.parametrize("release, title", [(FIRST, "Quarter 1 2025/26"),
                                            (SECOND, "Quarter 2 2025/26"),
                                            (THIRD, "Quarter 3 2025/26")])
def test_each_release_answers_at_its_own_address(pages: SiteServer, release: str,
                                                 title: str) -> None:
    for path in ("", "front-door/contacts/", "releases/", "whats-changed/"):
        status, html = _get(pages, f"{BASE}{release}/{path}")
        assert status == 200, path
    assert title in _get(pages, f"{BASE}{release}/front-door/contacts/")[1]


def test_latest_and_the_root_lead_to_the_newest_release(pages: SiteServer) -> None:
    status, html = _get(pages, f"{BASE}latest/front-door/contacts/")
    assert status == 200
    target = urljoin(f"{BASE}latest/front-door/contacts/", _redirect_target(html))
    assert target == f"{BASE}{THIRD}/front-door/contacts/"
    assert _redirect_target(_get(pages, BASE)[1]) == "latest/"
    versions = _get(pages, f"{BASE}versions.json")[1]
    assert re.search(rf'"{THIRD}".*?"aliases": \[\s*"latest"', versions, re.S)
    assert versions.index(f'"{SECOND}"') < versions.index(f'"{FIRST}"')


def test_a_missing_address_gets_the_latest_release_not_found_page(pages: SiteServer) -> None:
    status, html = _get(pages, f"{BASE}no-such-page/")
    assert status == 404
    assert f"{BASE}{THIRD}/assets/" in html  # its links work from any address


def test_retired_indicator_keeps_its_addresses(pages: SiteServer) -> None:
    area, ind = RETIRED
    assert _get(pages, f"{BASE}{FIRST}/{area}/{ind}/")[0] == 200
    status, html = _get(pages, f"{BASE}{SECOND}/{area}/{ind}/")
    assert status == 200 and "Retired indicator" in html
    status, html = _get(pages, f"{BASE}{SECOND}/indicators/{ind}/")
    assert status == 200 and f"{area}/{ind}/" in _redirect_target(html)
    assert "Retired indicator" in _get(pages, f"{BASE}{THIRD}/{area}/{ind}/")[1]


def _lands(pages: SiteServer, address: str) -> str:
    """Return where an address ends up once every redirect on the way is followed."""
    for _ in range(5):
        status, html = _get(pages, address)
        assert status == 200, address
        if 'http-equiv="refresh"' not in html:
            return address
        address = urljoin(address, _redirect_target(html))
    raise AssertionError(f"{address}: more than five redirects")


@pytest.mark.parametrize("old, now", [
    # Release 1's address of the indicator that moved in release 2, in each later release and
    # through latest/ (where release 1's banner link points): made again from the addresses
    # release 2 published.
    (f"{FIRST}/{MOVED[1]}/{MOVED[0]}/", f"{FIRST}/{MOVED[1]}/{MOVED[0]}/"),  # as published
    (f"{SECOND}/{MOVED[1]}/{MOVED[0]}/", f"{SECOND}/{MOVED[2]}/{MOVED[0]}/"),
    (f"{THIRD}/{MOVED[1]}/{MOVED[0]}/", f"{THIRD}/{MOVED[2]}/{MOVED[0]}/"),
    (f"latest/{MOVED[1]}/{MOVED[0]}/", f"{THIRD}/{MOVED[2]}/{MOVED[0]}/"),
    # Release 3 moved every indicator of a service area away: the area's page and each
    # indicator's page of releases 1 and 2 lead to where they are now.
    (f"{SECOND}/{GONE[0]}/", f"{SECOND}/{GONE[0]}/"),  # as published
    (f"{THIRD}/{GONE[0]}/", f"{THIRD}/{GONE[1]}/"),
    (f"latest/{GONE[0]}/", f"{THIRD}/{GONE[1]}/"),
    *[(f"latest/{GONE[0]}/{ind}/", f"{THIRD}/{GONE[1]}/{ind}/") for ind in GONE[2]],
    (f"{THIRD}/indicators/{GONE[2][1]}/", f"{THIRD}/{GONE[1]}/{GONE[2][1]}/"),
])
def test_old_addresses_lead_to_the_page_now(pages: SiteServer, old: str, now: str) -> None:
    assert _lands(pages, f"{BASE}{old}") == f"{BASE}{now}"


def test_what_changed_lists_the_planted_revision(pages: SiteServer) -> None:
    html = _get(pages, f"{BASE}{SECOND}/whats-changed/")[1]
    row = re.search(r'<tr class="revision"[^>]*>(.*?)</tr>', html, re.S)
    assert row, html
    cells = re.sub(r"<[^>]+>", "|", row.group(1))
    for text in ("Contacts received by the front door", "June 2025", "1,140", "1,150 (revised)"):
        assert text in cells
    assert "September 2025" in html  # referrals' new period
    assert "Initial health assessments within 20 working days" in html  # retired
    assert ("Re-referrals within 12 months</a> moved from Front door and early help to Child "
            "protection; old links redirect.") in html
    third = _get(pages, f"{BASE}{THIRD}/whats-changed/")[1]
    assert ("Children who went missing</a> moved from Missing children to Child protection; old "
            "links redirect.") in third
    assert "October 2025" in third  # contacts' new period
    first = _get(pages, f"{BASE}{FIRST}/whats-changed/")[1]
    # releases.csv lists four releases published before the first one this test publishes, so the
    # page must not call it the site's first.
    assert "This is the first release published on this site" not in first
    assert ("cannot list what changed since the previous release, Quarter 4 2024/25 (January to "
            "March 2025), because "
            "this copy of the site was built without that release") in first


@pytest.mark.browser
@pytest.mark.parametrize("old, new", [
    ("front-door/contacts/", "front-door/contacts/"),
    (f"{MOVED[1]}/{MOVED[0]}/", f"{MOVED[2]}/{MOVED[0]}/"),  # moved to another service area
    (f"{GONE[0]}/", f"{GONE[1]}/"),  # a service area whose indicators all moved away
])
def test_old_page_says_it_is_not_the_latest_and_links_to_it(pages: SiteServer, browser: Browser,
                                                         old: str, new: str) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(pages.url(f"{BASE}latest/{new}"))
        page.wait_for_url(f"**{BASE}{THIRD}/{new}")
        page.wait_for_selector(".md-version")  # the release selector, from versions.json
        assert page.locator("[data-md-component=outdated]").is_hidden()

        page.goto(pages.url(f"{BASE}{FIRST}/{old}"))
        banner = page.locator("[data-md-component=outdated]")
        banner.wait_for(state="visible")
        assert "This is not the latest release" in banner.inner_text()
        banner.get_by_role("link").click()
        page.wait_for_url(f"**{BASE}{THIRD}/{new}")
    finally:
        context.close()
