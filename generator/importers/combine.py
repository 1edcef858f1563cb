"""Combine DfE's two sources into one set of figures: explore education statistics first, LAIT
filling the periods it lacks.

The choice is made per indicator and period, on the council's own figure: when the explore
education statistics files have the council's figure for a period, every figure of that period
(the council's and its comparators') comes from them; otherwise, when LAIT has it, every figure
of that period comes from LAIT. So a period's comparators always come from the same release as
the council's figure, and no figure is given twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from generator.importers.package import COUNCIL, Figure
from generator.importers.report import Source


def _council_periods(figures: Sequence[Figure]) -> set[tuple[str, str]]:
    return {(f.indicator_id, f.period) for f in figures if f.area.type == COUNCIL}


def combine(ees: Sequence[Figure], lait: Sequence[Figure]) -> list[Figure]:
    """Return the figures to import, each marked with the source it came from."""
    from_lait = _council_periods(lait) - _council_periods(ees)
    kept = [replace(f, origin=Source.EES.value) for f in ees
            if (f.indicator_id, f.period) not in from_lait]
    kept += [replace(f, origin=Source.LAIT.value) for f in lait
             if (f.indicator_id, f.period) in from_lait]
    return kept
