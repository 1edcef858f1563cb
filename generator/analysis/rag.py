"""Rate an indicator's figure red, amber or green against its target, or against an expected range.

The target in force is the latest row whose ``applies_from`` is on or before the end of the
period. Figures are compared as published (rounded to the indicator's decimal places). An
indicator with no preferred direction is never red or green: it is below, within or above its
expected range. An officer's rating overrides the calculation; the page then shows both, the
calculated rating with its reason and the service's with theirs.

This module words every rating fact, and every page takes its words from here: the reason
sentence (``Rating.reason``: the indicator page's fact line and explanation, the exception
report), the end of the chart title (``Rating.clause``), what the chart draws the figures
against (``standards_shown``) and the target or range in force (``standard_text``).
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.analysis.numbers import format_amount, format_figure, format_range, rounded
from generator.model.outcomes import RatingSource, RatingStatus, Standard
from generator.model.periods import Period
from generator.model.site import IndicatorData, Observation, Polarity, Status, Target
from generator.model.targets import target_for
from generator.model.words import (
    OVERRIDE_CLAUSE,
    RATING_MEANINGS,
    RATING_SOURCE_WORDS,
    RATING_WORDS,
    SUMMARY_CLAUSES,
    capitalised,
    missing_words,
    sentence,
)


@dataclass(frozen=True)
class Rating:
    """A rating with the sentence that explains it."""

    status: RatingStatus
    reason: str
    source: RatingSource  # the calculation, an officer (overriding it) or none (not rated)
    target: Target | None = None
    calculated: RatingStatus | None = None  # what the calculation gave, when an officer overrode it
    clause: str = ""  # the end of the chart title: ", missing the target by 2.0 percentage points"
    calculated_reason: str = ""  # the calculation's reason, when an officer overrode it

    @property
    def word(self) -> str:
        """Return the rating in words: "Red", "Within expected range"."""
        return RATING_WORDS[self.status]

    @property
    def label(self) -> str:
        """Return the rating with its meaning, for chips and tables: "Red — worse than target"."""
        return f"{self.word} \u2014 {RATING_MEANINGS[self.status]}"

    @property
    def whose(self) -> str:
        """Return whose rating it is, beside its chip: "(the service's rating)", or nothing."""
        return RATING_SOURCE_WORDS[RatingSource(self.source)]

    @property
    def named(self) -> str:
        """Return the rating with whose it is, where no chip shows: "Amber (the service's rating)"."""
        return f"{self.word} {self.whose}".strip()


@dataclass(frozen=True)
class _Verdict:
    """What the calculation decided and why, before it is put into sentences."""

    status: RatingStatus
    grounds: str  # "the figure of 24.0% is 2.0 percentage points above the target of 22.0% ..."
    gap: str = ""  # how far the figure misses its target, in the indicator's unit
    target: Target | None = None


def _sentence(text: str) -> str:
    return sentence(text)


def _word(status: RatingStatus) -> str:
    return RATING_WORDS[status].lower()


def rates_against_target(target: Target | None, polarity: Polarity) -> bool:
    """Return whether a target row gives a red, amber or green rating (never without a direction)."""
    return target is not None and target.target is not None and polarity is not Polarity.NONE


def has_range(target: Target | None) -> bool:
    """Return whether a target row sets an expected range (one end or both)."""
    return target is not None and (target.expected_low is not None
                                   or target.expected_high is not None)


def standards_shown(data: IndicatorData) -> tuple[Standard, ...]:
    """Return what the chart and table show the figures against: the target, the range, both or none."""
    rows = [target_for(data, o.period) for o in data.observations]
    polarity = data.indicator.polarity
    shown = {Standard.TARGET: any(rates_against_target(t, polarity) for t in rows),
             Standard.RANGE: any(has_range(t) for t in rows)}
    return tuple(standard for standard in Standard if shown[standard])


def amber_band(target: Target, data: IndicatorData) -> float:
    """Return the amber band as the comparison applies it: the tolerance, on the published figures.

    The band's far edge is rounded like a figure, so a tolerance finer than the indicator's decimal
    places is stated as the band it really gives. 0.0 means no amber band.
    """
    indicator = data.indicator
    assert target.target is not None
    goal = rounded(target.target, indicator)
    sign = 1 if indicator.polarity is Polarity.HIGHER else -1
    edge = rounded(goal - sign * (target.amber_tolerance or 0.0), indicator)
    return rounded(abs(goal - edge), indicator)


def _worse_side(polarity: Polarity) -> str:
    return "below" if polarity is Polarity.HIGHER else "above"


def _against_target(value: float, target: Target, data: IndicatorData) -> _Verdict:
    indicator = data.indicator
    assert target.target is not None
    figure, goal = rounded(value, indicator), rounded(target.target, indicator)
    band, gap = amber_band(target, data), rounded(abs(figure - goal), indicator)
    shown, goal_text = format_figure(value, indicator), format_figure(goal, indicator)
    if figure == goal:
        return _Verdict(RatingStatus.GREEN, f"the figure of {shown} meets the target of {goal_text}",
                        target=target)
    side = "above" if figure > goal else "below"
    hint = " (lower is better)" if indicator.polarity is Polarity.LOWER else ""
    grounds = (f"the figure of {shown} is {format_amount(gap, indicator)} {side} the target of "
               f"{goal_text}{hint}")
    if side != _worse_side(indicator.polarity):
        return _Verdict(RatingStatus.GREEN, grounds, target=target)
    amount = format_amount(gap, indicator)
    if not band:
        return _Verdict(RatingStatus.RED, f"{grounds}, with no amber band", amount, target)
    band_text = format_amount(band, indicator)
    if gap <= band:
        return _Verdict(RatingStatus.AMBER, f"{grounds}, within the amber band of {band_text}",
                        amount, target)
    return _Verdict(RatingStatus.RED, f"{grounds}, more than the amber band of {band_text}",
                    amount, target)


def _against_range(value: float, target: Target, data: IndicatorData) -> _Verdict:
    indicator = data.indicator
    figure = rounded(value, indicator)
    low, high = target.expected_low, target.expected_high
    if low is not None and figure < rounded(low, indicator):
        status, where = RatingStatus.BELOW_RANGE, "below"
    elif high is not None and figure > rounded(high, indicator):
        status, where = RatingStatus.ABOVE_RANGE, "above"
    else:
        status, where = RatingStatus.WITHIN_RANGE, "within"
    shown, span = format_figure(value, indicator), format_range(low, high, indicator)
    return _Verdict(status, f"the figure of {shown} is {where} the expected range of {span}",
                    target=target)


def _verdict(data: IndicatorData, period: Period, observation: Observation | None) -> _Verdict:
    """Decide the calculated rating of one period's figure, with its grounds."""
    indicator, not_rated = data.indicator, RatingStatus.NOT_RATED
    if indicator.status is Status.IN_DEVELOPMENT:
        return _Verdict(not_rated, "the measure is still being developed")
    if observation is None:
        return _Verdict(not_rated, f"there is no figure for {period.label}")
    if observation.value is None or observation.missing is not None:
        words = missing_words(observation.missing)
        return _Verdict(not_rated, f"the figure for {period.label} was {words}")
    target = target_for(data, period)
    if target is not None and rates_against_target(target, indicator.polarity):
        return _against_target(observation.value, target, data)
    if target is not None and has_range(target):
        return _against_range(observation.value, target, data)
    if indicator.polarity is Polarity.NONE:
        return _Verdict(not_rated, "there is no expected range to compare it with", target=target)
    return _Verdict(not_rated, f"there is no target for {period.label}", target=target)


def _calculated(verdict: _Verdict) -> Rating:
    """Put a calculated verdict into its reason sentence and chart-title clause."""
    status = verdict.status
    clause = SUMMARY_CLAUSES[status].format(gap=verdict.gap)
    if status is RatingStatus.NOT_RATED:
        return Rating(status, f"It is not rated because {verdict.grounds}.", RatingSource.NONE,
                      verdict.target)
    reason = capitalised(verdict.grounds)
    if status in (RatingStatus.RED, RatingStatus.AMBER, RatingStatus.GREEN):
        reason += f", so it is rated {_word(status)}"
    return Rating(status, reason + ".", RatingSource.CALCULATED, verdict.target, clause=clause)


def calculate(data: IndicatorData, period: Period, observation: Observation | None) -> Rating:
    """Return the calculated rating of one period's figure, ignoring officers' ratings."""
    return _calculated(_verdict(data, period, observation))


def _overridden(verdict: _Verdict, status: RatingStatus, why: str) -> Rating:
    """Return an officer's rating: the calculated one with its grounds, then theirs and why."""
    calculated = _calculated(verdict)
    word = _word(status)
    if verdict.status is RatingStatus.NOT_RATED:
        first = f"The calculation gives no rating, because {verdict.grounds}."
        second = f"The service rated it {word}."
    else:
        first = f"Calculated as {_word(verdict.status)}: {verdict.grounds}."
        second = (f"The service rated it {word} too." if status is verdict.status
                  else f"The service rated it {word} instead.")
    reason = f"{first} {second} Their reason: {_sentence(why)}"
    return Rating(status, reason, RatingSource.OFFICER, verdict.target, verdict.status,
                  OVERRIDE_CLAUSE.format(rating=word), calculated.reason)


def rate(data: IndicatorData, period: Period, observation: Observation | None) -> Rating:
    """Return the rating of one period's figure: the officer's when set, otherwise calculated."""
    verdict = _verdict(data, period, observation)
    for officer in data.ratings:
        if officer.period == period:
            return _overridden(verdict, RatingStatus(officer.rating.value), officer.reason)
    return _calculated(verdict)


def rate_nothing(data: IndicatorData) -> Rating:
    """Return the rating of an indicator with no figures at all."""
    return _calculated(_Verdict(RatingStatus.NOT_RATED, "there are no figures yet"))


def standard_in_force(data: IndicatorData, period: Period) -> Standard:
    """Return what a period's figure is judged against: a target, or else an expected range.

    An indicator with no preferred direction is only ever judged against a range, so with
    neither set its missing standard is a range; otherwise it is a target.
    """
    target, polarity = target_for(data, period), data.indicator.polarity
    if rates_against_target(target, polarity):
        return Standard.TARGET
    if has_range(target) or polarity is Polarity.NONE:
        return Standard.RANGE
    return Standard.TARGET


def standard_text(data: IndicatorData, period: Period) -> str:
    """Return the target or expected range in force for a period, and how it rates, in words."""
    target, indicator = target_for(data, period), data.indicator
    if rates_against_target(target, indicator.polarity):
        assert target is not None and target.target is not None
        text, side = format_figure(target.target, indicator), _worse_side(indicator.polarity)
        band = amber_band(target, data)
        if indicator.polarity is Polarity.LOWER:
            text += " (lower is better)"
        if band:
            text += (f". A figure up to {format_amount(band, indicator)} {side} it is rated amber, "
                     f"and one further {side} it red")
        else:
            text += f". Any figure {side} it is rated red: there is no amber band"
    elif has_range(target):
        assert target is not None
        text = capitalised(format_range(target.expected_low, target.expected_high, indicator))
    elif indicator.polarity is Polarity.NONE:
        text = "No expected range is set, so this indicator is not rated"
    else:
        text = "No target is set, so this indicator is not rated"
    if target is not None and target.note:
        text += f". {target.note}"
    return _sentence(text)
