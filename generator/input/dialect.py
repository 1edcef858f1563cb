"""How a CSV table is split into cells: decided from its header row, never guessed from its text.

Frictionless guesses a CSV file's dialect with Python's ``csv.Sniffer`` on its first 100 rows.
The sniffer's quote-guessing regular expression backtracks on long lines full of quotes: 100
rows of quoted HTML (580 KB) took ``check`` three minutes, where a plain table of the same size
takes two seconds (a finding of the hostile corpus, tests/test_hostile_slow_reading.py).

The format knows every column name, so the delimiter is the one that splits the header row into
the most of them (a comma unless the file was saved with semicolons, tabs or bars), the quote is
the double quote every spreadsheet writes, and the parser registered here reads with exactly
that dialect instead of sniffing.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from frictionless import Dialect, Plugin, system
from frictionless.formats.csv import CsvControl, CsvParser

from generator.input.files import csv_head
from generator.model import format as fmt

#: The delimiters a saved CSV file may use, the usual first: what Frictionless would consider.
DELIMITERS = ",;\t|"
_COLUMNS = frozenset(field["name"] for schema in fmt.SCHEMAS.values()
                     for field in schema["fields"])


def header_delimiter(path: Path) -> str:
    """Return the delimiter that splits the file's header row into the most known columns."""
    line = csv_head(path)[0].split("\n", 1)[0]

    def known(delimiter: str) -> int:
        try:
            cells = next(csv.reader(io.StringIO(line), delimiter=delimiter), [])
        except csv.Error:  # a NUL byte: the reader reports the file
            return 0
        return sum(cell.strip() in _COLUMNS for cell in cells)

    return max(DELIMITERS, key=lambda d: (known(d), -DELIMITERS.index(d)))


def csv_dialect(path: Path) -> Dialect:
    """Return the dialect to read a CSV table with (see the module docstring)."""
    return Dialect(controls=[CsvControl(delimiter=header_delimiter(path), quote_char='"')])


class _DeclaredDialectParser(CsvParser):
    """Read a CSV table with its declared dialect; sniff only when none is declared."""

    def read_cell_stream_create(self) -> Any:  # noqa: D102 - Frictionless' hook
        control = CsvControl.from_dialect(self.resource.dialect)
        if not control.has_defined("delimiter"):
            yield from super().read_cell_stream_create()
            return
        yield from csv.reader(self.loader.text_stream, dialect=control.to_python())


class _DeclaredDialectPlugin(Plugin):
    """Give CSV tables the parser above (registered plugins come before Frictionless' own)."""

    def create_parser(self, resource: Any) -> Any:  # noqa: D102 - Frictionless' hook
        if resource.format == "csv":
            return _DeclaredDialectParser(resource)
        return None


system.register("perfsite-declared-csv-dialect", _DeclaredDialectPlugin())
