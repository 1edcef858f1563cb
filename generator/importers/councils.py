"""Choose a council by name, old three-digit LA number or GSS code; find its statistical neighbours.

``generator/importers/mappings/councils.csv`` lists every English council with children's services (from
DfE's own files): old LA number, GSS code, name, region code and region name.
"""

from __future__ import annotations

import csv
import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from generator.input.files import MAX_XLSX_RATIO, MAX_XLSX_UNPACKED_BYTES, special_file_problem, xlsx_unpacked
from generator.problems import CODES, DataError, Problem

COUNCILS_FILE = Path(__file__).resolve().parent / "mappings" / "councils.csv"


@dataclass(frozen=True)
class Council:
    """An English council with children's services."""

    old_code: str  # DfE's three-digit LA number, e.g. 358
    gss_code: str  # ONS GSS code, e.g. E08000009
    name: str
    region_code: str
    region_name: str


def _normalise(name: str) -> str:
    text = name.lower().replace("&", "and")
    text = re.sub(r"\b(council|borough|city|metropolitan|county|of|the|london)\b", " ", text)
    return " ".join(re.sub(r"[^a-z0-9 ]", " ", text).split())


def read_councils(path: Path = COUNCILS_FILE) -> tuple[Council, ...]:
    """Return the councils listed in the shipped councils table."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return tuple(Council(row["old_la_code"], row["gss_code"], row["name"], row["region_code"],
                             row["region_name"]) for row in csv.DictReader(handle))


def find_council(query: str, councils: tuple[Council, ...]) -> Council:
    """Return the council a name, old LA number (358) or GSS code (E08000009) names.

    Raises ``DataError`` with suggestions when nothing (or more than one council) matches.
    """
    text = query.strip()
    for council in councils:
        if text.upper() in (council.old_code, council.gss_code.upper()):
            return council
    exact = [c for c in councils if c.name.lower() == text.lower()]
    if len(exact) == 1:
        return exact[0]
    loose = [c for c in councils if _normalise(c.name) == _normalise(text)]
    if len(loose) == 1:
        return loose[0]
    names = [c.name for c in councils]
    close = difflib.get_close_matches(text, names, n=3, cutoff=0.6)
    if len(loose) > 1:
        close = [c.name for c in loose]
    hint = f" Did you mean: {', '.join(close)}?" if close else ""
    raise DataError([Problem("--council", None, "council", f"no English council is called or "
                             f"coded '{query}'",
                             "Give the council's name as DfE writes it (e.g. Trafford), its "
                             "three-digit LA number (358) or its GSS code (E08000009)." + hint,
                             "council-unknown")])


def _bomb(path: Path, file: str) -> Problem | None:
    """Return a problem if the workbook would unpack to more than a spreadsheet can hold."""
    unpacked = xlsx_unpacked(path)
    if unpacked is None or (unpacked[0] <= MAX_XLSX_UNPACKED_BYTES
                            and unpacked[1] <= MAX_XLSX_RATIO):
        return None
    return Problem(file, None, "", f"the workbook unpacks to {unpacked[0] // 2**20:,} MB, packed "
                   f"{unpacked[1]:,.0f} times (the limits are {MAX_XLSX_UNPACKED_BYTES // 2**20} "
                   f"MB and {MAX_XLSX_RATIO} times)", CODES["xlsx-unpacked"].fix, "xlsx-unpacked")


def read_neighbours(path: Path) -> dict[str, tuple[str, ...]]:
    """Read DfE's statistical neighbours workbook: old LA number -> its neighbours' numbers.

    The layout is DfE's (May 2025): a header row whose first cell is 'LA num', columns SN1 to
    SN10 holding neighbours' LA numbers, and the table ending at the first empty row.
    Raises ``DataError`` when the file cannot be read or has another layout.
    """
    from openpyxl import load_workbook

    file = str(path)
    refused = special_file_problem(path, file) or _bomb(path, file)
    if refused is not None:
        raise DataError([refused])
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - any reader failure becomes a problem report
        raise DataError([Problem(file, None, "", f"the statistical neighbours file could not be "
                                 f"read: {error}", CODES["neighbours-unreadable"].fix,
                                 "neighbours-unreadable")]) from None
    sheet = workbook.worksheets[0]
    header: list[str] | None = None
    columns: list[int] = []
    neighbours: dict[str, tuple[str, ...]] = {}
    for row in sheet.iter_rows(values_only=True):
        cells = ["" if cell is None else str(cell).strip() for cell in row]
        if header is None:
            if cells and cells[0].lower() == "la num":
                header = cells
                columns = [i for i, label in enumerate(cells) if re.fullmatch(r"SN\d+", label)]
            continue
        if not cells or not cells[0]:
            break
        neighbours[_code(cells[0])] = tuple(_code(cells[i]) for i in columns
                                            if i < len(cells) and cells[i])
    workbook.close()
    if header is None or not columns:
        raise DataError([Problem(file, None, "LA num", "unknown statistical neighbours layout: no "
                                 "header row starting 'LA num' with SN1 to SN10 columns",
                                 CODES["neighbours-layout"].fix,
                                 "neighbours-layout")])
    return neighbours


def _code(text: str) -> str:
    return text[:-2] if text.endswith(".0") else text
