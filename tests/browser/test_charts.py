"""Charts are drawn on a cold load, after instant navigation, in dark mode, and when printed.

plotly.js is fetched only by pages with a chart, asynchronously, by charts.js (issue 20).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from tools.browser.server import SiteServer

pytestmark = pytest.mark.browser

INDICATOR = "children-in-care/cla-rate/"
NO_CHART = "glossary/"
PLOTLY = "plotly-basic.min.js"
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


def _at_published_host(browser: Browser, server: SiteServer,
                       site_url: str) -> tuple[BrowserContext, Page, str, list[str]]:
    """Return a page that reads the site at its published host, answered by the loopback server.

    Material's instant navigation only intercepts links listed in sitemap.xml, matched by
    protocol and host but not port, so the page must be at the published host, as GitHub Pages
    would serve it. Also returns that host and the list the page's script errors go into.
    """
    host = urlsplit(site_url).hostname
    assert host, "the built site has no site_url in its sitemap"
    context = browser.new_context()
    context.route(f"http://{host}/**", lambda route: route.fulfill(
        response=route.fetch(url=route.request.url.replace(f"http://{host}", server.origin))))
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    return context, page, host, errors


def test_charts_draw_after_instant_navigation(browser: Browser, server: SiteServer,
                                              base_path: str, site_url: str) -> None:
    context, page, host, errors = _at_published_host(browser, server, site_url)
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
    # A plain build's link section (a release build's permanent link: test_deployed.py).
    assert page.locator(".permalink").is_visible()
    shot = tmp_path / "print.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")


def _requested(page: Page) -> list[str]:
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    return urls


def test_a_page_without_a_chart_loads_no_chart_library(page: Page, server: SiteServer,
                                                        base_path: str) -> None:
    urls = _requested(page)
    page.goto(server.origin + base_path + NO_CHART, wait_until="load")
    page.wait_for_timeout(500)
    assert page.locator(".js-chart").count() == 0
    assert any(url.endswith("charts.js") for url in urls)
    assert not any(PLOTLY in url for url in urls)
    assert page.evaluate("typeof Plotly") == "undefined"


def test_a_chart_page_fetches_the_chart_library_without_blocking(page: Page, server: SiteServer,
                                                                 base_path: str) -> None:
    urls = _requested(page)
    page.goto(server.origin + base_path + INDICATOR)
    _charts_drawn(page)
    # Not a blocking <script> in the page: charts.js adds it, asynchronously, after the content.
    assert PLOTLY not in page.content().split("<body", 1)[1].split("charts.js", 1)[0]
    assert page.evaluate(f"[...document.scripts].filter(s => s.src.endsWith('{PLOTLY}'))"
                         ".map(s => s.async)") == [True]
    assert sum(PLOTLY in url for url in urls) == 1
    assert page.errors == []  # type: ignore[attr-defined]


def test_charts_draw_after_instant_navigation_from_a_page_without_one(
        browser: Browser, server: SiteServer, base_path: str, site_url: str) -> None:
    context, page, host, errors = _at_published_host(browser, server, site_url)
    page.goto(f"http://{host}{base_path}{NO_CHART}")
    page.evaluate("window.__sameDocument = true")
    # A link to a chart page in the text (Material intercepts every internal link).
    page.evaluate(f"""() => {{
        const link = document.createElement('a');
        link.href = 'http://{host}{base_path}{INDICATOR}';
        link.id = 'to-chart';
        link.textContent = 'A chart page';
        document.querySelector('article').prepend(link);
    }}""")
    page.locator("#to-chart").click()
    page.wait_for_url("**/" + INDICATOR)
    page.wait_for_function("document.querySelector('h1').textContent.trim() !== 'Glossary'")
    charts, drawn = _charts_drawn(page)
    assert page.evaluate("window.__sameDocument") is True
    assert drawn >= charts >= 1
    assert errors == []
    context.close()
