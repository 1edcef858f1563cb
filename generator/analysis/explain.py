"""Write an indicator's analysis as plain-English paragraphs, the same words for the same data.

GOV.UK style: short sentences, everyday words, abbreviations spelled out at first use, periods
as "January to March 2022". Nothing here claims a "significant" change: a comparison with another
area always says what the test for chance in ``benchmark`` found, or that there was none, and
direction of travel uses a stated tolerance. A suppressed figure is only ever described in words.
"""

from __future__ import annotations

from generator.analysis.benchmark import Benchmark
from generator.analysis.compare import (
    PER_CENT_TOLERANCE,
    PERCENTAGE_POINT_TOLERANCE,
    Change,
    Measure,
    Travel,
    YearSummary,
)
from generator.analysis.findings import Findings
from generator.analysis.glossary import expand_all, expand_first_use
from generator.analysis.notes import figure_caveats, note_after, with_note
from generator.analysis.numbers import (
    everyday_fraction,
    format_amount,
    format_between,
    format_count,
    format_figure,
    format_number,
    format_per_cent,
    ordinal,
)
from generator.analysis.standing import Standing
from generator.model.outcomes import Chance, Comparison, Direction, Pattern
from generator.model.periods import Period, PeriodType, snapshot, span
from generator.model.site import RATE_BASE, Counted, Frequency, Indicator, Polarity, Unit
from generator.model.words import (
    AREA_WORDS,
    BAND_PHRASE,
    BAND_SENTENCE,
    BAND_WORDS,
    BETTER_WORDS,
    CHANCE_PHRASES,
    CHANCE_SENTENCES,
    COMPARISON_WORDS,
    COUNTED_WORDS,
    LEFT_OUT_SENTENCES,
    PATTERN_SENTENCES,
    POLARITY_SENTENCES,
    RANK_SENTENCES,
    STATUS_CAVEATS,
    capitalised,
    missing_words,
)

YEARS_SHOWN = 3  # the yearly picture covers this many most recent years


def period_word(indicator: Indicator) -> str:
    """Return what one period is called: "quarter", "month" or "year"."""
    if indicator.period_type is PeriodType.MONTH or indicator.frequency is Frequency.MONTHLY:
        return "month"
    if indicator.frequency is Frequency.QUARTERLY:
        return "quarter"
    return "year"


def during(period: Period) -> str:
    """Return a period with its preposition: "in January to March 2022", "at 31 March 2022"."""
    return f"{'at' if period.type is PeriodType.SNAPSHOT else 'in'} {period.label}"


def _area(benchmark: Benchmark) -> str:
    return AREA_WORDS[benchmark.area_type].format(name=benchmark.area_name)


def comparison_sentence(benchmark: Benchmark, indicator: Indicator) -> str:
    """Return the council against one area in a sentence: direction, figures, chance, better.

    "Lower than England in 2024 (43.4% against 46.4%); the gap could be down to chance."
    Every page states a comparison in these words or in ``comparison_phrase``'s shorter ones.
    """
    start = COMPARISON_WORDS[benchmark.comparison].format(area=_area(benchmark))
    when = during(benchmark.period)
    theirs = format_figure(benchmark.area_value, indicator)
    if benchmark.comparison is Comparison.SAME:
        return f"{start} {when} (both {theirs})."
    ours = (format_number(benchmark.council_value, indicator.decimal_places)
            if indicator.unit in RATE_BASE else format_figure(benchmark.council_value, indicator))
    text = f"{start} {when} ({ours} against {theirs})"
    if benchmark.better is not None and benchmark.chance is not Chance.COULD_BE_CHANCE:
        text += f", which is {BETTER_WORDS[benchmark.better]}"
    return f"{text}; {CHANCE_SENTENCES[benchmark.chance]}."


def comparison_phrase(benchmark: Benchmark, with_period: bool = True) -> str:
    """Return the council against one area in a few words, from the same outcome as the sentence.

    "Lower than England, could be chance (April 2024 to March 2025)"; "Higher than England,
    worse, not down to chance (2024)"; "The same as England (2024)".
    """
    parts = [COMPARISON_WORDS[benchmark.comparison].format(area=_area(benchmark))]
    if benchmark.comparison is not Comparison.SAME:
        if benchmark.better is not None and benchmark.chance is not Chance.COULD_BE_CHANCE:
            parts.append(BETTER_WORDS[benchmark.better])
        parts.append(CHANCE_PHRASES[benchmark.chance])
    text = ", ".join(parts)
    return f"{text} ({benchmark.period.label})" if with_period else text


def change_size(change: Change, indicator: Indicator) -> str:
    """Return how big a change is, without its direction: "3.0 percentage points", "10, or 5.0%".

    The one wording of a change's size: the explanation, the key facts and the headline all use it,
    so the same change is rounded the same way everywhere.
    """
    text = format_amount(change.difference, indicator)
    if change.measure is Measure.PER_CENT and change.per_cent is not None:
        text += f", or {format_per_cent(change.per_cent)}"
    return text


def describe_change(change: Change, indicator: Indicator) -> str:
    """Return a change as words: "has gone up by 3.0 percentage points", "has gone down by 10, or 5.0%"."""
    if change.difference == 0:
        return "has stayed the same"
    verb = "has gone up" if change.difference > 0 else "has gone down"
    return f"{verb} by {change_size(change, indicator)}"


def change_since(change: Change, indicator: Indicator) -> str:
    """Return a change as a key fact: "Down 10, or 5.0%, since 31 March 2024"."""
    since = f"since {change.start.period.label}"
    if change.difference == 0:
        return f"No change {since}"
    size = change_size(change, indicator)
    way = "Up" if change.difference > 0 else "Down"
    # A size with a per cent after a comma needs a comma after it too.
    return f"{way} {size}, {since}" if ", or " in size else f"{way} {size} {since}"


def compared_with(travel: Travel, indicator: Indicator) -> str:
    """Return what the direction of travel compares the latest figure with: "a year earlier"."""
    return "a year earlier" if travel.basis == "year" else f"the {period_word(indicator)} before"


def latest_against_earlier(analysis: Findings) -> str:
    """Return the latest figure, its period and the earlier figure it is judged against.

    "190 in March 2025, down from 200 a year earlier": the headline says what is compared with
    what, so a rise over the last month is never hidden behind a fall over the year.
    """
    indicator, published, change = analysis.indicator, analysis.latest_published, analysis.travel.change
    assert published is not None and published.value is not None
    text = f"{format_figure(published.value, indicator)} {during(published.period)}"
    if change is None:
        return text
    when = compared_with(analysis.travel, indicator)
    earlier = format_figure(change.start_value, indicator)
    if change.difference == 0:
        return f"{text}, the same as {when}"
    if analysis.travel.direction is Direction.LITTLE_CHANGE:
        return f"{text}, about the same as {when} ({earlier})"
    return f"{text}, {'up' if change.difference > 0 else 'down'} from {earlier} {when}"


def what_and_latest(analysis: Findings) -> str:
    """Return the question the indicator answers and the latest figure as its answer."""
    indicator, latest, published = analysis.indicator, analysis.latest, analysis.latest_published
    question = indicator.question.strip()
    sentences = [question if question.endswith("?") else question + "?"]
    if latest is None:
        sentences.append("There are no figures yet.")
        return " ".join(sentences)
    if latest is not published:
        sentences.extend(with_note(
            f"The figure for {latest.period.label} was {missing_words(latest.missing)}.", latest))
        if published is None:
            return " ".join(sentences)
        sentences.append(f"The latest published figure is for {published.period.label}.")
    assert published is not None and published.value is not None
    sentences.append(f"{capitalised(during(published.period))}, the answer was "
                     f"{format_figure(published.value, indicator)}.")
    if indicator.unit is Unit.PERCENTAGE:
        counts = ""
        if published.numerator is not None and published.denominator:
            counts = (f"This is {format_count(published.numerator)} out of "
                      f"{format_count(published.denominator)}")
        fraction = everyday_fraction(published.value)
        if counts and fraction:
            sentences.append(f"{counts}, or {fraction}.")
        elif counts or fraction:
            sentences.append(f"{counts}." if counts else f"That is {fraction}.")
    if note_after(published):
        sentences.append(note_after(published))
    return " ".join(sentences)


def target_and_benchmarks(analysis: Findings) -> str:
    """Return the rating's reason, the polarity and the comparisons with other areas."""
    sentences = [POLARITY_SENTENCES[analysis.indicator.polarity], analysis.rating.reason]
    sentences.extend(comparison_sentence(benchmark, analysis.indicator)
                     for benchmark in analysis.benchmarks)
    if analysis.standing is not None:
        sentences.append(standing_sentences(analysis.standing))
    return " ".join(sentences)


def place_words(standing: Standing) -> str:
    """Return the council's place: "34th", or "joint 34th" when another council has its figure."""
    return ("joint " if standing.tied else "") + ordinal(standing.rank)


def standing_sentences(standing: Standing) -> str:
    """Return the rank, the quartile band and the councils left out, in sentences.

    "Ranked 34th of 153 councils in 2024/25, where 1st is the lowest figure because a lower
    figure is better. That is quartile band B, the second quarter of councils, where band A is
    the best quarter and band D the worst."
    """
    sentences = [RANK_SENTENCES[standing.polarity].format(
        place=place_words(standing), count=f"{standing.count:,}", when=during(standing.period))]
    if standing.band is not None:
        sentences.append(BAND_SENTENCE.format(band=standing.band.value,
                                              quarter=BAND_WORDS[standing.band]))
    if standing.left_out:
        one, many = LEFT_OUT_SENTENCES
        sentences.append(one if standing.left_out == 1 else many.format(count=standing.left_out))
    return " ".join(sentences)


def standing_phrase(standing: Standing) -> str:
    """Return the rank and band in a few words, for the key facts.

    "Joint 34th of 153 councils in 2024/25, band B (second quarter; A is best)"; with no
    preferred direction "30th highest of 40 councils in 2024/25".
    """
    place = capitalised(place_words(standing))
    highest = " highest" if standing.polarity is Polarity.NONE else ""
    text = f"{place}{highest} of {standing.count:,} councils {during(standing.period)}"
    if standing.band is None:
        return text
    return f"{text}, band {standing.band.value} ({BAND_WORDS[standing.band]}; A is best)"


def band_phrase(standing: Standing | None) -> str:
    """Return the quartile band in a few words, "Band B among councils, A best (2024/25)", or ""."""
    if standing is None or standing.band is None:
        return ""
    return BAND_PHRASE.format(band=standing.band.value, period=standing.period.label)


def _tolerance(change: Change, indicator: Indicator) -> str:
    if change.measure is Measure.PERCENTAGE_POINTS:
        return f"{PERCENTAGE_POINT_TOLERANCE:g} percentage point" + (
            "" if PERCENTAGE_POINT_TOLERANCE == 1 else "s")
    return f"{PER_CENT_TOLERANCE:g}%"


def direction(analysis: Findings) -> str:
    """Return which way the indicator is going, over which periods, and the recent range."""
    indicator, travel = analysis.indicator, analysis.travel
    word = period_word(indicator)
    if len(analysis.trend.points) <= 1 and travel.change is None:
        return ("This is the first published figure, so we cannot yet say which way it is going."
                if len(analysis.trend.points) == 1 else "")
    sentences = []
    sentences.extend(_travel_sentences(travel, indicator, word))
    previous = analysis.since_previous
    if travel.basis == "year" and previous is not None and previous != travel.change:
        sentences.append(f"Compared with the {word} before ({previous.start.period.label}), it "
                         f"{describe_change(previous, indicator)}.")
    trend = analysis.trend
    if len(trend.points) >= 3 and trend.lowest is not None and trend.highest is not None:
        # "For each quarter from July 2024 to September 2025", not "Since July to September 2024":
        # a period's label after "since" reads as a run of its own.
        over = span(trend.points[0].period, trend.points[-1].period)
        sentences.append(f"{capitalised(over)}, it has been between "
                         f"{format_between(trend.lowest, trend.highest, indicator)}.")
        sentences.append(PATTERN_SENTENCES[trend.pattern or Pattern.MIXED])
    return " ".join(sentences)


def _travel_sentences(travel: Travel, indicator: Indicator, word: str) -> list[str]:
    change = travel.change
    if change is None:
        return ["We cannot say which way it is going, because the figures to compare with were "
                "not published."]
    when = "A year earlier" if travel.basis == "year" else f"The {word} before"
    sentences = [f"{when}, {during(change.start.period)}, it was "
                 f"{format_figure(change.start_value, indicator)}.",
                 f"Since then it {describe_change(change, indicator)}."]
    if travel.direction is Direction.LITTLE_CHANGE and change.difference != 0:
        sentences.append(f"This is little change, as it is less than "
                         f"{_tolerance(change, indicator)}.")
    elif travel.direction is Direction.IMPROVING:
        sentences.append("This means it is getting better.")
    elif travel.direction is Direction.WORSENING:
        sentences.append("This means it is getting worse.")
    return sentences


def _year_sentence(summary: YearSummary, current: bool, indicator: Indicator, word: str) -> str:
    label = summary.year.label
    if summary.value is None:
        if summary.withheld:
            return f"There is no figure for {label}, because not every figure in it was published."
        return ""
    figure = format_figure(summary.value, indicator)
    if summary.method == "year_end":
        if not summary.complete:
            return ""  # the latest figure already says where the year stands
        if indicator.period_type is PeriodType.ROLLING_12_MONTHS:
            return f"For the whole of {label}, it was {figure}."
        when = capitalised(during(snapshot(summary.year.end)))
        return f"{when}, the end of the year, it was {figure}."
    if indicator.unit is Unit.COUNT:
        # A count is of events in each period: its average is per period, not for the year.
        figure += f" a {word}"
    if summary.complete:
        if summary.total is not None:
            return (f"The average for {label} was {figure}, "
                    f"{format_figure(summary.total, indicator)} in the whole year.")
        return f"The average for {label} was {figure}."
    share = f"{summary.periods_used} of {summary.periods_expected} {word}s"
    if current:
        return f"So far in {label}, the average is {figure}, from {share}."
    return f"The average for {label} was {figure}, from {share}."


def yearly_picture(analysis: Findings) -> str:
    """Return the yearly averages or year-end figures for the most recent years."""
    if not analysis.years:
        return ""
    indicator = analysis.indicator
    word = period_word(indicator)
    shown = analysis.years[-YEARS_SHOWN:]
    if indicator.period_type is PeriodType.ROLLING_12_MONTHS:
        opening = f"Each {word}'s figure covers the 12 months before it."
    elif shown[-1].method == "year_end":
        opening = "Figures at the end of each year give a fuller picture."
    else:
        opening = (f"Figures for a single {word} go up and down, so yearly figures give a fuller "
                   "picture.")
    sentences = [opening]
    for index, summary in enumerate(shown):
        sentence = _year_sentence(summary, index == len(shown) - 1, indicator, word)
        if sentence:
            sentences.append(sentence)
    return " ".join(sentences) if len(sentences) > 1 else ""


def counted(cases: float, indicator: Indicator) -> str:
    """Return a number of cases with what they are: "12 children", "178.8 full-time-equivalent posts".

    A rate's small-numbers base is its population, which is people whatever the numerator
    counts; with nothing declared they are "cases".
    """
    kind = Counted.PEOPLE if indicator.unit in RATE_BASE else indicator.numerator_counts
    one, many = COUNTED_WORDS[kind] if kind else ("case", "cases")
    return f"{format_count(cases)} {one if cases == 1 else many}"


def caveats(analysis: Findings) -> str:
    """Return the warnings a reader needs: small numbers, unpublished, provisional and revised."""
    indicator, published = analysis.indicator, analysis.latest_published
    word = period_word(indicator)
    sentences = []
    if analysis.small_numbers and published is not None:
        cases = published.denominator if published.denominator is not None else published.value
        sentences.append(f"This figure is based on only {counted(cases or 0, indicator)}, so it "
                         f"can change a lot from one {word} to the next.")
    sentences.extend(figure_caveats(analysis, word))
    sentences.extend(STATUS_CAVEATS[indicator.status])
    return " ".join(sentences)


def explain(analysis: Findings) -> tuple[str, ...]:
    """Return the explanation paragraphs, with abbreviations spelled out at first use."""
    paragraphs = (
        what_and_latest(analysis),
        target_and_benchmarks(analysis),
        direction(analysis),
        yearly_picture(analysis),
        caveats(analysis),
    )
    return expand_all(paragraph for paragraph in paragraphs if paragraph)


def latest_message(analysis: Findings) -> str:
    """Return the main message about the latest figure, without the indicator's title.

    "24.0% in July to September 2024, up from 21.0% a year earlier, missing the target by 2.0
    percentage points": the chart title's words after the title, which the home page gives
    beside each indicator it names, so the two never differ.
    """
    latest, published = analysis.latest, analysis.latest_published
    if latest is None:
        return "no figures yet"
    if published is not latest:
        return f"the figure for {latest.period.label} was {missing_words(latest.missing)}"
    return latest_against_earlier(analysis) + analysis.rating.clause


def summarise(analysis: Findings) -> str:
    """Return the main message for an active chart title.

    "Re-referrals: 24.0% in July to September 2024, up from 21.0% a year earlier, missing the
    target by 2.0 percentage points, within the amber band": the latest figure, what it is
    compared with, and the rating's clause (``Rating.clause``).
    """
    text = f"{analysis.indicator.title.strip()}: {latest_message(analysis)}"
    return expand_first_use(text, set())
