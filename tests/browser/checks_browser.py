"""Checks that load pages in Chromium: axe-core, console and requests, privacy, charts, mobile
layout, page weight and keyboard focus.

Each check returns what it found (empty lists mean pass) so the tests can report every page's
problems together and the self-tests can assert that a planted fault is found.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from playwright.sync_api import Browser, BrowserContext, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from .launcher import AXE_JS
from .server import SiteServer

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
CHART = ".js-chart"  # the generator's chart container; Plotly draws svg.main-svg inside it
DRAWN = "svg.main-svg"
DESKTOP = {"width": 1280, "height": 800}
MOBILE = {"width": 360, "height": 740}


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
    page.evaluate("window.scrollTo(0, 0)")
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


def run_axe(page: Page) -> list[dict]:
    """Run axe-core with the WCAG 2.0/2.1/2.2 A and AA rules on the loaded page; return violations."""
    result = page.evaluate(
        """async (tags) => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                               resultTypes: ['violations']});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(' '),
                                          summary: n.failureSummary}))}));
        }""",
        AXE_TAGS,
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
    """What one page load showed: errors, failed or foreign requests, undrawn charts."""

    path: str
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)
    charts: int = 0
    undrawn_charts: list[str] = field(default_factory=list)


class Visitor:
    """Load pages one after another in one context that blocks and records foreign requests."""

    def __init__(self, browser: Browser, server: SiteServer) -> None:
        self.server = server
        self.context = browser.new_context(viewport=DESKTOP)
        self.context.route("**/*", self._route)
        self.current: Visit | None = None
        self.missing_url = ""  # a URL expected to answer 404 (the not-found page test)
        self.page = self.context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda exc: self._note("console_errors", f"uncaught: {exc}"))
        self.page.on("requestfailed", self._failed)
        self.page.on("response", self._response)

    def _note(self, attr: str, text: str) -> None:
        if self.current is not None:
            getattr(self.current, attr).append(text)

    def _route(self, route) -> None:  # type: ignore[no-untyped-def]
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "about") or parts.netloc == f"127.0.0.1:{self.server.port}":
            route.continue_()
            return
        self._note("external_requests", url)
        route.abort("blockedbyclient")

    def _console(self, msg) -> None:  # type: ignore[no-untyped-def]
        if msg.type == "error":
            loc = msg.location or {}
            self._note("console_errors", f"{msg.text} ({loc.get('url', '')}:{loc.get('lineNumber', '')})")

    def _failed(self, request) -> None:  # type: ignore[no-untyped-def]
        if self.current and request.url in self.current.external_requests:
            return  # reported as a privacy problem
        self._note("failed_requests", f"{request.url}: {request.failure}")

    def _response(self, response) -> None:  # type: ignore[no-untyped-def]
        if response.status >= 400 and response.url != self.missing_url:
            self._note("failed_requests", f"{response.url}: HTTP {response.status}")

    def visit(self, path: str, expect_404: bool = False) -> Visit:
        """Load ``path``, wait for its charts, and report what happened.

        With ``expect_404`` the page itself must answer 404 (and is not reported as failing).
        """
        self.current = Visit(path)
        self.missing_url = self.server.url(path) if expect_404 else ""
        response = self.page.goto(self.server.url(path), wait_until="load")
        if expect_404 and (response is None or response.status != 404):
            self.current.failed_requests.append(f"{path}: expected HTTP 404")
        self.current.charts = self.page.locator(CHART).count()
        self.current.undrawn_charts = settle(self.page)
        self.page.wait_for_timeout(100)  # late console errors from deferred scripts
        visit, self.current = self.current, None
        return visit

    def close(self) -> None:
        self.context.close()


# -- mobile layout -----------------------------------------------------------------------------

_OVERFLOW_JS = """() => {
  const se = document.scrollingElement, w = se.clientWidth;
  const scrolls = (e) => { for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip') return true; }
    return false; };
  const wide = [];
  if (se.scrollWidth > w) for (const e of document.body.querySelectorAll('*')) {
    const r = e.getBoundingClientRect();
    if (r.right > w + 1 && r.width > 0 && !scrolls(e)) {
      wide.push(`${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.classList.length ? '.' + [...e.classList].join('.') : ''} (right edge ${Math.round(r.right)}px)`);
      if (wide.length >= 5) break; } }
  return {scrollWidth: se.scrollWidth, clientWidth: w, wide};
}"""


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


def _wait_quiet(server: SiteServer, quiet_s: float = 0.3, limit_s: float = 10.0) -> None:
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
        _wait_quiet(server)
        first = server.sent()
        server.clear_log()
        again = context.new_page()
        again.goto(server.url(path), wait_until="load")
        settle(again)
        _wait_quiet(server)
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

# Describe the focused element: is it (or, for Material's visually hidden radio and checkbox
# inputs, the label drawn for it) visible, and does its focus style differ from its unfocused one?
_FOCUS_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const shown = (e) => { if (!e) return false; const r = e.getBoundingClientRect();
    return r.width >= 1 && r.height >= 1 && e.checkVisibility({opacityProperty: true, visibilityProperty: true}); };
  let target = el;
  if (!shown(el)) {
    const cands = [el.nextElementSibling, ...(el.labels || [])].filter(e => e && e.tagName === 'LABEL');
    target = cands.find(shown) || el;
  }
  const r = target.getBoundingClientRect();
  const inView = r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth;
  const look = () => { const s = getComputedStyle(target);
    return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.backgroundColor,
            s.borderColor, s.textDecorationLine, s.color].join('|'); };
  const focused = look();
  el.blur();
  const plain = look();
  el.focus({focusVisible: true, preventScroll: true});
  const name = (el.getAttribute('aria-label') || el.title || el.textContent || el.name || '').trim().slice(0, 40);
  return {desc: `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : ''} "${name}"`,
          visible: shown(target) && inView, indicator: focused !== plain,
          palette: el.name === '__palette' || (target.htmlFor || '').startsWith('__palette'),
          search: el.classList.contains('md-search__input'),
          key: el.id || el.outerHTML.slice(0, 200)};
}"""


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
            if report.stops:
                break  # focus left the document: one full cycle done
            continue
        if stop["key"] in seen:
            break
        seen.add(stop["key"])
        report.stops.append(stop)
        report.reached_palette |= stop["palette"]
        report.reached_search |= stop["search"]
        if not stop["visible"]:
            report.problems.append(f"focused element is not visible: {stop['desc']}")
        elif not stop["indicator"]:
            report.problems.append(f"no visible focus indicator: {stop['desc']}")
    return report
