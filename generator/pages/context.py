"""What pages know about the site besides its data, and what every page template may read.

``SiteContext`` comes from the site settings; ``PageContext`` is the part of every page's
template context that does not depend on the page kind. Each page kind's context (in
``generator.pages.kinds``) adds its own fields to it. Each field's ``help`` is its entry in
docs/page-templates.md, which a test keeps in step with the code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from generator.analysis import changes
from generator.model.site import Release, ReleaseStatus, Site


@dataclass(frozen=True)
class SiteContext:
    """What pages need to know about the site beyond the data."""

    council: str
    site_url: str
    demonstration: bool
    #: Counts of people from 1 to this are not published (its one source is the site settings).
    threshold: int
    #: How readers reach the performance team (its one default is the settings schema's).
    contact: str
    release_id: str | None = None
    #: The data as the previous release published it, for the "What changed" page.
    previous: changes.PreviousRelease | None = None
    #: The announced corrections of this release, oldest first (``publish --correct``).
    corrections: tuple[changes.Correction, ...] = ()
    #: Whether this build is a release deployed with mike (``publish``): only then does each
    #: page's permanent address, <site_url><release id>/<path>, exist. A plain build (``build``,
    #: the preview, tests) is not there.
    versioned: bool = False


@dataclass(frozen=True)
class CorrectionNotice:
    """A correction as one page announces it."""

    correction: changes.Correction = field(metadata={
        "help": "The correction: `correction.note`, `correction.date`, `correction.revisions` "
                "(each with `indicator`, `period`, `old` and `new`)."})
    date: str = field(metadata={
        "help": "The day it was published, as GOV.UK writes it, such as 2 December 2025."})
    superseded: str = field(metadata={
        "help": "The link to this page as it was before the correction."})


@dataclass(frozen=True, kw_only=True)
class PageContext:
    """What every page template may read, whatever the kind of page."""

    council: str = field(metadata={"help": "The council's name, from the site settings."})
    demonstration: bool = field(metadata={
        "help": "Whether the site shows demonstration data (the notice at the top of pages)."})
    provenance: str = field(metadata={
        "help": "Where the comparison figures on the page (or, on site-wide pages, the site) "
                "come from, from the comparators' `source` column, such as Source of the "
                "England and regional figures: Department for Education. Empty when no source "
                "is declared: then nothing is claimed."})
    release: Release = field(metadata={
        "help": "The release being built: `release.label` (its name for readers, such as Quarter 2 "
                "2025/26 (July to September 2025)), `release.title`, `release.id`, `release.date`."})
    release_date: str = field(metadata={
        "help": "The release's date as GOV.UK writes it, such as 14 November 2024."})
    next_release: Release | None = field(metadata={
        "help": "The first planned release after this one, or nothing."})
    next_release_date: str = field(metadata={
        "help": "The next release's date as GOV.UK writes it, or an empty text."})
    root: str = field(metadata={
        "help": "The way from this page up to the site's top folder, such as `../../`: put it "
                "before a link to another page."})
    corrections: tuple[CorrectionNotice, ...] = field(default=(), metadata={
        "help": "The release's announced corrections this page shows, oldest first, each a "
                "`CorrectionNotice`: `notice.date`, `notice.correction.note`, "
                "`notice.correction.revisions`, `notice.superseded` (this page before it)."})


def long_date(day: date) -> str:
    """Return a date as GOV.UK writes it: 14 November 2024."""
    return f"{day.day} {day:%B %Y}"


def current_release(site: Site, release_id: str | None = None) -> Release:
    """Return the release being built: the one named, or the latest published."""
    published = [r for r in site.releases if r.status is ReleaseStatus.PUBLISHED]
    if release_id:
        for release in site.releases:
            if release.id == release_id:
                return release
        raise KeyError(release_id)
    if not published:
        raise ValueError("no published release")
    return published[-1]


def next_release(site: Site, release: Release) -> Release | None:
    """Return the first planned release after the given one."""
    later = [r for r in site.releases if r.date > release.date and r.status is ReleaseStatus.PLANNED]
    return later[0] if later else None


def page_fields(council: str, demonstration: bool, provenance: str, release: Release,
                upcoming: Release | None, path: str,
                corrections: tuple[changes.Correction, ...] = ()) -> dict[str, Any]:
    """Return the ``PageContext`` fields of the page at ``path`` (relative to the docs folder).

    They are keyword arguments for a page kind's context class, which checks them.
    """
    root = "../" * path.count("/")
    # The superseded copy is a folder beside the release's own, so the page keeps its path in it.
    here = path.removesuffix("index.md")
    return {
        "council": council,
        "demonstration": demonstration,
        "provenance": provenance,
        "release": release,
        "release_date": long_date(release.date),
        "next_release": upcoming,
        "next_release_date": long_date(upcoming.date) if upcoming else "",
        "root": root,
        "corrections": tuple(CorrectionNotice(c, long_date(c.date),
                                              f"{root}../{c.superseded}/{here}")
                             for c in corrections),
    }
