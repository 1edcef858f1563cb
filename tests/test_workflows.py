"""The GitHub Actions workflows are valid and hardened.

Valid: checked against the GitHub workflow schema (check-jsonschema ships it,
``vendor.github-workflows``, so this runs offline). Hardened: actions pinned by commit, a time
limit on every job, concurrency on every workflow, and in the release workflow a read-only test
job and a deploy job that alone may write, needs it, and never deploys a pre-release.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

WORKFLOWS = sorted((Path(__file__).resolve().parents[1] / ".github" / "workflows").glob("*.yml"))
RELEASE = WORKFLOWS[0].parent / "release.yml"


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


def _load(workflow: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(workflow.read_text(encoding="utf-8"))
    return loaded


#: ``uses: owner/action@<40 hex digits>  # v1.2.3``: pinned to a commit, its version named.
PINNED = re.compile(r"^\s*(?:- )?uses: [\w.-]+/[\w./-]+@[0-9a-f]{40}  # v\d+(?:\.\d+){0,2}$")


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_by_commit_with_its_version(workflow: Path) -> None:
    uses = [line for line in workflow.read_text(encoding="utf-8").splitlines()
            if re.match(r"^\s*(?:- )?uses:", line)]
    assert uses and all(PINNED.match(line) for line in uses), uses


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_every_workflow_has_concurrency_and_every_job_a_time_limit(workflow: Path) -> None:
    loaded = _load(workflow)
    assert loaded["concurrency"]["group"]
    assert all(isinstance(job.get("timeout-minutes"), int) for job in loaded["jobs"].values())


@pytest.mark.parametrize("job, permissions", [("test", {"contents": "read"}),
                                              ("deploy", {"contents": "write"})])
def test_only_the_deploy_job_may_write(job: str, permissions: dict[str, str]) -> None:
    loaded = _load(RELEASE)
    assert loaded["permissions"] == {}  # nothing for the workflow: each job asks for its own
    assert loaded["jobs"][job]["permissions"] == permissions


def test_the_release_is_deployed_only_after_the_tests_and_never_a_pre_release() -> None:
    deploy = _load(RELEASE)["jobs"]["deploy"]
    assert deploy["needs"] == "test"
    assert deploy["if"] == "${{ !github.event.release.prerelease }}"


@pytest.mark.parametrize("job, command", [
    ("test", 'perfsite check --format github --release "$RELEASE_ID"'),
    ("test", 'echo "PERFSITE_CHROMIUM=$chrome" >> "$GITHUB_ENV"'),
    ("deploy", 'perfsite publish --release "$RELEASE_ID" --remote "$remote"'),
    ("deploy", 'remote="https://x-access-token:${SITE_TOKEN}@github.com/${SITE_REPOSITORY}.git"'),
    ("deploy", 'gh release upload "$RELEASE_ID" "$RUNNER_TEMP/site-$RELEASE_ID.tar.gz"'),
])
def test_the_release_workflow_runs(job: str, command: str) -> None:
    steps = _load(RELEASE)["jobs"][job]["steps"]
    assert any(command in step.get("run", "") for step in steps), command


@pytest.mark.parametrize("builder, variable, expected", [
    ("", "", []),
    ("properdocs", "", ["--builder", "properdocs"]),
    ("", "properdocs", ["--builder", "properdocs"]),
    ("mkdocs", "properdocs", ["--builder", "mkdocs"]),
])
def test_the_release_is_built_by_the_builder_chosen_by_hand_or_by_the_variable(
        builder: str, variable: str, expected: list[str]) -> None:
    loaded = _load(RELEASE)
    inputs = loaded[True]["workflow_dispatch"]["inputs"]  # YAML 1.1 reads the key "on" as True
    assert inputs["builder"]["options"] == ["", "mkdocs", "properdocs"]
    [step] = [step for step in loaded["jobs"]["deploy"]["steps"]
              if "perfsite publish" in step.get("run", "")]
    assert step["env"]["SITE_BUILDER"] == "${{ inputs.builder || vars.SITE_BUILDER }}"
    # The publish line as the runner's shell runs it, with the expression's value.
    [line] = [line.strip() for line in step["run"].splitlines() if "perfsite publish" in line]
    shown = subprocess.run(
        ["bash", "-c", f"perfsite() {{ printf '%s\\n' \"$@\"; }}; {line}"],
        env={"SITE_BUILDER": builder or variable, "RELEASE_ID": "2025-26-q2", "remote": "r"},
        capture_output=True, text=True, check=True).stdout.split()
    assert shown == ["publish", "--release", "2025-26-q2", "--remote", "r", *expected]
