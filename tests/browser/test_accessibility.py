"""Accessibility: axe-core's WCAG 2.0/2.1/2.2 A and AA rules on every page, in light and dark
mode, and a keyboard walk through an indicator page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from .checks_browser import axe_context, color_scheme, format_violations, run_axe, settle, tab_through
from .checks_static import SitePage
from .server import SiteServer

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_axe_finds_no_violations(
    browser: Browser, server: SiteServer, site_pages: list[SitePage], base_path: str, mode: str
) -> None:
    expected_scheme = "slate" if mode == "dark" else "default"
    context = axe_context(browser, dark=mode == "dark")
    page = context.new_page()
    report = []
    try:
        paths = [p.path for p in site_pages] + [base_path + "no-such-page/"]
        for path in paths:
            page.goto(server.url(path), wait_until="load")
            scheme = color_scheme(page)
            assert scheme == expected_scheme, f"{path}: {mode} mode shows scheme {scheme!r}"
            settle(page)
            violations = run_axe(page)
            if violations:
                report.append(format_violations(path, mode, violations))
    finally:
        context.close()
    assert not report, "axe-core found accessibility violations:\n" + "\n".join(report)


def test_keyboard_reaches_every_control_with_visible_focus(
    browser: Browser, server: SiteServer, site_pages: list[SitePage]
) -> None:
    indicators = [p for p in site_pages if p.kind == "indicator"]
    target = (indicators or site_pages)[0]
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.goto(server.url(target.path), wait_until="load")
        settle(page)
        report = tab_through(page)
    finally:
        context.close()
    assert report.stops, f"{target.path}: Tab never focused anything"
    assert report.reached_palette, f"{target.path}: the light/dark toggle is not reachable by Tab"
    assert report.reached_search, f"{target.path}: search is not reachable by Tab"
    assert not report.problems, f"{target.path}:\n" + "\n".join(report.problems)
