"""Load built pages in Chromium with a request guard: the browser half of the check.

Every request for another host is stopped by a Playwright route (and recorded), so a payload
can never fetch anything even where the browser was launched without the offline proxy. A page
fails when a planted script set ``window.__pwned``, a dialog opened, a request left the site, a
request of its own failed, a chart was not drawn, or the console showed an error.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser.checks_browser import Visitor
from tools.browser.server import SiteServer, site_base_path

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Route

FLAG = "() => window.__pwned === undefined ? null : String(window.__pwned)"
CANARY_PATH = "/canary-selftest/"


def _guard(visitor: Visitor, left: list[str]) -> None:
    """Stop and record every request that is not for the local server."""
    def stop(route: Route) -> None:
        left.append(route.request.url)
        route.abort()

    visitor.context.route(lambda url: urlsplit(url).netloc != visitor.own_host
                          and urlsplit(url).scheme in ("http", "https", "ws", "wss"), stop)


def findings(browser: Browser, site_dir: Path, paths: list[str],
             canary: str | None = None, search: str = "") -> list[str]:
    """Load each page (paths under the site's base) and return what went wrong on each.

    ``canary`` is raw HTML served at ``/canary-selftest/`` and visited first: it must show the
    flag set and the request caught, or the harness itself is blind (reported as a finding).
    ``search`` is typed into the site's search box last: Material draws results as HTML
    (``search_term`` finds a word that brings up a result holding a payload).
    """
    base = site_base_path(site_dir)
    mounts = {base: site_dir}
    folder = site_dir.parent / "canary-selftest"
    if canary is not None:
        folder.mkdir(exist_ok=True)
        (folder / "index.html").write_text(canary, encoding="utf-8")
        mounts[CANARY_PATH] = folder
    found: list[str] = []
    with SiteServer(mounts) as server:
        visitor = Visitor(browser, server, chart_timeout_ms=5_000)
        left: list[str] = []
        _guard(visitor, left)
        visitor.page.on("dialog", lambda dialog: (found.append(f"dialog {dialog.message!r}"),
                                                  dialog.dismiss()))
        try:
            if canary is not None:
                found += _canary(visitor, left)
            for path in paths:
                found += [f"{path}: {problem}" for problem in _visit(visitor, path, left)]
            if search:
                found += _search(visitor, base, search, left)
        finally:
            visitor.close()
    return found


def _visit(visitor: Visitor, path: str, left: list[str]) -> list[str]:
    left.clear()
    visit = visitor.visit(path)
    problems = [f"window.__pwned = {flag!r}"] if (flag := visitor.page.evaluate(FLAG)) else []
    problems += [f"request left the site: {url}" for url in [*left, *visit.external_requests]]
    problems += [f"failed request {text}" for text in visit.failed_requests]
    problems += [f"console error {text}" for text in visit.console_errors]
    problems += [f"chart not drawn {chart}" for chart in visit.undrawn_charts]
    return problems


def search_term(site_dir: Path, marker: str = "pwned") -> str:
    """Return a word of the title of a page whose search entry holds ``marker`` ('' if none).

    The search index splits words at spaces and hyphens only, so a payload's own words
    (``javascript:window.__pwned='...'``) are not what a reader types; the page's title is.
    """
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:
        if marker in doc["text"] or marker in doc["title"]:
            # The longest word: never one of the stop words search drops ("what", "which").
            words = sorted((w for w in re.findall(r"[A-Za-z]{6,}", doc["title"])
                            if marker not in w), key=len, reverse=True)
            if words:
                return words[0]
    return ""


def _search(visitor: Visitor, base: str, query: str, left: list[str]) -> list[str]:
    left.clear()
    page = visitor.page
    page.goto(visitor.server.url(base), wait_until="load")
    page.keyboard.press("/")  # Material's shortcut opens the search box
    page.keyboard.type(query)
    try:
        page.wait_for_selector(".md-search-result__item", timeout=20_000)
    except PlaywrightTimeout:
        return [f"search for {query!r}: no result shown, so the results were not checked"]
    page.wait_for_timeout(200)  # let the error handlers of failed images fire
    problems = [f"search results: window.__pwned = {flag!r}"] if (
        flag := page.evaluate(FLAG)) else []
    return problems + [f"search results: request left the site: {url}" for url in left]


def _canary(visitor: Visitor, left: list[str]) -> list[str]:
    left.clear()
    visitor.page.goto(visitor.server.url(CANARY_PATH), wait_until="load")
    visitor.page.wait_for_timeout(200)  # let the error handlers of failed images fire
    problems = [] if visitor.page.evaluate(FLAG) else ["canary: the planted script did not run"]
    problems += [] if left else ["canary: the remote image was not caught by the guard"]
    return problems
