"""How a command reports a failure: as problems, never as a traceback.

Three kinds of failure reach a command:

- ``DataError``: problems in the input, or found by the build's own checks, reported as they are;
- ``OSError``: the operating system refused (a full disk, no permission, a file where a folder
  should be, a file deleted while it was read): one problem naming the path, the reason in words
  and what to do (``system_problem``);
- anything else is a bug in the generator. It is not hidden: the report is one "internal error"
  problem naming the file the full traceback was written to, and the command exits with its own
  status (3), so tests and scripts see it fail. ``PERFSITE_TRACEBACK=1`` also prints the
  traceback, for developers.
"""

from __future__ import annotations

import os
import sys
import tempfile
import traceback
from collections.abc import Sequence
from typing import Any

import click

from generator.problems import (
    CODES,
    DataError,
    Problem,
    format_github,
    format_json,
    format_text,
    system_problem,
)

#: Set to print an internal error's traceback as well as writing it to a file.
TRACEBACK_VARIABLE = "PERFSITE_TRACEBACK"
#: Keys of click's ctx.meta (shared by the group and its commands): the format a command reports
#: in, and what a failed command says it left unchanged.
FORMAT, UNCHANGED = "perfsite.format", "perfsite.unchanged"
#: The exit status of a command stopped by problems in its input or on the computer.
PROBLEMS_STATUS = 1
#: The exit status of a command stopped by a bug in the generator.
INTERNAL_ERROR_STATUS = 3


def problems_of(error: BaseException) -> tuple[Problem, ...] | None:
    """Return the problems a failure amounts to, or None if it is a bug in the generator."""
    if isinstance(error, DataError):
        return error.problems
    if isinstance(error, OSError):
        return (system_problem(error),)
    return None


def internal_error(error: BaseException) -> Problem:
    """Write the failure's traceback to a file; return a problem that says where it is."""
    details = "".join(traceback.format_exception(error))
    try:
        handle, where = tempfile.mkstemp(prefix="perfsite-internal-error-", suffix=".txt")
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(details)
    except OSError:
        # Nowhere to keep it (the disk may be full): the screen is the only record left.
        where, shown = "the details printed above", True
    else:
        shown = bool(os.environ.get(TRACEBACK_VARIABLE))
    if shown:
        sys.stderr.write(details)
    return Problem(where, None, "", f"internal error ({type(error).__name__}: {error}); the "
                   "full details are in this file", CODES["internal-error"].fix, "internal-error")


def report_of(error: BaseException) -> tuple[tuple[Problem, ...], int]:
    """Return what to report for a failure and the exit status it calls for."""
    problems = problems_of(error)
    if problems is None:
        return (internal_error(error),), INTERNAL_ERROR_STATUS
    return problems, PROBLEMS_STATUS


def report(problems: Sequence[Problem], output_format: str = "text",
           unchanged: str = "Nothing was published.") -> None:
    """Print problems for people (to standard error), for tools (json) or for GitHub."""
    if output_format == "json":
        click.echo(format_json(problems))
    elif output_format == "github":
        click.echo(format_github(problems))
        click.echo(format_text(problems), err=True)
    else:
        text = format_text(problems).replace("Nothing was published.", unchanged)
        click.echo(text, err=bool(problems))


class Reporting(click.Command):
    """A command that reports its failure as problems and exits, instead of raising it."""

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; on a failure, report it and exit with its status."""
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise  # click's own: usage errors, exits and Ctrl+C, which click reports itself
        except Exception as error:  # noqa: BLE001 - bugs are reported too, as internal errors
            problems, status = report_of(error)
            report(problems, ctx.meta.get(FORMAT, "text"),
                   ctx.meta.get(UNCHANGED, "Nothing was published."))
            ctx.exit(status)
