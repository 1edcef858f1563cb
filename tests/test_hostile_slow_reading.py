"""A table of quote-heavy text is read in seconds, not minutes (a finding of the hostile corpus).

Planting every HTML payload into every cell of the example made ``check`` take 35 seconds instead
of 0.2: Frictionless guesses the CSV dialect with Python's ``csv.Sniffer`` on the first rows, and
its quote-guessing regular expression backtracks on long lines full of quotes and ``=``. Each test
runs ``check`` in a child process with a time limit, so the slow case fails in seconds. The
dialect now comes from the header row (generator/input/dialect.py), so nothing is sniffed.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
from pathlib import Path

from tests.fixture_sites import PACKAGES, ROOT
from tests.hostile.payloads import BY_NAME

ROWS = 100  # the sniffer reads about this many rows
LIMIT_S = 10  # a plain table of the same size is checked in about 2 seconds


def _package_with_areas(folder: Path, description: str) -> Path:
    shutil.copytree(PACKAGES / "minimal", folder)
    path = folder / "service_areas.csv"
    out = io.StringIO()
    out.write(path.read_text(encoding="utf-8"))
    writer = csv.writer(out, lineterminator="\n")
    for number in range(ROWS):
        writer.writerow([f"area-{number}", number + 3, f"Area {number}", description])
    path.write_text(out.getvalue(), encoding="utf-8")
    return folder


def _check_within_the_limit(folder: Path) -> None:
    subprocess.run([sys.executable, "-m", "generator", "check", str(folder)], cwd=ROOT,
                   capture_output=True, timeout=LIMIT_S, check=False)


def test_a_plain_table_of_the_same_size_is_read_quickly(tmp_path: Path) -> None:
    size = len(BY_NAME["html"].payload("html:slow")) * 4
    _check_within_the_limit(_package_with_areas(tmp_path / "plain", "word " * (size // 5)))


def test_a_quote_heavy_table_is_read_quickly(tmp_path: Path) -> None:
    text = BY_NAME["html"].payload("html:slow") * 4
    _check_within_the_limit(_package_with_areas(tmp_path / "quotes", text))
