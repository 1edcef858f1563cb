"""DfE's files in tests/fixtures/dfe_all, read independently of the importer.

The tests of importing every council compare what the importer writes with what this module
reads: the mapping file with plain YAML and the source CSVs with the csv module, each file once
per process. Nothing here calls generator/importers, so a mistake there cannot hide itself.
"""

from __future__ import annotations

import csv
import fnmatch
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
EES = ROOT / "tests" / "fixtures" / "dfe_all" / "ees"
NEIGHBOURS = ROOT / "tests" / "fixtures" / "dfe" / "statistical_neighbours_may_2025.xlsx"
MAPPING = ROOT / "generator" / "importers" / "mappings" / "dfe.yml"
COUNCILS = ROOT / "generator" / "importers" / "mappings" / "councils.csv"
#: How each geographic level names its area.
AREA_COLUMN = {"National": "country_code", "Regional": "region_code",
               "Local authority": "new_la_code"}


@dataclass(frozen=True)
class SourceCell:
    """One mapped cell of a source file: the figure with its numerator and denominator."""

    file: str
    row: int
    value: str
    numerator: str = ""
    denominator: str = ""


@dataclass
class Source:
    """Every mapped figure in the files, keyed by (indicator, period, level, area code)."""

    cells: dict[tuple[str, str, str, str], SourceCell] = field(default_factory=dict)
    #: old LA number -> DfE's name for the council (a joint row names each council it covers).
    councils: dict[str, str] = field(default_factory=dict)
    #: old LA number -> the mapped indicators that have a row for it (joint rows included).
    indicators: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))


@cache
def mapping() -> dict[str, dict]:
    """Return the shipped mapping's indicators that read explore education statistics, by id."""
    document = yaml.safe_load(MAPPING.read_text(encoding="utf-8"))
    return {item["id"]: item for item in document["indicators"] if item.get("ees")}


def period(item: dict, row: dict[str, str]) -> str:
    """Return the package's period for a row, by the rules of docs/importing-dfe-data.md."""
    year, kind = row["time_period"].strip(), item["period_type"]
    if len(year) == 6:  # 201819: the academic year 2018/19
        return f"{year[:4]}-{year[4:]}"
    if kind == "financial_year":  # reporting year 2025 is the year to 31 March 2025
        return f"{int(year) - 1}-{year[2:]}"
    if kind in ("snapshot", "rolling_12_months"):
        return f"{year}-{item['period_end']}"
    return year


def _codes(text: str) -> list[str]:
    """Return each code of a cell: a joint row's '314 / 318' is two councils."""
    return [part.strip() for part in text.split("/") if part.strip()]


def _read_file(path: Path, items: list[dict], source: Source) -> None:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for number, raw in enumerate(csv.DictReader(handle), start=2):
            row = {key.strip(): value for key, value in raw.items()}
            level = row["geographic_level"]
            if level not in AREA_COLUMN:
                continue
            old_codes = _codes(row["old_la_code"]) if level == "Local authority" else []
            names = [name.strip() for name in row["la_name"].split(" / ")]
            for code, name in zip(old_codes, names, strict=False):
                source.councils.setdefault(code, name)
            for item in items:
                ees = item["ees"]
                if any(row[column].strip() != str(value)
                       for column, value in (ees.get("filters") or {}).items()):
                    continue
                cell = SourceCell(path.name, number, row[ees["value"]].strip(),
                                  row.get(ees.get("numerator_column", ""), "").strip(),
                                  row.get(ees.get("denominator_column", ""), "").strip())
                when = period(item, row)
                for code in _codes(row[AREA_COLUMN[level]]) + old_codes:
                    source.cells[(item["id"], when, level, code)] = cell
                for code in old_codes:
                    source.indicators[code].add(item["id"])


@cache
def source() -> Source:
    """Read every mapped figure of every file in tests/fixtures/dfe_all/ees, once."""
    found = Source()
    for path in sorted(EES.glob("*.csv")):
        items = [item for item in mapping().values()
                 if fnmatch.fnmatch(path.name, item["ees"]["file"])]
        if items:
            _read_file(path, items, found)
    return found


@cache
def council_table() -> dict[str, str]:
    """Return the shipped council table: old LA number -> name."""
    with COUNCILS.open(encoding="utf-8", newline="") as handle:
        return {row["old_la_code"]: row["name"] for row in csv.DictReader(handle)}


@cache
def la_numbers() -> dict[str, str]:
    """Return the shipped council table's current GSS code -> old LA number.

    The importer writes every council under its current code; DfE's older rows carry the code of
    the day (North Yorkshire's county code until 2023), so a source cell is found by LA number.
    """
    with COUNCILS.open(encoding="utf-8", newline="") as handle:
        return {row["gss_code"]: row["old_la_code"] for row in csv.DictReader(handle)}
