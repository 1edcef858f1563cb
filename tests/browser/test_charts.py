"""Charts are drawn on a cold load, after instant navigation, in dark mode, and when printed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page

from tools.browser.server import SiteServer

pytestmark = pytest.mark.browser

INDICATOR = "children-in-care/cla-rate/"
OTHER_INDICATOR = "children-in-care/cla-count/"
DRAWN = ".js-chart svg.main-svg"


@pytest.fixture()
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.errors = errors  # type: ignore[attr-defined]
    yield page
    context.close()


def _charts_drawn(page: Page) -> tuple[int, int]:
    page.wait_for_function(
        "() => document.querySelectorAll('.js-chart').length > 0 && "
        "document.querySelectorAll('.js-chart').length === "
        "document.querySelectorAll('.js-chart.chart--drawn').length", timeout=10_000)
    return (page.locator(".js-chart").count(),
            page.evaluate(f"document.querySelectorAll('{DRAWN}').length"))


def test_charts_draw_on_a_cold_load(page: Page, server: SiteServer, base_path: str) -> None:
    page.goto(server.origin + base_path + INDICATOR)
    charts, drawn = _charts_drawn(page)
    assert charts >= 1 and drawn >= charts
    assert page.errors == []  # type: ignore[attr-defined]


def test_charts_draw_after_instant_navigation(browser: Browser, server: SiteServer,
                                              base_path: str, site_url: str) -> None:
    # Material's instant navigation only intercepts links listed in sitemap.xml, matched by
    # protocol and host but not port. So the page is read at its published host, with every
    # request to that host answered by the loopback server, as GitHub Pages would.
    host = urlsplit(site_url).hostname
    assert host, "the built site has no site_url in its sitemap"
    context = browser.new_context()
    context.route(f"http://{host}/**", lambda route: route.fulfill(
        response=route.fetch(url=route.request.url.replace(f"http://{host}", server.origin))))
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"http://{host}{base_path}{INDICATOR}")
    _charts_drawn(page)
    page.evaluate("window.__sameDocument = true")
    page.locator(".md-nav a[href$='cla-count/']").first.click()
    page.wait_for_url("**/" + OTHER_INDICATOR)
    page.wait_for_function("document.querySelector('h1').textContent.trim() === "
                           "'Children in care'")
    # The marker survives only if the content was swapped without a reload.
    assert page.evaluate("window.__sameDocument") is True
    charts, drawn = _charts_drawn(page)
    assert drawn >= charts >= 1
    assert errors == []
    context.close()


def test_charts_redraw_in_dark_mode(page: Page, server: SiteServer, base_path: str) -> None:
    page.goto(server.origin + base_path + INDICATOR)
    _charts_drawn(page)
    light = page.evaluate("getComputedStyle(document.querySelector('.js-chart .scatterlayer "
                          ".trace path.js-line')).stroke")
    page.locator("label[for='__palette_1'], form[data-md-component='palette'] label").first.click()
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    page.wait_for_timeout(300)
    dark = page.evaluate("getComputedStyle(document.querySelector('.js-chart .scatterlayer "
                         ".trace path.js-line')).stroke")
    assert page.evaluate(f"document.querySelectorAll('{DRAWN}').length") >= 1
    assert light != dark
    assert page.errors == []  # type: ignore[attr-defined]


def test_printed_page_shows_chart_table_and_permanent_link(page: Page, server: SiteServer,
                                                           base_path: str,
                                                           tmp_path: Path) -> None:
    page.goto(server.origin + base_path + INDICATOR)
    _charts_drawn(page)
    page.emulate_media(media="print")
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert page.locator(DRAWN).first.is_visible()
    assert page.locator("table.data-table").first.is_visible()
    assert page.locator(".permalink__url").is_visible()
    shot = tmp_path / "print.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
