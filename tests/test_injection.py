"""No injection: text from a hostile data package never runs as script or template.

``tests/fixtures/packages/hostile`` puts the same payload in every text field of every resource:
a <script> element, an <img onerror> handler, a Markdown ``javascript:`` link, a raw
``<a href="javascript:">``, ``</script>`` to break out of chart data, an attribute break-out
(``"><svg onload>``) and Jinja syntax (``{{ 7*7 }}``, ``{{ 'x'|upper }}``, ``{% if %}``). Each
script would set ``window.__pwned`` to the name of the field it came from.

The static test reads every built page's elements; the browser test loads every page in headless
Chromium and checks the flag stays unset. A canary page holding the raw payload shows the browser
check can see the flag being set.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.browser.checks_static import discover_pages
from tests.fixture_sites import PACKAGES, build_fixture, site_files
from tests.hostile.static import page_problems
from tools.browser.server import SiteServer, site_base_path

if TYPE_CHECKING:
    from playwright.sync_api import Browser  # only the browser tests use it

HOSTILE = PACKAGES / "hostile"


def payload() -> str:
    """Return one field's payload as the fixture holds it (the package title's)."""
    return json.loads((HOSTILE / "datapackage.json").read_text(encoding="utf-8"))["title"]


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("hostile")
    build_fixture(HOSTILE, out)
    return out / "site"


def test_the_hostile_package_builds_with_every_payload_shown_as_text(site_dir: Path) -> None:
    page = (site_dir / "hostile-area/hostile-share/index.html").read_text(encoding="utf-8")
    text = html.unescape(page)
    assert "window.__pwned" in text  # the payload is on the page, as text
    assert "{{ 7*7 }}" in text and "{% if true %}" in text  # template syntax shown as typed


def test_no_planted_script_handler_or_script_link_in_any_page(site_dir: Path) -> None:
    problems = []
    pages = 0
    for name, data in site_files(site_dir):
        if name.endswith(".html"):
            pages += 1
            problems += [f"{name}: {p}" for p in page_problems(data.decode("utf-8"))]
    assert pages > 10
    assert not problems, "\n".join(problems)


def test_the_static_check_finds_the_raw_payload() -> None:
    """The check above would fail if a payload reached a page unescaped."""
    found = page_problems(f"<html><body><p>{payload()}</p></body></html>")
    assert any("planted <script>" in p for p in found)
    assert any("onerror" in p for p in found) and any("onload" in p for p in found)
    assert any("javascript:" in p for p in found)
    assert TAG_THAT_RUNS.search(payload())


def test_template_syntax_is_never_evaluated(site_dir: Path) -> None:
    """``{{ 'tag'|upper }}`` in a field would print the tag in capitals if Jinja ran it."""
    for name, data in site_files(site_dir):
        text = data.decode("utf-8", errors="replace")
        for tag in ("AREA-TITLE", "HOSTILE-SHARE-TITLE", "CATEGORY-0", "DIMENSION",
                    "RELEASE-TITLE", "HOSTILE-COUNT-COMMENTARY", "PACKAGE-TITLE"):
            assert tag not in text, f"{name}: template syntax was evaluated ({tag})"


# A tag (not escaped text) that is a script, an image or frame, or carries a handler or script URL.
TAG_THAT_RUNS = re.compile(
    r"<(script|img|svg|iframe|object|embed)\b"
    r"|<[a-zA-Z][^<>]*\s(on\w+\s*=|(href|src)\s*=\s*[\"']?\s*javascript:)", re.I)


def test_search_index_holds_text_not_markup(site_dir: Path) -> None:
    """Material's search shows result text as HTML: planted tags must arrive escaped."""
    index = json.loads((site_dir / "search/search_index.json").read_text(encoding="utf-8"))
    assert any("pwned" in doc["text"] for doc in index["docs"])
    for doc in index["docs"]:
        for key in ("title", "text"):
            assert not TAG_THAT_RUNS.search(doc[key]), (doc["location"], doc[key][:200])


# -- in the browser ---------------------------------------------------------------------------

CANARY = (
    "<!doctype html><html><head><title>canary</title></head><body>"
    "<p>{payload}</p><img src='x' onerror=\"window.__pwned_img='canary'\"></body></html>"
)


@pytest.mark.browser
def test_no_planted_script_runs_in_chromium(site_dir: Path, browser: Browser,
                                           tmp_path_factory: pytest.TempPathFactory) -> None:
    canary = tmp_path_factory.mktemp("canary")
    (canary / "index.html").write_text(CANARY.format(payload=payload()), encoding="utf-8")
    base = site_base_path(site_dir)
    pages = [p for p in discover_pages(site_dir, base) if p.kind != "redirect"]
    assert len(pages) > 10
    ran: list[str] = []
    with SiteServer({base: site_dir, "/canary-selftest/": canary}) as server:
        context = browser.new_context()
        try:
            page = context.new_page()
            page.on("dialog", lambda dialog: (ran.append(f"dialog {dialog.message}"),
                                              dialog.dismiss()))
            flag = "() => [window.__pwned, window.__pwned_img]"

            # The harness can see a planted script: the raw payload sets the flag.
            page.goto(server.url("/canary-selftest/"), wait_until="load")
            page.wait_for_function("() => window.__pwned && window.__pwned_img", timeout=5_000)
            assert page.evaluate(flag)[0].startswith("package-title")

            for site_page in pages:
                page.goto(server.url(site_page.path), wait_until="load")
                page.wait_for_timeout(50)  # let error handlers of failed images fire
                value = page.evaluate(flag)
                if any(value):
                    ran.append(f"{site_page.path}: window.__pwned = {value}")

            # Search results are drawn as HTML from the index: search for the payload.
            page.goto(server.url(base), wait_until="load")
            page.keyboard.press("/")  # Material's shortcut opens the search box
            page.keyboard.type("pwned script")
            page.wait_for_selector(".md-search-result__item", timeout=10_000)
            page.wait_for_timeout(200)
            if any(page.evaluate(flag)):
                ran.append(f"search results: window.__pwned = {page.evaluate(flag)}")
        finally:
            context.close()
    assert not ran, "\n".join(ran)
