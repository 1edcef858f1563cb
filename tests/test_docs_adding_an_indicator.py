"""The officer's guide pastes cleanly: docs/adding-an-indicator.md's example rows are real rows.

Each ``csv`` block of the guide is a table's header row, as it is in the file, and the rows an
officer adds under it. The test reads every block with the format's own field names, pastes its
rows into a copy of the example children's package and runs the real ``check`` on it: the new
indicator must pass and be published with its figure, comparator, target and commentary.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

import pytest

from generator.input.check import check_packages
from generator.model.format import SCHEMAS, field_names

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "adding-an-indicator.md"
PACKAGES = ROOT / "datapackages"
PACKAGE = PACKAGES / "northbridge-childrens"
NEW_ID = "early-help-30-days"


def _blocks() -> list[list[list[str]]]:
    """Return each csv block of the guide as its rows of cells, the header first."""
    text = GUIDE.read_text(encoding="utf-8")
    return [list(csv.reader(io.StringIO(block)))
            for block in re.findall(r"^```csv\n(.*?)^```$", text, re.MULTILINE | re.DOTALL)]


def _table(header: list[str]) -> str:
    """Return the table whose real columns the header is, in order, or '' for none."""
    return next((name for name in SCHEMAS if field_names(name) == header), "")


BLOCKS = _blocks()


def test_the_guide_has_an_example_for_each_table_it_asks_for() -> None:
    tables = [_table(block[0]) for block in BLOCKS]
    assert tables == ["priorities", "indicators", "observations", "comparators", "targets",
                      "commentary"]


@pytest.mark.parametrize("block", BLOCKS, ids=[",".join(b[0][:3]) for b in BLOCKS])
def test_each_example_header_is_the_tables_real_header(block: list[list[str]]) -> None:
    header, *rows = block
    assert _table(header), f"not the columns of any table, in order: {','.join(header)}"
    assert rows, "the example has no row under its header"
    for row in rows:
        assert len(row) == len(header), f"{len(row)} cells under {len(header)} columns: {row}"


def test_the_example_id_is_not_one_the_example_data_uses() -> None:
    used = {row["id"] for path in PACKAGES.glob("*/indicators.csv")
            for row in csv.DictReader(path.open(encoding="utf-8"))}
    assert NEW_ID not in used
    assert [row[0] for block in BLOCKS if _table(block[0]) == "indicators"
            for row in block[1:]] == [NEW_ID]


def test_the_example_rows_pass_check_when_pasted(tmp_path: Path) -> None:
    folder = tmp_path / PACKAGE.name
    shutil.copytree(PACKAGE, folder)
    for header, *rows in BLOCKS:
        path = folder / f"{_table(header)}.csv"
        text = path.read_text(encoding="utf-8")
        assert text.splitlines()[0].split(",") == header
        lines = io.StringIO()
        csv.writer(lines, lineterminator="\n").writerows(rows)
        path.write_text(text + ("" if text.endswith("\n") else "\n") + lines.getvalue(),
                        encoding="utf-8")
    others = [path for path in sorted(PACKAGES.iterdir()) if path != PACKAGE and path.is_dir()]
    site, problems = check_packages([folder, *others])
    assert problems == []
    assert site is not None
    data = site.indicator(NEW_ID)
    assert (data.indicator.title, data.indicator.priorities) == (
        "Early help assessments completed within 30 working days", ("early-help", "family-hubs"))
    assert [(o.period.code, o.value) for o in data.observations] == [("2024-25-Q1", 84.2)]
    assert [c.value for c in data.comparators] == [82.9]
    assert [t.target for t in data.targets] == [85]
    assert [c.author for c in data.commentary] == ["Head of Early Help"]
