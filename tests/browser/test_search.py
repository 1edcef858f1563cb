"""Search finds indicators by the words of their questions and definitions."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from tools.browser.server import SiteServer

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("query, expected", [
    ("complete assessments", "front-door/assessments-45-days/"),  # from the question
    ("Multi-Agency Safeguarding Hub", "front-door/contacts/"),  # from the definition
])
def test_search_finds_an_indicator(browser: Browser, server: SiteServer, base_path: str,
                                   query: str, expected: str) -> None:
    page = browser.new_page()
    try:
        page.goto(server.origin + base_path)
        page.keyboard.press("/")  # Material's shortcut to the search box
        page.keyboard.type(query)
        page.wait_for_selector(".md-search-result__item", timeout=10_000)
        links = page.locator(".md-search-result__item a").evaluate_all(
            "links => links.map(a => a.href)")
        assert any(expected in link for link in links), links
    finally:
        page.close()
