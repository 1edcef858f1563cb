"""Open input files safely: only regular files, read within limits, so no file can hang a check.

Every reader (the package loader and the importers) asks this module before it opens a file.
A folder, a named pipe (FIFO), a device such as ``/dev/urandom`` or a socket, or a symbolic link
to one of them, is refused with a problem: reading a pipe waits for a writer that never comes
and reading a device never ends. The limits on what a file may hold are declared here once and
documented in docs/data-package.md ("Limits").
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import stat
import zipfile
from pathlib import Path

from generator.problems import CODES, Problem

#: Largest datapackage.json read: a descriptor with every table's schema is about 30 KB.
MAX_DESCRIPTOR_BYTES = 2**20
#: Deepest nesting of lists and objects in datapackage.json (the format's own is 6 deep).
MAX_DESCRIPTOR_DEPTH = 32
#: Largest table file (CSV or .xlsx as saved).
MAX_FILE_BYTES = 200 * 2**20
#: Most columns in a table's header row: the widest table has 27.
MAX_COLUMNS = 200
#: Longest cell, in characters (Excel's own limit is 32,767).
MAX_CELL_CHARS = 10_000
#: Largest total an .xlsx file may unpack to (it is a zip archive of XML files).
MAX_XLSX_UNPACKED_BYTES = 200 * 2**20
#: Highest compression ratio of a large part of an .xlsx file: a spreadsheet's XML compresses
#: about 5 to 20 times; a "zip bomb" that unpacks one small file into gigabytes, 1,000 times.
MAX_XLSX_RATIO = 100
#: Parts of an .xlsx smaller than this are not held to the ratio (they cannot hurt).
_RATIO_FROM_BYTES = 2**20
#: How much of a CSV file is read to count the columns of its header row.
_HEADER_BYTES = 256 * 2**10

_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"),
          (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"))


class NotRegular(Exception):
    """The path names something other than a regular file; the message says what."""


def special_kind(path: Path) -> str | None:
    """Return what ``path`` is when it exists but is not a regular file, else ``None``.

    Symbolic links are followed, so a link to ``/dev/urandom`` is "a device". A path that does
    not exist is ``None``: each caller reports a missing file in its own words.
    """
    try:
        mode = os.stat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return None
    except ValueError:
        return "not a usable file name (it contains a NUL character)"
    except OSError as error:  # a loop of symbolic links, a folder we may not read
        return f"not readable ({error.strerror or error})"
    if stat.S_ISREG(mode):
        return None
    return next((word for test, word in _KINDS if test(mode)), "not a regular file")


def special_file_problem(path: Path, shown: str) -> Problem | None:
    """Return the problem with ``path`` if it is a folder, pipe, device or socket, else ``None``."""
    kind = special_kind(path)
    if kind is None:
        return None
    return Problem(shown, None, "", f"{path.name} is {kind}, not an ordinary file",
                   CODES["file-special"].fix, "file-special")


def read_limited(path: Path, limit: int) -> bytes:
    """Return at most ``limit + 1`` bytes of a regular file (one more says it is over the limit).

    The file is opened without waiting (a pipe would otherwise block in ``open``) and checked
    to be a regular file before a byte is read. Raises ``NotRegular`` or ``OSError``.
    """
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(descriptor, "rb") as handle:
        mode = os.fstat(handle.fileno()).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegular(next((word for test, word in _KINDS if test(mode)),
                                  "not a regular file"))
        return handle.read(limit + 1)


def descriptor_depth(value: object) -> int:
    """Return how deeply lists and objects nest in a parsed JSON value (without recursion)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict):
            node = list(node.values())
        if isinstance(node, list):
            deepest = max(deepest, depth)
            if depth <= MAX_DESCRIPTOR_DEPTH:  # deeper than the limit is all we need to know
                stack.extend((item, depth + 1) for item in node)
    return deepest


def csv_head(path: Path) -> tuple[str, bool]:
    """Return the first 256 KB of a CSV file as text, and whether it holds the whole header row."""
    with path.open("rb") as handle:
        head = handle.read(_HEADER_BYTES)
    text = codecs.getincrementaldecoder("utf-8-sig")(errors="replace").decode(head)
    return text, len(head) < _HEADER_BYTES or "\n" in text


def csv_header_width(path: Path) -> tuple[int, bool]:
    """Return the number of columns in a CSV file's header row, and whether it was read whole.

    Frictionless matches header labels in time that grows with the square of their number, so
    the width is counted here first, from the file's first 256 KB (a valid header row is under
    10 KB). The delimiter is not yet known (Frictionless guesses it), so the widest reading
    with any delimiter it may guess is taken.
    """
    text, whole = csv_head(path)
    widest = 0
    for delimiter in ",;\t|":
        try:
            first = next(csv.reader(io.StringIO(text), delimiter=delimiter), [])
        except csv.Error:  # a NUL byte or a quote out of place: Frictionless will say
            first = text.split("\n", 1)[0].split(delimiter)
        widest = max(widest, len(first))
    return widest, whole


def xlsx_header_width(path: Path) -> tuple[int, bool]:
    """Return the number of cells in an .xlsx file's header row, and whether it was read whole.

    Cells past the limit are not read. Call it only on a file ``xlsx_unpacked`` passed:
    openpyxl reads the row as it unpacks. An unreadable file is (0, True): the reader reports it.
    """
    from openpyxl import load_workbook  # only for .xlsx tables: it is slow to import

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - the reader reports a file it cannot open, in its words
        return 0, True
    try:
        first = next(workbook.worksheets[0].iter_rows(max_row=1, max_col=MAX_COLUMNS + 1,
                                                      values_only=True), ())
        # openpyxl pads the row to max_col with empty cells: count up to the last label.
        width = max((n + 1 for n, label in enumerate(first) if label not in (None, "")), default=0)
        return width, width <= MAX_COLUMNS
    except Exception:  # noqa: BLE001 - as above
        return 0, True
    finally:
        workbook.close()


def xlsx_unpacked(path: Path) -> tuple[int, float] | None:
    """Return an .xlsx file's unpacked size and the highest ratio of its large parts.

    Read from the zip archive's table of contents, before anything is unpacked. ``None`` when
    the file is not a zip archive (the reader then reports it cannot open the file). The
    sizes are what the archive declares: Python's zip reader stops at the declared size, so an
    archive that lies about it fails to open rather than unpacking more.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    total = sum(part.file_size for part in parts)
    ratio = max((part.file_size / max(part.compress_size, 1) for part in parts
                 if part.file_size >= _RATIO_FROM_BYTES), default=0.0)
    return total, ratio


def display_path(path: Path) -> str:
    """Return the path relative to the working directory where possible, for messages."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):  # elsewhere, or a loop of symbolic links
        return str(path)
