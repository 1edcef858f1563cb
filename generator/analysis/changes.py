"""What changed between two releases: new periods, revised figures, new and retired indicators.

A pure comparison of two sites: the data published in the previous release (read back from that
release's downloads by ``generator.commands.publish``) and the data being published now. Both sites have
been through disclosure control, so nothing here can reveal a suppressed number.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from generator.analysis.analyse import analyse
from generator.analysis.numbers import format_figure
from generator.model.outcomes import RatingStatus
from generator.model.site import (
    Indicator,
    IndicatorData,
    Observation,
    Release,
    ReleaseStatus,
    Site,
    Status,
)
from generator.model.words import MISSING_WORDS

#: Differences smaller than this are float noise from CSV round trips, not revisions.
TOLERANCE = 1e-9


@dataclass(frozen=True)
class PreviousRelease:
    """The previous release and the data it published."""

    release: Release
    site: Site
    #: The indicator page addresses (``<service area>/<id>/``) the previous release published,
    #: its redirects from older addresses among them, when they are known (``publish`` reads
    #: them from the Pages branch). Each one that no longer leads to its indicator redirects.
    addresses: frozenset[str] = frozenset()


@dataclass(frozen=True)
class IndicatorRef:
    """An indicator as the changes page links to it."""

    id: str
    title: str
    path: str  # relative to the site root: "<service area>/<id>/"


@dataclass(frozen=True)
class NewPeriods:
    """Periods published for the first time for one indicator."""

    indicator: IndicatorRef
    periods: tuple[str, ...]


@dataclass(frozen=True)
class Revision:
    """A figure published before whose value has changed."""

    indicator: IndicatorRef
    period: str
    old: str
    new: str


@dataclass(frozen=True)
class Move:
    """An indicator now in another service area; its old address redirects to the new one."""

    indicator: IndicatorRef
    old_area: str  # the service area's title as the previous release published it
    new_area: str


@dataclass(frozen=True)
class RatingChange:
    """An indicator whose latest rating is different from the previous release's."""

    indicator: IndicatorRef
    old: str
    old_period: str
    new: str
    new_period: str


@dataclass(frozen=True)
class Changes:
    """Everything that changed since the previous release (nothing when there was none)."""

    previous: Release | None
    new_periods: tuple[NewPeriods, ...] = ()
    revisions: tuple[Revision, ...] = ()
    new_indicators: tuple[IndicatorRef, ...] = ()
    retired_indicators: tuple[IndicatorRef, ...] = ()
    removed_indicators: tuple[IndicatorRef, ...] = ()
    renamed_indicators: tuple[tuple[str, IndicatorRef], ...] = ()
    moved_indicators: tuple[Move, ...] = ()
    rating_changes: tuple[RatingChange, ...] = ()
    #: The releases published before this one (releases.csv), whether or not one was compared.
    earlier: tuple[Release, ...] = ()

    @property
    def first_release(self) -> bool:
        """Tell whether no earlier release is published: this is the site's first."""
        return self.previous is None and not self.earlier

    @property
    def not_compared(self) -> bool:
        """Tell whether earlier releases were published but none was given to compare with."""
        return self.previous is None and bool(self.earlier)

    @property
    def nothing_changed(self) -> bool:
        """Tell whether the comparison found no change at all."""
        return not any((self.new_periods, self.revisions, self.new_indicators,
                        self.retired_indicators, self.removed_indicators,
                        self.renamed_indicators, self.moved_indicators,
                        self.rating_changes))


@dataclass(frozen=True)
class Correction:
    """An announced correction of a published release: when, why, and the values it changed.

    The release's pages as they were before the correction stay online in ``superseded``, a
    folder beside the release's own (``2025-26-q1-superseded-1``).
    """

    date: date
    note: str
    superseded: str
    revisions: tuple[Revision, ...]

    @property
    def indicator_ids(self) -> frozenset[str]:
        """Return the ids of the indicators whose figures the correction changed."""
        return frozenset(item.indicator.id for item in self.revisions)


def ref(indicator: Indicator) -> IndicatorRef:
    """Return the link to an indicator's page."""
    return IndicatorRef(indicator.id, indicator.title, f"{indicator.service_area}/{indicator.id}/")


def _figure(observation: Observation, indicator: Indicator) -> str:
    if observation.value is None:
        return MISSING_WORDS[observation.missing] if observation.missing else "no figure"
    return format_figure(observation.value, indicator)


def _differs(old: Observation, new: Observation) -> bool:
    if old.missing != new.missing or (old.value is None) != (new.value is None):
        return True
    if old.value is None or new.value is None:
        return False
    return not math.isclose(old.value, new.value, rel_tol=0, abs_tol=TOLERANCE)


def _compare_figures(old: IndicatorData, new: IndicatorData) -> tuple[NewPeriods | None,
                                                                       list[Revision]]:
    before = {o.period.code: o for o in old.observations}
    link = ref(new.indicator)
    fresh = tuple(o.period.label for o in new.observations if o.period.code not in before)
    revisions = [
        Revision(link, o.period.label, _figure(before[o.period.code], new.indicator),
                 _figure(o, new.indicator))
        for o in new.observations
        if o.period.code in before and _differs(before[o.period.code], o)
    ]
    return (NewPeriods(link, fresh) if fresh else None), revisions


def _rating_change(old: IndicatorData, new: IndicatorData) -> RatingChange | None:
    was, now = analyse(old), analyse(new)
    if was.rating.status is now.rating.status or now.rating.status is RatingStatus.NOT_RATED:
        return None
    return RatingChange(ref(new.indicator), was.rating.named,
                        was.latest.period.label if was.latest else "",
                        now.rating.named, now.latest.period.label if now.latest else "")


def _move(old: PreviousRelease, before: Indicator, current: Site, now: Indicator) -> Move | None:
    """Return the indicator's move to another service area, if it moved."""
    if before.service_area == now.service_area:
        return None
    was = {area.id: area.title for area in old.site.service_areas}
    is_now = {area.id: area.title for area in current.service_areas}
    return Move(ref(now), was.get(before.service_area, before.service_area),
                is_now.get(now.service_area, now.service_area))


def earlier_releases(site: Site, release: Release | None) -> tuple[Release, ...]:
    """Return the releases published before ``release``, oldest first, as releases.csv lists them."""
    if release is None:
        return ()
    return tuple(r for r in site.releases
                 if r.status is ReleaseStatus.PUBLISHED and r.date < release.date)


def compare(previous: PreviousRelease | None, current: Site,
            release: Release | None = None) -> Changes:
    """Return what changed from the previous release's data to the current data.

    ``release`` is the one being built: the releases published before it tell a first release
    from one built without its predecessor's figures.
    """
    earlier = earlier_releases(current, release)
    if previous is None:
        return Changes(previous=None, earlier=earlier)
    old = {data.indicator.id: data for data in previous.site.indicators}
    new_periods: list[NewPeriods] = []
    revisions: list[Revision] = []
    new_indicators: list[IndicatorRef] = []
    retired: list[IndicatorRef] = []
    renamed: list[tuple[str, IndicatorRef]] = []
    moved: list[Move] = []
    ratings: list[RatingChange] = []
    carried: set[str] = set()
    for data in current.indicators:
        ind = data.indicator
        earlier_id = next((i for i in (ind.id, *ind.previous_ids) if i in old), None)
        if earlier_id is None:
            new_indicators.append(ref(ind))
            continue
        carried.add(earlier_id)
        before = old[earlier_id]
        if earlier_id != ind.id:
            renamed.append((earlier_id, ref(ind)))
        move = _move(previous, before.indicator, current, ind)
        if move:
            moved.append(move)
        if ind.status is Status.RETIRED and before.indicator.status is not Status.RETIRED:
            retired.append(ref(ind))
        fresh, revised = _compare_figures(before, data)
        if fresh:
            new_periods.append(fresh)
        revisions.extend(revised)
        change = _rating_change(before, data)
        if change:
            ratings.append(change)
    removed = [ref(data.indicator) for indicator_id, data in sorted(old.items())
               if indicator_id not in carried]
    return Changes(
        previous=previous.release,
        new_periods=tuple(new_periods),
        revisions=tuple(revisions),
        new_indicators=tuple(new_indicators),
        retired_indicators=tuple(retired),
        removed_indicators=tuple(removed),
        renamed_indicators=tuple(renamed),
        moved_indicators=tuple(moved),
        rating_changes=tuple(ratings),
        earlier=earlier,
    )
