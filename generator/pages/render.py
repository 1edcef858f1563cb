"""Render pages from Jinja2 templates into Markdown strings.

Every value from a data package reaches a template as untrusted text. Autoescaping turns HTML
special characters into entities; ``md_text`` also escapes Markdown punctuation where text sits in
Markdown (headings, list items), so a title cannot become a link or a script. Markdown fields
(commentary, notes) go through ``safe_text.markdown`` which returns sanitised HTML. HTML that
several templates share is written as Jinja macros in ``templates/_macros.md.j2``.
"""

from __future__ import annotations

import html
import re
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from generator.model.words import DIRECTION_WORDS, RATING_CHIP_ICONS, RATING_WORDS
from generator.pages import safe_text, table_labels
from generator.pages.views import CHIP_CLASS

# Python-Markdown's own escapable characters (with the tables extension's "|") take a backslash.
_MD_BACKSLASH = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")
# These have no backslash escape in Python-Markdown (a reader would see "\:"), so they are written
# as character references, which Markdown leaves alone and the browser shows as the character.
_MD_REFERENCES = str.maketrans({"~": "&#126;", "=": "&#61;", "^": "&#94;", ":": "&#58;"})


def md_text(value: Any) -> Markup:
    """Return text escaped for HTML and for Markdown, safe in any Markdown context."""
    # Quotes stay as typed: this text is never inside an attribute, and "&#39;" would put a 39 in
    # the heading's anchor ("children39s-care").
    escaped = html.escape(safe_text.attribute_text(str(value)), quote=False)
    return Markup(_MD_BACKSLASH.sub(r"\\\1", escaped).translate(_MD_REFERENCES))


@cache
def environment() -> Environment:
    """Return the template environment (autoescaping on, undefined names are errors)."""
    env = Environment(
        loader=PackageLoader("generator.pages", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md_text"] = md_text
    env.filters["markdown"] = safe_text.markdown
    env.filters["markdown_inline"] = safe_text.markdown_inline
    env.filters["one_line"] = safe_text.attribute_text
    env.filters["front_matter"] = safe_text.front_matter
    env.filters["url"] = safe_text.url
    env.filters["script_json"] = safe_text.script_json
    # The word and icon tables the shared macros (templates/_macros.md.j2) look ratings up in.
    env.globals.update(ICONS=RATING_CHIP_ICONS, CHIP_CLASS=CHIP_CLASS, RATING_WORDS=RATING_WORDS,
                       DIRECTION_WORDS=DIRECTION_WORDS)
    return env


def render(template: str, **context: Any) -> str:
    """Render a template to a string, with exactly one trailing newline."""
    text = environment().get_template(template).render(**context)
    # Every data table's cells name their column, for the stacked rows of a narrow screen.
    text = table_labels.label_cells(text)
    return re.sub(r"\n{3,}", "\n\n", text).rstrip() + "\n"
