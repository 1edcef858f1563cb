"""Run the chosen builder (MkDocs or ProperDocs) on the generated configuration, strictly.

The builder gets the configuration file and nothing else: no plugin object, no hook, no setting
passed in code (``output/config.py`` writes everything into the file), so what the generator
builds is what ``mkdocs build -f`` or ``properdocs build -f`` builds from the same file. The
generator's own work on the built pages comes after, in ``output/finish.py``.

The builder runs through its Python API in this process, which saves starting Python and
importing the builder and its theme again for every build and every preview rebuild
(docs/performance.md, "Any builder"). ProperDocs takes over the ``mkdocs`` modules when it is
loaded (``properdocs.replacement``), so the two cannot share a process: when the other one
is already loaded here (a test run that built with both, ``publish`` after mike loaded MkDocs),
the build runs in a fresh Python process instead, through ``python -m generator.output.builder``.
"""

from __future__ import annotations

import importlib
import json
import logging
import os
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from generator.problems import CODES, DataError, Problem


@contextmanager
def _source_date(epoch: int) -> Any:
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


class _DirtyNotice(logging.Filter):
    """Drop the builder's warning that a dirty build is under way: the preview knows, and in
    strict mode the warning alone would abort the build."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


#: How each builder is named in a problem.
NAMES = {"mkdocs": "MkDocs", "properdocs": "ProperDocs"}


class _Warnings(logging.Handler):
    """Keep the builder's warnings, to say in the problem why a strict build stopped."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage().strip())


class _Failed(Exception):
    """The builder refused the configuration or aborted in strict mode (its message)."""


def _problem(builder: str, config_file: Path, error: object) -> DataError:
    return DataError([Problem(config_file.name, None, "",
                              f"{NAMES[builder]} could not build the site: {error}",
                              CODES["mkdocs"].fix, "mkdocs")])


def loadable_here(builder: str) -> bool:
    """Tell whether ``builder`` can run in this process: the other one's modules are not loaded."""
    loaded = sys.modules.get("mkdocs")
    if loaded is None:
        return True
    runs_properdocs = loaded.__name__ == "properdocs"
    return runs_properdocs == (builder == "properdocs")


def build_here(builder: str, config_file: Path, epoch: int, dirty: bool = False) -> None:
    """Build with ``builder``'s API in this process (``loadable_here`` must be true).

    The builder's refusal is raised as ``_Failed`` with its warnings and message.
    """
    if builder == "properdocs":
        importlib.import_module("properdocs.replacement")  # the mkdocs modules become its own
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    logger = logging.getLogger(builder)
    logger.setLevel(logging.WARNING)
    notice, log = _DirtyNotice(), logging.getLogger(f"{builder}.commands.build")
    warnings = _Warnings()
    log.addFilter(notice)
    logger.addHandler(warnings)
    try:
        with _source_date(epoch):
            build(load_config(str(config_file)), dirty=dirty)
    except (Abort, ConfigurationError) as error:
        raise _Failed(" ".join([*warnings.messages, str(error)])) from None
    finally:
        log.removeFilter(notice)
        logger.removeHandler(warnings)


def build_in_child(builder: str, config_file: Path, epoch: int, dirty: bool = False) -> None:
    """Build in a fresh Python process; its failure is raised here as the same problem."""
    root = str(Path(__file__).resolve().parents[2])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        filter(None, [root, os.environ.get("PYTHONPATH")]))}
    command = [sys.executable, "-m", "generator.output.builder", builder, str(config_file),
               str(epoch), *(["--dirty"] if dirty else [])]
    finished = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if finished.returncode != 0:
        raise _problem(builder, config_file, (finished.stdout + finished.stderr).strip()
                       or f"the {builder} process stopped with status {finished.returncode}")


def run_builder(builder: str, config_file: Path, epoch: int, dirty: bool = False) -> None:
    """Build the site ``config_file`` describes with ``builder``, in strict mode.

    Warnings fail the build as a ``DataError``. ``epoch`` is the release's date
    (``SOURCE_DATE_EPOCH``), so two builds of the same data are byte-identical. ``dirty``
    rebuilds only pages whose sources are newer than their output (the preview).
    """
    if loadable_here(builder):
        try:
            build_here(builder, config_file, epoch, dirty)
        except _Failed as error:
            raise _problem(builder, config_file, error) from None
    else:
        build_in_child(builder, config_file, epoch, dirty)


def merge_search_index(before: str, after: str) -> str:
    """Return the full search index after a dirty build, which indexes only the pages it built.

    Entries of rebuilt pages come from the new index; every other page keeps its entries.
    """
    old, new = json.loads(before), json.loads(after)
    rebuilt = {doc["location"].split("#")[0] for doc in new["docs"]}
    kept = [doc for doc in old["docs"] if doc["location"].split("#")[0] not in rebuilt]
    new["docs"] = kept + new["docs"]
    return json.dumps(new, ensure_ascii=False, separators=(",", ":"))


def main(arguments: list[str]) -> int:
    """Build as ``build_here`` does: ``BUILDER CONFIG EPOCH [--dirty]`` (``build_in_child``)."""
    builder, config_file, epoch = arguments[0], Path(arguments[1]), int(arguments[2])
    try:
        build_here(builder, config_file, epoch, dirty="--dirty" in arguments[3:])
    except _Failed as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
