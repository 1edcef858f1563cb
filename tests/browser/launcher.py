"""Start Debian's Chromium under Playwright, and build the example site to test.

Shared by the browser tests and ``scripts/screenshot``. Playwright's own browser download is never
used: this machine (and CI) cannot fetch it, and Debian's ``chromium`` package is what the
set-up script installs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from playwright.sync_api import Browser, Playwright

REPO = Path(__file__).resolve().parents[2]
TOOLS = REPO / "tools" / "node_modules"
AXE_JS = TOOLS / "axe-core" / "axe.min.js"
VNU_JAR = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
SETUP_SCRIPT = REPO / "scripts" / "setup-browser-tools"
CHROMIUM = Path(os.environ.get("PERFSITE_CHROMIUM", "/usr/bin/chromium"))

# Needed to run as root on a machine with no outside network, and to keep Chromium from calling
# home (component updates, sync, field trials) — which the privacy test would otherwise see.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def tools_missing() -> list[str]:
    """Return what the browser suite needs and cannot find (empty when all is installed)."""
    missing = [str(p) for p in (CHROMIUM, AXE_JS, VNU_JAR) if not p.exists()]
    if shutil.which("java") is None:
        missing.append("java")
    return missing


def ensure_tools() -> None:
    """Install Chromium, axe-core and vnu-jar with ``scripts/setup-browser-tools`` if missing."""
    if not tools_missing():
        return
    subprocess.run(["bash", str(SETUP_SCRIPT)], check=True, cwd=REPO)
    still = tools_missing()
    if still:
        raise RuntimeError(f"scripts/setup-browser-tools ran but these are missing: {still}")


def launch(playwright: Playwright) -> Browser:
    """Launch headless Debian Chromium with the flags this workplace needs."""
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
    )


def generator_has_build() -> bool:
    """Tell whether ``python -m generator build`` exists yet (it is being written alongside)."""
    cli = REPO / "generator" / "cli.py"
    main = REPO / "generator" / "__main__.py"
    return cli.is_file() and main.is_file() and "build" in cli.read_text(encoding="utf-8")


def build_site(site_dir: Path) -> None:
    """Build the example site fresh into ``site_dir`` (raises with the build's output on failure)."""
    if generator_has_build():
        cmd = [sys.executable, "-m", "generator", "build", "--site-dir", str(site_dir)]
    else:  # until the generator has a build command: the placeholder site
        mkdocs = [sys.executable, "-m", "mkdocs", "build", "-f", str(REPO / "mkdocs.yml")]
        cmd = [*mkdocs, "-d", str(site_dir)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(
            f"building the example site failed: {' '.join(cmd)}\n{result.stdout}\n{result.stderr}"
        )
