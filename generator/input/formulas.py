"""Refuse text that a spreadsheet would run as a formula (problem code ``text-formula``).

Every table's rows pass here, CSV and Excel alike, before anything is published. The package
ZIP on the site is written from the checked model, so refusing formula text here is what keeps
that download both safe to open and exactly the data that was checked (it passes ``check``
again as it is); ``pages/downloads.py`` neutralises CSV cells as a second line of defence.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.input.load import RawPackage, Row
from generator.model import format as fmt
from generator.model.formulas import runs_as_formula
from generator.problems import CODES, Problem

_QUOTED = 30  # characters of the cell quoted in the message

_STARTS = {"=": "an equals sign (=)", "+": "a plus sign (+)", "-": "a minus sign or hyphen (-)",
           "@": "an at sign (@)", "\t": "a tab", "\r": "a carriage return"}


def _text_fields(resource: str) -> list[str]:
    """Return the free-text fields of a table.

    Fields with allowed values, a pattern (ids, flags) or a format (an address) are left out:
    their rules already refuse anything starting with these characters, and one mistake is
    reported once.
    """
    return [field["name"] for field in fmt.SCHEMAS[resource]["fields"]
            if field["type"] == "string" and "format" not in field
            and not {"enum", "pattern"} & set(field.get("constraints", {}))]


def _shown(text: str) -> str:
    """Return the start of the cell, on one line, safe to print in a report."""
    start = " ".join(text.strip().split())
    return start if len(start) <= _QUOTED else start[:_QUOTED] + "…"


def _problem(row: Row, name: str, text: str) -> Problem:
    first = text[0] if text.startswith(tuple(_STARTS)) else text.lstrip()[0]
    where = "starts" if first == text[0] else "starts, after spaces,"
    return Problem(row.file, row.number, name,
                   f"the text '{_shown(text)}' {where} with {_STARTS[first]}, so a spreadsheet "
                   "would run it as a formula", CODES["text-formula"].fix, "text-formula")


def _refused(text: object) -> bool:
    return isinstance(text, str) and runs_as_formula(text)


def formula_problems(raw: RawPackage) -> Iterator[Problem]:
    """Yield a problem for each text cell of the package that a spreadsheet would run."""
    for rows in (raw.rows, raw.rejected):
        for resource, table in rows.items():
            for name in _text_fields(resource):
                # Each distinct text is judged once: a column repeats its ids, periods and
                # names on many rows, and council-scale checks read tens of thousands.
                refused = {text for text in {row.cells.get(name) for row in table}
                           if _refused(text)}
                for row in table if refused else ():
                    text = row.cells.get(name)
                    if isinstance(text, str) and text in refused:
                        yield _problem(row, name, text)
