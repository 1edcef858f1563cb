"""Build hostile copies of the example site once per test run, shared by the xdist workers."""

from __future__ import annotations

import dataclasses
import fcntl
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.build import build_site
from generator.settings import load_settings
from tests.fixture_sites import ROOT
from tests.hostile.plant import copy_example


def shared_site(tmp_path_factory: pytest.TempPathFactory, name: str,
                plant: Callable[[list[Path]], object]) -> Path:
    """Copy the example packages, ``plant`` into them, build the site; return its folder.

    The first xdist worker to take the lock builds; the others reuse its site. A build that
    fails raises in every worker that asks (nothing is left half-built: the site folder only
    appears when the build succeeded).
    """
    base = tmp_path_factory.getbasetemp()
    shared = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "hostile"
    shared.mkdir(exist_ok=True)
    root = shared / name
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (root / "site" / "index.html").is_file():
            shutil.rmtree(root, ignore_errors=True)
            folders = copy_example(root / "packages")
            plant(folders)
            os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
            settings = dataclasses.replace(load_settings(ROOT / "mkdocs.yml"),
                                           packages=tuple(folders))
            build_site(settings, site_dir=root / "site", docs_dir=root / "docs")
    return root / "site"
