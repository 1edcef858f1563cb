"""Write an imported data package: the only module of the importers that writes files."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from generator.importers.package import PackageContent
from generator.model import format as fmt


def write_package(folder: Path, content: PackageContent) -> list[Path]:
    """Write datapackage.json and one CSV per table into the folder; return the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for resource, rows in content.tables.items():
        path = folder / f"{resource}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=fmt.field_names(resource),
                                    lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        written.append(path)
    descriptor = folder / "datapackage.json"
    descriptor.write_text(json.dumps(content.descriptor, indent=2, ensure_ascii=False) + "\n",
                          encoding="utf-8")
    return [descriptor, *written]
