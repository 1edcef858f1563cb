"""The rating's facts on the indicator page: the standard in force, the chart summary, polarity."""

from __future__ import annotations

import pytest

from generator.analysis import analyse
from generator.analysis.rag import standards_shown
from generator.model.outcomes import Standard
from generator.model.site import Polarity, Unit
from generator.pages import tables, views
from generator.pages.charts import time_series
from tests.analysis_factory import comparator, indicator, series, target

HIGHER, LOWER, NONE = Polarity.HIGHER, Polarity.LOWER, Polarity.NONE
TARGET = target("2020-04-01", 90.0, 4.0)
RANGE = target("2020-04-01", None, None, 80.0, 95.0)
NO_BAND = target("2020-04-01", 90.0, None)
AT_MOST = target("2020-04-01", None, None, None, 95.0)


# What the chart draws, the table's columns and the chart's text summary all follow one test.
@pytest.mark.parametrize(("polarity", "targets", "shown", "summary"), [
    (HIGHER, (TARGET,), (Standard.TARGET,), " and the target."),
    (NONE, (RANGE,), (Standard.RANGE,), " and the expected range."),
    (LOWER, (RANGE,), (Standard.RANGE,), " and the expected range."),
    (NONE, (TARGET,), (), " for each quarter from April 2024 to September 2024."),
    (NONE, (AT_MOST,), (Standard.RANGE,), " and the expected range."),
    (HIGHER, (TARGET, target("2024-07-01", None, None, 80.0, 95.0)),
     (Standard.TARGET, Standard.RANGE), " and the target and the expected range."),
    (HIGHER, (), (), " for each quarter from April 2024 to September 2024."),
])
def test_the_chart_shows_the_target_or_the_range_in_force(polarity, targets, shown, summary):
    data = series([88.0, 88.5], indicator=indicator(polarity=polarity), targets=targets)
    assert standards_shown(data) == shown
    view = views.indicator_view(data, analyse(data), "Northbridge")
    assert view.chart_summary.split(". ")[0] + "." == (
        "The chart shows Northbridge's figures for each quarter from April 2024 to September 2024"
        + (summary if summary.startswith(" and") else "."))
    chart = time_series(data, "Northbridge", view.chart_title, "chart-test")
    assert chart is not None
    roles = {trace["meta"]["role"] for trace in chart.figure["data"]}
    assert ("target" in roles, "range" in roles) == (Standard.TARGET in shown,
                                                     Standard.RANGE in shown)
    columns = tables.data_table(data, "Northbridge").columns
    assert ("Target" in columns, "Expected range" in columns) == (Standard.TARGET in shown,
                                                                  Standard.RANGE in shown)


def test_comparisons_and_standards_read_as_one_list():
    data = series([88.0, 88.5], indicator=indicator(polarity=NONE), targets=(RANGE,),
                  comparators=(comparator("2024-25-Q2", 85.0),))
    view = views.indicator_view(data, analyse(data), "Northbridge")
    assert view.chart_summary.startswith(
        "The chart shows Northbridge's figures for each quarter from April 2024 to September 2024, "
        "with England and other comparisons and the expected range. ")


# The "Which way is better" line says the figure is compared with a range only when one is set.
@pytest.mark.parametrize(("polarity", "targets", "words"), [
    (NONE, (RANGE,), "Neither higher nor lower is better. The figure is compared with an "
     "expected range."),
    (NONE, (), "Neither higher nor lower is better."),
    (NONE, (TARGET,), "Neither higher nor lower is better."),
    (HIGHER, (TARGET,), "A higher figure is better."),
    (LOWER, (RANGE,), "A lower figure is better."),
])
def test_polarity_words_follow_the_range_in_force(polarity, targets, words):
    data = series([88.5], indicator=indicator(polarity=polarity), targets=targets)
    assert views.words(data).polarity == words


# The "Target" line of the details: the target and the band in the same words as the reason.
@pytest.mark.parametrize(("polarity", "unit", "targets", "text"), [
    (HIGHER, Unit.PERCENTAGE, (TARGET,), "90.0%. A figure up to 4.0 percentage points below it is "
     "rated amber, and one further below it red."),
    (LOWER, Unit.PERCENTAGE, (TARGET,), "90.0% (lower is better). A figure up to 4.0 percentage "
     "points above it is rated amber, and one further above it red."),
    (HIGHER, Unit.PERCENTAGE, (NO_BAND,), "90.0%. Any figure below it is rated red: there is no "
     "amber band."),
    (LOWER, Unit.DAYS, (TARGET,), "90.0 days (lower is better). A figure up to 4.0 days above it "
     "is rated amber, and one further above it red."),
    (NONE, Unit.PERCENTAGE, (RANGE,), "80.0% to 95.0%."),
    (NONE, Unit.PERCENTAGE, (AT_MOST,), "At most 95.0%."),
    (NONE, Unit.PERCENTAGE, (TARGET,), "No expected range is set, so this indicator is not rated."),
    (NONE, Unit.PERCENTAGE, (), "No expected range is set, so this indicator is not rated."),
    (HIGHER, Unit.PERCENTAGE, (), "No target is set, so this indicator is not rated."),
])
def test_target_text_states_the_standard_in_force(polarity, unit, targets, text):
    data = series([88.5], indicator=indicator(polarity=polarity, unit=unit), targets=targets)
    assert views.target_text(data) == text
    # Its heading names what is in force: a page with only a range never speaks of a target.
    heading = "Expected range" if polarity is NONE else "Target"
    assert views.target_heading(data) == heading
