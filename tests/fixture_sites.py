"""Build a whole site (pages and MkDocs) from one fixture package, for the safety tests."""

from __future__ import annotations

import dataclasses
import io
import os
import zipfile
from collections.abc import Iterator
from pathlib import Path

from generator.build import BuildResult, build_site
from generator.settings import Settings, load_settings

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ROOT / "tests" / "fixtures" / "packages"


def fixture_settings(package: Path | str) -> Settings:
    """Return the repository's site settings, publishing only the given package."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    path = Path(package)
    if not path.is_absolute():
        path = PACKAGES / path
    return dataclasses.replace(load_settings(ROOT / "mkdocs.yml"), packages=(path,),
                               council="Testshire Council")


def build_fixture(package: Path | str, out: Path, **options: object) -> BuildResult:
    """Build the package's site into ``out/site`` with its pages in ``out/docs``."""
    return build_site(fixture_settings(package), site_dir=out / "site", docs_dir=out / "docs",
                      **options)  # type: ignore[arg-type]


def site_files(folder: Path) -> Iterator[tuple[str, bytes]]:
    """Yield (name, bytes) for every file under ``folder``, and for every member of every ZIP."""
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        name = path.relative_to(folder).as_posix()
        data = path.read_bytes()
        yield name, data
        if path.suffix == ".zip":
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                for member in sorted(archive.namelist()):
                    yield f"{name}!{member}", archive.read(member)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Return every file under ``folder`` (relative path → bytes); empty if it does not exist."""
    if not folder.exists():
        return {}
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}
