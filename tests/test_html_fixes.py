"""The after-build HTML fixes remove exactly the invalid theme markup they name, and nothing else."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from generator.output import html_fixes

# Markup as Material 9.8.1's and Zensical 0.0.73's base.html write it, and the search box's.
MATERIAL_DRAWER = ('<input class="md-toggle" data-md-toggle="drawer" type="checkbox" '
                   'id="__drawer" autocomplete="off">')
ZENSICAL_OVERLAY = '<label class="md-overlay" for="__drawer" aria-hidden="true"></label>'
SEARCH_BOX = ('<input type="text" class="md-search__input" name="query" '
              'autocomplete="off" required>')


@pytest.mark.parametrize(
    ("fix", "html", "expected"),
    [
        (html_fixes.drop_checkbox_autocomplete, MATERIAL_DRAWER,
         '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">'),
        (html_fixes.drop_checkbox_autocomplete,
         '<input autocomplete="off" type="checkbox" id="__search"><p>autocomplete="off"</p>',
         '<input type="checkbox" id="__search"><p>autocomplete="off"</p>'),
        # A text input may say autocomplete="off": it is valid there and kept.
        (html_fixes.drop_checkbox_autocomplete, SEARCH_BOX, SEARCH_BOX),
        (html_fixes.drop_checkbox_autocomplete, '<input type="checkbox" id="__toc">',
         '<input type="checkbox" id="__toc">'),
        (html_fixes.drop_label_aria_hidden, ZENSICAL_OVERLAY,
         '<label class="md-overlay" for="__drawer"></label>'),
        # aria-hidden stays where it is valid, on an icon.
        (html_fixes.drop_label_aria_hidden, '<span class="twemoji" aria-hidden="true"></span>',
         '<span class="twemoji" aria-hidden="true"></span>'),
        (html_fixes.fix_page, MATERIAL_DRAWER + ZENSICAL_OVERLAY + SEARCH_BOX,
         '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">'
         '<label class="md-overlay" for="__drawer"></label>' + SEARCH_BOX),
    ],
)
def test_fix_removes_only_the_invalid_attribute(
    fix: Callable[[str], str], html: str, expected: str
) -> None:
    assert fix(html) == expected


def test_a_page_without_the_markup_is_unchanged() -> None:
    page = "<!doctype html><html><body><h1>Attendance</h1></body></html>"
    assert html_fixes.fix_page(page) == page
