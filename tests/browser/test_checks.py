"""The checks themselves: plant one fault at a time in a copy of a built page and assert that the
matching checker reports it (and that the unplanted copy passes), so a gate cannot silently go
blind — e.g. after an axe-core upgrade or a change in how pages are discovered."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tools.browser.server import SiteServer

from .checks_browser import (
    DESKTOP,
    MOBILE,
    Visitor,
    axe_context,
    focus_in,
    horizontal_overflow,
    measure_weight,
    privacy_failure,
    run_axe,
    tab_through,
)
from .checks_static import SitePage, check_links, run_vnu
from .test_page_weight import HTML_BUDGET

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def copy_site(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a private copy of the built site to plant faults in."""
    copy = tmp_path_factory.mktemp("planted") / "site"
    shutil.copytree(site_dir, copy)
    return copy


@pytest.fixture(scope="module")
def copy_server(copy_site: Path, base_path: str) -> Iterator[SiteServer]:
    with SiteServer({base_path: copy_site}) as srv:
        yield srv


@pytest.fixture(scope="module")
def victim(site_pages: list[SitePage], site_dir: Path, copy_site: Path) -> tuple[Path, str]:
    """Return (file in the copy, URL path) of the page to plant faults in: an indicator page
    if there is one, else the home page."""
    page = next((p for p in site_pages if p.kind == "indicator"), site_pages[0])
    return copy_site / page.file.relative_to(site_dir), page.path


@contextmanager
def planted(file: Path, snippet: str) -> Iterator[Path]:
    """Insert ``snippet`` at the end of the page's main content, then restore the page."""
    original = file.read_text(encoding="utf-8")
    for marker in ("</article>", "</main>", "</body>"):
        if marker in original:
            head, _, tail = original.rpartition(marker)
            file.write_text(head + snippet + marker + tail, encoding="utf-8")
            break
    else:
        raise AssertionError(f"{file}: no </article>, </main> or </body> to plant a fault before")
    try:
        yield file
    finally:
        file.write_text(original, encoding="utf-8")
        os.utime(file)  # a new mtime, so the server does not serve a memoised faulty page


def _axe_ids(browser: Browser, server: SiteServer, path: str) -> set[str]:
    context = axe_context(browser)
    try:
        page = context.new_page()
        page.goto(server.url(path), wait_until="load")
        return {v["id"] for v in run_axe(page)}
    finally:
        context.close()


def test_axe_reports_an_image_without_alt_text(
    browser: Browser, copy_server: SiteServer, victim: tuple[Path, str], base_path: str
) -> None:
    file, path = victim
    assert "image-alt" not in _axe_ids(browser, copy_server, path)
    with planted(file, f'<img src="{base_path}assets/images/favicon.png">'):
        assert "image-alt" in _axe_ids(browser, copy_server, path)


def test_vnu_reports_an_invalid_tag(victim: tuple[Path, str], copy_site: Path) -> None:
    file, _ = victim
    with planted(file, "<p><div>a div cannot sit in a paragraph</div></p>"):
        errors = run_vnu([file], relative_to=copy_site)
    assert any("p" in e.message and e.file.endswith("index.html") for e in errors), errors


def test_link_check_reports_a_missing_page_and_a_missing_anchor(
    victim: tuple[Path, str], copy_site: Path, base_path: str
) -> None:
    file, _ = victim
    assert not check_links(copy_site, base_path, files=[file])
    snippet = (
        '<a href="no-such-page/">gone</a> <a href="#no-such-anchor">nowhere</a>'
        f' <a href="{base_path}data/no-such-download.csv">download</a>'
    )
    with planted(file, snippet):
        problems = check_links(copy_site, base_path, files=[file])
    urls = {p.url for p in problems}
    assert urls == {"no-such-page/", "#no-such-anchor", f"{base_path}data/no-such-download.csv"}


def test_privacy_check_blocks_and_names_a_cdn_script(
    browser: Browser, copy_server: SiteServer, victim: tuple[Path, str]
) -> None:
    file, path = victim
    visitor = Visitor(browser, copy_server, chart_timeout_ms=2_000)
    try:
        with planted(file, '<script src="https://cdn.example.com/x.js"></script>'):
            visit = visitor.visit(path)
    finally:
        visitor.close()
    assert visit.external_requests == ["https://cdn.example.com/x.js"]
    assert "https://cdn.example.com/x.js" in privacy_failure([visit])


def test_console_and_chart_checks_report_a_script_error_and_a_blank_chart(
    browser: Browser, copy_server: SiteServer, victim: tuple[Path, str]
) -> None:
    file, path = victim
    snippet = (
        '<script>throw new Error("planted fault")</script>'
        '<div class="js-chart" id="planted-chart"></div>'
    )
    visits = []
    for plant in (False, True):  # a fresh context each time: the first visit is cached
        visitor = Visitor(browser, copy_server, chart_timeout_ms=1_000)
        try:
            if plant:
                with planted(file, snippet):
                    visits.append(visitor.visit(path))
            else:
                visits.append(visitor.visit(path))
        finally:
            visitor.close()
    clean, faulty = visits
    assert not clean.console_errors and not clean.undrawn_charts
    assert any("planted fault" in e for e in faulty.console_errors), faulty.console_errors
    assert "planted-chart" in faulty.undrawn_charts


def test_mobile_check_reports_a_wide_element(
    browser: Browser, copy_server: SiteServer, victim: tuple[Path, str]
) -> None:
    file, path = victim
    context = browser.new_context(viewport=MOBILE, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        with planted(file, '<div id="planted-wide" style="width: 1200px">wide</div>'):
            page.goto(copy_server.url(path), wait_until="load")
            found = horizontal_overflow(page)
    finally:
        context.close()
    assert found["scrollWidth"] > found["clientWidth"]
    assert any("planted-wide" in w for w in found["wide"]), found


def test_weight_check_measures_a_heavy_page(
    browser: Browser, copy_server: SiteServer, victim: tuple[Path, str]
) -> None:
    file, path = victim
    noise = os.urandom(90 * 1024).hex()  # random: gzip cannot shrink it below the budget
    with planted(file, f"<p hidden>{noise}</p>"):
        weight = measure_weight(browser, copy_server, path, "planted")
    assert weight.first_html > HTML_BUDGET
    assert weight.first_total > weight.first_html
    assert weight.repeat_total < weight.first_total  # the repeat visit is served from cache


def test_keyboard_check_reports_missing_and_invisible_focus(
    browser: Browser, copy_server: SiteServer, victim: tuple[Path, str]
) -> None:
    file, path = victim
    snippet = (
        '<button id="planted-plain" style="all: unset">no focus style</button>'
        '<a id="planted-offscreen" href="#" style="position: absolute; left: -9999px">hidden</a>'
    )
    context = browser.new_context(viewport=DESKTOP)
    try:
        page = context.new_page()
        with planted(file, snippet):
            page.goto(copy_server.url(path), wait_until="load")
            report = tab_through(page)
    finally:
        context.close()
    text = "\n".join(report.problems)
    assert "no visible focus indicator: button#planted-plain" in text
    assert "not visible: a#planted-offscreen" in text


def test_focus_walk_reports_a_covered_control(
    browser: Browser, copy_server: SiteServer, victim: tuple[Path, str]
) -> None:
    """A link under another element (as the drawer's covered levels were) is reported."""
    file, path = victim
    snippet = (
        '<div id="planted-scope"><a id="planted-covered" href="#">covered</a></div>'
        '<div style="position: fixed; inset: 0; z-index: 10; background: #fff"></div>'
    )
    context = browser.new_context(viewport=DESKTOP)
    try:
        page = context.new_page()
        with planted(file, snippet):
            page.goto(copy_server.url(path), wait_until="load")
            report = focus_in(page, "#planted-scope")
    finally:
        context.close()
    assert "focused element is covered by another: a#planted-covered" in "\n".join(report.problems)
