"""Check a hand-edited file against its declared schema and word every error as a ``Problem``.

The schemas are JSON Schema files in ``schemas/``: ``settings.schema.json`` (the site settings in
``mkdocs.yml``) and ``mapping.schema.json`` (the importers' mapping). Every key has a type, a
description and, where there is one, a default.

A problem names the key path people see in the file (``indicators.re-referrals.decimal_places``;
``extra.generator.packages[1]`` is the first package), says what is wrong in plain English and
how to fix it, and has a stable rule ``<kind>-<what>`` (``settings-type``, ``mapping-key``...):
see ``KINDS``.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from generator.problems import Problem, sort_problems

SCHEMA_FOLDER = Path(__file__).resolve().parent / "schemas"
#: How a problem names each JSON type.
TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a set of keys ('key: value' lines)",
    "null": "empty",
}
#: The rule of a problem, after the file's kind, by the schema keyword that found it.
KINDS = {
    "type": "type",  # a wrong kind of value; a key with no value at all is "empty"
    "additionalProperties": "key",  # a key the schema does not declare
    "required": "required",
    "anyOf": "required",  # one of several keys is required (an indicator's ees or lait)
    "enum": "enum",
    "pattern": "format",
    "minimum": "range",
    "maximum": "range",
    "minLength": "empty",
    "minItems": "empty",
}
#: A list item is named by its id when the id reads well in a key path, else by its position.
_NAME = re.compile(r"[A-Za-z0-9_-]+")


@cache
def load_schema(name: str) -> dict[str, Any]:
    """Return the declared schema ``<name>.schema.json`` (callers must not change it)."""
    return dict(json.loads((SCHEMA_FOLDER / f"{name}.schema.json").read_text(encoding="utf-8")))


def schema_problems(data: Any, schema: dict[str, Any], file: str, kind: str,
                    docs: str) -> list[Problem]:
    """Return every way ``data`` breaks ``schema`` as problems of ``file``, in a stable order.

    ``kind`` starts each rule (``settings``, ``mapping``); ``docs`` is the page fixes point to.
    """
    errors = list(Draft202012Validator(schema).iter_errors(data))
    # A value of the wrong type also fails its other keywords (enum, pattern): say it once.
    mistyped = {tuple(error.absolute_path) for error in errors if error.validator == "type"}
    found: dict[Problem, None] = {}
    for error in errors:
        if error.validator != "type" and tuple(error.absolute_path) in mistyped:
            continue
        for problem in _problems(error, data, file, kind, docs):
            found[problem] = None
    return sort_problems(found)


def key_path(data: Any, path: Iterable[str | int]) -> str:
    """Return the dotted key path of a value; list items are named by their id or [position].

    Positions count from 1, as people count the entries of a list: ``packages[2]`` is the second.
    """
    text, node = "", data
    for step in path:
        node = node[step]
        if isinstance(step, int):
            name = node.get("id") if isinstance(node, dict) else None
            text += f".{name}" if isinstance(name, str) and _NAME.fullmatch(name) else f"[{step + 1}]"
        else:
            text += f".{step}"
    return text.replace(".[", "[").lstrip(".")


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _problems(error: ValidationError, data: Any, file: str, kind: str,
              docs: str) -> list[Problem]:
    where = key_path(data, error.absolute_path)
    keyword = str(error.validator)
    rule = f"{kind}-{KINDS.get(keyword, 'invalid')}"
    if keyword == "additionalProperties":
        known = sorted(error.schema.get("properties", {}))
        return [Problem(file, None, _join(where, str(key)), f"unknown key '{key}'",
                        _unknown_fix(str(key), known, docs), rule)
                for key in sorted(set(error.instance) - set(known), key=str)]
    if keyword == "required":
        properties = error.schema.get("properties", {})
        return [Problem(file, None, _join(where, key), f"'{key}' is missing",
                        f"Add '{key}:'. {_hint(properties.get(key, {}))}".strip(), rule)
                for key in error.validator_value if key not in error.instance]
    if keyword == "type" and error.instance is None:
        return [Problem(file, None, where, "no value is given",
                        f"Write {_expected(error.schema)} after the colon, or leave the key out "
                        f"if it is optional. {_hint(error.schema)}".strip(), f"{kind}-empty")]
    message, fix = _wording(error, docs)
    return [Problem(file, None, where, message, fix, rule)]


def _wording(error: ValidationError, docs: str) -> tuple[str, str]:
    """Return what is wrong with the value and how to fix it."""
    keyword, value, schema = str(error.validator), error.instance, error.schema
    hint = _hint(schema)
    if keyword == "type":
        expected = _expected(schema)
        fix = f"Write {expected}. {hint}"
        if expected == "text" and isinstance(value, int | float | date):
            # YAML reads 5, 03 and 2025-03-31 as numbers and dates unless they are quoted.
            fix = f"Put the value in quotes (\"{value}\") so that it is read as text. {hint}"
        return f"{_show(value)} is {_kind_of(value)}, not {expected}", fix
    if keyword == "enum":
        options = [str(option) for option in schema["enum"]]
        close = difflib.get_close_matches(str(value), options, n=1)
        guess = f"Did you mean '{close[0]}'? " if close else ""
        return (f"{_show(value)} is not one of the allowed values",
                f"{guess}Use one of: {', '.join(options)}.")
    if keyword == "pattern":
        return f"{_show(value)} is not written in the right form", hint
    if keyword in ("minimum", "maximum"):
        side = "less" if keyword == "minimum" else "more"
        return (f"{_show(value)} is {side} than {error.validator_value}",
                f"Use {_range(schema)}. {hint}".strip())
    if keyword == "minLength":
        return "the text is empty", f"Write a value. {hint}"
    if keyword == "minItems":
        least = int(error.validator_value)
        if not value:
            return "the list is empty", f"List at least {_count(least)}. {hint}".strip()
        return (f"the list has {_count(len(value))}; it needs at least {least}",
                f"List at least {_count(least)}. {hint}".strip())
    if keyword == "anyOf":
        keys = [key for branch in error.validator_value for key in branch.get("required", [])]
        named = [f"'{key}'" for key in keys]
        missing = (f"neither {named[0]} nor {named[1]} is given" if len(named) == 2
                   else f"none of {', '.join(named)} is given")
        return (missing,
                f"Add at least one of: {', '.join(keys)}. See {docs}.")
    return error.message, f"See {docs}."


def _count(number: int) -> str:
    """Return a number of list items in words: "one item", "3 items"."""
    return "one item" if number == 1 else f"{number} items"


def _hint(schema: dict[str, Any]) -> str:
    """Return the key's description and first example, to say what a good value looks like."""
    text = str(schema.get("description", ""))
    examples = schema.get("examples") or []
    if examples:
        text += f" For example: {_plain(examples[0])}"
    return text.strip()


def _unknown_fix(key: str, known: list[str], docs: str) -> str:
    close = difflib.get_close_matches(key, known, n=1)
    guess = f"Did you mean '{close[0]}'? " if close else ""
    return f"{guess}The keys here are: {', '.join(known)} (see {docs})."


def _expected(schema: dict[str, Any]) -> str:
    kinds = schema.get("type", [])
    return " or ".join(TYPE_WORDS[kind] for kind in ([kinds] if isinstance(kinds, str) else kinds))


def _range(schema: dict[str, Any]) -> str:
    noun = _expected(schema)
    low, high = schema.get("minimum"), schema.get("maximum")
    if low is not None and high is not None:
        return f"{noun} from {low} to {high}"
    return f"{noun} of {low} or more" if low is not None else f"{noun} of {high} or less"


def _plain(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _show(value: Any) -> str:
    """Return the value as the file has it, shortened for a one-line message."""
    if isinstance(value, str):
        text = f"'{value}'"
    elif isinstance(value, bool | int | float):
        text = _plain(value)
    else:
        text = json.dumps(value, default=str, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


def _kind_of(value: Any) -> str:
    kinds: list[tuple[type | tuple[type, ...], str]] = [
        (bool, "a true or false value"), (int, "a whole number"), (float, "a number"), (str, "text"),
        (list, "a list"), (dict, "a set of keys"), (date, "a date")]
    return next((word for kind, word in kinds if isinstance(value, kind)), "a value")
