"""The generated pages: golden output for a small fixture, and every page type in the example."""

from __future__ import annotations

import pytest

from tests.golden_pages import GOLDEN, generated_pages


def test_generated_pages_match_the_golden_copy() -> None:
    pages = generated_pages()
    golden = {str(path.relative_to(GOLDEN)): path.read_text(encoding="utf-8")
              for path in GOLDEN.rglob("*") if path.is_file()}
    assert sorted(pages) == sorted(golden), "pages added or removed: run python -m tests.golden_pages"
    for path, text in pages.items():
        assert text == golden[path], f"{path} differs from the golden copy: run python -m " \
                                     "tests.golden_pages and review the diff"


@pytest.mark.parametrize("path", [
    "index.md", "exceptions/index.md", "front-door/index.md", "front-door/re-referrals/index.md",
    "children-in-care/cla-rate/index.md", "priorities/index.md", "priorities/safe-at-home/index.md",
    "glossary/index.md", "methodology/index.md", "accessibility/index.md", "about-data/index.md",
    "releases/index.md", "indicators/re-referrals/index.html",
    "indicators/cla-per-10k/index.html", "children-in-care/cla-per-10k/index.html",
])
def test_every_page_type_is_generated(path: str) -> None:
    assert path in generated_pages()


def test_indicator_page_has_every_section() -> None:
    page = generated_pages()["front-door/re-referrals/index.md"]
    for heading in ("## What the figures say", "## What the service says", "## Chart and data",
                    "## About this indicator", "## Download the data", "## Link to this page",
                    "## Related"):
        assert heading in page
    assert "https://example.org/performance/2024-25-q1/front-door/re-referrals/" in page
    assert '<table class="data-table">' in page and "<caption" in page
    assert 'class="js-chart chart"' in page and 'role="img"' in page


def test_suppressed_value_is_a_symbol_in_the_table_and_words_in_the_text() -> None:
    page = generated_pages()["front-door/re-referrals/index.md"]
    assert '<td data-label="Testshire Council">c</td>' in page
    assert "not published to protect confidentiality" in page


def test_renamed_indicator_redirects_to_its_page() -> None:
    page = generated_pages()["children-in-care/cla-per-10k/index.html"]
    assert 'url=../cla-rate/' in page


def test_abbreviations_are_defined_on_pages_that_use_them() -> None:
    page = generated_pages()["children-in-care/cla-rate/index.md"]
    assert "DfE SSDA903 return" in page
    assert "*[DfE]: Department for Education" in page
    assert "*[CLA]:" not in generated_pages()["front-door/index.md"]


def test_no_generated_markup_is_escaped_twice() -> None:
    for path, text in generated_pages().items():
        assert "&lt;tr" not in text and "&lt;span" not in text and "&amp;lt;" not in text, path
