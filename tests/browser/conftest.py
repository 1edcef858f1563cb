"""Fixtures for the browser quality gates: build the example site once, serve it, drive Chromium.

With pytest-xdist each worker has its own server and browser, but the site is built only once:
the first worker to take the lock builds it into a folder all workers share.

The quality gates (``GATES``) also run on a second site: a real council's, made the way an officer
makes one, with ``perfsite new`` from DfE's files in tests/fixtures/dfe_all and then ``build`` in
the new project folder, with no edits. ``pytest_generate_tests`` gives each gate the ``site``
parameter ``example`` and ``new-council``; every other browser test gets ``example`` only.
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tools.browser.launcher import REPO, build_site, ensure_tools
from tools.browser.server import SiteServer, site_base_path

from . import weight_report
from .checks_browser import Visit, Visitor
from .checks_static import SitePage, discover_pages


def _shared_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a folder shared by all xdist workers of this run (the base temp dir otherwise)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


#: The council whose site the gates also check: a real one (not Trafford, the fixtures' own), with
#: a name DfE writes inverted ("Bristol, City of") and statistical neighbours.
NEW_COUNCIL = "Bristol"
#: The gates run on both sites: test module -> its gate tests.
GATES = {
    "test_accessibility": {"test_axe_finds_no_violations_in_light_mode",
                           "test_axe_finds_no_colour_violations_in_dark_mode",
                           "test_keyboard_reaches_every_control_with_visible_focus"},
    "test_html": {"test_every_page_is_valid_html", "test_no_broken_internal_links"},
    "test_loading": {"test_no_console_errors_or_failed_requests",
                     "test_no_request_leaves_the_site", "test_every_chart_is_drawn"},
    "test_mobile": {"test_no_sideways_scroll_at_360px"},
    "test_page_weight": {"test_html_of_every_page_within_budget",
                         "test_first_and_repeat_visits_within_budget"},
}


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run each gate on the example site and on the new council's; other tests on the example."""
    if "site" not in metafunc.fixturenames:
        return
    module = metafunc.module.__name__.rsplit(".", 1)[-1]
    gate = metafunc.function.__name__ in GATES.get(module, set())
    sites = ["example", "new-council"] if gate else ["example"]
    metafunc.parametrize("site", sites, indirect=True, scope="session")


@pytest.fixture(scope="session")
def site(request: pytest.FixtureRequest) -> str:
    """Return which site a test checks: ``example`` or ``new-council``."""
    return str(getattr(request, "param", "example"))


def _run(cmd: list[str], cwd: Path) -> None:
    # This checkout's generator, wherever the command runs (the project folder is elsewhere).
    path = os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH", "")) if p)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": path}
    result = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed in {cwd}:\n{result.stdout}\n{result.stderr}")


def build_new_council_site(shared: Path, builder: str = "mkdocs") -> Path:
    """Make a project with ``perfsite new`` as an officer would, build it, return its site."""
    project = shared / ("new-council-project" if builder == "mkdocs"
                        else f"new-council-project-{builder}")
    if not (project / "site" / "index.html").is_file():
        fixtures = REPO / "tests" / "fixtures"
        _run([sys.executable, "-m", "generator", "new", NEW_COUNCIL, "--out", str(project),
              "--ees", str(fixtures / "dfe_all" / "ees"), "--release-date", "2025-12-01",
              "--lait", str(fixtures / "dfe_all" / "lait" / "lait_all.parquet"),
              "--neighbours", str(fixtures / "dfe" / "statistical_neighbours_may_2025.xlsx")],
             cwd=shared)
        _run([sys.executable, "-m", "generator", "build", "--builder", builder], cwd=project)
    return project / "site"


#: The smoke checks (axe, the HTML checker, charts drawing, search) run on the site as each
#: builder builds it: mark a test with this instead of copying it. Other tests use MkDocs' site.
BOTH_BUILDERS = pytest.mark.parametrize("builder", ["mkdocs", "properdocs"], indirect=True,
                                        scope="session")


@pytest.fixture(scope="session")
def builder(request: pytest.FixtureRequest) -> str:
    """Return the program that builds the site under test (``BOTH_BUILDERS``; else mkdocs)."""
    return str(getattr(request, "param", "mkdocs"))


@pytest.fixture(scope="session")
def site_dir(site: str, builder: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the site under test fresh with ``builder`` (once per run) and return its folder.

    ``site`` is the example's or the new council's (the gates check both); ``builder`` is MkDocs
    unless a test is marked ``BOTH_BUILDERS``. Set PERFSITE_SITE_DIR to test an already built
    example site instead (quicker while editing tests); it stands for MkDocs' build, and
    ProperDocs' is still built.
    """
    shared = _shared_dir(tmp_path_factory)
    with open(shared / "browser-site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        ensure_tools()
        if site == "new-council":
            return build_new_council_site(shared, builder)
        if os.environ.get("PERFSITE_SITE_DIR") and builder == "mkdocs":
            return Path(os.environ["PERFSITE_SITE_DIR"]).resolve()
        site = shared / ("browser-site" if builder == "mkdocs" else f"browser-site-{builder}")
        if not (site / "index.html").is_file():
            build_site(site, builder)
        return site


@pytest.fixture(scope="session")
def base_path(site_dir: Path) -> str:
    """Return the URL path the site is published under (from site_url), e.g. ``/repo/``."""
    return site_base_path(site_dir)


@pytest.fixture(scope="session")
def site_url(site_dir: Path) -> str:
    """Return the site's published URL as written in its sitemap ('' if none)."""
    sitemap = site_dir / "sitemap.xml"
    if not sitemap.is_file():
        return ""
    text = sitemap.read_text(encoding="utf-8")
    start = text.find("<loc>")
    return "" if start == -1 else text[start + 5 : text.find("</loc>", start)].strip()


@pytest.fixture(scope="session")
def site_pages(site_dir: Path, base_path: str) -> list[SitePage]:
    """Return every page of the built site to load in the browser: all ``index.html`` pages but
    redirects (an old address forwarding to a new one; the link check covers them) and 404.html
    (tested by visiting a missing address)."""
    pages = [p for p in discover_pages(site_dir, base_path) if p.kind != "redirect"]
    assert pages, f"no index.html pages found in {site_dir}"
    return pages


@pytest.fixture(scope="session")
def server(site_dir: Path, base_path: str) -> Iterator[SiteServer]:
    """Serve the built site on 127.0.0.1 under its base path, like GitHub Pages."""
    with SiteServer({base_path: site_dir}) as srv:
        yield srv


@pytest.fixture(scope="session")
def light_pass(
    browser: Browser, server: SiteServer, site_pages: list[SitePage], base_path: str
) -> list[Visit]:
    """Load every page once in light mode (and a missing address, for the 404 page): wait for
    its charts, run axe-core's WCAG rules, and keep what happened.

    The light-mode axe test and the console, request, privacy and chart tests all read these
    reports, so each page is loaded once for all of them (mark those tests
    ``xdist_group("light")`` so that pytest-xdist's ``--dist loadgroup`` keeps them together).
    """
    visitor = Visitor(browser, server, axe=True)
    try:
        reports = [visitor.visit(page.path) for page in site_pages]
        reports.append(visitor.visit(base_path + "no-such-page/", expect_404=True))
    finally:
        visitor.close()
    return reports


# -- the page-weight table in the terminal summary ---------------------------------------------


def pytest_configure(config: pytest.Config) -> None:
    """Register the page-weight table printer, unless ``-p tests.browser.weight_report`` did.

    Under pytest-xdist the controller process loads this conftest only when ``tests/browser``
    is named on the command line; ``-p tests.browser.weight_report`` in addopts makes the table
    appear in every run.
    """
    if not config.pluginmanager.hasplugin(weight_report.__name__):
        config.pluginmanager.register(weight_report, weight_report.__name__)
