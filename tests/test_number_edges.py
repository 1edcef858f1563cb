"""Numbers and dates at the edges (issue 15, class 5): refused at check, or read and shown right.

Every number field of every table (found from the format, as the loader finds them) is tried with
every edge value in CSV, and a sample in Excel; every date field and period with the edges of the
date window. A refused value is one problem on its cell with the right code, the value as written
and the catalogue's fix; an accepted one builds, and the JSON downloads parse with a strict parser.
"""

from __future__ import annotations

import csv
import json
import math
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from generator.commands import cli
from generator.input.cells import DATE_FIELDS, NUMBER_FIELDS
from generator.input.check import check_packages
from generator.model.limits import EARLIEST, LARGEST, LATEST
from generator.problems import CODES, Problem
from tests.fixture_sites import PACKAGES, build_fixture, fixture_settings
from tests.test_check import _csv_to_xlsx, _set_resource_path

MINIMAL = PACKAGES / "minimal"

#: Every number field the format has; the loader's list is derived from the format, and this
#: spelt-out copy fails when the derivation misses one.
EVERY_NUMBER_FIELD = {
    ("service_areas", "item"), ("indicators", "decimal_places"),
    ("indicators", "small_number_threshold"),
    *(("observations", name) for name in ("value", "numerator", "denominator")),
    *(("comparators", name) for name in ("value", "numerator", "denominator")),
    *(("targets", name) for name in ("target", "amber_tolerance", "expected_low", "expected_high")),
    ("breakdowns", "value"), ("breakdowns", "order"),
}
NUMBER_CELLS = sorted((resource, name) for resource, names in NUMBER_FIELDS.items()
                      for name in names)

#: Values no number cell may hold, as an officer might type them, and the code that refuses them.
REFUSED = [
    ("NaN", "number-not-finite"), ("nan", "number-not-finite"), ("inf", "number-not-finite"),
    ("INF", "number-not-finite"), ("-Infinity", "number-not-finite"),
    ("sNaN", "number-not-finite"),
    ("1e30", "number-too-large"), ("1e308", "number-too-large"), ("-1e308", "number-too-large"),
    (str(10**20), "number-too-large"), ("1000000000001", "number-too-large"),
    ("5e-324", "number-too-small"), ("-0.0000009", "number-too-small"),
]


def _package(tmp_path: Path) -> Path:
    folder = tmp_path / "package"
    shutil.copytree(MINIMAL, folder)
    return folder


def _set_csv(folder: Path, resource: str, row: int, field: str, text: str) -> None:
    """Write ``text`` into one cell of a CSV table (row 1 is the header)."""
    path = folder / f"{resource}.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    rows[row - 1][rows[0].index(field)] = text
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def _problems_at(problems: list[Problem], file: Path, row: int, field: str) -> list[Problem]:
    return [p for p in problems if Path(p.file) == file and p.row == row and p.field == field]


def _check(folder: Path) -> list[Problem]:
    _site, problems = check_packages([folder])
    return problems


def test_the_loader_finds_every_number_field_from_the_format() -> None:
    assert set(NUMBER_CELLS) == EVERY_NUMBER_FIELD
    assert {(r, name) for r, names in DATE_FIELDS.items() for name in names} == {
        ("targets", "applies_from"), ("releases", "date")}


@pytest.mark.parametrize(("text", "code"), REFUSED, ids=[text for text, _ in REFUSED])
@pytest.mark.parametrize(("resource", "field"), NUMBER_CELLS,
                         ids=[f"{r}.{f}" for r, f in NUMBER_CELLS])
def test_a_number_outside_the_limits_is_one_problem_on_its_cell(
        tmp_path: Path, resource: str, field: str, text: str, code: str) -> None:
    folder = _package(tmp_path)
    _set_csv(folder, resource, 2, field, text)
    problems = _check(folder)
    at_cell = _problems_at(problems, folder / f"{resource}.csv", 2, field)
    assert [p.rule for p in at_cell] == [code], problems
    assert f"'{text}'" in at_cell[0].message
    assert at_cell[0].fix == CODES[code].fix
    if resource not in ("service_areas", "indicators"):
        # Other tables point at those two, so refusing their row has consequences; not here.
        assert problems == at_cell


@pytest.mark.parametrize(("cell", "value", "code"), [
    ("C2", "NaN", "number-not-finite"),
    ("C2", "INF", "number-not-finite"),
    ("C2", "-Infinity", "number-not-finite"),
    ("C2", 1e30, "number-too-large"),
    ("C2", 1e308, "number-too-large"),
    ("C2", -1e308, "number-too-large"),
    ("C2", 10**20, "number-too-large"),
    ("C2", 5e-324, "number-too-small"),
    ("D2", "nan", "number-not-finite"),
    ("E2", 1e30, "number-too-large"),
], ids=lambda item: str(item))
def test_a_spreadsheet_number_outside_the_limits_is_refused(
        tmp_path: Path, cell: str, value: Any, code: str) -> None:
    """Excel cells arrive typed (a float, or text when Excel could not read a number)."""
    folder = _package(tmp_path)
    _set_resource_path(folder, "observations.csv", "observations.xlsx")
    path = _csv_to_xlsx(folder / "observations.csv", "observations")
    workbook = load_workbook(path)
    workbook.active[cell] = value
    workbook.save(path)
    field = {"C": "value", "D": "numerator", "E": "denominator"}[cell[0]]
    problems = _check(folder)
    assert [(p.row, p.field, p.rule) for p in problems] == [(2, field, code)], problems
    assert problems[0].message.startswith(f"'{value}'" if isinstance(value, str) else "'")


@pytest.mark.parametrize(("resource", "field", "text", "code"), [
    ("observations", "value", "1,000", "type-error"),
    ("observations", "value", "", "value-empty"),
    ("comparators", "value", "-3", "negative"),
    ("targets", "target", "-1", "negative"),
    ("observations", "value", "-1", "negative"),
], ids=["thousands-separator", "empty", "negative-rate", "negative-count-target",
        "negative-rate-comparator"])
def test_other_number_mistakes_keep_their_own_rule(tmp_path: Path, resource: str, field: str,
                                                   text: str, code: str) -> None:
    folder = _package(tmp_path)
    if code == "negative" and resource in ("targets", "observations"):
        # Make re-referrals a count of days: its value and target cannot be negative.
        _set_csv(folder, "indicators", 2, "unit", "days")
        _set_csv(folder, "observations", 2, "numerator", "")
        _set_csv(folder, "observations", 2, "denominator", "")
    _set_csv(folder, resource, 2, field, text)
    problems = _check(folder)
    assert code in [p.rule for p in _problems_at(problems, folder / f"{resource}.csv", 2, field)], \
        problems


def test_numbers_that_can_be_negative_stay_allowed(tmp_path: Path) -> None:
    folder = _package(tmp_path)
    for unit in ("number", "pounds"):
        _set_csv(folder, "indicators", 2, "unit", unit)
        _set_csv(folder, "observations", 2, "numerator", "")
        _set_csv(folder, "observations", 2, "denominator", "")
        _set_csv(folder, "observations", 2, "value", "-21.0")
        _set_csv(folder, "targets", 2, "target", "-5")
        assert _check(folder) == [], unit


def _json_downloads(docs: Path) -> dict[str, Any]:
    """Parse every JSON file the build wrote, refusing NaN and Infinity as strict JSON does."""

    def refuse(name: str) -> None:
        raise ValueError(f"{name} is not JSON")

    return {path.relative_to(docs).as_posix(): json.loads(path.read_text(encoding="utf-8"),
                                                          parse_constant=refuse)
            for path in sorted(docs.rglob("*.json"))}


# Accepted edge values: where they go, and the number the model must hold.
ACCEPTED = [
    ("comparators", 3, "value", "-0", 0.0),
    ("comparators", 3, "value", "-0.0", 0.0),
    ("comparators", 3, "value", " 69 ", 69.0),
    ("comparators", 3, "value", "6.9e1", 69.0),
    ("observations", 2, "value", "2.1e1", 21.0),
    ("targets", 3, "expected_low", "-0", 0.0),
    ("comparators", 3, "value", str(LARGEST), float(LARGEST)),
    ("comparators", 3, "value", "0.000001", 0.000001),
]


@pytest.mark.parametrize(("resource", "row", "field", "text", "number"), ACCEPTED,
                         ids=[f"{r}.{f}={t!r}" for r, _, f, t, _ in ACCEPTED])
def test_an_accepted_edge_value_builds_and_its_downloads_are_strict_json(
        tmp_path: Path, resource: str, row: int, field: str, text: str, number: float) -> None:
    folder = _package(tmp_path)
    _set_csv(folder, resource, row, field, text)
    site, problems = check_packages([folder])
    assert problems == [] and site is not None
    held = [getattr(item, field) for item in getattr(site.packages[0], resource)
            if getattr(item, field) == number]
    assert held and all(math.copysign(1.0, value) == 1.0 for value in held)  # no -0 left
    build_fixture(folder, tmp_path / "out", pages_only=True)
    docs = tmp_path / "out" / "docs"
    assert _json_downloads(docs)
    pages = "\n".join(path.read_text(encoding="utf-8") for path in docs.rglob("*.md"))
    assert "NaN" not in pages and "-0.0" not in pages and "Infinity" not in pages


# The date window: each edge, just outside it and the years that crashed the build.
DATES = [
    (EARLIEST.isoformat(), None), (LATEST.isoformat(), None),
    ("1969-12-31", "date-window"), ("2100-01-01", "date-window"),
    ("0001-01-01", "date-window"), ("1900-01-01", "date-window"),
    ("9999-12-31", "date-window"),
]


@pytest.mark.parametrize(("text", "code"), DATES, ids=[text for text, _ in DATES])
@pytest.mark.parametrize(("resource", "row", "field"), [
    ("releases", 2, "date"), ("targets", 2, "applies_from"), ("comparators", 2, "period"),
], ids=["release-date", "target-date", "period"])
def test_dates_outside_the_window_are_refused(tmp_path: Path, resource: str, row: int,
                                             field: str, text: str, code: str | None) -> None:
    folder = _package(tmp_path)
    _set_csv(folder, resource, row, field, text)
    if resource == "releases":
        _set_csv(folder, "releases", 3, "date", LATEST.isoformat())  # planned, still after it
    problems = _check(folder)
    if code is None:
        assert problems == []
        return
    assert [(p.row, p.field, p.rule) for p in problems] == [(row, field, code)], problems
    assert f"'{text}'" in problems[0].message and "1970-01-01 to 2099-12-31" in problems[0].message


@pytest.mark.parametrize("code", ["1969-70-Q3", "2099-00-Q4", "2100-01-Q1"])
def test_a_quarter_that_leaves_the_window_is_refused(tmp_path: Path, code: str) -> None:
    folder = _package(tmp_path)
    _set_csv(folder, "observations", 2, "period", code)
    problems = _check(folder)
    assert [(p.row, p.field, p.rule) for p in problems] == [(2, "period", "date-window")]


def test_a_quarter_at_the_edge_of_the_window_is_read(tmp_path: Path) -> None:
    folder = _package(tmp_path)
    _set_csv(folder, "observations", 2, "period", "1969-70-Q4")  # January to March 1970
    assert _check(folder) == []


@pytest.mark.parametrize("release_date", [EARLIEST.isoformat(), LATEST.isoformat()])
def test_a_release_on_the_edge_of_the_window_builds_the_whole_site(tmp_path: Path,
                                                                   release_date: str) -> None:
    """The release date is every file's timestamp: MkDocs' gzip files hold 1970 to 2106."""
    folder = _package(tmp_path)
    _set_csv(folder, "releases", 2, "date", release_date)
    _set_csv(folder, "releases", 3, "date", LATEST.isoformat())
    result = build_fixture(folder, tmp_path / "out")
    assert (tmp_path / "out" / "site" / "index.html").is_file(), result


def test_no_published_release_is_one_problem_naming_releases_csv(tmp_path: Path) -> None:
    folder = _package(tmp_path)
    _set_csv(folder, "releases", 2, "status", "planned")
    problems = _check(folder)
    assert [(Path(p.file).name, p.row, p.field, p.rule) for p in problems] == [
        ("releases.csv", None, "status", "no-published-release")]
    assert problems[0].fix == CODES["no-published-release"].fix


@pytest.mark.parametrize(("resource", "field", "text", "code"), [
    ("observations", "value", "NaN", "number-not-finite"),
    ("targets", "target", "NaN", "number-not-finite"),
    ("targets", "expected_low", "nan", "number-not-finite"),
    ("comparators", "value", "INF", "number-not-finite"),
    ("targets", "amber_tolerance", "1e308", "number-too-large"),
    ("breakdowns", "value", "-Infinity", "number-not-finite"),
    ("releases", "date", "9999-12-31", "date-window"),
    ("releases", "status", "planned", "no-published-release"),
], ids=lambda item: str(item))
@pytest.mark.parametrize("command", ["check", "build"])
def test_check_and_build_exit_with_the_problem_and_no_traceback(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str, resource: str, field: str,
        text: str, code: str) -> None:
    folder = _package(tmp_path)
    _set_csv(folder, resource, 2, field, text)
    monkeypatch.setattr(cli, "load_settings", lambda _path: fixture_settings(folder))
    options = ["--pages-only", "--site-dir", str(tmp_path / "site")] if command == "build" else []
    result = CliRunner().invoke(cli.main, [command, *options])
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    assert f'field "{field}"' in result.output and "How to fix:" in result.output
    assert "1 problem found. Nothing was published." in result.output
    assert CODES[code].fix in result.output
    assert not (tmp_path / "site").exists()
