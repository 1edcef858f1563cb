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
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the unit tests read the tool paths here without Playwright installed
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
# Send every request for a host other than loopback to a closed port, so no page can reach
# another host (a CDN, fonts, analytics). The browser still reports each such request, and the
# privacy test names it. Cheaper than Playwright request routing, which also disables the cache.
OFFLINE_ARGS = ["--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=127.0.0.1;localhost"]


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


def launch(playwright: Playwright, offline: bool = True) -> Browser:
    """Launch headless Debian Chromium with the flags this workplace needs; ``offline`` stops
    every request to a host other than loopback."""
    args = CHROMIUM_ARGS + (OFFLINE_ARGS if offline else [])
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=args, headless=True)


def build_site(site_dir: Path, builder: str = "mkdocs") -> None:
    """Build the example site fresh into ``site_dir`` with ``builder`` (mkdocs or properdocs);
    raise with the build's output if it fails."""
    cmd = [sys.executable, "-m", "generator", "build", "--site-dir", str(site_dir),
           "--builder", builder]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(
            f"building the example site failed: {' '.join(cmd)}\n{result.stdout}\n{result.stderr}"
        )
