"""Decide every page and file of the site and render it: a pure function of the model.

``generate(site, context)`` returns a mapping from output path (relative to the MkDocs docs
folder) to content. Nothing here touches the file system.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any

from generator.analysis import changes
from generator.analysis.glossary import ABBREVIATIONS
from generator.model.site import IndicatorData, Release, ReleaseStatus, Site
from generator.pages import downloads, views
from generator.pages.charts import breakdown, time_series
from generator.pages.render import render
from generator.parallel import started


@dataclass(frozen=True)
class SiteContext:
    """What pages need to know about the site beyond the data."""

    council: str
    site_url: str
    demonstration: bool
    contact: str = "the performance team"
    threshold: int = 5
    release_id: str | None = None
    #: The data as the previous release published it, for the "What changed" page.
    previous: changes.PreviousRelease | None = None


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


def abbreviation_block(*texts: str) -> str:
    """Return Markdown abbreviation definitions for the abbreviations the texts use."""
    used = sorted(key for key in ABBREVIATIONS if any(_uses(text, key) for text in texts))
    if not used:
        return ""
    return "\n" + "\n".join(f"*[{key}]: {ABBREVIATIONS[key]}" for key in used) + "\n"


def _uses(text: str, word: str) -> bool:
    # The substring test first: the look-behind stops re from scanning fast, and pages with chart
    # data are long (this was a third of page generation at council scale).
    return word in text and re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text) is not None


def _remembered(cache: dict[Any, Any] | None, key: Any, inputs: Any, make: Callable[[], Any]) -> Any:
    """Return ``make()``, or what it returned last time for equal inputs (when given a cache)."""
    if cache is None:
        return make()
    seen = cache.get(key)
    if seen is not None and seen[0] == inputs:
        return seen[1]
    value = make()
    cache[key] = (inputs, value)
    return value


def generate(site: Site, context: SiteContext,
             cache: dict[Any, Any] | None = None) -> dict[str, str | bytes]:
    """Return every generated file of the site: path relative to the docs folder, and content.

    ``cache`` (kept by the preview between rebuilds) reuses the analysis and pages of each
    indicator whose data and surroundings have not changed; the output is the same either way.
    """
    release = current_release(site, context.release_id)
    upcoming = next_release(site, release)
    analyses = {
        data.indicator.id: _remembered(cache, ("analysis", data.indicator.id), data,
                                       partial(views.analyse_indicator, data))
        for data in site.indicators
    }
    base = {
        "council": context.council,
        "demonstration": context.demonstration,
        "release": release,
        "release_date": long_date(release.date),
        "next_release": upcoming,
        "next_release_date": long_date(upcoming.date) if upcoming else "",
        "legend": views.LEGEND,
        "rating_chip": views.rating_chip,
        "rollup_table": views.rollup_table,
        "direction_table": views.direction_table,
    }
    files: dict[str, str | bytes] = {}

    def rendered(path: str, template: str, **extra: Any) -> str:
        """Return a page for ``path``, with links relative to it and its abbreviations defined."""
        text = render(template, **base, root="../" * path.count("/"), **extra)
        return text + abbreviation_block(text)

    def page(path: str, template: str, **extra: Any) -> None:
        files[path] = rendered(path, template, **extra)

    def rollup_of(members: list[IndicatorData]) -> Any:
        return views.summarise([analyses[d.indicator.id] for d in members])

    def rows_of(members: list[IndicatorData]) -> list[dict[str, Any]]:
        return [views.table_row(d, analyses[d.indicator.id]) for d in members]

    def indicator_files(data: IndicatorData) -> dict[str, str | bytes]:
        """Return an indicator's page and downloads."""
        ind = data.indicator
        path = f"{ind.service_area}/{ind.id}/index.md"
        view = _indicator_page(site, data, analyses[ind.id], context, release)
        return {path: rendered(path, "indicator.md.j2", **view), **_indicator_downloads(data, release)}

    pending: AbstractContextManager[Callable[[], list[dict[str, str | bytes]]]]
    if cache is None:
        # A full build: the indicator pages are independent, so forked processes make them
        # while this one makes the other pages.
        pending = started(indicator_files, site.indicators)
    else:
        # The preview: a page is made again only when what it shows has changed. Besides its
        # own data, that is the names of related indicators, priorities and the replacement,
        # the release and the site's settings.
        pending = nullcontext(lambda: [
            _remembered(cache, ("pages", data.indicator.id),
                        (data, release, upcoming, context, _neighbours(site, data.indicator)),
                        partial(indicator_files, data))
            for data in site.indicators])
    with pending as indicator_results:
        summary = rollup_of(list(site.indicators))
        exceptions = views.exception_rows(site, analyses, summary)
        area_cards = []
        for area in site.service_areas:
            members = [d for d in site.indicators if d.indicator.service_area == area.id]
            area_summary = rollup_of(members)
            area_cards.append({"area": area, "indicator_count": len(members),
                               "summary_text": views.summary_text(area_summary)})
            page(f"{area.id}/index.md", "area.md.j2", area=area, rows=rows_of(members),
                 summary=area_summary)
        page("index.md", "home.md.j2", summary=summary,
             exceptions=exceptions, areas=area_cards)
        page("exceptions/index.md", "exceptions.md.j2", exceptions=exceptions)

        priority_cards = []
        for priority in site.priorities:
            members = [d for d in site.indicators if priority.id in d.indicator.priorities]
            item_summary = rollup_of(members)
            priority_cards.append({"priority": priority, "indicator_count": len(members),
                                   "summary_text": views.summary_text(item_summary)})
            page(f"priorities/{priority.id}/index.md", "priority.md.j2", priority=priority,
                 rows=rows_of(members), summary=item_summary)
        if site.priorities:
            page("priorities/index.md", "priorities.md.j2", priorities=priority_cards)

        page("glossary/index.md", "glossary.md.j2", terms=views.glossary_terms())
        page("methodology/index.md", "methodology.md.j2", threshold=context.threshold)
        page("about-data/index.md", "about-data.md.j2", packages=site.packages,
             sources=views.sources(site))
        page("accessibility/index.md", "accessibility.md.j2", contact=context.contact,
             statement_date=long_date(release.date))
        page("releases/index.md", "releases.md.j2",
             releases=[{"release": r, "date": long_date(r.date),
                        "status": "Published" if r.status is ReleaseStatus.PUBLISHED else "Planned"}
                       for r in reversed(site.releases)])
        page("whats-changed/index.md", "whats-changed.md.j2",
             changes=changes.compare(context.previous, site))
        for package in site.packages:
            files[f"downloads/{package.name}.zip"] = downloads.package_zip(package)
        for made in indicator_results():
            files.update(made)
    files.update(_redirects(site, context))
    return files


def _neighbours(site: Site, ind: Any) -> tuple[Any, ...]:
    """Return the other objects an indicator's page names: related, priorities, replacement."""
    known = site.by_id
    return (tuple(known[other].indicator for other in ind.related if other in known),
            tuple(p for p in site.priorities if p.id in ind.priorities),
            known[ind.replaced_by].indicator if ind.replaced_by in known else None)


def _indicator_page(site: Site, data: IndicatorData, analysis: Any, context: SiteContext,
                    release: Release) -> dict[str, Any]:
    """Return what the indicator page template needs."""
    ind = data.indicator
    view = views.indicator_view(data, analysis, context.council)
    series = time_series(data, context.council, view.chart_title, f"chart-{ind.id}")
    parts = breakdown(data, f"breakdown-{ind.id}")
    known = site.by_id
    return {
        "ind": ind,
        "view": view,
        "commentary": views.latest_commentary(data),
        "series_chart": series,
        "breakdown_chart": parts,
        "breakdown_table": views.breakdown_table(data) if parts else None,
        "table": views.data_table(data, context.council),
        "words": views.words(ind),
        "target_text": views.target_text(data),
        "related": [site.indicator(other).indicator for other in ind.related if other in known],
        "priorities": [p for p in site.priorities if p.id in ind.priorities],
        "permalink": f"{context.site_url.rstrip('/')}/{release.id}/{ind.service_area}/{ind.id}/",
        "replacement": site.indicator(ind.replaced_by).indicator if ind.replaced_by else None,
    }


def _indicator_downloads(data: IndicatorData, release: Release) -> dict[str, str | bytes]:
    """Return one indicator's data as CSV and JSON, beside its page."""
    folder = f"{data.indicator.service_area}/{data.indicator.id}"
    return {
        f"{folder}/{data.indicator.id}.csv": downloads.indicator_csv(data),
        f"{folder}/{data.indicator.id}.json": downloads.indicator_json(data, release),
    }


def _redirects(site: Site, context: SiteContext) -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {}
    for data in site.indicators:
        ind = data.indicator
        target_path = f"{ind.service_area}/{ind.id}/"
        for old in (ind.id, *ind.previous_ids):
            # A stable address for every id, old and new, whatever service area it sits in.
            files[f"indicators/{old}/index.html"] = render(
                "redirect.html.j2", title=ind.title, target="../../" + target_path)
        for old in ind.previous_ids:
            if not any(d.indicator.id == old for d in site.indicators):
                files[f"{ind.service_area}/{old}/index.html"] = render(
                    "redirect.html.j2", title=ind.title, target=f"../{ind.id}/")
    return files
