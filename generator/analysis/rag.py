"""Rate an indicator's figure red, amber or green against its target, or against an expected range.

The target in force is the latest row whose ``applies_from`` is on or before the end of the
period. Figures are compared as published (rounded to the indicator's decimal places). An
indicator with no preferred direction is never red or green: it is below, within or above its
expected range. An officer's rating overrides the calculation and shows the officer's reason.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.analysis.numbers import format_amount, format_figure, format_range, rounded
from generator.model.outcomes import RatingStatus
from generator.model.periods import Period
from generator.model.site import IndicatorData, Observation, Polarity, Status, Target
from generator.model.targets import target_for
from generator.model.words import RATING_MEANINGS, RATING_WORDS, missing_words, sentence


@dataclass(frozen=True)
class Rating:
    """A rating with the sentence that explains it."""

    status: RatingStatus
    reason: str
    source: str  # "calculated", "officer" (an officer's rating overrides) or "none" (not rated)
    target: Target | None = None
    calculated: RatingStatus | None = None  # what the calculation gave, when an officer overrode it

    @property
    def word(self) -> str:
        """Return the rating in words: "Red", "Within expected range"."""
        return RATING_WORDS[self.status]

    @property
    def label(self) -> str:
        """Return the rating with its meaning, for chips and tables: "Red — worse than target"."""
        return f"{self.word} \u2014 {RATING_MEANINGS[self.status]}"


def _sentence(text: str) -> str:
    return sentence(text)


def _not_rated(reason: str, target: Target | None = None) -> Rating:
    return Rating(RatingStatus.NOT_RATED, reason, "none", target)


def against_target(value: float, target: Target, data: IndicatorData) -> Rating:
    """Rate a value against a target with its amber tolerance, honouring polarity."""
    indicator = data.indicator
    assert target.target is not None
    figure, goal = rounded(value, indicator), rounded(target.target, indicator)
    tolerance = target.amber_tolerance or 0.0
    sign = 1 if indicator.polarity is Polarity.HIGHER else -1
    edge = rounded(goal - sign * tolerance, indicator)  # the last figure that is still amber
    shown, goal_text = format_figure(value, indicator), format_figure(goal, indicator)
    if sign * (figure - goal) >= 0:
        relation = "meets" if figure == goal else "is better than"
        text = f"The figure of {shown} {relation} the target of {goal_text}, so it is rated green."
        return Rating(RatingStatus.GREEN, text, "calculated", target)
    if tolerance and sign * (figure - edge) >= 0:
        text = (f"The figure of {shown} is worse than the target of {goal_text} by "
                f"{format_amount(tolerance, indicator)} or less, so it is rated amber.")
        return Rating(RatingStatus.AMBER, text, "calculated", target)
    margin = f" by more than {format_amount(tolerance, indicator)}" if tolerance else ""
    text = (f"The figure of {shown} is worse than the target of {goal_text}{margin}, "
            "so it is rated red.")
    return Rating(RatingStatus.RED, text, "calculated", target)


def against_range(value: float, target: Target, data: IndicatorData) -> Rating:
    """Place a value below, within or above an expected range (never good or bad)."""
    indicator = data.indicator
    figure = rounded(value, indicator)
    low, high = target.expected_low, target.expected_high
    span = format_range(low, high, indicator)
    if low is not None and figure < rounded(low, indicator):
        status, where = RatingStatus.BELOW_RANGE, "below"
    elif high is not None and figure > rounded(high, indicator):
        status, where = RatingStatus.ABOVE_RANGE, "above"
    else:
        status, where = RatingStatus.WITHIN_RANGE, "within"
    shown = format_figure(value, indicator)
    text = f"The figure of {shown} is {where} the expected range of {span}."
    return Rating(status, text, "calculated", target)


def calculate(data: IndicatorData, period: Period, observation: Observation | None) -> Rating:
    """Return the calculated rating of one period's figure, ignoring officers' ratings."""
    indicator = data.indicator
    if indicator.status is Status.IN_DEVELOPMENT:
        return _not_rated("It is not rated because the measure is still being developed.")
    if observation is None:
        return _not_rated(f"It is not rated because there is no figure for {period.label}.")
    if observation.value is None or observation.missing is not None:
        words = missing_words(observation.missing)
        return _not_rated(f"It is not rated because the figure for {period.label} was {words}.")
    target = target_for(data, period)
    if target is not None and target.target is not None and indicator.polarity is not Polarity.NONE:
        return against_target(observation.value, target, data)
    if target is not None and (target.expected_low is not None or target.expected_high is not None):
        return against_range(observation.value, target, data)
    if indicator.polarity is Polarity.NONE:
        return _not_rated("It is not rated because there is no expected range to compare it with.",
                          target)
    return _not_rated(f"It is not rated because there is no target for {period.label}.", target)


def rate(data: IndicatorData, period: Period, observation: Observation | None) -> Rating:
    """Return the rating of one period's figure: the officer's when set, otherwise calculated."""
    calculated = calculate(data, period, observation)
    for officer in data.ratings:
        if officer.period == period:
            status = RatingStatus(officer.rating.value)
            reason = (f"An officer rated this {status.value}. "
                      f"Their reason: {_sentence(officer.reason)}")
            return Rating(status, reason, "officer", calculated.target, calculated.status)
    return calculated
