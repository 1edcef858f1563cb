"""Hold every number and date cell of every table to the format's limits (model/limits.py), and
every text cell to its length and to printable characters.

The number and date fields come from the format (``model/format.py``), so a column added there
is held to the limits too. The loader applies them to each row as it is read, before any rule,
model object or page sees the row: a row with a cell outside them is rejected and reported once,
naming the file, the row, the field and the value as written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from generator.input.files import MAX_CELL_CHARS
from generator.model import format as fmt
from generator.model.limits import (
    EARLIEST,
    LARGEST,
    LATEST,
    SMALLEST,
    NumberFault,
    date_in_window,
    number_fault,
)
from generator.problems import CODES, Problem


def _fields_of(types: set[str]) -> dict[str, tuple[str, ...]]:
    return {resource: tuple(field["name"] for field in schema["fields"] if field["type"] in types)
            for resource, schema in fmt.SCHEMAS.items()}


#: Each table's number fields (numbers and whole numbers) and date fields, from the format.
NUMBER_FIELDS = _fields_of({"number", "integer"})
DATE_FIELDS = _fields_of({"date"})

_MESSAGES = {
    NumberFault.NOT_FINITE: "'{cell}' is not a number: NaN and infinity are what a spreadsheet "
                            "shows when a calculation fails",
    NumberFault.TOO_LARGE: f"'{{cell}}' is larger than the site can publish (at most {LARGEST:,} "
                           "either side of zero)",
    NumberFault.TOO_SMALL: f"'{{cell}}' is closer to zero than the site can show (0 or at least "
                           f"{SMALLEST:f} either side of it)",
}


def outside_limits(value: Any) -> bool:
    """Return whether a typed cell is a number or a date outside the limits (False for text)."""
    if isinstance(value, date):
        return not date_in_window(value)
    if isinstance(value, (Decimal, float, int)) and not isinstance(value, bool):
        return number_fault(value) is not None
    return False


def _written(value: Any) -> str:
    """Return a cell as the officer wrote it: text as it is, a spreadsheet number as Excel shows it."""
    if isinstance(value, float) and value.is_integer() and abs(value) < LARGEST:
        return str(int(value))  # Excel shows 64, not 64.0; and 1e+30, not thirty-one digits
    return str(value).strip() if not isinstance(value, date) else value.isoformat()


def cell_problem(file: str, row: int | None, field: str, value: Any,
                 written: Any = None) -> Problem | None:
    """Return the problem with one typed cell (a number or a date), or None when it is inside."""
    shown = _written(value if written is None or written == "" else written)
    if isinstance(value, date):
        if date_in_window(value):
            return None
        return Problem(file, row, field, f"'{shown}' is outside the dates the site publishes "
                       f"({EARLIEST.isoformat()} to {LATEST.isoformat()})",
                       CODES["date-window"].fix, "date-window")
    if not isinstance(value, (Decimal, float, int)) or isinstance(value, bool):
        return None
    fault = number_fault(value)
    if fault is None:
        return None
    return Problem(file, row, field, _MESSAGES[fault].format(cell=shown), CODES[fault.value].fix,
                   fault.value)


def row_problems(resource: str, file: str, row: int | None, cells: Mapping[str, Any],
                 written: Mapping[str, Any], skip: frozenset[str] | set[str] = frozenset()
                 ) -> list[Problem]:
    """Return the problems with a row's number and date cells (``skip``: cells already reported)."""
    problems = []
    for name in (*NUMBER_FIELDS.get(resource, ()), *DATE_FIELDS.get(resource, ())):
        value = cells.get(name)
        if value is None or name in skip:
            continue
        problem = cell_problem(file, row, name, value, written.get(name))
        if problem is not None:
            problems.append(problem)
    return problems


def text_problem(file: str, row: int | None, field: str, text: Any) -> Problem | None:
    """Return the limits problem of a number cell a validator refused, if that is what is wrong.

    Frictionless refuses ``NaN`` in a column with a minimum as breaking the minimum; the officer
    needs to hear that it is not a number at all.
    """
    try:
        value = text if isinstance(text, (float, int)) else Decimal(str(text).strip())
    except InvalidOperation:
        return None  # not a number at all: the type error says so
    return cell_problem(file, row, field, value, text)


#: Characters no published text may hold: the C0 and C1 control characters (NUL, escape, form
#: feed...) and DEL. They are invisible, some break the files they reach (a NUL ends a string in
#: many programs), and none means anything on a page. Tab, line feed and carriage return are
#: layout, not controls (a formula start is refused by its own rule, input/formulas.py).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def text_fault(value: str) -> Problem | None:
    """Return what is wrong with a text cell (without its place), or None."""
    if len(value) > MAX_CELL_CHARS:
        return Problem("", None, "", f"the cell holds {len(value):,} characters, over the limit "
                       f"of {MAX_CELL_CHARS:,}", CODES["cell-too-long"].fix, "cell-too-long")
    control = _CONTROL.search(value)
    if control is not None:
        return Problem("", None, "", "the text holds an invisible control character "
                       f"(U+{ord(control.group()):04X}) at position {control.start() + 1}",
                       CODES["text-control"].fix, "text-control")
    return None
