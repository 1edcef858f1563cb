"""Roll indicators up for a service area or the whole site, and list the exceptions.

"Are we meeting our targets?" counts ratings; "Are things getting better?" counts directions of
travel; the exception list holds every indicator rated red in its latest period (newly red first),
then every indicator outside its expected range; the largest changes are the few changes since a
year earlier that are the most times the direction-of-travel tolerance. Retired indicators are
left out: they are no longer reported.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from generator.analysis.analyse import Analysis
from generator.analysis.compare import PER_CENT_TOLERANCE, PERCENTAGE_POINT_TOLERANCE, Measure
from generator.model.outcomes import Direction, RatingStatus
from generator.model.periods import Period
from generator.model.site import Status


@dataclass(frozen=True)
class ExceptionItem:
    """An indicator rated red, or outside its expected range, in its latest period.

    One section of the exception report.
    """

    indicator_id: str
    title: str
    service_area: str
    period: Period
    newly_red: bool  # the period before was not red
    reason: str
    status: RatingStatus = RatingStatus.RED  # red, below or above the expected range

    @property
    def red(self) -> bool:
        """Return True when the indicator is rated red (not outside an expected range)."""
        return self.status is RatingStatus.RED


@dataclass(frozen=True)
class Rollup:
    """Counts of ratings and directions of travel over a set of indicators, and the exceptions."""

    scope: str  # a service area id, or "" for the whole site
    total: int
    ratings: tuple[tuple[RatingStatus, int], ...]  # every status, in enum order, zeros included
    directions: tuple[tuple[Direction, int], ...]  # every direction, in enum order
    exceptions: tuple[ExceptionItem, ...]

    def rating_count(self, status: RatingStatus) -> int:
        """Return how many indicators have a rating."""
        return dict(self.ratings)[status]

    def direction_count(self, direction: Direction) -> int:
        """Return how many indicators are going one way."""
        return dict(self.directions)[direction]

    @property
    def targets_sentence(self) -> str:
        """Return the answer to "Are we meeting our targets?" in words."""
        count = self.rating_count
        ranges = sum(count(status) for status in (RatingStatus.BELOW_RANGE,
                     RatingStatus.WITHIN_RANGE, RatingStatus.ABOVE_RANGE))
        parts = [f"{count(RatingStatus.GREEN)} green (meeting the target)",
                 f"{count(RatingStatus.AMBER)} amber (close to it)",
                 f"{count(RatingStatus.RED)} red (missing it)"]
        if ranges:
            parts.append(f"{ranges} compared with an expected range")
        parts.append(f"{count(RatingStatus.NOT_RATED)} not rated")
        return f"Of {self.total} measures: {', '.join(parts[:-1])} and {parts[-1]}."

    @property
    def directions_sentence(self) -> str:
        """Return the answer to "Are things getting better?" in words."""
        count = self.direction_count
        neutral = count(Direction.RISING) + count(Direction.FALLING)
        parts = [f"{count(Direction.IMPROVING)} getting better",
                 f"{count(Direction.WORSENING)} getting worse",
                 f"{count(Direction.LITTLE_CHANGE)} with little change"]
        if neutral:
            parts.append(f"{neutral} where neither direction is better")
        parts.append(f"{count(Direction.NOT_KNOWN)} without enough figures to say")
        return f"Of {self.total} measures: {', '.join(parts[:-1])} and {parts[-1]}."


#: The ratings that put an indicator on the exception report, in the order the report lists them
#: (newly red ones come before the other reds).
EXCEPTION_STATUSES = (RatingStatus.RED, RatingStatus.BELOW_RANGE, RatingStatus.ABOVE_RANGE)
#: How many of the largest changes since a year earlier the home page names.
LARGEST_CHANGES = 5


def _current(analyses: Iterable[Analysis]) -> list[Analysis]:
    return sorted((item for item in analyses if item.indicator.status is not Status.RETIRED),
                  key=lambda item: (item.indicator.service_area, item.indicator.id))


def rollup(analyses: Iterable[Analysis], scope: str = "") -> Rollup:
    """Return the roll-up of a set of analysed indicators."""
    current = _current(analyses)
    ratings = Counter(item.rating.status for item in current)
    directions = Counter(item.travel.direction for item in current)
    exceptions = tuple(sorted(
        (ExceptionItem(item.indicator.id, item.indicator.title, item.indicator.service_area,
                       item.latest.period, item.newly_red, item.rating.reason, item.rating.status)
         for item in current if item.rating.status in EXCEPTION_STATUSES and item.latest),
        key=lambda entry: (EXCEPTION_STATUSES.index(entry.status) * 2 + (not entry.newly_red),
                           entry.service_area, entry.indicator_id),
    ))
    return Rollup(
        scope=scope,
        total=len(current),
        ratings=tuple((status, ratings[status]) for status in RatingStatus),
        directions=tuple((direction, directions[direction]) for direction in Direction),
        exceptions=exceptions,
    )


def tolerances(item: Analysis) -> float | None:
    """Return how many times the direction-of-travel tolerance the change since a year earlier is.

    Percentage points and per cents are not comparable, but each unit's change can be set against
    the tolerance under which the site calls it "little change" (1 percentage point, 5%): a change
    of 4 percentage points and one of 20% are both 4 tolerances. None when there is no change
    since a year earlier, it is little change, or it is from 0 (no per cent).
    """
    change = item.travel.change
    if item.travel.basis != "year" or change is None or change.little or change.amount is None:
        return None
    tolerance = (PERCENTAGE_POINT_TOLERANCE if change.measure is Measure.PERCENTAGE_POINTS
                 else PER_CENT_TOLERANCE)
    return abs(change.amount) / tolerance


def largest_changes(analyses: Iterable[Analysis],
                    count: int = LARGEST_CHANGES) -> tuple[Analysis, ...]:
    """Return the indicators whose change since a year earlier is largest, largest first.

    Only changes beyond the direction-of-travel tolerance count, measured in tolerances
    (``tolerances``); ties go by service area and indicator id. Retired indicators are left out.
    """
    sized = [(size, item) for item in _current(analyses)
             if (size := tolerances(item)) is not None]
    sized.sort(key=lambda pair: (-pair[0], pair[1].indicator.service_area, pair[1].indicator.id))
    return tuple(item for _, item in sized[:count])
