"""Disclosure control: no count of people from 1 to the threshold can be read or worked out.

Applied once, to the model, straight after loading: every page, chart, table, download, the
search index and What changed are made from the protected model, so none of them can reveal a
suppressed number. The rules hold against arithmetic on everything published, not only against
reading it (docs/methodology-analysis.md, "Disclosure control", says the same for officers):

- Threshold: a count of people from 1 to the threshold (default 5) is published as ``c``. Zero
  is published: "none" reveals nothing about any one child.
- Observations of an indicator marked ``counts_people`` or whose ``numerator_counts`` names
  people, and of every percentage and rate (they are worked out from counts of people even
  when not marked so): the observation (value,
  numerator and denominator together) is suppressed when any count it publishes or implies is
  small. Those counts are the numerator and denominator; the count implied by the value with
  only one of them (value × denominator ÷ 100 for a percentage, ÷ the rate base for a rate, as
  stored and as the page rounds it); and, for a percentage, the complement (denominator −
  numerator: 98.5% of 200 reveals that 3 were not counted, as DfE treats it).
- Values are published at the precision the page shows (the indicator's decimal places), so a
  download or a chart's data reveals no more than the table. Numerators and denominators are
  counts and stay as they are.
- Breakdowns of every indicator that counts people (as above) hold counts of people: a category
  from 1 to the threshold is suppressed. Secondary suppression never depends on a category's
  name or on a published total, because a total can always come from somewhere (the
  observation, a category called anything, another breakdown, an earlier release): in every
  (indicator, period, dimension) group with a hidden category, at least two of the categories
  that add up to the whole are hidden, choosing the smallest others. A category that is the
  whole (named "Total" or "All ...", or equal to the sum of the others) is not counted as one of
  the two and is chosen last: hiding it leaves the one hidden part open to subtraction from the
  total published elsewhere. It is hidden only when no other category is left, in case it is a
  part after all ("All other reasons").
- Across releases: what an earlier release hid stays hidden for the same period, and a
  breakdown's second hidden category is chosen among those whose figure the earlier release did
  not publish when there is one, so the earlier release's figures cannot unlock this one's. What
  changed shows no earlier figure that the current release hides.
- Comparators (England, region, statistical neighbours) are not protected: DfE has published
  them already, and they are not the council's own people.
- Values already marked ``c`` in the data stay suppressed.
- A suppressed observation (whether the data or these rules hid it) loses its officer's note
  everywhere, the package ZIP included: the note might quote the hidden figure. Its reason is the
  ``c`` symbol's, "not published to protect confidentiality".
"""

from __future__ import annotations

import math
from dataclasses import replace
from itertools import groupby
from typing import TypeVar

from generator.analysis.numbers import rounded
from generator.model.periods import Period
from generator.model.site import (
    PEOPLE,
    RATE_BASE,
    BreakdownValue,
    Indicator,
    IndicatorData,
    Missing,
    Observation,
    Site,
    Unit,
)

#: Where a breakdown category sits: (period, dimension, category).
CellKey = tuple[Period, str, str]


def is_small(count: float | None, threshold: int) -> bool:
    """Return True for a count from 1 to the threshold."""
    return count is not None and 0 < count <= threshold


def reveals_small(count: float, threshold: int) -> bool:
    """Return True when a worked-out count, rounded to whole people, is from 1 to the threshold."""
    # Rounded half up to whole people, a count from 0.5 up to (not including) threshold + 0.5
    # is 1 to the threshold: the same test as rounding each count, without the rounding.
    return is_small(count, threshold) or 0.5 <= count < threshold + 0.5


def implied_counts(row: Observation, indicator: Indicator) -> tuple[float, ...]:
    """Return every count of people an observation publishes or lets a reader work out."""
    counts = [count for count in (row.numerator, row.denominator) if count is not None]
    unit = indicator.unit
    scale = 100 if unit is Unit.PERCENTAGE else RATE_BASE.get(unit)
    if scale is None or row.value is None:
        return tuple(counts)
    # The value as stored and as the page rounds it: a reader works from the printed figure.
    for value in sorted({row.value, rounded(row.value, indicator)}):
        numerator, denominator = row.numerator, row.denominator
        if numerator is None and denominator is not None:
            numerator = value * denominator / scale
        elif denominator is None and numerator is not None and value > 0:
            denominator = numerator * scale / value
        if numerator is None or denominator is None:
            continue
        counts.extend((numerator, denominator))
        if unit is Unit.PERCENTAGE:
            counts.append(denominator - numerator)  # the complement: "all but 3"
    return tuple(counts)


def _suppressed(row: Observation) -> Observation:
    # The note goes with the number: the site cannot tell whether an officer's words quote it
    # ("Revised from 4 after late recording"), and the c symbol already says why (analysis/notes.py).
    return replace(row, value=None, numerator=None, denominator=None, missing=Missing.CONFIDENTIAL,
                   note="")


def _protect_observation(row: Observation, indicator: Indicator, threshold: int,
                         hidden_before: bool) -> Observation:
    small_value = indicator.unit is Unit.COUNT and is_small(row.value, threshold)
    if (small_value or hidden_before or row.missing is Missing.CONFIDENTIAL
            or any(reveals_small(count, threshold) for count in implied_counts(row, indicator))):
        return _suppressed(row)
    return row


def is_total_name(category: str) -> bool:
    """Tell whether a category's name says it is the whole: "Total", "All children"."""
    name = category.strip().lower()
    return name in ("total", "all") or name.startswith("all ")


def _whole(cells: list[BreakdownValue]) -> set[int]:
    """Return the positions of the categories that are the whole group, by name or by sum."""
    named = {i for i, cell in enumerate(cells) if is_total_name(cell.category)}
    parts = [i for i in range(len(cells)) if i not in named]
    by_sum = set()
    for i in parts:
        others = [cells[j].value for j in parts if j != i]
        value = cells[i].value
        if value and len(others) >= 2 and all(v is not None for v in others) \
                and math.isclose(value, sum(v for v in others if v is not None)):
            by_sum.add(i)
    return named | by_sum


def _hide(row: BreakdownValue) -> BreakdownValue:
    return replace(row, value=None, missing=Missing.CONFIDENTIAL)


def _protect_group(group: list[BreakdownValue], threshold: int, hidden_before: set[CellKey],
                   public_before: dict[CellKey, float]) -> list[BreakdownValue]:
    """Suppress a group's small categories, then hide others until two parts are hidden."""
    key = lambda row: (row.period, row.dimension, row.category)  # noqa: E731 - a cell's address
    whole = _whole(group)
    cells = [_hide(row) if is_small(row.value, threshold) or row.missing is Missing.CONFIDENTIAL
             or key(row) in hidden_before else row for row in group]
    if not any(row.missing is Missing.CONFIDENTIAL for row in cells):
        return cells
    hidden = sum(1 for i, row in enumerate(cells)
                 if i not in whole and row.missing is Missing.CONFIDENTIAL)
    # Smallest first, so the least is hidden; figures an earlier release published later, as
    # hiding them now hides nothing; zeros later still (they hide little, but something). A
    # total comes last of all: hiding it leaves the one hidden part open to the total published
    # elsewhere, so it is taken only when nothing else is left, in case it is a part after all
    # ("All other reasons").
    candidates = sorted(
        (i for i, row in enumerate(cells) if row.value is not None and row.value >= 0),
        key=lambda i: (i in whole, _same(public_before.get(key(cells[i])), cells[i].value),
                       cells[i].value == 0, cells[i].value or 0, cells[i].category))
    for i in candidates[:max(0, 2 - hidden)]:
        cells[i] = _hide(cells[i])
    return cells


def _same(before: float | None, now: float | None) -> bool:
    return before is not None and now is not None and math.isclose(before, now)


def _protect_breakdowns(rows: tuple[BreakdownValue, ...], threshold: int,
                        earlier: tuple[BreakdownValue, ...] = ()) -> tuple[BreakdownValue, ...]:
    hidden_before = {(r.period, r.dimension, r.category) for r in earlier
                     if r.missing is Missing.CONFIDENTIAL}
    public_before = {(r.period, r.dimension, r.category): r.value for r in earlier
                     if r.value is not None}
    result: list[BreakdownValue] = []
    key = lambda row: (row.period, row.dimension)  # noqa: E731 - a sort key
    for _, group in groupby(sorted(rows, key=key), key=key):
        result.extend(_protect_group(list(group), threshold, hidden_before, public_before))
    return tuple(sorted(result, key=lambda r: (r.period, r.dimension, r.order, r.category)))


def counts_people(indicator: Indicator) -> bool:
    """Tell whether an indicator's figures are made from counts of people."""
    # Percentages and rates are worked out from counts of people even when not marked so, and a
    # figure whose ``numerator_counts`` names people (children, care leavers...) counts people
    # whether or not ``counts_people`` says so too: either is enough to protect it.
    return (indicator.counts_people or indicator.numerator_counts in PEOPLE
            or indicator.unit is Unit.PERCENTAGE or indicator.unit in RATE_BASE)


Row = TypeVar("Row", Observation, BreakdownValue)


def _as_shown(row: Row, indicator: Indicator) -> Row:
    """Return the row with its value rounded as the page shows it."""
    if row.value is None:
        return row
    shown = rounded(row.value, indicator)
    return row if shown == row.value else replace(row, value=shown)


def protect_indicator(data: IndicatorData, threshold: int,
                      earlier: IndicatorData | None = None) -> IndicatorData:
    """Return one indicator's data with small counts suppressed (consistently with ``earlier``)."""
    indicator = data.indicator
    hidden_before = {row.period for row in (earlier.observations if earlier else ())
                     if row.missing is Missing.CONFIDENTIAL}
    people = counts_people(indicator)
    observations = tuple(
        _as_shown(_protect_observation(row, indicator, threshold, row.period in hidden_before),
                  indicator) if people
        else (_suppressed(row) if row.missing is Missing.CONFIDENTIAL else _as_shown(row, indicator))
        for row in data.observations
    )
    breakdowns = data.breakdowns
    if people and breakdowns:
        breakdowns = _protect_breakdowns(breakdowns, threshold,
                                         earlier.breakdowns if earlier else ())
    breakdowns = tuple(_as_shown(row, indicator) for row in breakdowns)
    return replace(data, observations=observations, breakdowns=breakdowns)


def _earlier(data: IndicatorData, previous: Site | None) -> IndicatorData | None:
    if previous is None:
        return None
    return next((previous.by_id[i] for i in (data.indicator.id, *data.indicator.previous_ids)
                 if i in previous.by_id), None)


def protect(site: Site, threshold: int, previous: Site | None = None) -> Site:
    """Return the site with disclosure control applied to every indicator and package.

    ``previous`` is the data the previous release published (already protected): what it hid
    stays hidden, so the two releases together reveal no more than each alone.
    """
    protected = {data.indicator.id: protect_indicator(data, threshold, _earlier(data, previous))
                 for data in site.indicators}
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


def hide_in_previous(previous: Site, current: Site) -> Site:
    """Return the previous release's data with every figure the current release hides hidden.

    What changed shows earlier figures beside current ones; it must not show one the current
    release suppresses (the earlier release itself is unchanged at its own address).
    """
    hidden = {(indicator_id, row.period) for data in current.indicators
              for indicator_id in (data.indicator.id, *data.indicator.previous_ids)
              for row in data.observations if row.missing is Missing.CONFIDENTIAL}
    indicators = tuple(
        replace(data, observations=tuple(
            _suppressed(row) if (data.indicator.id, row.period) in hidden else row
            for row in data.observations))
        for data in previous.indicators)
    return replace(previous, indicators=indicators)
