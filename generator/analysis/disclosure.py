"""Disclosure control: small counts of people are never published, anywhere.

Applied once, to the model, straight after loading: every page, chart, table, download and the
search index are made from the protected model, so none of them can reveal a suppressed number.

Rules (as DfE practises them for children's data):
- For an indicator marked ``counts_people``, a count from 1 to the threshold (default 5) is
  published as ``c``: the value of a count indicator, and its numerator or denominator.
- The numerator and denominator of every percentage and rate count people too (a percentage
  cannot be marked ``counts_people``), so the same rule applies to them.
  When the numerator or denominator is suppressed, so is the value worked out from it.
- Breakdown categories from 1 to the threshold are suppressed too. Where exactly one category of
  a breakdown is suppressed and the total is known, the smallest other category is also
  suppressed (secondary suppression), so the hidden one cannot be worked out by subtraction.
- Values already marked ``c`` in the data stay suppressed.
Zero is published: "none" reveals nothing about any one child.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import groupby

from generator.model.periods import Period
from generator.model.site import (
    RATE_BASE,
    BreakdownValue,
    Indicator,
    IndicatorData,
    Missing,
    Observation,
    Site,
    Unit,
)


def is_small(count: float | None, threshold: int) -> bool:
    """Return True for a count from 1 to the threshold."""
    return count is not None and 0 < count <= threshold


def _protect_observation(row: Observation, unit: Unit, threshold: int) -> Observation:
    small_value = unit is Unit.COUNT and is_small(row.value, threshold)
    if small_value or is_small(row.numerator, threshold) or is_small(row.denominator, threshold):
        return replace(row, value=None, numerator=None, denominator=None,
                       missing=Missing.CONFIDENTIAL)
    if row.missing is Missing.CONFIDENTIAL:
        return replace(row, value=None, numerator=None, denominator=None)
    return row


def _protect_breakdowns(rows: tuple[BreakdownValue, ...], totals: dict[Period, float],
                        threshold: int) -> tuple[BreakdownValue, ...]:
    result: list[BreakdownValue] = []
    key = lambda row: (row.period, row.dimension)  # noqa: E731 - a sort key
    for (period, _dimension), group in groupby(sorted(rows, key=key), key=key):
        cells = [
            replace(row, value=None, missing=Missing.CONFIDENTIAL)
            if is_small(row.value, threshold) or row.missing is Missing.CONFIDENTIAL else row
            for row in group
        ]
        hidden = [row for row in cells if row.missing is Missing.CONFIDENTIAL]
        has_total = period in totals or any(r.category.lower() == "total" for r in cells)
        if len(hidden) == 1 and has_total:
            candidates = [r for r in cells if r.value is not None and r.value > 0
                          and r.category.lower() != "total"]
            if candidates:
                smallest = min(candidates, key=lambda r: (r.value, r.category))
                cells = [replace(r, value=None, missing=Missing.CONFIDENTIAL) if r is smallest
                         else r for r in cells]
        result.extend(cells)
    return tuple(sorted(result, key=lambda r: (r.period, r.dimension, r.order, r.category)))


def _counts_people(indicator: Indicator) -> bool:
    # Percentages and rates are worked out from counts of people even when not marked so.
    return (indicator.counts_people or indicator.unit is Unit.PERCENTAGE
            or indicator.unit in RATE_BASE)


def protect_indicator(data: IndicatorData, threshold: int) -> IndicatorData:
    """Return one indicator's data with small counts suppressed."""
    indicator = data.indicator
    observations = tuple(
        _protect_observation(row, indicator.unit, threshold) if _counts_people(indicator)
        else (replace(row, value=None, numerator=None, denominator=None)
              if row.missing is Missing.CONFIDENTIAL else row)
        for row in data.observations
    )
    breakdowns = data.breakdowns
    if indicator.counts_people and breakdowns:
        totals = {row.period: row.value for row in observations
                  if indicator.unit is Unit.COUNT and row.value is not None}
        breakdowns = _protect_breakdowns(breakdowns, totals, threshold)
    return replace(data, observations=observations, breakdowns=breakdowns)


def protect(site: Site, threshold: int) -> Site:
    """Return the site with disclosure control applied to every indicator and package."""
    protected = {data.indicator.id: protect_indicator(data, threshold) for data in site.indicators}
    # Downloads are written from the packages, pages from the indicators: protect both. The
    # site is already assembled and sorted, so it is updated in place of being grouped again.
    packages = []
    for package in site.packages:
        ids = [indicator.id for indicator in package.indicators]
        packages.append(replace(
            package,
            observations=tuple(o for i in ids for o in protected[i].observations),
            breakdowns=tuple(b for i in ids for b in protected[i].breakdowns),
        ))
    return replace(site, packages=tuple(packages),
                   indicators=tuple(protected[d.indicator.id] for d in site.indicators))
