"""Analyse one indicator: everything its page needs, worked out once from the model."""

from __future__ import annotations

from dataclasses import dataclass, fields

from generator.analysis.benchmark import benchmarks
from generator.analysis.compare import (
    Trend,
    change_to,
    find,
    is_usable,
    step_months,
    travel,
    trend,
    usable,
    yearly,
)
from generator.analysis.explain import explain, summarise
from generator.analysis.findings import Findings
from generator.analysis.numbers import format_figure
from generator.analysis.rag import rate, rate_nothing
from generator.analysis.standing import standing
from generator.model.periods import shift
from generator.model.site import RATE_BASE, Indicator, IndicatorData, Observation, Unit
from generator.model.words import missing_words


@dataclass(frozen=True)
class Analysis(Findings):
    """The findings about one indicator with the words that explain them."""

    explanation: tuple[str, ...]  # the paragraphs of the page's explanation
    summary: str  # the main message, for an active chart title


def is_small(observation: Observation | None, indicator: Indicator) -> bool:
    """Return True when a figure rests on fewer cases than the small-number threshold."""
    threshold = indicator.small_number_threshold
    if threshold is None or not is_usable(observation):
        return False
    assert observation is not None
    if indicator.unit is Unit.PERCENTAGE or indicator.unit in RATE_BASE:
        base = observation.denominator
    elif indicator.unit in (Unit.COUNT, Unit.NUMBER):
        base = observation.value
    else:
        base = observation.denominator
    return base is not None and base < threshold


def analyse(data: IndicatorData) -> Analysis:
    """Analyse one indicator: every fact its pages show, and the words that explain them."""
    indicator = data.indicator
    latest = data.observations[-1] if data.observations else None
    published_rows = usable(data.observations)
    published = published_rows[-1] if published_rows else None
    step = step_months(indicator)
    if latest is None:
        figure = "no figures yet"
    elif latest.value is None or latest.missing is not None:
        figure = missing_words(latest.missing)
    else:
        figure = format_figure(latest.value, indicator)
    previous_rating = None
    if latest is not None:
        before = shift(latest.period, -step)
        previous_rating = rate(data, before, find(data.observations, before))
    since_previous = since_year = None
    recent = None
    if published is not None:
        since_previous = change_to(data, published, step)
        since_year = change_to(data, published, 12) if step < 12 else since_previous
        recent = trend(data, published)
    findings = Findings(
        data=data,
        latest=latest,
        latest_published=published,
        figure=figure,
        rating=rate(data, latest.period, latest) if latest else rate_nothing(data),
        previous_rating=previous_rating,
        since_previous=since_previous,
        since_year_earlier=since_year,
        travel=travel(since_year, since_previous, indicator.polarity),
        trend=recent or Trend((), 0, None, None, None, None, None),
        years=yearly(data),
        benchmarks=benchmarks(data),
        standing=standing(data),
        small_numbers=is_small(published, indicator),
    )
    facts = {field.name: getattr(findings, field.name) for field in fields(Findings)}
    return Analysis(**facts, explanation=explain(findings), summary=summarise(findings))
