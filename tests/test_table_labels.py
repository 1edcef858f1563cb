"""Every data table's cells carry their column's name and a role, whatever the header says."""

from __future__ import annotations

import pytest

from generator.pages.table_labels import label_cells

HEAD = '<table class="data-table"><thead><tr><th scope="col">Period</th><th scope="col">{}</th></tr></thead>'
BODY = '<tbody><tr><th scope="row">2024</th><td>5</td></tr></tbody></table>'


@pytest.mark.parametrize(
    ("header", "cell"),
    [
        ("England", '<td data-label="England">'),
        ("<abbr>SN</abbr> average", '<td data-label="SN average">'),
        ('x" onmouseover="alert(1)', '<td data-label="x&quot; onmouseover=&quot;alert(1)">'),
        ("Tom &amp; Jerry", '<td data-label="Tom &amp; Jerry">'),
        ("a < b", '<td data-label="a &lt; b">'),
    ],
)
def test_a_cell_is_labelled_with_its_column_escaped(header: str, cell: str) -> None:
    labelled = label_cells(HEAD.format(header) + BODY)
    assert cell in labelled
    assert '<th scope="row">2024</th>' in labelled
    assert "role=" not in labelled  # pages.js states the roles: in the HTML they are errors


@pytest.mark.parametrize(
    "page",
    [
        "<p>No tables here</p>",
        '<table class="data-table"><tbody><tr><td>1</td></tr></tbody></table>',
    ],
)
def test_a_page_without_a_headed_data_table_is_unchanged(page: str) -> None:
    assert label_cells(page) == page
