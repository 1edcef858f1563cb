"""The browser quality gates on a deployed site: three releases published with mike into a local
bare repository (``tests/deployment.py``), served under the site's sub-path as GitHub Pages
serves a project site.

The plain build's gates (test_loading.py, test_accessibility.py, test_html.py, test_search.py)
load every page once; here what differs is the deployment: each release's folder, Material's
release selector and "not the latest release" banner (on only in deployed builds), mike's
``latest`` alias and the root's redirects. So the gates run on a sample: one page of each kind
in each release (the first in address order), the moved indicator's page in both releases and
the not-found page (about 40 page loads), with axe-core on each. Links are checked on every HTML
file of the branch (a static check, quick), the redirects of ``latest/`` among them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.deployment import BASE, FIRST, MOVED, SECOND, THIRD, publish_releases
from tools.browser.server import SiteServer

from .checks_browser import Visit, Visitor, format_violations, privacy_failure, search_results
from .checks_static import check_links, discover_pages

# One worker publishes the releases and runs every test of this file (--dist loadgroup).
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("deployed")]

SITE_URL = "https://example.github.io/northbridge-performance/"  # mkdocs.yml's site_url


@pytest.fixture(scope="module")
def deployed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Publish the three releases; return the checkout of the gh-pages branch."""
    return publish_releases(tmp_path_factory.mktemp("deployed"))


@pytest.fixture(scope="module")
def deployed_server(deployed: Path) -> Iterator[SiteServer]:
    with SiteServer({BASE: deployed}) as server:
        yield server


def sample_paths(checkout: Path, release: str) -> list[str]:
    """Return one page of each kind in a release, and the moved indicator's page."""
    chosen: dict[str, str] = {}
    for page in discover_pages(checkout / release, f"{BASE}{release}/"):
        if page.kind != "redirect":
            chosen.setdefault(page.kind, page.path)
    ind, was, now = MOVED
    moved = f"{BASE}{release}/{was if release == FIRST else now}/{ind}/"
    return sorted({*chosen.values(), moved})


@pytest.fixture(scope="module")
def deployed_pass(browser: Browser, deployed: Path, deployed_server: SiteServer) -> list[Visit]:
    """Load the sample of every release and the not-found page, with axe-core on each."""
    visitor = Visitor(browser, deployed_server, axe=True)
    try:
        reports = [visitor.visit(path) for release in (FIRST, SECOND, THIRD)
                   for path in sample_paths(deployed, release)]
        reports.append(visitor.visit(f"{BASE}no-such-page/", expect_404=True))
    finally:
        visitor.close()
    return reports


def test_no_console_errors_or_failed_requests(deployed_pass: list[Visit]) -> None:
    # The version banner's script threw "Failed to construct 'URL': Invalid URL" here.
    problems = [f"{v.path}: {msg}" for v in deployed_pass
                for msg in [*v.console_errors, *v.failed_requests]]
    assert not problems, "\n".join(problems)


def test_no_request_leaves_the_site(deployed_pass: list[Visit]) -> None:
    failure = privacy_failure(deployed_pass)
    assert not failure, failure


def test_every_chart_is_drawn(deployed_pass: list[Visit]) -> None:
    assert sum(v.charts for v in deployed_pass) > 0
    undrawn = [f"{v.path}: {chart}" for v in deployed_pass for chart in v.undrawn_charts]
    assert not undrawn, "charts not drawn (no svg.main-svg):\n" + "\n".join(undrawn)


def test_axe_finds_no_violations(deployed_pass: list[Visit]) -> None:
    report = [format_violations(v.path, "light", v.axe_violations)
              for v in deployed_pass if v.axe_violations]
    assert not report, "axe-core found accessibility violations:\n" + "\n".join(report)


def test_no_broken_links_in_the_branch(deployed: Path) -> None:
    files = sorted(p for p in deployed.rglob("*.html") if ".git" not in p.parts)
    problems = check_links(deployed, BASE, SITE_URL, files)
    assert not problems, f"{len(problems)} broken links:\n" + "\n".join(map(str, problems))


@pytest.mark.parametrize("release", [FIRST, SECOND, THIRD])
def test_search_finds_an_indicator_in_its_own_release(browser: Browser,
                                                      deployed_server: SiteServer,
                                                      release: str) -> None:
    links = search_results(browser, deployed_server.url(f"{BASE}{release}/"),
                           "Multi-Agency Safeguarding Hub")
    assert any(f"{BASE}{release}/front-door/contacts/" in link for link in links), links


CITED = "front-door/contacts/"


def test_the_permanent_link_is_a_link_to_the_page_in_its_release(browser: Browser,
                                                                  deployed_server: SiteServer
                                                                  ) -> None:
    # Only a release deployed with mike has this address; the branch's link check above finds
    # the target of every such link in the branch.
    page = browser.new_page()
    try:
        page.goto(deployed_server.url(f"{BASE}{SECOND}/{CITED}"))
        link = page.locator(".permalink a.permalink__url")
        assert link.count() == 1 and link.is_visible()
        assert link.get_attribute("href") == f"{SITE_URL}{SECOND}/{CITED}"
        assert link.inner_text().strip() == f"{SITE_URL}{SECOND}/{CITED}"
        citation = page.locator(".permalink .permalink__citation").inner_text().strip()
        assert citation == ("Northbridge Council (2025). Contacts received by the front door. "
                            "Quarter 2 2025/26 (July to September 2025), published 13 November "
                            "2025. "
                            f"{SITE_URL}{SECOND}/{CITED}")
        # On paper the address is printed; the copy buttons are not.
        page.emulate_media(media="print")
        assert link.is_visible()
        assert page.locator(".permalink .copy-button").count() == 2
        assert not page.locator(".permalink .copy-button").first.is_visible()
    finally:
        page.close()


def test_the_copy_buttons_copy_by_keyboard_and_say_so(browser: Browser,
                                                      deployed_server: SiteServer) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    try:
        page.goto(deployed_server.url(f"{BASE}{SECOND}/{CITED}"))
        status = page.locator(".permalink [role=status][aria-live=polite]")
        page.locator(".permalink a.permalink__url").focus()
        page.keyboard.press("Tab")
        assert page.evaluate("[document.activeElement.tagName, document.activeElement.type, "
                             "document.activeElement.textContent]") == [
            "BUTTON", "button", "Copy link"]
        page.keyboard.press("Enter")
        page.wait_for_function("s => s.textContent === 'Link copied'", arg=status.element_handle())
        assert page.evaluate("navigator.clipboard.readText()") == f"{SITE_URL}{SECOND}/{CITED}"
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "Copy citation"
        page.keyboard.press("Space")
        page.wait_for_function("s => s.textContent === 'Citation copied'",
                               arg=status.element_handle())
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied.startswith("Northbridge Council (2025). Contacts received by the front door.")
        assert copied.endswith(f"{SITE_URL}{SECOND}/{CITED}")
    finally:
        context.close()
