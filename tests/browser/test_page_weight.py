"""Page weight: compressed bytes transferred on a first visit and on a repeat visit, per page type.

Budgets (issue 6): first visit at most 700 KB in total and 60 KB of HTML; a repeat visit (the
browser cache warm, as GitHub Pages' ``Cache-Control: max-age=600`` allows) at most 100 KB.
A page with no chart loads no plotly.js (issue 20): its first visit is at most 120 KB.
Every page's HTML is checked from disk; the browser measures the heaviest pages of each type
(three indicator pages, two service-area pages, one of every other type)
(set PERFSITE_WEIGHT_ALL=1 to measure every page).
"""

from __future__ import annotations

import os
from collections import defaultdict

import pytest
from playwright.sync_api import Browser

from tools.browser.server import SiteServer

from .checks_browser import measure_weight
from .checks_static import SitePage, gzip_size
from .weight_report import WEIGHT_PROPERTY

pytestmark = pytest.mark.browser

KB = 1024
FIRST_VISIT_BUDGET = 700 * KB
HTML_BUDGET = 60 * KB
REPEAT_VISIT_BUDGET = 100 * KB
NO_CHART_FIRST_VISIT_BUDGET = 120 * KB
# How many of the heaviest pages of each type the browser measures (1 for the other types).
MEASURED_PER_TYPE = {"indicator": 3, "service-area": 2, "home": 1}


def pages_to_measure(site_pages: list[SitePage]) -> list[SitePage]:
    """Pick the heaviest pages of each type: most charts first, then the largest HTML."""
    if os.environ.get("PERFSITE_WEIGHT_ALL"):
        return site_pages
    by_kind: dict[str, list[SitePage]] = defaultdict(list)
    for page in site_pages:
        by_kind[page.kind].append(page)

    def heaviness(page: SitePage) -> tuple[int, int]:
        html = page.file.read_bytes()
        return html.count(b"js-chart"), len(html)

    return [
        page
        for kind in sorted(by_kind)
        for page in sorted(by_kind[kind], key=heaviness, reverse=True)[
            : MEASURED_PER_TYPE.get(kind, 1)
        ]
    ]


def test_html_of_every_page_within_budget(site_pages: list[SitePage]) -> None:
    over = [
        f"{p.path}: {gzip_size(p.file.read_bytes()) / KB:.1f} KB of HTML compressed"
        for p in site_pages
        if gzip_size(p.file.read_bytes()) > HTML_BUDGET
    ]
    assert not over, f"over the {HTML_BUDGET // KB} KB HTML budget:\n" + "\n".join(over)


def test_first_and_repeat_visits_within_budget(
    browser: Browser,
    server: SiteServer,
    site_pages: list[SitePage],
    record_property: pytest.FixtureRequest,
) -> None:
    measured = pages_to_measure(site_pages)
    weights = [measure_weight(browser, server, p.path, p.kind) for p in measured]
    record_property(WEIGHT_PROPERTY, [w.__dict__ for w in weights])
    chartless = {p.path for p in measured if b"js-chart" not in p.file.read_bytes()}
    assert chartless and len(chartless) < len(measured)  # both kinds of page are measured
    over = []
    for w in weights:
        if w.first_total > FIRST_VISIT_BUDGET:
            over.append(f"{w.path}: first visit {w.first_total / KB:.0f} KB > 700 KB")
        if w.path in chartless and w.first_total > NO_CHART_FIRST_VISIT_BUDGET:
            over.append(f"{w.path}: no chart, but first visit {w.first_total / KB:.0f} KB "
                        f"> {NO_CHART_FIRST_VISIT_BUDGET // KB} KB")
        if w.first_html > HTML_BUDGET:
            over.append(f"{w.path}: HTML {w.first_html / KB:.1f} KB > 60 KB")
        if w.repeat_total > REPEAT_VISIT_BUDGET:
            over.append(f"{w.path}: repeat visit {w.repeat_total / KB:.0f} KB > 100 KB")
    assert not over, "\n".join(over + [""] + weight_table([w.__dict__ for w in weights]))


def weight_table(rows: list[dict]) -> list[str]:
    """Format measured pages as a table, grouped by page type, with the budgets."""
    head = f"{'type':<13} {'page':<60} {'first KB':>9} {'HTML KB':>8} {'reqs':>5} {'repeat KB':>10}"
    lines = [
        f"budgets: first visit <= {FIRST_VISIT_BUDGET // KB} KB, HTML <= {HTML_BUDGET // KB} KB, "
        f"repeat visit <= {REPEAT_VISIT_BUDGET // KB} KB",
        head,
        "-" * len(head),
    ]
    for row in sorted(rows, key=lambda r: (r["kind"], r["path"])):
        lines.append(
            f"{row['kind']:<13} {row['path'][-60:]:<60} {row['first_total'] / KB:>9.1f} "
            f"{row['first_html'] / KB:>8.1f} {row['first_requests']:>5} "
            f"{row['repeat_total'] / KB:>10.1f}"
        )
    return lines
