"""The code passes the linters and type checker configured in pyproject.toml."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=REPO, capture_output=True, text=True,
                          check=False)


def test_ruff_finds_nothing() -> None:
    result = _run("ruff", "check", "generator", "bench", "tests", "scripts", "tools")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing_in_the_package() -> None:
    result = _run("mypy", "generator")
    assert result.returncode == 0, result.stdout + result.stderr
