"""Read and check ``series.yml``, the description of Northbridge Council and its indicators.

``series.schema.json`` declares the file's shape (every key, its type and what it means); it is
checked with the generator's own schema checker (``generator.input.config``), so a broken spec is
reported like broken site settings: every problem at once, each with its key path and a fix. What
a schema cannot say (a period list or indicator named elsewhere in the file, periods of the
indicator's period type) is checked here, after the schema.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import yaml

from generator.importers.mapping import EesSource
from generator.importers.published import dfe_period
from generator.input.config import key_path, schema_problems
from generator.model import format as fmt
from generator.model.periods import Period, PeriodError, PeriodType, parse_canonical, shift
from generator.problems import Problem, format_text, sort_problems

FOLDER = Path(__file__).resolve().parent
SPEC_FILE = FOLDER / "series.yml"
SCHEMA = json.loads((FOLDER / "series.schema.json").read_text(encoding="utf-8"))
DOCS = "the comments at the top of scripts/northbridge/series.yml"
SERIES_KINDS = {"count": 1, "pct": 100, "rate": 10_000, "ratio": 1}  # kind -> scale of the value
YEAR_TYPES = (PeriodType.FINANCIAL_YEAR, PeriodType.ACADEMIC_YEAR, PeriodType.CALENDAR_YEAR)


class SpecError(Exception):
    """The spec file is broken: every problem, each naming the file and the key path."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sort_problems(dict.fromkeys(problems))  # a shared period list: once
        super().__init__(format_text(self.problems))


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
    comparators: EesSource | None  # where DfE publishes it, as the importers' mapping says
    period_end: str  # the day (snapshot) or month (rolling year) DfE's years end on
    commentary: dict[str, str]  # story, actions, author, earlier, earlier_story
    rating: dict[str, str] | None

    @property
    def id(self) -> str:
        return self.row["id"]

    @property
    def kind(self) -> PeriodType:
        return PeriodType(self.row["period_type"])

    def dfe_period(self, time_period: str) -> str:
        """Return the canonical period a DfE time_period names, as the importers read it."""
        return dfe_period(time_period, self.kind, self.period_end).code


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
    def comparators(self) -> dict[str, EesSource]:
        return {i.id: i.comparators for i in self.indicators if i.comparators}

    def indicator(self, indicator_id: str) -> Indicator:
        return next(i for i in self.indicators if i.id == indicator_id)


def table_row(values: dict[str, Any], resource: str) -> dict[str, str]:
    """Return a row of a package table: every column of the format, as text ('' when absent)."""
    return {name: "" if values.get(name) is None else str(values[name]).lower()
            if isinstance(values[name], bool) else str(values[name])
            for name in fmt.field_names(resource)}


def read_spec(path: Path = SPEC_FILE) -> Northbridge:
    """Read and check the spec file; raise SpecError listing every problem found."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise SpecError([Problem(str(path), None, "", f"cannot be read ({error})",
                                 "Fix the YAML (indentation and colons are the usual cause).",
                                 "spec-yaml")]) from None
    problems = schema_problems(data, SCHEMA, str(path), "spec", DOCS)
    if problems:  # the cross-checks below rely on every value having its declared type
        raise SpecError(problems)
    reader = Reader(data, str(path))
    spec = reader.spec()
    if reader.problems:
        raise SpecError(reader.problems)
    return spec


class Reader:
    """Turn a spec that passed its schema into the dataclasses, checking what crosses keys."""

    def __init__(self, data: dict[str, Any], file: str) -> None:
        self.data, self.file = data, file
        self.problems: list[Problem] = []

    def problem(self, where: str, message: str, fix: str) -> None:
        self.problems.append(Problem(self.file, None, where, message, fix, "spec-cross"))

    def spec(self) -> Northbridge:
        data = self.data
        council = {**data["council"], **{area: (data["council"][area]["code"],
                                                data["council"][area]["name"])
                                         for area in ("england", "region")}}
        descriptor = {**data["descriptor"], "licence": {
            key: data["descriptor"]["licence"][key] for key in ("name", "title", "path")}}
        packages = {name: {"title": package["title"], "description": package["description"],
                           **{resource: [table_row(row, resource) for row in package[resource]]
                              for resource in ("service_areas", "priorities")}}
                    for name, package in data["packages"].items()}
        indicators = tuple(self.indicator(item, number, packages)
                           for number, item in enumerate(data["indicators"]))
        by_id = {i.id: i for i in indicators}
        if len(by_id) != len(indicators):
            self.problem("indicators", "two indicators have the same id", "Give each its own id.")
        for number, indicator in enumerate(indicators):
            for key in ("numerator_from", "denominator_from"):
                source = by_id.get(indicator.row[key])
                if indicator.row[key] and (source is None or source.series.kind != "count"):
                    self.problem(f"{self.where('indicators', number)}.{key}",
                                 f"'{indicator.row[key]}' is not a count indicator",
                                 "Use the id of an indicator whose series kind is count.")
        breakdowns = tuple(self.breakdown(item, number, by_id)
                           for number, item in enumerate(data.get("breakdowns", [])))
        return Northbridge(council, descriptor, packages, indicators, breakdowns, self.releases())

    def where(self, *path: str | int) -> str:
        return key_path(self.data, path)

    def indicator(self, item: dict[str, Any], number: int,
                  packages: dict[str, dict[str, Any]]) -> Indicator:
        """Return one indicator, with its defaults, periods and targets checked."""
        where = self.where("indicators", number)
        item = {**self.data.get("indicator_defaults", {}), **item}
        package, kind = item.get("package", ""), PeriodType(item["period_type"])
        if package not in packages:
            self.problem(f"{where}.package", f"'{package}' is not one of the packages",
                         f"Use one of: {', '.join(packages)}.")
        elif item["service_area"] not in {a["id"] for a in packages[package]["service_areas"]}:
            self.problem(f"{where}.service_area", f"'{item['service_area']}' is not a service "
                         f"area of {package}", "Use the id of one of the package's service areas.")
        periods = self.periods(item["periods"], kind, f"{where}.periods")
        named = [(f"{key}.{period}", period) for key in ("dips", "gaps", "flags")
                 for period in item.get(key, {})]
        named += [("commentary.earlier.period", item["commentary"]["earlier"]["period"])
                  ] if "earlier" in item.get("commentary", {}) else []
        for key, period in named:
            if periods and period not in periods:
                self.problem(f"{where}.{key}", f"'{period}' is not one of the indicator's periods",
                             "Use a period of the indicator's periods, written as they are.")
        source = item.get("comparators")
        if source is not None:
            try:
                dfe_period("2025", kind, source.get("period_end", ""))
            except PeriodError as error:
                self.problem(f"{where}.comparators.period_end", str(error).replace(
                    " in the mapping", ""), "Give the day of the year as MM-DD or the month as MM.")
        commentary, earlier = item.get("commentary", {}), item.get("commentary", {}).get("earlier")
        return Indicator(
            table_row(item, "indicators"), package, periods, Series(**item["series"]),
            self.targets(item, where), dict(item.get("dips", {})),
            {p: (gap["missing"], gap.get("note", "")) for p, gap in item.get("gaps", {}).items()},
            {p: (flag.get("flags", ""), flag.get("note", ""))
             for p, flag in item.get("flags", {}).items()},
            None if source is None else EesSource(
                source["file"], source["value"],
                tuple(sorted((str(k), str(v)) for k, v in source.get("filters", {}).items()))),
            "" if source is None else source.get("period_end", ""),
            {**{key: commentary.get(key, "") for key in ("story", "actions", "author")},
             "earlier": earlier["period"] if earlier else "",
             "earlier_story": earlier["story"] if earlier else ""},
            None if "rating" not in item else table_row(
                {"indicator_id": item["id"], **item["rating"]}, "ratings"))

    def targets(self, item: dict[str, Any], where: str) -> tuple[dict[str, Any], ...]:
        """Return the targets: [target, amber] pairs by target year, ranges, or full rows."""
        years, rows = self.data["target_years"], []
        numbers = ("target", "amber_tolerance", "expected_low", "expected_high")
        if item.get("ranges") and "range_note" not in item:
            self.problem(f"{where}.range_note", "'range_note' is missing",
                         "Say where the expected ranges come from.")
        for key, names, note in (("targets", numbers[:2], self.data["target_note"]),
                                 ("ranges", numbers[2:], item.get("range_note", ""))):
            for number, pair in enumerate(item.get(key, [])):
                if isinstance(pair, dict):
                    rows.append({**dict.fromkeys(numbers), **pair})
                elif len(pair) == 2 and number < len(years):
                    rows.append({"applies_from": years[number], **dict(zip(names, pair, strict=True)),
                                 "note": note})
                else:
                    self.problem(f"{where}.{key}[{number + 1}]", f"{pair} is not a pair for "
                                 f"target year {number + 1} of {len(years)}",
                                 f"Write [{', '.join(names)}], one pair for each of target_years.")
        return tuple(rows)

    def periods(self, periods: str | dict[str, Any], kind: PeriodType,
                where: str) -> tuple[str, ...]:
        """Return the periods: the name of one of the period_lists, or {first, last, every}."""
        lists = self.data["period_lists"]
        if isinstance(periods, str) and periods not in lists:
            self.problem(where, f"'{periods}' is not one of the period_lists",
                         f"Use one of: {', '.join(lists)}, or {{first, last, every}}.")
            return ()
        if isinstance(periods, str):  # a named list's problems point at the list
            where = f"period_lists.{periods}"
        span: dict[str, Any] = lists[periods] if isinstance(periods, str) else periods
        first, last = (self.period(span[key], kind, f"{where}.{key}") for key in ("first", "last"))
        default = 12 if kind in YEAR_TYPES else 3 if kind is PeriodType.QUARTER else 1
        step = span.get("every", default)
        if first is None or last is None:
            return ()
        codes, period = [], first
        while period.end <= last.end:
            codes.append(period.code)
            period = shift(period, step)
        if not codes or codes[-1] != last.code:
            self.problem(f"{where}.last", f"'{last.code}' is not reached from '{first.code}' in "
                         f"steps of {step} months", "Change first, last or every.")
        return tuple(codes)

    def period(self, code: str, kind: PeriodType, where: str) -> Period | None:
        try:
            return parse_canonical(code, kind)
        except PeriodError as error:
            self.problem(where, f"{error}, for a {kind.value} period",
                         "Write the period as a canonical code of that period type.")
            return None

    def breakdown(self, item: dict[str, Any], number: int,
                  indicators: dict[str, Indicator]) -> dict[str, Any]:
        """Return one breakdown: a count indicator split into categories over some periods."""
        where, indicator = f"breakdowns[{number + 1}]", indicators.get(item["indicator"])
        if indicator is None or indicator.series.kind != "count":
            self.problem(f"{where}.indicator", f"'{item['indicator']}' is not a count "
                         "indicator", "Use the id of an indicator whose series kind is count.")
            return {}
        periods = self.periods(item["periods"], indicator.kind, f"{where}.periods")
        if indicator.periods and not set(periods) <= set(indicator.periods):
            self.problem(f"{where}.periods", "some periods are not the indicator's",
                         "Use periods of the indicator's own.")
        for category, source in item.get("numerators", {}).items():
            if category not in item["categories"]:
                self.problem(f"{where}.numerators.{category}", f"'{category}' is not one of the "
                             "breakdown's categories", "Name a category as categories writes it.")
            elif source not in indicators:
                self.problem(f"{where}.numerators.{category}", f"'{source}' is not an indicator",
                             "Use the id of the indicator whose numerator the category counts.")
        return {"indicator": indicator.id, "dimension": item["dimension"], "periods": periods,
                "categories": list(item["categories"].items()),
                "numerators": dict(item.get("numerators", {}))}

    def releases(self) -> tuple[dict[str, str], ...]:
        """Return the quarterly releases: published up to last_published, planned after."""
        releases = self.data["releases"]
        published = self.period(releases["last_published"], PeriodType.QUARTER,
                                 "releases.last_published")
        rows = []
        for code in self.periods(releases, PeriodType.QUARTER, "releases"):
            period = parse_canonical(code, PeriodType.QUARTER)
            day = period.end + timedelta(days=42)
            day += timedelta(days=(3 - day.weekday()) % 7)  # the Thursday on or after six weeks
            done = published is not None and period.end <= published.end
            rows.append({"id": code.lower(), "title": f"Quarter {code[-1]} {code[:4]}/{code[5:7]}",
                         "date": day.isoformat(), "status": "published" if done else "planned",
                         "notes": f"Figures for {period.label}." if done else
                         f"Planned: figures for {period.label}."})
        return tuple(rows)
