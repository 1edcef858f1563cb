"""The only writer: stage every output file, then swap it into place in one step.

A build writes into a fresh staging folder next to the target. Only when everything has been
written (and MkDocs has built the site) does the staging folder replace the previous output, with
two renames. A failure at any point leaves the previously published output exactly as it was.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from generator.problems import CODES, DataError, Problem


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
        target = targets[relative]
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8", newline="\n")


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
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
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


@contextmanager
def staging(target: Path) -> Iterator[Path]:
    """Yield an empty staging folder beside ``target``; on success, swap it into ``target``.

    If the block raises, the staging folder is removed and ``target`` is untouched.
    """
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{target.name}.staging-", dir=target.parent))
    try:
        yield stage
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    replace_folder(stage, target)


def replace_folder(new: Path, target: Path) -> None:
    """Put ``new`` where ``target`` is, keeping the old one until the new one is in place."""
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
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
