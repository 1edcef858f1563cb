"""The problem codes cannot drift: the code, the catalogue and docs/problem-codes.md agree.

The codes the generator can report are found by reading every ``Problem(...)`` in generator/ (its
sixth argument, or ``rule=``). The few built at run time are expanded by ``RUNTIME_CODES``; a new
one fails here until it is added there. The broken-package corpus then shows which codes really
reach ``check --format json``.

``python -m tests.test_problem_codes`` rewrites the table in docs/problem-codes.md from the
catalogue (the page's other text is written by hand).
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from generator.model.limits import NumberFault
from generator.problems import CATALOGUE, CODES, SYSTEM_CODES, Code, Stage
from tests import test_docs
from tests.test_check import cases, materialise, run_check

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "problem-codes.md"
TABLE_START, TABLE_END = "<!-- codes: start -->", "<!-- codes: end -->"

# Codes built at run time, by (file, the expression that builds them).
RUNTIME_CODES = {
    ("generator/input/load.py", "'descriptor-' + key"): {"descriptor-name", "descriptor-title"},
    ("generator/input/rules.py", "f'{resource}-period'"): {"commentary-period", "ratings-period"},
    # A schema keyword's kind (input/config.py KINDS) for each schema, where the schema uses it.
    ("generator/input/config.py", "rule"): {
        *(f"settings-{kind}" for kind in ("type", "key", "required", "format", "range", "empty")),
        *(f"mapping-{kind}" for kind in ("type", "key", "required", "enum", "format", "range",
                                         "empty")),
        # input/descriptor.py reports a property of no value (null) as descriptor-type too.
        *(f"descriptor-{kind}" for kind in ("type", "format"))},
    ("generator/input/config.py", "f'{kind}-empty'"): {"settings-empty", "mapping-empty"},
    # A number outside the format's limits: each NumberFault's value is its code.
    ("generator/input/cells.py", "fault.value"): {fault.value for fault in NumberFault},
    # Frictionless' own error types, which plain_error passes on under their own code. The corpus
    # test below shows each one is reached, and that no other reaches the report.
    ("generator/input/messages.py", "kind"): {entry.code for entry in CATALOGUE
                                              if entry.frictionless},
    # An operating-system failure's code, by its errno (tests/test_command_failures.py).
    ("generator/problems.py", "code"): {*SYSTEM_CODES.values(), "system-error"},
    # publish, correct and withdraw name their code when they call branch.problem
    # (tests/test_releases.py reaches each one).
    ("generator/commands/branch.py", "code"): {
        "publish", "release-published", "release-planned", "release-not-newest",
        "correction-rows", "push-rejected", "withdraw-refused"},
}

# Codes of the data package stages that no corpus case produces, and where they are tested.
NOT_IN_CORPUS = {
    "package-missing": "tests/test_check.py::test_missing_package_folder",
    "descriptor-missing": "tests/test_check.py::test_folder_without_descriptor",
    "resource-size": "none: it needs a file over 200 MB",
}
PACKAGE_STAGES = (Stage.DESCRIPTOR, Stage.TABLES, Stage.ROWS, Stage.CROSS_TABLE)


def _rule(call: ast.Call) -> ast.expr | None:
    keyword = next((k.value for k in call.keywords if k.arg == "rule"), None)
    return call.args[5] if len(call.args) > 5 else keyword


def _problem_calls() -> list[tuple[str, int, ast.expr | None]]:
    """Return each ``Problem(...)`` in generator/: its file, line and the expression of its code."""
    calls = []
    for path in sorted((ROOT / "generator").rglob("*.py")):
        name = path.relative_to(ROOT).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Problem":
                calls.append((name, node.lineno, _rule(node)))
    return calls


def _source_codes() -> dict[str, list[str]]:
    """Return every code the source can emit, with the places that emit it."""
    codes: dict[str, list[str]] = {}
    for name, line, rule in _problem_calls():
        if isinstance(rule, ast.Constant) and isinstance(rule.value, str):
            found = {rule.value}
        else:
            found = RUNTIME_CODES.get((name, ast.unparse(rule) if rule else ""), set())
        for code in found:
            codes.setdefault(code, []).append(f"{name}:{line}")
    return codes


SOURCE_CODES = _source_codes()


def _listed(codes: set[str] | list[str]) -> str:
    return ", ".join(sorted(codes))


def test_problems_are_found_in_the_source() -> None:
    assert len(_problem_calls()) > 80
    assert {"descriptor-json", "type-error", "commentary-period", "mkdocs"} <= set(SOURCE_CODES)


def test_every_problem_has_a_code_the_test_can_read() -> None:
    unread = [f"{name}:{line}: {ast.unparse(rule) if rule else 'no rule'}"
              for name, line, rule in _problem_calls()
              if not (isinstance(rule, ast.Constant) and rule.value)
              and (name, ast.unparse(rule) if rule else "") not in RUNTIME_CODES]
    assert not unread, ("give these problems a code, or add the expression that builds it to "
                        "RUNTIME_CODES:\n" + "\n".join(unread))


def test_every_code_in_the_source_is_catalogued() -> None:
    missing = {code: places for code, places in SOURCE_CODES.items() if code not in CODES}
    assert not missing, "add these codes to CATALOGUE in generator/problems.py: " + "; ".join(
        f"{code} ({', '.join(places)})" for code, places in sorted(missing.items()))


def test_every_catalogued_code_is_in_the_source() -> None:
    stale = set(CODES) - set(SOURCE_CODES)
    assert not stale, "the catalogue lists codes nothing reports: " + _listed(stale)


def test_catalogue_is_ordered_by_stage() -> None:
    stages = list(Stage)
    order = [stages.index(entry.stage) for entry in CATALOGUE]
    assert order == sorted(order), "keep CATALOGUE in the order of Stage"
    assert len(CODES) == len(CATALOGUE), "a code is catalogued twice"


@pytest.mark.parametrize("entry", CATALOGUE, ids=[entry.code for entry in CATALOGUE])
def test_entry_is_written_for_readers(entry: Code) -> None:
    assert re.fullmatch(r"[a-z]+(-[a-z0-9]+)*", entry.code), entry.code
    for text in (entry.meaning, entry.fix):
        assert text.endswith("."), text
        assert "|" not in text, "a | would break the table in the docs"


# ---------------------------------------------------------------------------------------------
# The broken-package corpus


@pytest.fixture(scope="module")
def corpus_codes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """Return every code ``check --format json`` reports across the corpus, with its cases."""
    codes: dict[str, list[str]] = {}
    for case in (*cases.CASES, cases.MANY_PROBLEMS):
        folders = materialise(case, tmp_path_factory.mktemp(case.name))
        for problem in json.loads(run_check(folders, "--format", "json").output)["problems"]:
            codes.setdefault(problem["rule"], []).append(case.name)
    return codes


def test_every_code_the_corpus_reports_is_catalogued(corpus_codes: dict[str, list[str]]) -> None:
    missing = {code: names for code, names in corpus_codes.items() if code not in CODES}
    assert not missing, "check reports codes the catalogue lacks: " + "; ".join(
        f"{code} (case {names[0]})" for code, names in sorted(missing.items()))


def test_the_corpus_reaches_every_data_package_code(corpus_codes: dict[str, list[str]]) -> None:
    """A catalogued code of the data package stages is one ``check`` can really report."""
    expected = {entry.code for entry in CATALOGUE if entry.stage in PACKAGE_STAGES}
    unreached = expected - set(corpus_codes) - set(NOT_IN_CORPUS)
    assert not unreached, ("add a case to tests/fixtures/broken/cases.py that reports: "
                           + _listed(unreached))
    assert set(NOT_IN_CORPUS) <= expected - set(corpus_codes), "NOT_IN_CORPUS is out of date"


# ---------------------------------------------------------------------------------------------
# docs/problem-codes.md


def catalogue_table() -> str:
    """Return the docs table of the catalogue, in its order."""
    lines = ["| Code | Stage | What it means | How to fix |", "|---|---|---|---|"]
    lines += [f"| `{e.code}` | {e.stage.value} | {e.meaning} | {e.fix} |" for e in CATALOGUE]
    return "\n".join(lines)


def _documented() -> dict[str, str]:
    text = PAGE.read_text(encoding="utf-8")
    assert TABLE_START in text and TABLE_END in text, f"{PAGE.name} lost its table markers"
    table = text.split(TABLE_START)[1].split(TABLE_END)[0]
    return {code: row for code, row in test_docs.table_rows(table).items() if code != "Code"}


def test_every_catalogued_code_is_documented() -> None:
    missing = set(CODES) - set(_documented())
    assert not missing, (f"docs/problem-codes.md lacks {_listed(missing)}: run "
                         "`python -m tests.test_problem_codes`")


def test_every_documented_code_exists() -> None:
    unknown = set(_documented()) - set(CODES)
    assert not unknown, "docs/problem-codes.md documents codes nothing reports: " + _listed(unknown)


@pytest.mark.parametrize("entry", CATALOGUE, ids=[entry.code for entry in CATALOGUE])
def test_documented_row_matches_the_catalogue(entry: Code) -> None:
    row = _documented().get(entry.code)
    expected = f"| `{entry.code}` | {entry.stage.value} | {entry.meaning} | {entry.fix} |"
    assert row in (None, expected), f"run `python -m tests.test_problem_codes`; expected\n{expected}"


def test_documented_in_the_catalogue_order() -> None:
    order = [code for code in _documented() if code in CODES]
    assert order == [code for code in CODES if code in order], "run `python -m tests.test_problem_codes`"


def test_frictionless_codes_are_named_on_the_page() -> None:
    text = PAGE.read_text(encoding="utf-8")
    paragraph = text[text.index("Codes from Frictionless:"):].split("\n\n")[0]
    named = set(re.findall(r"`([a-z-]+)`", paragraph))
    assert named == {entry.code for entry in CATALOGUE if entry.frictionless}, paragraph


def test_page_is_linked_and_its_links_resolve() -> None:
    test_docs.test_links_between_docs_resolve(PAGE)
    for page in (ROOT / "README.md", ROOT / "docs" / "data-package.md"):
        assert "problem-codes.md" in page.read_text(encoding="utf-8"), f"link it from {page.name}"


def write_table() -> None:
    """Rewrite the table in docs/problem-codes.md from the catalogue."""
    text = PAGE.read_text(encoding="utf-8")
    before, rest = text.split(TABLE_START)
    after = rest.split(TABLE_END)[1]
    PAGE.write_text(f"{before}{TABLE_START}\n{catalogue_table()}\n{TABLE_END}{after}",
                    encoding="utf-8")


if __name__ == "__main__":
    write_table()


def test_a_fix_the_catalogue_holds_is_taken_from_it() -> None:
    """A Problem whose fix is its code's catalogue fix reads it from CODES instead of copying it."""
    copies = []
    for path in sorted((ROOT / "generator").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Problem":
                rule = _rule(node)
                fix = node.args[4] if len(node.args) > 4 else next(
                    (k.value for k in node.keywords if k.arg == "fix"), None)
                if (isinstance(rule, ast.Constant) and rule.value in CODES
                        and isinstance(fix, ast.Constant) and fix.value == CODES[rule.value].fix):
                    copies.append(f"{path.relative_to(ROOT)}:{node.lineno} ({rule.value})")
    assert copies == [], "use CODES[code].fix: " + ", ".join(copies)
