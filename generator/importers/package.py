"""Assemble an indicator data package from imported figures: a pure function of its inputs.

The readers (``ees.py``, ``lait.py``) turn source files into ``Figure`` rows; this module turns
them into the package's tables and descriptor; ``writer.py`` writes them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from generator.importers.councils import Council
from generator.importers.mapping import IndicatorMapping, Mapping
from generator.importers.published import Cell, mean_text
from generator.model import format as fmt
from generator.model.site import NOT_COMPARABLE, AreaType, Release

COUNCIL = "own"  # the council the package is for; other areas' types are AreaType values
OTHER = "other"  # any other council, as a reader found it (every_council.py makes its rows)
AVERAGE_CODE = "statistical-neighbours"
AVERAGE_NAME = "Statistical neighbours' average (calculated)"
ATTRIBUTION = "Source: Department for Education, Open Government Licence v3.0"
AVERAGE_NOTE = (
    "The statistical neighbours' average is calculated by the importer, not published by DfE: "
    "the mean of the {size} neighbours' published figures, rounded to {places} decimal place(s). "
    "It is only given for a year when every neighbour's figure is published as a number; when "
    "any is suppressed or missing, no average is shown (suppressed figures are never averaged)."
)


@dataclass(frozen=True)
class Area:
    """Where a figure is for: the council itself or a comparator area."""

    type: str  # COUNCIL, OTHER or an AreaType value
    code: str
    name: str


@dataclass(frozen=True)
class Figure:
    """One published figure, exactly as published, with where it was read."""

    indicator_id: str
    period: str  # canonical period code
    area: Area
    cell: Cell
    numerator: str = ""
    denominator: str = ""
    file: str = ""
    row: int = 0


@dataclass(frozen=True)
class PackageContent:
    """What the writer writes: the descriptor and each table's rows."""

    descriptor: dict[str, Any]
    tables: dict[str, list[dict[str, str]]] = field(default_factory=dict)

    def summary(self) -> str:
        counts = ", ".join(f"{len(rows)} {name}" for name, rows in self.tables.items())
        return f"{self.descriptor['title']}: {counts}"


def resources(names: Iterable[str], **properties: str) -> list[dict[str, Any]]:
    """Return the descriptor's resources: one CSV per table, with the format's Table Schema.

    ``properties`` (such as ``format="csv"``) are added to every resource, before its schema.
    """
    return [{"name": name, "path": f"{name}.csv", "profile": "tabular-data-resource",
             **properties, "schema": fmt.schema(name)} for name in names]


def _value_fields(figure: Figure, with_counts: bool = True) -> dict[str, str]:
    # DfE rounds England and regional counts to the nearest 10, so a comparator's counts may not
    # reproduce its published percentage: comparators carry the published figure only.
    return {"value": figure.cell.value, "missing": figure.cell.missing,
            "numerator": figure.numerator if with_counts else "",
            "denominator": figure.denominator if with_counts else ""}


def neighbour_averages(figures: list[Figure], group_size: int,
                       indicators: dict[str, IndicatorMapping]) -> list[Figure]:
    """Return the neighbours' mean per indicator and period where all are published numbers."""
    grouped: dict[tuple[str, str], list[Figure]] = defaultdict(list)
    for figure in figures:
        if figure.area.type == AreaType.NEIGHBOUR.value:
            grouped[(figure.indicator_id, figure.period)].append(figure)
    averages = []
    for (indicator_id, period), group in sorted(grouped.items()):
        if group_size == 0 or len(group) != group_size:
            continue
        if not all(f.cell.is_number for f in group):
            continue
        places = indicators[indicator_id].decimal_places
        value = mean_text([f.cell.value for f in group], places)
        averages.append(Figure(indicator_id, period,
                               Area(AreaType.STATISTICAL_NEIGHBOURS.value, AVERAGE_CODE,
                                    AVERAGE_NAME), Cell(value=value)))
    return averages


def _indicator_row(item: IndicatorMapping, mapping: Mapping, neighbours: int,
                   source_note: str) -> dict[str, str]:
    notes = [item.data_notes, source_note]
    if neighbours:
        notes.append(AVERAGE_NOTE.format(size=neighbours, places=item.decimal_places))
    return {
        "id": item.id, "title": item.title, "question": item.question,
        "service_area": item.service_area, "priorities": "", "definition": item.definition,
        "numerator": item.numerator, "denominator": item.denominator, "unit": item.unit.value,
        "decimal_places": str(item.decimal_places), "polarity": item.polarity.value,
        "frequency": item.frequency.value, "period_type": item.period_type.value,
        "source": f"{item.source}. {ATTRIBUTION}.", "source_url": item.source_url,
        "licence": mapping.licence.get("title", ""), "status": "established",
        "small_number_threshold": "", "counts_people": "false",
        "numerator_counts": item.numerator_counts,
        "data_notes": "\n\n".join(note for note in notes if note), "why_it_matters": "",
        "related": "", "previous_ids": "", "replaced_by": "",
    }


def _full(resource: str, row: dict[str, str]) -> dict[str, str]:
    return {name: row.get(name, "") for name in fmt.field_names(resource)}


def assemble(mapping: Mapping, council: Council, figures: list[Figure], neighbours: int,
             release: Release, name: str, source_note: str) -> PackageContent:
    """Return the package for one council: observations, comparators, indicators and more."""
    indicators = {item.id: item for item in mapping.indicators}
    imported = sorted({f.indicator_id for f in figures if f.area.type == COUNCIL})
    # Counts are never compared with another area's (site.NOT_COMPARABLE; check refuses them).
    comparable = {i for i in imported if indicators[i].unit not in NOT_COMPARABLE}
    comparators = [f for f in figures if f.area.type != COUNCIL and f.indicator_id in comparable]
    comparators += neighbour_averages(comparators, neighbours, indicators)
    type_order = {t.value: i for i, t in enumerate(AreaType)}
    observations = sorted((f for f in figures if f.area.type == COUNCIL),
                          key=lambda f: (f.indicator_id, f.period))
    comparators.sort(key=lambda f: (f.indicator_id, f.period, type_order[f.area.type], f.area.code))
    used_areas = {indicators[i].service_area for i in imported}
    areas = sorted((a for a in mapping.service_areas if str(a.get("id")) in used_areas),
                   key=lambda a: (int(a.get("item", 0)), str(a.get("id"))))
    sources = sorted({(indicators[i].source, indicators[i].source_url) for i in imported})
    tables = {
        "service_areas": [_full("service_areas", {k: str(v) for k, v in a.items()}) for a in areas],
        "indicators": [_full("indicators", _indicator_row(indicators[i], mapping, neighbours,
                                                          source_note)) for i in imported],
        "observations": [_full("observations", {"indicator_id": f.indicator_id, "period": f.period,
                                                **_value_fields(f)}) for f in observations],
        "comparators": [_full("comparators", {"indicator_id": f.indicator_id, "period": f.period,
                                              "area_type": f.area.type, "area_code": f.area.code,
                                              "area_name": f.area.name, **_value_fields(f, False),
                                              "source": mapping.publisher})
                        for f in comparators],
        "releases": [_full("releases", {"id": release.id, "title": release.title,
                                        "date": release.date.isoformat(), "status": release.status.value,
                                        "notes": release.notes})],
    }
    descriptor = {
        "name": name,
        "title": f"Department for Education published figures for {council.name}",
        "publisher": council.name,
        "area_code": council.gss_code,
        "format_version": fmt.FORMAT_VERSION,
        "description": f"{ATTRIBUTION}. Figures for {council.name} ({council.old_code}, "
                       f"{council.gss_code}), England, {council.region_name}"
                       + (" and its statistical neighbours" if neighbours else "") + ".",
        "licenses": [dict(mapping.licence)],
        "sources": [{"title": f"{mapping.publisher}: {title}", "path": url}
                    for title, url in sources],
        "resources": resources(tables),
    }
    return PackageContent(descriptor, tables)
