"""Plain English on the pages (issue 14): one row per wording case, each with the exact text."""

from __future__ import annotations

import pytest

from generator.analysis import analyse
from generator.analysis.glossary import neighbours_sentence
from generator.model.periods import (
    PeriodType,
    academic_year,
    calendar_year,
    financial_year,
    month,
    parse_canonical,
    quarter,
    rolling_12_months,
    span,
)
from generator.model.site import AreaType, IndicatorData, Site, Unit
from generator.model.words import sentence
from generator.pages import abbreviations
from generator.pages.tables import data_table
from generator.pages.views import glossary_terms, indicator_view, target_text
from tests.analysis_factory import QUARTERS, comparator, indicator, series, target


@pytest.mark.parametrize(("first", "last", "expected"), [
    (financial_year(2022), financial_year(2024), "for the financial years 2022/23 to 2024/25"),
    (academic_year(2018), academic_year(2024), "for the school years 2018/19 to 2024/25"),
    (quarter(2019, 1), quarter(2025, 2), "for each quarter from April 2019 to September 2025"),
    (month(2024, 4), month(2025, 3), "from April 2024 to March 2025"),
    (calendar_year(2018), calendar_year(2024), "from 2018 to 2024"),
    (rolling_12_months(2024, 3), rolling_12_months(2025, 3),
     "from the 12 months to March 2024 up to the 12 months to March 2025"),
    (parse_canonical("2019-03-31", PeriodType.SNAPSHOT),
     parse_canonical("2025-03-31", PeriodType.SNAPSHOT), "from 31 March 2019 to 31 March 2025"),
    (financial_year(2024), financial_year(2024), "for April 2024 to March 2025"),
])
def test_a_span_of_periods_never_reads_to_to(first, last, expected):
    assert span(first, last) == expected


@pytest.mark.parametrize(("unit", "denominator", "note"), [
    (Unit.PERCENTAGE, "", "Figures are percentages."),
    (Unit.RATE_PER_10000, "Children aged 0-17", "Figures are rates per 10,000 children."),
    (Unit.RATE_PER_1000, "", "Figures are rates per 1,000."),
    (Unit.RATE_PER_100000, "Residents", "Figures are rates per 100,000 residents."),
    (Unit.COUNT, "", "Figures are counts."),
    (Unit.DAYS, "", "Figures are numbers of days."),
    (Unit.WEEKS, "", "Figures are numbers of weeks."),
    (Unit.NUMBER, "", "Figures are numbers."),
    (Unit.POUNDS, "", "Figures are in pounds (£)."),
])
def test_the_table_note_words_every_unit(unit, denominator, note):
    data = series([20.0], indicator=indicator(unit=unit, denominator=denominator))
    assert data_table(data, "Northbridge Council").note.startswith(note + " c = not published")


@pytest.mark.parametrize(("tolerance", "text"), [
    (1.0, "20.0% (lower is better). A figure up to 1.0 percentage point above it is rated amber, "
          "and one further above it red."),
    (2.0, "20.0% (lower is better). A figure up to 2.0 percentage points above it is rated "
          "amber, and one further above it red."),
    (0.5, "20.0% (lower is better). A figure up to 0.5 percentage points above it is rated "
          "amber, and one further above it red."),
])
def test_the_amber_tolerance_is_plural_when_it_should_be(tolerance, text):
    assert target_text(series([21.0], targets=(target("2020-04-01", 20.0, tolerance),))) == text


@pytest.mark.parametrize(("text", "closed"), [
    ("Source: DfE, Open Government Licence v3.0.", "Source: DfE, Open Government Licence v3.0."),
    ("Source: DfE, Open Government Licence v3.0", "Source: DfE, Open Government Licence v3.0."),
    ("Is it ready? ", "Is it ready?"),
    ("", ""),
])
def test_a_sentence_is_closed_once(text, closed):
    assert sentence(text) == closed
    assert sentence(sentence(text)) == closed


def test_the_chart_summary_closes_a_source_that_ends_in_a_full_stop_once():
    data = series([21.0], indicator=indicator(source="DfE statistics, Open Government Licence v3.0."))
    summary = indicator_view(data, analyse(data), "Northbridge Council").chart_summary
    assert summary.endswith("Source: DfE statistics, Open Government Licence v3.0.")


@pytest.mark.parametrize(("html", "marked"), [
    # Officers' text in HTML blocks: the commentary's author, a rating reason.
    ('<p class="meta">Commentary from the Head of SEND.</p>',
     '<p class="meta">Commentary from the Head of '
     '<abbr title="special educational needs and disabilities">SEND</abbr>.</p>'),
    ("<li>EHCPs issued</li>",
     '<li><abbr title="education, health and care plans">EHCPs</abbr> issued</li>'),
    # Already marked by Markdown, in an attribute, in chart data, or part of a longer word.
    ('<abbr title="Department for Education">DfE</abbr>',
     '<abbr title="Department for Education">DfE</abbr>'),
    ('<a href="#" aria-label="SEND plans">plans</a>', '<a href="#" aria-label="SEND plans">plans</a>'),
    ('<script type="application/json">{"title": "SEND"}</script>',
     '<script type="application/json">{"title": "SEND"}</script>'),
    ("<p>SENDING and SEN2</p>", "<p>SENDING and SEN2</p>"),
])
def test_every_abbreviation_in_a_page_is_marked(html, marked):
    assert abbreviations.mark(html) == marked


@pytest.mark.parametrize(("names", "text"), [
    ((), ""),
    (("Oldham",), "The neighbours named in our figures are Oldham."),
    (("Tameside", "Oldham", "Rochdale", "Oldham"),
     "The neighbours named in our figures are Oldham, Rochdale and Tameside."),
])
def test_the_neighbours_are_named_from_the_data(names, text):
    assert neighbours_sentence(names) == text


def test_the_glossary_defines_terms_and_names_the_neighbours():
    rows = tuple(comparator(QUARTERS[-1], 20.0, AreaType.NEIGHBOUR, name=name)
                 for name in ("Rochdale", "Oldham"))
    data = IndicatorData(indicator(), series([21.0]).observations, comparators=rows)
    terms = {term.term.lower(): term for term in glossary_terms(Site(packages=(), indicators=(data,)))}
    assert {"statistical neighbours", "rate per 10,000", "percentage point", "provisional",
            "revised", "expected range", "amber tolerance", "could be down to chance"} <= set(terms)
    neighbours = terms["statistical neighbours"]
    assert neighbours.meaning.endswith("The neighbours named in our figures are Oldham and Rochdale.")
    assert neighbours.anchor == "statistical-neighbours"
