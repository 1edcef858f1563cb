"""The build: check → model → pages → MkDocs, with output swapped into place only on success.

Reads top to bottom: gather everything first (settings, data, pages, navigation), then write.
"""

from __future__ import annotations

import gc
import tempfile
import time
from calendar import timegm
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from generator.analysis.changes import Correction, PreviousRelease
from generator.analysis.disclosure import hide_in_previous, protect
from generator.input.check import load_site
from generator.input.load import ReadCache
from generator.model.site import Site
from generator.output.builder import merge_search_index, run_builder
from generator.output.config import config_path, config_text, site_config, write_config
from generator.output.finish import finish, page_times, written_since
from generator.output.write import copy_tree, staging, write_changed_files, write_files
from generator.pages import generate as pages
from generator.pages.cache import PageCache
from generator.pages.colours import colours_css
from generator.pages.context import SiteContext, current_release
from generator.pages.navigation import navigation
from generator.parallel import started
from generator.problems import Problem
from generator.settings import Settings, contact_warnings

#: Where the generated MkDocs sources (site_src/ plus generated pages) are kept between builds.
GENERATED_DOCS = Path("build") / "docs"
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
    #: What the site lacks but can be built without (settings.contact_warnings).
    warnings: tuple[Problem, ...] = ()

    def summary(self) -> str:
        """Return a one-paragraph report for the command line, after any warnings."""
        timing = ", ".join(f"{stage} {seconds:.1f} s" for stage, seconds in self.seconds.items())
        where = f"site in {self.site_dir}" if self.site_dir else f"pages in {self.docs_dir}"
        lines = [f"Warning: {warning.location()}: {warning.message}\n"
                 f"    How to fix: {warning.fix}" for warning in self.warnings]
        return "\n".join([*lines, f"Built {self.pages} pages ({self.files} files): {where}. "
                                   f"Time: {timing}."])


def site_context(settings: Settings, release_id: str | None = None,
                 previous: PreviousRelease | None = None,
                 corrections: tuple[Correction, ...] = (),
                 versioned: bool = False) -> SiteContext:
    """Return what pages need to know about the site from its settings.

    ``versioned`` says the site is being built as a release for ``publish`` (mike), so each
    page's permanent address in its release folder will exist.
    """
    return SiteContext(
        council=settings.council,
        site_url=settings.site_url,
        demonstration=settings.demonstration,
        contact=settings.contact,
        threshold=settings.suppression_threshold,
        release_id=release_id,
        previous=previous,
        corrections=corrections,
        versioned=versioned,
    )


@dataclass
class BuildCache:
    """What the preview keeps between rebuilds: the tables it read and the pages it made."""

    read: ReadCache = field(default_factory=ReadCache)
    pages: PageCache = field(default_factory=PageCache)


def generate(site: Site, context: SiteContext,
             cache: PageCache | None = None) -> dict[str, str | bytes]:
    """Return every generated file of the site: path relative to the docs folder, and content.

    ``cache`` (kept by the preview between rebuilds) reuses the analysis and pages of each
    indicator whose data and surroundings have not changed; the output is the same either way.
    """
    analyses = pages.analyses(site, cache)
    indicators = pages.indicator_inputs(site, context, analyses)
    pending: AbstractContextManager[Callable[[], list[dict[str, str | bytes]]]]
    if cache is None:
        # A full build: the indicator pages are independent, so forked processes make them
        # while this one makes the other pages.
        pending = started(pages.indicator_files, indicators)
    else:
        # The preview: a page is made again only when what it is made from has changed.
        pending = nullcontext(lambda: [cache.files_of(item) for item in indicators])
    with pending as indicator_results:
        files = pages.site_files(site, context, analyses)
        for made in indicator_results():
            files.update(made)
    return files


@dataclass(frozen=True)
class Prepared:
    """Everything a build writes, worked out before anything is written."""

    files: dict[str, str | bytes]
    nav: list[Any]
    epoch: int
    release_id: str
    pages: int


# Reading the packages makes hundreds of thousands of long-lived objects with almost no cycles,
# which the cyclic collector would scan again and again (docs/performance.md, item 17).
# Reference counting still frees everything that is not a cycle.
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
            previous: PreviousRelease | None = None, cache: BuildCache | None = None,
            timings: dict[str, float] | None = None,
            corrections: tuple[Correction, ...] = (), versioned: bool = False) -> Prepared:
    """Check the data and generate every page and download (no file is written).

    ``versioned``: the pages are for a release deployed with mike (``build_site``'s).
    """
    timings = {} if timings is None else timings
    start = time.perf_counter()
    with _collector_paused():
        # What the previous release hid stays hidden, and What changed shows no earlier
        # figure that this release hides (docs/methodology-analysis.md, across releases).
        site = protect(load_site(settings.packages, cache.read if cache else None),
                       settings.suppression_threshold, previous.site if previous else None)
        if previous is not None:
            previous = replace(previous, site=hide_in_previous(previous.site, site))
    timings["check"] = time.perf_counter() - start

    start = time.perf_counter()
    with _collector_skipping_what_exists():
        context = site_context(settings, release_id, previous, corrections, versioned)
        files = generate(site, context, cache.pages if cache else None)
        nav = navigation(site, files)
        release = current_release(site, release_id)
    timings["generate"] = time.perf_counter() - start
    pages = sum(1 for path in files if path.endswith(".md"))
    files[COLOURS_CSS] = colours_css(settings.colours)
    return Prepared(files, nav, timegm(release.date.timetuple()), release.id, pages)


def build_site(settings: Settings, site_dir: Path | None = None, pages_only: bool = False,
               release_id: str | None = None, docs_dir: Path | None = None,
               previous: PreviousRelease | None = None, versioned: bool = False,
               cache: BuildCache | None = None,
               corrections: tuple[Correction, ...] = ()) -> BuildResult:
    """Check the data, generate every page, and build the site; nothing changes on failure.

    ``corrections`` are the announced corrections of the release being published again
    (``publish --correct``): its pages carry their notices.
    """
    timings: dict[str, float] = {}
    ready = prepare(settings, release_id, previous, cache, timings, corrections, versioned)
    docs_target = docs_dir or settings.root / GENERATED_DOCS
    site_target = site_dir or settings.site_dir
    version = ready.release_id if versioned else None
    start = time.perf_counter()
    with staging(docs_target) as docs_stage:
        copy_tree(settings.docs_source, docs_stage, ignore=NOT_PAGES)
        write_files(docs_stage, ready.files)
        timings["write"] = time.perf_counter() - start
        if not pages_only:
            with staging(site_target) as site_stage:
                # The builder reads the same configuration as the one written beside the pages,
                # but with the staging folders, which become the targets only if it succeeds.
                config = site_config(settings, docs_stage, site_stage, ready.nav, version)
                _run_builder(settings, config, ready.epoch, timings)
                start = time.perf_counter()
                finish(site_stage, docs_stage, each=_shared)
                timings["tidy"] = time.perf_counter() - start
    write_config(config_path(settings, docs_target), config_text(
        site_config(settings, docs_target, site_target, ready.nav, version), ready.epoch))
    return BuildResult(None if pages_only else site_target, docs_target, ready.pages,
                       len(ready.files) - 1, timings, tuple(contact_warnings(settings)))


def _shared(function: Callable[[Path], bool], pages: Sequence[Path]) -> list[bool]:
    """Apply ``function`` to the pages, shared between forked processes (``parallel.py``)."""
    with started(function, pages) as results:
        return results()


def _run_builder(settings: Settings, config: dict[str, Any], epoch: int,
                 timings: dict[str, float]) -> None:
    """Build the site a configuration describes, from a file of its own, timing the builder."""
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="perfsite-config-") as folder:
        config_file = Path(folder) / "mkdocs.yml"
        write_config(config_file, config_text(config, epoch))
        run_builder(settings.builder, config_file, epoch)
    timings["mkdocs"] = time.perf_counter() - start


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
        self.cache = BuildCache()
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
        try:
            return self._update_changed(ready, timings)
        except BaseException:
            # Writing in place failed part way (a full disk): the site may be half updated, so
            # the next update builds it whole, through the staging folders.
            self.nav = None
            raise

    def _update_changed(self, ready: Prepared, timings: dict[str, float]) -> BuildResult:
        """Write the changed sources and pages, and let the builder rebuild only their pages."""
        start = time.perf_counter()
        sources = {path.relative_to(self.settings.docs_source).as_posix(): path.read_bytes()
                   for path in sorted(self.settings.docs_source.rglob("*"))
                   if path.is_file() and path.relative_to(self.settings.docs_source).parts[0]
                   not in NOT_PAGES}
        changed = write_changed_files(self.docs_dir, {**sources, **ready.files})
        timings["write"] = time.perf_counter() - start
        start = time.perf_counter()
        if changed:
            config_file = config_path(self.settings, self.docs_dir)
            write_config(config_file, config_text(site_config(
                self.settings, self.docs_dir, self.site_dir, ready.nav), ready.epoch))
            index = self.site_dir / "search" / "search_index.json"
            before = index.read_text(encoding="utf-8") if index.is_file() else ""
            pages = page_times(self.site_dir)
            run_builder(self.settings.builder, config_file, ready.epoch, dirty=True)
            if before:
                index.write_text(merge_search_index(before, index.read_text(encoding="utf-8")),
                                 encoding="utf-8")
            timings["mkdocs"] = time.perf_counter() - start
            start = time.perf_counter()
            # Only the pages the dirty build wrote again: the others are finished already.
            finish(self.site_dir, self.docs_dir, written_since(self.site_dir, pages))
            timings["tidy"] = time.perf_counter() - start
        timings.setdefault("mkdocs", time.perf_counter() - start)
        return BuildResult(self.site_dir, self.docs_dir, ready.pages, len(changed), timings,
                           tuple(contact_warnings(self.settings)))


