"""The service area pages: each area's indicators in a table, and their roll-up."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.analysis import Rollup
from generator.model.site import ServiceArea
from generator.pages.context import PageContext
from generator.pages.kinds.common import Files, PageKind, SiteView, page_text
from generator.pages.tables import IndicatorRow

TEMPLATE = "area.md.j2"

#: What each row of a service area's or a priority's table holds.
ROW_HELP = "One `IndicatorRow` per indicator, in the order of the indicators table."


@dataclass(frozen=True, kw_only=True)
class AreaPage(PageContext):
    """A service area page's template context."""

    area: ServiceArea = field(metadata={
        "help": "The service area: `area.id`, `area.item` (its number on the committee's "
                "dashboard), `area.title`, `area.description`."})
    rows: tuple[IndicatorRow, ...] = field(metadata={"help": ROW_HELP})
    summary: Rollup = field(metadata={
        "help": "The roll-up of the area's indicators: give it to the `rollup_table` macro."})


def build(view: SiteView) -> Files:
    """Return every service area's page."""
    files: Files = {}
    for area in view.site.service_areas:
        path = f"{area.id}/index.md"
        context = AreaPage(**view.page(path), area=area, rows=view.rows(view.area_members[area.id]),
                           summary=view.area_summaries[area.id])
        files[path] = page_text(TEMPLATE, context)
    return files


KIND = PageKind("Service area", TEMPLATE, AreaPage, build)
