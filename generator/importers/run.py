"""Import DfE figures for one council: read the inputs, assemble the package, write it.

``import_package`` reads (mapping, councils table, neighbours, source files) at the start and
writes (through ``writer.write_package``) at the end; everything between is pure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from generator.importers.councils import Council, find_council, read_councils, read_neighbours
from generator.importers.ees import read_ees
from generator.importers.every_council import every_council
from generator.importers.lait import read_lait
from generator.importers.mapping import SHIPPED_MAPPING, Mapping, read_mapping
from generator.importers.package import COUNCIL, Figure, PackageContent, assemble
from generator.importers.writer import write_package
from generator.model.site import Release, ReleaseStatus
from generator.problems import CODES, DataError, Problem


@dataclass(frozen=True)
class ImportOptions:
    """Everything an import needs besides the source files."""

    council: str
    out: Path
    mapping: Path = SHIPPED_MAPPING
    neighbours: Path | None = None
    name: str = ""  # default: dfe-<council name>
    release_id: str = ""  # default: dfe-<release date>
    release_title: str = ""  # default: "Department for Education figures, <date>"
    release_date: date | None = None  # default: today


def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def _release(options: ImportOptions, council: Council, files: Sequence[str]) -> Release:
    day = options.release_date or date.today()
    title = options.release_title or (
        f"Department for Education figures, {day.day} {day:%B} {day.year}")
    notes = (f"Figures for {council.name} and its comparators imported from the Department for "
             f"Education's published files: {', '.join(files)}.")
    return Release(options.release_id or f"dfe-{day.isoformat()}", title, day,
                   ReleaseStatus.PUBLISHED, notes)


def _duplicates(figures: list[Figure]) -> list[Problem]:
    seen: dict[tuple[str, str, str, str], Figure] = {}
    problems = []
    for figure in figures:
        key = (figure.indicator_id, figure.period, figure.area.type, figure.area.code)
        if key in seen:
            first = seen[key]
            problems.append(Problem(figure.file, figure.row or None, "",
                                    f"'{figure.indicator_id}' has two figures for "
                                    f"{figure.area.name}, {figure.period} (also {first.file} row "
                                    f"{first.row})", CODES["import-duplicate"].fix, "import-duplicate"))
        else:
            seen[key] = figure
    return problems


def _inputs(options: ImportOptions) -> tuple[Mapping, Council, dict[str, Council]]:
    mapping, problems = read_mapping(options.mapping)
    councils = read_councils()
    council = find_council(options.council, councils)  # raises DataError when unknown
    if mapping is None:
        raise DataError(problems)
    group: dict[str, Council] = {}
    if options.neighbours is not None:
        table = read_neighbours(options.neighbours)
        by_code = {c.old_code: c for c in councils}
        if council.old_code not in table:
            raise DataError([Problem(str(options.neighbours), None, "LA num",
                                     f"{council.name} ({council.old_code}) is not in the "
                                     "statistical neighbours file",
                                     CODES["neighbours-council"].fix,
                                     "neighbours-council")])
        group = {code: by_code.get(code, Council(code, code, code, "", ""))
                 for code in table[council.old_code]}
    return mapping, council, group


def import_package(kind: str, sources: Sequence[Path], options: ImportOptions) -> PackageContent:
    """Import one council's figures from DfE files ("ees" or "lait") and write the package.

    Raises ``DataError`` with every problem found; nothing is written then.
    """
    mapping, council, group = _inputs(options)
    problems: list[Problem] = []
    if kind == "ees":
        figures, files = read_ees(sources, mapping, council, set(group), problems)
    else:
        figures, files = [], []
        for path in sources:
            figures += read_lait(path, mapping, council, group, problems)
            files.append(path.name)
    problems += _duplicates(figures)
    if not problems and not any(f.area.type == COUNCIL for f in figures):
        where = ", ".join(str(path) for path in sources) or "(no files)"
        problems.append(Problem(where, None, "council",
                                f"the files hold no rows for {council.name} ({council.old_code}, "
                                f"{council.gss_code})" + ("" if figures else
                                                          " nor for any mapped indicator"),
                                CODES["council-absent"].fix, "council-absent"))
    if problems:
        raise DataError(problems)
    source_note = ("Imported from the Department for Education's published "
                   + ("explore education statistics files" if kind == "ees" else "LAIT data")
                   + ". Figures are exactly as published; DfE's symbols (c, x, z, k, low, u) "
                   "are kept as the reason a figure is missing.")
    figures = every_council(figures, read_councils())
    content = assemble(mapping, council, figures, len(group), _release(options, council, files),
                       options.name or f"dfe-{_slug(council.name)}", source_note)
    write_package(options.out, content)
    return content
