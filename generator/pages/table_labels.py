"""Label every cell of the pages' data tables with its column, so a narrow screen can stack them.

At a phone's width a table of five or six columns either hides columns behind a sideways scroll
or squeezes words apart. Instead each row is shown as a card (pages.css, "Part T: tables"): the
row's header, then one "Column: value" line per cell, the column's name coming from the cell's
``data-label`` attribute. Stacking changes the elements' CSS display, and some browsers then drop
the table from the accessibility tree, so each element also states its role (``role="row"``,
``role="cell"`` ...): a screen reader still reads a table with its headers.

The labels are added to the rendered page, not written in every template: every table of class
``data-table`` on every page kind gets them, including one a template adds later.
"""

from __future__ import annotations

import html
import re

from generator.pages.safe_text import fragment_words

# A data table, from its opening tag to its end (tables are never nested on these pages).
_TABLE = re.compile(r'<table class="data-table[^"]*"[^>]*>.*?</table>', re.S)
_HEAD = re.compile(r"<thead>(.*?)</thead>", re.S)
_COLUMN = re.compile(r"<th\b[^>]*>(.*?)</th>", re.S)
_ROW = re.compile(r"<tr\b([^>]*)>(.*?)</tr>", re.S)
_CELL = re.compile(r"<(td|th)\b([^>]*)>")


def label_cells(text: str) -> str:
    """Return a page with each data table's cells labelled with their column."""
    if "data-table" not in text:
        return text
    return _TABLE.sub(lambda match: _label_table(match.group(0)), text)


def _label_table(table: str) -> str:
    """Return one table with ``data-label`` on each data cell."""
    head = _HEAD.search(table)
    if head is None:
        return table
    columns = [_column_name(name) for name in _COLUMN.findall(head.group(1))]
    return _ROW.sub(lambda row: _label_row(row, columns), table)


def _column_name(header: str) -> str:
    """Return a column header's text, escaped to sit inside a double-quoted attribute.

    Header text can come from data (a comparator's name), and text content need not escape a
    double quote, so it is unescaped and escaped again for the attribute.
    """
    return html.escape(fragment_words(header), quote=True)


def _label_row(row: re.Match[str], columns: list[str]) -> str:
    """Return one row with each data cell labelled with its column."""
    index = 0

    def cell(match: re.Match[str]) -> str:
        nonlocal index
        kind, attributes = match.group(1), match.group(2)
        column = columns[index] if index < len(columns) else ""
        index += 1
        if kind == "th" or not column:
            return match.group(0)
        return f'<td{attributes} data-label="{column}">'

    return f"<tr{row.group(1)}>" + _CELL.sub(cell, row.group(2)) + "</tr>"
