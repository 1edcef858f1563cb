"""Install Zensical beside the project and build the example site with it (tests/browser).

Zensical (the Material team's successor to MkDocs, pre-1.0) is never installed into the
project's virtual environment: it pins its own versions of Markdown and Jinja. It gets a virtual
environment of its own in ``tools/zensical/`` (ignored by git), made on first use.

The example is staged as the generator stages it for MkDocs (the docs folder and the navigation
it works out), with a config file written beside it; the built pages then get the generator's
after-build HTML fixes. When the generator writes its own complete config (issue 20, part B),
``stage`` becomes a call to that and the rest stays.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tools.browser.launcher import REPO

#: The newest Zensical that installs from the package index: 0.1.x needs ``zensical-ui``, which
#: the index does not serve (docs/builders.md).
VERSION = "0.0.73"
VENV = REPO / "tools" / "zensical"
EXECUTABLE = VENV / "bin" / "zensical"
LOCK = REPO / "tools" / "zensical.lock"


def install() -> str:
    """Install Zensical ``VERSION`` into ``tools/zensical/`` if it is not there.

    Return '' when it is ready, or why it could not be installed (the test is skipped with it).
    """
    VENV.parent.mkdir(parents=True, exist_ok=True)
    # One installer at a time: pytest-xdist's workers all ask at once.
    with open(LOCK, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if EXECUTABLE.is_file() and _installed_version() == VERSION:
            return ""
        return _make_venv()


def _make_venv() -> str:
    steps = {"making its virtual environment": [sys.executable, "-m", "venv", "--clear", str(VENV)],
             f"pip install zensical=={VERSION}": [str(VENV / "bin" / "pip"), "install", "--quiet",
                                                  f"zensical=={VERSION}"]}
    for name, command in steps.items():
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            said = (result.stderr or result.stdout).strip().splitlines() or ["no output"]
            return f"{name} failed: {said[-1]}"
    return ""


def _installed_version() -> str:
    result = subprocess.run([str(VENV / "bin" / "python"), "-c",
                             "import importlib.metadata as m; print(m.version('zensical'))"],
                            capture_output=True, text=True)
    return result.stdout.strip()


def stage(work: Path) -> tuple[Path, int]:
    """Stage the example's docs in ``work/docs`` and write ``work/zensical.yml`` to build them.

    The configuration is the one the generator writes for any builder
    (``generator.output.config.site_config``), with the folders relative. Returns the config file
    and the release date (``SOURCE_DATE_EPOCH``).
    """
    from generator.build import NOT_PAGES, prepare
    from generator.output.config import config_text, site_config
    from generator.output.write import copy_tree, write_files
    from generator.settings import load_settings

    settings = load_settings(REPO / "mkdocs.yml")
    ready = prepare(settings)
    docs = work / "docs"
    shutil.rmtree(docs, ignore_errors=True)
    copy_tree(settings.docs_source, docs, ignore=NOT_PAGES)
    write_files(docs, ready.files)
    config = site_config(settings, docs, work / "site", ready.nav)
    # Zensical 0.0.73 panics on an absolute docs_dir or site_dir ("invariant:
    # Id(Format(Path(RootDir)))"): both are relative to the config file.
    config.update(docs_dir="docs", site_dir="site")
    path = work / "zensical.yml"
    path.write_text(config_text(config, ready.epoch), "utf-8")
    return path, ready.epoch


def build(work: Path) -> Path:
    """Build the example with Zensical in ``work``, finish it as every build is, return the site.

    Raises ``RuntimeError`` with Zensical's output if the build fails.
    """
    from generator.output.finish import finish

    config, epoch = stage(work)
    shutil.rmtree(work / "site", ignore_errors=True)
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch)}
    result = subprocess.run([str(EXECUTABLE), "build", "--clean", "-f", str(config)], cwd=work,
                            env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"zensical build failed:\n{result.stdout}\n{result.stderr}")
    site = work / "site"
    finish(site, work / "docs")
    return site
