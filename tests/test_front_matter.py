"""Titles from data reach a page's front matter as text: never as YAML escapes, syntax or HTML.

MkDocs reads each generated page's front matter with YAML and Material prints ``title`` and
``description`` into the HTML unescaped. A double-quoted YAML value once turned a title's
``\\x3cimg onerror=...\\x3e`` into a live element, and a plain backslash (``CiN\\CP``) broke the front
matter, which MkDocs then printed on the public page. Each payload below goes into an indicator's
title and question, a service area's title and a priority's title, and every page must show the
text exactly as typed.
"""

from __future__ import annotations

import csv
import html
import io
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.fixture_sites import PACKAGES, build_fixture
from tools.browser.server import SiteServer, site_base_path

if TYPE_CHECKING:
    from playwright.sync_api import Browser  # only the browser test uses it

SCRIPT = "window.__pwned='{name}'"
PAYLOADS = {
    "yaml-hex-escape": ' \\x3cimg src=x onerror="' + SCRIPT.format(name="hex") + '"\\x3e',
    "yaml-unicode-escape": ' \\u003cimg src=x onerror="' + SCRIPT.format(name="unicode") + '"\\u003e',
    "backslash": " CiN\\CP and C:\\temp\\",
    "quotes": " it's \"quoted\" and ''twice''",
    "yaml-syntax": " #: - [x] {y} & *z !tag | > % @ `",
    "html": ' <img src=x onerror="' + SCRIPT.format(name="html") + '"> &amp; <b>',
}
# Control characters (" bell\x07here") are refused by check (text-control), so they never reach
# a front matter: tests/hostile/payloads.py, kind "control", proves the refusal in every field.
#: (table, id column, id, text column): the fields whose text reaches a front matter.
FIELDS = (
    ("indicators.csv", "id", "re-referrals", "title"),
    ("indicators.csv", "id", "re-referrals", "question"),
    ("service_areas.csv", "id", "front-door", "title"),
    ("priorities.csv", "id", "safe-at-home", "title"),
)
PAGES = {  # page: where its title comes from
    "front-door/re-referrals/index.html": ("Re-referrals within 12 months", ""),
    "front-door/index.html": ("Front door", "1. "),
    "priorities/safe-at-home/index.html": ("Children are safe at home", ""),
}


def _shown(text: str) -> str:
    """Return the text as a reader should see it: one line, without control characters."""
    return " ".join("".join(c for c in text if c.isprintable() or c.isspace()).split())


def _add_payload(package: Path, payload: str) -> None:
    for table, key, row_id, column in FIELDS:
        path = package / table
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        for row in rows:
            if row[key] == row_id:
                row[column] += payload
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        path.write_text(out.getvalue(), encoding="utf-8")


@pytest.fixture(scope="module", params=sorted(PAYLOADS), ids=sorted(PAYLOADS))
def built(request: pytest.FixtureRequest,
          tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    payload = PAYLOADS[request.param]
    root = tmp_path_factory.mktemp(request.param)
    package = root / "minimal"
    shutil.copytree(PACKAGES / "minimal", package)
    _add_payload(package, payload)
    build_fixture(package, root / "out")
    return payload, root / "out" / "site"


class _Page(HTMLParser):
    """Collect a page's title, description and anything that could run."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.description = ""
        self.live: list[str] = []
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.live += [f"<{tag} {name}>" for name, _ in attrs if name.startswith("on")]
        if tag == "img" and values.get("src") == "x":
            self.live.append("<img src=x>")
        if tag == "meta" and values.get("name") == "description":
            self.description = values.get("content") or ""
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def _read(site: Path, page: str) -> tuple[_Page, str]:
    text = (site / page).read_text(encoding="utf-8")
    parsed = _Page()
    parsed.feed(text)
    return parsed, text


@pytest.mark.parametrize("page", sorted(PAGES))
def test_the_title_is_shown_exactly_as_typed(built: tuple[str, Path], page: str) -> None:
    payload, site = built
    title, prefix = PAGES[page]
    parsed, _ = _read(site, page)
    assert parsed.title.startswith(prefix + _shown(title + payload) + " - "), parsed.title


def test_the_description_is_the_question_as_typed(built: tuple[str, Path]) -> None:
    payload, site = built
    parsed, _ = _read(site, "front-door/re-referrals/index.html")
    question = ("How many referrals are about a child we were told about in the last year?"
                + payload)
    assert parsed.description == _shown(question)


def test_no_front_matter_is_printed_and_nothing_can_run(built: tuple[str, Path]) -> None:
    _, site = built
    for page in sorted(site.rglob("*.html")):
        parsed, text = _read(site, str(page.relative_to(site)))
        assert "page_type:" not in html.unescape(text), f"{page}: front matter printed"
        assert parsed.live == [], f"{page}: {parsed.live}"


@pytest.mark.browser
def test_no_title_payload_runs_in_chromium(built: tuple[str, Path], browser: Browser) -> None:
    payload, site = built
    base = site_base_path(site)
    with SiteServer({base: site}) as server:
        context = browser.new_context()
        try:
            page = context.new_page()
            for path, (title, prefix) in sorted(PAGES.items()):
                page.goto(server.url(base + path.removesuffix("index.html")), wait_until="load")
                page.wait_for_timeout(50)  # let the error handler of a failed image fire
                assert page.evaluate("() => window.__pwned") is None, path
                assert page.title().startswith(prefix + _shown(title + payload)), page.title()
        finally:
            context.close()


# The contact setting is written by whoever runs the site, and may be Markdown (a mailto link);
# it is sanitised like the officers' Markdown fields, so a link can only go somewhere safe.
CONTACTS = [
    ("the performance team", "contact the performance team."),
    ("[performance@example.org](mailto:performance@example.org)",
     'contact <a href="mailto:performance@example.org" rel="noopener noreferrer">'
     'performance@example.org</a>.'),
    ("[us](javascript:alert(1))", "contact &#91;us&#93;(javascript:alert(1))."),
    ('<img src=x onerror="alert(1)">', 'contact &lt;img src=x onerror="alert(1)"&gt;.'),
]


@pytest.mark.parametrize(("contact", "written"), CONTACTS, ids=[c for c, _ in CONTACTS])
def test_the_contact_setting_is_safe_markdown(contact: str, written: str) -> None:
    from generator.analysis.disclosure import protect
    from generator.build import generate
    from generator.input.check import load_site
    from generator.pages.context import SiteContext

    site = protect(load_site([PACKAGES / "minimal"]), 5)
    context = SiteContext(council="Testshire Council", site_url="https://example.org/",
                          demonstration=True, threshold=5, contact=contact)
    page = str(generate(site, context)["accessibility/index.md"])
    assert written in page
    assert "[us](javascript" not in page and 'href="javascript' not in page


def test_a_contact_link_to_a_refused_scheme_is_not_a_link_on_the_built_page(tmp_path: Path) -> None:
    import dataclasses

    from generator.build import build_site
    from tests.fixture_sites import fixture_settings

    settings = dataclasses.replace(fixture_settings("minimal"),
                                   contact="[us](javascript:window.__pwned=1)")
    build_site(settings, site_dir=tmp_path / "site", docs_dir=tmp_path / "docs")
    page = (tmp_path / "site" / "accessibility" / "index.html").read_text(encoding="utf-8")
    assert "contact [us](javascript:window.__pwned=1)." in html.unescape(page)
    assert 'href="javascript' not in page
