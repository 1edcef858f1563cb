"""The mapping file: which DfE file, filters and column give each indicator, and how to describe it.

The shipped mapping is ``generator/importers/mappings/dfe.yml``. Its keys are declared, with types,
descriptions and defaults, in ``generator/input/schemas/mapping.schema.json``; ``docs/importing-dfe-data.md``
documents every key (a test fails when the two differ).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml  # type: ignore[import-untyped]

from generator.input.config import key_path, load_schema, schema_problems
from generator.input.files import special_file_problem
from generator.model.periods import PeriodType
from generator.model.site import Frequency, Polarity, Unit
from generator.problems import CODES, Problem, sort_problems

SHIPPED_MAPPING = Path(__file__).resolve().parent / "mappings" / "dfe.yml"

SCHEMA = load_schema("mapping")
MAPPING_DOCS = "docs/importing-dfe-data.md"


@dataclass(frozen=True)
class EesSource:
    """Where an indicator sits in an explore-education-statistics tidy CSV."""

    file: str
    value: str
    filters: tuple[tuple[str, str], ...] = ()
    numerator_column: str = ""
    denominator_column: str = ""

    def columns(self) -> list[str]:
        """Return every column the source needs, in the order they are checked."""
        names = [name for name, _ in self.filters] + [self.value]
        return names + [c for c in (self.numerator_column, self.denominator_column) if c]


@dataclass(frozen=True)
class LaitSource:
    """Where an indicator sits in LAIT's long file."""

    measure: str
    decimal_places: int | None = None


@dataclass(frozen=True)
class IndicatorMapping:
    """One indicator: its description for the package and where its figures are."""

    id: str
    title: str
    question: str
    definition: str
    service_area: str
    unit: Unit
    decimal_places: int
    polarity: Polarity
    frequency: Frequency
    period_type: PeriodType
    source: str
    source_url: str
    period_end: str = ""
    numerator: str = ""
    denominator: str = ""
    numerator_counts: str = ""  # a site.Counted value, or empty
    data_notes: str = ""
    ees: EesSource | None = None
    lait: LaitSource | None = None


@dataclass(frozen=True)
class Mapping:
    """The whole mapping file."""

    path: str
    publisher: str
    licence: dict[str, str]
    service_areas: tuple[dict[str, Any], ...]
    indicators: tuple[IndicatorMapping, ...] = field(default=())


def _read(path: Path) -> tuple[Any, list[Problem]]:
    """Return the parsed YAML of a mapping file, or the problem that stopped it being read."""
    file = str(path)
    special = special_file_problem(path, file)
    if special is not None:
        return None, [special]
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8-sig")), []
    except FileNotFoundError:
        return None, [Problem(file, None, "", "the mapping file does not exist",
                              CODES["mapping-missing"].fix,
                              "mapping-missing")]
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return None, [Problem(file, mark.line + 1 if mark else None, "",
                              f"the mapping is not valid YAML: {error}",
                              CODES["mapping-yaml"].fix,
                              "mapping-yaml")]


def _listed(data: Any, key: str) -> list[tuple[int, dict[str, Any]]]:
    """Return the entries of a top-level list that are sets of keys, with their positions."""
    items = data.get(key) if isinstance(data, dict) else None
    if not isinstance(items, list):
        return []
    return [(index, item) for index, item in enumerate(items) if isinstance(item, dict)]


def _cross_problems(data: Any, file: str) -> list[Problem]:
    """Return the problems no single key shows: unknown service areas, period ends, repeated ids.

    The schema has already checked each value on its own.
    """
    problems = []
    areas = {area.get("id") for _, area in _listed(data, "service_areas")}
    for index, item in _listed(data, "indicators"):
        where = key_path(data, ["indicators", index])
        area = item.get("service_area")
        if isinstance(area, str) and area not in areas:
            problems.append(Problem(file, None, where + ".service_area",
                                    f"unknown service area '{area}'",
                                    CODES["mapping-service-area"].fix,
                                    "mapping-service-area"))
        kind = item.get("period_type")
        if kind in ("snapshot", "rolling_12_months") and "period_end" not in item:
            problems.append(Problem(file, None, where + ".period_end",
                                    f"a {kind} indicator needs period_end",
                                    CODES["mapping-period-end"].fix,
                                    "mapping-period-end"))
    ids = [item.get("id") for _, item in _listed(data, "indicators")]
    for duplicate in sorted({i for i in ids if isinstance(i, str) and ids.count(i) > 1}):
        problems.append(Problem(file, None, "indicators", f"id '{duplicate}' is used twice",
                                CODES["mapping-duplicate"].fix, "mapping-duplicate"))
    return problems


def _indicator(item: dict[str, Any]) -> IndicatorMapping:
    """Return one indicator of a mapping that has passed every check."""
    ees, lait = item.get("ees"), item.get("lait")
    return IndicatorMapping(
        id=item["id"], title=item["title"], question=item["question"],
        definition=item["definition"], service_area=item["service_area"],
        unit=Unit(item["unit"]), decimal_places=item["decimal_places"],
        polarity=Polarity(item["polarity"]), frequency=Frequency(item["frequency"]),
        period_type=PeriodType(item["period_type"]), source=item["source"],
        source_url=item["source_url"], period_end=item.get("period_end", ""),
        numerator=item.get("numerator", ""), denominator=item.get("denominator", ""),
        numerator_counts=item.get("numerator_counts", ""),
        data_notes=item.get("data_notes", "").strip(),
        ees=None if ees is None else EesSource(
            file=ees["file"], value=ees["value"],
            filters=tuple(sorted((str(k), str(v)) for k, v in ees.get("filters", {}).items())),
            numerator_column=ees.get("numerator_column", ""),
            denominator_column=ees.get("denominator_column", "")),
        lait=None if lait is None else LaitSource(
            measure=lait["measure"], decimal_places=lait.get("decimal_places")),
    )


def mapping_problems(data: Any, file: str) -> list[Problem]:
    """Return every problem with a parsed mapping: the schema's, then those across keys."""
    problems = schema_problems(data, SCHEMA, file, "mapping", MAPPING_DOCS)
    return sort_problems(problems + _cross_problems(data, file))


def read_mapping(path: Path) -> tuple[Mapping | None, list[Problem]]:
    """Read and check a mapping file, returning it (when usable) and every problem found."""
    file = str(path)
    data, problems = _read(path)
    problems = problems or mapping_problems(data, file)
    if problems:
        return None, problems
    return Mapping(path=file, publisher=data.get("publisher", ""),
                   licence=dict(data.get("licence", {})),
                   service_areas=tuple(data.get("service_areas", [])),
                   indicators=tuple(_indicator(item) for item in data["indicators"])), []
