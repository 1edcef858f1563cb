"""The preview serves the site, shows a data edit after the next poll, and survives bad edits."""

from __future__ import annotations

import json
import os
import shutil
import urllib.request
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from generator.build import build_site
from generator.commands.serve import Preview, snapshot
from generator.settings import Settings, load_settings

REPO = Path(__file__).resolve().parents[1]
MINIMAL = REPO / "tests" / "fixtures" / "packages" / "minimal"


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback only
        return response.read().decode("utf-8")


def _assert_same_as_a_full_build(settings: Settings, site: Path, scratch: Path) -> None:
    """The preview rebuilds only changed pages; the result must equal a full build's."""
    build_site(settings, site_dir=scratch / "site", docs_dir=scratch / "docs")
    full = scratch / "site"
    names = sorted(p.relative_to(full).as_posix() for p in full.rglob("*") if p.is_file())
    assert names == sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    for name in names:
        if name == "search/search_index.json":
            entries = [json.loads((root / name).read_text(encoding="utf-8"))["docs"]
                       for root in (site, full)]
            assert sorted(map(str, entries[0])) == sorted(map(str, entries[1]))
        else:
            assert (site / name).read_bytes() == (full / name).read_bytes(), name


def _preview(tmp_path: Path) -> tuple[Path, Preview]:
    """Start a preview of a copy of the minimal package; return the copy and the preview."""
    package = tmp_path / "minimal"
    shutil.copytree(MINIMAL, package)
    settings = replace(load_settings(REPO / "mkdocs.yml"), packages=(package,),
                       council="Testshire Council")
    return package, Preview(settings, port=0, site_dir=tmp_path / "site",
                            docs_dir=tmp_path / "docs")


def test_preview_rebuilds_when_a_data_file_changes(tmp_path: Path) -> None:
    package, preview = _preview(tmp_path)
    try:
        page = preview.url + "front-door/re-referrals/"
        assert "24.0% in April to June 2024" in _get(page)
        assert preview.check_for_changes() is False
        observations = package / "observations.csv"
        text = observations.read_text(encoding="utf-8")
        observations.write_text(text.replace("re-referrals,2024-25-Q1,24.0,48,200",
                                             "re-referrals,2024-25-Q1,25.0,50,200"), encoding="utf-8")
        assert preview.check_for_changes() is True
        assert "25.0% in April to June 2024" in _get(page)
        _assert_same_as_a_full_build(preview.settings, tmp_path / "site", tmp_path / "full")

        # Bad data: the preview reports it and keeps showing the last good build.
        observations.write_text(text.replace("re-referrals,2024-25-Q1,24.0,48,200",
                                             "re-referrals,2024-25-Q1,240,48,200"), encoding="utf-8")
        assert preview.check_for_changes() is True
        assert "25.0% in April to June 2024" in _get(page)
    finally:
        preview.stop()


def _truncate_descriptor(package: Path, _monkeypatch: pytest.MonkeyPatch) -> None:
    path = package / "datapackage.json"
    path.write_text(path.read_text(encoding="utf-8")[:100], encoding="utf-8")


def _half_saved_workbook(package: Path, _monkeypatch: pytest.MonkeyPatch) -> None:
    descriptor = package / "datapackage.json"
    workbook = REPO / "tests" / "fixtures" / "dfe" / "statistical_neighbours_may_2025.xlsx"
    (package / "observations.xlsx").write_bytes(workbook.read_bytes()[:3000])
    descriptor.write_text(descriptor.read_text(encoding="utf-8").replace(
        '"observations.csv"', '"observations.xlsx"'), encoding="utf-8")


def _delete_observations(package: Path, _monkeypatch: pytest.MonkeyPatch) -> None:
    (package / "observations.csv").unlink()


def _bug(package: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import generator.build

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug in the generator")

    monkeypatch.setattr(generator.build, "prepare", broken)
    (package / "observations.csv").touch()  # any change, so that the preview rebuilds


@pytest.mark.parametrize("edit, said", [
    (_truncate_descriptor, "datapackage.json"),
    (_half_saved_workbook, "observations.xlsx"),
    (_delete_observations, "observations.csv"),
    (_bug, "internal error (RuntimeError: a bug in the generator)"),
])
def test_a_bad_edit_is_reported_and_the_last_good_site_kept_serving(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    edit: Callable[[Path, pytest.MonkeyPatch], None], said: str,
) -> None:
    package, preview = _preview(tmp_path)
    try:
        page = preview.url + "front-door/re-referrals/"
        assert "24.0% in April to June 2024" in _get(page)
        capsys.readouterr()
        edit(package, monkeypatch)
        assert preview.check_for_changes() is True
        output = capsys.readouterr()
        assert said in output.err and "still shows the last good build" in output.err
        assert "Traceback" not in output.out + output.err
        assert "24.0% in April to June 2024" in _get(page)

        # The edit is finished (here: the good files put back) and the next look rebuilds.
        monkeypatch.undo()
        shutil.rmtree(package)
        shutil.copytree(MINIMAL, package)
        observations = package / "observations.csv"
        observations.write_text(observations.read_text(encoding="utf-8").replace(
            "re-referrals,2024-25-Q1,24.0,48,200", "re-referrals,2024-25-Q1,25.0,50,200"),
            encoding="utf-8")
        assert preview.check_for_changes() is True
        assert "25.0% in April to June 2024" in _get(page)
    finally:
        preview.stop()


def test_a_file_deleted_while_the_preview_looks_is_left_out(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch
                                                             ) -> None:
    (tmp_path / "kept.csv").write_text("a", encoding="utf-8")
    (tmp_path / "deleted.csv").write_text("b", encoding="utf-8")
    real_stat = Path.stat

    def stat(self: Path, *args: object, **kwargs: object) -> os.stat_result:
        if self.name == "deleted.csv":
            raise FileNotFoundError(2, "No such file or directory", str(self))
        return real_stat(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "stat", stat)
    assert list(snapshot([tmp_path])) == [str(tmp_path / "kept.csv")]
