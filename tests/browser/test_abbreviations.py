"""Abbreviations are explained on hover and on tap, and in the glossary."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from tools.browser.server import SiteServer

pytestmark = pytest.mark.browser

PAGE = "send/"
TOOLTIP = ".md-tooltip2--active"


def test_tapping_an_abbreviation_shows_what_it_stands_for(browser: Browser, server: SiteServer,
                                                         base_path: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, has_touch=True,
                                  is_mobile=True)
    page = context.new_page()
    page.goto(server.origin + base_path + PAGE)
    abbr = page.locator("article abbr[title]").first
    meaning = abbr.get_attribute("title")
    assert meaning
    abbr.element_handle().tap()
    page.wait_for_selector(TOOLTIP)
    assert page.locator(TOOLTIP).inner_text().strip() == meaning
    context.close()


def test_hovering_an_abbreviation_shows_what_it_stands_for(browser: Browser, server: SiteServer,
                                                          base_path: str) -> None:
    page = browser.new_page()
    page.goto(server.origin + base_path + PAGE)
    abbr = page.locator("article abbr[title]").first
    meaning = abbr.get_attribute("title")
    handle = abbr.element_handle()  # Material moves the title into its tooltip on hover
    handle.hover()
    page.wait_for_selector(TOOLTIP)
    assert page.locator(TOOLTIP).inner_text().strip() == meaning
    page.close()


def test_the_glossary_lists_every_abbreviation_used_on_the_page(browser: Browser,
                                                                 server: SiteServer,
                                                                 base_path: str) -> None:
    page = browser.new_page()
    page.goto(server.origin + base_path + PAGE)
    used = set(page.locator("article abbr[title]").all_inner_texts())
    page.goto(server.origin + base_path + "glossary/")
    listed = set(page.locator("dl.glossary dt").all_inner_texts())
    assert used and used <= listed
    page.close()
