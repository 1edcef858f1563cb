"""Read and check ``series.yml``, the description of Northbridge Council and its indicators."""

from __future__ import annotations

from dataclasses import MISSING, dataclass, fields
from datetime import timedelta
from pathlib import Path
from typing import Any

import yaml

from generator.importers.published import dfe_period
from generator.model.periods import PeriodError, PeriodType, parse_canonical
from generator.model.site import Missing
from northbridge.entries import REQUIRED, Entry, SpecError, period_range, read_periods, schema_row

SPEC_FILE = Path(__file__).resolve().parent / "series.yml"
SERIES_KINDS = {"count": 1, "pct": 100, "rate": 10_000, "ratio": 1}  # kind -> scale of the value
PERIOD_TYPES = {kind.value for kind in PeriodType}
FIELD_KINDS = {"str": "text", "float": "number", "bool": "boolean"}  # annotation -> spec kind


@dataclass(frozen=True)
class Series:
    """How an indicator's figures are made: a trend with wobble, and the counts behind it."""

    kind: str  # count, pct, rate or ratio
    start: float  # the trend's level at the first period
    end: float  # ... and at the last
    noise: float
    denominator: float = 0  # typical denominator
    denominator_noise: float = 0.03  # period-to-period wobble of the denominator, as a share
    denominator_memory: float = 0.8  # 0 for independent small counts
    fte: bool = False  # the denominator is full-time equivalents, to one decimal place
    suppress_small: bool = False  # denominators up to the suppression threshold are published c
    numerator_from: str = ""  # indicator whose value is the numerator (same period)


@dataclass(frozen=True)
class Comparators:
    """Where an indicator's comparators are in DfE's open data (the importers' ees keys)."""

    file: str
    value: str
    kind: PeriodType
    period_end: str = ""
    filters: tuple[tuple[str, str], ...] = ()

    def period(self, time_period: str) -> str:
        """Return the canonical period a DfE time_period names, as the importers read it."""
        return dfe_period(time_period, self.kind, self.period_end).code


@dataclass(frozen=True)
class Indicator:
    """One indicator: its indicators.csv row and everything the script makes for it."""

    row: dict[str, str]
    package: str
    periods: tuple[str, ...]
    series: Series
    targets: tuple[dict[str, Any], ...]  # applies_from, target, amber, low, high, note
    dips: dict[str, float]  # period -> level instead of the trend (COVID)
    gaps: dict[str, tuple[str, ...]]  # period -> (missing symbol, note)
    flags: dict[str, tuple[str, ...]]  # period -> (flags, note)
    comparators: Comparators | None
    commentary: dict[str, str]  # story, actions, author, earlier, earlier_story
    rating: dict[str, str] | None

    @property
    def id(self) -> str:
        return self.row["id"]

    @property
    def kind(self) -> PeriodType:
        return PeriodType(self.row["period_type"])


@dataclass(frozen=True)
class Northbridge:
    """The whole spec file, read and checked."""

    council: dict[str, Any]
    descriptor: dict[str, Any]
    packages: dict[str, dict[str, Any]]  # name -> title, description, service_areas, priorities
    indicators: tuple[Indicator, ...]
    breakdowns: tuple[dict[str, Any], ...]  # indicator, dimension, periods, categories
    releases: tuple[dict[str, str], ...]

    @property
    def comparators(self) -> dict[str, Comparators]:
        return {i.id: i.comparators for i in self.indicators if i.comparators}


def read_targets(entry: Entry, years: list[str], note: str) -> tuple[dict[str, Any], ...]:
    """Return the targets: [target, amber] pairs by target year, ranges, or full rows."""
    targets: list[dict[str, Any]] = []
    for number, item in enumerate(entry.get("targets", "list", [])):
        if isinstance(item, dict):
            row = Entry(item, entry.where, entry.problems, f"targets[{number}].")
            targets.append({"applies_from": row.get("applies_from", "text"),
                            **{key: row.get(key, "number", None) for key in
                               ("target", "amber_tolerance", "expected_low", "expected_high")},
                            "note": row.get("note", "text")})
            row.done()
        elif _pair(item) and number < len(years):
            targets.append({"applies_from": years[number], "target": item[0],
                            "amber_tolerance": item[1], "note": note})
        else:
            entry.problem(f"targets[{number}]", f"expected [target, amber tolerance] for target "
                          f"year {number + 1} of {len(years)}, or a mapping, got {item!r}")
    ranges = entry.get("ranges", "list", [])
    range_note = entry.get("range_note", "text", REQUIRED if ranges else "")
    for number, item in enumerate(ranges):
        if not _pair(item) or number >= len(years):
            entry.problem(f"ranges[{number}]", f"expected [low, high] for target year "
                          f"{number + 1} of {len(years)}, got {item!r}")
            continue
        targets.append({"applies_from": years[number], "expected_low": item[0],
                        "expected_high": item[1], "note": range_note})
    return tuple(targets)


def _pair(item: Any) -> bool:
    return isinstance(item, list) and len(item) == 2 and all(
        isinstance(x, int | float) and not isinstance(x, bool) for x in item)


def read_series(entry: Entry) -> Series:
    """Return how the figures are made, checked."""
    series = entry.sub("series", required=True)
    kind = series.get("kind", "text")
    if kind not in SERIES_KINDS:
        series.problem("kind", f"{kind!r} is not one of {', '.join(SERIES_KINDS)}")
    made = Series(kind, **{
        field.name: series.get(field.name, FIELD_KINDS[field.type],
                               REQUIRED if field.default is MISSING else field.default)
        for field in fields(Series)[1:]})
    if kind in SERIES_KINDS and kind != "count" and made.denominator <= 0:
        series.problem("denominator", f"a {kind} series needs a typical denominator above 0")
    series.done()
    return made


def by_period(entry: Entry, key: str, periods: tuple[str, ...], names: tuple[str, ...]
              ) -> dict[str, tuple[str, ...]]:
    """Return a mapping of period -> fields (gaps, flags), each period one of the series'."""
    found = {}
    for period, value in entry.get(key, "mapping", {}).items():
        item = Entry(value, entry.where, entry.problems, f"{key}.{period}.")
        found[str(period)] = tuple(item.get(name, "text", "") for name in names)
        item.done()
        if periods and str(period) not in periods:  # no periods: already reported
            entry.problem(f"{key}.{period}", "is not one of the indicator's periods")
    return found


def read_dips(entry: Entry, periods: tuple[str, ...]) -> dict[str, float]:
    """Return the levels that replace the trend in some periods."""
    dips = {str(period): level for period, level in entry.get("dips", "mapping", {}).items()}
    for period, level in dips.items():
        if (periods and period not in periods) or not isinstance(level, int | float):
            entry.problem(f"dips.{period}", "needs one of the indicator's periods and a number")
    return dips


def read_comparators(entry: Entry, kind: PeriodType | None) -> Comparators | None:
    """Return where the comparators are in DfE's files, or None for an indicator without."""
    if entry.data.get("comparators") is None or kind is None:
        entry.read.add("comparators")
        return None
    source = entry.sub("comparators")
    filters = source.get("filters", "mapping", {})
    found = Comparators(source.get("file", "text"), source.get("value", "text"), kind,
                        source.get("period_end", "text", ""),
                        tuple((str(k), str(v)) for k, v in filters.items()))
    try:
        found.period("2025")
    except PeriodError as error:
        source.problem("period_end", str(error))
    source.done()
    return found


def read_commentary(entry: Entry, periods: tuple[str, ...]) -> dict[str, str]:
    """Return the story for the latest commentary, and for an earlier period if there is one."""
    commentary = entry.sub("commentary")
    earlier = commentary.sub("earlier")
    words = {key: commentary.get(key, "text", "") for key in ("story", "actions", "author")}
    words |= {"earlier": earlier.get("period", "text", ""),
              "earlier_story": earlier.get("story", "text", "")}
    if periods and words["earlier"] and words["earlier"] not in periods:
        earlier.problem("period", "is not one of the indicator's periods")
    earlier.done()
    commentary.done()
    return words


def read_rating(entry: Entry, indicator_id: str) -> dict[str, str] | None:
    """Return the officer's rating row, or None."""
    if entry.data.get("rating") is None:
        entry.read.add("rating")
        return None
    rating = entry.sub("rating")
    rating.data = {"indicator_id": indicator_id, **rating.data}
    row = schema_row(rating, "ratings")
    rating.done()
    return row


@dataclass(frozen=True)
class Context:
    """What every indicator entry is read against: top-level parts of the spec."""

    defaults: dict[str, Any]
    areas: dict[str, set[str]]  # package -> its service area ids
    period_lists: dict[str, Any]
    target_years: list[str]
    target_note: str


def read_indicator(raw: Any, number: int, context: Context, problems: list[str]) -> Indicator:
    """Return one indicator of the spec, every field checked."""
    name = raw.get("id") if isinstance(raw, dict) else None
    where = f'indicator "{name}"' if isinstance(name, str) else f"indicators[{number}]"
    entry = Entry({**context.defaults, **raw} if isinstance(raw, dict) else raw, where, problems)
    row = schema_row(entry, "indicators")
    package = entry.get("package", "text")
    if package not in context.areas:
        entry.problem("package", f"{package!r} is not one of {', '.join(context.areas)}")
    elif row["service_area"] not in context.areas[package]:
        entry.problem("service_area", f"{row['service_area']!r} is not a service area of "
                      f"{package}")
    kind = PeriodType(row["period_type"]) if row["period_type"] in PERIOD_TYPES else None
    periods = read_periods(entry, context.period_lists, kind)
    gaps = by_period(entry, "gaps", periods, ("missing", "note"))
    for period, (symbol, _) in gaps.items():
        if symbol not in {m.value for m in Missing}:
            entry.problem(f"gaps.{period}.missing", f"{symbol!r} is not a DfE symbol")
    indicator = Indicator(
        row, package, periods, read_series(entry),
        read_targets(entry, context.target_years, context.target_note),
        read_dips(entry, periods), gaps, by_period(entry, "flags", periods, ("flags", "note")),
        read_comparators(entry, kind), read_commentary(entry, periods),
        read_rating(entry, row["id"]))
    entry.done()
    return indicator


def read_breakdown(raw: Any, number: int, indicators: dict[str, Indicator],
                   lists: dict[str, Any], problems: list[str]) -> dict[str, Any]:
    """Return one breakdown: a count indicator split into categories over some periods."""
    entry = Entry(raw, f"breakdowns[{number}]", problems)
    indicator = indicators.get(entry.get("indicator", "text"))
    if indicator is None or indicator.series.kind != "count":
        entry.problem("indicator", "must be the id of a count indicator")
    periods = read_periods(entry, lists, indicator.kind if indicator else None)
    if indicator and indicator.periods and not set(periods) <= set(indicator.periods):
        entry.problem("periods", "must be periods of the indicator")
    categories = entry.get("categories", "mapping")
    if not all(isinstance(s, int | float) and s > 0 for s in categories.values()):
        entry.problem("categories", "each category needs a share above 0")
    breakdown = {"indicator": indicator.id if indicator else "",
                 "dimension": entry.get("dimension", "text"), "periods": periods,
                 "categories": list(categories.items())}
    entry.done()
    return breakdown


def read_releases(entry: Entry) -> tuple[dict[str, str], ...]:
    """Return the quarterly releases: published up to last_published, planned after."""
    published = entry.period("last_published", PeriodType.QUARTER)
    rows = []
    for code in period_range(entry, PeriodType.QUARTER):
        period = parse_canonical(code, PeriodType.QUARTER)
        day = period.end + timedelta(days=42)
        day += timedelta(days=(3 - day.weekday()) % 7)  # the Thursday on or after six weeks
        done = published is not None and period.end <= published.end
        rows.append({"id": code.lower(), "title": f"Quarter {code[-1]} {code[:4]}/{code[5:7]}",
                     "date": day.isoformat(), "status": "published" if done else "planned",
                     "notes": f"Figures for {period.label}." if done else
                     f"Planned: figures for {period.label}."})
    entry.done()
    return tuple(rows)


def read_council(top: Entry) -> dict[str, Any]:
    """Return the council, its comparator areas and whose statistical neighbours it borrows."""
    council = top.sub("council", required=True)
    found = {"name": council.get("name", "text"), "code": council.get("code", "text"),
             "neighbours_of": council.get("neighbours_of", "text"),
             "named_neighbours": council.get("named_neighbours", "integer")}
    for area in ("england", "region"):
        place = council.sub(area, required=True)
        found[area] = (place.get("code", "text"), place.get("name", "text"))
        place.done()
    council.done()
    return found


def read_descriptor(top: Entry) -> dict[str, Any]:
    """Return what both packages' datapackage.json say besides their own title and description."""
    common = top.sub("descriptor", required=True)
    licence = common.sub("licence", required=True)
    found = {"publisher": common.get("publisher", "text"),
             "description": common.get("description", "text"),
             "licence": {key: licence.get(key, "text") for key in ("name", "title", "path")},
             "sources": common.get("sources", "list")}
    licence.done()
    common.done()
    return found


def read_package(raw: Any, name: str, problems: list[str]) -> dict[str, Any]:
    """Return a package's title, description, service areas and priorities."""
    package = Entry(raw, f'package "{name}"', problems)
    found: dict[str, Any] = {"title": package.get("title", "text"),
                             "description": package.get("description", "text")}
    for resource in ("service_areas", "priorities"):
        found[resource] = []
        for number, item in enumerate(package.get(resource, "list")):
            entry = Entry(item, f'package "{name}", {resource}[{number}]', problems)
            found[resource].append(schema_row(entry, resource))
            entry.done()
    package.done()
    return found


def read_spec(path: Path = SPEC_FILE) -> Northbridge:
    """Read and check the spec file; raise SpecError listing every problem found."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise SpecError(path, [f"cannot be read ({error})"]) from None
    problems: list[str] = []
    top = Entry(data, "top level", problems)
    council, descriptor = read_council(top), read_descriptor(top)
    packages = {str(name): read_package(raw, str(name), problems)
                for name, raw in top.get("packages", "mapping").items()}
    context = Context(top.get("indicator_defaults", "mapping", {}),
                      {name: {row["id"] for row in package["service_areas"]}
                       for name, package in packages.items()},
                      top.get("period_lists", "mapping"), top.get("target_years", "list"),
                      top.get("target_note", "text"))
    indicators = tuple(read_indicator(raw, n, context, problems)
                       for n, raw in enumerate(top.get("indicators", "list")))
    by_id = {i.id: i for i in indicators}
    if len(by_id) != len(indicators):
        top.problem("indicators", "two indicators have the same id")
    for indicator in indicators:
        source = by_id.get(indicator.series.numerator_from)
        if indicator.series.numerator_from and (source is None
                                                or source.package != indicator.package):
            problems.append(f'indicator "{indicator.id}", field "series.numerator_from": must be '
                            "the id of an indicator in the same package")
    breakdowns = tuple(read_breakdown(raw, n, by_id, context.period_lists, problems)
                       for n, raw in enumerate(top.get("breakdowns", "list", [])))
    releases = read_releases(top.sub("releases", required=True))
    top.done()
    if problems:
        raise SpecError(path, problems)
    return Northbridge(council, descriptor, packages, indicators, breakdowns, releases)
