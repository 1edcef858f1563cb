"""Sharing work between cores (``generator/parallel.py``) changes nothing but the time taken."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator import parallel
from generator.analysis.disclosure import protect
from generator.build import generate, site_context
from generator.commands.cli import main
from generator.input.check import load_site
from generator.parallel import WORKERS_VARIABLE, started, workers
from generator.settings import load_settings

ROOT = Path(__file__).resolve().parent.parent


def split_map(function: Callable[[Any], Any], items: list[Any], processes: int) -> list[Any]:
    with started(function, items, processes) as results:
        return results()


def test_split_map_keeps_order_and_runs_in_other_processes() -> None:
    lock = threading.Lock()  # closures over unpicklable things still work: children fork
    items = list(range(100))
    results = split_map(lambda item: (item * item, os.getpid(), lock.locked()), items, processes=2)
    assert [square for square, _, _ in results] == [item * item for item in items]
    # Forked processes did the work (one of them may take both slices if it is quicker).
    assert os.getpid() not in {pid for _, pid, _ in results}


def test_split_map_works_here_when_there_is_too_little_to_share() -> None:
    items = list(range(parallel.MIN_ITEMS_PER_WORKER * 2 - 1))
    results = split_map(lambda item: os.getpid(), items, processes=2)
    assert set(results) == {os.getpid()}


def _fail_on_fifty(item: int) -> int:
    if item == 50:
        raise ValueError("item fifty is broken")
    return item


def test_an_error_in_a_child_is_raised_here() -> None:
    with pytest.raises(ValueError, match="item fifty is broken"):
        split_map(_fail_on_fifty, list(range(100)), processes=2)


@pytest.mark.parametrize(("setting", "expected"), [("1", 1), ("3", 3), (" 2 ", 2), ("0", 1)])
def test_the_variable_sets_the_processes(setting: str, expected: int,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(WORKERS_VARIABLE, setting)
    assert workers() == expected


def test_a_bad_variable_is_reported_without_a_traceback(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", "--pages-only", "--site-dir", str(tmp_path)],
                                env={WORKERS_VARIABLE: "two"})
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert f"{WORKERS_VARIABLE} is 'two', not a whole number" in result.output


@pytest.mark.parametrize(("platform", "threads", "cores", "expected"), [
    ("linux", 1, 2, 2),  # CI's runners
    ("linux", 1, 16, 4),  # at most four processes
    ("linux", 1, 1, 1),
    ("linux", 3, 2, 1),  # other threads running (the preview server)
    ("darwin", 1, 2, 1),
    ("win32", 1, 2, 1),
])
def test_processes_by_machine(platform: str, threads: int, cores: int, expected: int,
                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(WORKERS_VARIABLE, raising=False)
    monkeypatch.setattr(parallel.sys, "platform", platform)
    monkeypatch.setattr(parallel.threading, "active_count", lambda: threads)
    monkeypatch.setattr(parallel.os, "sched_getaffinity", lambda pid: set(range(cores)),
                        raising=False)
    assert workers() == expected


def test_no_fork_while_other_threads_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(WORKERS_VARIABLE, raising=False)
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert workers() == 1
    finally:
        stop.set()
        thread.join()


def test_generated_files_are_the_same_shared_or_not(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = load_settings(ROOT / "mkdocs.yml")
    site = protect(load_site(settings.packages), settings.suppression_threshold)
    context = site_context(settings, None, None)
    monkeypatch.setenv(WORKERS_VARIABLE, "1")
    alone = generate(site, context)

    pools: list[int] = []

    class CountedPool(parallel.ProcessPoolExecutor):
        def __init__(self, max_workers: int, **options: object) -> None:
            pools.append(max_workers)
            super().__init__(max_workers, **options)  # type: ignore[arg-type]

    monkeypatch.setenv(WORKERS_VARIABLE, "2")
    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 1)  # the example has 36 indicators
    monkeypatch.setattr(parallel, "ProcessPoolExecutor", CountedPool)
    shared = generate(site, context)
    assert pools == [2], "the indicator pages were not shared between two processes"
    assert list(shared) == list(alone)
    assert shared == alone


def test_a_killed_child_does_not_lose_the_work(caplog: pytest.LogCaptureFixture) -> None:
    parent = os.getpid()

    def square_unless_a_child(item: int) -> int:
        if os.getpid() != parent and item == 70:
            os._exit(1)  # as if the child were killed
        return item * item

    items = list(range(100))
    assert split_map(square_unless_a_child, items, processes=2) == [item * item for item in items]
    assert "stopped unexpectedly" in caplog.text
