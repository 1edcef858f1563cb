"""The home page: what needs attention, how the council is doing overall, every indicator."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.analysis import Rollup
from generator.model.site import ServiceArea, Status
from generator.pages import views
from generator.pages.attention import ChangeRow, ExceptionRow
from generator.pages.context import PageContext
from generator.pages.kinds.common import Files, PageKind, SiteView, page_text
from generator.pages.tables import IndicatorRow

TEMPLATE = "home.md.j2"
PATH = "index.md"


@dataclass(frozen=True)
class AreaCard:
    """One service area in the home page's list."""

    area: ServiceArea = field(metadata={
        "help": "The service area: `area.id`, `area.item` (its number on the committee's "
                "dashboard), `area.title`."})
    indicator_count: int = field(metadata={
        "help": "How many indicators it has, retired ones left out (as from the roll-ups)."})
    summary_text: str = field(metadata={
        "help": "Their ratings counted, such as \"2 red, 3 amber, 4 green\"; empty when none is "
                "rated."})
    rows: tuple[IndicatorRow, ...] = field(metadata={
        "help": "One `IndicatorRow` per indicator of the area, retired ones left out, in the "
                "order its page lists them: the overview's cards."})


@dataclass(frozen=True, kw_only=True)
class HomePage(PageContext):
    """The home page's template context."""

    summary: Rollup = field(metadata={
        "help": "The roll-up of every indicator: give it to the `rollup_table` and "
                "`direction_table` macros."})
    red: tuple[ExceptionRow, ...] = field(metadata={
        "help": "One `ExceptionRow` per indicator rated red, newly red first, as on the "
                "exception report."})
    newly_red: int = field(metadata={"help": "How many of `red` are newly red."})
    out_of_range: tuple[ExceptionRow, ...] = field(metadata={
        "help": "One `ExceptionRow` per indicator outside its expected range, as on the "
                "exception report."})
    changes: tuple[ChangeRow, ...] = field(metadata={
        "help": "The largest changes since a year earlier, largest first, each a `ChangeRow` "
                "(docs/methodology-analysis.md says how they are chosen)."})
    areas: tuple[AreaCard, ...] = field(metadata={
        "help": "One `AreaCard` per service area, in the order of the service areas table."})
    legend: views.Legend = field(metadata={
        "help": "Example ratings for the key to the rating chips (a `Legend`)."})


def build(view: SiteView) -> Files:
    """Return the home page."""
    areas = []
    for area in view.site.service_areas:
        # Retired indicators are no longer reported: left out here as from the roll-ups' counts,
        # they stay on their service area's page.
        current = tuple(d for d in view.area_members[area.id]
                        if d.indicator.status is not Status.RETIRED)
        areas.append(AreaCard(area, len(current),
                              views.summary_text(view.area_summaries[area.id]),
                              view.rows(current)))
    red = tuple(row for row in view.exceptions if row.red)
    context = HomePage(**view.page(PATH), summary=view.summary, red=red,
                       newly_red=sum(row.newly_red for row in red),
                       out_of_range=tuple(row for row in view.exceptions if not row.red),
                       changes=view.changes, areas=tuple(areas), legend=views.LEGEND)
    return {PATH: page_text(TEMPLATE, context)}


KIND = PageKind("Home", TEMPLATE, HomePage, build)
