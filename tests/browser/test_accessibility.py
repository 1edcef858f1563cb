"""Accessibility: axe-core's WCAG 2.0/2.1/2.2 A and AA rules on every page, in light and dark
mode, and a keyboard walk through an indicator page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from tools.browser.server import SiteServer

from .checks_browser import (
    Visit,
    axe_context,
    color_scheme,
    format_violations,
    keyboard_use,
    run_axe,
    settle,
    tab_through,
)
from .checks_static import SitePage

pytestmark = pytest.mark.browser


@pytest.mark.xdist_group("light")
def test_axe_finds_no_violations_in_light_mode(light_pass: list[Visit]) -> None:
    report = [
        format_violations(v.path, "light", v.axe_violations) for v in light_pass if v.axe_violations
    ]
    assert not report, "axe-core found accessibility violations:\n" + "\n".join(report)


def test_axe_finds_no_colour_violations_in_dark_mode(
    browser: Browser, server: SiteServer, site_pages: list[SitePage], base_path: str
) -> None:
    """Dark mode changes only colours, so only axe's colour rules can give a new result."""
    context = axe_context(browser, dark=True)
    page = context.new_page()
    report = []
    try:
        for path in [p.path for p in site_pages] + [base_path + "no-such-page/"]:
            page.goto(server.url(path), wait_until="load")
            scheme = color_scheme(page)
            assert scheme == "slate", f"{path}: dark mode shows colour scheme {scheme!r}"
            settle(page)
            violations = run_axe(page, colour_only=True)
            if violations:
                report.append(format_violations(path, "dark", violations))
    finally:
        context.close()
    assert not report, "axe-core found accessibility violations:\n" + "\n".join(report)


def test_keyboard_reaches_every_control_with_visible_focus(
    browser: Browser, server: SiteServer, site_pages: list[SitePage]
) -> None:
    """Tab through the first indicator page: every stop visible with a focus indicator, and
    the light/dark toggle and search reachable and usable without a mouse."""
    indicators = [p for p in site_pages if p.kind == "indicator"]
    target = (indicators or site_pages)[0]
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.goto(server.url(target.path), wait_until="load")
        settle(page)
        report = tab_through(page)
        page.reload(wait_until="load")
        usage = keyboard_use(page)
    finally:
        context.close()
    assert report.stops, f"{target.path}: Tab never focused anything"
    assert report.reached_palette, f"{target.path}: the light/dark toggle is not reachable by Tab"
    assert report.reached_search, f"{target.path}: search is not reachable by Tab"
    problems = report.problems + usage
    assert not problems, f"{target.path}:\n" + "\n".join(problems)
