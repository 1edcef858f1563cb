"""Colours from the site settings: checked for contrast and written as CSS variables."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.pages.colours import colour_problems, colours_css, contrast
from generator.problems import DataError
from generator.settings import load_settings

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("first, second, ratio", [
    ("#000000", "#ffffff", 21.0), ("#ffffff", "#ffffff", 1.0), ("#12436D", "#ffffff", 10.2),
    ("#767676", "#ffffff", 4.5),
])
def test_contrast_ratio_matches_wcag(first: str, second: str, ratio: float) -> None:
    assert round(contrast(first, second), 1) == ratio


@pytest.mark.parametrize("colours, problem", [
    ({"primary": "#12436D", "accent": "#801650"}, None),
    ({"primary": "#FFDD00"}, "contrast of 1.3:1 with white"),
    ({"primary": "blue"}, "not written as #RRGGBB"),
    ({"secondary": "#12436D"}, "unknown colour 'secondary'"),
])
def test_colours_are_checked(colours: dict[str, str], problem: str | None) -> None:
    found = colour_problems(colours)
    if problem is None:
        assert found == []
    else:
        assert len(found) == 1 and problem in found[0]


def test_css_sets_the_primary_for_both_schemes_and_the_accent_for_light() -> None:
    css = colours_css({"primary": "#0B0C0C"})
    assert "--md-primary-fg-color: #0b0c0c;" in css
    assert '[data-md-color-scheme="default"] {\n  --md-accent-fg-color: #801650;' in css


def test_an_unreadable_colour_in_mkdocs_yml_is_a_clear_error(tmp_path: Path) -> None:
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(text.replace('primary: "#12436D"', 'primary: "#FFDD00"'), encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_settings(config)
    [problem] = error.value.problems
    assert problem.field == "extra.generator.colours" and "1.3:1" in problem.message
