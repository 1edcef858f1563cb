"""The preview serves the site and shows a data edit after the next poll."""

from __future__ import annotations

import json
import shutil
import urllib.request
from dataclasses import replace
from pathlib import Path

from generator.build import build_site
from generator.commands.serve import Preview
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


def test_preview_rebuilds_when_a_data_file_changes(tmp_path: Path) -> None:
    package = tmp_path / "minimal"
    shutil.copytree(MINIMAL, package)
    settings = replace(load_settings(REPO / "mkdocs.yml"), packages=(package,),
                       council="Testshire Council")
    preview = Preview(settings, port=0, site_dir=tmp_path / "site", docs_dir=tmp_path / "docs")
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
        _assert_same_as_a_full_build(settings, tmp_path / "site", tmp_path / "full")

        # Bad data: the preview reports it and keeps showing the last good build.
        observations.write_text(text.replace("re-referrals,2024-25-Q1,24.0,48,200",
                                             "re-referrals,2024-25-Q1,240,48,200"), encoding="utf-8")
        assert preview.check_for_changes() is True
        assert "25.0% in April to June 2024" in _get(page)
    finally:
        preview.stop()
