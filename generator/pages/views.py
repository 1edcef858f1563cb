"""View models: what each template shows, derived from the model and its analysis.

Pure functions; the templates decide layout, this module decides words and numbers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from generator.analysis import Analysis, Rollup
from generator.analysis.compare import Measure
from generator.analysis.explain import comparison_phrase
from generator.analysis.glossary import ABBREVIATIONS
from generator.analysis.numbers import format_figure
from generator.analysis.rag import Rating
from generator.model.outcomes import RatingStatus
from generator.model.periods import PeriodType
from generator.model.site import (
    NOT_COMPARABLE,
    AreaType,
    Commentary,
    Comparator,
    Indicator,
    IndicatorData,
    Site,
    Unit,
)
from generator.model.targets import target_for
from generator.model.words import (
    AREA_KIND_WORDS,
    DIRECTION_WORDS,
    FREQUENCY_WORDS,
    NO_ENGLAND_WORDS,
    NOT_COMPARED_WORDS,
    POLARITY_WORDS,
    RATING_WORDS,
    SOURCE_SENTENCE,
    STATUS_WORDS,
    UNIT_WORDS,
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


@dataclass(frozen=True)
class Legend:
    """Example ratings for the key to the rating chips."""

    green: Rating = field(metadata={"help": "A green rating: give it to the `rating_chip` macro."})
    amber: Rating = field(metadata={"help": "An amber rating, likewise."})
    red: Rating = field(metadata={"help": "A red rating, likewise."})
    not_rated: Rating = field(metadata={"help": "An indicator that is not rated, likewise."})


LEGEND = Legend(
    green=Rating(RatingStatus.GREEN, "", "calculated"),
    amber=Rating(RatingStatus.AMBER, "", "calculated"),
    red=Rating(RatingStatus.RED, "", "calculated"),
    not_rated=Rating(RatingStatus.NOT_RATED, "", "none"),
)


def summary_text(summary: Rollup) -> str:
    """Return a short phrase such as "2 red, 3 amber, 4 green"."""
    parts = [f"{summary.rating_count(s)} {RATING_WORDS[s].lower()}" for s in
             (RatingStatus.RED, RatingStatus.AMBER, RatingStatus.GREEN) if summary.rating_count(s)]
    return ", ".join(parts)


def england_text(analysis: Analysis, with_period: bool = True) -> str:
    """Return how the latest comparable figure compares with England, in a few words.

    The words are ``explain.comparison_phrase``'s, the short form of the explanation's sentence.
    """
    if analysis.indicator.unit in NOT_COMPARABLE:
        return NOT_COMPARED_WORDS
    for benchmark in reversed(analysis.benchmarks):
        if benchmark.area_type is AreaType.ENGLAND:
            return comparison_phrase(benchmark, with_period)
    return NO_ENGLAND_WORDS


def comparator_sources(comparators: Iterable[Comparator]) -> str:
    """Return where the comparison figures come from, from their rows' ``source``, in sentences.

    "The England, regional and statistical neighbour figures come from Department for
    Education." One sentence per source, naming the kinds of area it gives figures for.
    Rows with no source add nothing: with none declared the text is empty and claims nothing.
    """
    kinds: dict[str, set[AreaType]] = {}
    for row in comparators:
        if row.source.strip():
            kinds.setdefault(row.source.strip(), set()).add(row.area_type)
    sentences = []
    for source, areas in sorted(kinds.items()):
        names = list(dict.fromkeys(AREA_KIND_WORDS[area] for area in AreaType if area in areas))
        listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
        sentences.append(SOURCE_SENTENCE.format(kinds=listed, source=source.rstrip(".")))
    return " ".join(sentences)


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
class Fact:
    """One of the key facts at the top of an indicator page."""

    label: str = field(metadata={"help": "What the fact is about, such as Direction."})
    text: str = field(metadata={"help": "The fact in words, such as Getting better."})


@dataclass(frozen=True)
class IndicatorView:
    """What the top of an indicator page says."""

    headline: str = field(metadata={
        "help": "The latest figure and its period, such as 45.0% in 2023/24."})
    rating: Rating = field(metadata={
        "help": "The latest rating: give it to the `rating_chip` macro; `rating.reason` says why."})
    facts: tuple[Fact, ...] = field(metadata={
        "help": "The key facts under the headline, each a `Fact`: the direction, the change "
                "since a year earlier (when there is one) and the comparison with England."})
    explanation: tuple[str, ...] = field(metadata={
        "help": "The figures explained in plain English, one text per paragraph."})
    chart_title: str = field(metadata={"help": "The title of the chart of figures over time."})
    chart_summary: str = field(metadata={
        "help": "What the chart shows in words, for readers who cannot see it."})


def indicator_view(data: IndicatorData, analysis: Analysis, council: str) -> IndicatorView:
    """Return the headline, rating, key facts and explanation for an indicator page."""
    latest = analysis.latest
    if latest is None:
        headline = analysis.figure
    else:
        at = "at" if latest.period.type is PeriodType.SNAPSHOT else "in"
        headline = f"{analysis.figure} {at} {latest.period.label}"
    facts = [Fact("Direction", DIRECTION_WORDS[analysis.travel.direction])]
    change = _change_text(analysis)
    if change:
        facts.append(Fact("Change", change))
    facts.append(Fact("Compared with England", england_text(analysis)))
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


@dataclass(frozen=True)
class IndicatorWords:
    """An indicator's settings in words, for its details."""

    polarity: str = field(metadata={
        "help": "Which way is better, such as A higher figure is better."})
    unit: str = field(metadata={"help": "The unit, such as Percentage."})
    frequency: str = field(metadata={"help": "How often it is published, such as Every year."})
    status: str = field(metadata={
        "help": "Where it is in its life, such as Established indicator."})


def words(indicator: Indicator) -> IndicatorWords:
    """Return the plain-English words for an indicator's polarity, unit, frequency and status."""
    return IndicatorWords(
        polarity=POLARITY_WORDS[indicator.polarity],
        unit=UNIT_WORDS[indicator.unit],
        frequency=FREQUENCY_WORDS[indicator.frequency],
        status=STATUS_WORDS[indicator.status],
    )


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


@dataclass(frozen=True)
class GlossaryTerm:
    """One abbreviation in the glossary."""

    abbreviation: str = field(metadata={"help": "The abbreviation, such as EHCP."})
    meaning: str = field(metadata={"help": "What it stands for."})
    anchor: str = field(metadata={
        "help": "The id its entry is linked by: the abbreviation in small letters."})


def glossary_terms() -> tuple[GlossaryTerm, ...]:
    """Return the glossary entries in alphabetical order."""
    return tuple(GlossaryTerm(abbreviation=key, meaning=meaning, anchor=key.lower())
                 for key, meaning in sorted(ABBREVIATIONS.items()))


@dataclass(frozen=True)
class Source:
    """One source of the indicators' figures."""

    name: str = field(metadata={"help": "The source's name, as the indicators give it."})
    url: str = field(metadata={"help": "Its address, or an empty text unless it is a safe link."})
    count: int = field(metadata={"help": "How many indicators use it."})


def sources(site: Site) -> tuple[Source, ...]:
    """Return the distinct sources of the indicators, with how many use each."""
    counts: Counter[tuple[str, str]] = Counter(
        (d.indicator.source, d.indicator.source_url) for d in site.indicators)
    return tuple(Source(name=name, url=safe_text.url(url), count=count)
                 for (name, url), count in sorted(counts.items()))
