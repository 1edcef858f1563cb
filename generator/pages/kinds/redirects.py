"""Redirects from old addresses, and the packages' downloads: the files that are not pages."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.analysis.changes import PreviousRelease
from generator.model.site import Indicator, Site
from generator.model.words import FORMER_AREA_WORDS
from generator.pages import downloads
from generator.pages.kinds.common import Files, PageKind, SiteView, variables
from generator.pages.render import render

TEMPLATE = "redirect.html.j2"


@dataclass(frozen=True)
class RedirectPage:
    """A redirect's template context (an HTML page of its own, with no site navigation)."""

    title: str = field(metadata={"help": "The title of the indicator or service area that moved."})
    target: str = field(metadata={"help": "Its address now, relative to the redirect."})


def old_addresses(indicator: Indicator, previous: PreviousRelease | None) -> list[str]:
    """Return the addresses the previous release published for ``indicator`` that are not its
    address now: its page in the service area it was in, and any redirect that release made.

    An address comes from the previous release's data (where each indicator was) and from the
    page addresses it published (``PreviousRelease.addresses``), so a redirect made once is
    made again by every later release and a link from any earlier release keeps working.
    """
    if previous is None:
        return []
    ids = (indicator.id, *indicator.previous_ids)
    found = {f"{data.indicator.service_area}/{data.indicator.id}/"
             for data in previous.site.indicators if data.indicator.id in ids}
    found |= {address for address in previous.addresses
              if len(parts := address.strip("/").split("/")) == 2 and parts[1] in ids
              and parts[0] != "indicators"}
    return sorted(found - {f"{indicator.service_area}/{indicator.id}/"})


def _held(previous: PreviousRelease, known: set[str]) -> dict[str, set[str]]:
    """Return the indicator ids each service area held in the previous release, by area id:
    from its data and from the ``<area>/<id>/`` addresses it published (redirects among them).

    Only addresses naming a ``known`` indicator id count: ``priorities/<id>/`` is a page of
    another kind, never a service area.
    """
    held: dict[str, set[str]] = {area.id: set() for area in previous.site.service_areas}
    for data in previous.site.indicators:
        held.setdefault(data.indicator.service_area, set()).add(data.indicator.id)
    for address in previous.addresses:
        parts = address.strip("/").split("/")
        if len(parts) == 2 and parts[0] != "indicators" and parts[1] in known:
            held.setdefault(parts[0], set()).add(parts[1])
    return held


def former_areas(site: Site, previous: PreviousRelease | None) -> dict[str, tuple[str, str]]:
    """Return each service area the previous release published that this one no longer has,
    with its title and where its old address leads (relative to the root): the one service
    area its indicators are in now, or the home page when they went to several or none.

    An area found only among the previous release's addresses (one that release already
    redirected) is made again, so a link to it keeps working however many releases ago it went.
    """
    if previous is None:
        return {}
    now = {area.id for area in site.service_areas}
    area_of = {i: data.indicator.service_area for data in site.indicators
               for i in (data.indicator.id, *data.indicator.previous_ids)}
    titles = {area.id: area.title for area in (*site.service_areas,
                                                *previous.site.service_areas)}
    found: dict[str, tuple[str, str]] = {}
    known = set(area_of) | {data.indicator.id for data in previous.site.indicators}
    for area, ids in sorted(_held(previous, known).items()):
        if area in now:
            continue
        went = {area_of[i] for i in ids if i in area_of}
        target = f"{went.pop()}/" if len(went) == 1 else ""
        found[area] = (titles.get(area, FORMER_AREA_WORDS), target)
    return found


def redirects(view: SiteView) -> Files:
    """Return a redirect from every indicator id, old and new, from old addresses, and from
    the address of each service area the previous release had and this one has not."""
    files: Files = {}
    site = view.site
    for data in site.indicators:
        ind = data.indicator
        target_path = f"{ind.service_area}/{ind.id}/"
        for old in (ind.id, *ind.previous_ids):
            # A stable address for every id, old and new, whatever service area it sits in.
            files[f"indicators/{old}/index.html"] = render(
                TEMPLATE, **variables(RedirectPage(ind.title, "../../" + target_path)))
        for old in ind.previous_ids:
            if old not in site.by_id:
                files[f"{ind.service_area}/{old}/index.html"] = render(
                    TEMPLATE, **variables(RedirectPage(ind.title, f"../{ind.id}/")))
        for address in old_addresses(ind, view.context.previous):
            # The indicator moved from another service area: links to where an earlier release
            # had it, and the "see the latest release" link of older releases, lead here.
            if address.split("/")[1] in (ind.id, *(i for i in ind.previous_ids
                                                   if i not in site.by_id)):
                files[f"{address}index.html"] = render(
                    TEMPLATE, **variables(RedirectPage(ind.title, "../../" + target_path)))
    for area, (title, target) in former_areas(site, view.context.previous).items():
        # Every indicator of this service area moved away (or it was removed): its own page's
        # address leads to where they went, so links to the service area keep working too.
        files[f"{area}/index.html"] = render(TEMPLATE, **variables(RedirectPage(title,
                                                                             "../" + target)))
    return files


def package_downloads(view: SiteView) -> Files:
    """Return each data package as a ZIP file of its CSV tables and descriptor."""
    return {f"downloads/{package.name}.zip": downloads.package_zip(package)
            for package in view.site.packages}


REDIRECT_KIND = PageKind("Redirect", TEMPLATE, RedirectPage, redirects)
DOWNLOADS_KIND = PageKind("Package downloads", None, None, package_downloads)
