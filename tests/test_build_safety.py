"""Atomic and reproducible builds.

A failed check or build leaves the previously built site and the previously generated pages
exactly as they were (every byte, no staging folders left behind); the same data built twice
gives byte-identical output, dated from the release, never from the clock.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
import yaml

from generator import build
from generator.output.write import HOST, remove_stale, write_changed_files, write_files
from generator.pages.context import long_date
from generator.problems import DataError
from tests.fixture_sites import PACKAGES, ROOT, build_fixture, snapshot
from tests.test_command_failures import config_for

MINIMAL = PACKAGES / "minimal"
RELEASE_DATE = date(2024, 8, 15)  # the published release in the minimal fixture


@pytest.fixture
def package(tmp_path: Path) -> Path:
    """A copy of the minimal package that a test may break."""
    copy = tmp_path / "package"
    shutil.copytree(MINIMAL, copy)
    return copy


@pytest.fixture
def built(package: Path, tmp_path: Path) -> tuple[Path, dict[str, bytes], dict[str, bytes]]:
    """Build the package once; return the output folder and snapshots of site and pages (the
    generated configuration beside the pages is one of them, as ``../mkdocs.yml``)."""
    out = tmp_path / "out"
    build_fixture(package, out)
    site, docs = snapshot(out / "site"), _pages(out)
    assert "index.html" in site and "index.md" in docs and "../mkdocs.yml" in docs
    return out, site, docs


def _pages(out: Path) -> dict[str, bytes]:
    return {**snapshot(out / "docs"), "../mkdocs.yml": (out / "mkdocs.yml").read_bytes()}


def _assert_untouched(out: Path, site: dict[str, bytes], docs: dict[str, bytes]) -> None:
    assert snapshot(out / "site") == site
    assert _pages(out) == docs
    assert sorted(p.name for p in out.iterdir()) == ["docs", "mkdocs.yml", "site"], \
        "staging left behind"


def _break(package: Path) -> None:
    path = package / "observations.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("21.0", "twenty-one"),
                    encoding="utf-8")


def test_bad_data_leaves_the_previous_site_and_pages_untouched(package: Path, built) -> None:
    out, site, docs = built
    _break(package)
    with pytest.raises(DataError) as error:
        build_fixture(package, out)
    assert any(p.file.endswith("observations.csv") for p in error.value.problems)
    _assert_untouched(out, site, docs)


def test_bad_data_with_pages_only_leaves_the_pages_untouched(package: Path, built) -> None:
    out, site, docs = built
    _break(package)
    with pytest.raises(DataError):
        build_fixture(package, out, pages_only=True)
    _assert_untouched(out, site, docs)


@pytest.mark.parametrize("failure", [DataError([]), RuntimeError("MkDocs crashed"),
                                     KeyboardInterrupt()])
def test_a_failure_inside_mkdocs_leaves_everything_untouched(
    package: Path, built, monkeypatch: pytest.MonkeyPatch, failure: BaseException
) -> None:
    out, site, docs = built
    # Change the data, so a build that went through would change the pages.
    path = package / "observations.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("21.0,42,200", "21.5,43,200"),
                    encoding="utf-8")

    def half_built(builder, config_file, *args, **kwargs):
        (_site_dir(config_file) / "index.html").write_text("half a site", encoding="utf-8")
        raise failure

    monkeypatch.setattr(build, "run_builder", half_built)
    with pytest.raises(type(failure)):
        build_fixture(package, out)
    _assert_untouched(out, site, docs)


def _site_dir(config_file: Path) -> Path:
    """Return the folder the generated configuration tells the builder to write to."""
    return Path(yaml.safe_load(config_file.read_text(encoding="utf-8"))["site_dir"])


def test_a_good_build_replaces_the_whole_previous_output(package: Path, built) -> None:
    out, site, docs = built
    (out / "site" / "stale.html").write_text("from an old build", encoding="utf-8")
    (out / "docs" / "stale.md").write_text("from an old build", encoding="utf-8")
    (out / "mkdocs.yml").write_text("site_name: from an old build", encoding="utf-8")
    build_fixture(package, out)
    _assert_untouched(out, site, docs)  # exactly the new build: stale files gone


def test_building_twice_gives_identical_bytes(package: Path, built, tmp_path: Path) -> None:
    out, site, docs = built
    again = tmp_path / "again"
    build_fixture(package, again)
    assert sorted(snapshot(again / "site")) == sorted(site)
    different = [name for name, data in snapshot(again / "site").items() if site[name] != data]
    assert not different, f"files differ between two builds: {different}"
    assert snapshot(again / "docs") == snapshot(out / "docs")


def test_dates_come_from_the_release_not_the_clock(built) -> None:
    _out, site, _docs = built
    sitemap = site["sitemap.xml"].decode("utf-8")
    assert f"<lastmod>{RELEASE_DATE.isoformat()}</lastmod>" in sitemap
    today = date.today()
    if today != RELEASE_DATE:
        for name, data in site.items():
            text = data.decode("utf-8", errors="replace")
            assert today.isoformat() not in text, name
            assert long_date(today) not in text, name


@pytest.mark.parametrize("path", [
    "../outside.html", "a/../../outside.html", "/tmp/outside.html", "downloads/..\\..\\x.zip",
    "", "indicators/../../../outside/index.html",
])
@pytest.mark.parametrize("writer", [write_files, write_changed_files])
def test_the_writer_refuses_a_path_that_leaves_its_folder(tmp_path: Path, path: str,
                                                          writer: Callable[..., object]) -> None:
    folder = tmp_path / "stage" / "docs"
    folder.mkdir(parents=True)
    with pytest.raises(DataError) as raised:
        writer(folder, {"index.md": "fine", path: "not written"})
    assert [p.rule for p in raised.value.problems] == ["path-outside"]
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*"))
    assert written == ["stage", "stage/docs"], "nothing at all is written when one path is refused"


@pytest.mark.parametrize("writer", [write_files, write_changed_files])
def test_the_writer_keeps_ordinary_nested_paths(tmp_path: Path,
                                                writer: Callable[..., object]) -> None:
    writer(tmp_path, {"front-door/re-referrals/index.md": "a", "downloads/minimal.zip": b"z"})
    assert (tmp_path / "front-door" / "re-referrals" / "index.md").read_text() == "a"
    assert (tmp_path / "downloads" / "minimal.zip").read_bytes() == b"z"


@pytest.mark.parametrize("number, code", [(errno.ENOSPC, "disk-full"),
                                          (errno.EACCES, "no-permission"),
                                          (errno.EROFS, "read-only-disk")])
def test_an_os_failure_inside_mkdocs_is_one_problem_and_changes_nothing(
    package: Path, built, monkeypatch: pytest.MonkeyPatch, number: int, code: str
) -> None:
    out, site, docs = built

    def refused(builder, config_file, *args, **kwargs):
        site_dir = _site_dir(config_file)
        (site_dir / "index.html").write_text("half a site", encoding="utf-8")
        raise OSError(number, os.strerror(number), str(site_dir / "search" / "index.json"))

    monkeypatch.setattr(build, "run_builder", refused)
    with pytest.raises(DataError) as raised:
        build_fixture(package, out)
    [problem] = raised.value.problems
    # The published path, not the staging folder's, which is gone.
    assert (problem.rule, problem.file) == (code, str(out / "site" / "search" / "index.json"))
    assert os.strerror(number) in problem.message
    _assert_untouched(out, site, docs)


def _dead_pid() -> int:
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                              capture_output=True, text=True, check=True)
    return int(finished.stdout)


def test_stale_staging_of_a_finished_build_is_removed_and_a_running_ones_kept(
    tmp_path: Path,
) -> None:
    target = tmp_path / "site"
    target.mkdir()
    dead, alive = _dead_pid(), os.getpid()
    names = {
        f".site.staging-{HOST}-{dead}-abc123": False,  # a killed build's: removed
        f".site.old-{HOST}-{dead}-abc124": False,
        f".site.staging-{HOST}-{alive}-abc125": True,  # a build still running: kept
        f".site.staging-otherhost-{dead}-abc126": True,  # another machine's: kept
        f".docs.staging-{HOST}-{dead}-abc127": True,  # another folder's: kept
        ".site.staging-abc128": True,  # not named by this version: kept
    }
    for name in names:
        (tmp_path / name).mkdir()
        (tmp_path / name / "index.html").write_text("x", encoding="utf-8")
    removed = remove_stale(target)
    assert sorted(removed) == sorted(name for name, kept in names.items() if not kept)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["site", *(name for name, kept in names.items() if kept)])


def test_a_swap_killed_between_its_renames_gets_the_old_output_back(tmp_path: Path) -> None:
    old = tmp_path / f".site.old-{HOST}-{_dead_pid()}-abc123"
    old.mkdir()
    (old / "index.html").write_text("the last good site", encoding="utf-8")
    remove_stale(tmp_path / "site")
    assert (tmp_path / "site" / "index.html").read_text(encoding="utf-8") == "the last good site"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_killed_build_leaves_staging_that_the_next_build_removes(tmp_path: Path) -> None:
    shutil.copytree(MINIMAL, tmp_path / "minimal")
    config = config_for(tmp_path / "minimal", tmp_path / "mkdocs.yml")
    command = [sys.executable, "-m", "generator", "build", "--config", str(config),
               "--site-dir", str(tmp_path / "site")]
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    assert subprocess.run(command, env=environment, capture_output=True).returncode == 0
    published = snapshot(tmp_path / "site")

    def staging_folders() -> list[str]:
        return sorted(p.name for folder in (tmp_path, tmp_path / "build")
                      for p in folder.iterdir() if ".staging-" in p.name)

    build_process = subprocess.Popen(command, env=environment, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not any(name.startswith(".site.staging-") for name in staging_folders()):
        assert build_process.poll() is None and time.monotonic() < deadline, "never staged"
        time.sleep(0.005)
    build_process.send_signal(signal.SIGKILL)  # mid-way: MkDocs is writing the site
    build_process.wait()
    assert staging_folders(), "the killed build left nothing to clean up"
    assert snapshot(tmp_path / "site") == published  # the published site is untouched

    again = subprocess.run(command, env=environment, capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert staging_folders() == []
    assert snapshot(tmp_path / "site") == published
