"""Importing every council in DfE's files: each succeeds with every indicator it has rows for.

Every council with a row in tests/fixtures/dfe_all/ees, and every council of the council table,
is imported through the real path (``import_package``, which writes the package). A council the
files hold rows for must import, with exactly the mapped indicators it has rows for (read from
the files independently, tests/dfe_source.py); a council the files hold no rows for must fail
with a problem saying so. Three councils chosen by a seeded random draw are then compared cell
for cell: every figure written, the council's and its comparators', is its source cell.

The whole run takes about 25 s of one core (0.15 s a council; the neighbours workbook is read
once, the CSVs by each import as an officer's import reads them).
"""

from __future__ import annotations

import csv
import random
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path

import pytest

from generator.importers import run
from generator.importers.councils import read_neighbours
from generator.importers.run import ImportOptions, import_package
from generator.problems import DataError
from tests.dfe_source import EES, NEIGHBOURS, council_table, la_numbers, mapping, source

#: Councils abolished in the 2019-2023 reorganisations: the files hold their old rows, and the
#: import refuses them, naming their successors (``council-abolished``), since a site reports a
#: council that exists.
ABOLISHED = {"835": "Dorset County Council", "836": "Poole", "837": "Bournemouth",
             "909": "Cumbria", "928": "Northamptonshire"}
#: The fixed seed of the cell-for-cell draw: the same three councils every run.
SEED = 18
RELEASE = date(2025, 12, 1)


def _param(code: str) -> object:
    name = source().councils.get(code) or council_table()[code]
    return pytest.param(code, id=f"{code}-{name}")


def _every_council() -> list[str]:
    return sorted(set(source().councils) | set(council_table()))


@pytest.fixture(autouse=True)
def _neighbours_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Read the neighbours workbook once for the whole run (openpyxl is the slow part)."""
    monkeypatch.setattr(run, "read_neighbours", _cached_neighbours)


@cache
def _cached_neighbours(path: Path) -> dict[str, tuple[str, ...]]:
    return read_neighbours(path)


def _import(code: str, out: Path) -> dict[str, list[dict[str, str]]]:
    """Import a council through the real path; return the written package's tables."""
    import_package("ees", [EES], ImportOptions(council=code, out=out, neighbours=NEIGHBOURS,
                                               release_date=RELEASE))
    tables = {}
    for name in ("indicators", "observations", "comparators"):
        with (out / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
            tables[name] = list(csv.DictReader(handle))
    return tables


@pytest.mark.parametrize("code", [_param(code) for code in _every_council()])
def test_every_council_imports_or_says_why(code: str, tmp_path: Path) -> None:
    expected = source().indicators.get(code, set())
    if code in ABOLISHED:
        with pytest.raises(DataError) as raised:
            _import(code, tmp_path / "package")
        [problem] = raised.value.problems
        assert problem.rule == "council-abolished", problem
        assert problem.message.startswith(f"{ABOLISHED[code]} was abolished in "), problem.message
        assert not (tmp_path / "package").exists()
        return
    if not expected:
        name = council_table()[code]
        with pytest.raises(DataError) as raised:
            _import(code, tmp_path / "package")
        messages = [problem.message for problem in raised.value.problems]
        assert messages[0].startswith(f"the files hold no rows for {name} ({code}, "), messages
        assert not (tmp_path / "package").exists()
        return
    tables = _import(code, tmp_path / "package")
    assert {row["id"] for row in tables["indicators"]} == expected


def test_only_the_two_held_back_councils_have_no_rows() -> None:
    # The fixture's README: Camden and Darlington were held back from the files on purpose.
    absent = {code for code in council_table() if not source().indicators.get(code)}
    assert absent == {"202", "841"}


def _drawn() -> list[str]:
    candidates = sorted(code for code in source().indicators if code not in ABOLISHED)
    return random.Random(SEED).sample(candidates, 3)


def _check(written: dict[str, str], cell: object, where: str) -> list[str]:
    """Return how a written figure differs from its source cell (nothing when it is the same)."""
    if cell is None:
        return [f"{where}: no source cell"]
    value = cell.value  # type: ignore[attr-defined]
    if value.lower() in ("c", "x", "z", "k", "low", "u"):
        wanted = {"value": "", "missing": value.lower()}
    else:
        wanted = {"value": value, "missing": ""}
    return [f"{where} {key}: wrote {written[key]!r}, source {wanted[key]!r}"
            for key in wanted if written[key] != wanted[key]]


def _average(row: dict[str, str], group: list[str]) -> str:
    """Return the neighbours' average of a comparator row, worked out from the source cells."""
    cells = [source().cells.get((row["indicator_id"], row["period"], "Local authority",
                                 la_numbers()[code])) for code in group]
    values = [Decimal(c.value) for c in cells if c is not None and c.value[:1].isdigit()]
    assert len(values) == len(group), f"an average of {len(values)} of {len(group)} neighbours"
    places = Decimal(1).scaleb(-mapping()[row["indicator_id"]]["decimal_places"])
    return str((sum(values) / len(values)).quantize(places, rounding=ROUND_HALF_UP))


@pytest.mark.parametrize("code", [pytest.param(code, id=f"seed{SEED}-{code}-"
                                               f"{source().councils[code]}")
                                  for code in _drawn()])
def test_every_figure_written_is_its_source_cell(code: str, tmp_path: Path) -> None:
    tables = _import(code, tmp_path / "package")
    cells = source().cells
    differences: list[str] = []
    for row in tables["observations"]:
        key = (row["indicator_id"], row["period"], "Local authority", code)
        cell = cells.get(key)
        differences += _check(row, cell, str(key))
        if cell is not None and row["value"]:
            ees = mapping()[row["indicator_id"]]["ees"]
            for column in ("numerator", "denominator"):
                if ees.get(f"{column}_column"):
                    assert row[column] == getattr(cell, column), (key, column)
    # Every figure the files hold for the council was written.
    held = {(i, p) for (i, p, level, c) in cells if level == "Local authority" and c == code}
    assert {(r["indicator_id"], r["period"]) for r in tables["observations"]} == held
    levels = {"england": "National", "region": "Regional", "neighbour": "Local authority",
              "council": "Local authority"}  # council: every council's figure (issue 19)
    group = sorted({r["area_code"] for r in tables["comparators"] if r["area_type"] == "neighbour"})
    for row in tables["comparators"]:
        if row["area_type"] == "statistical_neighbours":
            # The same number; the importer writes it without trailing zeros (19.0 as 19).
            assert Decimal(row["value"]) == Decimal(_average(row, group)), row
            continue
        code = (la_numbers()[row["area_code"]] if levels[row["area_type"]] == "Local authority"
                else row["area_code"])
        key = (row["indicator_id"], row["period"], levels[row["area_type"]], code)
        differences += _check(row, cells.get(key), str(key))
    assert not differences, "\n".join(differences)
    assert len(tables["observations"]) > 50 and len(tables["comparators"]) > 500
