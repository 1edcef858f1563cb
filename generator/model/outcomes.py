"""What the analysis can conclude about a figure: the outcomes the site puts into words.

The analysis modules decide which outcome applies (``analysis/rag.py``, ``compare.py``,
``benchmark.py``); the enums live here, in the model, so that the word catalogue
(``model/words.py``) can key its tables on them without importing the analysis.
"""

from __future__ import annotations

from enum import StrEnum


class RatingStatus(StrEnum):
    """The outcome of rating one figure."""

    RED = "red"
    AMBER = "amber"
    GREEN = "green"
    BELOW_RANGE = "below_range"
    WITHIN_RANGE = "within_range"
    ABOVE_RANGE = "above_range"
    NOT_RATED = "not_rated"


class RatingSource(StrEnum):
    """Who decided a rating: the calculation, an officer of the service, or nobody (not rated)."""

    CALCULATED = "calculated"
    OFFICER = "officer"
    NONE = "none"


class Standard(StrEnum):
    """What a figure is judged against: a target (red, amber, green) or an expected range."""

    TARGET = "target"
    RANGE = "range"


class Direction(StrEnum):
    """Which way an indicator is going."""

    IMPROVING = "improving"
    WORSENING = "worsening"
    LITTLE_CHANGE = "little_change"
    RISING = "rising"  # no preferred direction
    FALLING = "falling"  # no preferred direction
    NOT_KNOWN = "not_known"


class Pattern(StrEnum):
    """The shape of the recent figures."""

    RISING = "rising"
    FALLING = "falling"
    STEADY = "steady"
    MIXED = "mixed"


class Comparison(StrEnum):
    """Whether the council's figure, as published, is above, below or equal to another area's."""

    HIGHER = "higher"
    LOWER = "lower"
    SAME = "same"


class Chance(StrEnum):
    """What the test for chance says about the gap between the council and another area."""

    COULD_BE_CHANCE = "could_be_chance"  # the area's figure is inside the council's 95% interval
    NOT_CHANCE = "not_chance"  # outside it: the gap is too large to be down to chance
    NOT_TESTED = "not_tested"  # no interval: the figures are compared as published


class Method(StrEnum):
    """How the gap was tested for chance, if at all."""

    WILSON = "wilson"  # 95% Wilson score interval of a proportion
    BYAR = "byar"  # 95% Byar interval of a Poisson count, scaled to the rate
    POISSON = "poisson"  # 95% exact Poisson interval, for counts below ``benchmark.EXACT_BELOW``
    FIGURES = "figures"  # not tested: the published figures compared as they are


class Band(StrEnum):
    """A council's quartile band among all councils: A is the best quarter, D the worst."""

    A = "A"
    B = "B"
    C = "C"
    D = "D"
