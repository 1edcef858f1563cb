"""The release pages: the release calendar and what changed since the previous release."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.analysis import changes
from generator.model.site import Release, ReleaseStatus
from generator.pages.context import PageContext, long_date
from generator.pages.kinds.common import Files, PageKind, SiteView, page_text

RELEASES = "releases/index.md"
WHATS_CHANGED = "whats-changed/index.md"


@dataclass(frozen=True)
class ReleaseRow:
    """One release in the calendar."""

    release: Release = field(metadata={
        "help": "The release: `release.label` (its name for readers), `release.id`, `release.title`, "
                "`release.date`."})
    date: str = field(metadata={
        "help": "Its date as GOV.UK writes it, such as 14 November 2024."})
    status: str = field(metadata={"help": "Published or Planned."})


@dataclass(frozen=True, kw_only=True)
class ReleasesPage(PageContext):
    """The release calendar's template context."""

    releases: tuple[ReleaseRow, ...] = field(metadata={
        "help": "One `ReleaseRow` per release, latest first."})


@dataclass(frozen=True, kw_only=True)
class WhatsChangedPage(PageContext):
    """The "What changed" page's template context."""

    changes: changes.Changes = field(metadata={
        "help": "What changed since the previous release: `changes.first_release` (no release "
                "was published before), `changes.not_compared` (some were, but none was given to "
                "compare with), `changes.earlier` (the releases published before this one), "
                "`changes.previous`, `changes.nothing_changed`, `changes.revisions`, "
                "`changes.new_periods`, `changes.rating_changes`, `changes.new_indicators`, "
                "`changes.renamed_indicators`, `changes.moved_indicators` (each with `indicator`, "
                "`old_area` and `new_area`), `changes.retired_indicators`, "
                "`changes.removed_indicators`."})


def releases(view: SiteView) -> Files:
    """Return the release calendar."""
    rows = tuple(ReleaseRow(r, long_date(r.date),
                            "Published" if r.status is ReleaseStatus.PUBLISHED else "Planned")
                 for r in reversed(view.site.releases))
    return {RELEASES: page_text("releases.md.j2", ReleasesPage(**view.page(RELEASES),
                                                               releases=rows))}


def whats_changed(view: SiteView) -> Files:
    """Return what changed since the previous release (from the site settings' ``previous``)."""
    found = changes.compare(view.context.previous, view.site, view.release)
    return {WHATS_CHANGED: page_text("whats-changed.md.j2", WhatsChangedPage(
        **view.page(WHATS_CHANGED), changes=found))}


RELEASES_KIND = PageKind("Releases", "releases.md.j2", ReleasesPage, releases)
WHATS_CHANGED_KIND = PageKind("What changed", "whats-changed.md.j2", WhatsChangedPage,
                              whats_changed)
