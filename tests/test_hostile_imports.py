"""The importers refuse what is not an ordinary file, and a zip-bomb workbook, without hanging.

Each case turns one input of ``import-ees`` or ``import-lait`` into a named pipe, a folder, a link
to a device or a workbook that unpacks to 50 MB, and runs the command in its own process with a
timeout, so a hang fails the test instead of stopping the suite.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.test_check import xlsx_bomb

ROOT = Path(__file__).resolve().parent.parent
EES = ROOT / "tests" / "fixtures" / "dfe" / "ees"
NEIGHBOURS = ROOT / "tests" / "fixtures" / "dfe" / "statistical_neighbours_may_2025.xlsx"
REFERRALS = "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv"


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _folder(path: Path) -> None:
    path.mkdir()


def _device(path: Path) -> None:
    path.symlink_to("/dev/urandom")


def _bomb(path: Path) -> None:
    xlsx_bomb(path, 50 * 2**20)


# (case, command, the input made hostile, how, what the report must say)
CASES: list[tuple[str, str, str, Callable[[Path], None], str]] = [
    ("ees source is a pipe", "import-ees", REFERRALS, _fifo, "is a named pipe (FIFO)"),
    ("ees source links to a device", "import-ees", REFERRALS, _device, "is a device"),
    ("lait source is a folder", "import-lait", "lait.parquet", _folder, "is a folder"),
    ("lait source is a pipe", "import-lait", "lait.csv", _fifo, "is a named pipe (FIFO)"),
    ("neighbours is a pipe", "import-ees", "neighbours.xlsx", _fifo, "is a named pipe (FIFO)"),
    ("neighbours is a zip bomb", "import-ees", "neighbours.xlsx", _bomb, "unpacks to 50 MB"),
    ("mapping is a pipe", "import-ees", "mapping.yml", _fifo, "is a named pipe (FIFO)"),
]


@pytest.mark.parametrize(("command", "name", "make", "says"), [case[1:] for case in CASES],
                         ids=[case[0] for case in CASES])
def test_importer_refuses_a_hostile_input(command: str, name: str, make: Callable[[Path], None],
                                          says: str, tmp_path: Path) -> None:
    hostile = tmp_path / name
    make(hostile)
    neighbours, mapping = NEIGHBOURS, None
    if name == "neighbours.xlsx":
        neighbours = hostile
    if name == "mapping.yml":
        mapping = hostile
    sources = [hostile] if name in (REFERRALS, "lait.parquet", "lait.csv") else []
    if command == "import-ees" and not sources:
        shutil.copy(EES / REFERRALS, tmp_path / REFERRALS)
        sources = [tmp_path / REFERRALS]
    args = [*map(str, sources), "--council", "Trafford", "--out", str(tmp_path / "out"),
            "--neighbours", str(neighbours)]
    if mapping is not None:
        args += ["--mapping", str(mapping)]
    result = subprocess.run([sys.executable, "-m", "generator", command, *args],
                            capture_output=True, text=True, timeout=60, cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, check=False)
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    assert result.returncode == 1, output
    assert str(hostile) in output and says in output, output
    assert not (tmp_path / "out").exists(), "nothing is written when an input is refused"
