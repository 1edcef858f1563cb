"""The indicator pages, with each indicator's data as CSV and JSON beside its page.

These are most of a site's pages and most of its generation time. ``inputs`` gathers everything
one indicator's page is made from, so ``build`` is a function of that alone: build.py can share
the pages between processes, and the preview can keep a page until its inputs change.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.analysis import Analysis, changes
from generator.model.site import Commentary, Indicator, IndicatorData, Priority, Release, Site
from generator.pages import downloads, tables, views
from generator.pages.charts import Chart, breakdown, time_series
from generator.pages.citation import Citation, citation
from generator.pages.context import PageContext, SiteContext, page_fields
from generator.pages.distribution import Distribution, distribution
from generator.pages.kinds.common import Files, PageKind, page_text

TEMPLATE = "indicator.md.j2"


@dataclass(frozen=True)
class IndicatorInputs:
    """Everything one indicator's page and downloads are made from: the preview's cache key."""

    data: IndicatorData
    analysis: Analysis
    related: tuple[Indicator, ...]  # the related indicators the site has
    priorities: tuple[Priority, ...]  # the priorities it serves
    replacement: Indicator | None  # the indicator that replaced it
    release: Release
    next_release: Release | None
    council: str
    site_url: str
    demonstration: bool
    corrections: tuple[changes.Correction, ...] = ()  # those that changed its figures
    versioned: bool = False  # a release deployed with mike: its permanent address exists


@dataclass(frozen=True, kw_only=True)
class IndicatorPage(PageContext):
    """An indicator page's template context."""

    ind: Indicator = field(metadata={
        "help": "The indicator, with every field of the indicators table: `ind.id`, "
                "`ind.title`, `ind.question`, `ind.definition`, `ind.source`, `ind.status` ..."})
    view: views.IndicatorView = field(metadata={
        "help": "The top of the page, an `IndicatorView`: the headline, rating, key facts and "
                "explanation."})
    commentary: Commentary | None = field(metadata={
        "help": "The service's latest commentary (`period`, `commentary`, `actions`, `author`), "
                "or nothing."})
    series_chart: Chart | None = field(metadata={
        "help": "The chart of the figures over time (a `Chart`): give it to the `chart_block` "
                "macro."})
    breakdown_chart: Chart | None = field(metadata={
        "help": "The chart of the latest breakdown (a `Chart`; its `description` is its title), "
                "or nothing."})
    breakdown_table: tables.BreakdownTable | None = field(metadata={
        "help": "The latest breakdown as a `BreakdownTable`; nothing when there is no "
                "breakdown."})
    distribution: Distribution | None = field(metadata={
        "help": "Every council's figure (a `Distribution`: `chart`, `summary`, `table_summary`, "
                "`caption`, `rows`, `note`), when the package carries them; otherwise nothing."})
    table: tables.DataTable = field(metadata={
        "help": "The figures as a `DataTable`, oldest period first."})
    words: views.IndicatorWords = field(metadata={
        "help": "The indicator's settings in words (`IndicatorWords`)."})
    target_text: str = field(metadata={
        "help": "The target or expected range in force for the latest period, in words."})
    target_heading: str = field(metadata={
        "help": "The heading of `target_text`: Target, or Expected range where that is in force."})
    related: tuple[Indicator, ...] = field(metadata={"help": "The related indicators."})
    priorities: tuple[Priority, ...] = field(metadata={
        "help": "The priorities the indicator serves."})
    citation: Citation | None = field(metadata={
        "help": "How to cite the page in a committee paper (a `Citation`): `citation.href`, "
                "its permanent link in this release; `citation.address`, that address written "
                "out in full (empty without a `site_url`); `citation.text`, the one-line "
                "citation to paste. Nothing in a plain build (`build`, the preview), where the "
                "release's address does not exist: only `publish` makes it."})
    replacement: Indicator | None = field(metadata={
        "help": "The indicator that replaced this one (for a retired indicator), or nothing."})


def inputs(site: Site, context: SiteContext, analyses: dict[str, Analysis], release: Release,
           upcoming: Release | None) -> list[IndicatorInputs]:
    """Return what each indicator's page is made from, in the site's order."""
    known = site.by_id
    return [IndicatorInputs(
        data=data,
        analysis=analyses[data.indicator.id],
        related=tuple(known[other].indicator for other in data.indicator.related
                      if other in known),
        priorities=tuple(p for p in site.priorities if p.id in data.indicator.priorities),
        replacement=(known[data.indicator.replaced_by].indicator if data.indicator.replaced_by
                     else None),
        release=release, next_release=upcoming, council=context.council,
        site_url=context.site_url, demonstration=context.demonstration,
        corrections=tuple(c for c in context.corrections
                          if data.indicator.id in c.indicator_ids),
        versioned=context.versioned,
    ) for data in site.indicators]


def build(made_from: IndicatorInputs) -> Files:
    """Return an indicator's page and its data as CSV and JSON."""
    data, release = made_from.data, made_from.release
    ind = data.indicator
    folder = f"{ind.service_area}/{ind.id}"
    path = f"{folder}/index.md"
    return {
        path: page_text(TEMPLATE, _context(made_from, path)),
        f"{folder}/{ind.id}.csv": downloads.indicator_csv(data),
        f"{folder}/{ind.id}.json": downloads.indicator_json(data, release),
    }


def _context(made_from: IndicatorInputs, path: str) -> IndicatorPage:
    """Return what the indicator page template reads."""
    data, council = made_from.data, made_from.council
    ind = data.indicator
    view = views.indicator_view(data, made_from.analysis, council)
    parts = breakdown(data, f"breakdown-{ind.id}")
    return IndicatorPage(
        **page_fields(council, made_from.demonstration,
                      views.comparator_sources(data.comparators + data.councils),
                      made_from.release, made_from.next_release, path, made_from.corrections),
        ind=ind,
        view=view,
        commentary=views.latest_commentary(data),
        series_chart=time_series(data, council, view.chart_title, f"chart-{ind.id}"),
        breakdown_chart=parts,
        breakdown_table=tables.breakdown_table(data) if parts else None,
        distribution=distribution(data, made_from.analysis.standing, council,
                                  f"distribution-{ind.id}"),
        table=tables.data_table(data, council),
        words=views.words(data),
        target_text=views.target_text(data),
        target_heading=views.target_heading(data),
        related=made_from.related,
        priorities=made_from.priorities,
        citation=citation(council, ind.title, made_from.release, path, made_from.site_url,
                          made_from.versioned),
        replacement=made_from.replacement,
    )


KIND = PageKind("Indicator", TEMPLATE, IndicatorPage, None)
