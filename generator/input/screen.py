"""Screen a CSV table that is clean, without Frictionless' per-row machinery.

Frictionless' per-row machinery is the dearest part of reading a council's tables
(docs/performance.md, item 12). Almost every table a council publishes is clean, so the loader
first *screens* each CSV table here and lets Frictionless validate and report only the tables
the screen cannot vouch for.

The screen keeps Frictionless' meaning of every cell: Frictionless opens the file (encoding,
CSV dialect, header) and each field's own Frictionless cell reader types each distinct text of
its column once (missing values, type, pattern, enum, minimum, maximum, required), and a
number or date outside the format's limits (``cells.py``) is a doubt. What the
screen does itself is what Frictionless does per row: the row width, blank rows, unique
fields, primary keys and foreign keys.

It only ever says "clean" or "not sure". Any doubt (a cell the reader flags, a short or long
row, a duplicate key, an id it does not know, an Excel file, a read error) returns ``None`` and
the table goes through Frictionless, which writes the report. So a screened table yields
exactly the rows Frictionless would have kept, with the same row numbers and typed values;
``tests/test_screen.py`` compares both paths on every fixture and every broken case.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from frictionless import Resource
from frictionless.resources import TableResource

from generator.input.cells import outside_limits

#: The typed cells of each table's valid rows, by resource name: what foreign keys may point at.
Kept = Mapping[str, Sequence[Mapping[str, Any]]]


class _Doubt(Exception):
    """The table may be invalid: let Frictionless validate it."""


def _typed_column(read: Callable[[Any], tuple[Any, Any]], column: tuple[str, ...]) -> list[Any]:
    """Type a column with its field's Frictionless cell reader, once per distinct text."""
    typed = {}
    for text in set(column):
        value, notes = read(text)
        if notes or outside_limits(value):
            raise _Doubt  # Frictionless' pass reports it, with the text as written
        typed[text] = value
    return [typed[text] for text in column]


def _distinct(values: list[Any] | list[tuple[Any, ...]]) -> bool:
    return len(set(values)) == len(values)


def screen_table(resource: Resource, kept: Kept) -> list[tuple[int, dict[str, Any]]] | None:
    """Return each row's number and typed cells if the table is certainly valid, else ``None``.

    ``resource`` must be open and must not belong to a Frictionless package (so opening it did
    not read the tables its foreign keys point to); ``kept`` holds those tables' valid rows.
    """
    if not isinstance(resource, TableResource) or resource.format != "csv":
        return None  # Excel cells arrive typed; Frictionless handles them
    try:
        return _screen_open(resource, kept)
    except _Doubt:
        return None
    except Exception:  # noqa: BLE001 - a read error is Frictionless' to report, with its words
        return None


def _screen_open(resource: TableResource, kept: Kept) -> list[tuple[int, dict[str, Any]]]:
    schema = resource.schema
    names = schema.field_names
    if not resource.header.valid or list(resource.labels) != names or not _distinct(names):
        raise _Doubt
    width = len(names)
    numbers: list[int] = []
    texts: list[list[str]] = []
    for number, cells in resource.dialect.read_enumerated_content_stream(resource.cell_stream):
        if len(cells) != width:
            raise _Doubt  # a missing or extra cell
        numbers.append(number)
        texts.append(cells)
    columns = [_typed_column(field.create_cell_reader(), column)
               for field, column in zip(schema.fields, zip(*texts, strict=True) if texts
                                        else [()] * width, strict=True)]
    by_name = dict(zip(names, columns, strict=True))
    rows = list(zip(*columns, strict=True)) if texts else []
    if any(row.count(None) == width for row in rows):
        raise _Doubt  # a blank row
    for field in schema.fields:
        if field.constraints.get("unique"):
            present = [value for value in by_name[field.name] if value is not None]
            if not _distinct(present):
                raise _Doubt
    if schema.primary_key:
        primary = list(zip(*(by_name[name] for name in schema.primary_key), strict=True))
        if any(None in key for key in primary) or not _distinct(primary):
            raise _Doubt
    for foreign in schema.foreign_keys:
        reference = foreign["reference"]
        if reference["resource"] not in kept:
            raise _Doubt  # a table not read yet, or a key to the table itself
        known = {tuple(row.get(name) for name in reference["fields"])
                 for row in kept[reference["resource"]]}
        for key in zip(*(by_name[name] for name in foreign["fields"]), strict=True):
            if key not in known and key.count(None) != len(key):
                raise _Doubt
    return [(number, dict(zip(names, row, strict=True))) for number, row in zip(numbers, rows,
                                                                                 strict=True)]

