"""Path fields × traversal forms: check refuses every one, naming the file, row and field.

Package names, ids and previous ids become folder and file names of the site, and resource paths
are files check opens; each must stay inside its folder (issue 15, class 2). The broken-package
corpus of ``tests/test_check.py`` has one traversal case each for the package name and previous
ids; this table takes every path field through every traversal form, with the same machinery
(``materialise`` a case, run ``check --format json``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.test_check import cases, materialise, run_check

FORMS = {
    "dot-dot": "../x", "backslash": "..\\x", "absolute": "/abs", "percent-encoded": "%2e%2e/x",
    "inner-dot-dot": "x/../../y", "nul": "x\x00y", "long-path": "a/" * 200 + "x",
    "very-long-name": "a" * 300, "one-dot-leader": "\u2025/x", "fullwidth-dots": "\uff0e\uff0e/x",
}


def _cell(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


@dataclass(frozen=True)
class PathField:
    """Where a path field sits in the minimal package, and what check must report."""

    file: str
    old: str  # the text the form replaces (with its neighbours, so that it occurs once)
    template: str  # the replacement, with {value} for the form
    row: int | None
    field: str
    rules: tuple[str, ...]  # any of these, reported at (file, row, field), refuses the form

    def edit(self, value: str) -> object:
        quoted = json.dumps(value) if self.file.endswith(".json") else _cell(value)
        return cases.Replace(self.file, self.old, self.template.replace("{value}", quoted))


TARGETS = {
    "package-name": PathField("datapackage.json", '"name": "minimal"', '"name": {value}', None,
                              "name", ("descriptor-name-id",)),
    "service-area-id": PathField("service_areas.csv", "front-door,1,Front door",
                                 "{value},1,Front door", 2, "id", ("pattern", "id-too-long")),
    "priority-id": PathField("priorities.csv", "safe-at-home,Children are safe",
                             "{value},Children are safe", 2, "id", ("pattern", "id-too-long")),
    "indicator-id": PathField("indicators.csv", "re-referrals,Re-referrals within",
                              "{value},Re-referrals within", 2, "id", ("pattern", "id-too-long")),
    "release-id": PathField("releases.csv", "2024-25-q1,Quarter 1", "{value},Quarter 1", 2, "id",
                            ("pattern", "id-too-long")),
    "previous-id": PathField("indicators.csv", ",cla-per-10k,", ",{value},", 3, "previous_ids",
                             ("previous-id-invalid",)),
    "resource-path": PathField("datapackage.json", '"path": "priorities.csv"', '"path": {value}',
                               None, "", ("resource-outside", "resource-missing", "resource-path",
                                "descriptor-format", "file-special")),
}

KNOWN: dict[tuple[str, str], str] = {}  # (target, form): a finding not fixed yet, as a strict xfail
CASES = [pytest.param(target, form, id=f"{target}-{form}",
                      marks=[pytest.mark.xfail(strict=True, reason=KNOWN[target, form])]
                      if (target, form) in KNOWN else [])
         for target in TARGETS for form in FORMS]


@pytest.mark.parametrize(("target", "form"), CASES)
def test_check_refuses_the_traversal_form(target: str, form: str, tmp_path: Path) -> None:
    where = TARGETS[target]
    case = cases.Case(f"{target}-{form}", (where.edit(FORMS[form]),), ())
    result = run_check(materialise(case, tmp_path), "--format", "json")
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 1, result.output
    problems = json.loads(result.output)["problems"]
    ours = [p for p in problems if p["rule"] in where.rules]
    if where.field:  # a cell: the problem names the file, the row and the field
        ours = [p for p in ours if Path(p["file"]).name == where.file
                and p["row"] == where.row and p["field"] == where.field]
    assert ours, json.dumps(problems, indent=2)
    assert all(p["message"] and p["fix"] for p in ours), ours
