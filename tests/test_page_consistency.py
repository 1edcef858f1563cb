"""No indicator page contradicts itself or its own table.

Every indicator page of the example site and of the known-answers corpus is read as a reader
sees it (``tests/page_reading.py``), and its statements are set against each other and against
the page's data table:

- the headline figure is the table's figure for that period, and the rating line and chart title
  speak of the same figure;
- the rating chip is the rating the reason sentence gives (the service's, when it overrode the
  calculation);
- a page judged against an expected range, or against nothing, never speaks of a target, and a
  page that says there is no expected range never says it is compared with one;
- the comparison with England says the same in the key facts and in the explanation (direction,
  period and chance), its direction agrees with the two figures it quotes, and those figures are
  the table's;
- the change in the key facts goes the way the explanation's year-earlier figure says.

A contradiction names the page and the two statements.
"""

from __future__ import annotations

import dataclasses
import re

import pytest

from generator.build import build_site
from generator.settings import load_settings
from tests.fixture_sites import ROOT, build_fixture
from tests.known_answers import corpus
from tests.page_reading import IndicatorPage, indicator_pages, read_indicator_page

NUMBER = r"-?[\d,]+(?:\.\d+)?"
RANGE_CHIPS = {"Below expected range", "Within expected range", "Above expected range"}
COMPARISON = re.compile(rf"(Higher than|Lower than|The same as) England (?:in|at) (.+?) "
                        rf"\(({NUMBER})%? against ({NUMBER})")
SENTENCE_END = re.compile(r"\.(?=\s|$)")


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> list[IndicatorPage]:
    example = tmp_path_factory.mktemp("example")
    build_site(load_settings(ROOT / "mkdocs.yml"), site_dir=example / "site",
               docs_dir=example / "docs")
    known = tmp_path_factory.mktemp("known-answers")
    build_fixture(corpus.write(known / "packages"), known)
    found = [read_indicator_page(path) for site in (example / "site", known / "site")
             for path in indicator_pages(site)]
    assert len(found) > 40
    return found


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _first_number(text: str) -> float | None:
    match = re.match(rf"\s*({NUMBER})", text)
    return _number(match.group(1)) if match else None


def _cell_number(cell: str) -> float | None:
    """Return the figure in a table cell ("72.0 (revised) note 1" is 72.0; "c" is None)."""
    return _first_number(cell)


def _name(page: IndicatorPage) -> str:
    return f"{page.path.parent.parent.name}/{page.path.parent.name}"


def _without_title(page: IndicatorPage, text: str) -> str:
    """Return text without the officer's own title, which the site quotes as written."""
    return text.replace(page.title, "")


def _problems(page: IndicatorPage) -> list[str]:
    checks = (_headline_is_the_table, _chip_is_the_reason, _no_target_without_one,
              _england_said_once, _change_goes_the_stated_way)
    return [f"{_name(page)}: {problem}" for check in checks for problem in check(page)]


def _headline_is_the_table(page: IndicatorPage) -> list[str]:
    figure = _first_number(page.headline)
    if figure is None:
        return []
    council = page.table_head[1]
    column = page.column(council)
    period = next((label for label in column if page.headline.endswith(" " + label)
                   or page.headline.endswith(" " + label[0].lower() + label[1:])), None)
    problems = []
    if period is None:
        problems.append(f"the headline '{page.headline}' names no period of the table")
    elif _cell_number(column[period]) != figure:
        problems.append(f"the headline says {figure:g} for {period}, the table "
                        f"'{column[period]}'")
    said = re.search(rf"The figure of ({NUMBER})", page.reason)
    if said and _number(said.group(1)) != figure:
        problems.append(f"the rating speaks of {said.group(1)}, the headline of {figure:g}")
    shown = re.search(rf": ({NUMBER})", _without_title(page, page.chart_title))
    if shown and _number(shown.group(1)) != figure:
        problems.append(f"the chart title speaks of {shown.group(1)}, the headline of {figure:g}")
    return problems


def _chip_is_the_reason(page: IndicatorPage) -> list[str]:
    reason = page.reason
    service = re.search(r"The service rated it (\w+)", reason)
    rated = re.search(r"so it is rated (\w+)\.", reason)
    ranged = re.search(r"is (below|within|above) the expected range", reason)
    if service:
        said = service.group(1).capitalize()
    elif rated:
        said = rated.group(1).capitalize()
    elif ranged:
        said = f"{ranged.group(1).capitalize()} expected range"
    elif reason.startswith("It is not rated") or "gives no rating" in reason:
        said = "Not rated"
    else:
        return [f"the rating line says no rating: '{reason}'"]
    if said != page.chip:
        return [f"the chip says '{page.chip}', the rating line '{reason}'"]
    return []


def _no_target_without_one(page: IndicatorPage) -> list[str]:
    generated = _without_title(page, " ".join(page.statements))
    problems = []
    if (page.chip in RANGE_CHIPS or "no expected range" in page.reason) and \
            re.search(r"\btarget\b", generated, re.IGNORECASE):
        problems.append("a page judged against a range, or nothing, speaks of a target")
    if "no expected range" in page.reason and "compared with an expected range" in page.text:
        problems.append("it says there is no expected range and that it is compared with one")
    return problems


def _england_said_once(page: IndicatorPage) -> list[str]:
    fact = page.facts.get("Compared with England", "")
    explained = " ".join(page.explanation)
    match = COMPARISON.search(explained)
    if not fact.startswith(("Higher than", "Lower than", "The same as")):
        return [f"the explanation compares with England but the key fact says '{fact}'"] \
            if match else []
    if match is None:
        return [f"the key fact says '{fact}' but the explanation makes no comparison"]
    direction, period, ours, england = match.groups()
    problems = []
    if not fact.startswith(direction) or not fact.endswith(f"({period})"):
        problems.append(f"the key fact '{fact}' and the explanation '{match.group(0)}' disagree")
    ours_value, england_value = _number(ours), _number(england)
    expected = ("Higher than" if ours_value > england_value else
                "Lower than" if ours_value < england_value else "The same as")
    if direction != expected:
        problems.append(f"'{match.group(0)}' says {direction.lower()} for {ours} against "
                        f"{england}")
    if "England" in page.table_head:
        row = {row[0]: row for row in page.table}.get(period[0].upper() + period[1:])
        if row is not None:
            table = (_cell_number(row[1]), _cell_number(row[page.table_head.index("England")]))
            if table != (ours_value, england_value):
                problems.append(f"'{match.group(0)}' quotes figures the table gives as {table}")
    chance = {"could be chance": "could be down to chance",
              "not tested for chance": "not tested for chance",
              "not down to chance": "too large to be down to chance"}
    end = SENTENCE_END.search(explained, match.end())
    sentence = explained[match.start():end.end() if end else None]
    for short, long in chance.items():
        if (short in fact) != (long in sentence):
            problems.append(f"the key fact '{fact}' and the explanation disagree on chance")
    return problems


def _change_goes_the_stated_way(page: IndicatorPage) -> list[str]:
    change = page.facts.get("Change", "")
    before = re.search(rf"A year earlier, (?:in|at) .+?, it was ({NUMBER})", " ".join(
        page.explanation))
    figure = _first_number(page.headline)
    if not change or before is None or figure is None:
        return []
    earlier = _number(before.group(1))
    way = "Up" if figure > earlier else "Down" if figure < earlier else "No change"
    if not change.startswith(way):
        return [f"the key fact '{change}' but the figure went from {earlier:g} to {figure:g}"]
    return []


def test_no_indicator_page_contradicts_itself(pages: list[IndicatorPage]) -> None:
    problems = [problem for page in pages for problem in _problems(page)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("case", "check", "statement", "contradiction"), [
    ("ka-amber-inside", _chip_is_the_reason, "reason", "The figure of 88.5% is 1.5 percentage "
     "points below the target of 90.0%, more than the amber band of 1.0 percentage point, so it "
     "is rated red."),
    ("ka-amber-inside", _headline_is_the_table, "headline", "88.4% in July to September 2025"),
    ("ka-compare-chance", _england_said_once, "facts",
     {"Compared with England": "Higher than England, could be chance (July to September 2025)"}),
    ("ka-compare-chance", _england_said_once, "facts",
     {"Compared with England": "Lower than England, not tested for chance (July to September "
                               "2025)"}),
    ("ka-amber-inside", _no_target_without_one, "chip", "Within expected range"),
    ("ka-amber-inside", _change_goes_the_stated_way, "facts",
     {"Change": "Down 8.5 percentage points since July to September 2024"}),
])
def test_each_check_finds_its_contradiction(pages: list[IndicatorPage], case: str, check,
                                            statement: str, contradiction: object) -> None:
    """Each check passes the true page and fails the same page with one statement changed."""
    page = next(page for page in pages if page.path.parent.name == case)
    assert check(page) == []
    assert check(dataclasses.replace(page, **{statement: contradiction}))
