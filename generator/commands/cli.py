"""Command-line interface: thin commands that parse options and call one function each.

Failures are reported in one place, ``failures.Reporting.invoke``, around every command: problems
in the input and refusals of the operating system as problems, bugs as one "internal error" line
that names the file holding the traceback (generator/commands/failures.py).
"""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import click

from generator.analysis.changes import Move
from generator.commands.failures import FORMAT, UNCHANGED, Reporting, report
from generator.model import format as fmt
from generator.settings import BUILDERS, Settings, load_settings

CONFIG_OPTION = click.option(
    "--config", "config_file", default="mkdocs.yml", show_default=True,
    type=click.Path(dir_okay=False, path_type=Path), help="The site settings file.",
)

BUILDER_OPTION = click.option(
    "--builder", type=click.Choice(BUILDERS), default=None,
    help="The program that builds the site (default: extra.generator.builder in the settings "
         "file, or mkdocs).")


def _settings(config_file: Path, builder: str | None) -> Settings:
    """Return the site settings, with the builder chosen on the command line if one was."""
    settings = load_settings(config_file)
    return settings if builder is None else replace(settings, builder=builder)


class Commands(click.Group):
    """The group of commands: each reports its failures as problems (failures.Reporting)."""

    command_class = Reporting


@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Publish performance indicators from data packages as an accessible static site."""


@main.command()
@click.argument("packages", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["text", "json", "github"]),
              default="text", show_default=True,
              help="text for people, json for tools, github for GitHub Actions annotations.")
@CONFIG_OPTION
@click.option("--release", "release_id", default=None, metavar="RELEASE",
              help="Also check that this release (a CI tag) is in releases.csv, published and "
                   "the newest, so that publish would accept it.")
@click.option("--previous", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=None, help="Folder of the previous release's data packages: also list "
              "the indicators moved to another service area since.")
def check(packages: tuple[Path, ...], output_format: str, config_file: Path,
          release_id: str | None, previous: Path | None) -> None:
    """Validate data packages (default: every package listed in the site settings)."""
    from generator.commands.publish import moves_since, release_problems
    from generator.input.check import check_packages

    click.get_current_context().meta[FORMAT] = output_format
    settings = load_settings(config_file)
    folders = packages or settings.packages
    site, problems = check_packages(folders)
    if site is not None and release_id is not None:
        problems = release_problems(site, release_id)
    if output_format == "text" and not problems:
        click.echo(f"Checked {len(folders)} package(s): no problems found.")
    else:
        report(problems, output_format)
    if site is not None and previous is not None:
        for move in moves_since(site, previous, settings.suppression_threshold):
            click.echo(move_notice(move, output_format))
    sys.exit(1 if problems else 0)


def move_notice(move: Move, output_format: str) -> str:
    """Return the line that tells an officer an indicator moved to another service area."""
    text = (f"{move.indicator.title} ({move.indicator.id}) moved from {move.old_area} to "
            f"{move.new_area} since the previous release: its page is now at "
            f"{move.indicator.path}, and publish makes a redirect from its old address.")
    return f"::notice title=Indicator moved::{text}" if output_format == "github" else text


@main.command()
@CONFIG_OPTION
@click.option("--site-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where to write the built site (default: site_dir in mkdocs.yml).")
@click.option("--pages-only", is_flag=True, help="Generate the Markdown pages but skip MkDocs.")
@BUILDER_OPTION
def build(config_file: Path, site_dir: Path | None, pages_only: bool,
          builder: str | None) -> None:
    """Check the data, generate the pages and build the whole static site."""
    from generator.build import build_site

    result = build_site(_settings(config_file, builder), site_dir=site_dir,
                        pages_only=pages_only)
    click.echo(result.summary())


@main.command()
@CONFIG_OPTION
@click.option("--port", default=8000, show_default=True, help="Port on 127.0.0.1.")
@BUILDER_OPTION
def serve(config_file: Path, port: int, builder: str | None) -> None:
    """Build and serve the site locally, rebuilding when a data or source file changes."""
    from generator.commands.serve import serve_site

    serve_site(_settings(config_file, builder), port=port)


@main.command()
@CONFIG_OPTION
@click.option("--remote", required=True,
              help="Where to publish: a git remote URL, or a local (bare) repository's path.")
@click.option("--branch", default="gh-pages", show_default=True, help="The Pages branch.")
@click.option("--release", "release_id", default=None,
              help="Release id from releases.csv (default: the latest published).")
@click.option("--previous", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=None, help="Folder of the previous release's data packages, for 'What "
              "changed' (default: read from the previous release in the branch).")
@click.option("--correct", "correct_id", default=None, metavar="RELEASE",
              help="Correct this published release: rebuild it from its own published data "
                   "with the rows of --rows applied, and announce it with --note.")
@click.option("--note", default=None, help="With --correct: what was wrong, shown on the pages.")
@click.option("--rows", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="With --correct: a CSV of corrected observations rows.")
@BUILDER_OPTION
def publish(config_file: Path, remote: str, branch: str, release_id: str | None,
            previous: Path | None, correct_id: str | None, note: str | None,
            rows: Path | None, builder: str | None) -> None:
    """Build a release and deploy it with mike to its own address in the Pages branch."""
    from generator.commands.correct import CorrectionRequest
    from generator.commands.publish import publish as publish_release

    correction = None
    if correct_id is not None:
        if note is None or rows is None or release_id is not None:
            raise click.UsageError("--correct needs --note and --rows, and no --release.")
        correction = CorrectionRequest(correct_id, note, rows, date.today())
    elif note is not None or rows is not None:
        raise click.UsageError("--note and --rows go with --correct RELEASE.")
    result = publish_release(_settings(config_file, builder), remote, branch=branch,
                             release_id=release_id, previous=previous, correction=correction)
    click.echo(result.summary())


@main.command()
@click.argument("release")
@click.option("--remote", required=True,
              help="Where the site is published: a git remote URL, or a local repository's path.")
@click.option("--branch", default="gh-pages", show_default=True, help="The Pages branch.")
def withdraw(release: str, remote: str, branch: str) -> None:
    """Remove a release from the Pages branch; latest and the root lead to the newest left."""
    from generator.commands.withdraw import withdraw as withdraw_release

    click.get_current_context().meta[UNCHANGED] = "Nothing was withdrawn."
    click.echo(withdraw_release(remote, release, branch=branch).summary())


@main.command()
@click.argument("resource", required=False, type=click.Choice(sorted(fmt.SCHEMAS)))
def schema(resource: str | None) -> None:
    """Print the Table Schema of a resource (or of all resources) as JSON."""
    value = fmt.schema(resource) if resource else {name: fmt.schema(name) for name in fmt.SCHEMAS}
    click.echo(json.dumps(value, indent=2, ensure_ascii=False))


def _register_importers() -> None:
    from generator.commands.importing import import_dfe, import_ees, import_lait, new

    main.add_command(import_ees)
    main.add_command(import_lait)
    main.add_command(import_dfe)
    main.add_command(new)


_register_importers()

if __name__ == "__main__":  # pragma: no cover
    main()
