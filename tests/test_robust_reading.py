"""Robust reading: files as people save them either work or get a clear error naming the file.

Each case edits a copy of the minimal package, then runs ``check`` through the command line as a
performance officer would. A case that works must keep every row (counted in the loaded model);
a case that fails must exit with a report naming the file, never a traceback.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.commands.cli import main
from generator.input import files
from generator.input.check import check_packages, load_site
from generator.model.format import SCHEMAS
from tests.fixture_sites import PACKAGES
from tests.test_check import cases as CORPUS
from tests.test_check import materialise

MINIMAL = PACKAGES / "minimal"
OBSERVATIONS = "observations.csv"
MINIMAL_ROWS = 7  # data rows of the minimal package's observations.csv


def _rewrite(name: str, change: Callable[[str], str], encoding: str = "utf-8",
             newline: str = "\n") -> Callable[[Path], None]:
    def edit(package: Path) -> None:
        path = package / name
        text = change(path.read_text(encoding="utf-8"))
        path.write_bytes(text.replace("\n", newline).encode(encoding))
    return edit


def _every_csv(edit: Callable[[str], Callable[[Path], None]]) -> Callable[[Path], None]:
    def apply(package: Path) -> None:
        for path in sorted(package.glob("*.csv")):
            edit(path.name)(package)
    return apply


def _bom(name: str) -> Callable[[Path], None]:
    def edit(package: Path) -> None:
        path = package / name
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    return edit


def _excel(name: str) -> Callable[[Path], None]:
    """Save as Excel's 'CSV UTF-8' does: BOM, CRLF, every cell quoted."""
    def edit(package: Path) -> None:
        path = package / name
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
        buffer = io.StringIO()
        csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows(rows)
        path.write_bytes(b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8"))
    return edit


def _header_spaces(name: str) -> Callable[[Path], None]:
    def change(text: str) -> str:
        header, rest = text.split("\n", 1)
        return ",".join(f"{label}  " if i % 2 else f" {label}"
                        for i, label in enumerate(header.split(","))) + "\n" + rest
    return _rewrite(name, change)


def _cp1252(package: Path) -> None:
    """Plain 'CSV' from Excel on Windows: cp1252 text (£, é, curly quotes), CRLF endings."""
    _rewrite("commentary.csv", lambda t: t.replace("two large sibling groups",
                                                   "two large sibling groups – £2k café “costs”"),
             encoding="cp1252", newline="\r\n")(package)


def _empty(package: Path) -> None:
    (package / OBSERVATIONS).write_bytes(b"")


def _header_only(package: Path) -> None:
    path = package / "comparators.csv"
    path.write_text(path.read_text(encoding="utf-8").split("\n", 1)[0] + "\n", encoding="utf-8")


def _missing(package: Path) -> None:
    (package / OBSERVATIONS).unlink()


def _symlink_outside(package: Path) -> None:
    outside = package.parent / "elsewhere.csv"
    shutil.copy(package / OBSERVATIONS, outside)
    (package / OBSERVATIONS).unlink()
    os.symlink(outside, package / OBSERVATIONS)


def _blank_lines_at_end(package: Path) -> None:
    path = package / OBSERVATIONS
    path.write_text(path.read_text(encoding="utf-8") + "\n\n", encoding="utf-8")


@dataclass(frozen=True)
class Case:
    name: str
    edit: Callable[[Path], None]
    works: bool
    rows: int = MINIMAL_ROWS  # observations expected in the model when it works
    file: str = OBSERVATIONS  # the file an error must name
    says: str = ""  # what the error must say


CASES = [
    Case("utf-8", lambda package: None, works=True),
    Case("utf-8 with BOM, every file", _every_csv(_bom), works=True),
    Case("CRLF line endings, every file",
         _every_csv(lambda name: _rewrite(name, str, newline="\r\n")), works=True),
    Case("Excel CSV UTF-8 (BOM, CRLF, all quoted), every file", _every_csv(_excel), works=True),
    Case("Excel CSV on Windows (cp1252)", _cp1252, works=False, file="commentary.csv",
         says="not saved as UTF-8"),
    Case("Unicode text (UTF-16) from Excel", _rewrite("commentary.csv", str, encoding="utf-16"),
         works=False, file="commentary.csv", says="not saved as UTF-8"),
    Case("spaces around header labels", _header_spaces(OBSERVATIONS), works=True),
    Case("blank lines at the end", _blank_lines_at_end, works=False, says="blank"),
    Case("header row only (comparators.csv)", _header_only, works=True),
    Case("empty file", _empty, works=False, says="the file is empty"),
    Case("missing file", _missing, works=False, says="does not exist"),
    Case("symbolic link outside the package", _symlink_outside, works=False,
         says="outside the package folder"),
]


def _check(package: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", str(package)])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"check crashed: {result.exception!r}\n{result.output}")
    assert "Traceback" not in result.output, result.output
    return result.exit_code, result.output


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_each_file_works_or_gets_a_clear_error(case: Case, tmp_path: Path) -> None:
    package = tmp_path / "package"
    shutil.copytree(MINIMAL, package)
    case.edit(package)
    code, output = _check(package)
    if case.works:
        assert code == 0, output
        site = load_site([package])
        assert len(site.packages[0].observations) == case.rows
        commentary = site.packages[0].commentary
        assert commentary and "sibling groups" in commentary[0].commentary
    else:
        assert code == 1, output
        assert case.says in output, output
        # Every problem is about the file at fault: no knock-on reports about other files or
        # the same row twice.
        problems = [line for line in output.splitlines() if line.startswith(str(package))]
        assert problems and all(case.file in line for line in problems), output
        assert len(problems) == len(set(problems)) and "repeats another row" not in output, output


# -- a large file -------------------------------------------------------------------------------

# Size of the generated observations file. 50 MB is what the issue asks for; see
# test_large_file for the time it takes and why the routine test uses less.
LARGE_BYTES = int(os.environ.get("PERFSITE_LARGE_CSV_MB", "20")) * 2**20
NOTE = "Checked against the case management system; see the quarterly data quality log. "


def _large_package(package: Path, size: int) -> int:
    """Give the package many indicators, each with 40 quarters, until observations reach size."""
    shutil.copytree(MINIMAL, package)
    (package / "commentary.csv").write_text("indicator_id,period,commentary,actions,author\n",
                                            encoding="utf-8")
    (package / "breakdowns.csv").write_text("indicator_id,period,dimension,category,value,"
                                            "missing,order\n", encoding="utf-8")
    (package / "targets.csv").write_text("indicator_id,applies_from,target,amber_tolerance,"
                                         "expected_low,expected_high,note\n", encoding="utf-8")
    (package / "comparators.csv").write_text("indicator_id,period,area_type,area_code,"
                                             "area_name,value,numerator,denominator,missing\n",
                                             encoding="utf-8")
    indicators = (package / "indicators.csv").read_text(encoding="utf-8").splitlines()
    template = indicators[1]  # re-referrals: a quarterly percentage
    quarters = [f"{year}-{(year + 1) % 100:02d}-Q{q}" for year in range(2014, 2024)
                for q in range(1, 5)]
    note = NOTE * 6
    rows = 0
    observations = ["indicator_id,period,value,numerator,denominator,missing,flags,note"]
    written = len(observations[0])
    new_indicators = [indicators[0]]
    number = 0
    while written < size:
        number += 1
        ident = f"load-{number}"
        new_indicators.append(template.replace("re-referrals", ident, 1)
                              .replace(",cla-rate,", ",,"))
        for n, quarter in enumerate(quarters):
            line = f"{ident},{quarter},{20 + n % 10}.0,{40 + 2 * (n % 10)},200,,,{note}"
            observations.append(line)
            written += len(line) + 1
            rows += 1
    (package / "indicators.csv").write_text("\n".join(new_indicators) + "\n", encoding="utf-8")
    (package / OBSERVATIONS).write_text("\n".join(observations) + "\n", encoding="utf-8")
    return rows


def test_large_file(tmp_path: Path) -> None:
    """A large observations file is read whole: every row reaches the model.

    Measured with ``check_packages`` on the shared development machine (load average ~25,
    Frictionless validation dominates): 5 MB 3.5 s, 20 MB 7.7 s, 50 MB 31 s to 63 s. The routine
    test reads 20 MB to stay under 20 s; run it with PERFSITE_LARGE_CSV_MB=50 for the full size.
    """
    package = tmp_path / "large"
    rows = _large_package(package, LARGE_BYTES)
    assert (package / OBSERVATIONS).stat().st_size >= LARGE_BYTES
    start = time.perf_counter()
    site, problems = check_packages([package])
    elapsed = time.perf_counter() - start
    assert not problems, problems[:5]
    assert site is not None
    assert len(site.packages[0].observations) == rows
    assert elapsed < 60, f"reading {LARGE_BYTES // 2**20} MB took {elapsed:.0f} s"


# -- hostile files: never a traceback, never a hang ---------------------------------------------

HOSTILE = [case for case in CORPUS.CASES if "hostile" in case.tags]


@pytest.mark.parametrize("case", HOSTILE, ids=[case.name for case in HOSTILE])
def test_hostile_file_is_one_problem_from_the_command_line(case: object, tmp_path: Path) -> None:
    """``python -m generator check`` in its own process: a hang fails the test at its timeout."""
    folders = materialise(case, tmp_path)
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run([sys.executable, "-m", "generator", "check", "--format", "json",
                             *map(str, folders)], capture_output=True, text=True, timeout=60,
                            cwd=root, env={**os.environ, "PYTHONPATH": str(root)}, check=False)
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    assert result.returncode == 1, result.stdout + result.stderr
    problems = json.loads(result.stdout)["problems"]
    assert [problem["rule"] for problem in problems] == [e.rule for e in case.expected], problems


# -- the limits are documented as they are --------------------------------------------------------

LIMITS = [
    (f"| {files.MAX_DESCRIPTOR_BYTES // 2**20} MB", "descriptor-size"),
    (f"| {files.MAX_DESCRIPTOR_DEPTH} deep", "descriptor-depth"),
    (f"| {files.MAX_FILE_BYTES // 2**20} MB", "resource-size"),
    (f"| {files.MAX_COLUMNS} (the widest table has "
     f"{max(len(schema['fields']) for schema in SCHEMAS.values())})", "too-many-columns"),
    (f"| {files.MAX_CELL_CHARS:,} |", "cell-too-long"),
    (f"| {files.MAX_XLSX_UNPACKED_BYTES // 2**20} MB in all", "xlsx-unpacked"),
    (f"| {files.MAX_XLSX_RATIO} times", "xlsx-unpacked"),
]


@pytest.mark.parametrize(("limit", "code"), LIMITS, ids=[f"{c} {t}" for t, c in LIMITS])
def test_each_limit_is_documented_with_its_code(limit: str, code: str) -> None:
    page = (Path(__file__).resolve().parent.parent / "docs" / "data-package.md").read_text(
        encoding="utf-8")
    section = page.split("## Limits on files", 1)[1].split("\n## ", 1)[0]
    assert any(limit in line and f"`{code}`" in line for line in section.splitlines()), (
        f"docs/data-package.md, Limits: no row with {limit!r} and `{code}`")
