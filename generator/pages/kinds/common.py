"""What every page builder shares: the site worked out once, page kinds, and rendering a page."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

from generator.analysis import Analysis, Rollup, rollup
from generator.analysis.glossary import ABBREVIATIONS
from generator.model.site import IndicatorData, Release, Site
from generator.pages import attention, tables, views
from generator.pages.context import SiteContext, current_release, next_release, page_fields
from generator.pages.render import render

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

#: Generated files: path relative to the docs folder, and content.
Files = dict[str, str | bytes]


@dataclass(frozen=True)
class SiteView:
    """Everything the site-wide pages are made from, with the roll-ups they share worked out once."""

    site: Site
    context: SiteContext
    release: Release
    next_release: Release | None
    analyses: dict[str, Analysis]
    summary: Rollup  # every indicator's
    exceptions: tuple[attention.ExceptionRow, ...]  # the entries of the exception report
    changes: tuple[attention.ChangeRow, ...]  # the largest changes since a year earlier
    area_members: Mapping[str, tuple[IndicatorData, ...]]  # by service area id
    area_summaries: Mapping[str, Rollup]
    priority_members: Mapping[str, tuple[IndicatorData, ...]]  # by priority id
    priority_summaries: Mapping[str, Rollup]
    provenance: str  # where the site's comparison figures come from, in a sentence

    def page(self, path: str) -> dict[str, Any]:
        """Return the ``PageContext`` fields of the page at ``path``."""
        return page_fields(self.context.council, self.context.demonstration, self.provenance,
                           self.release, self.next_release, path, self.context.corrections)

    def rows(self, members: tuple[IndicatorData, ...]) -> tuple[tables.IndicatorRow, ...]:
        """Return the rows of a service area or priority table."""
        return tuple(tables.table_row(d, self.analyses[d.indicator.id]) for d in members)


def site_view(site: Site, context: SiteContext, analyses: dict[str, Analysis]) -> SiteView:
    """Return the site's release, members and roll-ups, for the site-wide builders."""
    release = current_release(site, context.release_id)
    areas = {area.id: tuple(d for d in site.indicators if d.indicator.service_area == area.id)
             for area in site.service_areas}
    priorities = {p.id: tuple(d for d in site.indicators if p.id in d.indicator.priorities)
                  for p in site.priorities}

    def rollup_of(members: tuple[IndicatorData, ...]) -> Rollup:
        return rollup([analyses[d.indicator.id] for d in members])

    summary = rollup_of(site.indicators)
    return SiteView(
        site=site, context=context, release=release, next_release=next_release(site, release),
        analyses=analyses, summary=summary,
        exceptions=attention.exception_rows(site, analyses, summary),
        changes=attention.change_rows(analyses.values()),
        area_members=areas, area_summaries={key: rollup_of(m) for key, m in areas.items()},
        priority_members=priorities,
        priority_summaries={key: rollup_of(m) for key, m in priorities.items()},
        provenance=views.comparator_sources(c for d in site.indicators for c in d.comparators),
    )


@dataclass(frozen=True)
class PageKind:
    """One kind of page: its name in the documentation, its template and its context class.

    ``build`` makes every page of the kind from the ``SiteView``; it is None for the indicator
    pages, which build.py makes one indicator at a time (``generator.pages.generate``).
    """

    name: str
    template: str | None
    context: type | None
    build: Callable[[SiteView], Files] | None


def variables(context: DataclassInstance) -> dict[str, Any]:
    """Return a context dataclass's fields as template variables (one level deep)."""
    return {item.name: getattr(context, item.name) for item in fields(context)}


def page_text(template: str, context: DataclassInstance) -> str:
    """Return a page rendered from its context, with the abbreviations it uses defined."""
    text = render(template, **variables(context))
    return text + abbreviation_block(text)


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
