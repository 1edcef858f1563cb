"""Text a spreadsheet would run as a formula, and how a CSV cell is kept from running.

Excel, LibreOffice and Google Sheets read a cell that starts with ``=``, ``+``, ``-`` or ``@``
as a formula, and one that starts with a tab or a carriage return the same way once they drop
the whitespace. A formula in a download can open links or, through DDE, run programs on the
reader's computer (OWASP, "CSV injection"). So ``check`` refuses such text
(``input/formulas.py``) and, in depth, every CSV the site writes passes each cell through
``neutralise``.

One exception keeps the documented Markdown lists working: in a Markdown field a text may start
with a list item, ``- `` (a hyphen and a space). docs/data-package.md says so.
"""

from __future__ import annotations

import re

#: The characters that make a spreadsheet read a cell as a formula (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# How the downloads write a number (``f"{value:.10g}"``): a negative number is data, not a
# formula, and stays as it is.
UNSIGNED_NUMBER = r"\d+(?:\.\d+)?(?:e[-+]\d+)?"
_NUMBER = re.compile("-?" + UNSIGNED_NUMBER)
_LIST_ITEM = re.compile(r"- \S")


def runs_as_formula(text: str) -> bool:
    """Return True when a spreadsheet could read the text as a formula.

    The text is looked at as written and without its leading whitespace, because the loader
    strips a cell (so ``" =1+1"`` is published as ``=1+1``) and spreadsheets may trim it too.
    """
    return text.startswith(FORMULA_STARTS) or text.lstrip().startswith(FORMULA_STARTS)


def is_list_item(text: str) -> bool:
    """Return True when Markdown text starts with a list item (``- `` and a word)."""
    return _LIST_ITEM.match(text) is not None


def neutralise(cell: str) -> str:
    """Return a CSV cell that no spreadsheet runs: a leading ``'`` when it could (OWASP).

    Numbers, and Markdown list items (which ``check`` lets through in Markdown fields), are
    left as they are, so a download holds exactly the checked data.
    """
    if runs_as_formula(cell) and not _NUMBER.fullmatch(cell) and not is_list_item(cell):
        return "'" + cell
    return cell
