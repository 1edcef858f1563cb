"""Charts are drawn on a cold load, after instant navigation, in dark mode, and when printed; each
can be saved as an image by keyboard, and its period labels never touch at 360 px.

plotly.js is fetched only by pages with a chart, asynchronously, by charts.js, once a chart is
within a screen of the viewport or the page is printed (issue 20).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from tools.browser.server import SiteServer

from .conftest import BOTH_BUILDERS

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
    """Scroll each chart into view (a chart is drawn only when near the viewport), wait until
    all are drawn, and return how many charts there are and how many Plotly drew."""
    page.wait_for_function("document.querySelectorAll('.js-chart').length > 0")
    charts = page.locator(".js-chart")
    for i in range(charts.count()):
        # Wait while it is in view: after instant navigation the chart may be watched only
        # after this scroll.
        charts.nth(i).scroll_into_view_if_needed()
        charts.nth(i).locator("svg.main-svg").first.wait_for(timeout=10_000)
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_function(
        "() => document.querySelectorAll('.js-chart').length > 0 && "
        "document.querySelectorAll('.js-chart').length === "
        "document.querySelectorAll('.js-chart.chart--drawn').length", timeout=10_000)
    return (page.locator(".js-chart").count(),
            page.evaluate(f"document.querySelectorAll('{DRAWN}').length"))


@BOTH_BUILDERS
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
    assert any(url.endswith("pages.js") for url in urls)
    assert not any(url.endswith(("charts.js", PLOTLY)) for url in urls)
    assert page.evaluate("typeof Plotly") == "undefined"


def test_a_chart_page_fetches_the_chart_library_without_blocking(page: Page, server: SiteServer,
                                                                 base_path: str) -> None:
    urls = _requested(page)
    page.goto(server.origin + base_path + INDICATOR)
    _charts_drawn(page)
    # Not a blocking <script> in the page: charts.js adds it, asynchronously, after the content.
    assert PLOTLY not in page.content().split("<body", 1)[1]
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


# -- Issue 16: saving a chart, labels at 360 px; issue 20: drawn when near, and before print ----

SAVE = "#chart-cla-rate + .chart__actions button[data-format='{format}']"
WITH_BREAKDOWN = "children-in-care/cla-count/"
DRAWN_CHARTS = ("[...document.querySelectorAll('.js-chart.chart--drawn')]"
                ".filter(chart => chart.querySelector('svg.main-svg')).length")
# One indicator of each kind of period label: monthly (78 of them), quarters, financial years,
# school years, and yearly snapshots.
TICK_PAGES = ["front-door/assessments-45-days/", "send/ehcp-annual-reviews/",
              "care-leavers/care-leavers-neet/", "attendance/overall-absence/", INDICATOR]


def _phone(browser: Browser, height: int = 740) -> tuple[BrowserContext, Page]:
    context = browser.new_context(viewport={"width": 360, "height": height},
                                  device_scale_factor=2, is_mobile=True, has_touch=True)
    return context, context.new_page()


@pytest.mark.parametrize("format", ["png", "svg"])
def test_the_save_button_is_a_button_that_works_by_keyboard(page: Page, server: SiteServer,
                                                            base_path: str, format: str) -> None:
    page.goto(server.origin + base_path + INDICATOR)
    _charts_drawn(page)
    button = page.locator(SAVE.format(format=format))
    assert button.evaluate("b => b.tagName") == "BUTTON"
    assert button.inner_text() == f"Save chart as {format.upper()}"
    button.focus()
    assert button.evaluate("b => b === document.activeElement")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == f"cla-rate.{format}"
    saved = Path(download.value.path()).read_bytes()
    assert saved.startswith(b"\x89PNG" if format == "png" else b"<svg")
    page.emulate_media(media="print")
    assert not button.is_visible()
    assert page.errors == []  # type: ignore[attr-defined]


def test_without_javascript_there_is_no_save_button(browser: Browser, server: SiteServer,
                                                    base_path: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server.origin + base_path + INDICATOR)
    assert page.locator(".chart__placeholder").first.is_visible()
    assert page.locator(".chart__save").count() == 0
    context.close()


def _overlaps(boxes: list[dict[str, float]]) -> list[tuple[int, int]]:
    return [(i, j) for i, a in enumerate(boxes) for j, b in enumerate(boxes) if i < j
            and a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"]
            and a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"]]


@pytest.mark.parametrize("path", TICK_PAGES)
def test_period_labels_do_not_touch_at_360px_and_the_latest_is_named(
        browser: Browser, server: SiteServer, base_path: str, path: str) -> None:
    context, page = _phone(browser)
    page.goto(server.origin + base_path + path)
    chart = page.locator(".js-chart").first
    chart.scroll_into_view_if_needed()
    page.wait_for_function("document.querySelector('.js-chart').classList.contains('chart--drawn')")
    labels = chart.locator(".xtick text")
    boxes = [labels.nth(i).bounding_box() for i in range(labels.count())]
    assert len(boxes) >= 2 and all(boxes)
    assert _overlaps(boxes) == []  # type: ignore[arg-type]
    figure = chart.evaluate("e => JSON.parse(e.querySelector('template').content.textContent)")
    assert labels.nth(labels.count() - 1).text_content() == figure["data"][0]["x"][-1]
    context.close()


def test_a_chart_is_drawn_only_when_scrolled_near(browser: Browser, server: SiteServer,
                                                  base_path: str) -> None:
    context, page = _phone(browser, height=500)
    urls = _requested(page)
    page.goto(server.origin + base_path + WITH_BREAKDOWN)
    page.wait_for_timeout(500)
    # On a phone the first chart is several screens down: nothing is fetched or drawn yet.
    assert not any(PLOTLY in url for url in urls)
    assert page.locator(".js-chart.chart--drawn").count() == 0
    page.locator("#chart-cla-count").scroll_into_view_if_needed()
    page.wait_for_function("document.querySelector('#chart-cla-count.chart--drawn')")
    page.wait_for_timeout(300)
    below = page.locator("#breakdown-cla-count")
    assert "chart--drawn" not in (below.get_attribute("class") or "")
    below.scroll_into_view_if_needed()
    page.wait_for_function("document.querySelector('#breakdown-cla-count.chart--drawn "
                           "svg.main-svg')")
    context.close()


def test_nothing_below_a_chart_moves_when_it_is_drawn(browser: Browser, server: SiteServer,
                                                      base_path: str) -> None:
    # A reader who scrolls to the table must not lose it when the chart above arrives: the
    # chart's place (plot, note, save buttons) is held at its drawn size before plotly.js comes.
    context, page = _phone(browser, height=500)
    page.goto(server.origin + base_path + WITH_BREAKDOWN)
    page.wait_for_function("document.querySelector('#chart-cla-count.chart--waiting')")
    table = page.locator("table.data-table").first
    before = page.evaluate("document.querySelector('table.data-table').offsetTop")
    assert page.locator("#chart-cla-count + .chart__actions button").count() == 2
    table.locator("caption").scroll_into_view_if_needed()  # where a reader starts reading it
    page.wait_for_function("document.querySelector('#chart-cla-count.chart--drawn svg.main-svg')")
    assert page.evaluate("document.querySelector('table.data-table').offsetTop") == before
    context.close()


@pytest.mark.parametrize("how", ["beforeprint", "print media"])
def test_every_chart_is_drawn_before_printing(browser: Browser, server: SiteServer,
                                              base_path: str, how: str) -> None:
    context, page = _phone(browser, height=500)
    page.goto(server.origin + base_path + WITH_BREAKDOWN)
    page.wait_for_timeout(300)
    assert page.evaluate("typeof Plotly") == "undefined"  # no chart has come near yet
    if how == "beforeprint":
        # Drawn by the time the event's handlers return: the browser prints straight after.
        drawn = page.evaluate("() => { window.dispatchEvent(new Event('beforeprint')); "
                              f"return {DRAWN_CHARTS}; }}")
        assert drawn == 2
    else:
        page.emulate_media(media="print")
        page.wait_for_function(f"{DRAWN_CHARTS} === 2", timeout=5_000)
        assert not page.locator(".chart__save").first.is_visible()
    context.close()
