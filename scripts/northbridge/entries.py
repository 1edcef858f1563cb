"""Read a YAML spec field by field: every problem is collected and names its entry and field."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from generator.model import format as fmt
from generator.model.periods import Period, PeriodError, PeriodType, parse_canonical, shift

YEAR_TYPES = (PeriodType.FINANCIAL_YEAR, PeriodType.ACADEMIC_YEAR, PeriodType.CALENDAR_YEAR)
REQUIRED = object()
KINDS: dict[str, tuple[type, ...]] = {"text": (str, date), "number": (int, float),
                                      "integer": (int,), "boolean": (bool,), "list": (list,),
                                      "mapping": (dict,)}
EMPTY: dict[str, Any] = {"text": "", "number": 0, "integer": 0, "boolean": False, "list": [],
                         "mapping": {}}


class SpecError(Exception):
    """The spec file is broken: each problem names the file, the entry and the field."""

    def __init__(self, file: Path, problems: list[str]) -> None:
        self.problems = list(dict.fromkeys(problems))  # a shared period list reports once
        super().__init__("\n".join(f"{file}: {problem}" for problem in self.problems))


class Entry:
    """One mapping of the spec file, read field by field; fields nobody read are reported."""

    def __init__(self, data: Any, where: str, problems: list[str], prefix: str = "",
                 reported: bool = False) -> None:
        self.where, self.prefix, self.problems = where, prefix, problems
        self.data: dict[str, Any] = data if isinstance(data, dict) else {}
        self.read: set[str] = set()
        self.reported = reported  # the mapping itself is missing or wrong, and was reported
        if not isinstance(data, dict) and not reported:
            self.problem("", f"expected a mapping of fields, got {data!r}")

    def problem(self, key: str, message: str) -> None:
        name = f"{self.prefix}{key}" if key else self.prefix.rstrip(".")
        self.problems.append(f'{self.where}, field "{name}": {message}' if name else
                             f"{self.where}: {message}")

    def get(self, key: str, kind: str, default: Any = REQUIRED) -> Any:
        """Return the field's value, checked to be of the kind; report it when wrong or absent."""
        self.read.add(key)
        value = self.data.get(key)
        if value is None:
            if default is REQUIRED and not self.reported:
                self.problem(key, "is missing")
            return EMPTY[kind] if default is REQUIRED else default
        if isinstance(value, bool) != (kind == "boolean") or not isinstance(value, KINDS[kind]):
            self.problem(key, f"expected {kind}, got {value!r}")
            return EMPTY[kind] if default is REQUIRED else default
        return value.isoformat() if isinstance(value, date) else value

    def sub(self, key: str, required: bool = False) -> Entry:
        """Return a nested mapping as an entry of its own (empty when it is absent)."""
        value = self.get(key, "mapping", REQUIRED if required else {})
        broken = self.reported or not isinstance(self.data.get(key, {}), dict) or (
            required and key not in self.data)
        return Entry(value, self.where, self.problems, f"{self.prefix}{key}.", broken)

    def period(self, key: str, kind: PeriodType | None) -> Period | None:
        """Return the field read as a canonical period code of the kind."""
        code = self.get(key, "text")
        if not code or kind is None:
            return None
        try:
            return parse_canonical(code, kind)
        except PeriodError as error:
            self.problem(key, f"{error} (a {kind.value} period)")
            return None

    def done(self) -> None:
        """Report the fields that were never read: misspelt or misplaced."""
        for key in sorted(set(self.data) - self.read):
            self.problem(key, "is not a field here (check the spelling and the indentation)")


def schema_row(entry: Entry, resource: str) -> dict[str, str]:
    """Return one row of a package table, its fields checked against the format's Table Schema."""
    row = {}
    for column in fmt.schema(resource)["fields"]:
        name, constraints = column["name"], column.get("constraints", {})
        kind = {"integer": "integer", "boolean": "boolean"}.get(column["type"], "text")
        value = entry.get(name, kind, REQUIRED if constraints.get("required") else None)
        if "enum" in constraints and value not in (None, *constraints["enum"]):
            entry.problem(name, f"{value!r} is not one of {', '.join(constraints['enum'])}")
        row[name] = "" if value is None else str(value).lower() if isinstance(value, bool) \
            else str(value)
    return row


def period_range(source: Entry, kind: PeriodType | None) -> tuple[str, ...]:
    """Return the period codes from the entry's first to last, every so many months."""
    first, last = source.period("first", kind), source.period("last", kind)
    default = 12 if kind in YEAR_TYPES else 3 if kind is PeriodType.QUARTER else 1
    step = source.get("every", "integer", default)
    if first is None or last is None or step < 1:
        return ()
    codes, period = [], first
    while period.end <= last.end:
        codes.append(period.code)
        period = shift(period, step)
    if not codes or codes[-1] != last.code:
        source.problem("last", f"'{last.code}' is not reached from '{first.code}' in steps of "
                       f"{step} months (the field 'every')")
    return tuple(codes)


def read_periods(entry: Entry, lists: dict[str, Any], kind: PeriodType | None) -> tuple[str, ...]:
    """Return the entry's periods: the name of one of the period_lists, or first and last."""
    named = entry.data.get("periods")
    if not isinstance(named, str):
        source = entry.sub("periods", required=True)
    elif named in lists:
        entry.read.add("periods")
        source = Entry(lists[named], f'period list "{named}"', entry.problems)
    else:
        entry.read.add("periods")
        entry.problem("periods", f"'{named}' is not one of the period_lists: {', '.join(lists)}")
        return ()
    codes = period_range(source, kind)
    source.done()
    return codes
