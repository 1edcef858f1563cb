"""Start a site project for one council from DfE's downloaded files (``perfsite new``).

The project is a folder the officer can build at once, with no hand edits: ``mkdocs.yml`` (the
council's name, a description, its package, a contact to fill in), ``datapackages/`` (the import)
and ``site_src/`` (a copy of the generator's MkDocs sources). Everything is written into a
staging folder beside the target and renamed into place only when all of it is there, so a
failure leaves nothing half written; an existing folder is never touched.

Why ``site_src/`` is copied rather than referenced: it is not part of the installed package (it
lives beside ``generator/`` in the repository), and a copy lets the project build on any machine
(CI included) and lets the council change its logo and stylesheets. The cost: after upgrading the
generator, copy ``site_src/`` again (the project's ``mkdocs.yml`` says so).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from generator.importers.councils import Council, find_council, read_councils
from generator.importers.run import ImportOptions, import_package
from generator.output.write import copy_tree, staging
from generator.problems import CODES, DataError, Problem

#: The generator's own MkDocs sources (CSS, JavaScript, theme overrides), copied into a project.
SITE_SOURCES = Path(__file__).resolve().parents[2] / "site_src"


@dataclass(frozen=True)
class NewProject:
    """What ``perfsite new`` was asked for."""

    council: str  # name, old LA number or GSS code, as import-ees takes it
    ees: Path  # the folder (or file) of DfE's explore education statistics CSVs
    out: Path | None = None  # default: <council>-performance in the current folder
    lait: Path | None = None  # LAIT's long file: not imported yet (see _import_packages)
    neighbours: Path | None = None  # DfE's statistical neighbours workbook
    release_date: date | None = None  # default: today


@dataclass(frozen=True)
class Project:
    """The project written, and what the officer should know about it."""

    folder: Path
    council: str
    packages: tuple[str, ...]
    summaries: tuple[str, ...]
    notes: tuple[str, ...]


def slug(text: str) -> str:
    """Return text as lower-case words joined by hyphens ("Bristol, City of" -> bristol-city-of)."""
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def display_name(council: Council) -> str:
    """Return the council's name as a reader says it: DfE's "Bristol, City of" is "City of Bristol"."""
    name, _, title = council.name.rpartition(", ")
    # Only DfE's inverted titles ("City of", "County of") move; other commas are the name's own.
    return f"{title} {name}" if name and title.endswith(" of") else council.name


def _import_packages(request: NewProject, council: Council, datapackages: Path
                     ) -> tuple[list[str], list[str], list[str]]:
    """Import the council's figures into ``datapackages/``; return folders, summaries and notes.

    With LAIT's file as well, both sources go into one package (``import_package("dfe", ...)``:
    explore education statistics first, LAIT filling what it lacks, such as the children in need
    rate). The notes are the import report's lines: each mapped indicator, imported or not and why.
    """
    name = f"dfe-{slug(council.name)}"
    options = ImportOptions(council=request.council, out=datapackages / name,
                            neighbours=request.neighbours, release_date=request.release_date,
                            lait=() if request.lait is None else (request.lait,))
    content = import_package("ees" if request.lait is None else "dfe", [request.ees], options)
    report = content.report
    notes = [] if report is None else report.lines()
    return [f"datapackages/{name}"], [content.summary()], notes


def settings_text(council: Council, packages: list[str]) -> str:
    """Return the new project's mkdocs.yml: the example's theme, this council's names."""
    name = display_name(council)
    listed = "".join(f"      - {json.dumps(package)}\n" for package in packages)
    # JSON strings are YAML's double-quoted strings: any name is written safely.
    return _SETTINGS.format(
        name=name, packages=listed, council=json.dumps(name),
        site_name=json.dumps(f"{name} children's services performance"),
        description=json.dumps(f"How {name}'s children's services are performing, from the "
                               "Department for Education's published figures, with England, "
                               "the region and similar councils."))


def new_project(request: NewProject) -> Project:
    """Write a buildable project for one council; raise ``DataError`` and write nothing on failure."""
    council = find_council(request.council, read_councils())
    target = (request.out or Path(f"{slug(display_name(council))}-performance")).resolve()
    if target.exists():
        raise DataError([Problem(str(target), None, "",
                                 f"{target} already exists: perfsite new never writes over a "
                                 "folder", CODES["project-exists"].fix, "project-exists")])
    if not (SITE_SOURCES / "overrides").is_dir():
        raise DataError([Problem(str(SITE_SOURCES), None, "",
                                 "the generator's MkDocs sources (site_src/) are not there",
                                 CODES["project-sources"].fix, "project-sources")])
    with staging(target) as stage:
        stage.chmod(0o755)  # a staging folder is private (mkdtemp); a project is not
        packages, summaries, notes = _import_packages(request, council, stage / "datapackages")
        copy_tree(SITE_SOURCES, stage / "site_src")
        (stage / "mkdocs.yml").write_text(settings_text(council, packages), encoding="utf-8")
        (stage / ".gitignore").write_text("# Built by perfsite build\nsite/\nbuild/\n",
                                          encoding="utf-8")
    return Project(target, display_name(council), tuple(packages), tuple(summaries),
                   tuple(notes))


# The example's theme and page settings (a test keeps them the same as mkdocs.yml's); only the
# names, the packages and the contact differ.
_SETTINGS = """\
# Site settings for {name}'s performance site, written by `perfsite new`.
# See docs/site-settings.md for every option. site_src/ is a copy of the generator's MkDocs
# sources: copy it again after upgrading the generator.
site_name: {site_name}
# site_url: https://COUNCIL.github.io/performance/   # fill in the public address once known
site_description: {description}
copyright: Contains public sector information licensed under the Open Government Licence v3.0.

docs_dir: site_src
site_dir: site
strict: true
use_directory_urls: true

theme:
  name: material
  language: en
  font: false            # never load Google Fonts: no reader request may leave the site
  custom_dir: site_src/overrides
  # Zensical's look that matches Material's (MkDocs and ProperDocs ignore it): docs/builders.md.
  variant: classic
  features:
    - navigation.instant
    - navigation.tracking
    - navigation.sections
    - navigation.indexes
    - navigation.prune
    - navigation.top
    - search.highlight
    - content.tooltips
  palette:
    - media: "(prefers-color-scheme: light)"
      scheme: default
      primary: custom
      accent: custom
      toggle:
        icon: material/weather-night
        name: Switch to dark mode
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
      primary: custom
      accent: custom
      toggle:
        icon: material/weather-sunny
        name: Switch to light mode

plugins:
  - search

markdown_extensions:
  - abbr
  - attr_list
  - md_in_html
  - tables
  - toc:
      permalink: "#"
      permalink_title: Link to this section
  - admonition

extra_css:
  - assets/css/site.css
  - assets/css/colours.css
  - assets/css/pages.css
extra_javascript:
  - assets/js/pages.js

extra:
  generator:
    council: {council}
    packages:
{packages}    suppression_threshold: 5
    demonstration: false
    # TO FILL IN before publishing: how readers reach you about accessibility, with an email
    # address, web address or telephone number, e.g.
    #   contact: the performance team at [performance@council.gov.uk](mailto:performance@council.gov.uk)
    # Until then every build warns (settings-contact).
    contact: the performance team
    colours:
      primary: "#12436D"
      accent: "#801650"
"""
