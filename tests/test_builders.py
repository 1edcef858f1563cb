"""Any builder builds the site: the generated configuration needs no help from the generator.

The generator writes a complete configuration beside the generated pages (``output/config.py``);
a plain ``mkdocs build -f`` or ``properdocs build -f`` of it gives the same page addresses as the
generator's build, and the generator's finishing pass (``output/finish.py``) over that plain
build gives exactly the generator's pages. The example built with MkDocs 1.6.1 and with
ProperDocs is the same site, byte for byte, apart from the generator meta tag.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from generator import build
from generator.build import SiteUpdater, build_site
from generator.output.finish import finish, rendered_pages
from generator.problems import DataError
from generator.settings import Settings, load_settings
from tests.fixture_sites import ROOT, fixture_settings, snapshot

#: The one line a builder writes differently: ``<meta name="generator" content="...">``.
GENERATOR_META = re.compile(rb'<meta name="generator" content="[^"]*">')


def _example(builder: str) -> Settings:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    return replace(load_settings(ROOT / "mkdocs.yml"), builder=builder)


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example site built by the generator with MkDocs: ``site/``, ``docs/``, ``mkdocs.yml``."""
    out = tmp_path_factory.mktemp("example")
    build_site(_example("mkdocs"), site_dir=out / "site", docs_dir=out / "docs")
    return out


def _pages(folder: Path) -> list[str]:
    return sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*.html"))


def _without_meta(files: dict[str, bytes]) -> dict[str, bytes]:
    return {name: GENERATOR_META.sub(b"", data) for name, data in files.items()}


@pytest.mark.parametrize("builder, meta", [
    ("mkdocs", b'<meta name="generator" content="mkdocs-1.6.1, mkdocs-material-9.8.1">'),
    ("properdocs", b'<meta name="generator" content="mkdocs-ProperDocs 1.6.7, '
                   b'mkdocs-material-9.8.1">'),
])
def test_a_plain_build_of_the_generated_configuration_gives_the_same_site(
        example: Path, tmp_path: Path, builder: str, meta: bytes) -> None:
    config = example / "mkdocs.yml"
    epoch = re.search(r"SOURCE_DATE_EPOCH=(\d+)", config.read_text(encoding="utf-8"))
    assert epoch, "the configuration says how to date a reproducible build"
    plain = tmp_path / "plain"
    # The builder's own command, in a process of its own: no hook or plugin of the generator's.
    finished = subprocess.run(
        [str(Path(sys.executable).parent / builder), "build", "-f", str(config), "-d", str(plain)],
        env={**os.environ, "SOURCE_DATE_EPOCH": epoch[1], "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True, text=True, check=False, cwd=tmp_path)
    assert finished.returncode == 0, finished.stderr
    assert _pages(plain) == _pages(example / "site")
    assert meta in (plain / "index.html").read_bytes()
    finish(plain, example / "docs")
    site = snapshot(example / "site")
    assert _without_meta(snapshot(plain)) == _without_meta(site)


def test_the_example_built_with_properdocs_is_the_mkdocs_site_but_for_the_generator_tag(
        example: Path, tmp_path: Path) -> None:
    # MkDocs is loaded in this process, so ProperDocs builds in a process of its own
    # (output/builder.py); the command line and the settings reach it the same way.
    build_site(_example("properdocs"), site_dir=tmp_path / "site", docs_dir=tmp_path / "docs")
    mkdocs, properdocs = snapshot(example / "site"), snapshot(tmp_path / "site")
    assert sorted(properdocs) == sorted(mkdocs)
    differing = sorted(name for name in mkdocs if mkdocs[name] != properdocs[name])
    rendered = [path.relative_to(example / "site").as_posix()
                for path in rendered_pages(example / "site", example / "docs")]
    assert differing == rendered, "only the rendered pages differ (their meta tag)"
    assert _without_meta(properdocs) == _without_meta(mkdocs)
    assert b"ProperDocs 1.6.7" in properdocs["index.html"]


def test_the_generated_configuration_is_complete(example: Path) -> None:
    config = yaml.safe_load((example / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["docs_dir"] == str((example / "docs").resolve())
    assert config["site_dir"] == str((example / "site").resolve())
    assert config["theme"]["custom_dir"] == str(ROOT / "site_src" / "overrides")
    assert config["strict"] is True
    assert config["nav"][0] == {"Home": "index.md"}
    assert [item for item in config["nav"] if "Glossary" in str(item)]


def test_a_failing_builder_is_one_problem_naming_it(tmp_path: Path) -> None:
    settings = fixture_settings("minimal")
    broken = tmp_path / "mkdocs.yml"
    broken.write_text(settings.config_file.read_text(encoding="utf-8")
                      + "\nnot_a_mkdocs_setting: true\n", encoding="utf-8")
    shutil.copytree(settings.root / "site_src", tmp_path / "site_src")
    with pytest.raises(DataError) as raised:
        build_site(replace(settings, builder="properdocs", config_file=broken, root=tmp_path,
                           docs_source=tmp_path / "site_src"),
                   site_dir=tmp_path / "site", docs_dir=tmp_path / "docs")
    [problem] = raised.value.problems
    assert problem.rule == "mkdocs"
    assert problem.message.startswith("ProperDocs could not build the site: ")
    assert "not_a_mkdocs_setting" in problem.message


def test_a_preview_rebuild_finishes_only_the_pages_the_builder_wrote_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "minimal"
    shutil.copytree(ROOT / "tests" / "fixtures" / "packages" / "minimal", package)
    settings = replace(fixture_settings(package), packages=(package,))
    updater = SiteUpdater(settings, site_dir=tmp_path / "site", docs_dir=tmp_path / "docs")
    updater.update()
    finished: list[list[str]] = []
    real_finish = build.finish

    def recording(site_dir: Path, docs_dir: Path, pages: list[Path] | None = None) -> object:
        finished.append(sorted(p.relative_to(site_dir).as_posix() for p in pages or []))
        return real_finish(site_dir, docs_dir, pages)

    monkeypatch.setattr(build, "finish", recording)
    observations = package / "observations.csv"
    observations.write_text(observations.read_text(encoding="utf-8").replace(
        "re-referrals,2024-25-Q1,24.0,48,200", "re-referrals,2024-25-Q1,25.0,50,200"),
        encoding="utf-8")
    updater.update()
    [pages] = finished
    assert "front-door/re-referrals/index.html" in pages
    assert "glossary/index.html" not in pages
    assert len(pages) < len(_pages(tmp_path / "site")) / 2
    page = (tmp_path / "site" / "front-door" / "re-referrals" / "index.html").read_text()
    assert "\n  <" not in page, "the rebuilt page is finished (no indentation)"
