"""Every page loads cleanly, privately, and draws its charts — also after instant navigation."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from .checks_browser import CHART, DRAWN, DESKTOP, Visit
from .checks_static import SitePage
from .server import SiteServer

pytestmark = pytest.mark.browser


def test_no_console_errors_or_failed_requests(visits: list[Visit]) -> None:
    problems = [
        f"{v.path}: {msg}" for v in visits for msg in [*v.console_errors, *v.failed_requests]
    ]
    assert not problems, "\n".join(problems)


def test_no_request_leaves_the_site(visits: list[Visit]) -> None:
    offenders = [(v.path, url) for v in visits for url in v.external_requests]
    if offenders:
        path, url = offenders[0]
        pytest.fail(
            f"{path} requested {url} — readers' requests must not go to another host "
            f"({len(offenders)} such requests in all: "
            + ", ".join(sorted({u for _, u in offenders}))[:500]
            + ")"
        )


def test_every_chart_is_drawn(visits: list[Visit]) -> None:
    undrawn = [f"{v.path}: {chart}" for v in visits for chart in v.undrawn_charts]
    assert not undrawn, "charts not drawn (no svg.main-svg):\n" + "\n".join(undrawn)


def test_charts_survive_instant_navigation(
    browser: Browser, server: SiteServer, site_pages: list[SitePage], visits: list[Visit]
) -> None:
    """Material's instant navigation swaps page content without reloading scripts; chart code
    must hook ``document$`` or charts stay blank after following a link."""
    with_charts = [v.path for v in visits if v.charts][:3]
    if not with_charts:
        pytest.skip("no page has charts yet")
    context = browser.new_context(viewport=DESKTOP)
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(server.url(site_pages[0].path), wait_until="load")
        for path in with_charts:
            page.evaluate("(u) => window.location$.next(new URL(u))", server.url(path))
            page.wait_for_url(server.url(path))
            page.wait_for_function(
                "([c, d]) => document.querySelectorAll(c).length > 0 &&"
                " [...document.querySelectorAll(c)].every(e => e.querySelector(d))",
                arg=[CHART, DRAWN],
                timeout=10_000,
            )
    finally:
        context.close()
    assert not errors, "\n".join(errors)
