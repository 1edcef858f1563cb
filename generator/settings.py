"""Site settings: read once from the ``extra.generator`` section of ``mkdocs.yml``."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.analysis.disclosure import DEFAULT_THRESHOLD
from generator.pages.colours import colour_problems
from generator.problems import DataError, Problem


class _Loader(yaml.SafeLoader):
    """A safe YAML loader that tolerates MkDocs' ``!!python/name`` and ``!ENV`` tags."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    return None


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
    demonstration: bool = False
    colours: dict[str, str] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)


def load_settings(config_file: Path | str = "mkdocs.yml") -> Settings:
    """Read the site settings from ``mkdocs.yml``; problems are raised as a ``DataError``."""
    config_file = Path(config_file).resolve()
    where = str(config_file.name)
    try:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_Loader) or {}
    except FileNotFoundError:
        raise DataError([Problem(where, None, "", "the site settings file does not exist",
                                 "Run the command from the project folder, or pass --config.",
                                 "settings-missing")]) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise DataError([Problem(where, mark.line + 1 if mark else None, "",
                                 f"mkdocs.yml is not valid YAML: {error}",
                                 "Fix the indentation or quoting.", "settings-yaml")]) from None
    root = config_file.parent
    generator = (config.get("extra") or {}).get("generator") or {}
    problems = []
    packages = generator.get("packages")
    if not packages or not isinstance(packages, list):
        problems.append(Problem(where, None, "extra.generator.packages",
                                "no data packages are listed",
                                "List the package folders under extra.generator.packages.",
                                "settings-packages"))
        packages = []
    threshold = generator.get("suppression_threshold", DEFAULT_THRESHOLD)
    if not isinstance(threshold, int) or threshold < 0:
        problems.append(Problem(where, None, "extra.generator.suppression_threshold",
                                f"'{threshold}' is not a whole number of 0 or more",
                                "Set it to 5 to follow DfE practice.", "settings-threshold"))
        threshold = DEFAULT_THRESHOLD
    colours = generator.get("colours") or {}
    if not isinstance(colours, dict):
        colours = {"primary": colours}
    for sentence in colour_problems(colours):
        problems.append(Problem(where, None, "extra.generator.colours", sentence,
                                "Choose a darker colour: check it with a contrast checker "
                                "against white.", "settings-colour"))
    if problems:
        raise DataError(problems)
    return Settings(
        root=root,
        config_file=config_file,
        site_name=str(config.get("site_name", "")),
        site_url=str(config.get("site_url", "") or ""),
        council=str(generator.get("council", config.get("site_name", ""))),
        packages=tuple(root / str(path) for path in packages),
        docs_source=root / str(config.get("docs_dir", "site_src")),
        site_dir=root / str(config.get("site_dir", "site")),
        suppression_threshold=threshold,
        demonstration=bool(generator.get("demonstration", False)),
        colours={str(k): str(v) for k, v in colours.items()},
        extra=dict(generator),
    )
