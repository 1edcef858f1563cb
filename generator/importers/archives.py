"""DfE's downloads as they come: the .csv files inside a .zip, unpacked within limits.

Explore education statistics serves each data set as a zip (``data/timeliness_20_week.csv``
beside its ``.meta.csv`` and guidance). ``unpack`` copies only the archive's .csv members into a
folder, each under its own base name (so no member can name a path outside it), and stops at
the limits below by counting the bytes actually unpacked, not the sizes the archive declares: a
"zip bomb" that would unpack into gigabytes is refused after the first few hundred megabytes.
"""

from __future__ import annotations

import zipfile
from pathlib import Path, PurePosixPath

from generator.input.files import MAX_FILE_BYTES
from generator.problems import CODES, Problem

#: Most .csv files taken from one archive (a DfE download holds a handful).
MAX_MEMBERS = 100
#: Most bytes unpacked from one archive, over all its .csv files; each is also held to
#: ``MAX_FILE_BYTES``, the limit on any table file.
MAX_UNPACKED_BYTES = 500 * 2**20
_CHUNK = 2**20


class _TooLarge(Exception):
    pass


def _problem(archive: Path, message: str) -> Problem:
    return Problem(str(archive), None, "", message, CODES["ees-archive"].fix, "ees-archive")


def _copy(source: zipfile.ZipFile, member: zipfile.ZipInfo, target: Path, budget: int) -> int:
    """Copy one member, returning the bytes written; raise ``_TooLarge`` past a limit."""
    written = 0
    with source.open(member) as stream, target.open("wb") as out:
        while chunk := stream.read(_CHUNK):
            written += len(chunk)
            if written > min(MAX_FILE_BYTES, budget):
                raise _TooLarge
            out.write(chunk)
    return written


def unpack(archive: Path, into: Path, problems: list[Problem]) -> dict[Path, str]:
    """Unpack the archive's .csv files into a new folder; return each file and how to name it.

    The name shown for a file is the archive and the member, as ``downloads/sen2.zip:data/x.csv``.
    On any problem, it is added to ``problems`` and nothing is returned.
    """
    into.mkdir(parents=True)
    shown: dict[Path, str] = {}
    try:
        with zipfile.ZipFile(archive) as source:
            members = [m for m in source.infolist()
                       if not m.is_dir() and m.filename.lower().endswith(".csv")]
            if len(members) > MAX_MEMBERS:
                problems.append(_problem(archive, f"the archive holds {len(members)} CSV files, "
                                                  f"more than the {MAX_MEMBERS} the importer reads"))
                return {}
            budget = MAX_UNPACKED_BYTES
            for member in members:
                target = into / PurePosixPath(member.filename).name
                if target in shown:
                    problems.append(_problem(archive, "the archive holds two CSV files named "
                                                      f"{target.name}"))
                    return {}
                budget -= _copy(source, member, target, budget)
                shown[target] = f"{archive}:{member.filename}"
    except _TooLarge:
        problems.append(_problem(archive, "the archive unpacks to more than "
                                          f"{MAX_UNPACKED_BYTES // 2**20} MB of CSV files (or one "
                                          f"file over {MAX_FILE_BYTES // 2**20} MB)"))
        return {}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError,
            EOFError, ValueError) as error:
        problems.append(_problem(archive, f"the archive could not be read: {error}"))
        return {}
    return shown
