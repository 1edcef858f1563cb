"""Write the complete builder configuration: the site's ``mkdocs.yml`` with everything resolved.

The generator works out the navigation, the folders and, for a release deployed with mike, the
release's address. It writes them with the rest of the site's settings into one configuration
file beside the generated pages (``build/mkdocs.yml`` for ``build/docs``), so that a plain
``mkdocs build -f build/mkdocs.yml`` or ``properdocs build -f build/mkdocs.yml`` builds exactly
the site the generator builds, with no plugin object or hook of the generator's
(docs/architecture.md, "A configuration any builder can build").

Paths the builder would read relative to the settings file (``theme.custom_dir``, ``hooks``,
``INHERIT``) are made absolute, because the generated file lives elsewhere. ``!ENV`` values are
resolved as the settings are read (``settings.environment_value``); other tags, such as
``!!python/name:`` in a ``markdown_extensions`` option, are written back unchanged.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.settings import Settings, environment_value

#: The name of the generated configuration, beside the generated pages' folder.
CONFIG_NAME = "mkdocs.yml"
#: Material's release selector and "not the latest" banner, on for builds deployed with mike.
VERSION_SELECTOR = {"provider": "mike", "default": "latest", "alias": True}


@dataclass(frozen=True)
class Tagged:
    """A YAML value with a tag the generator does not read (``!!python/name:...``), kept as is."""

    tag: str
    value: Any


class _Loader(yaml.SafeLoader):
    """A safe loader that resolves ``!ENV`` and keeps every other tag for the builder."""


class _Dumper(yaml.SafeDumper):
    """A safe dumper that writes kept tags back."""


def _keep(loader: yaml.SafeLoader, suffix: str, node: yaml.Node, prefix: str = "") -> Tagged:
    if isinstance(node, yaml.ScalarNode):
        value: Any = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)  # type: ignore[arg-type]
    return Tagged(prefix + suffix, value)


def _represent(dumper: yaml.SafeDumper, item: Tagged) -> yaml.Node:
    if isinstance(item.value, list):
        return dumper.represent_sequence(item.tag, item.value)
    if isinstance(item.value, dict):
        return dumper.represent_mapping(item.tag, item.value)
    return dumper.represent_scalar(item.tag, str(item.value))


_Loader.add_constructor("!ENV", environment_value)
_Loader.add_multi_constructor(
    "tag:yaml.org,2002:python/",
    lambda loader, suffix, node: _keep(loader, suffix, node, "tag:yaml.org,2002:python/"))
_Loader.add_multi_constructor("!", lambda loader, suffix, node: _keep(loader, suffix, node, "!"))
_Dumper.add_representer(Tagged, _represent)


def _absolute(root: Path, value: Any) -> Any:
    return str((root / value).resolve()) if isinstance(value, str) else value


def site_config(settings: Settings, docs_dir: Path, site_dir: Path, nav: list[Any],
                version: str | None = None) -> dict[str, Any]:
    """Return the site's settings with the generated folders, navigation and release resolved.

    ``version`` is the release a build deployed with mike is for: it lives at
    ``<site_url>/<version>/``, and only there is there a ``versions.json`` for Material's
    release selector to read.
    """
    text = settings.config_file.read_text(encoding="utf-8")
    config: dict[str, Any] = dict(yaml.load(text, Loader=_Loader) or {})  # noqa: S506 - safe loader
    root = settings.root
    if "INHERIT" in config:
        config["INHERIT"] = _absolute(root, config["INHERIT"])
    theme = config.get("theme")
    if isinstance(theme, dict) and "custom_dir" in theme:
        config["theme"] = {**theme, "custom_dir": _absolute(root, theme["custom_dir"])}
    if isinstance(config.get("hooks"), list):
        config["hooks"] = [_absolute(root, hook) for hook in config["hooks"]]
    config.update(docs_dir=str(docs_dir.resolve()), site_dir=str(site_dir.resolve()),
                  strict=True, nav=nav)
    if version:
        config["site_url"] = f"{settings.site_url.rstrip('/')}/{version}/"
        config["extra"] = {**config.get("extra", {}), "version": dict(VERSION_SELECTOR)}
    return config


def config_text(config: dict[str, Any], epoch: int) -> str:
    """Return the configuration as YAML, headed by how to build it reproducibly."""
    header = ("# Written by the generator from the site's settings: do not edit (it is written "
              "again by every build).\n"
              "# Any builder reads it as it is, for example:\n"
              f"#   SOURCE_DATE_EPOCH={epoch} properdocs build -f THIS_FILE\n"
              "# (SOURCE_DATE_EPOCH dates the sitemap from the release, not the clock).\n")
    return header + yaml.dump(config, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                              width=100)


def config_path(settings: Settings, docs_dir: Path) -> Path:
    """Return where the configuration of pages generated into ``docs_dir`` is written.

    Beside the pages' folder, as ``mkdocs.yml``; never over the site's own settings file (a
    ``--docs-dir`` beside it), where it is ``<folder>.mkdocs.yml`` instead.
    """
    docs_dir = docs_dir.resolve()
    path = docs_dir.parent / CONFIG_NAME
    return docs_dir.parent / f"{docs_dir.name}.{CONFIG_NAME}" if path == settings.config_file \
        else path


def write_config(path: Path, text: str) -> bool:
    """Write the configuration in one step (a reader never sees half of it); return whether it
    changed. An unchanged file keeps its modification time."""
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
            file.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return True
