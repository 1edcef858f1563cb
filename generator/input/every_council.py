"""Rules on every council's figures (comparator rows of area type ``council``).

They are only ranked against, never drawn: each must be a council's (its GSS code), and the row
for the package's own council must say what its observation says, because the site ranks the
council by its observations.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.input.load import RawPackage
from generator.model.site import AreaType, Package
from generator.problems import CODES, Problem

#: A council's GSS code: unitary (E06), metropolitan (E08), London borough (E09) or county (E10).
COUNCIL_CODE = re.compile(r"E(06|08|09|10)\d{6}")


def _float(value: object) -> float | None:
    return None if value is None else float(value)  # type: ignore[arg-type]


def _shown(value: float | None, missing: str) -> str:
    return f"{value:g}" if value is not None else f"'{missing}'"


def council_problems(raw: RawPackage, package: Package) -> Iterator[Problem]:
    """Check every council's figures: a council's code, and our own row against our figure."""
    ours = {(row.text("indicator_id"), row.text("period")): row
            for row in raw.rows.get("observations", ())}
    for row in raw.rows.get("comparators", ()):
        if row.text("area_type") != AreaType.COUNCIL.value:
            continue
        code = row.text("area_code")
        if not COUNCIL_CODE.fullmatch(code):
            yield Problem(row.file, row.number, "area_code",
                          f"'{code}' is not a council's GSS code", CODES["council-code"].fix,
                          "council-code")
        own = ours.get((row.text("indicator_id"), row.text("period")))
        if not package.area_code or code != package.area_code or own is None:
            continue
        theirs = (_float(row.cells.get("value")), row.text("missing"))
        mine = (_float(own.cells.get("value")), own.text("missing"))
        if theirs != mine:
            yield Problem(row.file, row.number, "value",
                          f"the row for our own council ({code}) says "
                          f"{_shown(*theirs)}, but the observation says {_shown(*mine)}",
                          CODES["council-own"].fix, "council-own")
