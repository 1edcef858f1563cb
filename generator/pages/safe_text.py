"""Untrusted text from data packages, made safe to publish.

Text that people type into data packages (titles, questions, commentary, notes, labels) may hold
Markdown formatting but never raw HTML, scripts or ``javascript:`` links. Plain fields are
HTML-escaped; Markdown fields are rendered with raw HTML disabled and then sanitised again with an
allow-list, so nothing from a data file can run in a reader's browser.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any
from urllib.parse import quote

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup, escape

_MARKDOWN = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
_MARKDOWN.enable("table")

_ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "code", "blockquote",
    "table", "thead", "tbody", "tr", "th", "td", "h3", "h4",
}
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}
_SAFE_SCHEMES = {"http", "https", "mailto"}
_HEADING = re.compile(r"<(/?)h[12]>")


def plain(text: str) -> Markup:
    """Return text escaped for HTML (every character shown as typed)."""
    return Markup(html.escape(text or "", quote=True))


def markdown(text: str) -> Markup:
    """Return Markdown rendered to sanitised HTML: formatting kept, HTML and scripts removed."""
    rendered = _MARKDOWN.render(text or "")
    # Headings in commentary must not compete with the page's own outline.
    rendered = _HEADING.sub(lambda m: f"<{m.group(1)}h3>", rendered)
    cleaned = nh3.clean(
        rendered,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes=_SAFE_SCHEMES,
        link_rel="noopener noreferrer",
    )
    return Markup(cleaned.strip())


def markdown_inline(text: str) -> Markup:
    """Return Markdown rendered like ``markdown`` but without the wrapping paragraph.

    The result sits inside a Markdown paragraph that MkDocs renders again, so square brackets
    that were left as text (a link to a refused scheme, such as ``[x](javascript:...)``) are
    written as character references, which the second pass cannot turn into a link.
    """
    value = str(markdown(text))
    if value.startswith("<p>") and value.endswith("</p>") and value.count("<p>") == 1:
        value = value[3:-4]
    return Markup(value.replace("[", "&#91;").replace("]", "&#93;"))


def script_json(value: Any) -> Markup:
    """Return JSON that is safe inside a <script> element: no '<', '>' or '&' can end it early."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)


def url(text: str) -> str:
    """Return a link address from a data file if it is http, https or mailto, otherwise ''.

    Characters that could end a Markdown link or an HTML attribute early are percent-encoded.
    """
    value = (text or "").strip()
    scheme = value.split(":", 1)[0].lower() if ":" in value else ""
    if scheme not in _SAFE_SCHEMES:
        return ""
    return quote(value, safe=":/?#@!$&*+,;=%~")


# Characters YAML does not allow in a document, even quoted (YAML 1.1, "printable"): one of them
# would break a page's front matter, which MkDocs would then print on the page.
_NOT_YAML = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def front_matter(text: str) -> Markup:
    """Return text as a YAML scalar for a page's front matter, shown exactly as typed.

    MkDocs reads the front matter with YAML and Material prints the values into the page's HTML
    unescaped, so the text is HTML-escaped and single-quoted: a single-quoted YAML scalar has no
    escape sequences (a double-quoted one would turn ``\\x3c`` into ``<`` and fail on ``\\C``),
    and after HTML escaping it holds no quote to double.
    """
    escaped = str(escape(_NOT_YAML.sub("", attribute_text(text))))
    return Markup("'" + escaped.replace("'", "''") + "'")


def attribute_text(text: str) -> str:
    """Return text collapsed to one line for use in an attribute or a title."""
    return " ".join((text or "").split())


_TAG = re.compile(r"<[^>]+>")


def fragment_words(fragment: str) -> str:
    """Return the words an HTML fragment reads as: tags dropped, entities decoded, one line.

    The result is plain text: escape it again before it goes back into HTML.
    """
    return attribute_text(html.unescape(_TAG.sub("", fragment)))
