"""Citing and finding a page on the plain build: heading anchors, the preview's link section,
and search that lists an indicator first for its name and question, with its own words as the
snippet. The release build's permanent link and copy buttons are tested in test_deployed.py,
where the release's address exists."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from tools.browser.server import SiteServer

pytestmark = pytest.mark.browser

INDICATOR = "front-door/re-referrals/"


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def test_section_headings_have_anchor_links_shown_on_focus(page: Page, server: SiteServer,
                                                           base_path: str) -> None:
    page.goto(server.origin + base_path + INDICATOR)
    heading = page.locator("h2#chart-and-data")
    # Material's instant navigation writes each link out in full: the page's address + #id,
    # ready to copy.
    link = page.locator('a.headerlink[href$="/re-referrals/#chart-and-data"]')
    # The heading is read as its own words; the link beside it is named after it.
    assert heading.inner_text().strip() == "Chart and data"
    assert link.get_attribute("aria-label") == "Link to this section: Chart and data"
    assert float(link.evaluate("a => getComputedStyle(a).opacity")) == 0
    link.focus()
    page.wait_for_function("a => getComputedStyle(a).opacity === '1'", arg=link.element_handle())
    page.keyboard.press("Enter")
    assert page.url.endswith("#chart-and-data")
    h2s = page.locator("article h2[id]").count()
    assert h2s >= 4 and page.locator("article .heading-anchor > a.headerlink").count() >= h2s


def test_a_preview_says_it_has_no_permanent_link_yet(page: Page, server: SiteServer,
                                                     base_path: str) -> None:
    page.goto(server.origin + base_path + INDICATOR)
    section = page.locator(".permalink")
    assert "this page has no permanent link yet" in section.inner_text()
    assert section.locator("a, button").count() == 0


def _search(page: Page, url: str, query: str) -> tuple[list[str], str]:
    """Return the links of the search results for ``query`` and the first result's snippet."""
    page.goto(url)
    page.keyboard.press("/")
    page.keyboard.type(query)
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    page.wait_for_timeout(300)  # let the results settle after the last key
    links = page.locator(".md-search-result__item > a").evaluate_all(
        "links => links.map(a => a.href.split('?')[0])")
    snippet = page.locator(".md-search-result__item").first.locator(
        ".md-search-result__article p").first.inner_text()
    return links, snippet


@pytest.mark.parametrize(("query", "expected", "own_words"), [
    # Titles.
    ("Re-referrals within 12 months", "front-door/re-referrals/",
     "How many referrals are about a child"),
    ("Social worker turnover", "workforce/sw-turnover/", "How many social workers leave us"),
    ("Care leavers in suitable accommodation", "care-leavers/care-leavers-accommodation/",
     "Do our care leavers live somewhere suitable?"),
    # A word of the question only.
    ("dentist", "health-of-children-in-care/dental-checks/", "Do children in care see a"),
    ("agencies", "workforce/sw-agency-rate/", "How many of our social workers come from"),
])
def test_search_lists_the_indicator_first_with_its_own_words(page: Page, server: SiteServer,
                                                             base_path: str, query: str,
                                                             expected: str,
                                                             own_words: str) -> None:
    links, snippet = _search(page, server.origin + base_path, query)
    assert links and links[0].endswith(base_path + expected), links[:5]
    # The snippet is the page's own question, never the demonstration banner.
    assert not snippet.startswith("Demonstration data"), snippet
    assert snippet.startswith(own_words), snippet
