"""The word catalogue: every table is complete, and no word table lives outside it."""

from __future__ import annotations

import ast
import enum
import importlib
from pathlib import Path

import pytest

from generator.model import words
from generator.model.site import Missing

GENERATOR = Path(__file__).resolve().parent.parent / "generator"
CATALOGUE = GENERATOR / "model" / "words.py"

# Catalogue tables that cover only some members of their enum, on purpose.
PARTIAL = {
    "COMPARATOR_COLUMN_HEADINGS": "one entry per comparator column; a named neighbour gets none",
}

# Tables keyed by an enum with string values that are not words a reader sees.
NOT_WORDS = {
    ("pages/views.py", "CHIP_CLASS"): "CSS class names of the rating chips",
    ("pages/charts.py", "COMPARATOR_ROLES"): "keys into the chart palette, dashes and symbols",
    ("pages/charts.py", "FLAG_SYMBOLS"): "plotly marker symbol names for marked figures",
    ("model/periods.py", "EXPECTED_SPELLING"): "officer-facing problem message about input spelling",
    ("importers/report.py", "STATUS_WORDS"): "officer-facing import report words",
    ("importers/report.py", "SOURCE_WORDS"): "officer-facing import report words",
    ("importers/report.py", "NOTE_WORDS"): "written into a package's data notes, which officers "
                                           "may edit, like the mapping's definitions",
}


def _enum_tables() -> dict[str, dict]:
    """Return the catalogue's tables keyed by enum members, by name."""
    return {name: value for name, value in vars(words).items()
            if isinstance(value, dict) and value and all(isinstance(key, enum.Enum) for key in value)}


def test_the_catalogue_has_its_tables():
    # Guards the completeness test below against finding nothing to check.
    assert {"RATING_WORDS", "DIRECTION_WORDS", "UNIT_WORDS", "PERIOD_LABELS",
            "POLARITY_SENTENCES", "POLARITY_WORDS", "MISSING_WORDS"} <= set(_enum_tables())


@pytest.mark.parametrize("name", sorted(set(_enum_tables()) - set(PARTIAL)))
def test_every_member_of_the_enum_has_its_words(name):
    table = _enum_tables()[name]
    members = set(type(next(iter(table))))
    assert set(table) == members, f"{name} misses {sorted(members - set(table))}"
    for value in table.values():
        assert isinstance(value, str) or (
            isinstance(value, tuple) and all(isinstance(item, str) for item in value))


@pytest.mark.parametrize(("text", "expected"), [
    ("in April to June 2024", "In April to June 2024"),
    ("the figure for England", "The figure for England"),
    ("Already capital", "Already capital"),
    ("", ""),
])
def test_capitalised_changes_only_the_first_letter(text, expected):
    assert words.capitalised(text) == expected


@pytest.mark.parametrize(("missing", "expected"), [
    (Missing.CONFIDENTIAL, "not published to protect confidentiality"),
    (Missing.ROUNDS_TO_ZERO, "fewer than half of one, so it rounds to zero"),
    (None, "not available"),
])
def test_missing_words(missing, expected):
    assert words.missing_words(missing) == expected


def _enum_names(trees: list[ast.Module]) -> set[str]:
    """Return the names of every enum class defined in the package."""
    names = set()
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and any(
                    isinstance(base, ast.Name) and base.id.endswith("Enum") for base in node.bases):
                names.add(node.name)
    return names


def _is_words(value: ast.expr) -> bool:
    if isinstance(value, ast.Constant):
        return isinstance(value.value, str) or value.value is None
    if isinstance(value, ast.Tuple | ast.List):
        return all(isinstance(item, ast.Constant) and isinstance(item.value, str)
                   for item in value.elts)
    return False


def word_tables(tree: ast.Module, enums: set[str]) -> list[str]:
    """Return the dict literals keyed by enum members with words as values, anywhere in a module.

    A table assigned to a name is reported by that name; one written inline (as the argument of a
    call, say) by its line number.
    """
    named = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign | ast.AnnAssign) and isinstance(node.value, ast.Dict):
            target = node.targets[0] if isinstance(node, ast.Assign) else node.target
            if isinstance(target, ast.Name):
                named[id(node.value)] = target.id
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Dict) or not node.keys:
            continue
        keyed_by_enum = all(
            isinstance(key, ast.Attribute) and isinstance(key.value, ast.Name)
            and key.value.id in enums for key in node.keys)
        if keyed_by_enum and all(_is_words(value) for value in node.values):
            found.append(named.get(id(node), f"line {node.lineno}"))
    return found


@pytest.mark.parametrize(("source", "expected"), [
    ('WORDS = {Polarity.HIGHER: "Up", Polarity.LOWER: "Down"}', ["WORDS"]),
    ('SENTENCES: dict = {Status.NEW: ("New.",)}', ["SENTENCES"]),
    ('def f(x):\n    return {Pattern.RISING: "It rose."}[x]', ["line 2"]),
    ('BASE = {Unit.COUNT: 1}', []),
    ('ROLES = {"england": "England"}', []),
    ('OTHER = {Colour.RED: "Red"}', []),  # not one of the package's enums
])
def test_word_tables_are_found(source, expected):
    assert word_tables(ast.parse(source), {"Polarity", "Status", "Pattern", "Unit"}) == expected


def _reexported_by_the_catalogue(path: str, name: str) -> bool:
    """Return True when the catalogue re-exports the table (period words live in periods.py)."""
    module = importlib.import_module("generator." + path.removesuffix(".py").replace("/", "."))
    return name in words.__all__ and getattr(words, name) is getattr(module, name, None)


def test_period_words_are_defined_by_periods_and_found_in_the_catalogue():
    assert _reexported_by_the_catalogue("model/periods.py", "PERIOD_LABELS")
    assert not _reexported_by_the_catalogue("model/periods.py", "EXPECTED_SPELLING")


def test_no_word_table_outside_the_catalogue():
    paths = sorted(GENERATOR.rglob("*.py"))
    trees = {path: ast.parse(path.read_text(encoding="utf-8")) for path in paths}
    enums = _enum_names(list(trees.values()))
    assert {"Polarity", "RatingStatus", "Direction", "PeriodType"} <= enums
    found = {(path.relative_to(GENERATOR).as_posix(), name)
             for path, tree in trees.items() if path != CATALOGUE
             for name in word_tables(tree, enums)}
    assert set(NOT_WORDS) <= found, f"stale exemptions: {sorted(set(NOT_WORDS) - found)}"
    strays = [f"{path}: {name}" for path, name in sorted(found - set(NOT_WORDS))
              if not _reexported_by_the_catalogue(path, name)]
    assert not strays, ("Reader-facing words belong in generator/model/words.py "
                        "(see docs/words.md): " + ", ".join(strays))
