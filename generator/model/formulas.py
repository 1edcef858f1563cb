"""Text a spreadsheet would run as a formula, and how a CSV cell is kept from running.

Excel, LibreOffice and Google Sheets read a cell that starts with ``=``, ``+``, ``-`` or ``@``
as a formula, and one that starts with a tab or a carriage return the same way once they drop
the whitespace. A formula in a download can open links or, through DDE, run programs on the
reader's computer (OWASP, "CSV injection"). So ``check`` refuses such text
(``input/formulas.py``) and, in depth, every CSV the site writes passes each cell through
``neutralise``.

There is no exception for a Markdown list starting ``- ``: Excel reads ``- cmd|...`` as a formula
too. Markdown lists start ``* `` (docs/data-package.md says so).
"""

from __future__ import annotations

import re

#: The characters that make a spreadsheet read a cell as a formula (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# How the downloads write a number (``f"{value:.10g}"``): a negative number is data, not a
# formula, and stays as it is.
UNSIGNED_NUMBER = r"\d+(?:\.\d+)?(?:e[-+]\d+)?"
_NUMBER = re.compile("-?" + UNSIGNED_NUMBER)


def runs_as_formula(text: str) -> bool:
    """Return True when a spreadsheet could read the text as a formula.

    The text is looked at as written and without its leading whitespace, because the loader
    strips a cell (so ``" =1+1"`` is published as ``=1+1``) and spreadsheets may trim it too.
    """
    return text.startswith(FORMULA_STARTS) or text.lstrip().startswith(FORMULA_STARTS)


def neutralise(cell: str) -> str:
    """Return a CSV cell that no spreadsheet runs: a leading ``'`` when it could (OWASP).

    Numbers are left as they are, so a download holds exactly the checked data.
    """
    if runs_as_formula(cell) and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell
