"""Spreadsheet formulas: check refuses text that would run, and no CSV download holds any.

Spreadsheet programs run a cell that starts with = + - @ (or a tab or carriage return before
one) as a formula. ``check`` refuses such text in every free-text field of every table, in CSV
and Excel alike (problem code ``text-formula``); every CSV the site writes passes its cells
through ``neutralise`` as well; and the package ZIP, written from the checked model, passes
``check`` again exactly as it is.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import shutil
import zipfile
from datetime import datetime
from functools import cache
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from generator.build import build_site
from generator.commands.cli import main
from generator.input.check import check_packages, load_site
from generator.input.formulas import _text_fields
from generator.model import format as fmt
from generator.model.formulas import neutralise, runs_as_formula
from generator.pages.downloads import INDICATOR_CSV_HEADER, package_zip, table_csv
from generator.problems import Problem
from generator.settings import load_settings
from tests.fixture_sites import PACKAGES, ROOT

MINIMAL = PACKAGES / "minimal"
STARTS = {"equals": "=", "plus": "+", "minus": "-", "at": "@", "tab": "\t", "return": "\r"}
# The minimal package has no ratings table: this one is valid (re-referrals has a target and an
# observation for the period).
RATINGS = "indicator_id,period,rating,reason\nre-referrals,2024-25-Q1,amber,Two sibling groups.\n"
TEXT_FIELDS = [(resource, name) for resource in fmt.SCHEMAS for name in _text_fields(resource)]


# ---------------------------------------------------------------------------------------------
# Packages with a formula in one text cell of each table


def _with_ratings(folder: Path) -> None:
    (folder / "ratings.csv").write_text(RATINGS, encoding="utf-8")
    descriptor_path = folder / "datapackage.json"
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    descriptor["resources"].append({"name": "ratings", "path": "ratings.csv"})
    descriptor_path.write_text(json.dumps(descriptor, indent=2), encoding="utf-8")


def _read(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def _excel_value(text: str, field_type: str) -> object:
    """Return what Excel stores when an officer types ``text`` in a column of this type."""
    if not text or field_type in ("string", "boolean"):
        return text or None
    if field_type == "integer":
        return int(text)
    if field_type == "number":
        return float(text)
    return datetime.strptime(text, "%Y-%m-%d")


def _to_xlsx(folder: Path, resource: str, rows: list[list[str]]) -> None:
    """Save the table as .xlsx, text as text (as Excel keeps '=SUM(1) typed with an apostrophe)."""
    types = {field["name"]: field["type"] for field in fmt.SCHEMAS[resource]["fields"]}
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(rows[0])
    for row in rows[1:]:
        sheet.append([_excel_value(cell, types[name]) for name, cell in zip(rows[0], row,
                                                                            strict=True)])
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # openpyxl would otherwise store '=...' as a formula
    workbook.save(folder / f"{resource}.xlsx")
    (folder / f"{resource}.csv").unlink()
    descriptor_path = folder / "datapackage.json"
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    for item in descriptor["resources"]:
        if item["name"] == resource:
            item["path"] = f"{resource}.xlsx"
    descriptor_path.write_text(json.dumps(descriptor, indent=2), encoding="utf-8")


def _poisoned(folder: Path, start: str, excel: bool) -> None:
    """Start row 2's text in every free-text field of every table with ``start``."""
    shutil.copytree(MINIMAL, folder)
    _with_ratings(folder)
    for resource in fmt.SCHEMAS:
        rows = _read(folder / f"{resource}.csv")
        for name in _text_fields(resource):
            column = rows[0].index(name)
            rows[1][column] = f"{start}SUM(1,2) {rows[1][column]}".rstrip()
        if excel:
            _to_xlsx(folder, resource, rows)
        else:
            with (folder / f"{resource}.csv").open("w", encoding="utf-8", newline="") as handle:
                csv.writer(handle, lineterminator="\n").writerows(rows)


@cache
def _formula_problems(start: str, excel: bool, root: Path) -> dict[tuple[str, int | None, str],
                                                                   Problem]:
    folder = root / f"{'xlsx' if excel else 'csv'}-{ord(start)}"
    _poisoned(folder, start, excel)
    _, problems = check_packages([folder])
    return {(Path(p.file).name, p.row, p.field): p for p in problems if p.rule == "text-formula"}


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("formulas")


# An .xlsx file cannot hold a carriage return (the XML it is made of reads one as a line
# break), so that start is a CSV case only.
FORMATS = [(start, excel) for start in STARTS.values() for excel in (False, True)
           if not (excel and start == "\r")]
FORMAT_IDS = [f"{name}-{'xlsx' if excel else 'csv'}" for name, start in STARTS.items()
              for excel in (False, True) if not (excel and start == "\r")]


@pytest.mark.parametrize(("start", "excel"), FORMATS, ids=FORMAT_IDS)
@pytest.mark.parametrize(("resource", "name"), TEXT_FIELDS,
                         ids=[f"{r}.{n}" for r, n in TEXT_FIELDS])
def test_check_refuses_a_formula_in_every_text_field(resource: str, name: str, start: str,
                                                     excel: bool, root: Path) -> None:
    found = _formula_problems(start, excel, root)
    file = f"{resource}.{'xlsx' if excel else 'csv'}"
    problem = found.get((file, 2, name))
    assert problem is not None, sorted(found)
    assert "spreadsheet would run it as a formula" in problem.message
    assert problem.fix.startswith("Start the text with a word or a number")


@pytest.mark.parametrize("excel", [False, True], ids=["csv", "xlsx"])
def test_nothing_else_is_called_a_formula(excel: bool, root: Path) -> None:
    expected = {(f"{resource}.{'xlsx' if excel else 'csv'}", 2, name)
                for resource, name in TEXT_FIELDS}
    assert set(_formula_problems("=", excel, root)) == expected


# ---------------------------------------------------------------------------------------------
# What check lets through, and how it says what it refuses


def _check_with(tmp_path: Path, file: str, old: str, new: str) -> list[Problem]:
    folder = tmp_path / "package"
    shutil.copytree(MINIMAL, folder)
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    return check_packages([folder])[1]


@pytest.mark.parametrize(("file", "old", "new", "rule"), [
    # A negative number in a number column is a number, not text.
    ("comparators.csv", "cla-rate,2023-03-31,england,E92000001,England,70,",
     "cla-rate,2023-03-31,england,E92000001,England,-3.2,", None),
    ("targets.csv", ",,55,75,", ",,-5,75,", None),
    # A Markdown list starts '* ': one starting '- ' is refused (Excel runs "- cmd|..." too).
    ("commentary.csv", "Audit of closed cases in July.", '"* Audit in July.\n* Review."', None),
    ("commentary.csv", "Audit of closed cases in July.", '"- Audit in July.\n- Review."',
     "text-formula"),
    ("indicators.csv", "Quarterly figures are for the three months only.",
     "- Quarterly figures only.", "text-formula"),
    ("commentary.csv", "Audit of closed cases in July.", "-Audit in July.", "text-formula"),
    ("commentary.csv", "Audit of closed cases in July.", "+ Audit in July.", "text-formula"),
    ("commentary.csv", "Head of Service", "- Head of Service", "text-formula"),
    ("comparators.csv", "E92000001,England,70", "E92000001,- England,70", "text-formula"),
    # Spaces before the formula are dropped by the loader (and by spreadsheets): still refused.
    ("commentary.csv", "Head of Service", "  =1+1", "text-formula"),
    # An address is refused by its own rule (it must start with a scheme such as https:).
    ("indicators.csv", "DfE SSDA903 return,https:", "DfE SSDA903 return,=https:", "type-error"),
    # A formula character later in the text is harmless.
    ("commentary.csv", "Head of Service", "Head of Service (=A1)", None),
])
def test_what_counts_as_formula_text(tmp_path: Path, file: str, old: str, new: str,
                                     rule: str | None) -> None:
    problems = _check_with(tmp_path, file, old, new)
    assert [p.rule for p in problems] == ([rule] if rule else []), problems


def test_the_report_quotes_the_start_of_the_cell_on_one_line(tmp_path: Path) -> None:
    hyperlink = '"=HYPERLINK(""http://example.org/source"",""Click for source"")"'
    problems = _check_with(tmp_path, "comparators.csv", "E92000001,England,70",
                           f"E92000001,{hyperlink},70")
    assert [(p.row, p.field, p.message) for p in problems] == [
        (2, "area_name", "the text '=HYPERLINK(\"http://example.org…' starts with an equals "
                         "sign (=), so a spreadsheet would run it as a formula")]


def test_a_tab_is_named_not_printed(tmp_path: Path) -> None:
    problems = _check_with(tmp_path, "commentary.csv", "Head of Service", '"\t@SUM(1)"')
    assert [p.message for p in problems] == [
        "the text '@SUM(1)' starts with a tab, so a spreadsheet would run it as a formula"]


# ---------------------------------------------------------------------------------------------
# The neutraliser


NEUTRALISED = [
    ("=1+1", "'=1+1"),
    ('=HYPERLINK("http://x","Click")', "'=HYPERLINK(\"http://x\",\"Click\")"),
    ("+44 161 000 0000", "'+44 161 000 0000"),
    ("-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0"),
    ("-", "'-"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1+1", "'\t=1+1"),
    ("\r=1+1", "'\r=1+1"),
    (" =1+1", "' =1+1"),
    # Numbers as the downloads write them stay numbers.
    ("-3.2", "-3.2"),
    ("-12", "-12"),
    ("-1.5e-07", "-1.5e-07"),
    ("-1e+20", "-1e+20"),
    (" -3.2", "' -3.2"),
    ("-3.2x", "'-3.2x"),
    ("-3.", "'-3."),
    ("-3.2,4", "'-3.2,4"),
    # A Markdown list item starting '- ' is neutralised like any other text (check refuses it).
    ("- Audit in July.", "'- Audit in July."),
    ("* Audit in July.", "* Audit in July."),
    ("Audit in July.", "Audit in July."),
    ("a=b", "a=b"),
    ("", ""),
    ("\n=1+1", "'\n=1+1"),
    ("\u00a0=1+1", "'\u00a0=1+1"),
    ("\x0b@SUM(1)", "'\x0b@SUM(1)"),
    ("=a,b", "'=a,b"),
    ('=A1&"x"', "'=A1&\"x\""),
    ("Step one.\n- Step two.", "Step one.\n- Step two."),
    ("Step one.\n=1+1", "Step one.\n=1+1"),
    ("Step one.\r=1+1", "Step one.\r=1+1"),
]


@pytest.mark.parametrize(("cell", "written"), NEUTRALISED)
def test_neutralise(cell: str, written: str) -> None:
    assert neutralise(cell) == written


@pytest.mark.parametrize("first", [False, True], ids=["last-column", "first-column"])
@pytest.mark.parametrize(("cell", "written"), NEUTRALISED)
def test_csv_downloads_neutralise_each_cell(cell: str, written: str, first: bool) -> None:
    # table_csv looks for a cell that may need the neutraliser in the written text first; it
    # must find every one.
    row = (cell, "ok") if first else ("ok", cell)
    expected = (written, "ok") if first else ("ok", written)
    read = list(csv.reader(io.StringIO(table_csv(["a", "b"], [("x", "y"), row]), newline="")))
    assert read == [["a", "b"], ["x", "y"], list(expected)]


def test_every_csv_cell_is_neutralised_and_numbers_are_not() -> None:
    text = table_csv(["area_name", "value"], [("=HYPERLINK(\"http://x\")", "-3.2"),
                                              ("England", "@1")])
    assert list(csv.reader(io.StringIO(text))) == [
        ["area_name", "value"], ["'=HYPERLINK(\"http://x\")", "-3.2"], ["England", "'@1"]]


def test_the_package_zip_neutralises_model_text_that_check_did_not_see() -> None:
    package = load_site([MINIMAL]).packages[0]
    first = package.comparators[0]
    hostile = dataclasses.replace(package, comparators=(
        dataclasses.replace(first, area_name="=cmd|' /C calc'!A0"), *package.comparators[1:]))
    with zipfile.ZipFile(io.BytesIO(package_zip(hostile))) as archive:
        rows = list(csv.DictReader(io.StringIO(archive.read("minimal/comparators.csv")
                                               .decode("utf-8"))))
    assert rows[0]["area_name"] == "'=cmd|' /C calc'!A0"


# ---------------------------------------------------------------------------------------------
# The example site


@pytest.fixture(scope="module")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("example")
    build_site(load_settings(ROOT / "mkdocs.yml"), site_dir=out / "site", docs_dir=out / "docs")
    return out / "site"


def _site_csvs(site: Path) -> list[tuple[str, list[str], str]]:
    """Return (where, column names, text) of every CSV in the site and in its ZIPs."""
    found = []
    for path in sorted(site.rglob("*.csv")):
        text = path.read_text(encoding="utf-8")
        found.append((str(path.relative_to(site)), INDICATOR_CSV_HEADER, text))
    for path in sorted(site.rglob("*.zip")):
        with zipfile.ZipFile(path) as archive:
            for member in sorted(n for n in archive.namelist() if n.endswith(".csv")):
                resource = Path(member).stem
                found.append((f"{path.relative_to(site)}!{member}", fmt.field_names(resource),
                              archive.read(member).decode("utf-8")))
    return found


def _text_columns(columns: list[str], where: str) -> list[str]:
    """Return the text columns of a download."""
    if "!" not in where:
        return [name for name in columns if name not in ("value", "numerator", "denominator")]
    return _text_fields(Path(where).stem)


def test_no_csv_in_the_example_site_holds_a_formula(example_site: Path) -> None:
    csvs = _site_csvs(example_site)
    assert len([c for c in csvs if "!" not in c[0]]) >= 30 and any("!" in c[0] for c in csvs)
    formulas = []
    for where, columns, text in csvs:
        rows = list(csv.DictReader(io.StringIO(text)))
        assert rows and list(rows[0]) == columns, where
        texts = _text_columns(columns, where)
        for number, row in enumerate(rows, start=2):
            for name in texts:
                cell = row[name]
                if runs_as_formula(cell):
                    formulas.append((where, number, name, cell))
    assert formulas == []


def test_the_example_package_zips_pass_check_again_exactly(example_site: Path,
                                                            tmp_path: Path) -> None:
    zips = sorted((example_site / "downloads").glob("*.zip"))
    assert len(zips) == 2
    for path in zips:
        with zipfile.ZipFile(path) as archive:
            archive.extractall(tmp_path)
        folder = tmp_path / path.stem
        result = CliRunner().invoke(main, ["check", str(folder)])
        assert result.exit_code == 0, result.output
        # Read back and written again, the package is the same ZIP, byte for byte.
        assert package_zip(load_site([folder]).packages[0]) == path.read_bytes()


def test_an_address_starting_with_a_formula_is_said_to_be_no_web_address(tmp_path: Path) -> None:
    problems = _check_with(tmp_path, "indicators.csv", "DfE SSDA903 return,https:",
                           "DfE SSDA903 return,=https:")
    assert [(p.row, p.field, p.message.split("' ")[-1]) for p in problems] == [
        (3, "source_url", "is not a web address")]
    assert problems[0].fix.startswith("Write the full address, starting with https://")
