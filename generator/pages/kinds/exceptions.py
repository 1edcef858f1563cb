"""The exception report: every indicator rated red or outside its expected range, and why."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.pages.attention import ExceptionRow
from generator.pages.context import PageContext
from generator.pages.kinds.common import Files, PageKind, SiteView, page_text

TEMPLATE = "exceptions.md.j2"
PATH = "exceptions/index.md"


@dataclass(frozen=True, kw_only=True)
class ExceptionsPage(PageContext):
    """The exception report's template context."""

    exceptions: tuple[ExceptionRow, ...] = field(metadata={
        "help": "One `ExceptionRow` per indicator rated red in its latest figures, newly red "
                "first, then one per indicator outside its expected range."})


def build(view: SiteView) -> Files:
    """Return the exception report."""
    return {PATH: page_text(TEMPLATE, ExceptionsPage(**view.page(PATH),
                                                     exceptions=view.exceptions))}


KIND = PageKind("Exception report", TEMPLATE, ExceptionsPage, build)
