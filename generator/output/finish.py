"""Finish the built site: the generator's own passes over what the builder wrote, in order.

The builder (``output/builder.py``) writes the pages from the generated sources with no help
from the generator; this pass then does, over the built folder, what no builder does:

1. removes what the theme writes that the HTML standard forbids (``output/html_fixes.py``:
   ``autocomplete`` on Material's checkboxes, ``aria-hidden`` on Zensical's label);
2. marks each abbreviation in a page's content, officers' text included, with its meaning
   (``pages.abbreviations``), in the ``<article>`` of the content only, as the theme's
   header, navigation and footer are not prose;
3. strips the indentation the theme's templates put on every line (``write.strip_indentation``);
4. puts each heading's anchor link beside it (``pages.anchors``);
5. leaves out the theme files no reader's browser fetches and our stylesheets' comments
   (``output/prune.py``).

The pages are the HTML files the builder rendered: every ``.html`` file of the site but those
copied as they are from the sources (the redirects from an old address). The search index is
left as the builder wrote it: it is built from the pages' text before any of this, and the
marks and anchors change no text it holds (its entries keep no ``<abbr>`` or heading link).

The time spent here is the generator's own, reported as the ``tidy`` stage.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.output import html_fixes
from generator.output.prune import prune
from generator.output.write import strip_indentation
from generator.pages import abbreviations, anchors

#: Where the theme puts a page's own content (Material's ``partials/content.html``).
CONTENT_START = '<article class="md-content__inner md-typeset">'
CONTENT_END = "</article>"
#: Material's search index, which also says which languages its search worker loads.
SEARCH_INDEX = Path("search") / "search_index.json"


@dataclass(frozen=True)
class Finished:
    """What the finishing pass did."""

    pages: int
    bytes_pruned: int
    seconds: float


def mark_content(html: str) -> str:
    """Return the page with each abbreviation in its content (the ``<article>``) marked."""
    start = html.find(CONTENT_START)
    end = html.rfind(CONTENT_END)
    if start == -1 or end < start:
        return html
    start += len(CONTENT_START)
    return html[:start] + abbreviations.mark(html[start:end]) + html[end:]


def finish_page(html: str) -> str:
    """Return one built page with every per-page pass applied, in order."""
    # Anchors last: they look for the headings' permalinks as the indentation-free page has them.
    return anchors.place(strip_indentation(mark_content(html_fixes.fix_page(html))))


def rendered_pages(site_dir: Path, docs_dir: Path) -> list[Path]:
    """Return the HTML pages the builder rendered: all but those copied from the sources."""
    return [path for path in sorted(site_dir.rglob("*.html"))
            if not (docs_dir / path.relative_to(site_dir)).is_file()]


def page_times(site_dir: Path) -> dict[Path, int]:
    """Return each HTML file's modification time, to tell afterwards which a dirty build wrote."""
    return {path: path.stat().st_mtime_ns for path in site_dir.rglob("*.html")}


def written_since(site_dir: Path, before: dict[Path, int]) -> list[Path]:
    """Return the HTML files written (or made) since ``before`` was taken."""
    return [path for path, mtime in sorted(page_times(site_dir).items())
            if before.get(path) != mtime]


def search_languages(site_dir: Path) -> list[str]:
    """Return the search index's languages (English when the site has no Material index)."""
    index = site_dir / SEARCH_INDEX
    if not index.is_file():
        return ["en"]
    languages = json.loads(index.read_text(encoding="utf-8")).get("config", {}).get("lang")
    return [str(lang) for lang in languages] if languages else ["en"]


def finish_file(path: Path) -> bool:
    """Finish one built page in place; return whether it changed."""
    html = path.read_bytes().decode("utf-8")  # as written: no newline is translated
    finished = finish_page(html)
    if finished != html:
        path.write_bytes(finished.encode("utf-8"))
    return finished != html


def one_by_one(function: Callable[[Path], bool], pages: Sequence[Path]) -> list[bool]:
    """Apply ``function`` to each page in this process (``finish``'s default way)."""
    return [function(page) for page in pages]


def finish(site_dir: Path, docs_dir: Path, pages: Iterable[Path] | None = None,
           each: Callable[[Callable[[Path], bool], Sequence[Path]], list[bool]] = one_by_one,
           ) -> Finished:
    """Finish the built site in place: ``pages`` (default: every rendered page), then prune.

    The preview passes only the pages its dirty build wrote again (``written_since``), so a
    rebuild finishes a few pages, not the whole site. ``each`` applies the per-page passes to
    the pages; a full build shares them between processes (``parallel.started``), as the pages
    do not depend on one another.
    """
    start = time.perf_counter()
    todo = [path for path in (rendered_pages(site_dir, docs_dir) if pages is None else pages)
            if not (docs_dir / path.relative_to(site_dir)).is_file()]  # copied, not rendered
    each(finish_file, todo)
    saved = prune(site_dir, search_languages(site_dir))
    return Finished(len(todo), saved, time.perf_counter() - start)
