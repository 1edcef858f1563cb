"""The GitHub Actions workflows are valid: checked against the GitHub workflow schema.

check-jsonschema ships the schema (``vendor.github-workflows``), so this runs offline.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

WORKFLOWS = sorted((Path(__file__).resolve().parents[1] / ".github" / "workflows").glob("*.yml"))


def test_the_release_and_pull_request_workflows_exist() -> None:
    assert {p.name for p in WORKFLOWS} >= {"release.yml", "pull-request.yml"}


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_matches_the_github_schema(workflow: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
         str(workflow)],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
