"""Mark every glossary abbreviation in a page's HTML, whoever wrote the text around it.

Markdown's ``abbr`` extension (fed by ``kinds.common.abbreviation_block``) only reaches text
written in Markdown. Most of an indicator page is HTML, and much of that is officers' text: the
rating reason, the commentary and its author, the source. Run over the page's finished HTML,
``mark`` gives each abbreviation in any text node its ``<abbr>`` with the meaning, so "Head of
SEND" is explained like the generator's own words.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from html import escape

from generator.analysis.glossary import ABBREVIATIONS

# Elements whose text is not read as prose, or is already marked.
_SKIPPED = frozenset({"abbr", "script", "style", "code", "pre", "textarea", "title"})


# A word that starts with a capital, as every abbreviation does ("EHCPs" is the plural of
# "EHCP"). Looking words up is far quicker than searching for each of the abbreviations at every
# position of the page.
_WORD = re.compile(r"[A-Z](?<![\w-][A-Z])[A-Za-z0-9]*(?![\w-])")


def _abbr(key: str, plural: str, meanings: Mapping[str, str]) -> str:
    meaning = meanings[key] + plural
    return f'<abbr title="{escape(meaning, quote=True)}">{key}{plural}</abbr>'


def _not_prose(html: str, position: int) -> bool:
    """Tell whether a position is inside a tag, or inside an element that is not prose."""
    if html.rfind("<", 0, position) > html.rfind(">", 0, position):
        return True  # inside a tag: an attribute value or the tag's name
    return any(html.rfind(f"<{name}", 0, position) > html.rfind(f"</{name}", 0, position)
               for name in _SKIPPED)


def mark(html: str, meanings: Mapping[str, str] = ABBREVIATIONS) -> str:
    """Return the HTML with each abbreviation in its text wrapped in ``<abbr title="...">``.

    Tags and attribute values are never changed, nor text inside an element that is not prose
    or is already an ``<abbr>`` (``_SKIPPED``). The page is searched once for the
    abbreviations and each one found is placed by looking back from it (``_not_prose``), so
    the cost follows the few abbreviations a page holds, not its many tags
    (docs/performance.md).
    """
    pieces, last = [], 0
    for match in _WORD.finditer(html):
        word = match.group(0)
        if word in meanings:
            key, plural = word, ""
        elif word.endswith("s") and word[:-1] in meanings:
            key, plural = word[:-1], "s"
        else:
            continue
        if _not_prose(html, match.start()):
            continue
        pieces.append(html[last:match.start()])
        pieces.append(_abbr(key, plural, meanings))
        last = match.end()
    if not pieces:
        return html
    pieces.append(html[last:])
    return "".join(pieces)
