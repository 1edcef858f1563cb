"""Search finds indicators by the words of their questions and definitions, and shows the
words it matched readably in light and dark mode."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from tools.browser.server import SiteServer

from .checks_browser import search_results
from .conftest import BOTH_BUILDERS

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("query, expected", [
    ("complete assessments", "front-door/assessments-45-days/"),  # from the question
    ("Multi-Agency Safeguarding Hub", "front-door/contacts/"),  # from the definition
])
@BOTH_BUILDERS
def test_search_finds_an_indicator(browser: Browser, server: SiteServer, base_path: str,
                                   query: str, expected: str) -> None:
    links = search_results(browser, server.origin + base_path, query)
    assert any(expected in link for link in links), links


_MARK_COLOURS_JS = """() => [...document.querySelectorAll('.md-search-result mark')].map(mark => {
  let element = mark, background = 'rgba(0, 0, 0, 0)';
  while (element && /^rgba\\(0, 0, 0, 0\\)$|^transparent$/.test(background)) {
    background = getComputedStyle(element).backgroundColor;
    element = element.parentElement;
  }
  return [getComputedStyle(mark).color, background];
})"""


def _luminance(css: str) -> float:
    inside = css[css.index("(") + 1:css.index(")")]
    red, green, blue = (float(part) / 255 for part in inside.split(",")[:3])
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
              for c in (red, green, blue)]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    """Return the WCAG contrast ratio of two opaque CSS rgb() colours."""
    light, dark = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_search_highlights_are_readable(browser: Browser, server: SiteServer, base_path: str,
                                        scheme: str) -> None:
    page = browser.new_page()
    try:
        page.goto(server.origin + base_path)
        page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
        page.keyboard.press("/")
        page.keyboard.type("referrals")
        page.wait_for_selector(".md-search-result mark", timeout=10_000)
        pairs = page.evaluate(_MARK_COLOURS_JS)
        assert pairs
        low = [(fg, bg, round(contrast(fg, bg), 2)) for fg, bg in pairs if contrast(fg, bg) < 4.5]
        assert low == [], low  # WCAG 1.4.3: 4.5 to 1 for text
    finally:
        page.close()
