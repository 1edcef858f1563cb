"""Share independent work between the machine's cores (CI's runners have two).

A build's indicator pages do not depend on one another, so ``started`` gives each of a few
forked processes a contiguous slice of them and puts the results back in order: the output is
the same as working through them one by one. Forking means the children start with everything
the build has already read and worked out; only their results travel back.

It works serially when that is safer or no quicker: a single core, too few items to repay a
fork, a system other than Linux (where CI and most servers run), or other threads running
(forking a threaded process such as the preview server can deadlock the child).
``PERFSITE_WORKERS`` sets the number of processes (1 switches it off).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import Any, TypeVar

from generator.problems import CODES, DataError, Problem

Item = TypeVar("Item")
Result = TypeVar("Result")

log = logging.getLogger(__name__)

WORKERS_VARIABLE = "PERFSITE_WORKERS"
#: Fewer items than this per process do not repay the fork and the results' trip back.
MIN_ITEMS_PER_WORKER = 20

# Set in each child by the pool's initializer (inherited through fork, never pickled).
_job: tuple[Callable[[Any], Any], Sequence[Any]] | None = None


def workers() -> int:
    """Return how many processes to share work between on this machine, now."""
    asked = os.environ.get(WORKERS_VARIABLE, "").strip()
    if asked:
        try:
            return max(1, int(asked))
        except ValueError:
            raise DataError([Problem(
                WORKERS_VARIABLE, None, "", f"the environment variable {WORKERS_VARIABLE} is "
                f"'{asked}', not a whole number", CODES["workers-setting"].fix, "workers-setting")]) from None
    if not sys.platform.startswith("linux") or threading.active_count() > 1:
        return 1  # macOS has fork but its system libraries are not safe to fork; Windows has none
    return min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
               else os.cpu_count() or 1, 4)


def _start(function: Callable[[Any], Any], items: Sequence[Any]) -> None:
    global _job
    _job = (function, items)


def _slice(bounds: tuple[int, int]) -> list[Any]:
    assert _job is not None, "the pool's initializer did not run"
    function, items = _job
    return [function(items[index]) for index in range(*bounds)]


@contextmanager
def started(function: Callable[[Item], Result], items: Sequence[Item],
            processes: int | None = None) -> Iterator[Callable[[], list[Result]]]:
    """Start ``[function(item) for item in items]`` and yield a function that returns it.

    The items are shared between forked processes; the caller can do other work until it asks
    for the results, and the machine's cores share it with the children. ``function`` may be a
    closure and ``items`` anything: children inherit both through fork. Results must be
    picklable; an exception in a child is raised when the results are asked for, with its
    traceback. When no processes are started, the items are worked through at that point.
    """
    count = workers() if processes is None else processes
    count = min(count, len(items) // MIN_ITEMS_PER_WORKER)
    if count < 2 or "fork" not in multiprocessing.get_all_start_methods():
        yield lambda: [function(item) for item in items]
        return
    step = -(-len(items) // count)
    bounds = [(start, min(start + step, len(items))) for start in range(0, len(items), step)]
    with ProcessPoolExecutor(len(bounds), mp_context=multiprocessing.get_context("fork"),
                             initializer=_start, initargs=(function, items)) as pool:
        parts = pool.map(_slice, bounds)

        def results() -> list[Result]:
            try:
                return [result for part in parts for result in part]
            except BrokenProcessPool:
                # A child was killed (out of memory, say): the work is still worth finishing.
                log.warning("A helper process stopped unexpectedly; finishing in one process.")
                return [function(item) for item in items]

        yield results
