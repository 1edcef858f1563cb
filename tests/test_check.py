"""The validation gate: every broken package in the corpus is stopped with a useful report.

The corpus lives in ``tests/fixtures/broken/cases.py`` as a table of edits to the minimal
package; each test materialises a case in a temporary folder and runs ``check`` on it through
the command line, as a performance officer would.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import os
import re
import shutil
import sys
import zipfile
from datetime import datetime
from pathlib import Path

import frictionless
import pytest
from click.testing import CliRunner, Result
from openpyxl import Workbook, load_workbook

from generator.commands.cli import main
from generator.model.format import SCHEMAS

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = ROOT / "tests" / "fixtures" / "packages" / "minimal"


def _load_cases():  # type: ignore[no-untyped-def]
    path = ROOT / "tests" / "fixtures" / "broken" / "cases.py"
    spec = importlib.util.spec_from_file_location("broken_cases", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["broken_cases"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


cases = _load_cases()
CASES = cases.CASES
CASE_IDS = [case.name for case in CASES]


# ---------------------------------------------------------------------------------------------
# Materialising a case


def _excel_value(text: str, field_type: str) -> object:
    """Return the value Excel would store when an officer types ``text`` into the column."""
    if not text:
        return None
    try:
        if field_type == "integer":
            return int(text)
        if field_type == "number":
            number = float(text)
            return int(number) if number.is_integer() and "." not in text else number
        if field_type == "date":
            return datetime.strptime(text, "%Y-%m-%d")
    except ValueError:
        return text  # not a valid number or date: Excel keeps the text
    return text


def _csv_to_xlsx(csv_path: Path, resource: str) -> Path:
    types = {f["name"]: f["type"] for f in SCHEMAS[resource]["fields"]}
    workbook = Workbook()
    sheet = workbook.active
    with csv_path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        sheet.append(header)
        for row in reader:
            sheet.append([_excel_value(cell, types.get(name, "string"))
                          for name, cell in zip(header, row, strict=False)])
    xlsx_path = csv_path.with_suffix(".xlsx")
    workbook.save(xlsx_path)
    csv_path.unlink()
    return xlsx_path


def _set_resource_path(folder: Path, old: str, new: str) -> str:
    """Point the resource at a new file; return the resource's name."""
    descriptor_path = folder / "datapackage.json"
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    name = ""
    for resource in descriptor["resources"]:
        if resource.get("path") == old:
            resource["path"] = new
            name = resource["name"]
    descriptor_path.write_text(json.dumps(descriptor, indent=2), encoding="utf-8")
    return name


def apply_edit(folder: Path, edit: object, outside: Path) -> None:
    """Apply one edit from the corpus to a package folder."""
    target = folder / edit.file if hasattr(edit, "file") else None
    if isinstance(edit, cases.Replace):
        text = target.read_text(encoding="utf-8")
        assert text.count(edit.old) == 1, f"{edit.old!r} must occur once in {edit.file}"
        target.write_text(text.replace(edit.old, edit.new), encoding="utf-8")
    elif isinstance(edit, cases.Append):
        text = target.read_text(encoding="utf-8")
        target.write_text(text + ("" if text.endswith("\n") else "\n") + edit.line + "\n",
                          encoding="utf-8")
    elif isinstance(edit, cases.CopyRow):
        lines = target.read_text(encoding="utf-8").splitlines()
        target.write_text("\n".join([*lines, lines[edit.row - 1]]) + "\n", encoding="utf-8")
    elif isinstance(edit, cases.Write):
        if isinstance(edit.content, bytes):
            target.write_bytes(edit.content)
        else:
            target.write_text(edit.content, encoding="utf-8")
    elif isinstance(edit, cases.Delete):
        target.unlink()
    elif isinstance(edit, cases.AddResource):
        target.write_text(edit.content, encoding="utf-8")
        descriptor_path = folder / "datapackage.json"
        descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
        descriptor["resources"].append({"name": edit.name, "path": edit.file})
        descriptor_path.write_text(json.dumps(descriptor, indent=2), encoding="utf-8")
    elif isinstance(edit, cases.SymlinkOutside):
        outside.mkdir(exist_ok=True)
        moved = outside / edit.file
        shutil.move(target, moved)
        target.symlink_to(moved)
    elif isinstance(edit, cases.ToExcel):
        name = _set_resource_path(folder, edit.file, Path(edit.file).with_suffix(".xlsx").name)
        _csv_to_xlsx(target, name)
    elif isinstance(edit, cases.SetCell):
        workbook = load_workbook(target)
        workbook.active[edit.cell] = edit.value
        workbook.save(target)
    elif isinstance(edit, cases.SetProperty):
        _set_property(folder / "datapackage.json", edit.keys, edit.value)
    elif isinstance(edit, cases.MakeSpecial):
        _make_special(target, edit.kind)
    elif isinstance(edit, cases.WideHeader) and target.suffix == ".xlsx":
        workbook = Workbook()
        workbook.active.append([f"column_{n}" for n in range(edit.columns)])
        workbook.save(target)
    elif isinstance(edit, cases.WideHeader):
        target.write_text(",".join(f"column_{n}" for n in range(edit.columns)) + "\n"
                          + ",".join("1" for _ in range(edit.columns)) + "\n", encoding="utf-8")
    elif isinstance(edit, cases.XlsxBomb):
        _set_resource_path(folder, edit.file, Path(edit.file).with_suffix(".xlsx").name)
        target.unlink()
        xlsx_bomb(target.with_suffix(".xlsx"), edit.megabytes * 2**20)
    else:  # pragma: no cover - a new edit kind needs a branch here
        raise TypeError(f"unknown edit {edit!r}")


def _set_property(path: Path, keys: tuple[str | int, ...], value: object) -> None:
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    node = descriptor
    for key in keys[:-1]:
        node = node[key]
    node[keys[-1]] = value
    path.write_text(json.dumps(descriptor, indent=2), encoding="utf-8")


def _make_special(path: Path, kind: str) -> None:
    path.unlink()
    if kind == "folder":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        path.symlink_to("/dev/urandom")
    elif kind == "loop":
        path.symlink_to(path.name)
    else:  # pragma: no cover - a new kind needs a branch here
        raise ValueError(kind)


def xlsx_bomb(path: Path, cell_bytes: int) -> None:
    """Write an .xlsx file whose one sheet holds a cell of ``cell_bytes`` letters.

    Written as openpyxl writes a sheet, then packed again with the cell grown in place: the
    letters compress about 1,000 times, so 50 MB take 50 KB and a tenth of a second to write.
    """
    workbook = Workbook()
    workbook.active.append(["indicator_id", "period", "value", "note"])
    workbook.active.append(["re-referrals", "2023-24-Q1", 20.0, "PLACEHOLDER"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED,
                                                            compresslevel=9) as out:
        for info in source.infolist():
            data = source.read(info)
            if b"PLACEHOLDER" not in data:
                out.writestr(info.filename, data)
                continue
            before, after = data.split(b"PLACEHOLDER")
            with out.open(info.filename, "w", force_zip64=True) as member:
                member.write(before)
                for _ in range(cell_bytes // 2**20):
                    member.write(b"A" * 2**20)
                member.write(after)


def materialise(case: object, tmp_path: Path) -> list[Path]:
    """Copy the minimal package (twice for two-package cases) and apply the case's edits."""
    folders = []
    for name, edits in (("package", case.edits), ("second", case.second_package)):
        if edits is None:
            continue
        folder = tmp_path / name
        shutil.copytree(MINIMAL, folder)
        for edit in edits:
            apply_edit(folder, edit, tmp_path / "outside")
        folders.append(folder)
    return folders


def run_check(folders: list[Path], *options: str) -> Result:
    return CliRunner().invoke(main, ["check", *options, *map(str, folders)])


def _matches(problem: dict, expected: object, tmp_path: Path) -> bool:
    words = f"{problem['message']} How to fix: {problem['fix']}"
    return (
        Path(problem["file"]) == tmp_path / expected.package / expected.file
        and problem["row"] == expected.row
        and problem["field"] == expected.field
        and problem["rule"] == expected.rule
        and expected.says in words
        and not (expected.never and expected.never in words)
    )


# ---------------------------------------------------------------------------------------------
# The corpus


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 22
    assert len(set(CASE_IDS)) == len(CASE_IDS), "case names must be unique"


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_check_reports_the_problem(case: object, tmp_path: Path) -> None:
    """Text report (for people) and GitHub annotations, from one run: with --format github the
    annotations go to standard output and the text report to standard error."""
    result = run_check(materialise(case, tmp_path), "--format", "github")
    output = result.output
    assert result.exit_code == 1, output
    assert result.exception is None or isinstance(result.exception, SystemExit), output
    assert "Traceback" not in output
    assert "Nothing was published." in output
    assert "How to fix:" in output
    annotations = [line for line in output.splitlines() if line.startswith("::error ")]
    assert annotations, output
    for line in annotations:
        assert re.match(r"^::error file=[^,]+(,line=\d+)?,title=[^:]+::\S", line), line
    for expected in case.expected:
        location = str(tmp_path / expected.package / expected.file)
        pattern = f"::error file={re.escape(location.replace(':', '%3A'))}"
        if expected.row is not None:
            location += f", row {expected.row}"
            pattern += f",line={expected.row},"
        if expected.field:
            location += f', field "{expected.field}"'
        assert location + ":" in output, f"expected {location} in:\n{output}"
        assert any(re.match(pattern, line) for line in annotations), (pattern, annotations)


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_check_reports_the_problem_in_json(case: object, tmp_path: Path) -> None:
    result = run_check(materialise(case, tmp_path), "--format", "json")
    assert result.exit_code == 1, result.output
    report = json.loads(result.output)
    assert report["valid"] is False
    problems = report["problems"]
    for expected in case.expected:
        assert any(_matches(p, expected, tmp_path) for p in problems), (expected, problems)
    if case.only:
        assert len(problems) == len(case.expected), json.dumps(problems, indent=2)
    for problem in problems:
        assert problem["message"] and problem["fix"], problem


def test_many_problems_are_reported_at_once(tmp_path: Path) -> None:
    case = cases.MANY_PROBLEMS
    assert len(case.expected) >= 8
    result = run_check(materialise(case, tmp_path), "--format", "json")
    assert result.exit_code == 1, result.output
    problems = json.loads(result.output)["problems"]
    for expected in case.expected:
        assert any(_matches(p, expected, tmp_path) for p in problems), (expected, problems)
    text = run_check(materialise(case, tmp_path / "again"))  # the default format: text
    assert text.exit_code == 1
    assert f"{len(problems)} problems found. Nothing was published." in text.output
    assert "Traceback" not in text.output


@pytest.mark.parametrize("case", cases.VALID_CASES, ids=[c.name for c in cases.VALID_CASES])
def test_valid_packages_pass(case: object, tmp_path: Path) -> None:
    result = run_check(materialise(case, tmp_path))
    assert result.exit_code == 0, result.output
    assert "no problems found" in result.output


def test_valid_package_json_report(tmp_path: Path) -> None:
    result = run_check([MINIMAL], "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {"valid": True, "problems": []}


def test_missing_package_folder(tmp_path: Path) -> None:
    result = run_check([tmp_path / "nowhere"])
    assert result.exit_code == 1
    assert "the data package folder does not exist" in result.output
    assert "Traceback" not in result.output


def test_folder_without_descriptor(tmp_path: Path) -> None:
    result = run_check([tmp_path])
    assert result.exit_code == 1
    assert "datapackage.json" in result.output and "Traceback" not in result.output


def test_minimal_package_passes_frictionless() -> None:
    report = frictionless.validate(str(MINIMAL / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_case_edits_apply_cleanly(tmp_path: Path) -> None:
    """Every Replace in the corpus still finds its text (the minimal package may change)."""
    for case in (*CASES, cases.MANY_PROBLEMS, *cases.VALID_CASES):
        materialise(case, tmp_path / case.name)


def test_a_column_named_twice_is_said_in_plain_words(tmp_path: Path) -> None:
    case = next(case for case in CASES if case.name == "column-named-twice")
    result = run_check(materialise(case, tmp_path))
    assert "the header row names a column more than once" in result.output
    assert "schema_sync" not in result.output
