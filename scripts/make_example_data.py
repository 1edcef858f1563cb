"""Regenerate the demonstration data packages for the fictional Northbridge Council.

Usage (from the repository root):

    .venv/bin/python scripts/make_example_data.py [--dfe PATH]  # write packages and extract
    .venv/bin/python scripts/make_example_data.py --check  # compare a fresh run with the files

Northbridge is described as data in ``scripts/northbridge/series.yml``: its packages, service
areas and priorities, and for each indicator its metadata (the columns of ``indicators.csv``),
how its figures are made, its targets, commentary and comparators. This script turns that
description into packages and writes them with the importers' writer
(``generator.importers.writer.write_package``).

Northbridge's own figures are random walks around realistic levels, made with seeded random
numbers (no clock), so every run writes the same bytes. Its code E08999999 is not a real GSS
code. The comparators (England, North West, statistical neighbours) are real: they are taken cell
for cell from the Department for Education's published open-data CSVs in ``/work/shared/data/dfe/``
(Open Government Licence v3.0). The neighbour group is the one DfE's statistical neighbours model
(May 2025) gives for Bolton, a real North West council, because a fictional council has none.
Every council's figure (comparator rows of area type ``council``, for the rank, quartile band and
distribution chart) is taken cell for cell from ``tests/fixtures/dfe_all/ees/``, the repository's
copy of every council's rows of the same files (made from ``/work/shared/data/dfe`` by
``tests/fixtures/dfe_all/make_all.py``), for each indicator's latest period in which Northbridge's
figure is a number.

Writes:
- ``datapackages/northbridge-childrens/`` and ``datapackages/northbridge-education/``;
- ``tests/fixtures/dfe_extract/``: the exact source rows behind the comparators, so the tests can
  check the comparators without the shared data folder.
"""

from __future__ import annotations

import argparse
import filecmp
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]

from northbridge.comparators import (  # noqa: E402
    comparator_rows,
    council_rows,
    make_extract,
    read_all,
    read_extract,
)
from northbridge.figures import (  # noqa: E402
    breakdown_rows,
    commentary_rows,
    make_series,
    take_from,
    text,
)
from northbridge.spec import Northbridge, SpecError, read_spec  # noqa: E402

from generator.importers.councils import council_codes, read_councils  # noqa: E402
from generator.importers.package import ATTRIBUTION, PackageContent, resources  # noqa: E402
from generator.importers.writer import write_package  # noqa: E402
from generator.model import format as fmt  # noqa: E402

DEFAULT_DFE = Path("/work/shared/data/dfe")
EXTRACT_DIR = Path("tests/fixtures/dfe_extract")


def build(spec: Northbridge, tables: dict[str, list[dict[str, str]]],
          group: list[str]) -> dict[str, PackageContent]:
    """Return package name -> the package's descriptor and tables, ready for the writer."""
    packages = {}
    councils = council_codes(c for c in read_councils() if not c.abolished)
    every_council: dict[str, list[dict[str, str]]] = {}
    # Every indicator's figures first: a numerator or denominator may be the value of a count in
    # another package (the spec checks that a link names a count, which has no links itself).
    observations = {i.id: make_series(i) for i in spec.indicators}
    for indicator in spec.indicators:
        for part in ("numerator", "denominator"):
            if indicator.row[f"{part}_from"]:
                source = spec.indicator(indicator.row[f"{part}_from"])
                take_from(indicator, observations[indicator.id], source,
                          observations[source.id], part)
    for name, package in spec.packages.items():
        indicators = [i for i in spec.indicators if i.package == name]
        content: dict[str, list[dict[str, str]]] = {resource: [] for resource in fmt.SCHEMAS}
        content.update(service_areas=package["service_areas"], priorities=package["priorities"],
                       indicators=[i.row for i in indicators], releases=list(spec.releases))
        for indicator in indicators:
            rows = observations[indicator.id]
            content["observations"] += rows
            if indicator.comparators:
                content["comparators"] += comparator_rows(indicator, spec.council, tables, group)
                content["comparators"] += council_rows(
                    indicator, read_all(indicator.comparators.file, every_council), rows, councils)
            content["targets"] += [
                {"indicator_id": indicator.id, **{key: text(target.get(key)) for key in (
                    "applies_from", "target", "amber_tolerance", "expected_low", "expected_high",
                    "note")}} for target in indicator.targets]
            content["ratings"] += [indicator.rating] if indicator.rating else []
            content["commentary"] += commentary_rows(indicator, rows)
        for breakdown in spec.breakdowns:
            if breakdown["indicator"] in {indicator.id for indicator in indicators}:
                content["breakdowns"] += breakdown_rows(breakdown, observations)
        tables_ = {resource: rows for resource, rows in content.items() if rows}
        packages[name] = PackageContent(descriptor(spec, name, package, tables_), tables_)
    return packages


def descriptor(spec: Northbridge, name: str, package: dict[str, Any],
               tables: dict[str, list[dict[str, str]]]) -> dict[str, Any]:
    common = spec.descriptor
    return {
        "name": name, "title": package["title"],
        "description": f"{package['description']} {common['description']}",
        "publisher": common["publisher"], "area_code": spec.council["code"],
        "demonstration": True, "format_version": fmt.FORMAT_VERSION,
        "licenses": [common["licence"]], "sources": common["sources"],
        "resources": resources(tables, format="csv", mediatype="text/csv", encoding="utf-8"),
    }


EXTRACT_README = """# DfE extract for the example data tests

The exact rows (England, North West and the statistical neighbours used as comparators) and the
columns that `scripts/make_example_data.py` reads from the Department for Education's published
open-data CSVs. Data cells are copied byte for byte; only unused columns and rows are left out.

{attribution}

Files and releases (explore-education-statistics.service.gov.uk):
- `c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv`,
  `d3_cpps_subsequent_plan_2013_to_2025.csv`: Children in need.
- `cla_number_and_rate_per_10k_children.csv`, `la_cla_placement_stability.csv`,
  `la_care_leavers_activity.csv`: Children looked after in England including adoptions.
- `csww_indicators_2017_to_2025.csv`: Children's social work workforce.
- `sen2_timeliness_20_week.csv`: Education, health and care plans.
- `absence_la.csv`: Outcomes for children in need, including children looked after.
- `statistical_neighbours.csv`: the ten statistical neighbours of Bolton (LA {model}) in DfE's
  statistical neighbours model, May 2025, in rank order.

Regenerate with `python scripts/make_example_data.py`; `--check` compares this folder with the
shared source data.
"""


def write_all(root: Path, dfe: Path, spec: Northbridge) -> None:
    """Write the extract, then the packages made from it (through the importers' writer)."""
    folder = root / EXTRACT_DIR
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in make_extract(spec, dfe).items():
        (folder / name).write_text(content, encoding="utf-8")
    (folder / "README.md").write_text(EXTRACT_README.format(
        attribution=ATTRIBUTION, model=spec.council["neighbours_of"]), encoding="utf-8")
    tables, group = read_extract(folder)
    for name, package in build(spec, tables, group).items():
        target = root / "datapackages" / name
        for old in target.glob("*.csv"):  # a table the spec no longer makes must not linger
            old.unlink()
        write_package(target, package)


def self_check(dfe: Path, spec: Northbridge) -> int:
    """Regenerate into a temporary folder and compare every file with the committed ones."""
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        write_all(Path(tmp), dfe, spec)
        for sub in [EXTRACT_DIR] + [Path("datapackages") / name for name in spec.packages]:
            new, old = Path(tmp) / sub, ROOT / sub
            names = sorted({p.name for p in new.iterdir()} | {p.name for p in old.iterdir()})
            problems += [str(sub / name) for name in names
                         if not (old / name).exists() or not (new / name).exists()
                         or not filecmp.cmp(old / name, new / name, shallow=False)]
    for problem in problems:
        print(f"differs from a fresh run on {dfe}: {problem}")
    if not problems:
        print(f"OK: the committed example data and DfE extract equal a fresh run on {dfe}.")
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dfe", type=Path, default=DEFAULT_DFE,
                        help="folder holding DfE's ees/ and lait/ data (default: %(default)s)")
    parser.add_argument("--check", action="store_true",
                        help="compare the committed files with a fresh run instead of writing")
    args = parser.parse_args(argv)
    try:
        spec = read_spec()
    except SpecError as error:
        print(error, file=sys.stderr)
        return 1
    if args.check:
        return self_check(args.dfe, spec)
    write_all(ROOT, args.dfe, spec)
    print(f"Wrote {', '.join(f'datapackages/{name}' for name in spec.packages)} and "
          f"{EXTRACT_DIR}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
