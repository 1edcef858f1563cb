"""The Material template copies in site_src/overrides stay verbatim copies of the installed
Material, except for the changes their header comments document. A Material upgrade that changes
nav-item.html or toc.html makes this fail, so the copy is refreshed instead of silently
freezing old markup."""

from __future__ import annotations

from pathlib import Path

import material
import pytest

from tools.browser.launcher import REPO

pytestmark = pytest.mark.browser

MATERIAL = Path(material.__file__).parent / "templates"
OVERRIDES = REPO / "site_src" / "overrides"

TOC_LABEL = """    <label class="md-nav__title" for="__toc">
      <span class="md-nav__icon md-icon"></span>
      {{ title }}
    </label>"""

# (template, [(upstream text, our text), ...]) — one row per documented change.
CHANGES = [
    (
        "partials/javascripts/outdated.html",
        [('new URL("{{ base_url }}")', 'new URL("{{ base_url }}",location)')],
    ),
    (
        "partials/nav-item.html",
        [('tabindex="{{ tabindex }}"', '{% if tabindex %}tabindex="{{ tabindex }}"{% endif %}'),
         ('<label class="md-nav__title" for="{{ path }}">',
          '<label class="md-nav__title" for="{{ path }}" tabindex="0">'),
         # The current page by its active flag, which Zensical's navigation items have too.
         ('if index == page %}', 'if index.active %}'),
         ('{% elif nav_item == page %}', '{% elif nav_item.active %}')],
    ),
    (
        "partials/toc.html",
        [
            # Zensical does not hand the including template's `lang` to the partial.
            ('{% set title = lang.t("toc") %}',
             '{% import "partials/language.html" as lang with context %}\n'
             '{% set title = lang.t("toc") %}'),
            (
                TOC_LABEL,
                "    {% if nav_item is defined %}\n"
                + TOC_LABEL.replace('for="__toc">', 'for="__toc" tabindex="0">')
                + "\n    {% else %}\n"
                + TOC_LABEL.replace(
                    '<label class="md-nav__title" for="__toc">', '<div class="md-nav__title">'
                ).replace("</label>", "</div>")
                + "\n    {% endif %}",
            )
        ],
    ),
]


def _body(template: str) -> str:
    """Drop the leading {#- ... -#} comment (upstream's notice, or ours)."""
    return template.split("-#}\n", 1)[1] if template.startswith("{#-") else template


@pytest.mark.parametrize(("name", "changes"), CHANGES, ids=[name for name, _ in CHANGES])
def test_override_is_upstream_plus_documented_changes(
    name: str, changes: list[tuple[str, str]]
) -> None:
    expected = _body((MATERIAL / name).read_text(encoding="utf-8"))
    for upstream, ours in changes:
        assert upstream in expected, f"Material's {name} no longer contains {upstream!r}"
        expected = expected.replace(upstream, ours)
    actual = _body((OVERRIDES / name).read_text(encoding="utf-8"))
    assert actual == expected, f"site_src/overrides/{name} drifted from Material's {name}"


def test_no_copy_of_base_html() -> None:
    """base.html is the builder's own (each links its own asset files): no copy overrides it.

    Its invalid checkbox attribute is removed after the build (generator/output/html_fixes.py).
    """
    assert not (OVERRIDES / "base.html").exists()
    assert 'id="__drawer" autocomplete="off">' in (MATERIAL / "base.html").read_text("utf-8")
