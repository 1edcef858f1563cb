"""Take the comparators from DfE's published files, through the importers' periods and cells."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path
from typing import Any

from generator.importers.councils import joint_councils
from generator.importers.mapping import EesSource
from generator.importers.published import Cell, mean_text, read_cell
from generator.model.periods import parse_canonical
from generator.model.site import Missing
from northbridge.spec import Indicator, Northbridge

#: Who published every comparator figure: they are read from DfE's files (the average is the mean
#: of the neighbours' published figures), and the pages name this as their source.
SOURCE = "Department for Education"

ID_COLUMNS = ("time_period", "time_identifier", "geographic_level", "country_code", "country_name",
              "region_code", "region_name", "old_la_code", "new_la_code", "la_name")


def neighbour_group(dfe: Path, model_la: str) -> list[str]:
    """The 10 statistical neighbours (3-digit LA numbers) DfE's model gives the model council."""
    from openpyxl import load_workbook

    sheet = load_workbook(dfe / "lait" / "statistical_neighbours_may_2025.xlsx", read_only=True,
                          data_only=True).worksheets[0]
    for row in sheet.iter_rows(values_only=True):
        if str(row[0]).strip() == model_la:
            return [str(row[column]).strip() for column in range(5, 25, 2)]
    raise SystemExit(f"LA {model_la} is not in the statistical neighbours file")


def make_extract(spec: Northbridge, dfe: Path) -> dict[str, str]:
    """Return the extract files (name -> CSV text): the exact source rows the comparators use."""
    group = neighbour_group(dfe, spec.council["neighbours_of"])
    by_file: dict[str, list[EesSource]] = {}
    for source in spec.comparators.values():
        by_file.setdefault(source.file, []).append(source)
    files: dict[str, str] = {}
    for name, sources in sorted(by_file.items()):
        with (dfe / "ees" / name).open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            header, rows = list(reader.fieldnames or []), list(reader)
        keep = [c for c in header if c in ID_COLUMNS or any(c in dict(s.filters) or c == s.value
                                                           for s in sources)]
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(keep)
        for row in rows:
            level = row["geographic_level"]
            area = (level == "National" or (level == "Local authority"
                                            and row["old_la_code"] in group)
                    or (level == "Regional" and row["region_code"] == spec.council["region"][0]))
            if area and any(all(row.get(c) == v for c, v in s.filters) for s in sources):
                writer.writerow([row[c] for c in keep])
        files[name] = out.getvalue()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["model_la", "rank", "old_la_code"])
    writer.writerows([spec.council["neighbours_of"], rank, code]
                     for rank, code in enumerate(group, start=1))
    files["statistical_neighbours.csv"] = out.getvalue()
    return files


def read_extract(folder: Path) -> tuple[dict[str, list[dict[str, str]]], list[str]]:
    """Read an extract folder: rows per source file, and the neighbour group in rank order."""
    tables = {}
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            tables[path.name] = list(csv.DictReader(handle))
    group = [row["old_la_code"] for row in tables.pop("statistical_neighbours.csv")]
    return tables, group


def published(cell: str) -> Cell:
    """Return a published cell; an empty one is 'x' (not available)."""
    return read_cell(cell) if cell.strip() else Cell(missing=Missing.NOT_AVAILABLE.value)


def comparator_rows(indicator: Indicator, council: dict[str, Any],
                    tables: dict[str, list[dict[str, str]]], group: list[str]) -> list[dict]:
    """England, the region, the neighbours' average and named neighbours for the series' periods."""
    source = indicator.comparators
    assert source is not None
    found: dict[str, list[dict[str, str]]] = {}
    for row in tables[source.file]:
        if all(row.get(c) == v for c, v in source.filters):
            period = indicator.dfe_period(row["time_period"])
            if period in indicator.periods:
                found.setdefault(period, []).append(row)
    region = council["region"][0]
    named = [code for code in group if any(r["old_la_code"] == code and r["region_code"] == region
                                           for rs in found.values() for r in rs)]
    rows: list[dict[str, str]] = []

    def out(period: str, area_type: str, code: str, name: str, cell: Cell) -> None:
        rows.append({"indicator_id": indicator.id, "period": period, "area_type": area_type,
                     "area_code": code, "area_name": name, "value": cell.value,
                     "numerator": "", "denominator": "", "missing": cell.missing,
                     "source": SOURCE})

    places = int(indicator.row["decimal_places"])
    for period in sorted(found, key=lambda p: parse_canonical(p, indicator.kind).end):
        levels = {r["geographic_level"]: r for r in reversed(found[period])}
        locals_ = {r["old_la_code"]: r for r in found[period]
                   if r["geographic_level"] == "Local authority"}
        if "National" in levels:
            out(period, "england", *council["england"], published(levels["National"][source.value]))
        if "Regional" in levels:
            out(period, "region", *council["region"], published(levels["Regional"][source.value]))
        numbers = [cell.value for code in group if code in locals_
                   for cell in [published(locals_[code][source.value])] if cell.is_number]
        if numbers:  # the package shows every decimal place, as DfE publishes them
            average = f"{Decimal(mean_text(numbers, places)):.{places}f}"
            out(period, "statistical_neighbours", "statistical-neighbours",
                f"Statistical neighbours (average of {len(numbers)})", Cell(value=average))
        for code in named[:council["named_neighbours"]]:
            if code in locals_:
                r = locals_[code]
                out(period, "neighbour", r["new_la_code"], r["la_name"], published(r[source.value]))
    return rows


#: Every council's rows of DfE's files, kept in the repository (made by its make_all.py from the
#: shared data folder), so the example's council rows need nothing outside the repository.
DFE_ALL = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "dfe_all" / "ees"


def read_all(file: str, cache: dict[str, list[dict[str, str]]]) -> list[dict[str, str]]:
    """Return the council rows of one of DfE's files in tests/fixtures/dfe_all, read once."""
    if file not in cache:
        with (DFE_ALL / file).open(encoding="utf-8-sig", newline="") as handle:
            cache[file] = [row for row in csv.DictReader(handle)
                           if row["geographic_level"] == "Local authority"]
    return cache[file]


def council_rows(indicator: Indicator, rows: list[dict[str, str]],
                 observations: list[dict[str, str]], councils: dict[str, Any]) -> list[dict]:
    """Every council's figure for the latest period in which Northbridge's figure is a number.

    Taken cell for cell from DfE's file, as the importer does (importers/every_council.py): each
    council found by any code DfE has used for it (``councils`` holds every code of every council
    that exists now), under its current GSS code and name; a joint row ("314 / 318") is each of
    its councils' figure; an abolished council or an unknown code is left out. Northbridge is
    fictional, so it is not among them: the site ranks it by its own figure among the real
    councils.
    """
    source = indicator.comparators
    assert source is not None
    found: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        if all(row.get(c) == v for c, v in source.filters):
            period = indicator.dfe_period(row["time_period"])
            if period in indicator.periods:
                found.setdefault(period, []).append(row)
    ours = [o["period"] for o in observations if o["value"] and o["period"] in found]
    if not ours:
        return []
    period = max(ours, key=lambda p: parse_canonical(p, indicator.kind).end)
    out: dict[str, dict[str, str]] = {}
    for row in found[period]:
        cell = published(row[source.value])
        covered = (joint_councils(row["old_la_code"], councils)
                   or joint_councils(row["new_la_code"], councils))
        for council in covered:
            out.setdefault(council.gss_code, {
                "indicator_id": indicator.id, "period": period, "area_type": "council",
                "area_code": council.gss_code, "area_name": council.name, "value": cell.value,
                "numerator": "", "denominator": "", "missing": cell.missing, "source": SOURCE})
    return [out[code] for code in sorted(out)]
