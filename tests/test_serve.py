"""The preview serves the site and shows a data edit after the next poll."""

from __future__ import annotations

import shutil
import urllib.request
from dataclasses import replace
from pathlib import Path

from generator.serve import Preview
from generator.settings import load_settings

REPO = Path(__file__).resolve().parents[1]
MINIMAL = REPO / "tests" / "fixtures" / "packages" / "minimal"


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback only
        return response.read().decode("utf-8")


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

        # Bad data: the preview reports it and keeps showing the last good build.
        observations.write_text(text.replace("re-referrals,2024-25-Q1,24.0,48,200",
                                             "re-referrals,2024-25-Q1,240,48,200"), encoding="utf-8")
        assert preview.check_for_changes() is True
        assert "25.0% in April to June 2024" in _get(page)
    finally:
        preview.stop()
