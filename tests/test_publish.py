"""Publish two releases of the example data into a local bare repository and read them back.

What the two releases hold is in ``tests/deployment.py``. The gh-pages branch is checked out and
served from 127.0.0.1 the way GitHub Pages serves a project site.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import TYPE_CHECKING
from urllib.parse import urljoin

import pytest

from tests.deployment import BASE, FIRST, MOVED, RETIRED, SECOND, publish_two_releases
from tools.browser.server import SiteServer

if TYPE_CHECKING:
    from playwright.sync_api import Browser  # only the browser tests use it


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SiteServer]:
    """Publish both releases, check out gh-pages and serve it; yield the server."""
    checkout = publish_two_releases(tmp_path_factory.mktemp("publish"))
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
                                            (SECOND, "Quarter 2 2025/26")])
def test_each_release_answers_at_its_own_address(pages: SiteServer, release: str,
                                                 title: str) -> None:
    for path in ("", "front-door/contacts/", "releases/", "whats-changed/"):
        status, html = _get(pages, f"{BASE}{release}/{path}")
        assert status == 200, path
    assert title in _get(pages, f"{BASE}{release}/front-door/contacts/")[1]


def test_latest_and_the_root_lead_to_the_newer_release(pages: SiteServer) -> None:
    status, html = _get(pages, f"{BASE}latest/front-door/contacts/")
    assert status == 200
    target = urljoin(f"{BASE}latest/front-door/contacts/", _redirect_target(html))
    assert target == f"{BASE}{SECOND}/front-door/contacts/"
    assert _redirect_target(_get(pages, BASE)[1]) == "latest/"
    versions = _get(pages, f"{BASE}versions.json")[1]
    assert re.search(rf'"{SECOND}".*?"aliases": \[\s*"latest"', versions, re.S)


def test_a_missing_address_gets_the_latest_release_not_found_page(pages: SiteServer) -> None:
    status, html = _get(pages, f"{BASE}no-such-page/")
    assert status == 404
    assert f"{BASE}{SECOND}/assets/" in html  # its links work from any address


def test_retired_indicator_keeps_its_addresses(pages: SiteServer) -> None:
    area, ind = RETIRED
    assert _get(pages, f"{BASE}{FIRST}/{area}/{ind}/")[0] == 200
    status, html = _get(pages, f"{BASE}{SECOND}/{area}/{ind}/")
    assert status == 200 and "Retired indicator" in html
    status, html = _get(pages, f"{BASE}{SECOND}/indicators/{ind}/")
    assert status == 200 and f"{area}/{ind}/" in _redirect_target(html)


def test_moved_indicator_keeps_its_old_addresses(pages: SiteServer) -> None:
    ind, was, now = MOVED
    assert _get(pages, f"{BASE}{FIRST}/{was}/{ind}/")[0] == 200  # release 1 as published
    assert _get(pages, f"{BASE}{SECOND}/{now}/{ind}/")[0] == 200
    old = f"{BASE}{SECOND}/{was}/{ind}/"
    status, html = _get(pages, old)
    assert status == 200 and urljoin(old, _redirect_target(html)) == f"{BASE}{SECOND}/{now}/{ind}/"
    latest = f"{BASE}latest/{was}/{ind}/"  # where release 1's banner link points
    status, html = _get(pages, latest)
    assert status == 200 and urljoin(latest, _redirect_target(html)) == old


def test_what_changed_lists_the_planted_revision(pages: SiteServer) -> None:
    html = _get(pages, f"{BASE}{SECOND}/whats-changed/")[1]
    row = re.search(r'<tr class="revision">(.*?)</tr>', html, re.S)
    assert row, html
    cells = re.sub(r"<[^>]+>", "|", row.group(1))
    for text in ("Contacts received by the front door", "June 2025", "1,140", "1,150 (revised)"):
        assert text in cells
    assert "September 2025" in html  # referrals' new period
    assert "Initial health assessments within 20 working days" in html  # retired
    assert ("Re-referrals within 12 months</a> moved from Front door and early help to Child "
            "protection; old links redirect.") in html
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
])
def test_old_page_says_it_is_not_the_latest_and_links_to_it(pages: SiteServer, browser: Browser,
                                                         old: str, new: str) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(pages.url(f"{BASE}latest/{new}"))
        page.wait_for_url(f"**{BASE}{SECOND}/{new}")
        page.wait_for_selector(".md-version")  # the release selector, from versions.json
        assert page.locator("[data-md-component=outdated]").is_hidden()

        page.goto(pages.url(f"{BASE}{FIRST}/{old}"))
        banner = page.locator("[data-md-component=outdated]")
        banner.wait_for(state="visible")
        assert "This is not the latest release" in banner.inner_text()
        banner.get_by_role("link").click()
        page.wait_for_url(f"**{BASE}{SECOND}/{new}")
    finally:
        context.close()
