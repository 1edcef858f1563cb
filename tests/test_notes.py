"""Notes beside their figure: the page text, the table, the chart hover and the downloads.

One row per case, each with the exact words expected. A figure hidden to protect
confidentiality never shows its note anywhere (analysis/notes.py says why).
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from dataclasses import replace
from datetime import date

import pytest

from generator.analysis import analyse
from generator.analysis.disclosure import protect, protect_indicator
from generator.analysis.notes import published_note
from generator.build import generate
from generator.input.check import load_site
from generator.model.periods import PeriodType
from generator.model.site import (
    Frequency,
    IndicatorData,
    Missing,
    Release,
    ReleaseStatus,
    Unit,
    assemble_site,
)
from generator.pages import downloads, tables
from generator.pages.charts import time_series
from generator.settings import DEFAULT_THRESHOLD
from tests.analysis_factory import QUARTERS, Flag, indicator, observation
from tests.golden_pages import CONTEXT, FIXTURE

MONTHS = [f"2024-{month:02d}" for month in range(1, 13)] + ["2025-01"]


def noted(values: list, notes: dict[int, str], flags: dict[int, tuple[Flag, ...]] | None = None,
          codes: list[str] | None = None, kind: PeriodType = PeriodType.QUARTER,
          **options: object) -> IndicatorData:
    """Return a series whose rows at the given positions carry a note (and flags)."""
    codes = codes or QUARTERS[-len(values):]
    flags = flags or {}
    rows = tuple(replace(observation(code, value, kind, flags=flags.get(i, ())),
                         note=notes.get(i, ""))
                 for i, (code, value) in enumerate(zip(codes, values, strict=True)))
    return IndicatorData(indicator=indicator(period_type=kind, **options), observations=rows)


MONTHLY = {"frequency": Frequency.MONTHLY}


def _paragraphs(data: IndicatorData) -> tuple[str, ...]:
    return analyse(protect_indicator(data, DEFAULT_THRESHOLD)).explanation


@pytest.mark.parametrize(("data", "paragraph", "expected"), [
    # The latest figure is missing: its reason, then its note, in the first paragraph.
    (noted([20.0, 22.0, "x"], {2: "Not yet published: due in December 2024"}), 0,
     "How many referrals are repeats? The figure for July to September 2024 was not available. "
     "Note: Not yet published: due in December 2024. The latest published figure is for April to "
     "June 2024. In April to June 2024, the answer was 22.0%. That is about 1 in 5."),
    # The latest published figure's note follows the figure, whether or not it is flagged.
    (noted([20.0, 22.0], {1: "Provisional until the October data cleanse."},
           {1: (Flag.PROVISIONAL,)}), 0,
     "How many referrals are repeats? In July to September 2024, the answer was 22.0%. That is "
     "about 1 in 5. Note: Provisional until the October data cleanse."),
    (noted([20.0, 22.0], {1: "Provisional until the October data cleanse."},
           {1: (Flag.PROVISIONAL,)}), -1,
     "The latest figure is provisional. It may change when the data is checked."),
    # An earlier figure's note follows what the page says about that figure.
    (noted([20.0, 19.5, 22.0], {1: "Revised from 89.0 after late recording"},
           {1: (Flag.REVISED,)}), -1,
     "The figure for April to June 2024 has been revised since it was first published. Note: "
     "Revised from 89.0 after late recording."),
    (noted([20.0, "x", 22.0], {1: "The recording system was replaced in May 2024."}), -1,
     "The figure for April to June 2024 was not available. Note: The recording system was "
     "replaced in May 2024."),
    (noted([20.0, 21.0, 22.0], {1: "Includes a large sibling group?"}), -1,
     "Note on the figure for April to June 2024: Includes a large sibling group?"),
    (noted([20.0, 19.0, 22.0], {1: "Estimated from two of the three months."},
           {1: (Flag.ESTIMATED,)}), -1,
     "The figure for April to June 2024 is an estimate. Note: Estimated from two of the three "
     "months."),
    # A monthly indicator: the three most recent notes in words, the rest counted.
    (noted([20.0] * 13, {i: f"Note {i}." for i in range(1, 8)}, codes=MONTHS,
           kind=PeriodType.MONTH, **MONTHLY), -1,
     "Note on the figure for June 2024: Note 5. Note on the figure for July 2024: Note 6. Note on "
     "the figure for August 2024: Note 7. The notes on 4 other figures are in the table below."),
    (noted([20.0] * 13, {1: "Note 1.", 2: "Note 2.", 3: "Note 3.", 4: "Note 4."}, codes=MONTHS,
           kind=PeriodType.MONTH, **MONTHLY), -1,
     "Note on the figure for March 2024: Note 2. Note on the figure for April 2024: Note 3. Note "
     "on the figure for May 2024: Note 4. The note on 1 other figure is in the table below."),
])
def test_a_note_is_worded_beside_its_figure(data, paragraph, expected):
    assert _paragraphs(data)[paragraph].endswith(expected)


@pytest.mark.parametrize("data", [
    # A suppressed figure, whether marked c or hidden by the threshold, shows no note.
    noted([20.0, "c", 22.0], {1: "Revised from 4 after late recording."}),
    replace(noted([20.0, 2.0, 22.0], {1: "Revised from 4 after late recording."}),
            indicator=indicator(unit=Unit.COUNT, counts_people=True)),
    # A note on a figure older than the explained window is in the table only.
    noted([20.0] + [21.0] * 8, {0: "Revised from 4 after late recording."},
          codes=["2021-22-Q4", *QUARTERS[-8:]]),
])
def test_a_note_is_not_in_the_words_when_it_must_not_be(data):
    assert "Revised from 4" not in " ".join(_paragraphs(data))


def test_each_note_is_given_once():
    data = noted([20.0, 19.5], {1: "Checked twice."}, {1: (Flag.REVISED, Flag.ESTIMATED)})
    assert " ".join(_paragraphs(data)).count("Checked twice.") == 1


def test_a_suppressed_figure_loses_its_note_everywhere_the_zip_included():
    data = noted([20.0, "c", 22.0], {1: "Revised from 4 after late recording."})
    hidden = protect_indicator(data, DEFAULT_THRESHOLD).observations[1]
    assert hidden.missing is Missing.CONFIDENTIAL and hidden.note == ""
    # published_note refuses it even on a row that never passed through disclosure control.
    assert published_note(data.observations[1]) == ""
    site = load_site([FIXTURE])
    protected = protect(site, DEFAULT_THRESHOLD)
    assert any(o.note == "Revised from 4 after late recording." for o in site.packages[0].observations)
    archive = zipfile.ZipFile(io.BytesIO(downloads.package_zip(protected.packages[0])))
    observations = archive.read("minimal/observations.csv").decode("utf-8")
    assert "Revised from 4" not in observations
    assert "Two referrals recorded late were added" in observations


def test_the_table_marks_each_noted_figure_and_lists_the_notes():
    data = noted([20.0, "x", 19.0, "c"], {1: "System change.", 2: "Revised: checked.",
                                          3: "Revised from 4."}, {2: (Flag.REVISED,)})
    table = tables.data_table(protect_indicator(data, DEFAULT_THRESHOLD), "Testshire")
    # Newest first, the notes numbered in the order their rows are read.
    assert [(row.cells[0], row.note) for row in table.rows] == [
        ("c", 0), ("19.0% (revised)", 1), ("x", 2), ("20.0%", 0)]
    assert [(n.number, n.period, n.text) for n in table.notes] == [
        (1, "April to June 2024", "Revised: checked."),
        (2, "January to March 2024", "System change.")]


def test_the_chart_hover_shows_notes_and_a_missing_figure_s_reason_escaped():
    data = noted([20.0, "x", 19.0], {1: "Due <b>soon</b> & later", 2: "Checked [x](javascript:y) "
                                     + "word " * 20})
    figure = time_series(data, "Testshire", "Title", "chart-test").figure
    council = figure["data"][0]
    assert council["customdata"][0] == ""
    assert council["customdata"][2].startswith("<br>Note: Checked [x](javascript:y) word")
    assert council["customdata"][2].count("<br>") == 3  # wrapped for the hover label
    assert council["hovertemplate"] == "%{x}: %{y:,.1f}%%{customdata}<extra>Testshire</extra>"
    gap = figure["data"][1]
    assert (gap["name"], gap["x"], gap["customdata"]) == (
        "Not available", ["Q1 2024/25"],
        ["April to June 2024: not available. Note: Due &lt;b&gt;soon&lt;/b&gt; &amp;<br>later."])


def test_a_chart_without_notes_or_gaps_is_unchanged():
    figure = time_series(noted([20.0, 21.0], {}), "Testshire", "Title", "chart-test").figure
    assert "customdata" not in figure["data"][0] and len(figure["data"]) == 1


RELEASE = Release("r1", "Release 1", date(2024, 10, 1), ReleaseStatus.PUBLISHED)


@pytest.mark.parametrize(("note", "cell"), [
    ("Revised after audit.", "Revised after audit."),
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),  # neutralised like any text cell
    ("-1 late", "'-1 late"),
])
def test_the_csv_and_json_carry_the_note(note, cell):
    data = protect_indicator(noted([20.0, 21.0, "c"], {1: note, 2: "Hidden 4."}),
                             DEFAULT_THRESHOLD)
    rows = list(csv.DictReader(io.StringIO(downloads.indicator_csv(data))))
    assert [row["note"] for row in rows] == ["", cell, ""]
    figures = json.loads(downloads.indicator_json(data, RELEASE))["observations"]
    assert [figure.get("note") for figure in figures] == [None, note, None]


HOSTILE = ("<script>alert(1)</script> [link](javascript:alert(2)) {{ 7*7 }} {% if true %}TPL"
           "{% endif %} **bold**")


def test_a_hostile_note_is_inert_on_the_page():
    site = load_site([FIXTURE])
    packages = tuple(replace(p, observations=tuple(
        replace(o, note=HOSTILE) if o.indicator_id == "re-referrals" else o
        for o in p.observations)) for p in site.packages)
    files = generate(protect(replace(assemble_site(packages), releases=site.releases),
                             DEFAULT_THRESHOLD), CONTEXT)
    page = files["front-door/re-referrals/index.md"]
    assert isinstance(page, str)
    assert "<script>alert" not in page and "<script" not in page.split("<template")[0]
    escaped = ("&lt;script&gt;alert(1)&lt;/script&gt; [link](javascript:alert(2)) {{ 7*7 }} "
               "{% if true %}TPL{% endif %} **bold**")
    assert f"Note: {escaped}." in page  # the page text
    assert f": {escaped}</li>" in page  # the notes list under the table
    hover = page.split("<template")[1]  # JSON with <, > and & written as \\u escapes
    assert "\\u003cscript" not in hover
    assert "\\u0026lt;script\\u0026gt;" in hover  # plotly shows its entities as text
