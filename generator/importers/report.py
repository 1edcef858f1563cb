"""The import report: for each mapped indicator, imported (how many periods) or not, and why.

Built by pure code from what the readers found, so an officer is told about every indicator the
mapping knows, and nothing is dropped silently. Shown after every import (``lines``) or as one
JSON object (``as_dict``); with ``--strict`` a warning stops the import (``warnings``).
``outcome.py`` builds it from the figures read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from generator.importers.councils import Council
from generator.importers.matching import FileMatch


class Source(StrEnum):
    """DfE's two kinds of published file."""

    EES = "ees"
    LAIT = "lait"


class Status(StrEnum):
    """What became of one mapped indicator."""

    IMPORTED = "imported"
    NO_NUMBERS = "no-numbers"  # imported, but every figure for the council is a symbol
    FILE_MISSING = "file-missing"  # no file matches the entry's name or layout
    MEASURE_MISSING = "measure-missing"  # the LAIT file has no row for the measure
    NO_ROWS = "no-rows"  # the file has the indicator but no row for the council
    NOT_MAPPED = "not-mapped"  # the mapping has no section for the sources given


# The import's words are officer-facing, like problem messages, except NOTE_WORDS, which the
# importer writes into the package's data notes (package text an officer may edit, as the
# mapping's definitions): none are the generator's own page words (docs/words.md).
SOURCE_WORDS = {Source.EES: "explore education statistics", Source.LAIT: "LAIT"}
NOTE_WORDS = {Source.EES: "DfE's explore education statistics files",
              Source.LAIT: "DfE's Local Authority Interactive Tool (LAIT)"}
STATUS_WORDS = {
    Status.IMPORTED: "imported",
    Status.NO_NUMBERS: "imported, but with no numbers",
    Status.FILE_MISSING: "not imported",
    Status.MEASURE_MISSING: "not imported",
    Status.NO_ROWS: "not imported",
    Status.NOT_MAPPED: "not in these files",
}
WARNINGS = frozenset({Status.NO_NUMBERS, Status.FILE_MISSING, Status.MEASURE_MISSING,
                      Status.NO_ROWS})


@dataclass(frozen=True)
class SourceRead:
    """What one kind of source gave: the files read and which indicators they hold."""

    source: Source
    looked_in: tuple[str, ...]  # the paths given on the command line
    matches: tuple[FileMatch, ...] = ()  # EES: each file and the entries it serves
    holds: frozenset[str] = frozenset()  # LAIT: the indicators the file has any row for

    def files_for(self, indicator_id: str) -> tuple[str, ...]:
        """Return the names of the files that hold the indicator."""
        if self.source is Source.LAIT:
            return tuple(self.looked_in) if indicator_id in self.holds else ()
        return tuple(m.path.name for m in self.matches if indicator_id in m.entries)


@dataclass(frozen=True)
class IndicatorReport:
    """One mapped indicator's line of the report."""

    id: str
    status: Status
    periods: tuple[str, ...] = ()  # period codes of the council's figures, in order
    detail: str = ""  # why it was not imported, in words
    notes: tuple[str, ...] = ()  # what an officer should know about an imported indicator
    by_source: tuple[tuple[str, int], ...] = ()  # figures (all areas) per source, combined

    @property
    def warning(self) -> bool:
        """Say whether the officer must be warned (and ``--strict`` stop the import)."""
        return self.status in WARNINGS


@dataclass(frozen=True)
class ImportReport:
    """The whole report of one import."""

    council: Council
    sources: tuple[Source, ...]
    indicators: tuple[IndicatorReport, ...] = field(default=())
    labels: dict[str, str] = field(default_factory=dict)  # period code -> short label

    @property
    def warnings(self) -> tuple[IndicatorReport, ...]:
        """Return the indicators an officer must be warned about."""
        return tuple(item for item in self.indicators if item.warning)

    def line(self, item: IndicatorReport) -> str:
        """Return one indicator's line: ``re-referrals: imported, 13 periods (... to ...)``."""
        text = f"{item.id}: {STATUS_WORDS[item.status]}"
        if item.periods:
            first, last = (self.labels.get(code, code) for code in (item.periods[0],
                                                                    item.periods[-1]))
            count = len(item.periods)
            text += (f", 1 period ({first})" if count == 1
                     else f", {count} periods ({first} to {last})")
        if item.by_source:
            text += " (figures: " + ", ".join(f"{SOURCE_WORDS[Source(name)]} {count}"
                                              for name, count in item.by_source) + ")"
        return "; ".join([text, *([item.detail] if item.detail else []), *item.notes])

    def lines(self) -> list[str]:
        """Return the report as lines for the screen, a summary and a warning last."""
        imported = sum(item.status in (Status.IMPORTED, Status.NO_NUMBERS)
                       for item in self.indicators)
        sources = " and ".join(SOURCE_WORDS[source] for source in self.sources)
        lines = [f"Import report for {self.council.name} ({self.council.old_code}, "
                 f"{self.council.gss_code}) from {sources}: {imported} of "
                 f"{len(self.indicators)} mapped indicators imported."]
        lines += [f"  {self.line(item)}" for item in self.indicators]
        if self.warnings:
            names = ", ".join(item.id for item in self.warnings)
            count = len(self.warnings)
            lines.append(f"Warning: {count} mapped indicator{'s' if count != 1 else ''} "
                         f"not imported or with no numbers: {names}. The reason is on each line "
                         "above; --strict makes this an error.")
        return lines

    def as_dict(self) -> dict[str, Any]:
        """Return the report as JSON-ready data with stable keys (docs/importing-dfe-data.md)."""
        return {
            "council": {"name": self.council.name, "old_code": self.council.old_code,
                        "gss_code": self.council.gss_code},
            "sources": [source.value for source in self.sources],
            "imported": sum(item.status in (Status.IMPORTED, Status.NO_NUMBERS)
                            for item in self.indicators),
            "warnings": len(self.warnings),
            "indicators": [{
                "id": item.id, "status": item.status.value, "warning": item.warning,
                "periods": len(item.periods),
                "first_period": item.periods[0] if item.periods else None,
                "last_period": item.periods[-1] if item.periods else None,
                "detail": item.detail, "notes": list(item.notes),
                "figures_by_source": dict(item.by_source),
            } for item in self.indicators],
        }
