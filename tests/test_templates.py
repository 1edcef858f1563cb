"""Templates read typed, documented contexts, and the shared macros write what the pages need.

docs/page-templates.md lists every page kind with its template, its context class and each
variable, then the rows and other parts those variables hold with their fields (written by
``python -m tests.template_reference``); these tests fail when a context or row field is not
documented, a documented one does not exist, or a template reads a variable its context does not
have or a field its row does not have.
"""

from __future__ import annotations

import re
from dataclasses import fields, is_dataclass
from typing import Any

import pytest
from jinja2 import meta

from generator.analysis.compare import Direction
from generator.analysis.rag import Rating, RatingStatus
from generator.analysis.rollup import Rollup
from generator.model.outcomes import RatingSource
from generator.pages.charts import Chart
from generator.pages.context import PageContext
from generator.pages.kinds import KINDS, PageKind
from generator.pages.kinds.area import AreaPage
from generator.pages.kinds.indicator import IndicatorPage
from generator.pages.render import environment
from tests.template_reads import template_source, unknown_reads
from tests.template_reference import DOC, documented, own_fields, parts, reference

TEMPLATED = [kind for kind in KINDS if kind.template is not None]
PARTS = list(parts())
COMMON = {item.name for item in fields(PageContext)}
NOTICES = "_notices.md.j2"


def _read(template: str) -> set[str]:
    """Return the variables a template reads (not those it sets or imports itself)."""
    env = environment()
    source = env.loader.get_source(env, template)[0]  # type: ignore[union-attr]
    return meta.find_undeclared_variables(env.parse(source)) - set(env.globals)


def _documented_variables(heading: str) -> set[str]:
    text = documented()
    match = re.search(rf"^### {re.escape(heading)}\n(.*?)(?=^### |\Z)", text, re.M | re.S)
    assert match, f"docs/page-templates.md has no section '{heading}'"
    return set(re.findall(r"^\| `(\w+)` \|", match.group(1), re.M))


def test_the_reference_is_as_the_code_writes_it() -> None:
    assert documented() == reference(), (
        f"{DOC.name} is out of date: run `python -m tests.template_reference`")


@pytest.mark.parametrize("kind", TEMPLATED, ids=[kind.name for kind in TEMPLATED])
def test_every_field_is_documented_and_nothing_else(kind: PageKind) -> None:
    assert kind.context is not None
    names = {item.name for item in own_fields(kind.context)}
    shown = _documented_variables(kind.name)
    assert names - shown == set(), f"document {sorted(names - shown)} for {kind.name}"
    assert shown - names == set(), f"{kind.name} has no {sorted(shown - names)}"


def test_the_common_fields_are_documented() -> None:
    assert _documented_variables("Every page") == COMMON


@pytest.mark.parametrize("kind", TEMPLATED, ids=[kind.name for kind in TEMPLATED])
def test_contexts_are_frozen_dataclasses_with_help(kind: PageKind) -> None:
    context = kind.context
    assert context is not None and is_dataclass(context)
    assert context.__dataclass_params__.frozen  # type: ignore[attr-defined]
    for item in fields(context):
        assert item.metadata.get("help", "").strip(), f"{context.__name__}.{item.name} has no help"


@pytest.mark.parametrize("kind", TEMPLATED, ids=[kind.name for kind in TEMPLATED])
def test_templates_read_only_their_context(kind: PageKind) -> None:
    assert kind.template is not None and kind.context is not None
    unknown = _read(kind.template) - {item.name for item in fields(kind.context)}
    assert unknown == set(), f"{kind.template} reads {sorted(unknown)}, not in {kind.context}"


@pytest.mark.parametrize("kind", TEMPLATED, ids=[kind.name for kind in TEMPLATED])
def test_templates_read_only_fields_their_rows_have(kind: PageKind) -> None:
    assert kind.template is not None and kind.context is not None
    assert unknown_reads(template_source(kind.template), kind.context) == []


@pytest.mark.parametrize(("source", "problems"), [
    ("{% for row in rows %}{{ row.latest }}{{ row.indicator.title }}{% endfor %}", []),
    ("{% for row in rows %}{{ row.lates }}{% endfor %}", ["IndicatorRow has no 'lates'"]),
    ('{% for row in rows %}{{ row["latest"] }}{% endfor %}',
     ["IndicatorRow['latest'] reads a class as a dict"]),
    ("{{ rows[0].indicator.titel | md_text }}", ["Indicator has no 'titel'"]),
    ("{{ summary.targets_sentence }}{{ area.nope }}", ["ServiceArea has no 'nope'"]),
    ("{% for a, b in rows %}{{ a.nope }}{% endfor %}", []),  # pairs: types unknown
])
def test_the_row_check_finds_misspelt_fields(source: str, problems: list[str]) -> None:
    assert unknown_reads(source, AreaPage) == problems


@pytest.mark.parametrize("part", PARTS, ids=[part.__name__ for part in PARTS])
def test_every_row_field_is_documented_and_nothing_else(part: type) -> None:
    names = {item.name for item in fields(part)}  # type: ignore[arg-type]
    assert _documented_variables(f"`{part.__name__}`") == names


@pytest.mark.parametrize("part", PARTS, ids=[part.__name__ for part in PARTS])
def test_rows_are_frozen_dataclasses_with_help(part: type) -> None:
    assert part.__dataclass_params__.frozen  # type: ignore[attr-defined]
    for item in fields(part):  # type: ignore[arg-type]
        assert item.metadata.get("help", "").strip(), f"{part.__name__}.{item.name} has no help"


def test_the_rows_are_found_through_the_contexts() -> None:
    # Rows inside rows are found too (a data table's rows, an indicator view's facts).
    assert {"IndicatorRow", "ExceptionRow", "DataTable", "DataTableRow", "BreakdownTable",
            "BreakdownRow", "GlossaryTerm", "Source", "AreaCard", "PriorityCard", "ReleaseRow",
            "IndicatorView", "Fact", "IndicatorWords", "Legend", "Chart", "TableNote",
            "CorrectionNotice", "ChangeRow", "Citation", "Distribution", "CouncilRow"} == {
        part.__name__ for part in PARTS}


def test_the_notices_read_only_what_pages_have() -> None:
    # The notices include "ind is defined" tests: only indicator pages have the indicator.
    assert _read(NOTICES) <= COMMON | {"ind", "replacement"}
    assert {"ind", "replacement"} <= {item.name for item in fields(IndicatorPage)}


def test_every_template_has_a_page_kind() -> None:
    names = set(environment().list_templates())
    assert {name for name in names if not name.startswith("_")} == {
        kind.template for kind in TEMPLATED}


def test_every_macro_is_documented() -> None:
    macros = {name for name in dir(environment().get_template("_macros.md.j2").module)
              if not name.startswith("_")}
    table = DOC.read_text(encoding="utf-8").split("| macro | writes |")[1].split("\n\n")[0]
    assert set(re.findall(r"^\| `(\w+)\(", table, re.M)) == macros


# -- the macros: fragments of HTML, byte for byte ------------------------------------------------

def _macro(name: str) -> Any:
    """Return a macro of _macros.md.j2 as a function."""
    return getattr(environment().get_template("_macros.md.j2").module, name)


@pytest.mark.parametrize(("status", "html"), [
    (RatingStatus.RED, '<span class="rating rating--red"><span class="rating__icon" '
                       'aria-hidden="true">\u2716</span> Red</span>'),
    (RatingStatus.WITHIN_RANGE, '<span class="rating rating--range"><span class="rating__icon" '
                                'aria-hidden="true">\u25CF</span> Within expected range</span>'),
    (RatingStatus.NOT_RATED, '<span class="rating rating--none"><span class="rating__icon" '
                             'aria-hidden="true">\u2013</span> Not rated</span>'),
])
def test_rating_chip(status: RatingStatus, html: str) -> None:
    assert str(_macro("rating_chip")(Rating(status, "a reason", RatingSource.CALCULATED))) == html


def test_rating_chip_says_when_the_service_set_the_rating() -> None:
    rating = Rating(RatingStatus.AMBER, "a reason", RatingSource.OFFICER, None, RatingStatus.RED)
    assert str(_macro("rating_chip")(rating)) == (
        '<span class="rating rating--amber"><span class="rating__icon" aria-hidden="true">\u25C6'
        "</span> Amber</span> <span class=\"rating-source\">(the service&#39;s rating)</span>")


def test_rollup_table_counts_only_the_ratings_there_are() -> None:
    summary = Rollup("", 3, tuple((s, 2 if s is RatingStatus.GREEN else 0) for s in RatingStatus),
                     tuple((d, 1 if d is list(Direction)[0] else 0) for d in Direction), ())
    html = str(_macro("rollup_table")(summary))
    assert html.startswith(f"<p>{summary.targets_sentence}</p>\n\n<div class=\"table-wrap\">")
    assert html.count("<tr>") == 2  # the heading and the one rating there is
    assert "<td>2</td>" in html and "rating--green" in html and "rating--red" not in html
    directions = str(_macro("direction_table")(summary))
    assert directions.count("<tr>") == 2 and "<td>1</td>" in directions


@pytest.mark.parametrize(("chart", "html"), [
    (None, ""),
    (Chart("c1", {"data": "</script>"}, "Figures & <more>"),
     '<div class="js-chart chart" id="c1" role="img" aria-labelledby="c1-title" '
     'aria-describedby="s1"><p class="chart__title" id="c1-title">Figures &amp; &lt;more&gt;</p>'
     '<p class="chart__placeholder">The chart needs JavaScript. The same figures are in the '
     'table below.</p><template class="js-chart-data" data-search-exclude>'
     '{"data":"\\u003c/script\\u003e"}</template></div>'),
])
def test_chart_block(chart: Chart | None, html: str) -> None:
    assert str(_macro("chart_block")(chart, "s1")) == html
