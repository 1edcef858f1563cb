"""Every command ends a failure with a reported problem, never a traceback.

Each case runs a real command in a subprocess on bad input or a failing computer and checks the
exit status, the problem's code and words, and that no "Traceback" is printed. Failures of the
computer that a test cannot cause for real (a full disk; permission denied, when the tests run
as root) are injected by a small launcher that patches the operating-system call, then runs the
command as ``python -m generator`` would.
"""

from __future__ import annotations

import errno
import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.problems import CODES, system_problem

REPO = Path(__file__).resolve().parents[1]
MINIMAL = REPO / "tests" / "fixtures" / "packages" / "minimal"
EES = REPO / "tests" / "fixtures" / "dfe" / "ees"
LAIT = REPO / "tests" / "fixtures" / "dfe" / "lait" / "lait_extract.parquet"

# Patches the operating system as the first argument asks, then runs the command line.
LAUNCHER = """
import errno, os, pathlib, sys
fault = sys.argv.pop(1)
if fault.startswith("disk-full-after:"):
    left = [int(fault.split(":")[1])]
    def full(original):
        def write(self, *args, **kwargs):
            if left[0] <= 0:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))  # names no file
            left[0] -= 1
            return original(self, *args, **kwargs)
        return write
    pathlib.Path.write_text = full(pathlib.Path.write_text)
    pathlib.Path.write_bytes = full(pathlib.Path.write_bytes)
elif fault.startswith("refuse-staging:"):
    number = getattr(errno, fault.split(":")[1])
    real_mkdir = os.mkdir
    def mkdir(path, *args, **kwargs):
        if ".staging-" in str(path):
            raise OSError(number, os.strerror(number), str(path))
        return real_mkdir(path, *args, **kwargs)
    os.mkdir = mkdir
elif fault == "bug":
    import generator.settings
    def load_settings(*args, **kwargs):
        return 1 / 0
    generator.settings.load_settings = load_settings
from generator.commands.cli import main
main(prog_name="perfsite")
"""


def run(*args: str, fault: str = "none", temp: Path | None = None, traceback: bool = False,
        timeout: float = 180) -> subprocess.CompletedProcess[str]:
    """Run a command line of the generator in a subprocess, with an optional fault.

    ``temp`` is its temporary folder (where an internal error's details are written).
    """
    environment = {key: value for key, value in os.environ.items()
                   if key != "PERFSITE_TRACEBACK"}
    environment["PYTHONPATH"] = str(REPO)
    if traceback:
        environment["PERFSITE_TRACEBACK"] = "1"
    if temp is not None:
        temp.mkdir(exist_ok=True)
        environment["TMPDIR"] = str(temp)
    return subprocess.run([sys.executable, "-c", LAUNCHER, fault, *args], cwd=REPO, text=True,
                          capture_output=True, timeout=timeout, env=environment)


def config_for(package: Path, target: Path) -> Path:
    """Write a copy of mkdocs.yml that publishes only ``package``."""
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("docs_dir: site_src", f"docs_dir: {REPO / 'site_src'}")
    text = text.replace("custom_dir: site_src/overrides",
                        f"custom_dir: {REPO / 'site_src' / 'overrides'}")
    text = text.replace("      - datapackages/northbridge-childrens\n", f"      - {package}\n")
    text = text.replace("      - datapackages/northbridge-education\n", "")
    target.write_text(text, encoding="utf-8")
    return target


@pytest.fixture
def place(tmp_path: Path) -> Path:
    """A folder with a copy of the minimal package, its settings file and a file in the way."""
    shutil.copytree(MINIMAL, tmp_path / "minimal")
    config_for(tmp_path / "minimal", tmp_path / "mkdocs.yml")
    (tmp_path / "afile").write_text("not a folder", encoding="utf-8")
    truncated = tmp_path / "truncated"
    shutil.copytree(MINIMAL, truncated)
    descriptor = (truncated / "datapackage.json").read_text(encoding="utf-8")
    (truncated / "datapackage.json").write_text(descriptor[: len(descriptor) // 2],
                                                encoding="utf-8")
    (tmp_path / "latin-1.yml").write_bytes("site_name: Café\n".encode("latin-1"))
    (tmp_path / "half.parquet").write_bytes(LAIT.read_bytes()[:200])
    return tmp_path


def assert_reported(result: subprocess.CompletedProcess[str], status: int,
                    *words: str) -> None:
    """Assert the command failed with ``status``, said each of ``words``, and no traceback."""
    output = result.stdout + result.stderr
    assert result.returncode == status, output
    assert "Traceback" not in output, output
    for word in words:
        assert word in output, output


IMPORT = ("--council", "Trafford", "--release-date", "2025-12-01")

CASES = [
    # (command line, fault, exit status, words the report must hold)
    (["check", "{tmp}/nowhere"], "none", 1, ["nowhere: the data package folder does not exist"]),
    (["check", "{tmp}/truncated"], "none", 1, ["datapackage.json", "not valid JSON"]),
    (["check", "--format", "json", "--config", "{tmp}/mkdocs.yml"], "bug", 3,
     ['"rule": "internal-error"', "ZeroDivisionError"]),
    (["build", "--config", "{tmp}/nowhere.yml"], "none", 1, ["settings file does not exist"]),
    (["build", "--config", "{tmp}/latin-1.yml"], "none", 1,
     ["latin-1.yml: the site settings file is not UTF-8 text (byte 15 cannot be read)"]),
    (["build", "--config", "{tmp}/mkdocs.yml", "--site-dir", "{tmp}/afile/site"], "none", 1,
     ["{tmp}/afile: something is already here: a file where a folder is needed",
      "Move or rename"]),
    (["build", "--config", "{tmp}/mkdocs.yml", "--site-dir", "{tmp}/site"],
     "disk-full-after:3", 1, ["the disk is full", "No space left on device", "{tmp}/build/docs/",
                              "Free some space"]),
    (["build", "--config", "{tmp}/mkdocs.yml", "--site-dir", "{tmp}/site"],
     "refuse-staging:EACCES", 1, ["you do not have permission", "Permission denied",
                                 "{tmp}/build/.docs.staging-"]),
    (["build", "--config", "{tmp}/mkdocs.yml", "--site-dir", "{tmp}/site"],
     "refuse-staging:EROFS", 1, ["cannot be written to", "Read-only file system"]),
    (["build", "--config", "{tmp}/mkdocs.yml"], "bug", 3,
     ["internal error (ZeroDivisionError: division by zero)", "perfsite-internal-error-",
      "Report it"]),
    (["serve", "--config", "{tmp}/mkdocs.yml", "--port", "{busy}"], "none", 1,
     ["127.0.0.1:{busy}: another program is already using this port", "--port"]),
    (["serve", "--config", "{tmp}/mkdocs.yml"], "bug", 3, ["internal error"]),
    (["publish", "--config", "{tmp}/mkdocs.yml", "--remote", "{tmp}/no-such.git"], "none", 1,
     ["git ls-remote failed: fatal: '{tmp}/no-such.git' does not appear to be a git "
      "repository"]),
    (["import-ees", "{tmp}/nowhere.csv", *IMPORT, "--out", "{tmp}/package"], "none", 1,
     ["nowhere.csv", "Nothing was written."]),
    (["import-ees", str(EES), *IMPORT, "--out", "{tmp}/afile/package"], "none", 1,
     ["{tmp}/afile/package: part of this path is a file, where a folder is needed",
      "Nothing was written."]),
    (["import-ees", str(EES), *IMPORT, "--out", "{tmp}/package"], "disk-full-after:0", 1,
     ["the disk is full", "Nothing was written."]),
    (["import-lait", "{tmp}/half.parquet", *IMPORT, "--out", "{tmp}/package"], "none", 1,
     ["half.parquet"]),
]


@pytest.fixture
def busy_port() -> Iterator[int]:
    """A port on 127.0.0.1 that another program is listening on."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        yield listener.getsockname()[1]


@pytest.mark.parametrize("line, fault, status, words", CASES,
                         ids=[f"{c[0][0]}-{c[1]}-{i}" for i, c in enumerate(CASES)])
def test_a_failing_command_reports_a_problem_not_a_traceback(
    place: Path, busy_port: int, line: list[str], fault: str, status: int, words: list[str]
) -> None:
    def fill(text: str) -> str:
        return text.replace("{tmp}", str(place)).replace("{busy}", str(busy_port))

    result = run(*map(fill, line), fault=fault, temp=place / "temp")
    assert_reported(result, status, *map(fill, words))


def test_an_internal_error_keeps_its_traceback_in_the_file_it_names(place: Path) -> None:
    result = run("check", "--config", str(place / "mkdocs.yml"), fault="bug",
                 temp=place / "temp")
    assert_reported(result, 3, "internal error")
    [written] = (place / "temp").glob("perfsite-internal-error-*.txt")
    assert f"{written}: internal error (ZeroDivisionError" in result.stderr
    details = written.read_text(encoding="utf-8")
    assert "Traceback" in details and "ZeroDivisionError" in details

    # Developers may ask for the traceback on the screen too.
    shown = run("check", "--config", str(place / "mkdocs.yml"), fault="bug",
                temp=place / "temp", traceback=True)
    assert shown.returncode == 3
    assert "Traceback" in shown.stderr and "internal error (ZeroDivisionError" in shown.stderr


def test_a_disk_full_build_leaves_the_published_site_and_no_staging(place: Path) -> None:
    config = str(place / "mkdocs.yml")
    built = run("build", "--config", config, "--site-dir", str(place / "site"))
    assert built.returncode == 0, built.stderr
    before = {p: p.read_bytes() for p in sorted((place / "site").rglob("*")) if p.is_file()}
    (place / "minimal" / "observations.csv").write_text(
        (place / "minimal" / "observations.csv").read_text(encoding="utf-8").replace(
            "21.0,42,200", "21.5,43,200"), encoding="utf-8")
    for fault in ("disk-full-after:0", "disk-full-after:15"):
        result = run("build", "--config", config, "--site-dir", str(place / "site"), fault=fault)
        assert_reported(result, 1, "the disk is full")
        after = {p: p.read_bytes() for p in sorted((place / "site").rglob("*")) if p.is_file()}
        assert after == before
        left = [p.name for folder in (place, place / "build") for p in folder.iterdir()
                if ".staging-" in p.name or ".old-" in p.name]
        assert not left, left


def test_publish_reports_git_refusals_in_one_line(place: Path) -> None:
    config = str(place / "mkdocs.yml")
    remote = place / "site.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(remote)], check=True)
    first = run("publish", "--config", config, "--remote", str(remote))
    assert first.returncode == 0, first.stdout + first.stderr

    # The same data again: nothing changed, a clean exit (a GitEmptyCommit traceback before).
    again = run("publish", "--config", config, "--remote", str(remote))
    assert again.returncode == 0 and again.stderr == ""
    assert again.stdout.startswith("Nothing changed: ") and again.stdout.count("\n") == 1

    # Changed figures for the release already published: refused, nothing pushed.
    observations = place / "minimal" / "observations.csv"
    observations.write_text(observations.read_text(encoding="utf-8").replace(
        "21.0,42,200", "21.5,43,200"), encoding="utf-8")
    changed = run("publish", "--config", config, "--remote", str(remote))
    assert_reported(changed, 1, "is already published in gh-pages, and publishing it again "
                    "would change its pages; nothing was pushed")

    # A remote that refuses every push: git's whole reason, nothing pushed.
    hook = remote / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'pushes are closed today' >&2\nexit 1\n", encoding="utf-8")
    hook.chmod(0o755)
    subprocess.run(["git", "-C", str(remote), "update-ref", "-d", "refs/heads/gh-pages"],
                   check=True)  # an empty remote, so the release is new to it
    refused = run("publish", "--config", config, "--remote", str(remote))
    assert_reported(refused, 1, "git refused the push, so nothing was published: remote: pushes "
                    "are closed today", "! [remote rejected]", "pre-receive hook declined")
    assert subprocess.run(["git", "-C", str(remote), "rev-parse", "--verify", "--quiet",
                           "gh-pages"], capture_output=True, text=True).stdout == ""


def test_every_command_reports_its_failures_through_one_boundary() -> None:
    from generator.commands.cli import main
    from generator.commands.failures import Reporting

    assert sorted(main.commands) == ["build", "check", "import-dfe", "import-ees", "import-lait",
                                     "new", "publish", "schema", "serve", "withdraw"]
    unreported = [name for name, command in main.commands.items()
                  if not isinstance(command, Reporting)]
    assert unreported == []


@pytest.mark.parametrize("error, code, said", [
    (OSError(errno.ENOSPC, "No space left on device"), "disk-full", "the disk is full"),
    (OSError(errno.EDQUOT, "Disk quota exceeded", "/f"), "disk-full", "the disk is full"),
    (PermissionError(errno.EACCES, "Permission denied", "/f"), "no-permission", "permission"),
    (PermissionError(errno.EPERM, "Operation not permitted", "/f"), "no-permission",
     "permission"),
    (OSError(errno.EROFS, "Read-only file system", "/f"), "read-only-disk", "cannot be written"),
    (NotADirectoryError(errno.ENOTDIR, "Not a directory", "/f"), "file-in-the-way",
     "part of this path is a file"),
    (FileExistsError(errno.EEXIST, "File exists", "/f"), "file-in-the-way", "a file where"),
    (IsADirectoryError(errno.EISDIR, "Is a directory", "/f"), "file-in-the-way",
     "this is a folder, where a file is needed"),
    (FileNotFoundError(errno.ENOENT, "No such file or directory", "/f"), "path-missing",
     "does not exist"),
    (OSError(errno.EIO, "Input/output error", "/f"), "system-error", "could not read or write"),
    (ConnectionResetError(errno.ECONNRESET, "Connection reset by peer"), "system-error",
     "Connection reset by peer"),
    (shutil.Error([("/a", "/b", "[Errno 28] No space left on device: '/b'")]), "disk-full",
     "No space left on device"),
])
def test_an_os_failure_becomes_a_problem_with_the_reason_in_words(error: OSError, code: str,
                                                                  said: str) -> None:
    problem = system_problem(error)
    assert problem.rule == code and said in problem.message
    assert problem.fix == CODES[code].fix
    assert problem.file == (error.filename or ("/b" if isinstance(error, shutil.Error)
                                               else "(no file named)"))
