"""Correct, in a built page, the theme markup the Nu HTML Checker reports as invalid.

The site uses the theme's own ``base.html`` (Material's under MkDocs and ProperDocs, Zensical's
own under Zensical), so that each builder links its own asset files. A few attributes those
templates write are not valid HTML, and no template block wraps them: they are removed from the
written page instead, by pure text functions that work whatever built it (docs/builders.md).
Each function changes only the exact markup it names and leaves every other page byte alone.
"""

from __future__ import annotations

import re

# An <input> start tag whose type is checkbox; attribute values in theme markup hold no ">".
_CHECKBOX = re.compile(r'<input\b(?=[^>]*\stype="checkbox")[^>]*>')
_AUTOCOMPLETE = re.compile(r'\sautocomplete="[^"]*"')
# A <label> start tag with aria-hidden.
_LABEL = re.compile(r'<label\b(?=[^>]*\saria-hidden=")[^>]*>')
_ARIA_HIDDEN = re.compile(r'\saria-hidden="[^"]*"')


def drop_checkbox_autocomplete(html: str) -> str:
    """Return ``html`` without ``autocomplete`` on checkboxes.

    Material's and Zensical's base.html write ``autocomplete="off"`` on the hidden drawer and
    search toggles (``#__drawer``, ``#__search``); the HTML standard allows the attribute only
    on text-like inputs, so the checker reports an error on every page.
    """
    return _CHECKBOX.sub(lambda tag: _AUTOCOMPLETE.sub("", tag.group(0)), html)


def drop_label_aria_hidden(html: str) -> str:
    """Return ``html`` without ``aria-hidden`` on labels.

    Zensical's base.html writes ``<label class="md-overlay" for="__drawer" aria-hidden="true">``;
    the checker reports ``aria-hidden`` on a label as an error, since a label names a control.
    The overlay label has no text, so nothing is read out either way.
    """
    return _LABEL.sub(lambda tag: _ARIA_HIDDEN.sub("", tag.group(0)), html)


#: Every fix, in the order the after-build pass applies them to a page.
FIXES = (drop_checkbox_autocomplete, drop_label_aria_hidden)


def fix_page(html: str) -> str:
    """Return a built page with every fix in ``FIXES`` applied."""
    for fix in FIXES:
        html = fix(html)
    return html
