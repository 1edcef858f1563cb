"""Import DfE figures for one council: read the inputs, assemble the package, write it.

``import_package`` reads (mapping, councils table, neighbours, source files) at the start and
writes (through ``writer.write_package``) at the end; everything between is pure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from generator.importers.combine import combine
from generator.importers.councils import (
    Council,
    find_council,
    neighbour_councils,
    read_councils,
    read_neighbours,
    require_current,
)
from generator.importers.ees import read_ees_files
from generator.importers.every_council import every_council
from generator.importers.lait import read_lait
from generator.importers.mapping import SHIPPED_MAPPING, Mapping, read_mapping
from generator.importers.outcome import build_report
from generator.importers.package import COUNCIL, Figure, PackageContent, assemble
from generator.importers.report import (
    NOTE_WORDS,
    SOURCE_WORDS,
    ImportReport,
    Source,
    SourceRead,
)
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
    lait: tuple[Path, ...] = ()  # LAIT's files, for the combined import ("dfe")
    strict: bool = False  # a mapped indicator not imported stops the import


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


def _group(council: Council, councils: tuple[Council, ...], path: Path) -> dict[str, Council]:
    """Return the council's neighbours from DfE's workbook, refusing a council it does not list."""
    group = neighbour_councils(council, councils, read_neighbours(path))
    if group is None:
        raise DataError([Problem(str(path), None, "LA num",
                                 f"{council.name} ({council.old_code}) is not in the "
                                 "statistical neighbours file",
                                 CODES["neighbours-council"].fix, "neighbours-council")])
    return group


def _inputs(options: ImportOptions) -> tuple[Mapping, Council, dict[str, Council]]:
    mapping, problems = read_mapping(options.mapping)
    councils = read_councils()
    # Raises DataError when unknown, or abolished (naming the councils that took its area over).
    council = require_current(find_council(options.council, councils), councils)
    if mapping is None:
        raise DataError(problems)
    group = {} if options.neighbours is None else _group(council, councils, options.neighbours)
    return mapping, council, group


def _read(kind: Source, sources: Sequence[Path], mapping: Mapping, council: Council,
          group: dict[str, Council], problems: list[Problem]) -> tuple[list[Figure], SourceRead]:
    """Return one kind of source's figures and what the report needs to know about them."""
    looked_in = tuple(str(path) for path in sources)
    if kind is Source.EES:
        figures, matches = read_ees_files(sources, mapping, council, set(group), problems)
        return figures, SourceRead(kind, looked_in, matches=tuple(matches))
    read: list[Figure] = []
    holds: set[str] = set()
    for path in sources:
        read += read_lait(path, mapping, council, group, problems, holds)
    return read, SourceRead(kind, looked_in, holds=frozenset(holds))


def _absent(council: Council, sources: Sequence[Path], figures: list[Figure]) -> Problem:
    where = ", ".join(str(path) for path in sources) or "(no files)"
    return Problem(where, None, "council",
                   f"the files hold no rows for {council.name} ({council.old_code}, "
                   f"{council.gss_code})" + ("" if figures else " nor for any mapped indicator"),
                   CODES["council-absent"].fix, "council-absent")


def _strict_problems(report: ImportReport, sources: Sequence[Path]) -> list[Problem]:
    """Return one problem per indicator the report warns about (``--strict`` stops on them)."""
    where = ", ".join(str(path) for path in sources) or "(no files)"
    return [Problem(where, None, "", report.line(item), CODES["import-incomplete"].fix,
                    "import-incomplete") for item in report.warnings]


def _release_files(reads: Sequence[SourceRead]) -> list[str]:
    names = []
    for read in reads:
        files = ([match.path.name for match in read.matches] if read.source is Source.EES
                 else [Path(path).name for path in read.looked_in])
        names.append(f"{SOURCE_WORDS[read.source]} ({', '.join(files)})" if len(reads) > 1
                     else ", ".join(files))
    return [" and ".join(names)] if len(reads) > 1 else names


def import_package(kind: str, sources: Sequence[Path], options: ImportOptions) -> PackageContent:
    """Import one council's figures from DfE files and write the package, with its report.

    ``kind`` is "ees" (``sources`` are tidy CSVs or folders), "lait" (LAIT's long files) or
    "dfe": both combined, ``sources`` the tidy CSVs and ``options.lait`` LAIT's files
    (``combine.py``). Raises ``DataError`` with every problem found; nothing is written then.
    """
    mapping, council, group = _inputs(options)
    problems: list[Problem] = []
    kinds = {"ees": [(Source.EES, sources)], "lait": [(Source.LAIT, sources)],
             "dfe": [(Source.EES, sources), (Source.LAIT, options.lait)]}[kind]
    read = [_read(source, paths, mapping, council, group, problems) for source, paths in kinds]
    reads = [source_read for _, source_read in read]
    figures = (combine(read[0][0], read[1][0]) if kind == "dfe"
               else read[0][0])
    problems += _duplicates(figures)
    every_source = [path for _, paths in kinds for path in paths]
    if not problems and not any(f.area.type == COUNCIL for f in figures):
        problems.append(_absent(council, every_source, figures))
    report = build_report(mapping, council, reads, figures)
    if options.strict and not problems:
        problems += _strict_problems(report, every_source)
    if problems:
        raise DataError(problems)
    words = " and ".join(NOTE_WORDS[read.source] for read in reads)
    source_note = (f"Imported from {words}. Figures "
                   "are exactly as published; DfE's symbols (c, x, z, k, low, u) are kept as the "
                   "reason a figure is missing.")
    figures = every_council(figures, read_councils())
    content = assemble(mapping, council, figures, len(group),
                       _release(options, council, _release_files(reads)),
                       options.name or f"dfe-{_slug(council.name)}", source_note)
    content = replace(content, report=report)
    write_package(options.out, content)
    return content
