"""Property-style: random payloads in random free-text cells of the example never run or leave.

Each trial copies the example packages, plants ``PER_TABLE`` payloads (a random kind, a random
payload of it) into random free-text cells of every table, builds the site, reads every page for
anything that could run or load from another host, and loads 25 pages in Chromium (the pages
showing a payload first) with every request to another host stopped. The seeds are fixed so CI
is deterministic; set ``PERFSITE_FUZZ_SEED`` to run other seeds (the first trial uses it, the
next ones count up from it). Every failure names the seed and what was planted.
"""

from __future__ import annotations

import html
import os
import random
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.browser.checks_static import discover_pages
from tests.hostile.payloads import REMOTE, built_kinds
from tests.hostile.plant import Planted, copy_example, plant_randomly
from tests.hostile.sites import shared_site
from tests.hostile.static import page_problems
from tools.browser.server import site_base_path

if TYPE_CHECKING:
    from playwright.sync_api import Browser

FIRST_SEED = int(os.environ.get("PERFSITE_FUZZ_SEED", "1515"))
SEEDS = [FIRST_SEED + trial for trial in range(3)]
PER_TABLE = 6
PAGES_PER_TRIAL = 25
CANARY = ("<!doctype html><html><body><img src=x onerror=\"window.__pwned='canary'\">"
          f"<img src='{REMOTE}/canary.png'></body></html>")


def _trial(tmp_path_factory: pytest.TempPathFactory, seed: int) -> tuple[Path, list[Planted]]:
    planted: list[Planted] = []

    def plant(folders: list[Path]) -> None:
        rng = random.Random(seed)
        for folder in folders:
            planted.extend(plant_randomly(folder, built_kinds(), rng, PER_TABLE))

    print(f"hostile fuzz seed {seed} (set PERFSITE_FUZZ_SEED to change)")
    site = shared_site(tmp_path_factory, f"fuzz-{seed}", plant)
    if not planted:  # another worker built it: plant again (same seed) to know what it holds
        scratch = tmp_path_factory.mktemp(f"replant-{seed}")
        plant(copy_example(scratch))
    return site, planted


def _report(seed: int, planted: list[Planted], found: list[str]) -> str:
    return (f"seed {seed} (rerun with PERFSITE_FUZZ_SEED={seed}):\n" + "\n".join(found[:20])
            + "\nplanted:\n" + "\n".join(map(str, planted)))


@pytest.mark.parametrize("seed", SEEDS)
def test_random_payloads_never_run_or_load_in_any_page(
        seed: int, tmp_path_factory: pytest.TempPathFactory) -> None:
    site, planted = _trial(tmp_path_factory, seed)
    found = [f"{page.relative_to(site)}: {problem}" for page in sorted(site.rglob("*.html"))
             for problem in page_problems(page.read_text(encoding="utf-8"))]
    assert len(planted) >= PER_TABLE * 10
    assert not found, _report(seed, planted, found)


@pytest.mark.browser
@pytest.mark.parametrize("seed", SEEDS)
def test_random_payloads_never_run_or_leave_the_site_in_chromium(
        seed: int, browser: Browser, tmp_path_factory: pytest.TempPathFactory) -> None:
    from tests.hostile.browse import findings, search_term  # Playwright: only the browser tests need it

    site, planted = _trial(tmp_path_factory, seed)
    pages = [p for p in discover_pages(site, site_base_path(site)) if p.kind != "redirect"]
    rng = random.Random(seed)
    rng.shuffle(pages)
    showing = [p for p in pages if any(t in html.unescape(p.file.read_text(encoding="utf-8"))
                                       for t in ("pwned", "hostile-corpus", "{{", "{%"))]
    sample = (showing + [p for p in pages if p not in showing])[:PAGES_PER_TRIAL]
    assert showing, "no page shows a planted payload: the trial tested nothing"
    found = findings(browser, site, [p.path for p in sample], canary=CANARY,
                     search=search_term(site))
    assert not found, _report(seed, planted, found)
