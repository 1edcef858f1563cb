"""The only writer: stage every output file, then swap it into place in one step.

A build writes into a fresh staging folder next to the target. Only when everything has been
written (and MkDocs has built the site) does the staging folder replace the previous output, with
two renames. A failure at any point leaves the previously published output exactly as it was,
and a failure of the operating system (a full disk, a read-only folder) becomes one problem that
names the published path, not the staging folder's.

A build that is killed (SIGKILL, a power cut) cannot remove its staging folder. Each staging
folder's name therefore holds its owner, the host and process id of the build that made it
(``.site.staging-HOST-PID-RANDOM``), and the next build removes those whose owner is no longer
running. The name is the marker: ``mkdtemp`` makes it in one step, so there is no moment when a
folder exists without its owner, and nothing extra is written into the site.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from generator.problems import CODES, DataError, Problem, system_problem


def inside(folder: Path, relative: str) -> Path:
    """Return ``folder / relative``, or raise ``DataError`` if the path would leave the folder.

    Paths are made from ids the checks have already refused when they hold anything but letters,
    digits and hyphens; this is the writer's own guard, so that no mistake elsewhere can write
    outside the staging folder.
    """
    # Judged on the text alone, without asking the file system: the staging folders are made
    # fresh and filled by copying, so they hold no symbolic link a path could follow out.
    path = PurePosixPath(relative)
    if not path.parts or path.is_absolute() or ".." in path.parts or "\\" in relative:
        raise DataError([Problem(str(relative), None, "", "a generated file's path leads outside "
                                 "the site's folder", CODES["path-outside"].fix, "path-outside")])
    return folder.joinpath(*path.parts)


def write_files(folder: Path, files: Mapping[str, str | bytes]) -> None:
    """Write each relative path's content under ``folder`` (text as UTF-8 with LF endings)."""
    targets = {relative: inside(folder, relative) for relative in files}  # refuse before writing
    for relative, content in sorted(files.items()):
        _write(targets[relative], content)


def _write(target: Path, content: str | bytes) -> None:
    """Write one file (text as UTF-8 with LF endings), making its folder first.

    A write that fails on a full disk names no file; the error is made to name this one, so
    the problem can say which.
    """
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8", newline="\n")
    except OSError as error:
        if error.filename is None:
            error.filename = str(target)
        raise


_VERBATIM = re.compile(r"(<(pre|textarea|script)\b.*?</\2>)", re.S | re.I)
_INDENT = re.compile(r"\n\s+")


def strip_indentation(html: str) -> str:
    """Return HTML without the indentation at the start of lines, outside <pre>, <textarea> and
    <script>. A run of whitespace becomes one newline, which browsers render exactly as before.
    """
    parts = _VERBATIM.split(html)
    # split() returns text, then for each match the whole element and its tag name.
    out = []
    for index, part in enumerate(parts):
        kind = index % 3
        if kind == 0:
            out.append(_INDENT.sub("\n", part))
        elif kind == 1:
            out.append(part)
    return "".join(out)


def write_changed_files(folder: Path, files: Mapping[str, str | bytes]) -> list[str]:
    """Make ``folder`` hold exactly ``files``, touching only files whose content differs.

    Unchanged files keep their modification time, which is how MkDocs' dirty build knows to
    leave their pages alone. Returns the paths written or removed.
    """
    changed = []
    wanted = {relative: content.encode("utf-8") if isinstance(content, str) else content
              for relative, content in files.items()}
    targets = {relative: inside(folder, relative) for relative in wanted}  # refuse before writing
    for relative, content in sorted(wanted.items()):
        target = targets[relative]
        if target.is_file() and target.read_bytes() == content:
            continue
        _write(target, content)
        changed.append(relative)
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.relative_to(folder).as_posix() not in wanted:
            path.unlink()
            changed.append(path.relative_to(folder).as_posix())
    return changed


def copy_tree(source: Path, target: Path, ignore: tuple[str, ...] = ()) -> None:
    """Copy a folder's contents into ``target`` (which may already exist)."""
    shutil.copytree(source, target, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns(*ignore) if ignore else None)


#: This machine, as it appears in the names of staging folders (letters, digits and dots only).
HOST = re.sub(r"[^A-Za-z0-9.]", "", socket.gethostname())


def _owned_prefix(target: Path, kind: str) -> str:
    return f".{target.name}.{kind}-{HOST}-{os.getpid()}-"


def _owner_pattern(target: Path) -> re.Pattern[str]:
    return re.compile(rf"\.{re.escape(target.name)}\.(?P<kind>staging|old)-"
                      rf"(?P<host>[A-Za-z0-9.]*)-(?P<pid>\d+)-[A-Za-z0-9_]+")


def running(pid: int) -> bool:
    """Return whether a process with this id is running on this machine."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)  # signal 0 only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, but belongs to another user
    return True


def remove_stale(target: Path) -> list[str]:
    """Remove the staging and old folders beside ``target`` left by builds no longer running.

    Folders of a build still running (two builds at once) and of other machines sharing the
    folder are left alone. If a build was killed between the swap's two renames, ``target`` is
    missing and its old folder is the last good output: it is put back. Returns the names.
    """
    pattern, removed = _owner_pattern(target), []
    for entry in sorted(target.parent.iterdir()) if target.parent.is_dir() else []:
        match = pattern.fullmatch(entry.name)
        if not match or match["host"] != HOST or running(int(match["pid"])):
            continue
        if match["kind"] == "old" and not target.exists():
            entry.rename(target)
        else:
            shutil.rmtree(entry, ignore_errors=True)
        removed.append(entry.name)
    return removed


def _published_path(error: OSError, stage: Path, target: Path) -> str | None:
    """Return the path an error names, as it will be once the staging folder is swapped in."""
    named = error.filename
    if named is None:
        return str(target)  # a write that failed on a full disk names no file
    try:
        return str(target / Path(named).relative_to(stage))
    except ValueError:
        return str(named)


@contextmanager
def staging(target: Path) -> Iterator[Path]:
    """Yield an empty staging folder beside ``target``; on success, swap it into ``target``.

    If the block raises, the staging folder is removed and ``target`` is untouched; an
    operating-system failure is raised as a ``DataError`` naming the path (see system_problem).
    """
    target = target.resolve()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        remove_stale(target)
        stage = Path(tempfile.mkdtemp(prefix=_owned_prefix(target, "staging"), dir=target.parent))
    except OSError as error:
        raise DataError([system_problem(error)]) from error
    try:
        yield stage
        replace_folder(stage, target)
    except BaseException as error:
        shutil.rmtree(stage, ignore_errors=True)
        if isinstance(error, OSError):
            raise DataError([system_problem(error, _published_path(error, stage, target))]
                            ) from error
        raise


def replace_folder(new: Path, target: Path) -> None:
    """Put ``new`` where ``target`` is, keeping the old one until the new one is in place."""
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=_owned_prefix(target, "old"), dir=target.parent))
        old.rmdir()
        target.rename(old)
    try:
        new.rename(target)
    except BaseException:
        if old is not None:
            old.rename(target)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
