"""Correct a published release: rebuild it from its own published data with corrected rows.

A release is only ever rebuilt from the data it published: the package downloads in
``<release>/downloads/`` on the Pages branch, which hold exactly the figures its pages showed.
The officer's corrected rows (in ``observations.csv``'s columns) replace the published rows with
the same ``indicator_id`` and ``period``; nothing else changes, so later figures and later
revisions never leak into an older release. Today's data is not used: it holds everything
published since, and cutting it back to a date cannot bring back what was true then (metadata,
retirements, revisions made later).

The pages as they were are kept in a folder beside the release's own
(``2025-26-q1-superseded-1/``), which mike does not list, so the release selector does not show
it; each corrected page's notice links to it. MkDocs writes relative links, so the copy's pages
lead to its own pages and downloads. The release's corrections are recorded in
``<release>/corrections.json``, so a later correction keeps the notices of earlier ones.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from generator.analysis.changes import Correction, IndicatorRef, PreviousRelease, Revision, compare
from generator.commands.branch import git, load_previous, problem, read_deployed_data
from generator.model import format as fmt
from generator.model.site import Release, Site
from generator.problems import CODES, DataError

#: The record of a release's corrections, in the release's folder.
RECORD = "corrections.json"
OBSERVATIONS = "observations.csv"
KEY = ("indicator_id", "period")


@dataclass(frozen=True)
class CorrectionRequest:
    """What an officer asked to correct: the release, why, the corrected rows, and when."""

    release_id: str
    note: str
    rows: Path
    on: date


@dataclass(frozen=True)
class Corrected:
    """A release's published data with the corrections applied, and all its corrections."""

    folders: tuple[Path, ...]
    all: tuple[Correction, ...]  # the earlier corrections and this one, oldest first


def _rows_problem(message: str) -> DataError:
    return problem(message, CODES["correction-rows"].fix, "correction-rows")


def read_rows(path: Path) -> list[dict[str, str]]:
    """Read the corrected rows: observations.csv's columns, with indicator_id and period."""
    with path.open(encoding="utf-8-sig", newline="") as file:
        reader = csv.DictReader(file)
        header = list(reader.fieldnames or [])
        rows = list(reader)
    known = [f["name"] for f in fmt.schema("observations")["fields"]]
    unknown = [name for name in header if name not in known]
    if not set(KEY) <= set(header) or unknown or not rows:
        raise _rows_problem(f"{path.name} must have a header row with indicator_id, period and "
                            f"other columns of observations.csv ({', '.join(known)}) and at "
                            f"least one row{'; unknown: ' + ', '.join(unknown) if unknown else ''}")
    return rows


def apply_rows(folders: tuple[Path, ...], rows: list[dict[str, str]]) -> None:
    """Replace the published rows with the same indicator and period by the corrected rows."""
    wanted = {tuple(row[k] for k in KEY): row for row in rows}
    found: set[tuple[str, ...]] = set()
    for folder in folders:
        table = folder / OBSERVATIONS
        if not table.is_file():
            continue
        reader = csv.DictReader(io.StringIO(table.read_text(encoding="utf-8")))
        header, published = list(reader.fieldnames or []), list(reader)
        for row in published:
            key = tuple(row[k] for k in KEY)
            if key in wanted:
                found.add(key)
                row.update({k: v for k, v in wanted[key].items() if k in header})
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(published)
        table.write_text(buffer.getvalue(), encoding="utf-8")
    missing = [" ".join(key) for key in wanted if key not in found]
    if missing:
        raise _rows_problem(f"the release published no figure for {', '.join(missing)}: a "
                            "correction can only change figures the release published")


def _load(folders: tuple[Path, ...], where: str, threshold: int) -> Site:
    try:
        return load_previous(list(folders), where, threshold)
    except DataError as error:
        raise _rows_problem(f"{where} is not valid: {error.problems[0].message}") from None


def prepare(request: CorrectionRequest, release: Release, branch: str, deployed: list[str],
            workspace: Path, threshold: int) -> Corrected:
    """Return the release's published data with the corrected rows applied, and its corrections.

    Refuses a release that is not in the branch, and rows that change no figure.
    """
    if release.id not in deployed:
        raise problem(f"release {release.id} is not published in {branch}, so there is nothing "
                      "to correct", "Give the id of a release in the branch (its versions.json "
                      "lists them).")
    if not request.note.strip():
        raise problem("a correction needs a note saying what was wrong",
                      'Give --note "..." with a sentence readers will see on the pages.')
    rows = read_rows(request.rows)
    published = tuple(read_deployed_data(branch, release.id, workspace / "published"))
    folders = tuple(read_deployed_data(branch, release.id, workspace / "corrected"))
    if not folders:
        raise problem(f"release {release.id} in {branch} has no package downloads to rebuild "
                      "it from", "Only releases published by this tool can be corrected.")
    apply_rows(folders, rows)
    before = _load(published, f"the data {release.id} published", threshold)
    after = _load(folders, f"the corrected data of {release.id}", threshold)
    revisions = compare(PreviousRelease(release, before), after).revisions
    if not revisions:
        raise _rows_problem(f"the corrected rows change none of the figures {release.id} "
                            "published")
    earlier = read_record(branch, release.id)
    superseded = f"{release.id}-superseded-{len(earlier) + 1}"
    correction = Correction(request.on, request.note.strip(), superseded, revisions)
    return Corrected(folders, (*earlier, correction))


def keep_superseded(branch: str, release_id: str, correction: Correction) -> None:
    """Commit a copy of the release's folder as it is now, under the correction's superseded name.

    git stores the copy as the same tree under a second name, so it costs no space.
    """
    old = git("rev-parse", f"{branch}:{release_id}").stdout.strip()
    listing = git("ls-tree", branch).stdout + f"040000 tree {old}\t{correction.superseded}\n"
    tree = subprocess.run(["git", "mktree"], input=listing, capture_output=True, text=True,
                          check=True).stdout.strip()
    commit = git("commit-tree", tree, "-p", branch, "-m",
                 f"Keep {release_id} as published before its correction of "
                 f"{correction.date.isoformat()}").stdout.strip()
    git("update-ref", f"refs/heads/{branch}", commit)


def write_record(site_dir: Path, corrections: tuple[Correction, ...]) -> None:
    """Write the release's corrections into its built folder, for the next correction."""
    items = [{"date": c.date.isoformat(), "note": c.note, "superseded": c.superseded,
              "revisions": [{"indicator_id": r.indicator.id, "title": r.indicator.title,
                             "path": r.indicator.path, "period": r.period, "old": r.old,
                             "new": r.new} for r in c.revisions]}
             for c in corrections]
    text = json.dumps({"corrections": items}, indent=2, ensure_ascii=False) + "\n"
    (site_dir / RECORD).write_text(text, encoding="utf-8")


def read_record(branch: str, release_id: str) -> tuple[Correction, ...]:
    """Return the corrections recorded in a deployed release (none if it was never corrected)."""
    shown = git("show", f"{branch}:{release_id}/{RECORD}", check=False)
    if shown.returncode != 0:
        return ()
    return tuple(
        Correction(date.fromisoformat(item["date"]), item["note"], item["superseded"],
                   tuple(Revision(IndicatorRef(r["indicator_id"], r["title"], r["path"]),
                                  r["period"], r["old"], r["new"]) for r in item["revisions"]))
        for item in json.loads(shown.stdout)["corrections"])
