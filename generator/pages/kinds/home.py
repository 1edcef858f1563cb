"""The home page: how the council is doing overall, what needs attention, the service areas."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.analysis import Rollup
from generator.model.site import ServiceArea
from generator.pages import views
from generator.pages.context import PageContext
from generator.pages.kinds.common import Files, PageKind, SiteView, page_text
from generator.pages.tables import ExceptionRow

TEMPLATE = "home.md.j2"
PATH = "index.md"


@dataclass(frozen=True)
class AreaCard:
    """One service area in the home page's list."""

    area: ServiceArea = field(metadata={
        "help": "The service area: `area.id`, `area.item` (its number on the committee's "
                "dashboard), `area.title`."})
    indicator_count: int = field(metadata={"help": "How many indicators it has."})
    summary_text: str = field(metadata={
        "help": "Their ratings counted, such as \"2 red, 3 amber, 4 green\"; empty when none is "
                "rated."})


@dataclass(frozen=True, kw_only=True)
class HomePage(PageContext):
    """The home page's template context."""

    summary: Rollup = field(metadata={
        "help": "The roll-up of every indicator: give it to the `rollup_table` and "
                "`direction_table` macros."})
    exceptions: tuple[ExceptionRow, ...] = field(metadata={
        "help": "One `ExceptionRow` per indicator rated red, as on the exception report."})
    areas: tuple[AreaCard, ...] = field(metadata={
        "help": "One `AreaCard` per service area, in the order of the service areas table."})
    legend: views.Legend = field(metadata={
        "help": "Example ratings for the key to the rating chips (a `Legend`)."})


def build(view: SiteView) -> Files:
    """Return the home page."""
    areas = tuple(AreaCard(area, len(view.area_members[area.id]),
                           views.summary_text(view.area_summaries[area.id]))
                  for area in view.site.service_areas)
    context = HomePage(**view.page(PATH), summary=view.summary, exceptions=view.exceptions,
                       areas=areas, legend=views.LEGEND)
    return {PATH: page_text(TEMPLATE, context)}


KIND = PageKind("Home", TEMPLATE, HomePage, build)
