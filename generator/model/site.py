"""The frozen data model every stage after loading works on.

Nothing here reads files or changes in place: the loader builds these objects once, and later
stages derive new values with ``dataclasses.replace``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import cached_property

from generator.model.periods import Period, PeriodType, release_label


class Polarity(StrEnum):
    """Which direction is better for an indicator."""

    HIGHER = "higher_is_better"
    LOWER = "lower_is_better"
    NONE = "no_preference"


class Unit(StrEnum):
    """What an indicator's values measure."""

    PERCENTAGE = "percentage"
    RATE_PER_10000 = "rate_per_10000"
    RATE_PER_1000 = "rate_per_1000"
    RATE_PER_100000 = "rate_per_100000"
    COUNT = "count"
    DAYS = "days"
    WEEKS = "weeks"
    NUMBER = "number"
    POUNDS = "pounds"


RATE_BASE = {Unit.RATE_PER_1000: 1_000, Unit.RATE_PER_10000: 10_000, Unit.RATE_PER_100000: 100_000}

#: Units whose figures cannot be set against another area's: a council's count and England's
#: count differ mostly by the size of the place, and an average of councils' counts means nothing.
NOT_COMPARABLE = frozenset({Unit.COUNT})


class Counted(StrEnum):
    """What an indicator's numerator counts (for a count, what its value counts)."""

    CHILDREN = "children"
    YOUNG_PEOPLE = "young_people"
    CARE_LEAVERS = "care_leavers"
    PEOPLE = "people"
    REFERRALS = "referrals"
    ASSESSMENTS = "assessments"
    PLANS = "plans"
    EVENTS = "events"
    SESSIONS = "sessions"  # half-day school sessions: many from one child, so not independent
    POSTS = "posts"  # full-time-equivalent posts: fractions of people, not independent units


#: The things counted that are people.
PEOPLE = frozenset({Counted.CHILDREN, Counted.YOUNG_PEOPLE, Counted.CARE_LEAVERS, Counted.PEOPLE})
#: The things counted that are independent enough for a confidence interval: people, and events
#: (each referral, assessment or plan is counted once). Sessions and posts are not.
INDEPENDENT = PEOPLE | {Counted.REFERRALS, Counted.ASSESSMENTS, Counted.PLANS, Counted.EVENTS}


class Frequency(StrEnum):
    """How often an indicator is reported."""

    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    ANNUAL = "annual"


class Status(StrEnum):
    """Where an indicator is in its life."""

    ESTABLISHED = "established"
    NEW = "new"
    IN_DEVELOPMENT = "in_development"
    RETIRED = "retired"


class Missing(StrEnum):
    """DfE's symbols for a value that is not published as a number."""

    CONFIDENTIAL = "c"
    NOT_AVAILABLE = "x"
    NOT_APPLICABLE = "z"
    ROUNDS_TO_ZERO = "k"
    LOW = "low"
    LOW_RELIABILITY = "u"


class Flag(StrEnum):
    """Marks on a published value."""

    PROVISIONAL = "provisional"
    REVISED = "revised"
    ESTIMATED = "estimated"


class AreaType(StrEnum):
    """Kinds of comparator area."""

    ENGLAND = "england"
    REGION = "region"
    STATISTICAL_NEIGHBOURS = "statistical_neighbours"  # the average of the neighbour group
    NEIGHBOUR = "neighbour"  # one named statistical neighbour
    COUNCIL = "council"  # one of every council's figures: for ranks, never a benchmark


class RatingColour(StrEnum):
    """A red, amber or green rating as an officer may set it."""

    RED = "red"
    AMBER = "amber"
    GREEN = "green"


class ReleaseStatus(StrEnum):
    """Whether a release has happened or is announced."""

    PUBLISHED = "published"
    PLANNED = "planned"


@dataclass(frozen=True)
class ServiceArea:
    """A service area: one item of the committee's dashboard."""

    id: str
    item: int
    title: str
    description: str = ""


@dataclass(frozen=True)
class Priority:
    """A directorate priority that indicators serve."""

    id: str
    title: str
    description: str = ""


@dataclass(frozen=True)
class Indicator:
    """A published performance indicator and everything said about it."""

    id: str
    title: str
    question: str
    service_area: str
    definition: str
    unit: Unit
    decimal_places: int
    polarity: Polarity
    frequency: Frequency
    period_type: PeriodType
    source: str
    status: Status = Status.ESTABLISHED
    priorities: tuple[str, ...] = ()
    numerator: str = ""
    denominator: str = ""
    source_url: str = ""
    licence: str = ""
    small_number_threshold: int | None = None
    counts_people: bool = False
    numerator_counts: Counted | None = None  # ``counts_people`` alone reads as Counted.PEOPLE
    data_notes: str = ""
    why_it_matters: str = ""
    related: tuple[str, ...] = ()
    previous_ids: tuple[str, ...] = ()
    replaced_by: str = ""
    # Consistency links: the count indicators whose values are this one's numerator and
    # denominator for the same period (input/links.py checks them).
    numerator_from: str = ""
    denominator_from: str = ""
    package: str = ""


@dataclass(frozen=True)
class Observation:
    """The council's own figure for one indicator and period."""

    indicator_id: str
    period: Period
    value: float | None
    numerator: float | None = None
    denominator: float | None = None
    missing: Missing | None = None
    flags: frozenset[Flag] = frozenset()
    note: str = ""


@dataclass(frozen=True)
class Comparator:
    """A comparison area's figure for one indicator and period."""

    indicator_id: str
    period: Period
    area_type: AreaType
    area_code: str
    area_name: str
    value: float | None
    numerator: float | None = None
    denominator: float | None = None
    missing: Missing | None = None
    source: str = ""  # who published the figure; empty: the site claims nothing about it


@dataclass(frozen=True)
class Target:
    """A target, amber tolerance or expected range, in force from a date until replaced."""

    indicator_id: str
    applies_from: date
    target: float | None = None
    amber_tolerance: float | None = None
    expected_low: float | None = None
    expected_high: float | None = None
    note: str = ""


@dataclass(frozen=True)
class OfficerRating:
    """A rating set by an officer that overrides the calculated one, with its reason."""

    indicator_id: str
    period: Period
    rating: RatingColour
    reason: str


@dataclass(frozen=True)
class Commentary:
    """The service's own narrative for one indicator and period (Markdown)."""

    indicator_id: str
    period: Period
    commentary: str
    actions: str = ""
    author: str = ""


@dataclass(frozen=True)
class BreakdownValue:
    """One category of a breakdown, such as children starting care by reason."""

    indicator_id: str
    period: Period
    dimension: str
    category: str
    value: float | None
    missing: Missing | None = None
    order: int = 0


@dataclass(frozen=True)
class Release:
    """A scheduled or published release of the figures."""

    id: str
    title: str
    date: date
    status: ReleaseStatus
    notes: str = ""

    @property
    def label(self) -> str:
        """Return the release's name for readers: "Quarter 2 2025/26 (July to September 2025)"."""
        return release_label(self.title)


@dataclass(frozen=True)
class Package:
    """One data package: a directorate's or service's indicators and everything about them."""

    name: str
    title: str
    path: str
    publisher: str = ""
    licence: str = ""
    demonstration: bool = False
    area_code: str = ""  # GSS code of the council the figures are for; "" when not declared
    service_areas: tuple[ServiceArea, ...] = ()
    priorities: tuple[Priority, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    observations: tuple[Observation, ...] = ()
    comparators: tuple[Comparator, ...] = ()
    targets: tuple[Target, ...] = ()
    ratings: tuple[OfficerRating, ...] = ()
    commentary: tuple[Commentary, ...] = ()
    breakdowns: tuple[BreakdownValue, ...] = ()
    releases: tuple[Release, ...] = ()


@dataclass(frozen=True)
class IndicatorData:
    """One indicator with its own rows from every resource, each sorted by period."""

    indicator: Indicator
    observations: tuple[Observation, ...] = ()
    comparators: tuple[Comparator, ...] = ()
    targets: tuple[Target, ...] = ()
    ratings: tuple[OfficerRating, ...] = ()
    commentary: tuple[Commentary, ...] = ()
    breakdowns: tuple[BreakdownValue, ...] = ()
    # Every other council's figure (area type COUNCIL), kept apart from the comparators so that
    # no chart line, benchmark or neighbours' average can pick one up; the council's own figures
    # are its observations.
    councils: tuple[Comparator, ...] = ()


@dataclass(frozen=True)
class Site:
    """Every package merged into the one site that presents them."""

    packages: tuple[Package, ...]
    indicators: tuple[IndicatorData, ...] = field(default=())
    service_areas: tuple[ServiceArea, ...] = ()
    priorities: tuple[Priority, ...] = ()
    releases: tuple[Release, ...] = ()

    @cached_property
    def by_id(self) -> dict[str, IndicatorData]:
        """Every indicator's data by its id (built once: pages look indicators up by id)."""
        return {item.indicator.id: item for item in self.indicators}

    def indicator(self, indicator_id: str) -> IndicatorData:
        """Return one indicator's data by id."""
        return self.by_id[indicator_id]


def _comparator_group(row: Comparator, package: Package) -> str:
    """Return the IndicatorData field a comparator row goes in ("" drops it).

    Every council's figures go apart from the comparators; the council's own row among them is
    dropped, because its own figures are its observations (rules check that the two agree).
    """
    if row.area_type is not AreaType.COUNCIL:
        return "comparators"
    return "" if package.area_code and row.area_code == package.area_code else "councils"


def assemble_site(packages: Iterable[Package]) -> Site:
    """Merge packages into one site, grouping every row under its indicator (sorted by id)."""
    packages = tuple(sorted(packages, key=lambda package: package.name))
    grouped: dict[str, dict[str, list]] = {}
    for package in packages:
        for indicator in package.indicators:
            grouped[indicator.id] = {"indicator": [indicator]}
        for name in ("observations", "comparators", "targets", "ratings", "commentary", "breakdowns"):
            for row in getattr(package, name):
                if row.indicator_id in grouped:
                    group = _comparator_group(row, package) if name == "comparators" else name
                    if group:
                        grouped[row.indicator_id].setdefault(group, []).append(row)

    def key(row: object) -> tuple:
        return (
            getattr(row, "period", None) or getattr(row, "applies_from"),  # noqa: B009
            getattr(row, "area_type", ""),
            getattr(row, "area_code", ""),
            getattr(row, "dimension", ""),
            getattr(row, "order", 0),
            getattr(row, "category", ""),
        )

    indicators = tuple(
        IndicatorData(
            indicator=rows["indicator"][0],
            **{
                name: tuple(sorted(rows.get(name, []), key=key))
                for name in ("observations", "comparators", "targets", "ratings", "commentary",
                             "breakdowns", "councils")
            },
        )
        for _, rows in sorted(grouped.items())
    )
    areas = {area.id: area for package in packages for area in package.service_areas}
    priorities = {item.id: item for package in packages for item in package.priorities}
    releases = {release.id: release for package in packages for release in package.releases}
    return Site(
        packages=packages,
        indicators=indicators,
        service_areas=tuple(sorted(areas.values(), key=lambda area: (area.item, area.id))),
        priorities=tuple(sorted(priorities.values(), key=lambda item: item.id)),
        releases=tuple(sorted(releases.values(), key=lambda release: (release.date, release.id))),
    )


__all__ = [
    "AreaType",
    "BreakdownValue",
    "Commentary",
    "Comparator",
    "Flag",
    "Frequency",
    "Indicator",
    "IndicatorData",
    "Missing",
    "OfficerRating",
    "Observation",
    "Package",
    "Period",
    "PeriodType",
    "Polarity",
    "Priority",
    "RATE_BASE",
    "RatingColour",
    "Release",
    "ReleaseStatus",
    "ServiceArea",
    "Site",
    "Status",
    "Target",
    "Unit",
    "assemble_site",
]
