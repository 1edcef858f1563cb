"""Publish two releases of the example data into a local bare repository and read them back.

Release 1 is Quarter 1 2025/26 (Quarter 2 still planned, September's referrals not yet in).
Release 2 is Quarter 2 2025/26 with one planted revision (contacts in June 2025: 1,140 → 1,150)
and one indicator retired (iha-20-days). The gh-pages branch is checked out and served from
127.0.0.1 the way GitHub Pages serves a project site.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin

import pytest
from click.testing import CliRunner

from generator.commands.cli import main
from generator.commands.publish import publish
from generator.settings import load_settings
from tools.browser.server import SiteServer

if TYPE_CHECKING:
    from playwright.sync_api import Browser  # only the browser tests use it

REPO = Path(__file__).resolve().parents[1]
BASE = "/northbridge-performance/"  # the path of site_url, as GitHub Pages serves it
FIRST, SECOND = "2025-26-q1", "2025-26-q2"
REVISED = ("contacts", "2025-06", "1140", "1150")
RETIRED = ("health-of-children-in-care", "iha-20-days")


def _rewrite(path: Path, change: Callable[[dict[str, str]], dict[str, str] | None]) -> None:
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    kept = [row for row in (change(dict(r)) for r in rows) if row is not None]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(kept)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def _release_data(folder: Path, second: bool) -> tuple[Path, ...]:
    shutil.copytree(REPO / "datapackages", folder)
    childrens = folder / "northbridge-childrens"
    if not second:
        for releases in folder.glob("*/releases.csv"):
            _rewrite(releases, lambda r: {**r, "status": "planned"} if r["id"] == SECOND else r)
        not_yet = ("referrals", "2025-09")
        for name in ("observations.csv", "commentary.csv"):
            _rewrite(childrens / name,
                     lambda r: None if (r["indicator_id"], r["period"]) == not_yet else r)
    else:
        ind, period, _old, new = REVISED
        _rewrite(childrens / "observations.csv", lambda r: {
            **r, "value": new, "flags": "revised"} if (r["indicator_id"], r["period"]) == (
                ind, period) else r)
        _rewrite(childrens / "indicators.csv",
                 lambda r: {**r, "status": "retired"} if r["id"] == RETIRED[1] else r)
    return tuple(sorted(p for p in folder.iterdir() if p.is_dir()))


def _config_for(packages: tuple[Path, ...], target: Path) -> Path:
    """Write a copy of mkdocs.yml that reads the given packages (for the CLI)."""
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("docs_dir: site_src", f"docs_dir: {REPO / 'site_src'}")
    text = text.replace("custom_dir: site_src/overrides",
                        f"custom_dir: {REPO / 'site_src' / 'overrides'}")
    for package in packages:
        text = text.replace(f"- datapackages/{package.name}", f"- {package}")
    target.write_text(text, encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SiteServer]:
    """Publish both releases, check out gh-pages and serve it; yield the server."""
    tmp = tmp_path_factory.mktemp("publish")
    remote = tmp / "site.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(remote)], check=True)
    first = _release_data(tmp / "release-1", second=False)
    result = publish(replace(load_settings(REPO / "mkdocs.yml"), packages=first), str(remote))
    assert (result.release.id, result.previous, result.latest) == (FIRST, None, True)

    second = _release_data(tmp / "release-2", second=True)
    config = _config_for(second, tmp / "mkdocs.yml")
    run = CliRunner().invoke(main, ["publish", "--config", str(config), "--remote", str(remote)])
    assert run.exit_code == 0, run.output
    assert f"Published {SECOND}" in run.output and f"compared with {FIRST}" in run.output

    checkout = tmp / "gh-pages"
    subprocess.run(["git", "clone", "--quiet", "--branch", "gh-pages", str(remote),
                    str(checkout)], check=True)
    with SiteServer({BASE: checkout}) as server:
        yield server


def _get(server: SiteServer, path: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(server.url(path)) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def _redirect_target(html: str) -> str:
    match = re.search(r'url=([^"]+)"', html) or re.search(r'<a href="([^"]+)"', html)
    assert match, html
    return match.group(1)


@pytest.mark.parametrize("release, title", [(FIRST, "Quarter 1 2025/26"),
                                            (SECOND, "Quarter 2 2025/26")])
def test_each_release_answers_at_its_own_address(pages: SiteServer, release: str,
                                                 title: str) -> None:
    for path in ("", "front-door/contacts/", "releases/", "whats-changed/"):
        status, html = _get(pages, f"{BASE}{release}/{path}")
        assert status == 200, path
    assert title in _get(pages, f"{BASE}{release}/front-door/contacts/")[1]


def test_latest_and_the_root_lead_to_the_newer_release(pages: SiteServer) -> None:
    status, html = _get(pages, f"{BASE}latest/front-door/contacts/")
    assert status == 200
    target = urljoin(f"{BASE}latest/front-door/contacts/", _redirect_target(html))
    assert target == f"{BASE}{SECOND}/front-door/contacts/"
    assert _redirect_target(_get(pages, BASE)[1]) == "latest/"
    versions = _get(pages, f"{BASE}versions.json")[1]
    assert re.search(rf'"{SECOND}".*?"aliases": \[\s*"latest"', versions, re.S)


def test_a_missing_address_gets_the_latest_release_not_found_page(pages: SiteServer) -> None:
    status, html = _get(pages, f"{BASE}no-such-page/")
    assert status == 404
    assert f"{BASE}{SECOND}/assets/" in html  # its links work from any address


def test_retired_indicator_keeps_its_addresses(pages: SiteServer) -> None:
    area, ind = RETIRED
    assert _get(pages, f"{BASE}{FIRST}/{area}/{ind}/")[0] == 200
    status, html = _get(pages, f"{BASE}{SECOND}/{area}/{ind}/")
    assert status == 200 and "Retired indicator" in html
    status, html = _get(pages, f"{BASE}{SECOND}/indicators/{ind}/")
    assert status == 200 and f"{area}/{ind}/" in _redirect_target(html)


def test_what_changed_lists_the_planted_revision(pages: SiteServer) -> None:
    html = _get(pages, f"{BASE}{SECOND}/whats-changed/")[1]
    row = re.search(r'<tr class="revision">(.*?)</tr>', html, re.S)
    assert row, html
    cells = re.sub(r"<[^>]+>", "|", row.group(1))
    for text in ("Contacts received by the front door", "June 2025", "1,140", "1,150 (revised)"):
        assert text in cells
    assert "September 2025" in html  # referrals' new period
    assert "Initial health assessments within 20 working days" in html  # retired
    first = _get(pages, f"{BASE}{FIRST}/whats-changed/")[1]
    # releases.csv lists four releases published before the first one this test publishes, so the
    # page must not call it the site's first.
    assert "This is the first release published on this site" not in first
    assert ("cannot list what changed since the previous release, Quarter 4 2024/25, because "
            "this copy of the site was built without that release") in first


@pytest.mark.browser
def test_old_page_says_it_is_not_the_latest_and_links_to_it(pages: SiteServer,
                                                         browser: Browser) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(pages.url(f"{BASE}latest/front-door/contacts/"))
        page.wait_for_url(f"**{BASE}{SECOND}/front-door/contacts/")
        page.wait_for_selector(".md-version")  # the release selector, from versions.json
        assert page.locator("[data-md-component=outdated]").is_hidden()

        page.goto(pages.url(f"{BASE}{FIRST}/front-door/contacts/"))
        banner = page.locator("[data-md-component=outdated]")
        banner.wait_for(state="visible")
        assert "This is not the latest release" in banner.inner_text()
        banner.get_by_role("link").click()
        page.wait_for_url(f"**{BASE}{SECOND}/front-door/contacts/")
    finally:
        context.close()
