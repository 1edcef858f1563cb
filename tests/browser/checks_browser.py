"""Checks that load pages in Chromium: axe-core, console and requests, privacy, charts, mobile
layout, page weight and keyboard focus.

Each check returns what it found (empty lists mean pass) so the tests can report every page's
problems together and the self-tests can assert that a planted fault is found.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Browser, BrowserContext, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tools.browser.launcher import AXE_JS
from tools.browser.server import SiteServer

_JS = Path(__file__).parent  # the page-side scripts live beside this module
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# The only rules whose outcome depends on colours: all dark mode can change. The dark-mode pass
# runs these alone; the light pass runs every rule of AXE_TAGS.
AXE_COLOUR_RULES = ["color-contrast", "link-in-text-block"]
CHART = ".js-chart"  # the generator's chart container; Plotly draws svg.main-svg inside it
DRAWN = "svg.main-svg"
DESKTOP = {"width": 1280, "height": 800}
MOBILE = {"width": 360, "height": 740}


# Scroll back to the top and let Material react (its header swaps the site name for the page
# title on scroll, with a fade), then end every CSS transition so axe sees final colours.
_BACK_TO_TOP_JS = """async () => {
  window.scrollTo(0, 0);
  await new Promise(r => setTimeout(r, 50));
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  document.getAnimations().forEach(a => { try { a.finish(); } catch (e) {} });
}"""


def settle(page: Page, timeout_ms: int = 10_000) -> list[str]:
    """Scroll every chart into view (charts may draw only when visible), wait until each is
    drawn, scroll back to the top, and return the ids of charts that were not drawn."""
    charts = page.locator(CHART)
    for i in range(charts.count()):
        charts.nth(i).scroll_into_view_if_needed()
    if charts.count():
        try:
            page.wait_for_function(
                "([c, d]) => [...document.querySelectorAll(c)].every(e => e.querySelector(d))",
                arg=[CHART, DRAWN],
                timeout=timeout_ms,
            )
        except PlaywrightTimeout:
            pass
    page.evaluate(_BACK_TO_TOP_JS)
    return page.evaluate(
        """([c, d]) => [...document.querySelectorAll(c)]
            .filter(e => !e.querySelector(d)).map((e, i) => e.id || `${c}[${i}]`)""",
        [CHART, DRAWN],
    )


# -- axe-core ----------------------------------------------------------------------------------


def axe_context(browser: Browser, dark: bool = False) -> BrowserContext:
    """Return a browser context with axe-core injected into every page, in light or dark mode.

    Material picks the palette whose media query matches on a first visit, so emulating
    ``prefers-color-scheme: dark`` selects the slate scheme.
    """
    context = browser.new_context(viewport=DESKTOP, color_scheme="dark" if dark else "light")
    context.add_init_script(path=str(AXE_JS))
    return context


def run_axe(page: Page, colour_only: bool = False) -> list[dict]:
    """Run axe-core with the WCAG 2.0/2.1/2.2 A and AA rules (or only the colour rules) on the
    loaded page; return its violations."""
    run_only = (
        {"type": "rule", "values": AXE_COLOUR_RULES}
        if colour_only
        else {"type": "tag", "values": AXE_TAGS}
    )
    result = page.evaluate(
        """async (runOnly) => {
            const r = await axe.run(document, {runOnly, resultTypes: ['violations']});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(' '),
                                          summary: n.failureSummary}))}));
        }""",
        run_only,
    )
    return list(result)


def color_scheme(page: Page) -> str:
    """Return the Material colour scheme in force (``default`` or ``slate``)."""
    return page.evaluate("document.body.getAttribute('data-md-color-scheme') || ''")


def format_violations(path: str, mode: str, violations: list[dict]) -> str:
    """Render axe violations readably: page, rule, impact, and each failing element."""
    lines = []
    for v in violations:
        lines.append(f"{path} [{mode}] {v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"][:8]:
            detail = (node["summary"] or "").replace("\n", " ")[:220]
            lines.append(f"    {node['target']}  — {detail}")
        if len(v["nodes"]) > 8:
            lines.append(f"    ... and {len(v['nodes']) - 8} more elements")
    return "\n".join(lines)


# -- console, requests, privacy, charts --------------------------------------------------------


@dataclass
class Visit:
    """What one page load showed: errors, failed or foreign requests, charts, axe violations."""

    path: str
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)
    charts: int = 0
    undrawn_charts: list[str] = field(default_factory=list)
    axe_violations: list[dict] = field(default_factory=list)


class Visitor:
    """Load pages one after another in one context, recording console errors, failed requests
    and requests to other hosts (which the offline browser cannot complete), and optionally
    running axe-core on each page once its charts are drawn."""

    def __init__(
        self,
        browser: Browser,
        server: SiteServer,
        chart_timeout_ms: int = 10_000,
        axe: bool = False,
    ) -> None:
        self.server = server
        self.chart_timeout_ms = chart_timeout_ms
        self.axe = axe
        self.own_host = f"127.0.0.1:{server.port}"
        self.context = axe_context(browser) if axe else browser.new_context(viewport=DESKTOP)
        self.current: Visit | None = None
        self.missing_url = ""  # a URL expected to answer 404 (the not-found page test)
        self.context.on("request", self._request)
        self.context.on("requestfailed", self._failed)
        self.context.on("response", self._response)
        self.page = self.context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda exc: self._note("console_errors", f"uncaught: {exc}"))

    def _note(self, attr: str, text: str) -> None:
        if self.current is not None:
            getattr(self.current, attr).append(text)

    def _foreign(self, url: str) -> bool:
        parts = urlsplit(url)
        return parts.scheme not in ("data", "blob", "about") and parts.netloc != self.own_host

    def _request(self, request) -> None:  # type: ignore[no-untyped-def]
        if self._foreign(request.url):
            self._note("external_requests", request.url)

    def _console(self, msg) -> None:  # type: ignore[no-untyped-def]
        if msg.type == "error":
            loc = msg.location or {}
            if self.missing_url and loc.get("url") == self.missing_url:
                return  # Chromium logs the expected 404 of the not-found page test
            if "ERR_PROXY_CONNECTION_FAILED" in msg.text:
                return  # a blocked foreign request: reported as a privacy problem
            where = f"{loc.get('url', '')}:{loc.get('lineNumber', '')}"
            self._note("console_errors", f"{msg.text} ({where})")

    def _failed(self, request) -> None:  # type: ignore[no-untyped-def]
        if not self._foreign(request.url):
            self._note("failed_requests", f"{request.url}: {request.failure}")

    def _response(self, response) -> None:  # type: ignore[no-untyped-def]
        if response.status >= 400 and response.url != self.missing_url:
            self._note("failed_requests", f"{response.url}: HTTP {response.status}")

    def visit(self, path: str, expect_404: bool = False) -> Visit:
        """Load ``path``, wait for its charts, run axe if asked, and report what happened.

        With ``expect_404`` the page itself must answer 404 (and is not reported as failing).
        """
        self.current = Visit(path)
        self.missing_url = self.server.url(path) if expect_404 else ""
        response = self.page.goto(self.server.url(path), wait_until="load")
        if expect_404 and (response is None or response.status != 404):
            self.current.failed_requests.append(f"{path}: expected HTTP 404")
        self.current.charts = self.page.locator(CHART).count()
        self.current.undrawn_charts = settle(self.page, self.chart_timeout_ms)
        if self.axe:
            self.current.axe_violations = run_axe(self.page)
        else:
            self.page.wait_for_timeout(100)  # late console errors from deferred scripts
        visit, self.current = self.current, None
        return visit

    def close(self) -> None:
        self.context.close()


def privacy_failure(visits: list[Visit]) -> str:
    """Return a message naming the first request to another host ('' if there was none)."""
    offenders = [(v.path, url) for v in visits for url in v.external_requests]
    if not offenders:
        return ""
    path, url = offenders[0]
    hosts = sorted({urlsplit(u).netloc for _, u in offenders})
    return (
        f"{path} requested {url} — readers' requests must not go to another host "
        f"({len(offenders)} such requests in all, to {', '.join(hosts)})"
    )


# -- search ----------------------------------------------------------------------------------


def search_results(browser: Browser, url: str, query: str) -> list[str]:
    """Load ``url``, type ``query`` into Material's search box and return the results' links
    (an empty list when no result appeared within 10 seconds)."""
    page = browser.new_page()
    try:
        page.goto(url)
        page.keyboard.press("/")  # Material's shortcut to the search box
        page.keyboard.type(query)
        try:
            page.wait_for_selector(".md-search-result__item", timeout=10_000)
        except PlaywrightTimeout:
            return []
        return list(page.locator(".md-search-result__item a").evaluate_all(
            "links => links.map(a => a.href)"))
    finally:
        page.close()


# -- mobile layout -----------------------------------------------------------------------------

_OVERFLOW_JS = (_JS / "overflow.js").read_text(encoding="utf-8")


def horizontal_overflow(page: Page) -> dict:
    """Return the page's scroll and client width and up to five elements sticking out."""
    return page.evaluate(_OVERFLOW_JS)


# -- page weight -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Weight:
    """Compressed bytes the server sent for one page: first visit (cold cache) and repeat."""

    path: str
    kind: str
    first_total: int
    first_html: int
    first_requests: int
    repeat_total: int
    repeat_requests: int


def wait_quiet(server: SiteServer, quiet_s: float = 0.3, limit_s: float = 10.0) -> None:
    """Wait until the server has sent nothing new for ``quiet_s`` (late fetches, e.g. search)."""
    end = time.monotonic() + limit_s
    count, since = -1, time.monotonic()
    while time.monotonic() < end:
        now = len(server.sent())
        if now != count:
            count, since = now, time.monotonic()
        elif time.monotonic() - since >= quiet_s:
            return
        time.sleep(0.05)


def measure_weight(browser: Browser, server: SiteServer, path: str, kind: str) -> Weight:
    """Measure what a first visit and a repeat visit (new tab, same cache) transfer.

    Counts the compressed body bytes the server actually wrote, so responses served from the
    browser cache count zero. The context has no request routing: routing disables the cache.
    """
    context = browser.new_context(viewport=DESKTOP)
    try:
        server.clear_log()
        page = context.new_page()
        page.goto(server.url(path), wait_until="load")
        settle(page)
        wait_quiet(server)
        first = server.sent()
        server.clear_log()
        again = context.new_page()
        again.goto(server.url(path), wait_until="load")
        settle(again)
        wait_quiet(server)
        repeat = server.sent()
    finally:
        context.close()
    html = sum(s.body_bytes for s in first if s.path == path)
    return Weight(
        path,
        kind,
        first_total=sum(s.body_bytes for s in first),
        first_html=html,
        first_requests=len(first),
        repeat_total=sum(s.body_bytes for s in repeat),
        repeat_requests=len(repeat),
    )


# -- keyboard ----------------------------------------------------------------------------------

_FOCUS_JS = (_JS / "focus.js").read_text(encoding="utf-8")


@dataclass
class TabReport:
    """What tabbing through a page found."""

    stops: list[dict] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    reached_palette: bool = False
    reached_search: bool = False


def tab_through(page: Page, max_tabs: int = 250) -> TabReport:
    """Press Tab through the loaded page until focus cycles, checking every stop."""
    report = TabReport()
    seen: set[str] = set()
    page.evaluate("document.activeElement && document.activeElement.blur()")
    for _ in range(max_tabs):
        page.keyboard.press("Tab")
        stop = page.evaluate(_FOCUS_JS)
        if stop is None:
            continue  # focus is on the page itself (after the last control, or focus fix-up)
        if stop["key"] in seen:
            break  # one full cycle done
        seen.add(stop["key"])
        report.stops.append(stop)
        report.reached_palette |= stop["palette"]
        report.reached_search |= stop["search"]
        if not stop["visible"]:
            report.problems.append(f"focused element is not visible: {stop['desc']}")
        elif not stop["indicator"]:
            report.problems.append(f"no visible focus indicator: {stop['desc']}")
    return report


def tab_to(page: Page, predicate_js: str, max_tabs: int = 60) -> bool:
    """Press Tab until ``predicate_js`` (a function of the focused element) is true."""
    page.evaluate("document.activeElement && document.activeElement.blur()")
    for _ in range(max_tabs):
        page.keyboard.press("Tab")
        if page.evaluate(f"(({predicate_js}))(document.activeElement)"):
            return True
    return False


def keyboard_use(page: Page) -> list[str]:
    """Use the palette toggle and search with the keyboard alone; return what did not work."""
    problems = []
    before = color_scheme(page)
    if not tab_to(page, "e => e.name === '__palette'"):
        problems.append("Tab never reaches the light/dark toggle")
    else:
        page.keyboard.press("Enter")
        if color_scheme(page) == before:
            problems.append("Enter on the light/dark toggle does not change the colour scheme")
    word = page.evaluate(
        "(document.querySelector('h1')?.textContent || document.title)"
        ".split(/\\W+/).find(w => w.length > 3) || ''"
    )
    if not tab_to(page, "e => e.classList.contains('md-search__input')"):
        problems.append("Tab never reaches the search box")
    elif word:
        page.keyboard.type(word)
        try:
            page.wait_for_selector(".md-search-result__item", timeout=10_000)
        except PlaywrightTimeout:
            problems.append(f"typing {word!r} in the search box shows no results")
    return problems


# -- interactive states ------------------------------------------------------------------------
# What a reader opens on a page, each set up as a reader would, so that axe-core and the focus
# checks see the page as it is then: search results, the navigation drawer, an abbreviation's
# tooltip. Each waits until the state is on screen (a timeout if it never comes).

SEARCH_QUERY = "referrals"  # matches pages of every kind, so the results list is long
TOOLTIP = ".md-tooltip2--active"


def open_search_results(page: Page) -> str:
    """Type a query into Material's search box and wait for its results; return the scope."""
    page.keyboard.press("/")  # Material's shortcut to the search box
    page.keyboard.type(SEARCH_QUERY)
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    page.evaluate(_BACK_TO_TOP_JS)  # finish the fade-in so axe sees the final colours
    return ".md-search"


def open_drawer(page: Page) -> str:
    """Open the navigation drawer with its menu button (narrow screens); return the scope."""
    page.locator("label.md-header__button[for='__drawer']").click()
    page.wait_for_function("document.getElementById('__drawer').checked")
    page.locator(".md-sidebar--primary").wait_for(state="visible")
    page.evaluate(_BACK_TO_TOP_JS)  # the drawer slides in: end the transition
    return ".md-sidebar--primary"


def show_tooltip(page: Page) -> str:
    """Hover the first abbreviation in the content until its tooltip shows; return the scope."""
    page.locator("article abbr[title]").first.hover()
    page.wait_for_selector(TOOLTIP, timeout=5_000)
    page.evaluate(_BACK_TO_TOP_JS)
    return TOOLTIP


STATES = {"search-results": (DESKTOP, open_search_results),
          "drawer-360px": (MOBILE, open_drawer),
          "tooltip": (DESKTOP, show_tooltip)}
#: The key that walks through a state: Material moves through search results with the arrow
#: keys (Tab closes search), and through the drawer with Tab.
WALK_KEYS = {"search-results": "ArrowDown", "drawer-360px": "Tab"}


def focus_in(page: Page, scope: str, key: str = "Tab", max_presses: int = 120) -> TabReport:
    """Press ``key`` until focus has entered ``scope`` and left it (or stopped moving),
    checking every stop inside: visible, on top of whatever else is there, with an indicator.
    """
    report = TabReport()
    seen: set[str] = set()
    entered = False
    for _ in range(max_presses):
        page.keyboard.press(key)
        inside = page.evaluate(f"!!document.activeElement?.closest({scope!r})")
        if entered and not inside:
            break
        if not inside:
            continue
        entered = True
        stop = page.evaluate(_FOCUS_JS)
        if stop is None:
            continue
        if stop["key"] in seen:
            if key != "Tab":
                break  # the arrow keys stop at the last result
            continue
        seen.add(stop["key"])
        report.stops.append(stop)
        if not stop["visible"]:
            report.problems.append(f"focused element is not visible: {stop['desc']}")
        elif not page.evaluate(_ON_TOP_JS):
            report.problems.append(f"focused element is covered by another: {stop['desc']}")
        elif not stop["indicator"]:
            report.problems.append(f"no visible focus indicator: {stop['desc']}")
    return report


# Is the focused element the one a reader sees at its centre, not one covered by another (a
# drawer panel slid over its parent level)? Transitions are ended first.
_ON_TOP_JS = """() => {
  document.getAnimations().forEach(a => { try { a.finish(); } catch (e) {} });
  const el = document.activeElement, r = el.getBoundingClientRect();
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return !!hit && (el.contains(hit) || [...(el.labels || [])].some(l => l.contains(hit)));
}"""
