"""Redirects from old addresses, and the packages' downloads: the files that are not pages."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.pages import downloads
from generator.pages.kinds.common import Files, PageKind, SiteView, variables
from generator.pages.render import render

TEMPLATE = "redirect.html.j2"


@dataclass(frozen=True)
class RedirectPage:
    """A redirect's template context (an HTML page of its own, with no site navigation)."""

    title: str = field(metadata={"help": "The title of the indicator that moved."})
    target: str = field(metadata={"help": "Its address now, relative to the redirect."})


def redirects(view: SiteView) -> Files:
    """Return a redirect from every indicator id, old and new, and from old addresses."""
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
    return files


def package_downloads(view: SiteView) -> Files:
    """Return each data package as a ZIP file of its CSV tables and descriptor."""
    return {f"downloads/{package.name}.zip": downloads.package_zip(package)
            for package in view.site.packages}


REDIRECT_KIND = PageKind("Redirect", TEMPLATE, RedirectPage, redirects)
DOWNLOADS_KIND = PageKind("Package downloads", None, None, package_downloads)
