"""An indicator page's permanent link and citation: a real link only where the address exists.

The release address, ``<site_url><release id>/<path>``, exists only once ``publish`` (mike)
deploys the release, so only a versioned build links there and offers a citation; a plain build
(``build``, the preview) says it is a preview (docs/publishing.md).
"""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from generator.analysis.disclosure import protect
from generator.build import generate, prepare
from generator.input.check import load_site
from generator.model.site import Release, ReleaseStatus
from generator.pages.citation import Citation, citation, citation_text
from generator.settings import DEFAULT_THRESHOLD
from tests.fixture_sites import fixture_settings
from tests.golden_pages import CONTEXT, FIXTURE, generated_pages

Q2 = Release("2025-26-q2", "Quarter 2 2025/26", date(2025, 11, 13), ReleaseStatus.PUBLISHED)
PATH = "front-door/re-referrals/index.md"
ADDRESS = "https://example.org/performance/2025-26-q2/front-door/re-referrals/"
CITED = ("Northbridge Council (2025). Re-referrals within 12 months. Quarter 2 2025/26 "
         "(July to September 2025), published 13 November 2025. " + ADDRESS)
PREVIEW = ("<p>This copy of the site is a preview of Quarter 1 2024/25 (April to June 2024), "
           "not the published release, so this page has no permanent link yet. On the published site, this "
           "section gives the page's permanent link and a citation for committee papers.</p>")


@pytest.mark.parametrize(("site_url", "versioned", "expected"), [
    ("https://example.org/performance/", True, Citation(ADDRESS, ADDRESS, CITED)),
    ("https://example.org/performance", True, Citation(ADDRESS, ADDRESS, CITED)),
    # No site address: the link climbs from the page to the release's folder; the citation
    # names no address rather than a path from the server's root.
    ("", True, Citation("../../../2025-26-q2/front-door/re-referrals/", "",
                        "Northbridge Council (2025). Re-referrals within 12 months. Quarter 2 "
                        "2025/26 (July to September 2025), published 13 November 2025.")),
    # A plain build: the release's folder does not exist, so there is nothing to cite.
    ("https://example.org/performance/", False, None),
    ("", False, None),
])
def test_a_page_is_cited_only_in_a_release_build(site_url, versioned, expected):
    assert citation("Northbridge Council", "Re-referrals within 12 months", Q2, PATH, site_url,
                    versioned) == expected


@pytest.mark.parametrize(("title", "expected"), [
    ("Re-referrals within 12 months",
     "Northbridge Council (2025). Re-referrals within 12 months. Quarter 2 2025/26 "
     "(July to September 2025), published "
     "13 November 2025. https://x.example/"),
    # A title that ends its own sentence keeps its mark and gets no second one.
    ("Are children safe at home?",
     "Northbridge Council (2025). Are children safe at home? Quarter 2 2025/26 "
     "(July to September 2025), published "
     "13 November 2025. https://x.example/"),
    ("  Care leavers NEET.  ",
     "Northbridge Council (2025). Care leavers NEET. Quarter 2 2025/26 "
     "(July to September 2025), published "
     "13 November 2025. https://x.example/"),
])
def test_the_citation_line(title, expected):
    assert citation_text("Northbridge Council", title, Q2, "https://x.example/") == expected


def _link_section(page: str) -> str:
    return page[page.index("## Link to this page"):].split("\n## ", 1)[0]


@pytest.mark.parametrize(("versioned", "shown", "absent"), [
    (True,
     '<p class="permalink__line"><a class="permalink__url" href="https://example.org/'
     'performance/2024-25-q1/children-in-care/cla-rate/" data-copy="link">https://example.org/'
     'performance/2024-25-q1/children-in-care/cla-rate/</a></p>\n<p class="permalink__line">'
     '<strong>Citation:</strong> <span class="permalink__citation" data-copy="citation">'
     'Testshire Council (2024). Children looked after per 10,000. Quarter 1 2024/25 '
     '(April to June 2024), published '
     '15 August 2024. https://example.org/performance/2024-25-q1/children-in-care/cla-rate/'
     '</span></p>', "preview"),
    (False, PREVIEW, "https://example.org/performance/2024-25-q1/"),
])
def test_the_page_links_its_release_address_only_in_a_release_build(versioned, shown, absent):
    # The golden pages are a release build; the same fixture built plain is the preview.
    pages = (generated_pages() if versioned else
             generate(protect(load_site([FIXTURE]), DEFAULT_THRESHOLD),
                      dataclasses.replace(CONTEXT, versioned=False)))
    section = _link_section(str(pages["children-in-care/cla-rate/index.md"]))
    assert shown in section
    assert absent not in section


@pytest.mark.parametrize("versioned", [True, False])
def test_the_build_tells_the_pages_whether_it_is_a_release(versioned):
    # build_site(versioned=True) is what publish calls; prepare carries the fact to the pages.
    ready = prepare(fixture_settings("minimal"), versioned=versioned)
    page = str(ready.files["children-in-care/cla-rate/index.md"])
    assert ('<a class="permalink__url"' in page) is versioned
    assert ("this page has no permanent link yet" in page) is not versioned
