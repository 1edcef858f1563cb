"""Notes beside figures: the one place an observation's note is chosen and worded.

An officer's ``note`` on an observation says why a figure is missing, revised or unusual. Every
place that shows a figure shows its note beside it, through the functions here: the page text
(``explain``, with ``figure_caveats``: what it says about single figures, missing, revised,
estimated and noted ones), the data table and the chart hover (``pages/tables.py``, ``pages/charts.py``) and
the indicator's CSV and JSON (``pages/downloads.py``).

A figure that disclosure control hides (``c``) never carries its note: the site cannot tell
whether the words quote the hidden number ("Revised from 4 after late recording"), so
``analysis/disclosure.py`` drops the note with the number and the reader is told only why the
figure is not published. ``published_note`` refuses such a note as well, for any row that did
not pass through disclosure control.
"""

from __future__ import annotations

from collections.abc import Sequence

from generator.analysis.findings import Findings
from generator.model.site import Flag, Missing, Observation
from generator.model.words import missing_words

GAPS_LISTED = 3  # name at most this many unpublished periods, then count the rest
NOTES_LISTED = 3  # notes of earlier figures the page text gives; the table gives every note


def published_note(row: Observation) -> str:
    """Return the note published beside a figure, on one line, or "" when it has none.

    A figure hidden to protect confidentiality has no published note (see the module's
    docstring): its reason is the ``c`` symbol's.
    """
    if row.missing is Missing.CONFIDENTIAL:
        return ""
    return " ".join(row.note.split())


def _sentence(text: str) -> str:
    """Return text ending as a sentence does, without doubling the officer's own full stop."""
    return text if text.endswith((".", "!", "?")) else text + "."


def note_after(row: Observation) -> str:
    """Return a figure's note as the sentence after one about the figure: "Note: ...", or ""."""
    note = published_note(row)
    return f"Note: {_sentence(note)}" if note else ""


def note_on(row: Observation) -> str:
    """Return a figure's note as a sentence that names the figure, or "" when it has none."""
    note = published_note(row)
    return f"Note on the figure for {row.period.label}: {_sentence(note)}" if note else ""


def with_note(sentence: str, row: Observation) -> list[str]:
    """Return a sentence about a figure followed by the figure's note, if it has one."""
    note = note_after(row)
    return [sentence, note] if note else [sentence]


def notes_left(rows: Sequence[Observation]) -> str:
    """Return where the notes the page text leaves out are: "The notes on 2 other figures are ..."."""
    count = sum(1 for row in rows if published_note(row))
    if not count:
        return ""
    figures = "figure is" if count == 1 else "figures are"
    return f"The {'note' if count == 1 else 'notes'} on {count} other {figures} in the table below."


def figure_caveats(analysis: Findings, word: str) -> list[str]:
    """Return what a reader needs about single figures in the window: gaps, marks and notes.

    ``word`` is what one period is called ("month"). The latest figures' notes are in the
    first paragraph, beside them; here each earlier figure's note follows the sentence about it,
    and a note on a figure with nothing else to say comes last, the most recent
    ``NOTES_LISTED``. The table under the chart gives every note.
    """
    latest, published = analysis.latest, analysis.latest_published
    start = analysis.trend.start
    window = [row for row in analysis.data.observations if start and row.period >= start]
    earlier = [row for row in window if row is not latest and row is not published]
    sentences: list[str] = []
    given: set[Observation] = set()  # the figures whose note is given

    def about(row: Observation, sentence: str) -> None:
        if row in earlier and row not in given:
            sentences.extend(with_note(sentence, row))
            given.add(row)
        else:
            sentences.append(sentence)

    gaps = [row for row in window if row.missing is not None and row is not latest]
    for row in gaps[:GAPS_LISTED]:
        about(row, f"The figure for {row.period.label} was {missing_words(row.missing)}.")
    if len(gaps) > GAPS_LISTED:
        sentences.append(f"Figures for {len(gaps) - GAPS_LISTED} other {word}s were not published.")
    if published is not None and Flag.PROVISIONAL in published.flags:
        sentences.append("The latest figure is provisional.")
        sentences.append("It may change when the data is checked.")
    for row in window:
        if Flag.REVISED in row.flags:
            about(row, f"The figure for {row.period.label} has been revised since it was first "
                  "published.")
        if Flag.ESTIMATED in row.flags:
            about(row, f"The figure for {row.period.label} is an estimate.")
    plain = [row for row in earlier if row not in given and row not in gaps
             and published_note(row)]
    sentences.extend(note_on(row) for row in plain[-NOTES_LISTED:])
    left = notes_left([*gaps[GAPS_LISTED:], *plain[:-NOTES_LISTED]])
    return [*sentences, left] if left else sentences
