"""The free-text fields of the package format, read from the format itself.

A field is free text when its schema lets an officer type anything: a string with no enum,
pattern or format, that is not a reference to an id (a foreign key, or a field the format
describes as ids) and not the period (which the period rules parse). A new text field in
``generator/model/format.py`` is therefore covered without editing this module, and
``tests/test_hostile_corpus.py`` checks that every string field left out is one check refuses a
payload in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from generator.model.format import PACKAGE_PROPERTIES, SCHEMAS

# "Id of the indicator", "Ids of the priorities", "Ids this indicator was published under",
# "For a retired indicator: the id that replaces it".
_NAMES_IDS = re.compile(r"^(?:[^:]*: )?(?:the )?ids?\b", re.IGNORECASE)
_PARSED = {"period"}  # strings the loader parses into a value of another type

#: Descriptor properties whose value is text a reader sees, and where in the descriptor it sits.
DESCRIPTOR_TEXT = {"title": ("title",), "publisher": ("publisher",),
                   "licenses": ("licenses", 0, "title")}
#: Descriptor properties that are not free text (ids, flags, versions, the table list).
DESCRIPTOR_STRUCTURED = {"name", "demonstration", "format_version", "resources", "area_code"}


@dataclass(frozen=True, order=True)
class TextField:
    """One free-text column of one resource."""

    resource: str
    name: str

    @property
    def label(self) -> str:
        """Return ``resource.name``, the field's name in payload origins and test ids."""
        return f"{self.resource}.{self.name}"


def _foreign_keys(schema: dict[str, Any]) -> set[str]:
    keys = set()
    for key in schema.get("foreignKeys", []):
        fields = key["fields"]
        keys.update([fields] if isinstance(fields, str) else fields)
    return keys


def is_free_text(field: dict[str, Any], schema: dict[str, Any]) -> bool:
    """Return True when the schema lets an officer type any text into ``field``."""
    constraints = field.get("constraints", {})
    return (field["type"] == "string" and "format" not in field
            and "enum" not in constraints and "pattern" not in constraints
            and field["name"] not in _foreign_keys(schema) and field["name"] not in _PARSED
            and not _NAMES_IDS.match(field["description"]))


def text_fields() -> tuple[TextField, ...]:
    """Return every free-text field of every resource, sorted."""
    return tuple(sorted(TextField(resource, field["name"])
                        for resource, schema in SCHEMAS.items()
                        for field in schema["fields"] if is_free_text(field, schema)))


def structured_strings() -> tuple[TextField, ...]:
    """Return the string fields that are not free text (ids, references, enums, periods)."""
    return tuple(sorted(TextField(resource, field["name"])
                        for resource, schema in SCHEMAS.items()
                        for field in schema["fields"]
                        if field["type"] == "string" and not is_free_text(field, schema)))


def unclassified_descriptor_properties() -> set[str]:
    """Return the descriptor properties of the format this module does not classify yet."""
    return set(PACKAGE_PROPERTIES) - set(DESCRIPTOR_TEXT) - DESCRIPTOR_STRUCTURED
