"""Headings get anchor links beside them, and search indexes the page's own words first.

``pages.anchors.place`` runs over each built page (output/finish.py); the built-site tests
read what MkDocs wrote: the pages and the search index.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.pages.anchors import place
from tests.fixture_sites import build_fixture

LINK = '<a class="headerlink" href="#{0}" title="Link to this section">#</a>'


@pytest.mark.parametrize(("html", "expected"), [
    (f'<h2 id="chart-and-data">Chart and data{LINK.format("chart-and-data")}</h2>',
     '<div class="heading-anchor heading-anchor--h2"><h2 id="chart-and-data">Chart and data</h2>'
     '<a class="headerlink" href="#chart-and-data" aria-label="Link to this section: Chart and '
     'data" data-search-exclude>#</a></div>'),
    # Marks inside the heading stay in it; the link's name is the heading's words alone.
    (f'<h3 id="by-need">By <abbr title="special educational needs">SEN</abbr> &amp; "need"'
     f'{LINK.format("by-need")}</h3>',
     '<div class="heading-anchor heading-anchor--h3"><h3 id="by-need">By <abbr title="special '
     'educational needs">SEN</abbr> &amp; "need"</h3><a class="headerlink" href="#by-need" '
     'aria-label="Link to this section: By SEN &amp; &quot;need&quot;" data-search-exclude>#</a>'
     '</div>'),
    # Text that looks like markup stays text in the link's name.
    (f'<h2 id="x">&lt;img src=x onerror=alert(1)&gt; \'q\'{LINK.format("x")}</h2>',
     '<div class="heading-anchor heading-anchor--h2"><h2 id="x">&lt;img src=x onerror=alert(1)'
     '&gt; \'q\'</h2><a class="headerlink" href="#x" aria-label="Link to this section: &lt;img '
     'src=x onerror=alert(1)&gt; &#x27;q&#x27;" data-search-exclude>#</a></div>'),
    # The page title's link leads to the top of the page the reader is on: dropped.
    (f'<h1 id="re-referrals">Re-referrals{LINK.format("re-referrals")}</h1>',
     '<h1 id="re-referrals">Re-referrals</h1>'),
    # A heading without a link (a raw HTML heading) is left alone.
    ('<h2 id="x">Plain</h2>', '<h2 id="x">Plain</h2>'),
])
def test_each_heading_link_sits_beside_its_heading(html, expected):
    assert place(html) == expected


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("anchors")
    build_fixture("minimal", out)
    return out / "site"


def test_every_section_heading_of_an_indicator_page_has_its_anchor_link(built: Path) -> None:
    page = (built / "front-door" / "re-referrals" / "index.html").read_text("utf-8")
    headings = re.findall(r"<h([23]) id=\"([^\"]+)\"", page)
    assert len(headings) >= 4
    for _level, anchor in headings:
        assert (f'<a class="headerlink" href="#{anchor}" aria-label="Link to this section: '
                in page), anchor
    # No link is left inside a heading, where a screen reader would read it with the heading.
    assert not re.search(r"<h[1-6][^>]*>(?:(?!</h[1-6]>).)*headerlink", page, re.DOTALL)


def test_search_entries_never_start_with_a_notice(built: Path) -> None:
    docs = json.loads((built / "search" / "search_index.json").read_text("utf-8"))["docs"]
    assert docs
    notices = ("Demonstration data.", "New indicator.", "Indicator in development.",
               "Retired indicator.", "Corrected on")
    starts = [(doc["location"], doc["text"][:60]) for doc in docs
              if re.sub(r"<[^>]+>", "", doc["text"]).strip().startswith(notices)]
    assert starts == []
    # The banner is on every page of the demonstration site, yet in no entry at all.
    assert not [d["location"] for d in docs if "is a fictional council" in d["text"]]


def test_indicator_pages_are_boosted_in_search(built: Path) -> None:
    docs = json.loads((built / "search" / "search_index.json").read_text("utf-8"))["docs"]
    boosted = {doc["location"].split("#")[0] for doc in docs if doc.get("boost")}
    assert boosted == {"children-in-care/cla-rate/", "front-door/re-referrals/"}


def test_search_keeps_each_section_of_an_indicator_page(built: Path) -> None:
    # A heading wrapped in another element would end its section in Material's search index,
    # and the section's words would fall into the page's first entry.
    docs = json.loads((built / "search" / "search_index.json").read_text("utf-8"))["docs"]
    sections = {doc["location"]: doc["text"] for doc in docs}
    assert "rate" in sections["front-door/re-referrals/#what-the-figures-say"]
    assert "What the figures say" not in sections["front-door/re-referrals/"]
