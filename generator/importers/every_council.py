"""Every council's figure for the imported indicators: the rows ranks and quartile bands need.

The readers hand back each council's figure in a file as an ``OTHER`` area (EES by GSS code,
LAIT by old LA number). Here they become comparator rows of area type ``council`` with the
council's current code and name from the council table, by any code DfE has used for it; a council
the table marks abolished (Poole, Cumbria...), or a code it does not hold, is left out, so each
row names a council that exists now. The council's
own figures and its neighbours' are added too, so the rows are every council's, ours included.
"""

from __future__ import annotations

from collections.abc import Iterable

from generator.importers.councils import Council
from generator.importers.package import COUNCIL, OTHER, Area, Figure
from generator.model.site import AreaType


def every_council(figures: Iterable[Figure], councils: Iterable[Council]) -> list[Figure]:
    """Return the figures with each council's figure also given as a ``council`` row.

    Only each indicator's latest period in which our own council's figure is a number is kept:
    that is the period its page ranks it in (older periods would make a package about ten times
    the size for figures no page shows).
    """
    figures = list(figures)
    by_code: dict[str, Council] = {}
    for each in councils:
        if not each.abolished:
            for code in each.codes:
                by_code[code] = each
    latest: dict[str, Figure] = {}
    for figure in figures:
        if figure.area.type == COUNCIL and figure.cell.is_number:
            known = latest.get(figure.indicator_id)
            # One indicator's canonical codes are of one period type and start with the year,
            # so they sort as their periods do.
            if known is None or figure.period > known.period:
                latest[figure.indicator_id] = figure
    ours = {(f.indicator_id, f.period) for f in latest.values()}
    kept = [f for f in figures if f.area.type != OTHER]
    seen: set[tuple[str, str, str]] = set()
    for figure in figures:
        if figure.area.type not in (OTHER, COUNCIL, AreaType.NEIGHBOUR.value):
            continue
        council = by_code.get(figure.area.code)
        key = (figure.indicator_id, figure.period, council.gss_code if council else "")
        if council is None or key[:2] not in ours or key in seen:
            continue
        seen.add(key)
        kept.append(Figure(figure.indicator_id, figure.period,
                           Area(AreaType.COUNCIL.value, council.gss_code, council.name),
                           figure.cell, file=figure.file, row=figure.row))
    return kept
