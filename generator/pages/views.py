"""View models: what each template shows, derived from the model and its analysis.

Pure functions; the templates decide layout, this module decides words and numbers.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from generator.analysis import Analysis, Rollup
from generator.analysis.explain import change_since, comparison_phrase, during, standing_phrase
from generator.analysis.glossary import ABBREVIATIONS, TERMS, neighbours_sentence
from generator.analysis.rag import (
    Rating,
    has_range,
    standard_in_force,
    standard_text,
    standards_shown,
)
from generator.model.outcomes import RatingSource, RatingStatus, Standard
from generator.model.periods import span as periods_span
from generator.model.site import (
    NOT_COMPARABLE,
    AreaType,
    Commentary,
    Comparator,
    IndicatorData,
    Polarity,
    Site,
)
from generator.model.targets import target_for
from generator.model.words import (
    AREA_KIND_WORDS,
    DIRECTION_WORDS,
    FREQUENCY_WORDS,
    NO_ENGLAND_WORDS,
    NOT_COMPARED_WORDS,
    POLARITY_WORDS,
    RANGE_COMPARED,
    RATING_WORDS,
    SOURCE_SENTENCE,
    STANDARD_HEADINGS,
    STANDARD_WORDS,
    STATUS_WORDS,
    UNIT_WORDS,
    capitalised,
    sentence,
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
    green=Rating(RatingStatus.GREEN, "", RatingSource.CALCULATED),
    amber=Rating(RatingStatus.AMBER, "", RatingSource.CALCULATED),
    red=Rating(RatingStatus.RED, "", RatingSource.CALCULATED),
    not_rated=Rating(RatingStatus.NOT_RATED, "", RatingSource.NONE),
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

    "Source of the England, regional and statistical neighbour figures: Department for
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
    return None if change is None else change_since(change, analysis.indicator)


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


def headline(analysis: Analysis) -> str:
    """Return the latest figure and its period, such as "45.0% in 2023/24", or why there is none."""
    latest = analysis.latest
    return analysis.figure if latest is None else f"{analysis.figure} {during(latest.period)}"


def key_facts(analysis: Analysis) -> tuple[Fact, ...]:
    """Return the key facts under a headline: direction, change since a year earlier, England."""
    facts = [Fact("Direction", DIRECTION_WORDS[analysis.travel.direction])]
    change = _change_text(analysis)
    if change:
        facts.append(Fact("Change", change))
    facts.append(Fact("Compared with England", england_text(analysis)))
    if analysis.standing is not None:
        facts.append(Fact("Among all councils", standing_phrase(analysis.standing)))
    return tuple(facts)


def indicator_view(data: IndicatorData, analysis: Analysis, council: str) -> IndicatorView:
    """Return the headline, rating, key facts and explanation for an indicator page."""
    periods = [o.period for o in data.observations]
    span = periods_span(periods[0], periods[-1]) if periods else ""
    standards = "".join(f" and {STANDARD_WORDS[s]}" for s in standards_shown(data))
    chart_summary = (f"The chart shows {council}'s figures {span}"
                     + (", with England and other comparisons" if data.comparators else "")
                     + standards
                     + f". {analysis.summary}. The table below gives every figure."
                     + f" {sentence('Source: ' + data.indicator.source)}")
    return IndicatorView(
        headline=headline(analysis),
        rating=analysis.rating,
        facts=key_facts(analysis),
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


def words(data: IndicatorData) -> IndicatorWords:
    """Return the plain-English words for an indicator's polarity, unit, frequency and status."""
    indicator = data.indicator
    polarity = POLARITY_WORDS[indicator.polarity]
    latest = data.observations[-1].period if data.observations else None
    # Said only when a range is in force: otherwise the rating says there is none to compare with.
    if indicator.polarity is Polarity.NONE and latest and has_range(target_for(data, latest)):
        polarity += f" {RANGE_COMPARED}"
    return IndicatorWords(
        polarity=polarity,
        unit=UNIT_WORDS[indicator.unit],
        frequency=FREQUENCY_WORDS[indicator.frequency],
        status=STATUS_WORDS[indicator.status],
    )


def target_text(data: IndicatorData) -> str:
    """Return the target or expected range in force for the latest period, in words."""
    if not data.observations:
        return ""
    return standard_text(data, data.observations[-1].period)


def target_heading(data: IndicatorData) -> str:
    """Return the heading of ``target_text``: "Target", or "Expected range" where that is in force."""
    if not data.observations:
        return STANDARD_HEADINGS[Standard.TARGET]
    return STANDARD_HEADINGS[standard_in_force(data, data.observations[-1].period)]


@dataclass(frozen=True)
class GlossaryTerm:
    """One entry in the glossary: an abbreviation or a term."""

    term: str = field(metadata={"help": "The abbreviation or term, such as EHCP or expected range."})
    meaning: str = field(metadata={"help": "What it stands for or means."})
    anchor: str = field(metadata={
        "help": "The id its entry is linked by: the term in small letters, hyphens between words."})


def _entry(term: str, meaning: str) -> GlossaryTerm:
    anchor = re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-")
    return GlossaryTerm(term=capitalised(term), meaning=meaning, anchor=anchor)


def glossary_terms(site: Site) -> tuple[GlossaryTerm, ...]:
    """Return the glossary's terms in alphabetical order; the neighbours are named from the data."""
    names = (c.area_name for data in site.indicators for c in data.comparators
             if c.area_type is AreaType.NEIGHBOUR)
    named = neighbours_sentence(names)
    return tuple(_entry(term, f"{meaning} {named}" if term == "statistical neighbours" and named
                        else meaning)
                 for term, meaning in sorted(TERMS.items()))


def glossary_abbreviations() -> tuple[GlossaryTerm, ...]:
    """Return the glossary's abbreviations in alphabetical order."""
    return tuple(_entry(key, meaning) for key, meaning in sorted(ABBREVIATIONS.items()))


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
