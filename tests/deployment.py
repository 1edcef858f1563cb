"""Publish three releases of the example data into a local bare repository, as a council would.

Release 1 is Quarter 1 2025/26 (Quarter 2 still planned, September's referrals not yet in).
Release 2 is Quarter 2 2025/26 with one planted revision (contacts in June 2025: 1,140 → 1,150),
one indicator retired (iha-20-days) and one moved to another service area (re-referrals, from
the front door to child protection). Release 3 is Quarter 3 2025/26 with October's contacts,
and every indicator of one service area moved to another (missing children, into child
protection), so that service area is gone. ``tests/test_publish.py`` reads the result back and
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
FIRST, SECOND, THIRD = "2025-26-q1", "2025-26-q2", "2025-26-q3"
REVISED = ("contacts", "2025-06", "1140", "1150")
RETIRED = ("health-of-children-in-care", "iha-20-days")
MOVED = ("re-referrals", "front-door", "child-protection")  # id, area before, area after
#: Release 3: the service area whose every indicator moves, where they go, and the indicators.
GONE = ("missing-children", "child-protection", ("missing-children", "return-home-interviews"))


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


def _third_release(folder: Path) -> None:
    childrens = folder / "northbridge-childrens"
    _second_release(childrens)
    for releases in folder.glob("*/releases.csv"):
        _rewrite(releases, lambda r: {**r, "status": "published"} if r["id"] == THIRD else r)
    area, into, ids = GONE
    _rewrite(childrens / "indicators.csv",
             lambda r: {**r, "service_area": into} if r["id"] in ids else r)
    _rewrite(childrens / "service_areas.csv", lambda r: None if r["id"] == area else r)
    observations = childrens / "observations.csv"
    observations.write_text(observations.read_text(encoding="utf-8")
                            + "contacts,2025-10,1254,,,,,\n", encoding="utf-8")


def release_data(folder: Path, second: bool = False, third: bool = False) -> tuple[Path, ...]:
    """Copy the example packages into ``folder`` as they stood at release 1, 2 or 3."""
    shutil.copytree(REPO / "datapackages", folder)
    childrens = folder / "northbridge-childrens"
    if third:
        _third_release(folder)
    elif not second:
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


def publish_releases(tmp: Path) -> Path:
    """Publish release 1 (through the API), releases 2 and 3 (through the command line) into a
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

    third = release_data(tmp / "release-3", third=True)
    run = CliRunner().invoke(main, ["publish", "--config", str(config_for(third, tmp / "3.yml")),
                                    "--remote", str(remote)])
    assert run.exit_code == 0, run.output
    assert f"Published {THIRD}" in run.output and f"compared with {SECOND}" in run.output

    checkout = tmp / "gh-pages"
    subprocess.run(["git", "clone", "--quiet", "--branch", "gh-pages", str(remote),
                    str(checkout)], check=True)
    return checkout
