"""Plant payloads into copies of data packages: every text cell, or a seeded random few."""

from __future__ import annotations

import csv
import io
import json
import random
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.hostile.fields import DESCRIPTOR_TEXT, TextField, text_fields
from tests.hostile.payloads import Kind

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "datapackages"
DESCRIPTOR = "datapackage.json"


@dataclass(frozen=True)
class Planted:
    """One payload put into one cell: where, and which kind (for failure messages)."""

    file: str
    row: int  # 1 is the header row, as check counts them
    field: str
    kind: str
    payload: str

    def __str__(self) -> str:
        return f"{self.file} row {self.row} {self.field}: {self.kind} {self.payload[:60]!r}"


def copy_example(dest: Path) -> list[Path]:
    """Copy the example's packages into ``dest``; return the copies' folders, sorted."""
    folders = []
    for package in sorted(p for p in EXAMPLE.iterdir() if (p / DESCRIPTOR).is_file()):
        shutil.copytree(package, dest / package.name)
        folders.append(dest / package.name)
    return folders


def plant(kind: Kind, cell: str, payload: str) -> str:
    """Return the cell with the payload added: at the start for kinds that only work there."""
    if not cell:
        return payload
    return f"{payload} {cell}" if kind.at_start else f"{cell} {payload}"


def resources(folder: Path) -> dict[str, Path]:
    descriptor = json.loads((folder / DESCRIPTOR).read_text(encoding="utf-8"))
    return {r["name"]: folder / r["path"] for r in descriptor["resources"]}


def read_table(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def write_table(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    out = io.StringIO()
    # "\r\n" ends rows so that the writer quotes a cell holding either character: with "\n"
    # alone a bare "\r" in a cell would be written unquoted and end the row early.
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8", newline="")


def _set(descriptor: dict[str, Any], where: tuple[Any, ...], value: str) -> None:
    holder: Any = descriptor
    for step in where[:-1]:
        holder = holder[step]
    holder[where[-1]] = value


def _get(descriptor: dict[str, Any], where: tuple[Any, ...]) -> str:
    value: Any = descriptor
    for step in where:
        value = value[step]
    return str(value)


def plant_everywhere(folder: Path, kind: Kind, rows: int = 3) -> int:
    """Put every payload of ``kind`` into every free-text field of the package; return the count.

    Only the first ``rows`` rows of each table get them: every field is covered, and the tables
    stay small (reading a table of several megabytes of quote-heavy text takes Frictionless's
    CSV sniffer minutes).
    """
    fields: dict[str, list[TextField]] = {}
    for field in text_fields():
        fields.setdefault(field.resource, []).append(field)
    count = 0
    for resource, path in resources(folder).items():
        header, table = read_table(path)
        for field in (f for f in fields.get(resource, []) if f.name in header):
            payload = kind.payload(f"{kind.name}:{field.label}")
            for row in table[:rows]:
                row[field.name] = plant(kind, row[field.name], payload)
                count += 1
        write_table(path, header, table)
    descriptor_path = folder / DESCRIPTOR
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    for name, where in sorted(DESCRIPTOR_TEXT.items()):
        payload = kind.payload(f"{kind.name}:package.{name}")
        _set(descriptor, where, plant(kind, _get(descriptor, where), payload))
        count += 1
    descriptor_path.write_text(json.dumps(descriptor, indent=2), encoding="utf-8")
    return count


def plant_randomly(folder: Path, kinds: tuple[Kind, ...], rng: random.Random,
                   per_table: int) -> list[Planted]:
    """Put ``per_table`` random payloads into random free-text cells of every table."""
    planted: list[Planted] = []
    for resource, path in sorted(resources(folder).items()):
        header, rows = read_table(path)
        names = [f.name for f in text_fields() if f.resource == resource and f.name in header]
        if not names or not rows:
            continue
        for _ in range(per_table):
            kind = rng.choice(kinds)
            number = rng.randrange(len(rows))
            # A council row's area_code is checked as a GSS code (council-code), not free text.
            name = rng.choice([n for n in names if n != "area_code"
                               or rows[number].get("area_type") != "council"])
            payload = rng.choice(kind.payloads(f"{kind.name}:{resource}.{name}"))
            rows[number][name] = plant(kind, rows[number][name], payload)
            planted.append(Planted(path.name, number + 2, name, kind.name, payload))
        write_table(path, header, rows)
    return planted
