"""What needs attention: the exception report's entries and the home page's largest changes.

The exception report and the home page name the same indicators in the same words: each entry
carries the latest figure's main message (``explain.latest_message``, the chart title's words)
and the key facts of the indicator page (``views.key_facts``), never a wording of its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from generator.analysis import Analysis, Rollup
from generator.analysis.explain import latest_message
from generator.analysis.rag import Rating
from generator.analysis.rollup import largest_changes
from generator.model.outcomes import RatingStatus
from generator.model.site import Commentary, Indicator, IndicatorData, Site
from generator.model.words import DIRECTION_WORDS
from generator.pages.tables import latest_text
from generator.pages.views import Fact, headline, key_facts


@dataclass(frozen=True)
class ExceptionRow:
    """One indicator rated red, or outside its expected range: a section of the exception report."""

    indicator: Indicator = field(metadata={
        "help": "The indicator: `indicator.id`, `indicator.title`, `indicator.service_area` ..."})
    area_title: str = field(metadata={"help": "The title of its service area."})
    latest: str = field(metadata={
        "help": "Its latest figure and period in brackets, such as 84.9% (July to September "
                "2025)."})
    headline: str = field(metadata={
        "help": "Its latest figure and period in words, such as 84.9% in July to September 2025."})
    message: str = field(metadata={
        "help": "The latest figure, what it is compared with and the rating's clause, as the "
                "chart title says it without the indicator's title: 84.9% in July to September "
                "2025, down from 88.0% a year earlier, missing the target by 5.1 percentage "
                "points."})
    rating: Rating = field(metadata={
        "help": "Its latest rating: give it to the `rating_chip` macro; `rating.status` is red, "
                "below_range or above_range."})
    reason: str = field(metadata={
        "help": "Why it is rated so, in a sentence: the gap to the target or expected range."})
    newly_red: bool = field(metadata={
        "help": "True when it is red and was not rated red the period before."})
    facts: tuple[Fact, ...] = field(metadata={
        "help": "The indicator page's key facts, each a `Fact`: the direction, the change since "
                "a year earlier (when there is one) and the comparison with England."})
    commentary: Commentary | None = field(metadata={
        "help": "The service's commentary for the latest period (`commentary.commentary`, "
                "`commentary.actions`, `commentary.author`), or nothing when none was given for "
                "that period."})

    @property
    def red(self) -> bool:
        """Return True when the indicator is rated red (not outside an expected range)."""
        return self.rating.status is RatingStatus.RED


@dataclass(frozen=True)
class ChangeRow:
    """One of the largest changes since a year earlier, as the home page names it."""

    indicator: Indicator = field(metadata={
        "help": "The indicator: `indicator.id`, `indicator.title`, `indicator.service_area` ..."})
    message: str = field(metadata={
        "help": "The latest figure and the figure a year earlier, with the rating's clause, such "
                "as 18.4 at 30 September 2025, up from 15.1 a year earlier, missing the target "
                "by 2.4."})
    direction: str = field(metadata={
        "help": "Which way it is going in words, such as Getting worse."})


def period_commentary(data: IndicatorData, analysis: Analysis) -> Commentary | None:
    """Return the service's commentary for the latest period, or None when there is none for it.

    An older commentary speaks of older figures: the exception report says none was given
    rather than put last quarter's words beside this quarter's figure.
    """
    latest = analysis.latest
    for item in reversed(data.commentary):
        if latest is not None and item.period == latest.period:
            return item
    return None


def exception_rows(site: Site, analyses: dict[str, Analysis],
                   summary: Rollup) -> tuple[ExceptionRow, ...]:
    """Return the site roll-up's exceptions (newly red, red, outside the range) as report entries."""
    areas = {area.id: area.title for area in site.service_areas}
    rows = []
    for item in summary.exceptions:
        data, analysis = site.indicator(item.indicator_id), analyses[item.indicator_id]
        rows.append(ExceptionRow(
            indicator=data.indicator,
            area_title=areas.get(item.service_area, ""),
            latest=latest_text(analysis),
            headline=headline(analysis),
            message=latest_message(analysis),
            rating=analysis.rating,
            reason=item.reason,
            newly_red=item.newly_red,
            facts=key_facts(analysis),
            commentary=period_commentary(data, analysis),
        ))
    return tuple(rows)


def change_rows(analyses: Iterable[Analysis]) -> tuple[ChangeRow, ...]:
    """Return the largest changes since a year earlier (``rollup.largest_changes``) as entries."""
    return tuple(ChangeRow(indicator=item.indicator, message=latest_message(item),
                           direction=DIRECTION_WORDS[item.travel.direction])
                 for item in largest_changes(analyses))
