"""Consistency links: a numerator or denominator that is another indicator's published value.

An indicator's ``numerator_from`` or ``denominator_from`` names a count indicator, possibly in
another package of the site, whose value for the same period is that part of this indicator's
fraction (the children in residential homes are a share of the children in care, and the children
in care are counted by an indicator of their own). Where both publish a figure for the same
period and they differ, the data contradicts itself and a reader comparing the two pages would
see it; ``check`` reports it, naming both files, rows and fields.

The same period (docs/data-package.md, "Consistency links"):

- when the linked indicator reports snapshots, its figure on the last day of this indicator's
  period: the same day for a snapshot, 31 March 2025 for the financial year 2024-25 or the
  quarter ending in March 2025;
- otherwise, its period with the same first and last day: the same month or quarter, or a year
  and the 12 months that cover the same dates (2024-25 and the 12 months to March 2025).

A figure that is suppressed or missing on either side is not compared. These messages quote
figures before disclosure control: ``check`` reports to officers, never to readers.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from generator.input.load import RawPackage, Row
from generator.model.periods import Period, PeriodError, PeriodType, parse_canonical
from generator.model.site import RATE_BASE, Indicator, Package, Unit
from generator.problems import CODES, Problem

#: The parts of a fraction a link can fill, each with the indicators column that declares it.
PARTS = ("numerator", "denominator")

#: Period types whose periods are 12 months long and can cover the same dates as one another.
_YEARS = frozenset({PeriodType.FINANCIAL_YEAR, PeriodType.ACADEMIC_YEAR, PeriodType.CALENDAR_YEAR,
                    PeriodType.ROLLING_12_MONTHS})


@dataclass(frozen=True)
class _Figure:
    """An observation row of one indicator, with its period and where it is."""

    period: Period
    row: Row

    def number(self, field: str) -> float | None:
        cell = self.row.cells.get(field)
        return None if cell is None else float(cell)


@dataclass(frozen=True)
class _Indicator:
    """An indicator, the row that declares it and its observations."""

    indicator: Indicator
    row: Row
    figures: tuple[_Figure, ...]


def can_share_periods(ours: PeriodType, linked: PeriodType) -> bool:
    """Tell whether a period of ``ours`` can be the same period as one of ``linked``."""
    if linked is PeriodType.SNAPSHOT:
        return True  # read on the last day of our period
    if ours is PeriodType.SNAPSHOT:
        return False  # a count on one day is never a count over months
    return ours is linked or (ours in _YEARS and linked in _YEARS and PeriodType.ROLLING_12_MONTHS
                              in (ours, linked))


def _key(period: Period, snapshot: bool) -> date | tuple[date, date]:
    """Return what identifies the same period: the last day, or the first and last day."""
    return period.end if snapshot else (period.start, period.end)


def _figures(raw: RawPackage, indicators: dict[str, Indicator]) -> dict[str, list[_Figure]]:
    found: dict[str, list[_Figure]] = {}
    for row in raw.rows.get("observations", ()):
        indicator = indicators.get(row.text("indicator_id"))
        if indicator is None:
            continue
        try:
            period = parse_canonical(row.text("period"), indicator.period_type)
        except PeriodError:
            continue  # reported where the row was read
        found.setdefault(indicator.id, []).append(_Figure(period, row))
    return found


def _gather(packages: Iterable[tuple[RawPackage, Package]]) -> dict[str, _Indicator]:
    """Return every indicator of the site by id, with the row declaring it and its figures."""
    gathered: dict[str, _Indicator] = {}
    for raw, package in packages:
        by_id = {indicator.id: indicator for indicator in package.indicators}
        figures = _figures(raw, by_id)
        rows = {row.text("id"): row for row in raw.rows.get("indicators", ())}
        for indicator in package.indicators:
            if indicator.id in rows and indicator.id not in gathered:  # a duplicate is reported
                gathered[indicator.id] = _Indicator(indicator, rows[indicator.id],
                                                    tuple(figures.get(indicator.id, ())))
    return gathered


def _number(value: float) -> str:
    return f"{value:,.6f}".rstrip("0").rstrip(".")


def _mismatches(ours: _Indicator, part: str, linked: _Indicator) -> Iterator[Problem]:
    snapshot = linked.indicator.period_type is PeriodType.SNAPSHOT
    theirs = {_key(figure.period, snapshot): figure for figure in linked.figures}
    for figure in ours.figures:
        other = theirs.get(_key(figure.period, snapshot))
        mine = figure.number(part)
        value = None if other is None else other.number("value")
        if other is None or mine is None or value is None or abs(mine - value) < 1e-9:
            continue
        yield Problem(
            figure.row.file, figure.row.number, part,
            f"the {part} for {figure.period.label} is {_number(mine)}, but the value of "
            f"'{linked.indicator.id}' for {other.period.label} is {_number(value)} "
            f"({other.row.file}, row {other.row.number}, field \"value\"); {part}_from of "
            f"'{ours.indicator.id}' ({ours.row.file}, row {ours.row.number}) says they are the "
            "same count", CODES["link-mismatch"].fix, "link-mismatch")


def _link_problems(ours: _Indicator, part: str, site: dict[str, _Indicator],
                   known: set[str]) -> Iterator[Problem]:
    """Report one declared link: unknown, unsuitable, or figures that differ."""
    linked_id, row = getattr(ours.indicator, f"{part}_from"), ours.row
    field = f"{part}_from"
    linked = site.get(linked_id)
    if linked is None:
        if linked_id not in known:  # an indicator whose row was refused was reported there
            yield Problem(row.file, row.number, field, f"unknown indicator '{linked_id}'",
                          CODES["link-unknown"].fix, "link-unknown")
        return
    unit = linked.indicator.unit
    if unit is not Unit.COUNT or linked_id == ours.indicator.id:
        base = RATE_BASE.get(unit)
        what = "this indicator itself" if linked_id == ours.indicator.id else \
            f"a {f'rate per {base:,}' if base else unit.value}, not a count"
        yield Problem(row.file, row.number, field,
                      f"'{linked_id}' is {what}, so its value cannot be the {part}",
                      CODES["link-unit"].fix, "link-unit")
        return
    kinds = ours.indicator.period_type, linked.indicator.period_type
    if not can_share_periods(*kinds):
        yield Problem(row.file, row.number, field,
                      f"'{ours.indicator.id}' has {kinds[0].value.replace('_', ' ')} periods and "
                      f"'{linked_id}' {kinds[1].value.replace('_', ' ')} periods, so no period of "
                      "one is a period of the other", CODES["link-period"].fix, "link-period")
        return
    yield from _mismatches(ours, part, linked)


def link_problems(packages: Iterable[tuple[RawPackage, Package]]) -> list[Problem]:
    """Return the problems of every consistency link declared in the site's packages."""
    packages = list(packages)
    site = _gather(packages)
    known = set(site) | {row.text("id") for raw, _ in packages
                         for row in raw.rejected.get("indicators", ())}
    return [problem for ours in site.values() for part in PARTS
            if getattr(ours.indicator, f"{part}_from")
            for problem in _link_problems(ours, part, site, known)]
