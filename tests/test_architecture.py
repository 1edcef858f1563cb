"""The architecture holds: stage folders, layer contracts, no import circles, short functions.

docs/architecture.md describes what these tests enforce.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "generator"
#: The stage folders, in pipeline order (docs/architecture.md names each).
STAGES = ("importers", "input", "model", "analysis", "pages", "output", "commands")
#: Modules that may stay at the top of the package: the pipeline and what every stage shares.
TOP_LEVEL = {"__init__.py", "__main__.py", "build.py", "parallel.py", "problems.py", "settings.py"}
MAX_FUNCTION_LINES = 80


def test_lint_imports_keeps_every_contract() -> None:
    result = subprocess.run([sys.executable, "-c", "from importlinter.cli import lint_imports_command;"
                             " lint_imports_command()", "--no-cache"],
                            cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_the_folder_list_reads_as_the_pipeline() -> None:
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").is_file()}
    assert folders == set(STAGES)
    modules = {p.name for p in PACKAGE.glob("*.py")}
    assert modules == TOP_LEVEL


def test_architecture_page_names_every_stage_and_top_level_module() -> None:
    page = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    assert "```mermaid" in page
    for name in STAGES:
        assert f"`{name}/`" in page, name
    for module in TOP_LEVEL - {"__init__.py", "__main__.py"}:
        assert f"`{module}`" in page, module


def _import_graph() -> grimp.ImportGraph:
    return grimp.build_graph("generator", include_external_packages=False)


def test_no_module_imports_itself_round_a_circle() -> None:
    graph = _import_graph()
    circles = []
    for module in sorted(graph.modules):
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            if imported.startswith(module + ".") or module.startswith(imported + "."):
                continue  # a package and its own modules
            back = graph.find_shortest_chain(importer=imported, imported=module)
            if back:
                circles.append(" -> ".join((module, *back)))
    assert circles == []


def _functions(path: Path) -> list[tuple[str, int]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [(node.name, node.end_lineno - node.lineno + 1) for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.end_lineno]


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(REPO)))
def test_no_function_is_longer_than_a_screen(path: Path) -> None:
    long = [(name, lines) for name, lines in _functions(path) if lines > MAX_FUNCTION_LINES]
    assert long == []


def test_unit_tests_run_without_playwright() -> None:
    """The unit tests import nothing of the browser tooling: only the browser tests need it."""
    blocker = ("import sys, pytest; sys.modules['playwright'] = None; "
               "raise SystemExit(pytest.main(['--collect-only', '-q', '-p', 'no:cacheprovider', "
               "'-p', 'no:xdist', '--ignore=tests/browser', 'tests']))")
    result = subprocess.run([sys.executable, "-c", blocker], cwd=REPO, capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert " tests collected" in result.stdout or "tests collected" in result.stdout


def test_scripts_do_not_import_the_tests() -> None:
    for script in sorted((REPO / "scripts").iterdir()):
        if script.is_file() and script.read_text(encoding="utf-8").startswith("#!/usr/bin/env python"):
            text = script.read_text(encoding="utf-8")
            assert "from tests" not in text and 'REPO / "tests"' not in text, script.name
