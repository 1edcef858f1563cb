"""The validation gate: read every package, apply every rule, and report all problems together."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from generator.input.links import link_problems
from generator.input.load import ReadCache, read_packages
from generator.input.rules import package_problems, release_problems, site_problems
from generator.model.site import Site, assemble_site
from generator.problems import DataError, Problem, sort_problems


def check_packages(folders: Iterable[Path], cache: ReadCache | None = None
                   ) -> tuple[Site | None, list[Problem]]:
    """Validate packages; return the assembled site (when there are no problems) and the problems.

    ``cache`` lets a preview skip tables whose files have not changed since the last check.
    """
    built, problems = read_packages(folders, cache)
    # The rules read every table of a package: one whose header is wrong or that could not be
    # read at all would only make them report its consequences (a period with no observation).
    if not any(p.rule in {"unknown-column", "missing-column", "resource-unreadable"}
               for p in problems):
        for raw, package in built:
            problems.extend(package_problems(raw, package))
        problems.extend(release_problems(built))
        problems.extend(link_problems(built))
    problems.extend(site_problems(built))
    problems = sort_problems(set(problems))
    if problems:
        return None, problems
    return assemble_site(package for _, package in built), []


def load_site(folders: Iterable[Path], cache: ReadCache | None = None) -> Site:
    """Return the site built from valid packages, or raise ``DataError`` with every problem."""
    site, problems = check_packages(folders, cache)
    if site is None:
        raise DataError(problems)
    return site
