"""View models: what each template shows, derived from the model and its analysis.

Pure functions; the templates decide layout, this module decides words and numbers.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from generator.analysis import Analysis, Rollup
from generator.analysis.compare import Measure
from generator.analysis.glossary import ABBREVIATIONS
from generator.analysis.numbers import format_figure, table_value
from generator.analysis.rag import Rating
from generator.model.outcomes import RatingStatus
from generator.model.periods import PeriodType
from generator.model.site import AreaType, Commentary, Flag, IndicatorData, Site, Unit
from generator.model.targets import target_for
from generator.model.words import (
    COMPARATOR_COLUMN_HEADINGS,
    COMPARISON_WORDS,
    DIRECTION_WORDS,
    FREQUENCY_WORDS,
    POLARITY_WORDS,
    RATING_WORDS,
    STATUS_WORDS,
    UNIT_WORDS,
    capitalised,
)
from generator.pages import safe_text

CHIP_CLASS = {
    RatingStatus.RED: "red",
    RatingStatus.AMBER: "amber",
    RatingStatus.GREEN: "green",
    RatingStatus.BELOW_RANGE: "range",
    RatingStatus.WITHIN_RANGE: "range",
    RatingStatus.ABOVE_RANGE: "range",
    RatingStatus.NOT_RATED: "none",
}
LEGEND = {
    "green": Rating(RatingStatus.GREEN, "", "calculated"),
    "amber": Rating(RatingStatus.AMBER, "", "calculated"),
    "red": Rating(RatingStatus.RED, "", "calculated"),
    "not_rated": Rating(RatingStatus.NOT_RATED, "", "none"),
}


def summary_text(summary: Rollup) -> str:
    """Return a short phrase such as "2 red, 3 amber, 4 green"."""
    parts = [f"{summary.rating_count(s)} {RATING_WORDS[s].lower()}" for s in
             (RatingStatus.RED, RatingStatus.AMBER, RatingStatus.GREEN) if summary.rating_count(s)]
    return ", ".join(parts)


def england_text(analysis: Analysis, with_period: bool = False) -> str:
    """Return how the latest comparable figure compares with England, in a few words."""
    for benchmark in reversed(analysis.benchmarks):
        if benchmark.area_type is AreaType.ENGLAND:
            text = COMPARISON_WORDS[benchmark.comparison].format(area="England")
            return f"{text} ({benchmark.period.label})" if with_period else text
    return "No England figure"


def table_row(data: IndicatorData, analysis: Analysis) -> dict[str, Any]:
    """Return one row of a service area or priority table."""
    return {
        "indicator": data.indicator,
        "latest": f"{analysis.figure} ({analysis.latest.period.label})" if analysis.latest
        else analysis.figure,
        "rating": analysis.rating,
        "direction": DIRECTION_WORDS[analysis.travel.direction],
        "england": england_text(analysis),
    }


def exception_rows(site: Site, analyses: dict[str, Analysis],
                   summary: Rollup) -> list[dict[str, Any]]:
    """Return the site roll-up's exceptions (red this period, newly red first) as table rows."""
    areas = {area.id: area.title for area in site.service_areas}
    rows = []
    for item in summary.exceptions:
        data = site.indicator(item.indicator_id)
        rows.append({
            "indicator": data.indicator,
            "area_title": areas.get(item.service_area, ""),
            "latest": table_row(data, analyses[item.indicator_id])["latest"],
            "reason": item.reason,
            "newly_red": item.newly_red,
        })
    return rows


def _change_text(analysis: Analysis) -> str | None:
    change = analysis.since_year_earlier
    if change is None:
        return None
    indicator = analysis.indicator
    if change.measure is Measure.PERCENTAGE_POINTS:
        amount = f"{abs(change.difference):.1f} percentage points"
    elif change.per_cent is not None:
        amount = f"{abs(change.per_cent):.0f}%"
    else:
        amount = format_figure(abs(change.difference), indicator)
    if change.difference == 0:
        return f"No change since {change.start.period.label}"
    way = "Up" if change.difference > 0 else "Down"
    return f"{way} {amount} since {change.start.period.label}"


@dataclass(frozen=True)
class IndicatorView:
    """What the top of an indicator page says."""

    headline: str
    rating: Rating
    facts: tuple[dict[str, str], ...]
    explanation: tuple[str, ...]
    chart_title: str
    chart_summary: str


def indicator_view(data: IndicatorData, analysis: Analysis, council: str) -> IndicatorView:
    """Return the headline, rating, key facts and explanation for an indicator page."""
    latest = analysis.latest
    if latest is None:
        headline = analysis.figure
    else:
        at = "at" if latest.period.type is PeriodType.SNAPSHOT else "in"
        headline = f"{analysis.figure} {at} {latest.period.label}"
    facts = [{"label": "Direction", "text": DIRECTION_WORDS[analysis.travel.direction]}]
    change = _change_text(analysis)
    if change:
        facts.append({"label": "Change", "text": change})
    facts.append({"label": "Compared with England", "text": england_text(analysis, True)})
    periods = [o.period for o in data.observations]
    span = f"from {periods[0].label} to {periods[-1].label}" if periods else ""
    chart_summary = (f"The chart shows {council}'s figures {span}"
                     + (", with England and other comparisons" if data.comparators else "")
                     + (" and the target" if data.targets else "")
                     + f". {analysis.summary}. The table below gives every figure."
                     + f" Source: {data.indicator.source}.")
    return IndicatorView(
        headline=headline,
        rating=analysis.rating,
        facts=tuple(facts),
        explanation=analysis.explanation,
        chart_title=analysis.summary,
        chart_summary=chart_summary,
    )


def latest_commentary(data: IndicatorData) -> Commentary | None:
    """Return the service's commentary for the latest period, or the most recent one."""
    return data.commentary[-1] if data.commentary else None


def data_table(data: IndicatorData, council: str) -> dict[str, Any]:
    """Return the chart's data as table columns and rows, oldest period first."""
    indicator = data.indicator
    comparator_columns: list[tuple[AreaType, str]] = []
    for area_type, heading in COMPARATOR_COLUMN_HEADINGS.items():
        found = [c for c in data.comparators if c.area_type is area_type]
        if found:
            comparator_columns.append((area_type, heading or found[-1].area_name))
    has_target = any(t.target is not None for t in data.targets)
    has_range = any(t.expected_low is not None for t in data.targets)
    columns = [council] + [heading for _, heading in comparator_columns]
    if has_target:
        columns.append("Target")
    if has_range:
        columns.append("Expected range")
    comparators = {(c.area_type, c.period): c for c in data.comparators}
    rows = []
    for o in data.observations:
        value = table_value(o.value, indicator, o.missing)
        marks = [flag.value for flag in sorted(o.flags) if flag in (Flag.PROVISIONAL, Flag.REVISED,
                                                                    Flag.ESTIMATED)]
        cells = [value + (f" ({', '.join(marks)})" if marks else "")]
        for area_type, _ in comparator_columns:
            c = comparators.get((area_type, o.period))
            cells.append(table_value(c.value, indicator, c.missing) if c else "")
        target = target_for(data, o.period)
        if has_target:
            cells.append(table_value(target.target, indicator) if target and target.target is not None
                         else "")
        if has_range:
            cells.append(f"{table_value(target.expected_low, indicator)} to "
                         f"{table_value(target.expected_high, indicator)}"
                         if target and target.expected_low is not None else "")
        rows.append({"label": capitalised(o.period.label), "cells": cells})
    unit = UNIT_WORDS[indicator.unit].lower()
    note = (f"Figures are in {unit}. c = not published to protect confidentiality, x = not "
            "available, z = not applicable. Empty cells mean there is no figure for that period.")
    return {"columns": columns, "rows": rows, "note": note,
            "comparator_columns": [heading for _, heading in comparator_columns]}


def breakdown_table(data: IndicatorData) -> dict[str, Any]:
    """Return the latest breakdown as table rows with a sentence summary."""
    latest = max(row.period for row in data.breakdowns)
    rows = [row for row in data.breakdowns if row.period == latest]
    dimension = sorted({row.dimension for row in rows})[0]
    rows = sorted((r for r in rows if r.dimension == dimension), key=lambda r: (r.order, r.category))
    published = [r for r in rows if r.value is not None]
    summary = f"{dimension}, {latest.label}."
    if published:
        top = max(published, key=lambda r: r.value or 0)
        summary += f" The largest group is {top.category}."
    return {"dimension": dimension,
            "rows": [{"label": r.category, "value": table_value(r.value, data.indicator, r.missing)}
                     for r in rows],
            "summary": summary}


def words(indicator: Any) -> dict[str, str]:
    """Return the plain-English words for an indicator's polarity, unit, frequency and status."""
    return {
        "polarity": POLARITY_WORDS[indicator.polarity],
        "unit": UNIT_WORDS[indicator.unit],
        "frequency": FREQUENCY_WORDS[indicator.frequency.value],
        "status": STATUS_WORDS[indicator.status],
    }


def target_text(data: IndicatorData) -> str:
    """Return the target or expected range in force for the latest period, in words."""
    if not data.observations:
        return ""
    target = target_for(data, data.observations[-1].period)
    if target is None:
        return "No target is set, so this indicator is not rated."
    indicator = data.indicator
    if target.target is not None:
        text = f"{format_figure(target.target, indicator)}"
        if target.amber_tolerance:
            tolerance = (f"{target.amber_tolerance:g} percentage points"
                         if indicator.unit is Unit.PERCENTAGE
                         else format_figure(target.amber_tolerance, indicator))
            text += f", rated amber within {tolerance} of the target"
    else:
        text = (f"Expected range {format_figure(target.expected_low or 0, indicator)} to "
                f"{format_figure(target.expected_high or 0, indicator)}")
    if target.note:
        text += f". {target.note}"
    return text


def glossary_terms() -> list[dict[str, str]]:
    """Return the glossary entries in alphabetical order."""
    return [{"abbreviation": key, "meaning": meaning, "anchor": key.lower()}
            for key, meaning in sorted(ABBREVIATIONS.items())]


def sources(site: Site) -> list[dict[str, Any]]:
    """Return the distinct sources of the indicators, with how many use each."""
    counts: Counter[tuple[str, str]] = Counter(
        (d.indicator.source, d.indicator.source_url) for d in site.indicators)
    return [{"name": name, "url": safe_text.url(url), "count": count}
            for (name, url), count in sorted(counts.items())]



