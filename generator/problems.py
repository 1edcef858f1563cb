"""Problems found in input data, collected into one report rather than raised one at a time."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, located as precisely as possible, with a fix."""

    file: str
    row: int | None
    field: str
    message: str
    fix: str = ""
    rule: str = ""

    def location(self) -> str:
        """Return 'file, row N, field "x"' with whichever parts are known."""
        parts = [self.file]
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.field:
            parts.append(f'field "{self.field}"')
        return ", ".join(parts)


class DataError(Exception):
    """Raised by the loader when the input cannot be published; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = tuple(sorted(problems, key=_sort_key))
        super().__init__(f"{len(self.problems)} problem(s) in the data packages")


def _sort_key(problem: Problem) -> tuple:
    return (problem.file, problem.row or 0, problem.field, problem.rule, problem.message)


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Return problems in a stable order: by file, then row, then field."""
    return sorted(problems, key=_sort_key)


def format_text(problems: Iterable[Problem]) -> str:
    """Return a report for people: one block per problem."""
    problems = sort_problems(problems)
    if not problems:
        return "No problems found."
    lines = []
    for problem in problems:
        lines.append(f"{problem.location()}: {problem.message}")
        if problem.fix:
            lines.append(f"    How to fix: {problem.fix}")
    noun = "problem" if len(problems) == 1 else "problems"
    lines.append(f"\n{len(problems)} {noun} found. Nothing was published.")
    return "\n".join(lines)


def format_json(problems: Iterable[Problem]) -> str:
    """Return the problems as a JSON document for other tools."""
    items = [asdict(problem) for problem in sort_problems(problems)]
    return json.dumps({"valid": not items, "problems": items}, indent=2, ensure_ascii=False)


def _escape_annotation(text: str, property_value: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def format_github(problems: Iterable[Problem]) -> str:
    """Return GitHub Actions workflow commands that annotate each problem on its file and line.

    For CSV files the line is the row number (row 1 is the header), which matches the file's line
    unless a cell holds a line break.
    """
    lines = []
    for problem in sort_problems(problems):
        properties = [f"file={_escape_annotation(problem.file, True)}"]
        if problem.row is not None:
            properties.append(f"line={problem.row}")
        title = f"{problem.field or 'package'}: {problem.rule or 'data'}"
        properties.append(f"title={_escape_annotation(title, True)}")
        message = problem.message + (f" How to fix: {problem.fix}" if problem.fix else "")
        lines.append(f"::error {','.join(properties)}::{_escape_annotation(message)}")
    return "\n".join(lines)
