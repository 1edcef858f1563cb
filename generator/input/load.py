"""Read data packages: the only module that reads input files.

Each package goes through three gates, and every problem from every gate is collected:
1. the descriptor (``datapackage.json``) and the files it names;
2. validation against the format's Table Schemas (types, constraints, keys): Frictionless,
   or for a clean CSV table the quicker ``screen`` that uses Frictionless' cell readers; every
   row Frictionless reads is also held to the limits on numbers and dates (``cells.py``);
3. building the model (periods are read for each indicator's period type).
Domain rules that need the whole model live in ``rules.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from frictionless import Detector, Dialect, Resource, Schema
from frictionless import Package as FrictionlessPackage

from generator.input.cells import row_problems, text_fault
from generator.input.descriptor import DESCRIPTOR, read_descriptor
from generator.input.dialect import csv_dialect
from generator.input.files import (
    MAX_COLUMNS,
    MAX_FILE_BYTES,
    MAX_XLSX_RATIO,
    MAX_XLSX_UNPACKED_BYTES,
    csv_header_width,
    display_path,
    special_file_problem,
    xlsx_header_width,
    xlsx_unpacked,
)
from generator.input.messages import plain_error, unreadable
from generator.input.screen import Kept, screen_table
from generator.model import format as fmt
from generator.model.periods import PeriodError, PeriodOutOfRange, PeriodType, parse_canonical
from generator.model.site import (
    AreaType,
    BreakdownValue,
    Commentary,
    Comparator,
    Counted,
    Flag,
    Frequency,
    Indicator,
    Missing,
    Observation,
    OfficerRating,
    Package,
    Polarity,
    Priority,
    RatingColour,
    Release,
    ReleaseStatus,
    ServiceArea,
    Status,
    Target,
    Unit,
)
from generator.problems import CODES, Problem

SUPPORTED_FORMATS = {".csv": "csv", ".xlsx": "xlsx"}
#: Problems that refuse a table's file: the table is listed, so it is not also "missing".
_REFUSED_FILE = {"resource-missing", "resource-empty", "resource-outside", "file-special",
                 "too-many-columns", "xlsx-unpacked"}


@dataclass(frozen=True)
class Row:
    """A typed row read from a resource, with where it came from."""

    file: str
    number: int
    cells: dict[str, Any]

    def text(self, name: str) -> str:
        value = self.cells.get(name)
        return "" if value is None else str(value).strip()

    def items(self, name: str) -> tuple[str, ...]:
        return tuple(part.strip() for part in self.text(name).split(fmt.LIST_SEPARATOR) if part.strip())


@dataclass(frozen=True)
class RawPackage:
    """A package's descriptor and typed rows, before the model is built."""

    name: str
    title: str
    path: str
    descriptor: dict[str, Any]
    files: dict[str, str]
    rows: dict[str, tuple[Row, ...]]
    # Rows that failed validation (already reported), so later rules do not report the same
    # mistake again as, say, an unknown indicator.
    rejected: dict[str, tuple[Row, ...]] = field(default_factory=dict)
    # Each table's cache key: its file and the tables it depends on, as they were when read.
    keys: dict[str, TableKey] = field(default_factory=dict)


#: A file as it was when read: its path, modification time (ns) and size.
Stamp = tuple[str, int, int]
#: A table's cache key: its name, its file's stamp, and the stamps of the service areas and
#: indicators tables (which its foreign keys point to).
TableKey = tuple[str, Stamp, tuple[Stamp | None, Stamp | None]]


@dataclass(frozen=True)
class CheckedTable:
    """A validated table: its valid rows, its rejected rows and the problems reported."""

    rows: tuple[Row, ...]
    rejected: tuple[Row, ...]
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class ModelledTable:
    """A table's model objects (rows with a period) and the problems reading them found."""

    items: tuple[Any, ...]
    problems: tuple[Problem, ...]


@dataclass
class ReadCache:
    """Tables already validated and modelled, by the files they came from.

    The preview keeps one between rebuilds so that a table whose files did not change is not
    read again.
    """

    checked: dict[TableKey, CheckedTable] = field(default_factory=dict)
    modelled: dict[TableKey, ModelledTable] = field(default_factory=dict)


def _stamp(path: Path) -> Stamp:
    stat = path.stat()
    return str(path.resolve()), stat.st_mtime_ns, stat.st_size


# ---------------------------------------------------------------------------------------------
# Gate 1: the descriptor and its files


def _resource_file(folder: Path, where: str, resource: dict[str, Any],
                   problems: list[Problem]) -> Path | None:
    name = resource.get("name", "")
    path_text = resource.get("path")
    if not isinstance(path_text, str) or not path_text:
        problems.append(Problem(where, None, f"resources.{name}.path", f"resource '{name}' has no path",
                                CODES["resource-path"].fix,
                                "resource-path"))
        return None
    candidate = folder / path_text
    root = folder.resolve()
    shown = display_path(candidate)
    try:
        resolved = candidate.resolve()
    except (OSError, RuntimeError):  # a loop of symbolic links
        resolved = candidate
    special = special_file_problem(candidate, shown)
    if special is not None:
        problems.append(special)
        return None
    if Path(path_text).is_absolute() or (root != resolved and root not in resolved.parents):
        problems.append(Problem(shown, None, "", "the file is outside the package folder (an absolute "
                                "path, '..' or a symbolic link that points elsewhere)",
                                CODES["resource-outside"].fix, "resource-outside"))
        return None
    if not resolved.is_file():
        problems.append(Problem(shown, None, "", "the file named in datapackage.json does not exist",
                                f"Create {path_text} or correct its path in datapackage.json.",
                                "resource-missing"))
        return None
    suffix = resolved.suffix.lower()
    if suffix not in SUPPORTED_FORMATS:
        problems.append(Problem(shown, None, "", f"'{suffix}' files are not supported",
                                CODES["resource-format"].fix, "resource-format"))
        return None
    size = resolved.stat().st_size
    if size == 0:
        problems.append(Problem(shown, None, "", "the file is empty",
                                CODES["resource-empty"].fix, "resource-empty"))
        return None
    if size > MAX_FILE_BYTES:
        problems.append(Problem(shown, None, "", f"the file is {size // 2**20} MB, over the "
                                f"{MAX_FILE_BYTES // 2**20} MB limit",
                                CODES["resource-size"].fix, "resource-size"))
        return None
    limit = _over_limit(resolved, shown)
    if limit is not None:
        problems.append(limit)
        return None
    return candidate


def _over_limit(path: Path, shown: str) -> Problem | None:
    """Return the problem if a table is over a limit its reader cannot safely meet.

    Both are checked before Frictionless opens the file: it matches header labels in time
    that grows with the square of their number, and openpyxl unpacks the whole of an .xlsx.
    """
    if path.suffix.lower() == ".xlsx":
        unpacked = xlsx_unpacked(path)
        if unpacked is not None and (unpacked[0] > MAX_XLSX_UNPACKED_BYTES
                                     or unpacked[1] > MAX_XLSX_RATIO):
            size, ratio = unpacked
            return Problem(shown, None, "", f"the file unpacks to {size // 2**20:,} MB, packed "
                           f"{ratio:,.0f} times (the limits are "
                           f"{MAX_XLSX_UNPACKED_BYTES // 2**20} MB and {MAX_XLSX_RATIO} times)",
                           CODES["xlsx-unpacked"].fix, "xlsx-unpacked")
        width, whole = xlsx_header_width(path)
    else:
        width, whole = csv_header_width(path)
    if width > MAX_COLUMNS:
        counted = f"{width:,}" if whole else f"at least {width:,}"
        return Problem(shown, 1, "", f"the header row has {counted} columns, over the limit of "
                       f"{MAX_COLUMNS}", CODES["too-many-columns"].fix, "too-many-columns")
    return None


def _text_cells(rows: Iterable[Row]) -> Iterator[Problem]:
    """Yield a problem for each cell over ``MAX_CELL_CHARS`` characters or holding a control."""
    rows = tuple(rows)
    # Each distinct text is judged once: columns repeat their ids, periods and names.
    texts = {value for row in rows for value in row.cells.values() if isinstance(value, str)}
    faults = {text: fault for text in texts if (fault := text_fault(text)) is not None}
    for row in rows if faults else ():
        for name, value in row.cells.items():
            fault = faults.get(value) if isinstance(value, str) else None
            if fault is not None:
                yield replace(fault, file=row.file, row=row.number, field=name)


# ---------------------------------------------------------------------------------------------
# Gate 2: Frictionless validation against the format's schemas


def _check_header(header: list[str], resource_name: str, file: str,
                  problems: list[Problem]) -> bool:
    schema = fmt.SCHEMAS[resource_name]
    known = [field["name"] for field in schema["fields"]]
    required = [f["name"] for f in schema["fields"] if f.get("constraints", {}).get("required")]
    ok = True
    for label in header:
        if label not in known:
            ok = False
            problems.append(Problem(file, 1, label, f"unknown column '{label}'",
                                    f"The columns of {resource_name} are: {', '.join(known)}. "
                                    "Correct the spelling or remove the column.", "unknown-column"))
    for name in required:
        if name not in header:
            ok = False
            problems.append(Problem(file, 1, name, f"required column '{name}' is missing",
                                    f"Add a '{name}' column to the header row.", "missing-column"))
    return ok


def _frictionless_resource(name: str, path: Path, folder: Path) -> Resource:
    file_format = SUPPORTED_FORMATS[path.suffix.lower()]
    return Resource(
        name=name,
        path=str(path.relative_to(folder)),
        basepath=str(folder),
        format=file_format,
        # CSV must be UTF-8 (with or without a byte-order mark). Saying so, instead of letting
        # Frictionless guess from the first lines, refuses every other encoding the same way
        # (docs/data-package.md) and saves the guess, the slowest part of opening a table.
        encoding="utf-8" if file_format == "csv" else None,
        # The dialect comes from the header row, so Frictionless does not sniff (input/dialect.py).
        dialect=csv_dialect(path) if file_format == "csv" else Dialect(),
        schema=Schema.from_descriptor(fmt.schema(name)),
        detector=Detector(schema_sync=True, field_missing_values=[""]),
    )


def _open_table(resource: Resource, file: str, problems: list[Problem],
                kept: Kept | None) -> tuple[bool, tuple[Row, ...] | None]:
    """Open a table once: check its header row, then (given ``kept``) screen its rows.

    Returns whether the header is usable and, when the screen vouched for the table, its rows.
    A reader failure becomes a problem.
    """
    try:
        with resource:
            labels = [str(label).strip() for label in resource.labels]  # type: ignore[attr-defined]
            if not _check_header(labels, resource.name, file, problems):
                return False, None
            screened = None if kept is None else screen_table(resource, kept)
    except Exception as error:  # noqa: BLE001 - any reader failure becomes a problem report
        problems.append(unreadable(file, error))
        return False, None
    return True, None if screened is None else tuple(Row(file, number, cells)
                                                    for number, cells in screened)


def _within_limits(resource_name: str, file: str, row: Any, problems: list[Problem]) -> bool:
    """Report the cells of a Frictionless row outside the format's limits; True if there are none.

    Cells Frictionless has already refused are not reported again.
    """
    found = row_problems(resource_name, file, row.row_number, row.to_dict(),
                         dict(zip(row.field_names, row.cells, strict=False)), set(row.error_cells))
    problems.extend(found)
    return not found


def _read_rows(resource: Resource, file: str, problems: list[Problem],
               rejected: list[Row] | None = None) -> tuple[Row, ...]:
    rows = []
    try:
        with resource:
            for row in resource.row_stream:  # type: ignore[attr-defined]
                if _within_limits(resource.name, file, row, problems) and row.valid:
                    rows.append(Row(file, row.row_number, row.to_dict()))
                elif rejected is not None:
                    rejected.append(Row(file, row.row_number, row.to_dict()))
    except Exception as error:  # noqa: BLE001 - any reader failure becomes a problem report
        problems.append(unreadable(file, error))
        return ()
    return tuple(rows)


def _kept(resource: Resource, screened: dict[str, tuple[Row, ...]],
          keys: dict[str, TableKey], cache: ReadCache | None) -> Kept:
    """Return the valid rows of the tables a table's foreign keys point to, where known yet."""
    kept: dict[str, list[dict[str, Any]]] = {}
    for foreign in resource.schema.foreign_keys:
        name = foreign["reference"]["resource"]
        if name in screened:
            kept[name] = [row.cells for row in screened[name]]
        elif cache is not None and name in keys and keys[name] in cache.checked:
            kept[name] = [row.cells for row in cache.checked[keys[name]].rows]
    return kept


def _validate_rows(folder: Path, files: dict[str, Path], screened: dict[str, tuple[Row, ...]],
                   shown: dict[str, str], where: str, problems: list[Problem],
                   keys: dict[str, TableKey], cache: ReadCache | None
                   ) -> tuple[dict[str, tuple[Row, ...]], dict[str, tuple[Row, ...]]]:
    """Return every table's valid and rejected rows: from the cache, the screen or Frictionless.

    A table the screen did not vouch for is validated, and its problems reported, by
    Frictionless, as part of a package so that its foreign keys are checked too.
    """
    rows: dict[str, tuple[Row, ...]] = {}
    rejected: dict[str, tuple[Row, ...]] = {}
    package: FrictionlessPackage | None = None
    for name in files:
        key = keys[name]
        if cache is not None and key in cache.checked:
            checked = cache.checked[key]
            rows[name], rejected[name] = checked.rows, checked.rejected
            problems.extend(checked.problems)
            continue
        before = len(problems)
        if name in screened:
            rows[name], rejected[name] = screened[name], ()
        else:
            if package is None:
                package = FrictionlessPackage(
                    resources=[_frictionless_resource(other, path, folder)
                               for other, path in files.items()], basepath=str(folder))
            rows[name], rejected[name] = _frictionless_rows(package.get_resource(name), shown[name],
                                                            where, shown, problems)
        if cache is not None:
            cache.checked[key] = CheckedTable(rows[name], rejected[name], tuple(problems[before:]))
    return rows, rejected


def _frictionless_rows(resource: Resource, file: str, where: str, shown: dict[str, str],
                       problems: list[Problem]) -> tuple[tuple[Row, ...], tuple[Row, ...]]:
    """Validate a table with Frictionless, reporting its problems; return kept and failed rows.

    One pass both keeps the rows and collects the problems, so no table is read twice
    (docs/performance.md, item 1).
    """
    kept: list[Row] = []
    failed: list[Row] = []

    def keep(row: Any) -> None:
        # A foreign-key error is reported but keeps the row: the model skips unknown ids.
        valid = all(error.type == "foreign-key" for error in row.errors)
        valid = _within_limits(resource.name, file, row, problems) and valid
        (kept if valid else failed).append(Row(file, row.row_number, row.to_dict()))

    report = resource.validate(on_row=keep)
    for task in report.tasks:
        blank = {getattr(e, "row_number", None) for e in task.errors if e.type == "blank-row"}
        for error in task.errors:
            if error.type == "primary-key" and getattr(error, "row_number", None) in blank:
                continue  # a blank row is reported once, not also as a duplicate
            problems.append(plain_error(error, shown.get(task.name, where),
                                        fmt.SCHEMAS.get(task.name, {"fields": []}), task.name))
    return tuple(kept), tuple(failed)


def _resource_files(folder: Path, where: str, descriptor: dict[str, Any],
                    problems: list[Problem]) -> dict[str, Path]:
    """Return the file of each known resource the descriptor lists, reporting what is wrong."""
    files: dict[str, Path] = {}
    for resource in descriptor["resources"]:
        name = resource.get("name")
        if name not in fmt.SCHEMAS:
            problems.append(Problem(where, None, "resources", f"unknown resource '{name}'",
                                    "Resource names are: " + ", ".join(fmt.SCHEMAS) + ".",
                                    "resource-unknown"))
            continue
        if name in files:
            problems.append(Problem(where, None, "resources", f"resource '{name}' is listed twice",
                                    CODES["resource-duplicate"].fix, "resource-duplicate"))
            continue
        declared = resource.get("schema")
        if declared is not None and not fmt.accepted(name, declared):
            problems.append(Problem(where, None, f"resources.{name}.schema",
                                    f"the schema of '{name}' differs from format {fmt.FORMAT_VERSION}",
                                    f"Replace it with the output of `python -m generator schema {name}`"
                                    " or remove it (the format's schema is used).", "schema-differs"))
        path = _resource_file(folder, where, resource, problems)
        if path is not None:
            files[name] = path
    for name in fmt.REQUIRED_RESOURCES:
        if name not in files and not any(p.rule in _REFUSED_FILE for p in problems):
            problems.append(Problem(where, None, "resources", f"the package has no '{name}' table",
                                    f"Add a resource named '{name}'.", "resource-required"))

    return files


def read_raw_package(folder: Path, cache: ReadCache | None = None
                     ) -> tuple[RawPackage | None, list[Problem]]:
    """Read and validate one package folder into typed rows, collecting every problem.

    With a cache, a table is validated again only when its file, or a table its foreign keys
    point to, has changed since the cache saw it.
    """
    problems: list[Problem] = []
    descriptor = read_descriptor(folder, problems)
    if descriptor is None:
        return None, problems
    where = display_path(folder / DESCRIPTOR)
    for key in ("name", "title"):
        if not isinstance(descriptor.get(key), str) or not descriptor.get(key):
            problems.append(Problem(where, None, key, f"the package has no {key}",
                                    CODES["descriptor-" + key].fix, "descriptor-" + key))
    name = descriptor.get("name")
    if isinstance(name, str) and name and not fmt.is_id(name):
        # The name becomes the file name of the package's download.
        problems.append(Problem(where, None, "name", f"the package name '{name}' is not an id",
                                CODES["descriptor-name-id"].fix, "descriptor-name-id"))
    files = _resource_files(folder, where, descriptor, problems)

    stamps = {name: _stamp(path) for name, path in files.items()}
    referenced = (stamps.get("service_areas"), stamps.get("indicators"))
    keys: dict[str, TableKey] = {name: (name, stamp, referenced) for name, stamp in stamps.items()}
    resources = {name: _frictionless_resource(name, path, folder) for name, path in files.items()}
    shown = {name: display_path(path) for name, path in files.items()}
    # Each table is opened once, in the format's order so that the tables foreign keys point
    # to are screened before the tables that point to them.
    screened: dict[str, tuple[Row, ...]] = {}
    header_ok = True
    for name in sorted(resources, key=list(fmt.SCHEMAS).index):
        cached = cache is not None and keys[name] in cache.checked
        ok, table = _open_table(resources[name], shown[name], problems,
                                None if cached else _kept(resources[name], screened, keys, cache))
        header_ok = header_ok and ok
        if table is not None:
            screened[name] = table
    rows: dict[str, tuple[Row, ...]] = {}
    rejected: dict[str, tuple[Row, ...]] = {}
    if header_ok and resources:
        rows, rejected = _validate_rows(folder, files, screened, shown, where, problems, keys, cache)
    else:
        for name, resource in resources.items():
            if any(p.file == shown[name] and p.rule in {"unknown-column", "missing-column",
                                                        "resource-unreadable"} for p in problems):
                rows[name], rejected[name] = (), ()
                continue
            failed: list[Row] = []
            rows[name] = _read_rows(resource, shown[name], problems, failed)
            rejected[name] = tuple(failed)
    for name in rows:
        problems.extend(_text_cells((*rows[name], *rejected.get(name, ()))))
    raw = RawPackage(
        name=str(descriptor.get("name", folder.name)),
        title=str(descriptor.get("title", folder.name)),
        path=display_path(folder),
        descriptor=descriptor,
        files=shown,
        rows=rows,
        rejected=rejected,
        keys=keys,
    )
    return raw, problems


# ---------------------------------------------------------------------------------------------
# Gate 3: the model


def _number(value: Any) -> float | None:
    # Adding 0.0 turns -0 into 0, once for every number the model holds, so no page says "-0.0".
    return None if value is None else float(value) + 0.0


def _missing(row: Row) -> Missing | None:
    text = row.text("missing").lower()
    return Missing(text) if text else None


class _Builder:
    """Turns typed rows into model objects, recording period problems."""

    def __init__(self, raw: RawPackage, problems: list[Problem], cache: ReadCache | None = None):
        self.raw = raw
        self.problems = problems
        self.cache = cache
        self.period_types: dict[str, PeriodType] = {}
        self.rejected_period_types: dict[str, PeriodType] = {}

    def build(self) -> Package:
        rows = self.raw.rows
        indicators = tuple(self._indicator(row) for row in rows.get("indicators", ()))
        self.period_types = {indicator.id: indicator.period_type for indicator in indicators}
        self.rejected_period_types = _declared_period_types(self.raw.rejected.get("indicators", ()))
        descriptor = self.raw.descriptor
        licences = descriptor.get("licenses") or []
        licence = licences[0].get("title") or licences[0].get("name", "") if licences else ""
        return Package(
            name=self.raw.name,
            title=self.raw.title,
            path=self.raw.path,
            publisher=str(descriptor.get("publisher", "")),
            licence=str(licence),
            demonstration=bool(descriptor.get("demonstration", False)),
            area_code=str(descriptor.get("area_code", "")),
            service_areas=tuple(ServiceArea(r.text("id"), int(r.cells["item"]), r.text("title"),
                                            r.text("description"))
                                for r in rows.get("service_areas", ())),
            priorities=tuple(Priority(r.text("id"), r.text("title"), r.text("description"))
                             for r in rows.get("priorities", ())),
            indicators=indicators,
            observations=tuple(self._each("observations", self._observation)),
            comparators=tuple(self._each("comparators", self._comparator)),
            targets=tuple(Target(r.text("indicator_id"), r.cells["applies_from"],
                                 _number(r.cells.get("target")),
                                 _number(r.cells.get("amber_tolerance")),
                                 _number(r.cells.get("expected_low")),
                                 _number(r.cells.get("expected_high")), r.text("note"))
                          for r in rows.get("targets", ())),
            ratings=tuple(self._each("ratings", lambda r, p: OfficerRating(
                r.text("indicator_id"), p, RatingColour(r.text("rating")), r.text("reason")))),
            commentary=tuple(self._each("commentary", lambda r, p: Commentary(
                r.text("indicator_id"), p, r.text("commentary"), r.text("actions"),
                r.text("author")))),
            breakdowns=tuple(self._each("breakdowns", lambda r, p: BreakdownValue(
                r.text("indicator_id"), p, r.text("dimension"), r.text("category"),
                _number(r.cells.get("value")), _missing(r), int(r.cells.get("order") or 0)))),
            releases=tuple(Release(r.text("id"), r.text("title"), r.cells["date"],
                                   ReleaseStatus(r.text("status")), r.text("notes"))
                           for r in rows.get("releases", ())),
        )

    def _indicator(self, r: Row) -> Indicator:
        threshold = r.cells.get("small_number_threshold")
        return Indicator(
            id=r.text("id"), title=r.text("title"), question=r.text("question"),
            service_area=r.text("service_area"), definition=r.text("definition"),
            unit=Unit(r.text("unit")), decimal_places=int(r.cells["decimal_places"]),
            polarity=Polarity(r.text("polarity")), frequency=Frequency(r.text("frequency")),
            period_type=PeriodType(r.text("period_type")), source=r.text("source"),
            status=Status(r.text("status") or "established"), priorities=r.items("priorities"),
            numerator=r.text("numerator"), denominator=r.text("denominator"),
            source_url=r.text("source_url"), licence=r.text("licence"),
            small_number_threshold=None if threshold is None else int(threshold),
            counts_people=bool(r.cells.get("counts_people")),
            numerator_counts=_counted(r), data_notes=r.text("data_notes"),
            why_it_matters=r.text("why_it_matters"), related=r.items("related"),
            previous_ids=r.items("previous_ids"), replaced_by=r.text("replaced_by"),
            numerator_from=r.text("numerator_from"), denominator_from=r.text("denominator_from"),
            package=self.raw.name,
        )

    def _each(self, resource: str, make: Callable[[Row, Any], Any]) -> tuple[Any, ...]:
        """Return the model objects of a table whose rows have a period (cached by file)."""
        key = self.raw.keys.get(resource)
        if self.cache is not None and key is not None and key in self.cache.modelled:
            modelled = self.cache.modelled[key]
            self.problems.extend(modelled.problems)
            return modelled.items
        before = len(self.problems)
        items = tuple(self._periodic(resource, make))
        if self.cache is not None and key is not None:
            self.cache.modelled[key] = ModelledTable(items, tuple(self.problems[before:]))
        return items

    def _periodic(self, resource: str, make: Callable[[Row, Any], Any]) -> Iterator[Any]:
        for row in self.raw.rows.get(resource, ()):
            indicator_id = row.text("indicator_id")
            kind = self.period_types.get(indicator_id)
            # An indicator row refused for another mistake still says how its periods are
            # written: check them now, so a bad month is not first reported on the next run.
            checked_only = kind is None
            kind = kind or self.rejected_period_types.get(indicator_id)
            if kind is None:
                continue  # the foreign key check has reported the unknown indicator
            try:
                period = parse_canonical(row.text("period"), kind)
            except PeriodOutOfRange as error:
                self.problems.append(Problem(row.file, row.number, "period", str(error),
                                             CODES["date-window"].fix, "date-window"))
                continue
            except PeriodError as error:
                self.problems.append(Problem(row.file, row.number, "period", str(error),
                                             f"Indicator '{indicator_id}' is reported by "
                                             f"{kind.value.replace('_', ' ')}; write the period in "
                                             "that form.", "period-form"))
                continue
            if not checked_only:
                yield make(row, period)

    def _observation(self, r: Row, period: Any) -> Observation:
        flags = frozenset(Flag(flag) for flag in r.items("flags"))
        return Observation(r.text("indicator_id"), period, _number(r.cells.get("value")),
                           _number(r.cells.get("numerator")), _number(r.cells.get("denominator")),
                           _missing(r), flags, r.text("note"))

    def _comparator(self, r: Row, period: Any) -> Comparator:
        return Comparator(r.text("indicator_id"), period, AreaType(r.text("area_type")),
                          r.text("area_code"), r.text("area_name"), _number(r.cells.get("value")),
                          _number(r.cells.get("numerator")), _number(r.cells.get("denominator")),
                          _missing(r), r.text("source"))


def _declared_period_types(rows: Iterable[Row]) -> dict[str, PeriodType]:
    """Return the period type each refused indicator row declares, where it names a known one."""
    known = {kind.value: kind for kind in PeriodType}
    return {row.text("id"): known[row.text("period_type")] for row in rows
            if row.text("id") and row.text("period_type") in known}


def _counted(r: Row) -> Counted | None:
    """Return what the numerator counts, reading ``counts_people`` alone as people.

    Packages written before ``numerator_counts`` said only ``counts_people``.
    """
    if r.text("numerator_counts"):
        return Counted(r.text("numerator_counts"))
    return Counted.PEOPLE if r.cells.get("counts_people") else None


def build_package(raw: RawPackage, cache: ReadCache | None = None
                  ) -> tuple[Package, list[Problem]]:
    """Build the model of one package from its typed rows."""
    problems: list[Problem] = []
    return _Builder(raw, problems, cache).build(), problems


def read_packages(folders: Iterable[Path], cache: ReadCache | None = None
                  ) -> tuple[list[tuple[RawPackage, Package]], list[Problem]]:
    """Read, validate and model every package, returning what could be built and all problems."""
    built: list[tuple[RawPackage, Package]] = []
    problems: list[Problem] = []
    for folder in folders:
        raw, found = read_raw_package(Path(folder), cache)
        problems.extend(found)
        if raw is None:
            continue
        package, found = build_package(raw, cache)
        problems.extend(found)
        built.append((raw, package))
    return built, problems

