"""Load built pages in Chromium with a request guard: the browser half of the check.

Every request for another host is stopped by a Playwright route (and recorded), so a payload
can never fetch anything even where the browser was launched without the offline proxy. A page
fails when a planted script set ``window.__pwned``, a dialog opened, a request left the site, a
request of its own failed, a chart was not drawn, or the console showed an error.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

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
             canary: str | None = None) -> list[str]:
    """Load each page (paths under the site's base) and return what went wrong on each.

    ``canary`` is raw HTML served at ``/canary-selftest/`` and visited first: it must show the
    flag set and the request caught, or the harness itself is blind (reported as a finding).
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


def _canary(visitor: Visitor, left: list[str]) -> list[str]:
    left.clear()
    visitor.page.goto(visitor.server.url(CANARY_PATH), wait_until="load")
    visitor.page.wait_for_timeout(200)  # let the error handlers of failed images fire
    problems = [] if visitor.page.evaluate(FLAG) else ["canary: the planted script did not run"]
    problems += [] if left else ["canary: the remote image was not caught by the guard"]
    return problems
