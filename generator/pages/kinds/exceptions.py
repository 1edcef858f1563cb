"""The exception report: every indicator rated red, and why."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.pages.context import PageContext
from generator.pages.kinds.common import Files, PageKind, SiteView, page_text

TEMPLATE = "exceptions.md.j2"
PATH = "exceptions/index.md"


@dataclass(frozen=True, kw_only=True)
class ExceptionsPage(PageContext):
    """The exception report's template context."""

    exceptions: tuple[dict[str, Any], ...] = field(metadata={
        "help": "One row per indicator rated red in its latest figures, newly red first: "
                "`indicator`, `area_title` (its service area), `latest` (figure and period), "
                "`reason` and `newly_red` (true when it was not red the period before)."})


def build(view: SiteView) -> Files:
    """Return the exception report."""
    return {PATH: page_text(TEMPLATE, ExceptionsPage(**view.page(PATH),
                                                     exceptions=view.exceptions))}


KIND = PageKind("Exception report", TEMPLATE, ExceptionsPage, build)
