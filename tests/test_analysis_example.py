"""Every explanation of the example data reads easily, spells out abbreviations and agrees with
the numbers it describes.

The example packages in ``datapackages/`` and the small fixture are both analysed after
disclosure control, exactly as the build does.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
import textstat

from generator.analysis import Analysis, analyse, rollup
from generator.analysis.compare import Measure
from generator.analysis.disclosure import protect
from generator.analysis.glossary import unexpanded
from generator.analysis.numbers import format_figure
from generator.input.check import load_site
from generator.settings import DEFAULT_THRESHOLD

ROOT = Path(__file__).resolve().parent.parent
SOURCES = {
    "example": sorted((ROOT / "datapackages").glob("*/datapackage.json")),
    "minimal": [ROOT / "tests" / "fixtures" / "packages" / "minimal" / "datapackage.json"],
}
MINIMUM_READING_EASE = 60


@cache
def analyses(source: str) -> dict[str, Analysis]:
    """Return every indicator of a source analysed, keyed by indicator id."""
    site = protect(load_site([path.parent for path in SOURCES[source]]), DEFAULT_THRESHOLD)
    return {data.indicator.id: analyse(data) for data in site.indicators}


def _cases() -> list[tuple[str, str]]:
    assert SOURCES["example"], "the example data packages are missing from datapackages/"
    return [(source, name) for source in sorted(SOURCES) for name in sorted(analyses(source))]


CASES = _cases()
NUMBER = r"[\d,]+(?:\.\d+)?"


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _text(source: str, name: str) -> tuple[Analysis, str]:
    analysis = analyses(source)[name]
    return analysis, " ".join(analysis.explanation)


@pytest.mark.parametrize(("source", "name"), CASES)
def test_reads_easily(source, name):
    _, text = _text(source, name)
    assert text
    assert textstat.flesch_reading_ease(text) >= MINIMUM_READING_EASE, text


@pytest.mark.parametrize(("source", "name"), CASES)
def test_abbreviations_spelled_out_and_no_unsupported_claims(source, name):
    analysis, text = _text(source, name)
    assert unexpanded(text) == [], text
    assert unexpanded(analysis.summary) == [], analysis.summary
    assert "significant" not in text.lower()
    assert "  " not in text and ".." not in text


@pytest.mark.parametrize(("source", "name"), CASES)
def test_latest_figure_and_counts_agree_with_the_data(source, name):
    analysis, text = _text(source, name)
    published = analysis.latest_published
    if published is None:
        assert "the answer was" not in text
        return
    assert published.value is not None
    figure = format_figure(published.value, analysis.indicator)
    assert f"the answer was {figure}." in text
    match = re.search(rf"This is ({NUMBER}) out of ({NUMBER})", text)
    if match:
        assert (_number(match.group(1)), _number(match.group(2))) == (
            published.numerator, published.denominator)
        worked_out = published.numerator / published.denominator * 100
        assert abs(worked_out - published.value) <= 0.1 ** analysis.indicator.decimal_places
    fraction = re.search(r"(?:That is|or) (?:about )?(\d+) in (\d+)\.", text)
    if fraction:
        share = int(fraction.group(1)) / int(fraction.group(2)) * 100
        assert abs(share - published.value) <= 2.5


@pytest.mark.parametrize(("source", "name"), CASES)
def test_changes_agree_with_the_figures_they_join(source, name):
    analysis, text = _text(source, name)
    indicator = analysis.indicator
    pattern = (rf"(?:A year earlier|The \w+ before), (?:in|at) [^,]+, it was ({NUMBER})[^.]*\. "
               rf"Since then it has (?:gone (up|down) by ({NUMBER})|stayed the same)")
    match = re.search(pattern, text)
    change = analysis.travel.change
    if change is None:
        assert match is None
        return
    assert match, text
    assert _number(match.group(1)) == change.start_value
    latest = analysis.latest_published
    assert latest is not None and latest.value is not None
    if match.group(2):
        sign = 1 if match.group(2) == "up" else -1
        stated = sign * _number(match.group(3))
        worked_out = change.end_value - change.start_value
        assert stated == pytest.approx(worked_out, abs=1e-9), text
        assert change.end_value == pytest.approx(latest.value,
                                                 abs=0.5 * 0.1 ** indicator.decimal_places)
        if change.measure is Measure.PER_CENT and change.per_cent is not None:
            per_cent = re.search(rf"gone (?:up|down) by {NUMBER}[^.]*?, or ({NUMBER})%", text)
            assert per_cent and _number(per_cent.group(1)) == round(abs(change.per_cent), 1)


@pytest.mark.parametrize(("source", "name"), CASES)
def test_target_benchmark_and_range_figures_agree(source, name):
    analysis, text = _text(source, name)
    target = analysis.rating.target
    match = re.search(rf"the target of ({NUMBER})", text)
    if match:
        assert target is not None and target.target is not None
        assert _number(match.group(1)) == pytest.approx(target.target)
    for benchmark in analysis.benchmarks:
        area = ("England" if benchmark.area_type.value == "england" else
                f"the {benchmark.area_name} region" if benchmark.area_type.value == "region" else
                "the average for similar councils")
        way = rf"(Higher than|Lower than|The same as) {re.escape(area)} (?:in|at) [^(]+"
        found = re.search(rf"{way}\(({NUMBER})[^()]* against ({NUMBER})[^()]*\)", text)
        same = re.search(rf"{way}\(both ({NUMBER})[^()]*\)", text)
        assert found or same, (area, text)
        word, ours, theirs = found.groups() if found else (*same.groups(), same.group(2))
        assert _number(theirs) == benchmark.area_value, (area, text)
        assert _number(ours) == benchmark.council_value, (area, text)
        expected = {"Higher than": _number(ours) > _number(theirs),
                    "Lower than": _number(ours) < _number(theirs),
                    "The same as": _number(ours) == _number(theirs)}
        assert expected[word], (area, text)
    between = re.search(rf"it has been between ({NUMBER})[^ ]* and ({NUMBER})", text)
    if between:
        assert (_number(between.group(1)), _number(between.group(2))) == (
            analysis.trend.lowest, analysis.trend.highest)
    for year in analysis.years:
        found = re.search(rf"(?:average for|in) {re.escape(year.year.label)}[^.]*? (?:was|is) "
                          rf"({NUMBER})", text)
        if found:
            assert _number(found.group(1)) == year.value


def test_rollup_of_the_example_data_counts_every_current_indicator():
    items = list(analyses("example").values())
    result = rollup(items)
    assert sum(count for _, count in result.ratings) == result.total
    assert sum(count for _, count in result.directions) == result.total
    assert all(item.reason for item in result.exceptions)
