"""Click commands ``import-ees``, ``import-lait``, ``import-dfe`` and ``new``: parse, call one function.

Registered in ``generator/commands/cli.py`` with ``main.add_command(...)``. Each import prints the
import report (``importers/report.py``) after the import, as text or as one JSON object.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import click

from generator.commands.failures import FORMAT, UNCHANGED, Reporting
from generator.importers.mapping import SHIPPED_MAPPING


def _date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date such as 2025-12-11") from None


def _options(command: Callable[..., Any]) -> Callable[..., Any]:
    decorators = [
        click.option("--council", required=True,
                     help="The council: its name (Trafford), old LA number (358) or GSS code "
                          "(E08000009)."),
        click.option("--out", required=True, type=click.Path(file_okay=False, path_type=Path),
                     help="Folder to write the data package into."),
        click.option("--mapping", type=click.Path(dir_okay=False, path_type=Path),
                     default=SHIPPED_MAPPING, show_default="the shipped dfe.yml",
                     help="Mapping file from DfE files and columns to indicators."),
        click.option("--neighbours", type=click.Path(dir_okay=False, path_type=Path),
                     default=None, help="DfE's statistical neighbours .xlsx; adds each neighbour "
                                        "and their average as comparators."),
        click.option("--name", default="", help="Package name (default: dfe-<council>)."),
        click.option("--release-id", default="", help="Release id (default: dfe-<release date>)."),
        click.option("--release-title", default="",
                     help="Release title (default: 'Department for Education figures, <date>')."),
        click.option("--release-date", default=None, callback=_date,
                     help="Release date YYYY-MM-DD (default: today)."),
        click.option("--strict", is_flag=True, default=False,
                     help="Fail, writing nothing, when a mapped indicator is not imported."),
        click.option("--format", "output_format", type=click.Choice(["text", "json"]),
                     default="text", show_default=True,
                     help="text for people; json: the import report as one JSON object."),
    ]
    for decorator in reversed(decorators):
        command = decorator(command)
    return command


def _run(kind: str, sources: tuple[Path, ...], output_format: str, **values: Any) -> None:
    from generator.importers.run import ImportOptions, import_package

    # A failure is reported by Reporting (failures.py), saying so, in the format asked for.
    context = click.get_current_context()
    context.meta[UNCHANGED] = "Nothing was written."
    context.meta[FORMAT] = output_format
    options = ImportOptions(**values)
    content = import_package(kind, sources, options)
    assert content.report is not None
    if output_format == "json":
        click.echo(json.dumps({"package": content.descriptor["name"], "out": str(options.out),
                               "written": True, **content.report.as_dict()},
                              ensure_ascii=False, indent=2))
        return
    click.echo(f"Wrote {options.out}: {content.summary()}.")
    for line in content.report.lines():
        click.echo(line)


@click.command("import-ees", cls=Reporting)
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@_options
def import_ees(sources: tuple[Path, ...], **values: Any) -> None:
    """Import a council's figures from DfE explore-education-statistics CSVs (files or folders)."""
    _run("ees", sources, **values)


@click.command("import-lait", cls=Reporting)
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@_options
def import_lait(sources: tuple[Path, ...], **values: Any) -> None:
    """Import a council's figures from DfE LAIT's long file (.parquet or .csv)."""
    _run("lait", sources, **values)


@click.command("import-dfe", cls=Reporting)
@click.option("--ees", "ees", multiple=True, required=True, type=click.Path(path_type=Path),
              help="explore-education-statistics CSVs or folders (repeat for more).")
@click.option("--lait", "lait", multiple=True, required=True, type=click.Path(path_type=Path),
              help="LAIT's long file, .parquet or .csv (repeat for more).")
@_options
def import_dfe(ees: tuple[Path, ...], lait: tuple[Path, ...], **values: Any) -> None:
    """Import a council's figures from both DfE sources into one package, EES first, LAIT filling gaps."""
    _run("dfe", ees, lait=lait, **values)


@click.command("new", cls=Reporting)
@click.argument("council")
@click.option("--ees", required=True, type=click.Path(exists=True, path_type=Path),
              help="The folder of DfE's explore education statistics CSVs.")
@click.option("--lait", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              default=None, help="DfE LAIT's long file; its figures fill what the EES files "
                                 "lack, in the same package.")
@click.option("--neighbours", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="DfE's statistical neighbours .xlsx; adds each neighbour and their average.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="The project folder to create (default: <council>-performance). It must "
                   "not exist.")
@click.option("--release-date", default=None, callback=_date,
              help="Release date YYYY-MM-DD (default: today).")
def new(council: str, **values: Any) -> None:
    """Start a site project for COUNCIL from DfE's downloaded files, ready to build."""
    from generator.commands.new_project import NewProject, new_project

    click.get_current_context().meta[UNCHANGED] = "Nothing was written."
    project = new_project(NewProject(council=council, **values))
    for summary in project.summaries:
        click.echo(f"Imported {summary}.")
    for note in project.notes:
        click.echo(note)
    click.echo(f"Wrote {project.folder}, a site project for {project.council}.\n"
               f"Next: set extra.generator.contact in {project.folder / 'mkdocs.yml'}, then run "
               f"'perfsite build' in that folder.")
