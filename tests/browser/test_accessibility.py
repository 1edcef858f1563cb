"""Accessibility: axe-core's WCAG 2.0/2.1/2.2 A and AA rules on every page, in light and dark
mode, and again with search results open, the navigation drawer open at 360 px and a tooltip
shown; a keyboard walk through an indicator page, its search results and its drawer."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from tools.browser.launcher import AXE_JS
from tools.browser.server import SiteServer

from .checks_browser import (
    STATES,
    WALK_KEYS,
    Visit,
    axe_context,
    color_scheme,
    focus_in,
    format_violations,
    keyboard_use,
    run_axe,
    settle,
    tab_through,
)
from .checks_static import SitePage
from .conftest import BOTH_BUILDERS

pytestmark = pytest.mark.browser


@pytest.mark.xdist_group("light")
@BOTH_BUILDERS
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


# The pages the interactive states are checked on: the home page, and an indicator page whose
# content has an abbreviation (MASH) for the tooltip.
STATE_PAGES = {"home": "", "indicator": "front-door/contacts/"}


def _in_state(browser: Browser, server: SiteServer, path: str, state: str,
              scheme: str) -> tuple[BrowserContext, Page, str]:
    """Open ``path`` in a new context in the state's viewport and colour scheme, with axe-core
    loaded, and put it in the state; return the context, the page and the state's scope."""
    viewport, enter = STATES[state]
    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    context.add_init_script(path=str(AXE_JS))
    page = context.new_page()
    page.goto(server.url(path), wait_until="load")
    assert color_scheme(page) == ("slate" if scheme == "dark" else "default")
    settle(page)
    return context, page, enter(page)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("state", list(STATES))
@pytest.mark.parametrize("name", list(STATE_PAGES))
def test_axe_finds_no_violations_in_interactive_states(
    browser: Browser, server: SiteServer, base_path: str, name: str, state: str, scheme: str
) -> None:
    """Every WCAG A and AA rule, the 24 px target size (wcag22aa) among them, with the state
    open: what it shows (results, drawer links, a tooltip) is only on screen then."""
    path = base_path + STATE_PAGES[name]
    context, page, _scope = _in_state(browser, server, path, state, scheme)
    try:
        violations = run_axe(page)
    finally:
        context.close()
    assert not violations, format_violations(f"{path} ({state})", scheme, violations)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("state", list(WALK_KEYS))
def test_focus_is_visible_inside_interactive_states(
    browser: Browser, server: SiteServer, base_path: str, state: str, scheme: str
) -> None:
    """Walk the open search results (arrow keys) and the open drawer (Tab): every stop visible,
    not covered by another element, with a focus indicator. (An abbreviation takes no focus:
    the glossary explains it for keyboard users.)"""
    path = base_path + STATE_PAGES["indicator"]
    context, page, scope = _in_state(browser, server, path, state, scheme)
    try:
        report = focus_in(page, scope, WALK_KEYS[state])
    finally:
        context.close()
    assert len(report.stops) >= 3, f"{path} ({state}): focus reached {len(report.stops)} controls"
    assert not report.problems, f"{path} ({state}, {scheme}):\n" + "\n".join(report.problems)
