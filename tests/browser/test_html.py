"""Valid HTML (the Nu HTML Checker) and working internal links, downloads and anchors."""

from __future__ import annotations

from pathlib import Path

import pytest

from .checks_static import check_links, run_vnu
from .conftest import BOTH_BUILDERS

pytestmark = pytest.mark.browser


@BOTH_BUILDERS
def test_every_page_is_valid_html(site_dir: Path) -> None:
    files = sorted(site_dir.rglob("*.html"))
    errors = run_vnu(files, relative_to=site_dir)
    assert not errors, f"vnu found {len(errors)} errors:\n" + "\n".join(map(str, errors))


def test_no_broken_internal_links(site_dir: Path, base_path: str, site_url: str) -> None:
    problems = check_links(site_dir, base_path, site_url)
    assert not problems, f"{len(problems)} broken links:\n" + "\n".join(map(str, problems))
