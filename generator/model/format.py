"""The indicator data package format: one Frictionless Table Schema per resource.

This module is the single source of truth for the format. ``docs/data-package.md`` documents every
field (a test fails when one is missing there), and ``python -m generator schema`` prints the
schemas so a package's ``datapackage.json`` can embed them.
"""

from __future__ import annotations

import copy
import re
from enum import StrEnum
from typing import Any

from generator.model.periods import PeriodType
from generator.model.site import (
    AreaType,
    Counted,
    Flag,
    Frequency,
    Missing,
    Polarity,
    RatingColour,
    ReleaseStatus,
    Status,
    Unit,
)

FORMAT_VERSION = "1.0"

#: Longest id: ids become folder and file names (``<id>.csv``, ``<package>.zip``) and parts of
#: addresses, so they are kept far below the 255 bytes file systems allow in a name.
ID_MAX_LENGTH = 64
ID_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"  # the length is a rule of its own (id-too-long)
_ID = re.compile(ID_PATTERN)


def is_id(text: str) -> bool:
    """Return True for an id: lower case letters and digits, in words joined by hyphens.

    Ids and package names become folder and file names of the site, so this is also what keeps
    a path from data inside the site (no ``/``, ``..`` or ``\\``), and names short enough for
    any file system (at most ``ID_MAX_LENGTH`` characters). ``fullmatch``: ``$`` alone would
    let a trailing newline through.
    """
    return len(text) <= ID_MAX_LENGTH and _ID.fullmatch(text) is not None


LIST_SEPARATOR = ";"


def _field(name: str, type_: str, description: str, format: str | None = None,
           **constraints: Any) -> dict[str, Any]:
    field: dict[str, Any] = {"name": name, "type": type_, "description": description}
    if format:
        field["format"] = format
    if constraints:
        field["constraints"] = constraints
    return field


def _enum(name: str, values: list[str], description: str, required: bool = True) -> dict[str, Any]:
    constraints: dict[str, Any] = {"enum": values}
    if required:
        constraints["required"] = True
    return _field(name, "string", description, **constraints)


def _values(enum: type[StrEnum]) -> list[str]:
    return [member.value for member in enum]


MISSING_FIELD_DOC = (
    "Why there is no number, as a DfE symbol: c (confidential), x (not available), "
    "z (not applicable), k or low (rounds to zero), u (low reliability). Leave value empty."
)

_INDICATOR_REF = {"reference": {"resource": "indicators", "fields": "id"}}


def _period_field() -> dict[str, Any]:
    return _field(
        "period",
        "string",
        "The period in canonical form for the indicator's period type "
        "(2022-03, 2021-22-Q4, 2021-22, 2022, 2022-03-31).",
        required=True,
    )


def _number_fields() -> list[dict[str, Any]]:
    return [
        _field("value", "number", "The published figure, in the indicator's unit."),
        _field("numerator", "number", "The count the figure is calculated from (top of the fraction).",
               minimum=0),
        _field("denominator", "number", "The count the figure is divided by (bottom of the fraction).",
               minimum=0),
        _enum("missing", _values(Missing), MISSING_FIELD_DOC, required=False),
    ]


SCHEMAS: dict[str, dict[str, Any]] = {
    "service_areas": {
        "fields": [
            _field("id", "string", "Stable identifier; becomes the first part of page addresses.",
                   required=True, unique=True, pattern=ID_PATTERN),
            _field("item", "integer", "The dashboard item number committees know the area by.",
                   required=True, minimum=1),
            _field("title", "string", "The service area's name.", required=True),
            _field("description", "string", "One or two sentences on what the service does."),
        ],
        "primaryKey": ["id"],
    },
    "priorities": {
        "fields": [
            _field("id", "string", "Stable identifier of the directorate priority.",
                   required=True, unique=True, pattern=ID_PATTERN),
            _field("title", "string", "The priority as the directorate words it.", required=True),
            _field("description", "string", "What the priority means in practice."),
        ],
        "primaryKey": ["id"],
    },
    "indicators": {
        "fields": [
            _field("id", "string", "Stable identifier; becomes the page address and never changes "
                   "meaning. Lower case letters, digits and hyphens.",
                   required=True, unique=True, pattern=ID_PATTERN),
            _field("title", "string", "Short name of the indicator.", required=True),
            _field("question", "string", "The plain-English question the indicator answers.",
                   required=True),
            _field("service_area", "string", "Id of the service area (service_areas.id).",
                   required=True),
            _field("priorities", "string", "Ids of the priorities it serves, separated by ';'."),
            _field("definition", "string", "Exactly what is counted.", required=True),
            _field("numerator", "string", "What the top of the fraction counts."),
            _field("denominator", "string", "What the bottom of the fraction counts."),
            _enum("unit", _values(Unit), "What the values measure."),
            _field("decimal_places", "integer", "Decimal places to show.", required=True,
                   minimum=0, maximum=3),
            _enum("polarity", _values(Polarity), "Which direction is better, if any."),
            _enum("frequency", _values(Frequency), "How often the indicator is reported."),
            _enum("period_type", _values(PeriodType), "The kind of period each value covers."),
            _field("source", "string", "Where the figures come from.", required=True),
            _field("source_url", "string", "Link to the source or its release.", format="uri"),
            _field("licence", "string", "Licence of the figures when it differs from the package's."),
            _enum("status", _values(Status), "Established (the default), new, in development or "
                  "retired.", required=False),
            _field("small_number_threshold", "integer",
                   "Below this many cases (denominator, or value for counts) the site warns that "
                   "the figure may move a lot.", minimum=0),
            _field("counts_people", "boolean", "true when values are counts of people, so counts "
                   "at or below the suppression threshold are published as c."),
            _enum("numerator_counts", _values(Counted), "What the numerator counts (for a count, "
                  "what the value counts). People and events are tested for chance against "
                  "England; sessions and posts are not, and neither is an indicator that leaves "
                  "this empty.", required=False),
            _field("data_notes", "string", "Caveats readers need (Markdown)."),
            _field("why_it_matters", "string", "Why the council measures this (Markdown)."),
            _field("related", "string", "Ids of related indicators, separated by ';'."),
            _field("previous_ids", "string", "Ids this indicator was published under before, "
                   "separated by ';'; their addresses redirect here."),
            _field("replaced_by", "string", "For a retired indicator: the id that replaces it."),
            _field("numerator_from", "string", "Id of a count indicator whose value for the same "
                   "period is this indicator's numerator; check reports any figure that differs."),
            _field("denominator_from", "string", "Id of a count indicator whose value for the "
                   "same period is this indicator's denominator; check reports any figure that "
                   "differs."),
        ],
        "primaryKey": ["id"],
        "foreignKeys": [
            {"fields": "service_area", "reference": {"resource": "service_areas", "fields": "id"}}
        ],
    },
    "observations": {
        "fields": [
            _field("indicator_id", "string", "Id of the indicator (indicators.id).", required=True),
            _period_field(),
            *_number_fields(),
            _field("flags", "string", "Marks separated by ';': " + ", ".join(_values(Flag)) + ".",
                   pattern="^(" + "|".join(_values(Flag)) + ")(;(" + "|".join(_values(Flag)) + "))*$"),
            _field("note", "string", "A note on this one figure."),
        ],
        "primaryKey": ["indicator_id", "period"],
        "foreignKeys": [{"fields": "indicator_id", **_INDICATOR_REF}],
    },
    "comparators": {
        "fields": [
            _field("indicator_id", "string", "Id of the indicator (indicators.id).", required=True),
            _period_field(),
            _enum("area_type", _values(AreaType), "England, region, the statistical neighbours' "
                  "average, one named neighbour, or one of every council's figures (council: "
                  "for ranks and quartile bands, never drawn as a comparison)."),
            _field("area_code", "string", "GSS code of the area (E92000001 for England), or "
                   "'statistical-neighbours' for the average.", required=True),
            _field("area_name", "string", "Name of the area.", required=True),
            *_number_fields(),
            _field("source", "string", "Who published the figure, such as Department for "
                   "Education. The site names it as the comparison figures' source; left empty, "
                   "the site says nothing about where the figure came from."),
        ],
        "primaryKey": ["indicator_id", "period", "area_type", "area_code"],
        "foreignKeys": [{"fields": "indicator_id", **_INDICATOR_REF}],
    },
    "targets": {
        "fields": [
            _field("indicator_id", "string", "Id of the indicator (indicators.id).", required=True),
            _field("applies_from", "date", "First day the target applies (until a later row "
                   "replaces it), e.g. 2022-04-01 for the 2022/23 financial year.", required=True),
            _field("target", "number", "The value the service aims for."),
            _field("amber_tolerance", "number", "How far short of target still rates amber, in "
                   "the indicator's unit.", minimum=0),
            _field("expected_low", "number", "Bottom of the expected range (indicators with no "
                   "preferred direction)."),
            _field("expected_high", "number", "Top of the expected range."),
            _field("note", "string", "Why the target or range was set."),
        ],
        "primaryKey": ["indicator_id", "applies_from"],
        "foreignKeys": [{"fields": "indicator_id", **_INDICATOR_REF}],
    },
    "ratings": {
        "fields": [
            _field("indicator_id", "string", "Id of the indicator (indicators.id).", required=True),
            _period_field(),
            _enum("rating", _values(RatingColour), "The officer-set rating: red, amber or green."),
            _field("reason", "string", "Why the officer set this rating; shown beside it.",
                   required=True),
        ],
        "primaryKey": ["indicator_id", "period"],
        "foreignKeys": [{"fields": "indicator_id", **_INDICATOR_REF}],
    },
    "commentary": {
        "fields": [
            _field("indicator_id", "string", "Id of the indicator (indicators.id).", required=True),
            _period_field(),
            _field("commentary", "string", "The service's narrative on this period (Markdown).",
                   required=True),
            _field("actions", "string", "Actions being taken (Markdown)."),
            _field("author", "string", "Role of the officer who wrote it."),
        ],
        "primaryKey": ["indicator_id", "period"],
        "foreignKeys": [{"fields": "indicator_id", **_INDICATOR_REF}],
    },
    "breakdowns": {
        "fields": [
            _field("indicator_id", "string", "Id of the indicator (indicators.id).", required=True),
            _period_field(),
            _field("dimension", "string", "What the figures are broken down by, e.g. 'Reason'.",
                   required=True),
            _field("category", "string", "One category of the dimension.", required=True),
            _field("value", "number", "The figure for the category."),
            _enum("missing", _values(Missing), MISSING_FIELD_DOC, required=False),
            _field("order", "integer", "Position of the category in tables and charts."),
        ],
        "primaryKey": ["indicator_id", "period", "dimension", "category"],
        "foreignKeys": [{"fields": "indicator_id", **_INDICATOR_REF}],
    },
    "releases": {
        "fields": [
            _field("id", "string", "Release id; becomes the release's address, e.g. 2021-22-q4.",
                   required=True, unique=True, pattern=ID_PATTERN),
            _field("title", "string", "Title, e.g. 'Quarter 4 2021/22'.", required=True),
            _field("date", "date", "Publication date (planned date for a planned release).",
                   required=True),
            _enum("status", _values(ReleaseStatus), "published or planned."),
            _field("notes", "string", "What the release contains."),
        ],
        "primaryKey": ["id"],
    },
}

REQUIRED_RESOURCES = ("service_areas", "indicators", "observations", "releases")
OPTIONAL_RESOURCES = tuple(name for name in SCHEMAS if name not in REQUIRED_RESOURCES)

PACKAGE_PROPERTIES = {
    "name": "Package name: lower case letters, digits and hyphens.",
    "title": "The directorate or service the package covers.",
    "publisher": "The council that publishes the figures.",
    "licenses": "Licence of the package (Frictionless 'licenses' list).",
    "demonstration": "true for example data about a fictional council; every page says so.",
    "area_code": "GSS code of the council the figures are for: marks its own row among every "
                 "council's figures.",
    "format_version": "Version of this format the package follows.",
    "resources": "The tables; each 'name' is one of the resource names below.",
}


def _before_every_council(comparators: dict[str, Any]) -> dict[str, Any]:
    """Return the comparators schema as format 1.0 declared it before the ``council`` area type."""
    former = copy.deepcopy(comparators)
    for field in former["fields"]:
        if field["name"] == "area_type":
            field["constraints"]["enum"].remove(AreaType.COUNCIL.value)
            field["description"] = ("England, region, the statistical neighbours' average, or "
                                    "one named neighbour.")
    return former


#: Schemas a package written by an earlier release may still declare: the format's rows have only
#: gained allowed values since, so its tables read the same under the current schema.
FORMER_SCHEMAS = {"comparators": (_before_every_council(SCHEMAS["comparators"]),)}


def accepted(resource: str, declared: dict[str, Any]) -> bool:
    """Return True when a declared Table Schema is the format's, current or former."""
    return declared == SCHEMAS[resource] or declared in FORMER_SCHEMAS.get(resource, ())


def schema(resource: str) -> dict[str, Any]:
    """Return a copy of the Table Schema for a resource."""
    return copy.deepcopy(SCHEMAS[resource])


def field_names(resource: str) -> list[str]:
    """Return the field names of a resource, in order."""
    return [field["name"] for field in SCHEMAS[resource]["fields"]]
