"""Choose a council by any of its names or codes; find its statistical neighbours.

``generator/importers/mappings/councils.csv`` lists every English council with children's services (from
DfE's own files): old LA number, current GSS code, name, region code and region name, then what
DfE's files have also called it: previous GSS codes (Barnsley's E08000016 before E08000038, a
county's E10 code before it became unitary) and other names (LAIT's "Durham", "Poole (Pre LG)").
Councils abolished in the 2019-2023 reorganisations stay in the table with the year they were
abolished and their successors' LA numbers, so their old codes and names are still recognised.
Lists within a cell are separated by semicolons.
"""

from __future__ import annotations

import csv
import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from generator.input.files import MAX_XLSX_RATIO, MAX_XLSX_UNPACKED_BYTES, special_file_problem, xlsx_unpacked
from generator.problems import CODES, DataError, Problem

COUNCILS_FILE = Path(__file__).resolve().parent / "mappings" / "councils.csv"
# DfE publishes some figures for London as a whole only (SEN2's EHC plans), not for the Inner and
# Outer London its other files give London councils as their region.
LONDON = ("E12000007", "London")
LONDON_PARTS = ("E13000001", "E13000002")


@dataclass(frozen=True)
class Council:
    """An English council with children's services, current or abolished."""

    old_code: str  # DfE's three-digit LA number, e.g. 358
    gss_code: str  # ONS GSS code, e.g. E08000009 (the current one; the last one if abolished)
    name: str
    region_code: str
    region_name: str
    previous_gss_codes: tuple[str, ...] = ()  # codes DfE's files used before the current one
    other_names: tuple[str, ...] = ()  # other spellings in DfE's files, e.g. LAIT's
    abolished: str = ""  # the year it was abolished; empty for a current council
    successors: tuple[str, ...] = ()  # LA numbers of the councils that took over its area

    @property
    def codes(self) -> tuple[str, ...]:
        """Return every code the council is known by: LA number, current and previous GSS codes."""
        return (self.old_code, self.gss_code, *self.previous_gss_codes)

    @property
    def wider_region(self) -> tuple[str, str] | None:
        """Return the region that contains the council's own, where DfE has one (London)."""
        return LONDON if self.region_code in LONDON_PARTS else None


def _normalise(name: str) -> str:
    text = name.lower().replace("&", "and")
    text = re.sub(r"\b(council|borough|city|metropolitan|county|of|the|london)\b", " ", text)
    return " ".join(re.sub(r"[^a-z0-9 ]", " ", text).split())


def _list(cell: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (cell or "").split(";") if part.strip())


@cache  # the shipped table is read once, however many stages of an import ask for it
def read_councils(path: Path = COUNCILS_FILE) -> tuple[Council, ...]:
    """Return the councils listed in the shipped councils table, current ones first."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return tuple(Council(row["old_la_code"], row["gss_code"], row["name"], row["region_code"],
                             row["region_name"], _list(row.get("previous_gss_codes")),
                             _list(row.get("other_names")), (row.get("abolished") or "").strip(),
                             _list(row.get("successors")))
                     for row in csv.DictReader(handle))


def council_codes(councils: Iterable[Council]) -> dict[str, Council]:
    """Return each council under every code it is known by (LA number, current and old GSS)."""
    return {code.upper(): council for council in councils for code in council.codes}


def joint_councils(codes: str, index: dict[str, Council]) -> tuple[Council, ...]:
    """Return the councils a DfE area code names: one, or several for a joint row ("314 / 318").

    A code the table does not know gives nothing.
    """
    found = [index.get(part.strip().upper()) for part in codes.split("/")]
    return tuple(council for council in found if council is not None)


def _by_name(text: str, councils: tuple[Council, ...]) -> list[Council]:
    # A current council wins over an abolished one of the same name (Dorset, 838 and 835).
    for same in (lambda n: n.lower() == text.lower(),
                 lambda n: _normalise(n) == _normalise(text)):
        found = [c for c in councils if any(same(n) for n in (c.name, *c.other_names))]
        current = [c for c in found if not c.abolished]
        if len(current) == 1 or (not current and len(found) == 1):
            return current or found
        if found:
            return found
    return []


def find_council(query: str, councils: tuple[Council, ...]) -> Council:
    """Return the council a name, LA number (358) or any current or old GSS code names.

    An abolished council is returned too (``abolished`` says when); ``require_current`` refuses it.
    Raises ``DataError`` with suggestions when nothing (or more than one council) matches.
    """
    text = query.strip()
    by_code = council_codes(councils).get(text.upper())
    if by_code is not None:
        return by_code
    named = _by_name(text, councils)
    if len(named) == 1:
        return named[0]
    names = [n for c in councils for n in (c.name, *c.other_names)]
    close = [c.name for c in named] or difflib.get_close_matches(text, names, n=3, cutoff=0.6)
    hint = f" Did you mean: {', '.join(close)}?" if close else ""
    raise DataError([Problem("--council", None, "council", f"no English council is called or "
                             f"coded '{query}'",
                             "Give the council's name as DfE writes it (e.g. Trafford), its "
                             "three-digit LA number (358) or its GSS code (E08000009)." + hint,
                             "council-unknown")])


def successors_text(council: Council, councils: tuple[Council, ...]) -> str:
    """Return the councils that took over an abolished council's area, named and coded."""
    by_number = {c.old_code: c for c in councils}
    named = [f"{c.name} ({c.old_code}, {c.gss_code})" for c in
             (by_number[code] for code in council.successors if code in by_number)]
    return named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]


def require_current(council: Council, councils: tuple[Council, ...]) -> Council:
    """Return the council if it exists now; refuse an abolished one, naming its successors.

    A performance site reports a council that exists: an abolished council's figures stop the year
    it was abolished, and its successors' figures are for different areas, so they are not joined.
    """
    if not council.abolished:
        return council
    raise DataError([Problem("--council", None, "council",
                             f"{council.name} was abolished in {council.abolished}; its area is "
                             f"now {successors_text(council, councils)}",
                             CODES["council-abolished"].fix, "council-abolished")])


def neighbour_councils(council: Council, councils: tuple[Council, ...],
                       table: dict[str, tuple[str, ...]]) -> dict[str, Council] | None:
    """Return the council's statistical neighbours by LA number, resolved through the table.

    ``table`` is ``read_neighbours``' result. A neighbour the councils table does not know keeps
    its number as code and name. Returns None when the council has no row in the workbook.
    """
    row = next((table[code] for code in council.codes if code in table), None)
    if row is None:
        return None
    index = council_codes(councils)
    group: dict[str, Council] = {}
    for code in row:
        neighbour = index.get(code.upper(), Council(code, code, code, "", ""))
        group.setdefault(neighbour.old_code, neighbour)
    return group


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
    SN10 holding neighbours' LA numbers, one row per council starting with its LA number, the
    current councils first and then, after a blank row and an "Old SNs:" heading, abolished ones.
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
        # Rows not starting with an LA number (the blank row, the "Old SNs:" heading) are passed
        # over: the councils listed under "Old SNs" (abolished ones) are read too.
        if not cells or not _code(cells[0]).isdigit():
            continue
        neighbours.setdefault(_code(cells[0]), tuple(_code(cells[i]) for i in columns
                                                     if i < len(cells) and cells[i]))
    workbook.close()
    if header is None or not columns:
        raise DataError([Problem(file, None, "LA num", "unknown statistical neighbours layout: no "
                                 "header row starting 'LA num' with SN1 to SN10 columns",
                                 CODES["neighbours-layout"].fix,
                                 "neighbours-layout")])
    return neighbours


def _code(text: str) -> str:
    return text[:-2] if text.endswith(".0") else text
