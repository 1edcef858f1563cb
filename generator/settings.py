"""Site settings: read once from ``mkdocs.yml`` and checked against the declared settings schema.

``generator/input/schemas/settings.schema.json`` declares every key the generator reads, with its type,
description and default; ``docs/site-settings.md`` documents them (a test keeps the two the same).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.input.config import load_schema, schema_problems
from generator.pages.colours import colour_problems
from generator.problems import CODES, DataError, Problem, sort_problems

SCHEMA = load_schema("settings")
SETTINGS_DOCS = "docs/site-settings.md"
#: The declared keys of the generator's own section, ``extra.generator``.
GENERATOR_KEYS: dict[str, Any] = SCHEMA["properties"]["extra"]["properties"]["generator"]["properties"]
#: The one default for the suppression threshold (DfE's), declared in the schema.
DEFAULT_THRESHOLD: int = GENERATOR_KEYS["suppression_threshold"]["default"]
DEFAULT_CONTACT: str = GENERATOR_KEYS["contact"]["default"]
DEFAULT_DEMONSTRATION: bool = GENERATOR_KEYS["demonstration"]["default"]
DEFAULT_BUILDER: str = GENERATOR_KEYS["builder"]["default"]
#: The programs that can build the site (docs/site-settings.md, ``extra.generator.builder``).
BUILDERS: tuple[str, ...] = tuple(GENERATOR_KEYS["builder"]["enum"])


class _Loader(yaml.SafeLoader):
    """A safe YAML loader that reads MkDocs' ``!ENV`` tag and tolerates its other tags."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    return None


def environment_value(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """Return an ``!ENV`` value as MkDocs reads it: ``!ENV NAME`` or ``!ENV [NAME..., default]``.

    Settings such as ``site_url`` are often set this way in CI, so the schema checks the value.
    """
    if isinstance(node, yaml.SequenceNode):
        items = [str(loader.construct_scalar(item)) for item in node.value]
        names, default = (items[:-1], items[-1]) if len(items) > 1 else (items, None)
    else:
        names, default = [str(loader.construct_scalar(node))], None
    value = next((os.environ[name] for name in names if name in os.environ), default)
    return None if value is None else yaml.safe_load(value)


_Loader.add_constructor("!ENV", environment_value)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)
_Loader.add_multi_constructor("!", _ignore_tag)


@dataclass(frozen=True)
class Settings:
    """Everything a council sets about its site, in one typed object."""

    root: Path
    config_file: Path
    site_name: str
    site_url: str
    council: str
    packages: tuple[Path, ...]
    docs_source: Path
    site_dir: Path
    suppression_threshold: int = DEFAULT_THRESHOLD
    demonstration: bool = DEFAULT_DEMONSTRATION
    colours: dict[str, str] = field(default_factory=dict)
    contact: str = DEFAULT_CONTACT
    #: The program that builds the site from the generated sources (``BUILDERS``).
    builder: str = DEFAULT_BUILDER


def _default(key: str) -> Any:
    """Return the declared default of a top-level key of mkdocs.yml."""
    return SCHEMA["properties"][key]["default"]


def _read(config_file: Path, where: str) -> Any:
    """Return the parsed YAML of the settings file; an unreadable file is a ``DataError``."""
    try:
        return yaml.load(config_file.read_text(encoding="utf-8"), Loader=_Loader) or {}
    except FileNotFoundError:
        raise DataError([Problem(where, None, "", "the site settings file does not exist",
                                 CODES["settings-missing"].fix,
                                 "settings-missing")]) from None
    except UnicodeDecodeError as error:
        raise DataError([Problem(where, None, "", f"the site settings file is not UTF-8 text (byte "
                                 f"{error.start + 1} cannot be read)",
                                 CODES["settings-encoding"].fix, "settings-encoding")]) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise DataError([Problem(where, mark.line + 1 if mark else None, "",
                                 f"mkdocs.yml is not valid YAML: {error}",
                                 CODES["settings-yaml"].fix, "settings-yaml")]) from None


def settings_problems(config: Any, where: str) -> list[Problem]:
    """Return every problem with the parsed settings: the schema's, then the colours' contrast."""
    problems = schema_problems(config, SCHEMA, where, "settings", SETTINGS_DOCS)
    # Contrast can only be measured on colours the schema accepts.
    if any(problem.field.startswith("extra.generator.colours") for problem in problems):
        return problems
    colours = config
    for key in ("extra", "generator", "colours"):
        colours = colours.get(key) if isinstance(colours, dict) else None
    return sort_problems(problems + [
        Problem(where, None, "extra.generator.colours", sentence,
                CODES["settings-colour"].fix,
                "settings-colour") for sentence in colour_problems(colours or {})])


#: A way for a reader to reach someone: an email address, a web or mailto link, or a telephone
#: number (ten digits or more, spaces and hyphens allowed between them).
_REACHABLE = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+|https?://|mailto:|(\d[ -]?){10,}")


def contact_warnings(settings: Settings) -> list[Problem]:
    """Return a warning when the accessibility statement gives readers no way to reach anyone.

    The accessibility regulations require the statement to say how to report a problem, so a
    name alone ("the performance team", the default) is not a contact. A warning, not a
    refusal: a preview or a demonstration site may build without one.
    """
    if _REACHABLE.search(settings.contact):
        return []
    return [Problem(settings.config_file.name, None, "extra.generator.contact",
                    f"the accessibility statement asks readers to contact '{settings.contact}' "
                    "but gives no email address, telephone number or web address",
                    CODES["settings-contact"].fix, "settings-contact")]


def load_settings(config_file: Path | str = "mkdocs.yml") -> Settings:
    """Read the site settings from ``mkdocs.yml``; problems are raised as a ``DataError``."""
    config_file = Path(config_file).resolve()
    where = str(config_file.name)
    config = _read(config_file, where)
    problems = settings_problems(config, where)
    if problems:
        raise DataError(problems)
    root = config_file.parent
    generator = config["extra"]["generator"]
    return Settings(
        root=root,
        config_file=config_file,
        site_name=config["site_name"],
        site_url=config.get("site_url", _default("site_url")),
        council=generator.get("council", config["site_name"]),
        packages=tuple(root / path for path in generator["packages"]),
        docs_source=root / config.get("docs_dir", _default("docs_dir")),
        site_dir=root / config.get("site_dir", _default("site_dir")),
        suppression_threshold=generator.get("suppression_threshold", DEFAULT_THRESHOLD),
        demonstration=generator.get("demonstration", DEFAULT_DEMONSTRATION),
        colours=dict(generator.get("colours", {})),
        contact=generator.get("contact", DEFAULT_CONTACT),
        builder=generator.get("builder", DEFAULT_BUILDER),
    )
