"""Generate the golden copy of the minimal fixture's pages: `python -m tests.golden_pages`.

The golden copy in tests/golden/minimal/ is what a reviewer reads in a diff when page wording or
layout changes. tests/test_pages.py compares a fresh generation with it.
"""

from __future__ import annotations

import shutil
import sys
from functools import cache
from pathlib import Path

from generator.analysis.disclosure import protect
from generator.build import generate
from generator.input.check import load_site
from generator.pages.context import SiteContext
from generator.settings import DEFAULT_THRESHOLD

ROOT = Path(__file__).resolve().parent
FIXTURE = ROOT / "fixtures" / "packages" / "minimal"
GOLDEN = ROOT / "golden" / "minimal"
# The pages as a published release (``publish``, versioned) shows them to readers: with each
# indicator's permanent link and citation. A plain build's preview wording is tested in
# tests/test_citation.py.
CONTEXT = SiteContext(council="Testshire Council", site_url="https://example.org/performance/",
                      demonstration=True, threshold=DEFAULT_THRESHOLD,
                      contact="performance@testshire.example", versioned=True)


@cache
def generated_pages() -> dict[str, str]:
    """Return the Markdown and HTML pages generated from the minimal fixture (no downloads)."""
    site = protect(load_site([FIXTURE]), DEFAULT_THRESHOLD)
    files = generate(site, CONTEXT)
    return {path: text for path, text in files.items()
            if isinstance(text, str) and path.endswith((".md", ".html"))}


def main() -> int:
    """Rewrite the golden copy from the current code."""
    if GOLDEN.exists():
        shutil.rmtree(GOLDEN)
    for path, text in generated_pages().items():
        target = GOLDEN / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")
    print(f"Wrote {len(generated_pages())} golden pages to {GOLDEN}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
