"""``perfsite new COUNCIL``: DfE's files to a project that builds with no hand edits."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.commands.cli import main
from generator.commands.new_project import SITE_SOURCES, display_name
from generator.importers.councils import find_council, read_councils
from tests.dfe_source import EES, NEIGHBOURS

ROOT = Path(__file__).resolve().parent.parent
LAIT = ROOT / "tests" / "fixtures" / "dfe_all" / "lait" / "lait_all.parquet"


def _new(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["new", *args, "--ees", str(EES), "--release-date",
                                       "2025-12-01"])
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def bristol(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    folder = tmp_path_factory.mktemp("new") / "bristol"
    code, output = _new("Bristol", "--out", str(folder), "--neighbours", str(NEIGHBOURS),
                        "--lait", str(LAIT))
    assert code == 0, output
    return folder, output


def test_new_says_what_it_wrote_and_what_is_left_to_do(bristol: tuple[Path, str]) -> None:
    folder, output = bristol
    lines = output.splitlines()
    # The import report: every mapped indicator imported, LAIT filling the children in need rate.
    report = lines[1:23]
    assert report[0] == ("Import report for Bristol, City of (801, E06000023) from explore "
                         "education statistics and LAIT: 21 of 21 mapped indicators imported.")
    assert all(line.startswith("  ") and ": imported, " in line for line in report[1:]), report
    assert lines[:1] + lines[23:] == [
        "Imported Department for Education published figures for Bristol, City of: "
        "6 service_areas, 21 indicators, 204 observations, 5385 comparators, 1 releases.",
        f"Wrote {folder}, a site project for City of Bristol.",
        f"Next: set extra.generator.contact in {folder / 'mkdocs.yml'}, then run 'perfsite "
        "build' in that folder.",
    ]
    assert sorted(p.name for p in folder.iterdir()) == [".gitignore", "datapackages",
                                                       "mkdocs.yml", "site_src"]
    assert oct(folder.stat().st_mode & 0o777) == "0o755"


def test_the_project_builds_as_written_and_warns_only_about_the_contact(
        bristol: tuple[Path, str], monkeypatch: pytest.MonkeyPatch) -> None:
    folder, _ = bristol
    monkeypatch.chdir(folder)
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if line.startswith("Warning")]
    assert warnings == ["Warning: mkdocs.yml, field \"extra.generator.contact\": the "
                        "accessibility statement asks readers to contact 'the performance team' "
                        "but gives no email address, telephone number or web address"]
    home = (folder / "site" / "index.html").read_text(encoding="utf-8")
    assert "City of Bristol children&#39;s services performance" in home or \
        "City of Bristol children's services performance" in home
    assert "demonstration" not in home.lower()


def test_the_settings_name_the_council_and_keep_the_example_theme(
        bristol: tuple[Path, str]) -> None:
    folder, _ = bristol
    new = yaml.safe_load((folder / "mkdocs.yml").read_text(encoding="utf-8"))
    example = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    for key in ("docs_dir", "theme", "plugins", "markdown_extensions", "extra_css",
                "extra_javascript", "strict", "use_directory_urls"):
        assert new[key] == example[key], key
    assert new["site_name"] == "City of Bristol children's services performance"
    assert new["site_description"] == (
        "How City of Bristol's children's services are performing, from the Department for "
        "Education's published figures, with England, the region and similar councils.")
    assert new["extra"]["generator"] == {
        "council": "City of Bristol", "packages": ["datapackages/dfe-bristol-city-of"],
        "suppression_threshold": 5, "demonstration": False, "contact": "the performance team",
        "colours": example["extra"]["generator"]["colours"]}
    assert "site_url" not in new
    copied = sorted(p.relative_to(folder / "site_src") for p in (folder / "site_src").rglob("*"))
    assert copied == sorted(p.relative_to(SITE_SOURCES) for p in SITE_SOURCES.rglob("*"))


def test_an_existing_folder_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    folder = tmp_path / "trafford"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    code, output = _new("Trafford", "--out", str(folder))
    assert code == 1
    assert output.splitlines()[0] == (f"{folder}: {folder} already exists: perfsite new never "
                                      "writes over a folder")
    assert [p.name for p in tmp_path.iterdir()] == ["trafford"]
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]


def test_a_failed_import_leaves_nothing_behind(tmp_path: Path) -> None:
    code, output = _new("Camden", "--out", str(tmp_path / "camden"))
    assert code == 1
    assert "the files hold no rows for Camden (202, E09000007)" in output
    assert "Nothing was written." in output
    assert list(tmp_path.iterdir()) == []


def test_the_default_folder_is_named_after_the_council(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, output = _new("E08000009")
    assert code == 0, output
    assert [p.name for p in tmp_path.iterdir()] == ["trafford-performance"]


@pytest.mark.parametrize(("query", "name"), [
    ("Trafford", "Trafford"),
    ("Bristol", "City of Bristol"),
    ("Herefordshire", "County of Herefordshire"),
    ("Kingston upon Hull", "City of Kingston upon Hull"),
    ("Bournemouth, Christchurch and Poole", "Bournemouth, Christchurch and Poole"),
])
def test_the_council_is_named_as_a_reader_says_it(query: str, name: str) -> None:
    assert display_name(find_council(query, read_councils())) == name
