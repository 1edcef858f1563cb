"""Tables a reader can use (issue 16): the latest figure first, no hidden columns, whole words, print.

- On every indicator page the latest period's row is on screen once the table's caption is, with
  no box to scroll (the period is read from the page's JSON download, not written here).
- At 360 px no table on any page kind is wider than its container, and no cell breaks a word.
- Printed on A4, every indicator page of the example takes at most two sheets.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from generator.model.periods import parse_canonical
from generator.model.words import capitalised
from tools.browser.server import SiteServer

from .checks_browser import MOBILE
from .checks_static import SitePage

pytestmark = pytest.mark.browser

# Every table wider than the box it sits in, and every word of a visible cell split over two lines
# (a word's range has line boxes at more than one height), with each cell's wrapping styles.
_TABLE_PROBLEMS = """() => {
  const problems = [];
  for (const table of document.querySelectorAll('article table')) {
    const box = table.parentElement;
    if (table.getBoundingClientRect().width > box.clientWidth + 1 || box.scrollWidth > box.clientWidth + 1)
      problems.push(`table "${table.caption ? table.caption.textContent : ''}" is ` +
        `${Math.round(table.getBoundingClientRect().width)}px in a ${box.clientWidth}px box`);
    for (const cell of table.querySelectorAll('th, td')) {
      if (!cell.getClientRects().length) continue;  // in a closed disclosure
      const style = getComputedStyle(cell);
      if (style.wordBreak === 'break-all' || style.overflowWrap === 'anywhere')
        problems.push(`cell "${cell.textContent}" may break anywhere`);
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const match of node.textContent.matchAll(/\\S+/g)) {
          const range = document.createRange();
          range.setStart(node, match.index);
          range.setEnd(node, match.index + match[0].length);
          const tops = new Set([...range.getClientRects()].filter(r => r.width > 0)
                                  .map(r => Math.round(r.top)));
          if (tops.size > 1) problems.push(`"${match[0]}" is broken over two lines`);
        }
      }
    }
  }
  return problems;
}"""


@pytest.fixture()
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    yield page
    context.close()


def _indicator_pages(site_pages: list[SitePage]) -> list[SitePage]:
    pages = [p for p in site_pages if p.kind == "indicator"]
    assert len(pages) > 20, "the example should have its indicator pages"
    return pages


def _latest_label(site_page: SitePage) -> str:
    """Return the label of the latest period in the page's own JSON download."""
    download = json.loads(next(site_page.file.parent.glob("*.json")).read_text(encoding="utf-8"))
    kind = download["indicator"]["period_type"]
    latest = max(parse_canonical(o["period"], kind) for o in download["observations"])
    return capitalised(latest.label)


def test_the_latest_period_is_on_screen_once_the_table_is(
    page: Page, server: SiteServer, site_pages: list[SitePage]
) -> None:
    problems = []
    for site_page in _indicator_pages(site_pages):
        page.goto(server.url(site_page.path), wait_until="load")
        caption = page.locator("table.data-table caption").first
        caption.scroll_into_view_if_needed()
        first_row = page.locator("table.data-table").first.locator("tbody tr").first
        label = first_row.locator("th").inner_text().strip()
        # The row is on screen and nothing covers it: no box scrolls it out of view.
        seen = first_row.evaluate("""row => {
          const r = row.getBoundingClientRect();
          const hit = document.elementFromPoint(r.left + 5, r.top + r.height / 2);
          return r.top >= 0 && r.bottom <= innerHeight && !!hit && row.contains(hit);
        }""")
        if label != _latest_label(site_page) or not seen:
            problems.append(f"{site_page.path}: first row {label!r} (on screen: {seen}), "
                            f"latest period {_latest_label(site_page)!r}")
        if page.locator(".table-print-note").is_visible():
            problems.append(f"{site_page.path}: the print-only note shows on screen")
    assert not problems, "\n".join(problems)


def test_no_table_is_wider_than_its_box_or_breaks_a_word_at_360px(
    browser: Browser, server: SiteServer, site_pages: list[SitePage]
) -> None:
    context = browser.new_context(viewport=MOBILE, is_mobile=True, has_touch=True)
    page = context.new_page()
    problems, kinds = [], set()
    try:
        for site_page in site_pages:
            page.goto(server.url(site_page.path), wait_until="load")
            if page.locator("article table").count():
                kinds.add(site_page.kind)
            problems += [f"{site_page.path}: {p}" for p in page.evaluate(_TABLE_PROBLEMS)]
    finally:
        context.close()
    assert not problems, "\n".join(problems[:40])
    # Home and the exception report show cards and sections, not tables, since issue 16.
    assert {"service-area", "priority", "releases", "indicator"} <= kinds


def _sheets(pdf: bytes) -> int:
    """Return how many pages a PDF has, counting its page objects (no PDF library needed)."""
    return len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", pdf))


def test_every_indicator_page_prints_on_two_a4_sheets(
    page: Page, server: SiteServer, site_pages: list[SitePage], tmp_path: Path
) -> None:
    pages = _indicator_pages(site_pages)
    problems = []
    for site_page in pages:
        page.goto(server.url(site_page.path), wait_until="load")
        page.emulate_media(media="print")  # charts.js draws every chart for print
        page.wait_for_function(
            "() => [...document.querySelectorAll('.js-chart')].every("
            "c => c.classList.contains('chart--drawn'))", timeout=10_000)
        assert page.locator(".table-print-note").is_visible(), site_page.path
        sheets = _sheets(page.pdf(format="A4"))
        if sheets > 2:
            problems.append(f"{site_page.path}: {sheets} A4 pages")
        page.emulate_media(media="screen")
    assert not problems, f"of {len(pages)} indicator pages:\n" + "\n".join(problems)
