"""Every rule of the analysis, checked in the words of the built pages against answers worked out by hand.

``tests/known_answers/corpus.py`` holds one indicator per rule of docs/methodology-analysis.md:
both polarities and none, the edges of the amber band, a target that changed, an officer's
override, expected ranges, comparisons tested and not tested for chance (and not made at all for
a count), notes, a revision, a provisional figure and suppression. The site is built from it once;
each case's page is read as a reader sees it (``tests/page_reading.py``) and must say exactly what
the case says, and never what it must not. Its downloads must carry the same notes.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.fixture_sites import build_fixture
from tests.known_answers import corpus
from tests.known_answers.corpus import CASES, Case
from tests.page_reading import IndicatorPage, read_indicator_page


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("known-answers")
    build_fixture(corpus.write(out / "packages"), out)
    return out / "site"


def _page(site: Path, case: Case) -> IndicatorPage:
    return read_indicator_page(site / "rules" / case.id / "index.html")


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_the_rating_is_the_known_answer(site: Path, case: Case) -> None:
    page = _page(site, case)
    assert page.chip == case.chip
    assert page.reason == case.reason


@pytest.mark.parametrize("case", [case for case in CASES if case.england],
                         ids=lambda case: case.id)
def test_the_comparison_with_england_is_the_known_answer(site: Path, case: Case) -> None:
    assert _page(site, case).facts["Compared with England"] == case.england


@pytest.mark.parametrize("case", [case for case in CASES if case.says],
                         ids=lambda case: case.id)
def test_the_page_says_what_the_figures_say(site: Path, case: Case) -> None:
    page = _page(site, case)
    for sentence in case.says:
        assert sentence in page.text, f"{case.id} should say: {sentence}"


@pytest.mark.parametrize("case", [case for case in CASES if case.never],
                         ids=lambda case: case.id)
def test_the_page_never_says_what_is_not_so(site: Path, case: Case) -> None:
    text = _page(site, case).text.lower()
    # The title is the officer's; everything the site writes around it is checked.
    text = text.replace(case.title.lower(), "")
    for words in case.never:
        assert words.lower() not in text, f"{case.id} must not say: {words}"


def test_the_rating_reason_is_the_same_in_the_explanation(site: Path) -> None:
    for case in CASES:
        page = _page(site, case)
        reason = page.reason.removeprefix("(the service's rating) ")
        assert any(reason in paragraph for paragraph in page.explanation), case.id


def test_notes_reach_the_table_and_the_downloads(site: Path) -> None:
    case = next(case for case in CASES if case.id == "ka-notes")
    page = _page(site, case)
    assert page.column("Testshire Council")["July to September 2025"] == "x note 1"  # notes run newest first
    folder = site / "rules" / case.id
    rows = list(csv.DictReader(io.StringIO((folder / f"{case.id}.csv").read_text("utf-8"))))
    by_period = {row["period"]: row["note"] for row in rows}
    assert by_period["2025-26-Q2"] == "Not yet published: due in January 2026."
    assert by_period["2024-25-Q4"] == "Revised from 71.0 after late recording."
    figures = json.loads((folder / f"{case.id}.json").read_text("utf-8"))
    assert "Not yet published: due in January 2026." in json.dumps(figures)
