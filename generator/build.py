"""The build: check → model → pages → MkDocs, with output swapped into place only on success.

Reads top to bottom: gather everything first (settings, data, pages, navigation), then write.
"""

from __future__ import annotations

import gc
import json
import logging
import os
import time
from calendar import timegm
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.plugins import BasePlugin

from generator.changes import PreviousRelease
from generator.check import load_site
from generator.colours import colours_css
from generator.disclosure import protect
from generator.model import Site
from generator.pages import SiteContext, current_release, generate
from generator.problems import DataError, Problem
from generator.safe_text import attribute_text, plain
from generator.settings import Settings
from generator.write import (
    copy_tree,
    staging,
    strip_indentation,
    write_changed_files,
    write_files,
)

#: Where the generated MkDocs sources (site_src/ plus generated pages) are kept between builds.
GENERATED_DOCS = Path("build") / "docs"
#: Material's release selector and "not the latest" banner, on for builds deployed with mike.
VERSION_SELECTOR = {"provider": "mike", "default": "latest", "alias": True}
#: The stylesheet written from the colours in the site settings (listed in mkdocs.yml extra_css).
COLOURS_CSS = "assets/css/colours.css"
#: Folders of site_src/ that are not pages.
NOT_PAGES = ("overrides",)


@dataclass(frozen=True)
class BuildResult:
    """What a build produced."""

    site_dir: Path | None
    docs_dir: Path
    pages: int
    files: int
    seconds: dict[str, float]

    def summary(self) -> str:
        """Return a one-paragraph report for the command line."""
        timing = ", ".join(f"{stage} {seconds:.1f} s" for stage, seconds in self.seconds.items())
        where = f"site in {self.site_dir}" if self.site_dir else f"pages in {self.docs_dir}"
        return f"Built {self.pages} pages ({self.files} files): {where}. Time: {timing}."


def site_context(settings: Settings, release_id: str | None = None,
                 previous: PreviousRelease | None = None) -> SiteContext:
    """Return what pages need to know about the site from its settings."""
    return SiteContext(
        council=settings.council,
        site_url=settings.site_url,
        demonstration=settings.demonstration,
        contact=str(settings.extra.get("contact", "the performance team")),
        threshold=settings.suppression_threshold,
        release_id=release_id,
        previous=previous,
    )


def _nav_title(text: str) -> str:
    # MkDocs themes print navigation titles as HTML, unescaped: titles come from data files.
    return str(plain(attribute_text(text)))


#: Above this many service areas, the navigation groups them so every page's menu stays short.
NAV_GROUP_SIZE = 12


def _grouped(sections: list[dict[str, Any]], items: list[int]) -> list[dict[str, Any]]:
    """Return the sections as they are, or in groups by dashboard item number when there are many.

    Material renders every entry of the section a page is in, so 150 service areas would put 150
    links on each of 4,500 pages; in groups of 12, a page carries its own group and the group
    headings, and build time and page size grow linearly with the number of pages.
    """
    if len(sections) <= NAV_GROUP_SIZE:
        return sections
    groups = []
    for start in range(0, len(sections), NAV_GROUP_SIZE):
        chunk = slice(start, start + NAV_GROUP_SIZE)
        first, last = items[chunk][0], items[chunk][-1]
        groups.append({f"Items {first} to {last}": sections[chunk]})
    return groups


def navigation(site: Site, files: dict[str, Any]) -> list[Any]:
    """Return the MkDocs navigation: home, numbered service areas, then the reference pages."""
    members: dict[str, list[Any]] = {area.id: [f"{area.id}/index.md"] for area in site.service_areas}
    for data in site.indicators:
        ind = data.indicator
        members[ind.service_area].append({_nav_title(ind.title): f"{ind.service_area}/{ind.id}/index.md"})
    areas = [{_nav_title(f"{area.item}. {area.title}"): members[area.id]}
             for area in site.service_areas]
    areas = _grouped(areas, [area.item for area in site.service_areas])
    about = [{"Methodology": "methodology/index.md"}, {"Glossary": "glossary/index.md"},
             {"About the data": "about-data/index.md"}, {"Releases": "releases/index.md"},
             {"What changed": "whats-changed/index.md"},
             {"Accessibility": "accessibility/index.md"}]
    nav: list[Any] = [{"Home": "index.md"}, {"Exception report": "exceptions/index.md"}]
    nav.append({"Service areas": areas})
    if "priorities/index.md" in files:
        nav.append({"Priorities": ["priorities/index.md"] + [
            {_nav_title(p.title): f"priorities/{p.id}/index.md"} for p in site.priorities]})
    nav.append({"About": about})
    return nav


@contextmanager
def _source_date(epoch: int) -> Any:
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


class _DirtyNotice(logging.Filter):
    """Drop MkDocs' warning that a dirty build is under way: the preview knows, and in strict
    mode the warning alone would abort the build."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


class _TidyPages(BasePlugin):  # type: ignore[type-arg]
    """Strips line indentation from each HTML page as MkDocs writes it, timing itself.

    About a third of each page is indentation from Material's templates; doing this while
    MkDocs holds the page saves reading and writing every page again afterwards. The time is
    the generator's own and is reported as the ``tidy`` stage, not as MkDocs'.
    """

    def __init__(self) -> None:
        self.seconds = 0.0

    def _strip(self, html: str) -> str:
        start = time.perf_counter()
        html = strip_indentation(html)
        self.seconds += time.perf_counter() - start
        return html

    def on_post_page(self, output: str, **_: Any) -> str:
        return self._strip(output)

    def on_post_template(self, output_content: str, template_name: str, **_: Any) -> str:
        return self._strip(output_content) if template_name.endswith(".html") else output_content


def run_mkdocs(settings: Settings, docs_dir: Path, site_dir: Path, nav: list[Any],
               epoch: int, version: str | None = None, dirty: bool = False) -> float:
    """Build the static site with MkDocs in strict mode; warnings become a DataError.

    ``dirty`` rebuilds only pages whose sources are newer than their output (the preview).
    Returns the seconds spent tidying pages (included in the build's time).
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    tidy = _TidyPages()

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    try:
        config = load_config(str(settings.config_file), docs_dir=str(docs_dir),
                             site_dir=str(site_dir), nav=nav, strict=True)
        if version:
            # A release deployed with mike lives at <site_url>/<version>/, and only there is
            # there a versions.json for Material's selector to read.
            config["site_url"] = f"{settings.site_url.rstrip('/')}/{version}/"
            config["extra"]["version"] = dict(VERSION_SELECTOR)
        config.plugins["perfsite-tidy"] = tidy
        notice = _DirtyNotice()
        logging.getLogger("mkdocs.commands.build").addFilter(notice)
        try:
            with _source_date(epoch):
                build(config, dirty=dirty)
        finally:
            logging.getLogger("mkdocs.commands.build").removeFilter(notice)
    except (Abort, ConfigurationError) as error:
        raise DataError([Problem(str(settings.config_file.name), None, "",
                                 f"MkDocs could not build the site: {error}",
                                 "Read the MkDocs warnings above; the previous site is unchanged.",
                                 "mkdocs")]) from None
    return tidy.seconds


@dataclass(frozen=True)
class Prepared:
    """Everything a build writes, worked out before anything is written."""

    files: dict[str, str | bytes]
    nav: list[Any]
    epoch: int
    release_id: str
    pages: int


# Python's cyclic garbage collector runs after every 700 new objects and now and then scans
# every object there is. Reading a council's tables makes hundreds of thousands of objects that
# live for the whole build and form almost no cycles, so those scans were a fifth of the check's
# time (docs/performance.md). Reference counting still frees everything that is not a cycle.
@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic collector while the packages are read (collect once at the end)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextmanager
def _collector_skipping_what_exists() -> Iterator[None]:
    """Let the collector ignore the objects that exist now (the model) until the block ends.

    Frozen objects are also not touched by the collector in forked processes, so their memory
    stays shared with the parent.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def prepare(settings: Settings, release_id: str | None = None,
            previous: PreviousRelease | None = None, cache: dict[Any, Any] | None = None,
            timings: dict[str, float] | None = None) -> Prepared:
    """Check the data and generate every page and download (no file is written)."""
    timings = {} if timings is None else timings
    start = time.perf_counter()
    with _collector_paused():
        site = protect(load_site(settings.packages, cache), settings.suppression_threshold)
    timings["check"] = time.perf_counter() - start

    start = time.perf_counter()
    with _collector_skipping_what_exists():
        context = site_context(settings, release_id, previous)
        files = generate(site, context, cache)
        nav = navigation(site, files)
        release = current_release(site, release_id)
    timings["generate"] = time.perf_counter() - start
    pages = sum(1 for path in files if path.endswith(".md"))
    files[COLOURS_CSS] = colours_css(settings.colours)
    return Prepared(files, nav, timegm(release.date.timetuple()), release.id, pages)


def build_site(settings: Settings, site_dir: Path | None = None, pages_only: bool = False,
               release_id: str | None = None, docs_dir: Path | None = None,
               previous: PreviousRelease | None = None, versioned: bool = False,
               cache: dict[Any, Any] | None = None) -> BuildResult:
    """Check the data, generate every page, and build the site; nothing changes on failure."""
    timings: dict[str, float] = {}
    ready = prepare(settings, release_id, previous, cache, timings)
    docs_target = docs_dir or settings.root / GENERATED_DOCS
    site_target = site_dir or settings.site_dir
    start = time.perf_counter()
    with staging(docs_target) as docs_stage:
        copy_tree(settings.docs_source, docs_stage, ignore=NOT_PAGES)
        write_files(docs_stage, ready.files)
        timings["write"] = time.perf_counter() - start
        if not pages_only:
            start = time.perf_counter()
            with staging(site_target) as site_stage:
                tidy = run_mkdocs(settings, docs_stage, site_stage, ready.nav, ready.epoch,
                                  ready.release_id if versioned else None)
                timings["mkdocs"] = time.perf_counter() - start - tidy
                timings["tidy"] = tidy
    return BuildResult(None if pages_only else site_target, docs_target, ready.pages,
                       len(ready.files) - 1, timings)


class SiteUpdater:
    """Build the site once, then rebuild only what changed: the preview's fast path.

    After the first full build it keeps the checked tables and rendered pages in memory,
    writes only files whose content changed, and lets MkDocs rebuild only those pages (its
    dirty mode). When the navigation changes (an indicator or area added, removed or renamed)
    it builds everything again, because every page carries the navigation.
    """

    def __init__(self, settings: Settings, site_dir: Path | None = None,
                 docs_dir: Path | None = None):
        self.settings = settings
        self.site_dir = site_dir or settings.site_dir
        self.docs_dir = docs_dir or settings.root / GENERATED_DOCS
        self.cache: dict[Any, Any] = {}
        self.nav: list[Any] | None = None

    def update(self) -> BuildResult:
        """Bring the built site up to date with the data and page sources."""
        timings: dict[str, float] = {}
        ready = prepare(self.settings, cache=self.cache, timings=timings)
        if self.nav != ready.nav or not (self.site_dir / "index.html").is_file():
            result = build_site(self.settings, site_dir=self.site_dir, docs_dir=self.docs_dir,
                                cache=self.cache)
            self.nav = ready.nav
            return result
        start = time.perf_counter()
        sources = {path.relative_to(self.settings.docs_source).as_posix(): path.read_bytes()
                   for path in sorted(self.settings.docs_source.rglob("*"))
                   if path.is_file() and path.relative_to(self.settings.docs_source).parts[0]
                   not in NOT_PAGES}
        changed = write_changed_files(self.docs_dir, {**sources, **ready.files})
        timings["write"] = time.perf_counter() - start
        start = time.perf_counter()
        if changed:
            index = self.site_dir / "search" / "search_index.json"
            before = index.read_text(encoding="utf-8") if index.is_file() else ""
            run_mkdocs(self.settings, self.docs_dir, self.site_dir, ready.nav, ready.epoch,
                       dirty=True)
            if before:
                index.write_text(merge_search_index(before, index.read_text(encoding="utf-8")),
                                 encoding="utf-8")
        timings["mkdocs"] = time.perf_counter() - start
        return BuildResult(self.site_dir, self.docs_dir, ready.pages, len(changed), timings)


def merge_search_index(before: str, after: str) -> str:
    """Return the full search index after a dirty build, which indexes only the pages it built.

    Entries of rebuilt pages come from the new index; every other page keeps its entries.
    """
    old, new = json.loads(before), json.loads(after)
    rebuilt = {doc["location"].split("#")[0] for doc in new["docs"]}
    kept = [doc for doc in old["docs"] if doc["location"].split("#")[0] not in rebuilt]
    new["docs"] = kept + new["docs"]
    return json.dumps(new, ensure_ascii=False, separators=(",", ":"))
