"""The chart of every council's figure (issue 19): it draws, passes axe with its table open, and
its table of every council reflows at 360 px with no word broken.

The all-councils table sits in a closed disclosure, which the page-wide checks skip, so these
checks open it first.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

from tools.browser.server import SiteServer

from .checks_browser import MOBILE, axe_context, format_violations, run_axe
from .test_tables import _TABLE_PROBLEMS

pytestmark = pytest.mark.browser

# One indicator of each kind of direction in the example data.
PAGES = ("children-in-care/cla-rate/", "front-door/re-referrals/",
         "children-in-care/cla-long-term-stability/")


def _open_councils(page: Page) -> None:
    page.locator("details.table-councils").evaluate("d => { d.open = true; }")


@pytest.mark.parametrize("path", PAGES)
def test_the_distribution_draws_every_council(browser: Browser, server: SiteServer,
                                              base_path: str, path: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server.origin + base_path + path)
    chart = page.locator('.js-chart[id^="distribution-"]')
    chart.scroll_into_view_if_needed()
    chart.locator("svg.main-svg").first.wait_for(timeout=10_000)
    points = chart.locator(".scatterlayer .trace .point").count()
    rows = page.locator("details.table-councils tbody tr").count()
    assert rows > 100 and points >= rows  # every council a dot (England's line has none)
    assert chart.get_attribute("role") == "img"
    assert page.locator(f"#{chart.get_attribute('aria-describedby')}").inner_text().startswith(
        "Each dot is one council's figure")
    assert errors == []
    context.close()


@pytest.mark.parametrize("path", PAGES[:1])
def test_the_distribution_passes_axe_with_its_table_open(browser: Browser, server: SiteServer,
                                                         base_path: str, path: str) -> None:
    context = axe_context(browser)
    page = context.new_page()
    page.goto(server.origin + base_path + path)
    chart = page.locator('.js-chart[id^="distribution-"]')
    chart.scroll_into_view_if_needed()
    chart.locator("svg.main-svg").first.wait_for(timeout=10_000)
    _open_councils(page)
    violations = run_axe(page)
    assert violations == [], format_violations(path, "light", violations)
    context.close()


@pytest.mark.parametrize("path", PAGES)
def test_the_table_of_every_council_reflows_at_360_px(browser: Browser, server: SiteServer,
                                                       base_path: str, path: str) -> None:
    context = browser.new_context(viewport=MOBILE)
    page = context.new_page()
    page.goto(server.origin + base_path + path)
    _open_councils(page)
    problems = [problem for problem in page.evaluate(_TABLE_PROBLEMS)]
    assert problems == [], problems[:10]
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= MOBILE["width"], f"the page is {width}px wide at 360 px"
    context.close()
