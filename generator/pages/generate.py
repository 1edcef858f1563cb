"""Decide every page and file of the site: a pure function of the model.

Each page kind has its builder in ``generator.pages.kinds``. build.py runs them: it makes
``indicator_files`` for each of ``indicator_inputs`` (most of the work, which it shares between
processes) while this process makes ``site_files``. Paths are relative to the MkDocs docs
folder; nothing here touches the file system.
"""

from __future__ import annotations

from generator.analysis import Analysis, analyse
from generator.model.site import Site
from generator.pages.cache import PageCache
from generator.pages.context import SiteContext, current_release, next_release
from generator.pages.kinds import KINDS, indicator
from generator.pages.kinds.common import Files, site_view

#: Return one indicator's page and its downloads (a function of its ``IndicatorInputs`` alone).
indicator_files = indicator.build


def analyses(site: Site, cache: PageCache | None = None) -> dict[str, Analysis]:
    """Return every indicator's analysis by id (from the cache where its data is unchanged)."""
    analysis = analyse if cache is None else cache.analysis
    return {data.indicator.id: analysis(data) for data in site.indicators}


def indicator_inputs(site: Site, context: SiteContext,
                     analyses: dict[str, Analysis]) -> list[indicator.IndicatorInputs]:
    """Return what each indicator's page is made from, in the site's order."""
    release = current_release(site, context.release_id)
    return indicator.inputs(site, context, analyses, release, next_release(site, release))


def site_files(site: Site, context: SiteContext, analyses: dict[str, Analysis]) -> Files:
    """Return every file but the indicators' own: the site-wide pages, redirects and downloads."""
    view = site_view(site, context, analyses)
    files: Files = {}
    for kind in KINDS:
        if kind.build is not None:
            files.update(kind.build(view))
    return files
