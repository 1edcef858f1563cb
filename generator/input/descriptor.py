"""Read datapackage.json and check its shape before anything uses it.

The descriptor is read within limits (``files.MAX_DESCRIPTOR_BYTES``, nesting
``files.MAX_DESCRIPTOR_DEPTH``) from a regular file only, parsed, and checked against
``schemas/descriptor.schema.json`` the way the site settings are checked: a value of an
unexpected kind (``licenses`` as text, a list as a resource name, a path with a NUL character)
is a problem naming the property, never a crash further on. A Frictionless package that names
none of the format's tables is said to be not an indicator data package, in one problem.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

from generator.input.config import load_schema, schema_problems
from generator.input.files import (
    MAX_DESCRIPTOR_BYTES,
    MAX_DESCRIPTOR_DEPTH,
    NotRegular,
    descriptor_depth,
    display_path,
    read_limited,
    special_file_problem,
)
from generator.model import format as fmt
from generator.problems import CODES, Problem

DESCRIPTOR = "datapackage.json"
_DOCS = "docs/data-package.md"


def _text(path: Path, where: str, problems: list[Problem]) -> str | None:
    """Return the descriptor's text, or ``None`` with the problem that stopped it being read."""
    special = special_file_problem(path, where)
    if special is not None:
        problems.append(special)
        return None
    try:
        data = read_limited(path, MAX_DESCRIPTOR_BYTES)
    except FileNotFoundError:
        problems.append(Problem(where, None, "", "the package has no datapackage.json",
                                CODES["descriptor-missing"].fix, "descriptor-missing"))
        return None
    except (NotRegular, OSError) as error:  # replaced by a pipe since the check above
        problems.append(Problem(where, None, "", f"datapackage.json could not be read ({error})",
                                CODES["file-special"].fix, "file-special"))
        return None
    if len(data) > MAX_DESCRIPTOR_BYTES:
        problems.append(Problem(where, None, "", "datapackage.json is over the "
                                f"{MAX_DESCRIPTOR_BYTES // 2**20} MB limit",
                                CODES["descriptor-size"].fix, "descriptor-size"))
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        problems.append(Problem(where, None, "", "datapackage.json is not UTF-8 text",
                                CODES["descriptor-encoding"].fix, "descriptor-encoding"))
        return None


def _parse(text: str, where: str, problems: list[Problem]) -> tuple[bool, Any]:
    """Return whether the text is usable JSON and its value; record the problem if it is not."""
    too_deep = Problem(where, None, "", "datapackage.json nests lists and objects more than "
                       f"{MAX_DESCRIPTOR_DEPTH} deep", CODES["descriptor-depth"].fix,
                       "descriptor-depth")
    try:
        descriptor = json.loads(text)
    except json.JSONDecodeError as error:
        problems.append(Problem(where, error.lineno, "", "datapackage.json is not valid JSON: "
                                f"{error.msg} at line {error.lineno}, column {error.colno}",
                                CODES["descriptor-json"].fix, "descriptor-json"))
        return False, None
    except RecursionError:  # Python's parser gives up long before memory would
        problems.append(too_deep)
        return False, None
    if descriptor_depth(descriptor) > MAX_DESCRIPTOR_DEPTH:
        problems.append(too_deep)
        return False, None
    return True, descriptor


def _table_names(resources: list[Any]) -> list[str]:
    return [str(item["name"]) for item in resources
            if isinstance(item, dict) and isinstance(item.get("name"), str | int | float)]


def _not_indicator_package(resources: list[Any], where: str) -> Problem | None:
    """Return the one problem for a package that names none of the format's tables."""
    names = _table_names(resources)
    if any(name in fmt.SCHEMAS for name in names):
        return None
    found = ("it lists no tables" if not names else "its tables are "
             + ", ".join(f"'{name[:40]}'" for name in names[:5]) + (", ..." if len(names) > 5
                                                                      else ""))
    return Problem(where, None, "resources", "this is not an indicator data package (no "
                   f"indicators table): {found}",
                   f"{CODES['not-indicator-package'].fix[:-1]}: " + ", ".join(fmt.SCHEMAS) + ".",
                   "not-indicator-package")


def _shape(descriptor: dict[str, Any], where: str) -> list[Problem]:
    """Return a problem for each property whose value has an unexpected kind or form."""
    found = schema_problems(descriptor, load_schema("descriptor"), where, "descriptor", _DOCS)
    # A property with no value (null) has the wrong kind too; a NUL character is shown escaped.
    return [dataclasses.replace(problem, rule="descriptor-type" if problem.rule == "descriptor-empty"
                                else problem.rule,
                                message=problem.message.replace("\x00", "\\0"))
            for problem in found]


def _outside_file(path: Path, folder: Path) -> bool:
    """Return whether the path is a link to an ordinary file outside the folder.

    Anything else (a folder, a pipe, a device, a loop of links) is reported when it is opened.
    """
    try:
        resolved, root = path.resolve(), folder.resolve()
    except (OSError, RuntimeError):
        return False
    return resolved.is_file() and root not in resolved.parents


def read_descriptor(folder: Path, problems: list[Problem]) -> dict[str, Any] | None:
    """Return the package's descriptor if it can be used, else ``None``; record every problem."""
    where = display_path(folder / DESCRIPTOR)
    if not folder.is_dir():
        problems.append(Problem(display_path(folder), None, "", "the data package folder does "
                                "not exist", CODES["package-missing"].fix, "package-missing"))
        return None
    if _outside_file(folder / DESCRIPTOR, folder):
        problems.append(Problem(where, None, "", "datapackage.json is a symbolic link to a file "
                                "outside the package folder", "Keep datapackage.json and every "
                                "table inside the package folder.", "resource-outside"))
        return None
    text = _text(folder / DESCRIPTOR, where, problems)
    if text is None:
        return None
    parsed, descriptor = _parse(text, where, problems)
    if not parsed:
        return None
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        problems.append(Problem(where, None, "resources", "datapackage.json has no list of "
                                "resources", CODES["descriptor-resources"].fix,
                                "descriptor-resources"))
        return None
    other = _not_indicator_package(descriptor["resources"], where)
    if other is not None:
        problems.append(other)
        return None
    shape = _shape(descriptor, where)
    problems.extend(shape)
    return None if shape else descriptor
