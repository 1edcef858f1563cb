"""Downloads: each indicator's data as CSV and JSON, and each package as a ZIP of its tables.

Downloads are written from the model after disclosure control, never copied from the input
files, so a suppressed number can never leak through a download. Output is deterministic.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import fields
from datetime import date
from enum import StrEnum
from operator import attrgetter
from typing import Any

from generator.analysis.notes import published_note
from generator.model import format as fmt
from generator.model.formulas import UNSIGNED_NUMBER, neutralise
from generator.model.periods import Period
from generator.model.site import IndicatorData, Package, Release

ZIP_DATE = (2000, 1, 1, 0, 0, 0)


def _list_text(value: Any) -> str:
    return fmt.LIST_SEPARATOR.join(sorted(str(getattr(v, "value", v)) for v in value))


def _named_text(value: Any) -> Any:
    return getattr(value, "code", None) or getattr(value, "value", None) or str(value)


def _writer(kind: type) -> Callable[[Any], Any]:
    """Return how a value of this type is written in a CSV cell (chosen once per type)."""
    if kind is type(None):
        return lambda value: ""
    if issubclass(kind, bool):
        return lambda value: "true" if value else "false"
    if issubclass(kind, float):
        return lambda value: f"{value:.10g}"
    if issubclass(kind, date):
        return lambda value: value.isoformat()
    if issubclass(kind, (tuple, frozenset, set)):
        return _list_text
    if kind in (str, int):
        return str
    return _named_text  # a period (its code) or a choice (its value)


_WRITERS: dict[type, Callable[[Any], Any]] = {}


def _cell(value: Any) -> Any:
    kind = type(value)
    writer = _WRITERS.get(kind)
    if writer is None:
        writer = _WRITERS[kind] = _writer(kind)
    return writer(value)


RESOURCE_COLUMNS = {name: fmt.field_names(name) for name in fmt.SCHEMAS}


# Where a cell of the written CSV text may start with a formula character: after a comma or a
# line feed (the first cell of the text is the header's), an unquoted cell (which holds no line
# feed) that starts with one, with "-" that does not begin a number, or with whitespace before
# one; or a quoted cell that starts with one after any whitespace. Finding none (and no
# carriage return) means no cell needs the careful writer; a hit only means the rows are
# written again, cell by cell.
_MAYBE_FORMULA = re.compile(r'[,\n](?:[=+@\t\r]|-(?!' + UNSIGNED_NUMBER + r'[,\n])'
                            r'|[^\S\n]+[-=+@\t\r]|"\s*[-=+@\t\r])')


def _write_csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def _write_csv_carefully(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """Write every text cell through the neutraliser, and quote a cell with a carriage return.

    Python's csv module quotes a cell holding a line feed but not one holding only a carriage
    return, which spreadsheets read as the end of the row: the text after it would start a row
    of its own (and could be a formula).
    """
    buffer = io.StringIO()
    plain = csv.writer(buffer, lineterminator="\n")
    quoted = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
    plain.writerow(header)
    for row in rows:
        cells = [neutralise(cell) if isinstance(cell, str) else cell for cell in row]
        returns = any(isinstance(cell, str) and "\r" in cell for cell in cells)
        (quoted if returns else plain).writerow(cells)
    return buffer.getvalue()


def table_csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """Return CSV text with a header row, LF line endings and minimal quoting.

    Every CSV download is written here, so every text cell passes the formula neutraliser
    (``model/formulas.py``): text a spreadsheet would run gets a leading apostrophe.
    """
    rows = list(rows)
    text = _write_csv(header, rows)
    if "\r" in text or _MAYBE_FORMULA.search(text):
        text = _write_csv_carefully(header, rows)
    return text


def _column_texts(values: Sequence[Any]) -> Sequence[Any]:
    """Return a column's CSV cells; common columns skip the per-value dispatch."""
    kinds = set(map(type, values))
    if kinds <= {str}:
        return values
    if kinds <= {float, type(None)}:
        return ["" if value is None else f"{value:.10g}" for value in values]
    if kinds == {Period}:
        return [value.code for value in values]
    if len(kinds) == 1 and issubclass(kinds.pop(), StrEnum):
        return [value.value for value in values]
    return [_cell(value) for value in values]


def _model_rows(package: Package, resource: str) -> list[tuple[Any, ...]]:
    items = getattr(package, resource)
    if not items:
        return []
    present = {f.name for f in fields(items[0])}
    blank = [""] * len(items)
    columns = [_column_texts([getattr(item, name) for item in items]) if name in present else blank
               for name in RESOURCE_COLUMNS[resource]]
    return list(zip(*columns, strict=True))


def package_zip(package: Package) -> bytes:
    """Return the package as a ZIP: one CSV per resource and a datapackage.json describing them."""
    buffer = io.BytesIO()
    resources = []
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for resource in fmt.SCHEMAS:
            rows = _model_rows(package, resource)
            if not rows and resource not in fmt.REQUIRED_RESOURCES:
                continue
            name = f"{package.name}/{resource}.csv"
            info = zipfile.ZipInfo(name, ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, table_csv(RESOURCE_COLUMNS[resource], rows))
            resources.append({"name": resource, "path": f"{resource}.csv",
                              "profile": "tabular-data-resource", "schema": fmt.schema(resource)})
        descriptor = {
            "name": package.name,
            "title": package.title,
            "publisher": package.publisher,
            "demonstration": package.demonstration,
            "format_version": fmt.FORMAT_VERSION,
            "licenses": [{"title": package.licence}] if package.licence else [],
            "resources": resources,
        }
        info = zipfile.ZipInfo(f"{package.name}/datapackage.json", ZIP_DATE)
        info.compress_type = zipfile.ZIP_DEFLATED
        archive.writestr(info, json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n")
    return buffer.getvalue()


INDICATOR_CSV_HEADER = ["indicator_id", "period", "period_label", "area_type", "area_code",
                        "area_name", "value", "numerator", "denominator", "missing", "flags",
                        "note"]


def indicator_csv(data: IndicatorData) -> str:
    """Return one indicator's own figures and its comparators as one tidy CSV."""
    observations, comparators = data.observations, data.comparators
    ours = len(observations)

    def both(of_observation: Any, of_comparator: Any) -> list[Any]:
        return [*map(of_observation, observations), *map(of_comparator, comparators)]

    def numbers(name: str) -> Sequence[Any]:
        get = attrgetter(name)
        return _column_texts(both(get, get))

    columns = [
        [data.indicator.id] * (ours + len(comparators)),
        both(lambda o: o.period.code, lambda c: c.period.code),
        both(lambda o: o.period.label, lambda c: c.period.label),
        ["council"] * ours + [c.area_type.value for c in comparators],
        [""] * ours + [c.area_code for c in comparators],
        [""] * ours + [c.area_name for c in comparators],
        numbers("value"), numbers("numerator"), numbers("denominator"),
        _column_texts(both(attrgetter("missing"), attrgetter("missing"))),
        [_cell(o.flags) for o in observations] + [""] * len(comparators),
        # The officer's note on a figure, as the page shows it; table_csv neutralises formulas.
        [published_note(o) for o in observations] + [""] * len(comparators),
    ]
    return table_csv(INDICATOR_CSV_HEADER, zip(*columns, strict=True))


def _json_value(value: Any) -> Any:
    """Return a model value as JSON has it: enums as their value, tuples as lists."""
    if isinstance(value, tuple):
        return list(value)
    return getattr(value, "value", value)


def _figure(period: str, value: float | None, missing: Any, **extra: Any) -> dict[str, Any]:
    """Return one figure: its period, and its value or the symbol saying why there is none."""
    item: dict[str, Any] = {"period": period, "value": value}
    if missing is not None:
        item["missing"] = missing.value
    item.update({key: val for key, val in extra.items() if val not in (None, [], "")})
    return item


def indicator_json(data: IndicatorData, release: Release) -> str:
    """Return one indicator's metadata and figures as JSON.

    Comparator figures are grouped by area, so each area's name is written once; a figure has
    ``missing`` (a DfE symbol) only when it has no value.
    """
    ind = data.indicator
    areas: dict[tuple[str, str], dict[str, Any]] = {}
    for c in data.comparators:
        area = areas.setdefault((c.area_type.value, c.area_code), {
            "area_type": c.area_type.value, "area_code": c.area_code, "area_name": c.area_name,
            "figures": []})
        area["figures"].append(_figure(c.period.code, c.value, c.missing))
    document = {
        "release": {"id": release.id, "title": release.title, "date": release.date.isoformat()},
        "indicator": {
            name: _json_value(getattr(ind, name)) for name in fmt.field_names("indicators")
            if hasattr(ind, name)
        },
        "observations": [
            _figure(o.period.code, o.value, o.missing, numerator=o.numerator,
                    denominator=o.denominator, flags=sorted(flag.value for flag in o.flags),
                    note=published_note(o))
            for o in data.observations
        ],
        "comparators": list(areas.values()),
        "targets": [
            {"applies_from": t.applies_from.isoformat(), "target": t.target,
             "amber_tolerance": t.amber_tolerance, "expected_low": t.expected_low,
             "expected_high": t.expected_high}
            for t in data.targets
        ],
    }
    # Compact: the JSON is for programs, the CSV is the human-readable download
    # (docs/performance.md, item 5).
    return json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
