"""The mapping file: which DfE file, filters and column give each indicator, and how to describe it.

The shipped mapping is ``generator/importers/mappings/dfe.yml``; ``docs/importing-dfe-data.md`` documents
every key (a test fails when one is missing there).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml  # type: ignore[import-untyped]

from generator.model.format import ID_PATTERN
from generator.model.periods import PeriodType
from generator.model.site import Frequency, Polarity, Unit
from generator.problems import Problem

SHIPPED_MAPPING = Path(__file__).resolve().parent / "mappings" / "dfe.yml"

TOP_KEYS = {
    "publisher": "Who publishes the figures, for the package's sources.",
    "licence": "The licence of the figures: name, title and path (a link).",
    "service_areas": "The service areas the indicators belong to: id, item, title, description.",
    "indicators": "One entry per indicator (keys below).",
}
INDICATOR_KEYS = {
    "id": "Stable indicator id (lower case, digits, hyphens).",
    "title": "Short name of the indicator.",
    "question": "The plain-English question it answers.",
    "definition": "Exactly what is counted.",
    "numerator": "What the top of the fraction counts (words).",
    "denominator": "What the bottom of the fraction counts (words).",
    "service_area": "Id of one of the service_areas.",
    "unit": "percentage, rate_per_10000, count, number, ...",
    "decimal_places": "Decimal places DfE publishes; LAIT float artefacts are rounded to these.",
    "polarity": "higher_is_better, lower_is_better or no_preference (LAIT's High, Low, -).",
    "frequency": "annual (DfE releases are annual).",
    "period_type": "financial_year, academic_year, calendar_year, snapshot or rolling_12_months.",
    "period_end": "For snapshot and rolling_12_months: the day (MM-DD) or month (MM) of the year.",
    "source": "The DfE release the figures come from, in words.",
    "source_url": "Link to the DfE release.",
    "data_notes": "Caveats readers need (Markdown).",
    "ees": "Where the indicator is in explore-education-statistics files (keys below).",
    "lait": "Where the indicator is in LAIT's long file (keys below).",
}
EES_KEYS = {
    "file": "Glob pattern of the file name, e.g. c1_children_in_need_referrals*.csv.",
    "filters": "Column: value pairs a row must have (one row per area and year must match).",
    "value": "The column holding the figure.",
    "numerator_column": "Optional column holding the numerator count.",
    "denominator_column": "Optional column holding the denominator count.",
}
LAIT_KEYS = {
    "measure": "LAIT's Short Desc of the measure, e.g. ReReferral.",
    "decimal_places": "Optional: decimal places of LAIT values if not the indicator's.",
}
REQUIRED = ("id", "title", "question", "definition", "service_area", "unit", "decimal_places",
            "polarity", "frequency", "period_type", "source", "source_url")


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


def _unknown_keys(data: dict[str, Any], known: dict[str, str], where: str,
                  file: str) -> list[Problem]:
    return [Problem(file, None, f"{where}{key}", f"unknown key '{key}'",
                    "Known keys: " + ", ".join(known) + ". See docs/importing-dfe-data.md.",
                    "mapping-key") for key in data if key not in known]


def _indicator(item: Any, index: int, areas: set[str], file: str,
               problems: list[Problem]) -> IndicatorMapping | None:
    where = f"indicators[{index}]."
    if not isinstance(item, dict):
        problems.append(Problem(file, None, f"indicators[{index}]",
                                "an indicator must be a mapping of keys to values",
                                "Write 'key: value' lines under '- id: ...'.",
                                "mapping-indicator"))
        return None
    before = len(problems)
    problems.extend(_unknown_keys(item, INDICATOR_KEYS, where, file))
    absent = [key for key in REQUIRED if item.get(key) in (None, "")]
    for key in absent:
        problems.append(Problem(file, None, where + key, f"'{key}' is missing",
                                f"Add '{key}:' to the indicator.", "mapping-required"))
    if absent:
        return None
    enums = (("unit", Unit), ("polarity", Polarity), ("frequency", Frequency),
             ("period_type", PeriodType))
    for key, enum in enums:
        if str(item[key]) not in {member.value for member in enum}:
            problems.append(Problem(file, None, where + key, f"'{item[key]}' is not a {key}",
                                    "Use one of: " + ", ".join(m.value for m in enum) + ".",
                                    "mapping-enum"))
    if not re.match(ID_PATTERN, str(item["id"])):
        problems.append(Problem(file, None, where + "id", f"'{item['id']}' is not a valid id",
                                "Use lower case letters, digits and hyphens.", "mapping-id"))
    if str(item["service_area"]) not in areas:
        problems.append(Problem(file, None, where + "service_area",
                                f"unknown service area '{item['service_area']}'",
                                "Use an id listed under service_areas.", "mapping-service-area"))
    kind = str(item["period_type"])
    if kind in ("snapshot", "rolling_12_months") and not item.get("period_end"):
        problems.append(Problem(file, None, where + "period_end",
                                f"a {kind} indicator needs period_end",
                                "Give the day of the year as MM-DD (03-31) or the month as MM.",
                                "mapping-period-end"))
    ees = item.get("ees")
    if ees is not None:
        if not isinstance(ees, dict) or not ees.get("file") or not ees.get("value"):
            problems.append(Problem(file, None, where + "ees", "ees needs at least file and value",
                                    "See docs/importing-dfe-data.md.", "mapping-ees"))
            ees = None
        else:
            problems.extend(_unknown_keys(ees, EES_KEYS, where + "ees.", file))
    lait = item.get("lait")
    if lait is not None:
        if not isinstance(lait, dict) or not lait.get("measure"):
            problems.append(Problem(file, None, where + "lait", "lait needs measure",
                                    "See docs/importing-dfe-data.md.", "mapping-lait"))
            lait = None
        else:
            problems.extend(_unknown_keys(lait, LAIT_KEYS, where + "lait.", file))
    if len(problems) > before:
        return None
    return IndicatorMapping(
        id=str(item["id"]), title=str(item["title"]), question=str(item["question"]),
        definition=str(item["definition"]), service_area=str(item["service_area"]),
        unit=Unit(str(item["unit"])), decimal_places=int(item["decimal_places"]),
        polarity=Polarity(str(item["polarity"])), frequency=Frequency(str(item["frequency"])),
        period_type=PeriodType(kind), source=str(item["source"]),
        source_url=str(item["source_url"]), period_end=str(item.get("period_end") or ""),
        numerator=str(item.get("numerator") or ""), denominator=str(item.get("denominator") or ""),
        data_notes=str(item.get("data_notes") or "").strip(),
        ees=None if ees is None else EesSource(
            file=str(ees["file"]), value=str(ees["value"]),
            filters=tuple(sorted((str(k), str(v)) for k, v in (ees.get("filters") or {}).items())),
            numerator_column=str(ees.get("numerator_column") or ""),
            denominator_column=str(ees.get("denominator_column") or "")),
        lait=None if lait is None else LaitSource(
            measure=str(lait["measure"]),
            decimal_places=None if lait.get("decimal_places") is None
            else int(lait["decimal_places"])),
    )


def read_mapping(path: Path) -> tuple[Mapping | None, list[Problem]]:
    """Read and check a mapping file, returning it (when usable) and every problem found."""
    file = str(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        return None, [Problem(file, None, "", "the mapping file does not exist",
                              "Check the --mapping path, or leave it out to use the shipped one.",
                              "mapping-missing")]
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return None, [Problem(file, mark.line + 1 if mark else None, "",
                              f"the mapping is not valid YAML: {error}",
                              "Fix the YAML (indentation and colons are the usual cause).",
                              "mapping-yaml")]
    if not isinstance(data, dict) or not isinstance(data.get("indicators"), list):
        return None, [Problem(file, None, "indicators", "the mapping has no list of indicators",
                              "Start from the shipped generator/importers/mappings/dfe.yml.",
                              "mapping-shape")]
    problems = _unknown_keys(data, TOP_KEYS, "", file)
    areas = tuple(area for area in data.get("service_areas") or [] if isinstance(area, dict))
    area_ids = {str(area.get("id")) for area in areas}
    indicators = [_indicator(item, index, area_ids, file, problems)
                  for index, item in enumerate(data["indicators"])]
    ids = [item.id for item in indicators if item]
    for duplicate in sorted({i for i in ids if ids.count(i) > 1}):
        problems.append(Problem(file, None, "indicators", f"id '{duplicate}' is used twice",
                                "Give each indicator its own id.", "mapping-duplicate"))
    licence = data.get("licence") or {}
    if problems:
        return None, problems
    return Mapping(path=file, publisher=str(data.get("publisher", "")),
                   licence={str(k): str(v) for k, v in licence.items()},
                   service_areas=areas,
                   indicators=tuple(item for item in indicators if item)), []
