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
from functools import lru_cache
from html import escape

from generator.analysis.glossary import ABBREVIATIONS

# Elements whose text is not read as prose, or is already marked.
_SKIPPED = frozenset({"abbr", "script", "style", "code", "pre", "textarea", "title"})
_TAG = re.compile(r"(<[^>]*>)")
_TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z0-9]+)")


@lru_cache(maxsize=4)
def _pattern(keys: tuple[str, ...]) -> re.Pattern[str]:
    # Longest first, so "EHCP" is found before "EHC"; a plural s is part of the word.
    alternatives = "|".join(re.escape(key) for key in sorted(keys, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])({alternatives})(s?)(?![\w-])")


def _marked(text: str, meanings: Mapping[str, str]) -> str:
    def replace(match: re.Match[str]) -> str:
        key, plural = match.group(1), match.group(2)
        meaning = meanings[key] + plural
        return f'<abbr title="{escape(meaning, quote=True)}">{key}{plural}</abbr>'

    return _pattern(tuple(meanings)).sub(replace, text)


def mark(html: str, meanings: Mapping[str, str] = ABBREVIATIONS) -> str:
    """Return the HTML with each abbreviation in its text wrapped in ``<abbr title="...">``.

    Tags and attribute values are never changed, nor text inside an element that is not prose
    or is already an ``<abbr>`` (``_SKIPPED``).
    """
    if not any(key in html for key in meanings):
        return html
    pieces = _TAG.split(html)
    skipping: list[str] = []
    for index, piece in enumerate(pieces):
        if index % 2:  # a tag
            found = _TAG_NAME.match(piece)
            if found and found.group(2).lower() in _SKIPPED and not piece.endswith("/>"):
                name = found.group(2).lower()
                if found.group(1):
                    if skipping and skipping[-1] == name:
                        skipping.pop()
                else:
                    skipping.append(name)
        elif piece and not skipping:
            pieces[index] = _marked(piece, meanings)
    return "".join(pieces)
