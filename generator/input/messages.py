"""Frictionless' validation errors, said in plain English with a fix for a performance officer."""

from __future__ import annotations

from typing import Any

from generator.input.cells import NUMBER_FIELDS, text_problem
from generator.model import format as fmt
from generator.model.site import Missing
from generator.problems import CODES, Problem

# Fixes for Frictionless' error types, which keep their own code in the report. The catalogue
# marks ``frictionless`` the types that can reach it: the label errors do not (the header check
# and the reader catch those first) and an encoding error is reported as resource-unreadable.
_FIXES = {
    "type-error": "Write a value of the right type in this cell ({note}).",
    "constraint-error": "Change the value so it meets the rule ({note}).",
    "primary-key": "Each row must be unique by {keys}; remove the duplicate row or correct it.",
    **{code: CODES[code].fix for code in ("unique-error", "foreign-key", "blank-row", "extra-cell",
                                          "missing-cell")},
    "duplicate-label": "Two columns have the same name; rename or remove one.",
    "blank-label": "A column has no name; name it or delete it.",
    "encoding-error": "Save the file as UTF-8 (in Excel: CSV UTF-8).",
}

_MESSAGES = {
    "type-error": "'{cell}' is not a valid {type}",
    "constraint-error": "'{cell}' breaks a rule for this column: {note}",
    "unique-error": "'{cell}' appears more than once in a column that must be unique",
    "primary-key": "this row repeats another row's {keys}",
    "foreign-key": "'{cell}' is not an id in the {reference} table",
}

_TYPE_FIXES = {
    "number": "Write a plain number, without %, commas or words; if there is no figure, leave it "
              "empty{missing}.",
    "integer": "Write a whole number, without commas or words.",
    "date": "Write the date as YYYY-MM-DD, e.g. 2024-04-01.",
    "boolean": "Write true or false.",
}

#: Added to the number fix in a table that has a 'missing' column: the targets table has none,
#: so telling an officer to use it there sends them looking for a column that is not there.
_MISSING_SYMBOL_FIX = " and put a DfE symbol in the 'missing' column"

_PATTERN_FIXES = {
    fmt.ID_PATTERN: "Ids use lower case letters, digits and single hyphens only, "
                    "e.g. re-referrals.",
}


_URI_FIX = "Write the full address, starting with https:// (or leave the cell empty)."


def _field_format(schema: dict[str, Any], name: str) -> str:
    return next((str(f.get("format", "")) for f in schema["fields"] if f["name"] == name), "")


def plain_error(error: Any, file: str, schema: dict[str, Any], resource_name: str) -> Problem:
    kind = error.type
    field = getattr(error, "field_name", "") or ""
    if kind == "foreign-key":
        names = getattr(error, "field_names", None) or []
        field = ",".join(names) if names else field
    cell = getattr(error, "cell", "")
    field_type = next((f["type"] for f in schema["fields"] if f["name"] == field), "value")
    keys = " + ".join(schema.get("primaryKey", []))
    reference = getattr(error, "reference_name", "") or ""
    if kind == "foreign-key":
        cell = ", ".join(getattr(error, "field_cells", None) or []) or cell
    values = {"cell": cell, "type": field_type, "note": error.note, "keys": keys,
              "reference": reference}
    if kind in ("type-error", "constraint-error") and field in NUMBER_FIELDS.get(resource_name, ()):
        # NaN breaks a minimum and 1e30 is no whole number: say what is really wrong.
        limits = text_problem(file, getattr(error, "row_number", None), field, cell)
        if limits is not None:
            return limits
    message = _MESSAGES.get(kind, error.message).format(**values)
    if kind == "constraint-error" and "required" in error.note:
        message = "this cell is empty but the column is required"
        return Problem(file, getattr(error, "row_number", None), field, message,
                       CODES["required"].fix, "required")
    if kind == "constraint-error" and '"enum"' in error.note:
        allowed: list[str] = next(
            (f["constraints"]["enum"] for f in schema["fields"] if f["name"] == field), [])
        return Problem(file, getattr(error, "row_number", None), field,
                       f"'{cell}' is not one of the allowed values",
                       "Use one of: " + ", ".join(allowed) + ".", "enum")
    if kind == "type-error" and field in ("value", "numerator", "denominator") and cell.strip().lower() in {
        member.value for member in Missing
    }:
        return Problem(file, getattr(error, "row_number", None), field,
                       f"'{cell}' is a missing-value symbol, not a number",
                       CODES["symbol-in-value"].fix, "symbol-in-value")
    if kind == "type-error" and field_type == "string" and _field_format(schema, field) == "uri":
        return Problem(file, getattr(error, "row_number", None), field,
                       f"'{cell}' is not a web address", _URI_FIX, kind)
    if kind == "type-error" and field_type == "string":
        # Only a spreadsheet cell can hold a non-text value: Excel turned 2024 or 31/03/2024
        # into a number or a date.
        return Problem(file, getattr(error, "row_number", None), field,
                       f"'{cell}' is stored as a number or date, but this column holds text",
                       CODES["excel-cell-type"].fix, "excel-cell-type")
    if kind == "type-error" and field_type in _TYPE_FIXES:
        has_missing = any(f["name"] == "missing" for f in schema["fields"])
        fix = _TYPE_FIXES[field_type].format(missing=_MISSING_SYMBOL_FIX if has_missing else "")
        return Problem(file, getattr(error, "row_number", None), field, message, fix, kind)
    if kind == "constraint-error" and '"pattern"' in error.note:
        field_schema: dict[str, Any] = next((f for f in schema["fields"] if f["name"] == field), {})
        pattern = field_schema.get("constraints", {}).get("pattern", "")
        fix = _PATTERN_FIXES.get(pattern) or field_schema.get("description", "")
        return Problem(file, getattr(error, "row_number", None), field,
                       f"'{cell}' is not written in the form this column needs", fix, "pattern")
    fix = _FIXES.get(kind, "See the data package reference in docs/data-package.md.").format(**values)
    return Problem(file, getattr(error, "row_number", None), field, message, fix, kind)


def unreadable(file: str, error: Exception) -> Problem:
    if "encoding-error" in str(error) or isinstance(error, UnicodeDecodeError):
        return Problem(file, None, "", "the file is not saved as UTF-8 text (probably the "
                       "Windows 'CSV' format Excel uses by default)", _FIXES["encoding-error"],
                       "resource-unreadable")
    if "requires unique labels" in str(error):
        return Problem(file, None, "", "the header row names a column more than once",
                       "Give each column its own name: the data package reference "
                       "(docs/data-package.md) lists the columns of each table.",
                       "resource-unreadable")
    return Problem(file, None, "", f"the table could not be read: {error}",
                   "Check the file opens in a spreadsheet and is saved as CSV UTF-8 or .xlsx.",
                   "resource-unreadable")
