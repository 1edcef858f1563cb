"""The screen (``generator/input/screen.py``) gives exactly what Frictionless gives.

The loader lets ``screen_table`` read clean CSV tables and sends every other table to
Frictionless. Each test here reads a package twice, once as the loader does and once with the
screen switched off (Frictionless validates every table), and requires the same typed rows, row
numbers, rejected rows and problems. A spy records which tables the screen vouched for, so each
test also shows which path it exercised.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import pytest

import generator.input.load
from bench.synthetic import SCALES, write_scale
from generator.input.check import check_packages
from generator.input.load import read_raw_package
from generator.input.screen import screen_table
from tests.fixture_sites import PACKAGES, ROOT
from tests.test_check import cases, materialise

MINIMAL = PACKAGES / "minimal"


def _typed(rows: dict[str, tuple[Any, ...]]) -> dict[str, list[Any]]:
    """Rows with the type of every value, so 21 and Decimal('21') are told apart."""
    return {name: [(row.file, row.number, {key: (type(value).__name__, value)
                                            for key, value in row.cells.items()})
                   for row in table]
            for name, table in rows.items()}


def _read(folder: Path) -> tuple[Any, ...]:
    raw, problems = read_raw_package(folder)
    if raw is None:
        return None, None, sorted(problems)
    return _typed(raw.rows), _typed(raw.rejected), sorted(problems)


@pytest.fixture
def screened(monkeypatch: pytest.MonkeyPatch) -> dict[str, bool]:
    """Record, per table, whether the screen vouched for it."""
    seen: dict[str, bool] = {}

    def spy(resource: Any, kept: Any) -> Any:
        result = screen_table(resource, kept)
        seen[resource.name] = result is not None
        return result

    monkeypatch.setattr(generator.input.load, "screen_table", spy)
    return seen


def _both_ways(monkeypatch: pytest.MonkeyPatch, read: Callable[[], Any]) -> tuple[Any, Any]:
    with_screen = read()
    with monkeypatch.context() as patch:
        patch.setattr(generator.input.load, "screen_table", lambda resource, kept: None)
        without = read()
    return with_screen, without


def _valid_packages(tmp: Path) -> list[Path]:
    return [*sorted(p for p in (ROOT / "datapackages").iterdir() if p.is_dir()),
            *sorted(p for p in PACKAGES.iterdir() if p.is_dir()),
            write_scale(SCALES["small"], tmp / "bench")]


def test_valid_packages_read_the_same_and_every_csv_table_is_screened(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, screened: dict[str, bool]) -> None:
    folders = _valid_packages(tmp_path)
    assert len(folders) >= 6
    for folder in folders:
        screened.clear()
        with_screen, without = _both_ways(monkeypatch, partial(_read, folder))
        assert with_screen == without, folder.name
        assert with_screen[2] == [], (folder.name, with_screen[2])
        assert sum(len(rows) for rows in with_screen[0].values()) > 0
        csv_tables = {p.stem for p in folder.glob("*.csv")}
        assert screened and all(screened[name] for name in csv_tables), (folder.name, screened)


CORPUS = (*cases.CASES, cases.MANY_PROBLEMS, *cases.VALID_CASES)


@pytest.mark.parametrize("case", CORPUS, ids=[case.name for case in CORPUS])
def test_check_corpus_gets_the_same_report(case: object, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    folders = materialise(case, tmp_path)
    with_screen, without = _both_ways(monkeypatch, lambda: check_packages(folders)[1])
    assert with_screen == without


def _edit(file: str, change: Callable[[list[str]], list[str]]) -> Callable[[Path], None]:
    def apply(folder: Path) -> None:
        path = folder / file
        lines = path.read_text(encoding="utf-8").splitlines()
        path.write_text("\n".join(change(lines)) + "\n", encoding="utf-8")
    return apply


def _cell(file: str, row: int, column: str, text: str) -> Callable[[Path], None]:
    """Set one cell (row 1 is the header; no cell of the minimal package contains a comma)."""
    def change(lines: list[str]) -> list[str]:
        header = lines[0].split(",")
        assert '"' not in lines[row - 1], "the minimal row must be unquoted"
        cells = lines[row - 1].split(",")
        cells[header.index(column)] = text
        lines[row - 1] = ",".join(cells)
        return lines
    return _edit(file, change)


def _cp1252(path: Path) -> None:
    text = path.read_text(encoding="utf-8").replace("Quarter", "Quart\u00e9r")
    path.write_bytes(text.encode("cp1252"))


# (name, edit of the minimal package, table it touches, whether the screen may vouch for it)
EDITS: list[tuple[str, Callable[[Path], None], str, bool]] = [
    ("unchanged", lambda folder: None, "observations", True),
    # Cells Frictionless accepts and types in its own way: the screen uses its readers.
    ("number-with-spaces", _cell("observations.csv", 2, "value", " 21.0 "), "observations", True),
    ("number-in-e-notation", _cell("observations.csv", 2, "value", "2.1e1"), "observations", True),
    ("integer-with-plus", _cell("indicators.csv", 2, "decimal_places", "+1"), "indicators", True),
    ("boolean-as-digit", _cell("indicators.csv", 2, "counts_people", "0"), "indicators", True),
    ("quoted-note-with-newline", _cell("observations.csv", 3, "note", '"two\nlines"'),
     "observations", True),
    ("semicolon-separated", _edit("releases.csv", lambda lines: [
        line.replace(",", ";") for line in lines]), "releases", True),
    # Rows the screen must not vouch for: Frictionless reports each.
    ("short-row", _edit("observations.csv", lambda lines: [*lines, "re-referrals,2024-25-Q4,1"]),
     "observations", False),
    ("blank-line-between-rows", _edit("observations.csv", lambda lines: [*lines[:3], "",
                                                                         *lines[3:]]),
     "observations", False),
    ("row-of-empty-cells", _edit("observations.csv", lambda lines: [*lines, ",,,,,,,"]),
     "observations", False),
    ("numerator-below-minimum", _cell("observations.csv", 2, "numerator", "-4"), "observations",
     False),
    ("decimal-places-above-maximum", _cell("indicators.csv", 2, "decimal_places", "4"),
     "indicators", False),
    ("boolean-as-word", _cell("indicators.csv", 2, "counts_people", "yes"), "indicators", False),
    ("source-url-not-a-uri", _cell("indicators.csv", 2, "source_url", "see the DfE site"),
     "indicators", False),
    ("pattern-broken", _cell("observations.csv", 2, "flags", "guess"), "observations", False),
    ("required-cell-empty", _cell("observations.csv", 2, "period", ""), "observations", False),
    ("duplicate-primary-key", _edit("observations.csv", lambda lines: [*lines, lines[1]]),
     "observations", False),
    ("duplicate-unique-id", _edit("priorities.csv", lambda lines: [*lines, lines[1]]),
     "priorities", False),
    ("unknown-foreign-key", _cell("observations.csv", 2, "indicator_id", "no-such-indicator"),
     "observations", False),
    ("duplicate-header-label", _edit("observations.csv", lambda lines: [
        lines[0].replace(",note", ",flags"), *lines[1:]]), "observations", False),
    ("not-utf8", lambda folder: _cp1252(folder / "releases.csv"), "releases", False),
]


@pytest.mark.parametrize(("name", "edit", "table", "vouched"), EDITS, ids=[e[0] for e in EDITS])
def test_edits_read_the_same_with_and_without_the_screen(
        name: str, edit: Callable[[Path], None], table: str, vouched: bool, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, screened: dict[str, bool]) -> None:
    folder = tmp_path / "package"
    shutil.copytree(MINIMAL, folder)
    edit(folder)
    with_screen, without = _both_ways(monkeypatch, lambda: _read(folder))
    assert with_screen == without
    assert screened.get(table, False) is vouched, screened


def test_excel_tables_go_to_frictionless(tmp_path: Path, screened: dict[str, bool]) -> None:
    case = next(case for case in cases.VALID_CASES if case.name == "excel-every-table")
    folders = materialise(case, tmp_path)
    read_raw_package(folders[0])
    assert screened and not any(screened.values()), screened


def _inline(tmp_path: Path, text: str, schema: dict[str, Any]) -> Any:
    from frictionless import Detector, Resource, Schema

    (tmp_path / "table.csv").write_text(text, encoding="utf-8")
    return Resource(path="table.csv", basepath=str(tmp_path), format="csv",
                    schema=Schema.from_descriptor(schema),
                    detector=Detector(schema_sync=True, field_missing_values=[""]))


# Checks the format's own tables never need alone (each unique field is also a primary key and
# each table has a required field), shown on tables that do: (name, CSV, Table Schema, whether
# the screen vouches for it, whether Frictionless finds it valid).
INLINE = [
    ("clean", "a,b\n1,x\n2,y\n", {"fields": [{"name": "a", "type": "integer",
                                                "constraints": {"unique": True}},
                                               {"name": "b", "type": "string"}]}, True, True),
    ("duplicate-in-unique-field", "a,b\n1,x\n1,y\n",
     {"fields": [{"name": "a", "type": "integer", "constraints": {"unique": True}},
                 {"name": "b", "type": "string"}]}, False, False),
    ("blank-row", "a,b\n1,x\n,\n", {"fields": [{"name": "a", "type": "integer"},
                                                {"name": "b", "type": "string"}]}, False, False),
    ("key-to-the-table-itself", "a,b\n1,\n2,1\n",
     {"fields": [{"name": "a", "type": "integer"}, {"name": "b", "type": "integer"}],
      "foreignKeys": [{"fields": "b", "reference": {"resource": "", "fields": "a"}}]}, False, True),
]


@pytest.mark.parametrize(("name", "text", "schema", "vouched", "valid"), INLINE,
                         ids=[case[0] for case in INLINE])
def test_screen_table_on_its_own(name: str, text: str, schema: dict[str, Any], vouched: bool,
                                 valid: bool, tmp_path: Path) -> None:
    with _inline(tmp_path, text, schema) as resource:
        assert (screen_table(resource, {}) is not None) is vouched
    assert _inline(tmp_path, text, schema).validate().valid is valid
