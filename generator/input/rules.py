"""Domain rules: what Frictionless cannot know about performance indicators.

Each rule looks at typed rows (which know their file and row number) and the indicators they
belong to, and yields problems with a plain-English fix. Rules never stop at the first problem.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

from generator.input.every_council import council_problems
from generator.input.formulas import formula_problems
from generator.input.load import RawPackage, Row
from generator.model import format as fmt
from generator.model.format import is_id
from generator.model.periods import Period, PeriodError, PeriodType, parse_canonical
from generator.model.site import (
    NOT_COMPARABLE,
    RATE_BASE,
    AreaType,
    Frequency,
    Indicator,
    Package,
    Polarity,
    ReleaseStatus,
    Unit,
)
from generator.model.words import AREA_KIND_WORDS
from generator.problems import CODES, Problem

# How far a published value may sit from numerator / denominator before it is reported, on top
# of rounding to the indicator's decimal places (published figures are often rounded twice).
CONSISTENCY_SLACK = 0.05


#: The units whose figures can be below zero: a score, a change or a balance. Counts, rates, days,
#: weeks and percentages cannot (docs/data-package.md, "Limits on numbers and dates").
CAN_BE_NEGATIVE = frozenset({Unit.NUMBER, Unit.POUNDS})

ALLOWED_PERIODS = {
    Frequency.MONTHLY: {PeriodType.MONTH, PeriodType.ROLLING_12_MONTHS, PeriodType.SNAPSHOT},
    Frequency.QUARTERLY: {PeriodType.QUARTER, PeriodType.ROLLING_12_MONTHS, PeriodType.SNAPSHOT},
    Frequency.ANNUAL: {PeriodType.FINANCIAL_YEAR, PeriodType.ACADEMIC_YEAR, PeriodType.CALENDAR_YEAR,
                       PeriodType.ROLLING_12_MONTHS, PeriodType.SNAPSHOT},
}


def _period(code: str, kind: PeriodType) -> Period | None:
    try:
        return parse_canonical(code, kind)
    except PeriodError:
        return None  # reported by the loader


def _float(value: object) -> float | None:
    return None if value is None else float(value)  # type: ignore[arg-type]


def _fmt(number: float) -> str:
    return f"{number:g}"


def _unit_words(unit: Unit) -> str:
    """Return the unit as the officer reads it: 'rate per 10,000', 'count'."""
    base = RATE_BASE.get(unit)
    return f"rate per {base:,}" if base else unit.value


def _negative(row: Row, field: str, unit: Unit, number: object) -> Iterator[Problem]:
    """Report a number below zero in a unit that cannot be (a percentage has its own range rule)."""
    value = _float(number)
    if value is not None and value < 0 and unit not in CAN_BE_NEGATIVE:
        yield Problem(row.file, row.number, field,
                      f"{_fmt(value)} is negative, but a {_unit_words(unit)} cannot be",
                      CODES["negative"].fix, "negative")


def _indicator_rules(raw: RawPackage, package: Package) -> Iterator[Problem]:
    priorities = {item.id for item in package.priorities}
    for row, indicator in zip(raw.rows.get("indicators", ()), package.indicators, strict=False):
        if indicator.period_type not in ALLOWED_PERIODS[indicator.frequency]:
            yield Problem(row.file, row.number, "period_type",
                          f"{'an' if indicator.frequency is Frequency.ANNUAL else 'a'} "
                          f"{indicator.frequency.value} indicator cannot have "
                          f"{indicator.period_type.value.replace('_', ' ')} periods",
                          CODES["frequency-period"].fix, "frequency-period")
        for priority in indicator.priorities:
            if priority not in priorities:
                yield Problem(row.file, row.number, "priorities", f"unknown priority '{priority}'",
                              CODES["unknown-priority"].fix,
                              "unknown-priority")
        for previous in indicator.previous_ids:
            if not is_id(previous):
                yield Problem(row.file, row.number, "previous_ids",
                              f"'{previous}' is not an id", CODES["previous-id-invalid"].fix,
                              "previous-id-invalid")
        if indicator.unit is Unit.PERCENTAGE and indicator.counts_people:
            yield Problem(row.file, row.number, "counts_people",
                          "a percentage is not a count of people",
                          CODES["counts-people-unit"].fix, "counts-people-unit")


def _value_rules(row: Row, indicator: Indicator, with_fraction: bool = True) -> Iterator[Problem]:
    value, missing = _float(row.cells.get("value")), row.text("missing")
    if value is not None and missing:
        yield Problem(row.file, row.number, "missing",
                      f"the row has both a value ({_fmt(value)}) and a missing-value symbol "
                      f"'{missing}'", CODES["value-and-missing"].fix,
                      "value-and-missing")
    if value is None and not missing:
        yield Problem(row.file, row.number, "value", "the value is empty and no reason is given",
                      CODES["value-empty"].fix, "value-empty")
    if value is None:
        return
    if indicator.unit is Unit.PERCENTAGE and not 0 <= value <= 100:
        yield Problem(row.file, row.number, "value", f"percentage {_fmt(value)} is outside 0 to 100",
                      CODES["percentage-range"].fix,
                      "percentage-range")
    if indicator.unit is not Unit.PERCENTAGE:
        yield from _negative(row, "value", indicator.unit, value)
    if not with_fraction:
        return
    # Excel cells arrive as float and CSV cells as Decimal; arithmetic needs one type.
    numerator = _float(row.cells.get("numerator"))
    denominator = _float(row.cells.get("denominator"))
    if numerator is None or denominator is None:
        return
    if indicator.unit is Unit.PERCENTAGE and numerator > denominator:
        yield Problem(row.file, row.number, "numerator",
                      f"the numerator ({_fmt(numerator)}) is larger than the denominator "
                      f"({_fmt(denominator)})", CODES["numerator-above-denominator"].fix,
                      "numerator-above-denominator")
        return
    scale = 100 if indicator.unit is Unit.PERCENTAGE else RATE_BASE.get(indicator.unit)
    if scale is None or denominator == 0:
        return
    expected = numerator / denominator * scale
    allowed = 0.5 * 10 ** -indicator.decimal_places + CONSISTENCY_SLACK * max(1.0, 10 **
                                                                              -indicator.decimal_places)
    if abs(expected - value) > allowed + 1e-9:
        yield Problem(row.file, row.number, "value",
                      f"value {_fmt(value)} does not match numerator ÷ denominator "
                      f"({_fmt(numerator)} ÷ {_fmt(denominator)} gives "
                      f"{expected:.{indicator.decimal_places}f})",
                      CODES["value-fraction"].fix, "value-fraction")


def _frequency_fits(period: Period, indicator: Indicator) -> bool:
    if indicator.frequency is Frequency.QUARTERLY and period.type in (
        PeriodType.ROLLING_12_MONTHS, PeriodType.SNAPSHOT
    ):
        return period.end.month in (3, 6, 9, 12)
    return True


def _row_rules(raw: RawPackage, indicators: dict[str, Indicator]) -> Iterator[Problem]:
    # A rejected observation was reported where it was read; its commentary is not an orphan.
    observed = {(row.text("indicator_id"), row.text("period"))
                for row in raw.rejected.get("observations", ())}
    for row in raw.rows.get("observations", ()):
        indicator = indicators.get(row.text("indicator_id"))
        if indicator is None:
            continue
        observed.add((indicator.id, row.text("period")))
        period = _period(row.text("period"), indicator.period_type)
        if period is not None and not _frequency_fits(period, indicator):
            yield Problem(row.file, row.number, "period",
                          f"'{period.code}' is not a quarter end, but the indicator is quarterly",
                          CODES["period-frequency"].fix,
                          "period-frequency")
        yield from _value_rules(row, indicator)
    for row in raw.rows.get("comparators", ()):
        indicator = indicators.get(row.text("indicator_id"))
        if indicator is not None:
            yield from _value_rules(row, indicator)
            if indicator.unit in NOT_COMPARABLE:
                area = row.text("area_type")
                kind = (AREA_KIND_WORDS[AreaType(area)] if area in set(AreaType)
                        else area.replace("_", " "))
                yield Problem(row.file, row.number, "area_type",
                              f"'{indicator.id}' is a {_unit_words(indicator.unit)}, which cannot "
                              f"be compared with the {kind} figure", CODES["comparator-unit"].fix,
                              "comparator-unit")
    for row in raw.rows.get("breakdowns", ()):
        value, missing = row.cells.get("value"), row.text("missing")
        if (value is None) == (not missing):
            yield Problem(row.file, row.number, "value",
                          "give either a value or a missing-value symbol, not both or neither",
                          CODES["breakdown-value"].fix,
                          "breakdown-value")
    # Without a readable observations file that problem is reported once, not here for each row.
    for resource in ("commentary", "ratings") if "observations" in raw.files else ():
        for row in raw.rows.get(resource, ()):
            key = (row.text("indicator_id"), row.text("period"))
            if key[0] in indicators and key not in observed:
                yield Problem(row.file, row.number, "period",
                              f"there is no observation of '{key[0]}' for period '{key[1]}'",
                              CODES[f"{resource}-period"].fix, f"{resource}-period")


def _target_rules(raw: RawPackage, indicators: dict[str, Indicator]) -> Iterator[Problem]:
    targeted: set[str] = set()
    for row in raw.rows.get("targets", ()):
        indicator = indicators.get(row.text("indicator_id"))
        if indicator is None:
            continue
        target = row.cells.get("target")
        low, high = row.cells.get("expected_low"), row.cells.get("expected_high")
        targeted.add(indicator.id)
        if indicator.polarity is Polarity.NONE and target is not None:
            yield Problem(row.file, row.number, "target",
                          f"'{indicator.id}' has no preferred direction, so it cannot have a target",
                          CODES["target-polarity"].fix, "target-polarity")
        if indicator.polarity is not Polarity.NONE and target is None:
            yield Problem(row.file, row.number, "target",
                          f"'{indicator.id}' is {indicator.polarity.value.replace('_', ' ')} but "
                          "this row has no target", CODES["target-missing"].fix, "target-missing")
        if (low is None) != (high is None):
            yield Problem(row.file, row.number, "expected_high" if high is None else "expected_low",
                          "an expected range needs both ends",
                          CODES["range-incomplete"].fix, "range-incomplete")
        elif low is not None and high is not None and low > high:
            yield Problem(row.file, row.number, "expected_low",
                          f"the range is upside down ({_fmt(low)} is above {_fmt(high)})",
                          CODES["range-order"].fix, "range-order")
        if indicator.unit is Unit.PERCENTAGE and target is not None and not 0 <= target <= 100:
            yield Problem(row.file, row.number, "target",
                          f"percentage target {_fmt(target)} is outside 0 to 100",
                          CODES["target-range"].fix, "target-range")
        for name in ("expected_low", "expected_high") if indicator.unit is Unit.PERCENTAGE else (
                "target", "expected_low", "expected_high"):
            yield from _negative(row, name, indicator.unit, row.cells.get(name))
    for row in raw.rows.get("ratings", ()):
        indicator_id = row.text("indicator_id")
        if indicator_id in indicators and indicator_id not in targeted:
            yield Problem(row.file, row.number, "indicator_id",
                          f"'{indicator_id}' is rated but has no target or expected range",
                          CODES["rating-without-target"].fix, "rating-without-target")


#: The id columns of each table: the fields the format writes with the id pattern.
_ID_FIELDS = {resource: tuple(field["name"] for field in schema["fields"]
                              if field.get("constraints", {}).get("pattern") == fmt.ID_PATTERN)
              for resource, schema in fmt.SCHEMAS.items()}


def _id_length_rules(raw: RawPackage) -> Iterator[Problem]:
    """Report ids too long to be a file name: every id becomes a folder or file of the site."""
    for resource, names in _ID_FIELDS.items():
        for row in raw.rows.get(resource, ()) if names else ():
            for name in names:
                text = row.cells.get(name)
                if isinstance(text, str) and len(text) > fmt.ID_MAX_LENGTH:
                    yield Problem(row.file, row.number, name,
                                  f"the id '{text[:20]}…' is {len(text)} characters long, over "
                                  f"the {fmt.ID_MAX_LENGTH} an id may have",
                                  CODES["id-too-long"].fix, "id-too-long")


def package_problems(raw: RawPackage, package: Package) -> list[Problem]:
    """Return the domain problems of one package."""
    indicators = {indicator.id: indicator for indicator in package.indicators}
    problems = list(_indicator_rules(raw, package))
    problems += _row_rules(raw, indicators)
    problems += _target_rules(raw, indicators)
    problems += council_problems(raw, package)
    problems += formula_problems(raw)
    problems += _id_length_rules(raw)
    return problems


def site_problems(packages: Iterable[tuple[RawPackage, Package]]) -> list[Problem]:
    """Return problems that only show when packages are combined into one site."""
    packages = list(packages)
    problems: list[Problem] = []
    owners: dict[str, list[tuple[str, int | None]]] = {}
    names = Counter(raw.name for raw, _ in packages)
    for raw, _ in packages:
        if names[raw.name] > 1:
            problems.append(Problem(raw.path, None, "name", f"two packages are named '{raw.name}'",
                                    CODES["package-name"].fix, "package-name"))
    for raw, package in packages:
        # Name the row of the indicator, so the report points at the line to change.
        numbers = {row.text("id"): row.number for row in raw.rows.get("indicators", ())}
        for indicator in package.indicators:
            owners.setdefault(indicator.id, []).append(
                (raw.files.get("indicators", raw.path), numbers.get(indicator.id)))
    # Ids on rows that failed validation were reported there; do not call them unknown.
    all_ids = set(owners) | {row.text("id") for raw, _ in packages
                             for row in raw.rejected.get("indicators", ())}
    retired_ids = {pid for _, p in packages for i in p.indicators for pid in i.previous_ids}
    for indicator_id, places in owners.items():
        if len(places) > 1:
            problems.append(Problem(places[1][0], places[1][1], "id",
                                    f"indicator id '{indicator_id}' is also used in "
                                    f"{places[0][0]}, row {places[0][1]}",
                                    CODES["duplicate-id"].fix,
                                    "duplicate-id"))
        if indicator_id in retired_ids:
            problems.append(Problem(places[0][0], places[0][1], "id",
                                    f"'{indicator_id}' is listed as a previous id of another "
                                    "indicator", CODES["previous-id-reused"].fix, "previous-id-reused"))
    for raw, package in packages:
        rows = dict(zip((i.id for i in package.indicators), raw.rows.get("indicators", ()),
                        strict=False))
        for indicator in package.indicators:
            row = rows[indicator.id]
            for related in indicator.related + ((indicator.replaced_by,) if indicator.replaced_by
                                                else ()):
                if related not in all_ids:
                    yield_field = "related" if related in indicator.related else "replaced_by"
                    problems.append(Problem(row.file, row.number, yield_field,
                                            f"unknown indicator '{related}'",
                                            CODES["unknown-related"].fix,
                                            "unknown-related"))
    areas: dict[str, tuple[str, int, str]] = {}
    for raw, package in packages:
        for area in package.service_areas:
            seen = areas.setdefault(area.id, (area.title, area.item, raw.path))
            if seen[:2] != (area.title, area.item):
                problems.append(Problem(raw.files.get("service_areas", raw.path), None, "id",
                                        f"service area '{area.id}' differs from the one in "
                                        f"{seen[2]}", CODES["service-area-conflict"].fix,
                                        "service-area-conflict"))
    return problems


def release_problems(packages: Iterable[tuple[RawPackage, Package]]) -> list[Problem]:
    """Report a site with no published release: it has no release to build (one problem)."""
    packages = list(packages)
    if not packages or any(release.status is ReleaseStatus.PUBLISHED
                           for _, package in packages for release in package.releases):
        return []
    if any(row.text("status") == ReleaseStatus.PUBLISHED.value
           for raw, _ in packages for row in raw.rejected.get("releases", ())):
        return []  # the published release's row was refused, and reported
    raw = next((raw for raw, _ in packages if "releases" in raw.files), None)
    if raw is None:
        return []  # no releases table: reported as a missing table
    return [Problem(raw.files["releases"], None, "status", "no release is published, so there is "
                    "nothing to build the site from", CODES["no-published-release"].fix,
                    "no-published-release")]
