"""The home page: how the council is doing overall, what needs attention, the service areas."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from generator.analysis import Rollup
from generator.analysis.rag import Rating
from generator.model.site import ServiceArea
from generator.pages import views
from generator.pages.context import PageContext
from generator.pages.kinds.common import Files, PageKind, SiteView, page_text

TEMPLATE = "home.md.j2"
PATH = "index.md"


@dataclass(frozen=True)
class AreaCard:
    """One service area in the home page's list."""

    area: ServiceArea
    indicator_count: int
    summary_text: str  # such as "2 red, 3 amber, 4 green"; empty when none is rated


@dataclass(frozen=True, kw_only=True)
class HomePage(PageContext):
    """The home page's template context."""

    summary: Rollup = field(metadata={
        "help": "The roll-up of every indicator: give it to the `rollup_table` and "
                "`direction_table` macros."})
    exceptions: tuple[dict[str, Any], ...] = field(metadata={
        "help": "The indicators rated red, as on the exception report (see its `exceptions`)."})
    areas: tuple[AreaCard, ...] = field(metadata={
        "help": "One item per service area: `area` (the service area), `indicator_count`, "
                "`summary_text` (such as \"2 red, 3 amber, 4 green\", empty when none is rated)."})
    legend: Mapping[str, Rating] = field(metadata={
        "help": "Example ratings for the key: `legend.green`, `legend.amber`, `legend.red`, "
                "`legend.not_rated` (give one to the `rating_chip` macro)."})


def build(view: SiteView) -> Files:
    """Return the home page."""
    areas = tuple(AreaCard(area, len(view.area_members[area.id]),
                           views.summary_text(view.area_summaries[area.id]))
                  for area in view.site.service_areas)
    context = HomePage(**view.page(PATH), summary=view.summary, exceptions=view.exceptions,
                       areas=areas, legend=views.LEGEND)
    return {PATH: page_text(TEMPLATE, context)}


KIND = PageKind("Home", TEMPLATE, HomePage, build)
