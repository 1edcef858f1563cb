"""Where the council stands among every council: its rank, its quartile band and the distribution.

Ranked among the councils with a figure for the same period (the package's ``council`` rows),
with the council's own figure taken from its observations, so a council missing from the
published rows (a fictional or a new one) is ranked among them as one more. Figures are compared
as published, rounded to the indicator's decimal places. Councils are ranked best first by
polarity; tied councils share the better rank, as in DfE's Local Authority Interactive Tool. With
no preferred direction the position counts from the highest figure and there is no band.
A council whose figure is suppressed, missing or rests on fewer cases than the indicator's
small-number threshold is left out of the ranking and counted.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.analysis.benchmark import quartile_band
from generator.analysis.compare import is_usable
from generator.analysis.numbers import rounded
from generator.model.outcomes import Band
from generator.model.periods import Period
from generator.model.site import NOT_COMPARABLE, Comparator, IndicatorData, Polarity

OURS = "ours"  # the code of the council's own place in the distribution when it has none


@dataclass(frozen=True)
class Placed:
    """One council's figure in the ranking, as published."""

    code: str
    name: str
    value: float  # rounded as published
    rank: int  # tied councils share the better rank
    ours: bool = False


@dataclass(frozen=True)
class Standing:
    """The council's place among every council with a figure for one period."""

    period: Period
    rank: int  # 1 is the best; with no preferred direction, the highest figure
    count: int  # councils ranked, ours included
    tied: bool  # another council has the same figure
    band: Band | None  # None with no preferred direction or too few councils (benchmark.py)
    left_out: int  # councils with a row for the period but no figure that can be ranked
    placed: tuple[Placed, ...]  # every ranked council, first place first, ours marked
    polarity: Polarity


def _rankable(row: Comparator, threshold: int | None) -> bool:
    if row.value is None or row.missing is not None:
        return False
    return threshold is None or row.denominator is None or row.denominator >= threshold


def _period(data: IndicatorData) -> Period | None:
    """Return the latest period with both a usable figure of ours and other councils' rows."""
    theirs = {row.period for row in data.councils}
    shared = [o.period for o in data.observations if is_usable(o) and o.period in theirs]
    return max(shared) if shared else None


def rank_of(value: float, values: list[float], polarity: Polarity) -> int:
    """Return a figure's rank among figures (its own included): 1 + the number ahead of it.

    Ahead means better by polarity, or higher with no preferred direction; ties share a rank.
    """
    if polarity is Polarity.LOWER:
        return 1 + sum(1 for other in values if other < value)
    return 1 + sum(1 for other in values if other > value)


def standing(data: IndicatorData, own_name: str = "") -> Standing | None:
    """Return where the council stands among every council, or None without their figures.

    A count is never ranked: a council's count and another's differ by the size of the place.
    """
    indicator = data.indicator
    period = _period(data)
    if period is None or indicator.unit in NOT_COMPARABLE:
        return None
    own = next(o for o in data.observations if o.period == period)
    rows = [row for row in data.councils if row.period == period]
    ranked = [row for row in rows if _rankable(row, indicator.small_number_threshold)]
    ours = rounded(own.value or 0.0, indicator)
    figures = [(row.area_code, row.area_name, rounded(row.value or 0.0, indicator), False)
               for row in ranked] + [(OURS, own_name, ours, True)]
    values = [figure[2] for figure in figures]
    polarity = indicator.polarity
    placed = sorted((Placed(code, name, value, rank_of(value, values, polarity), mine)
                     for code, name, value, mine in figures),
                    key=lambda item: (item.rank, not item.ours, item.name, item.code))
    rank = rank_of(ours, values, polarity)
    letter = quartile_band(ours, values, polarity)
    return Standing(period, rank, len(values), values.count(ours) > 1,
                    Band(letter) if letter else None, len(rows) - len(ranked), tuple(placed),
                    polarity)

