"""Publish two releases of the example data into a local bare repository, as a council would.

Release 1 is Quarter 1 2025/26 (Quarter 2 still planned, September's referrals not yet in).
Release 2 is Quarter 2 2025/26 with one planted revision (contacts in June 2025: 1,140 → 1,150),
one indicator retired (iha-20-days) and one moved to another service area (re-referrals, from
the front door to child protection). ``tests/test_publish.py`` reads the result back and
``tests/browser/test_deployed.py`` runs the browser quality gates on it, served the way GitHub
Pages serves a project site.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from click.testing import CliRunner

from generator.commands.cli import main
from generator.commands.publish import publish
from generator.settings import load_settings

REPO = Path(__file__).resolve().parents[1]
BASE = "/northbridge-performance/"  # the path of site_url, as GitHub Pages serves it
FIRST, SECOND = "2025-26-q1", "2025-26-q2"
REVISED = ("contacts", "2025-06", "1140", "1150")
RETIRED = ("health-of-children-in-care", "iha-20-days")
MOVED = ("re-referrals", "front-door", "child-protection")  # id, area before, area after


def _rewrite(path: Path, change: Callable[[dict[str, str]], dict[str, str] | None]) -> None:
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    kept = [row for row in (change(dict(r)) for r in rows) if row is not None]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(kept)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def _second_release(childrens: Path) -> None:
    ind, period, _old, new = REVISED
    _rewrite(childrens / "observations.csv", lambda r: {
        **r, "value": new, "flags": "revised"} if (r["indicator_id"], r["period"]) == (
            ind, period) else r)

    def retire_and_move(row: dict[str, str]) -> dict[str, str]:
        if row["id"] == RETIRED[1]:
            return {**row, "status": "retired"}
        if row["id"] == MOVED[0]:
            return {**row, "service_area": MOVED[2]}
        return row

    _rewrite(childrens / "indicators.csv", retire_and_move)


def release_data(folder: Path, second: bool) -> tuple[Path, ...]:
    """Copy the example packages into ``folder`` as they stood at release 1 or release 2."""
    shutil.copytree(REPO / "datapackages", folder)
    childrens = folder / "northbridge-childrens"
    if not second:
        for releases in folder.glob("*/releases.csv"):
            _rewrite(releases, lambda r: {**r, "status": "planned"} if r["id"] == SECOND else r)
        not_yet = ("referrals", "2025-09")
        for name in ("observations.csv", "commentary.csv"):
            _rewrite(childrens / name,
                     lambda r: None if (r["indicator_id"], r["period"]) == not_yet else r)
    else:
        _second_release(childrens)
    return tuple(sorted(p for p in folder.iterdir() if p.is_dir()))


def config_for(packages: tuple[Path, ...], target: Path) -> Path:
    """Write a copy of mkdocs.yml that reads the given packages (for the CLI)."""
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("docs_dir: site_src", f"docs_dir: {REPO / 'site_src'}")
    text = text.replace("custom_dir: site_src/overrides",
                        f"custom_dir: {REPO / 'site_src' / 'overrides'}")
    for package in packages:
        text = text.replace(f"- datapackages/{package.name}", f"- {package}")
    target.write_text(text, encoding="utf-8")
    return target


def publish_two_releases(tmp: Path) -> Path:
    """Publish release 1 (through the API) and release 2 (through the command line) into a
    bare repository in ``tmp``; return a checkout of its gh-pages branch."""
    remote = tmp / "site.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(remote)], check=True)
    first = release_data(tmp / "release-1", second=False)
    result = publish(replace(load_settings(REPO / "mkdocs.yml"), packages=first), str(remote))
    assert (result.release.id, result.previous, result.latest) == (FIRST, None, True)

    second = release_data(tmp / "release-2", second=True)
    config = config_for(second, tmp / "mkdocs.yml")
    run = CliRunner().invoke(main, ["publish", "--config", str(config), "--remote", str(remote)])
    assert run.exit_code == 0, run.output
    assert f"Published {SECOND}" in run.output and f"compared with {FIRST}" in run.output

    checkout = tmp / "gh-pages"
    subprocess.run(["git", "clone", "--quiet", "--branch", "gh-pages", str(remote),
                    str(checkout)], check=True)
    return checkout
