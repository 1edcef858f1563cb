"""First paint on a slow phone: the words and the table come before the chart library (issue 20).

Each measured page is loaded cold under Chromium's network and CPU throttling, a "slow 4G"
profile (150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up, as Lighthouse uses) with the CPU
slowed 4 times. The test reads the browser's own timings: first contentful paint, largest
contentful paint, the bytes transferred once the network is quiet (before the reader scrolls),
and when plotly.js finished arriving. plotly.js is fetched only when a chart comes within a screen
of the viewport: on a phone an indicator page's chart is several screens down, so it arrives only
once the reader scrolls to the chart (the test then does). On a chart page the first paint must
come before plotly.js has finished loading; a page with no chart must not load it at all. The
timings are printed at the end of the run with the page weights.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import pytest
from playwright.sync_api import Browser

from tools.browser.server import SiteServer

from .checks_browser import wait_quiet
from .weight_report import PAINT_PROPERTY

pytestmark = pytest.mark.browser

SLOW_4G = {"offline": False, "latency": 150, "downloadThroughput": 1.6 * 1024 * 1024 / 8,
           "uploadThroughput": 750 * 1024 / 8}
CPU_SLOWDOWN = 4
PAGES = {"indicator": "children-in-care/cla-rate/", "home": "", "glossary": "glossary/",
         "service-area": "children-in-care/"}

_TIMINGS_JS = """() => new Promise(resolve => {
  let lcp = 0;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) { lcp = Math.max(lcp, entry.startTime); }
  }).observe({type: 'largest-contentful-paint', buffered: true});
  setTimeout(() => {
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    const plotly = performance.getEntriesByType('resource')
      .filter(e => e.name.endsWith('plotly-basic.min.js'))[0];
    resolve({fcp: fcp ? fcp.startTime : null, lcp: lcp,
             plotly: plotly ? plotly.responseEnd : null});
  }, 300);
})"""


@dataclass
class Paint:
    """One page's timings in milliseconds from the start of navigation."""

    kind: str
    path: str
    first_contentful_paint: float
    largest_contentful_paint: float
    chart_library_loaded: float | None
    arrival_kb: float  # transferred before the reader scrolls


def _measure(browser: Browser, server: SiteServer, path: str, kind: str) -> Paint:
    context = browser.new_context(viewport={"width": 412, "height": 823}, is_mobile=True)
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", SLOW_4G)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        server.clear_log()
        page.goto(server.url(path), wait_until="load", timeout=60_000)
        wait_quiet(server, quiet_s=1.0, limit_s=30.0)
        arrival = page.evaluate(_TIMINGS_JS)  # what the reader has before scrolling
        sent = sum(s.body_bytes for s in server.sent())  # compressed, as the server wrote it
        timings = arrival
        if page.locator(".js-chart").count():
            page.locator(".js-chart").first.scroll_into_view_if_needed()
            page.wait_for_selector(".js-chart.chart--drawn", timeout=60_000)
            timings = page.evaluate(_TIMINGS_JS)
    finally:
        context.close()
    return Paint(kind, path, arrival["fcp"], arrival["lcp"], timings["plotly"],
                 round(sent / 1024, 1))


@pytest.mark.parametrize("kind", sorted(PAGES))
def test_words_are_painted_before_the_chart_library_arrives(
        browser: Browser, server: SiteServer, base_path: str, kind: str,
        record_property: pytest.FixtureRequest) -> None:
    paint = _measure(browser, server, base_path + PAGES[kind], kind)
    record_property(PAINT_PROPERTY, [asdict(paint)])
    assert paint.first_contentful_paint is not None and paint.largest_contentful_paint > 0
    if kind == "indicator":
        assert paint.chart_library_loaded is not None
        assert paint.first_contentful_paint < paint.chart_library_loaded, paint
    else:
        assert paint.chart_library_loaded is None, paint


def paint_table(rows: list[dict]) -> list[str]:
    """Format the measured timings, one line a page."""
    head = (f"{'type':<13} {'page':<50} {'FCP ms':>8} {'LCP ms':>8} {'plotly.js ms':>13} "
            f"{'arrival KB':>11}")
    lines = [f"slow 4G, CPU {CPU_SLOWDOWN}x slower, cold cache", head, "-" * len(head)]
    for row in sorted(rows, key=lambda r: r["kind"]):
        library = row["chart_library_loaded"]
        lines.append(f"{row['kind']:<13} {row['path'][-50:]:<50} "
                     f"{row['first_contentful_paint']:>8.0f} {row['largest_contentful_paint']:>8.0f} "
                     f"{'-' if library is None else f'{library:.0f}':>13} "
                     f"{row['arrival_kb']:>11.1f}")
    return lines
