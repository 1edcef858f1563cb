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
from generator.importers.report import NOTE_WORDS, ImportReport, Source
from generator.model import format as fmt
from generator.model.periods import Period, PeriodType, parse_canonical, shift
from generator.model.site import NOT_COMPARABLE, AreaType, Release

COUNCIL = "own"  # the council the package is for; other areas' types are AreaType values
OTHER = "other"  # any other council, as a reader found it (every_council.py makes its rows)
AVERAGE_CODE = "statistical-neighbours"
AVERAGE_NAME = "Statistical neighbours' average (calculated)"
ATTRIBUTION = "Source: Department for Education, Open Government Licence v3.0"
JOINT_NOTE = "Joint figure for {names}"
JOINT_PERIODS = ("{note}, {periods}: the councils run the service together, so DfE publishes one "
                 "figure for them, used here as each council's figure.")
WIDER_REGION_NOTE = ("DfE publishes this indicator for {wider} as a whole, not for {own}, so the "
                     "regional comparison here is with {wider} ({periods}); other indicators "
                     "compare with {own}.")
AVERAGE_NOTE = (
    "The statistical neighbours' average is calculated by the importer, not published by DfE: "
    "the mean of the {size} neighbours' published figures, rounded to {places}. "
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
    note: str = ""  # a joint row's note (for a council that shares a service), else empty
    origin: str = ""  # which of DfE's sources a combined import took it from ("ees" or "lait")


@dataclass(frozen=True)
class PackageContent:
    """What the writer writes: the descriptor and each table's rows."""

    descriptor: dict[str, Any]
    tables: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    report: ImportReport | None = None  # what became of each mapped indicator (importers only)

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


def joint_note(names: Iterable[str]) -> str:
    """Return the label of a figure DfE publishes jointly for several councils."""
    listed = list(names)
    return JOINT_NOTE.format(names=", ".join(listed[:-1]) + " and " + listed[-1])


def one_region(figures: list[Figure], council: Council) -> list[Figure]:
    """Return the figures with one regional figure per indicator and period.

    The council's own region's figure is kept when it is published as a number; otherwise the
    wider region's (London's, for an Inner or Outer London council), where DfE publishes one.
    """
    regional: dict[tuple[str, str], list[Figure]] = defaultdict(list)
    for figure in figures:
        if figure.area.type == AreaType.REGION.value:
            regional[(figure.indicator_id, figure.period)].append(figure)
    dropped: set[int] = set()
    for group in regional.values():
        own = [f for f in group if f.area.code == council.region_code]
        wider = [f for f in group if f.area.code != council.region_code]
        if any(f.cell.is_number for f in own) or not wider:
            keep = own
        elif any(f.cell.is_number for f in wider) or not own:
            keep = wider
        else:
            keep = own
        kept = {id(f) for f in keep}
        dropped.update(id(f) for f in group if id(f) not in kept)
    return [f for f in figures if id(f) not in dropped]


def _period_list(codes: Iterable[str], kind: PeriodType) -> str:
    """Return the periods as a reader would list them: "2017/18 to 2020/21 and 2023/24"."""
    periods = sorted((parse_canonical(code, kind) for code in set(codes)), key=lambda p: p.start)
    runs: list[list[Period]] = []
    for period in periods:
        # The mapped indicators are annual: a period a year after the last one continues a run.
        if runs and shift(runs[-1][-1], 12).code == period.code:
            runs[-1].append(period)
        else:
            runs.append([period])
    # A date reads in full ("30 September 2025"); other periods are named compactly ("2024/25").
    name = (lambda p: p.label) if kind == PeriodType.SNAPSHOT else (lambda p: p.short_label)
    texts = [name(run[0]) if len(run) == 1 else f"{name(run[0])} to {name(run[-1])}"
             for run in runs]
    return texts[0] if len(texts) == 1 else ", ".join(texts[:-1]) + " and " + texts[-1]


def figure_notes(figures: list[Figure], council: Council,
                 indicators: dict[str, IndicatorMapping]) -> dict[str, list[str]]:
    """Return, per indicator, the data notes its figures need: joint figures, a wider region."""
    joint: dict[tuple[str, str], set[str]] = defaultdict(set)
    wider: dict[tuple[str, str], set[str]] = defaultdict(set)
    for figure in figures:
        if figure.note:
            joint[(figure.indicator_id, figure.note)].add(figure.period)
        if figure.area.type == AreaType.REGION.value and figure.area.code != council.region_code:
            wider[(figure.indicator_id, figure.area.name)].add(figure.period)
    notes: dict[str, list[str]] = defaultdict(list)
    for (indicator_id, note), periods in sorted(joint.items()):
        kind = indicators[indicator_id].period_type
        notes[indicator_id].append(JOINT_PERIODS.format(note=note,
                                                        periods=_period_list(periods, kind)))
    for (indicator_id, name), periods in sorted(wider.items()):
        kind = indicators[indicator_id].period_type
        notes[indicator_id].append(WIDER_REGION_NOTE.format(
            wider=name, own=council.region_name, periods=_period_list(periods, kind)))
    return notes


def origin_note(item: IndicatorMapping, observations: Iterable[Figure]) -> str:
    """Return which source each of a combined import's figures came from, or "" if one kind."""
    periods: dict[str, list[str]] = defaultdict(list)
    for figure in observations:
        if figure.origin:
            periods[figure.origin].append(figure.period)
    if not periods:
        return ""
    if len(periods) == 1:
        (origin,) = periods
        return f"All figures are from {NOTE_WORDS[Source(origin)]}."
    every = sorted(code for codes in periods.values() for code in codes)
    lait = sorted(periods[Source.LAIT.value])
    labels = [parse_canonical(code, item.period_type).short_label for code in lait]
    start = every.index(lait[0])
    # A run of consecutive periods reads as "first to last"; scattered ones are listed.
    run = every[start:start + len(lait)] == lait and len(lait) > 2
    named = (f"{labels[0]} to {labels[-1]}" if run
             else " and ".join([", ".join(labels[:-1]), labels[-1]] if len(labels) > 1
                               else labels))
    subject = (f"The figure for {named} is" if len(lait) == 1 else f"Figures for {named} are")
    them = "it" if len(lait) == 1 else "them"
    return (f"{subject} from {NOTE_WORDS[Source.LAIT]}, which has {them} where the "
            f"explore education statistics files do not; the others are from "
            f"{NOTE_WORDS[Source.EES]}.")


def _with_licence(source: str, licence: str) -> str:
    """Return an indicator's source with the figures' licence: "DfE, Children in need, published
    under the Open Government Licence v3.0." (the package's ``licenses`` say the same)."""
    return f"{source}, published under the {licence}." if licence else f"{source}."


def _indicator_row(item: IndicatorMapping, mapping: Mapping, neighbours: int,
                   source_note: str, extra_notes: Iterable[str] = (),
                   origins: str = "") -> dict[str, str]:
    notes = [item.data_notes, *extra_notes, source_note, origins]
    # A count has no comparators (site.NOT_COMPARABLE), so no average to explain.
    if neighbours and item.unit not in NOT_COMPARABLE:
        places = item.decimal_places
        notes.append(AVERAGE_NOTE.format(size=neighbours, places=(
            "a whole number" if places == 0 else
            f"{places} decimal place{'' if places == 1 else 's'}")))
    return {
        "id": item.id, "title": item.title, "question": item.question,
        "service_area": item.service_area, "priorities": "", "definition": item.definition,
        "numerator": item.numerator, "denominator": item.denominator, "unit": item.unit.value,
        "decimal_places": str(item.decimal_places), "polarity": item.polarity.value,
        "frequency": item.frequency.value, "period_type": item.period_type.value,
        # The page writes "Source: " before it: the licence follows, not a second "Source:".
        "source": _with_licence(item.source, mapping.licence.get("title", "")),
        "source_url": item.source_url,
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
    figures = one_region(figures, council)
    imported = sorted({f.indicator_id for f in figures if f.area.type == COUNCIL})
    # Counts are never compared with another area's (site.NOT_COMPARABLE; check refuses them).
    comparable = {i for i in imported if indicators[i].unit not in NOT_COMPARABLE}
    comparators = [f for f in figures if f.area.type != COUNCIL and f.indicator_id in comparable]
    comparators += neighbour_averages(comparators, neighbours, indicators)
    notes = figure_notes([f for f in figures if f.area.type == COUNCIL] + comparators, council,
                         indicators)
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
        "indicators": [_full("indicators", _indicator_row(
            indicators[i], mapping, neighbours, source_note, notes.get(i, ()),
            origin_note(indicators[i], (f for f in observations if f.indicator_id == i))))
            for i in imported],
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
