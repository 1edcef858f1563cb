"""The priority pages (each priority's indicators) and the list of priorities."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.analysis import Rollup
from generator.model.site import Priority
from generator.pages import views
from generator.pages.context import PageContext
from generator.pages.kinds.area import ROW_HELP
from generator.pages.kinds.common import Files, PageKind, SiteView, page_text
from generator.pages.tables import IndicatorRow

PRIORITY_TEMPLATE = "priority.md.j2"
LIST_TEMPLATE = "priorities.md.j2"
LIST_PATH = "priorities/index.md"


@dataclass(frozen=True, kw_only=True)
class PriorityPage(PageContext):
    """A priority page's template context."""

    priority: Priority = field(metadata={
        "help": "The priority: `priority.id`, `priority.title`, `priority.description`."})
    rows: tuple[IndicatorRow, ...] = field(metadata={"help": ROW_HELP})
    summary: Rollup = field(metadata={
        "help": "The roll-up of the priority's indicators: give it to the `rollup_table` macro."})


@dataclass(frozen=True)
class PriorityCard:
    """One priority in the list of priorities."""

    priority: Priority = field(metadata={
        "help": "The priority: `priority.id`, `priority.title`, `priority.description`."})
    indicator_count: int = field(metadata={"help": "How many indicators serve it."})
    summary_text: str = field(metadata={
        "help": "Their ratings counted, such as \"2 red, 3 amber, 4 green\"; empty when none is "
                "rated."})


@dataclass(frozen=True, kw_only=True)
class PrioritiesPage(PageContext):
    """The list of priorities' template context."""

    priorities: tuple[PriorityCard, ...] = field(metadata={
        "help": "One `PriorityCard` per priority, in the order of the priorities table."})


def build_pages(view: SiteView) -> Files:
    """Return every priority's page."""
    files: Files = {}
    for priority in view.site.priorities:
        path = f"priorities/{priority.id}/index.md"
        context = PriorityPage(**view.page(path), priority=priority,
                               rows=view.rows(view.priority_members[priority.id]),
                               summary=view.priority_summaries[priority.id])
        files[path] = page_text(PRIORITY_TEMPLATE, context)
    return files


def build_list(view: SiteView) -> Files:
    """Return the list of priorities, when the site has any."""
    if not view.site.priorities:
        return {}
    cards = tuple(PriorityCard(p, len(view.priority_members[p.id]),
                               views.summary_text(view.priority_summaries[p.id]))
                  for p in view.site.priorities)
    return {LIST_PATH: page_text(LIST_TEMPLATE, PrioritiesPage(**view.page(LIST_PATH),
                                                               priorities=cards))}


PRIORITY_KIND = PageKind("Priority", PRIORITY_TEMPLATE, PriorityPage, build_pages)
LIST_KIND = PageKind("Priorities", LIST_TEMPLATE, PrioritiesPage, build_list)
