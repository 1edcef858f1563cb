"""The reference pages: glossary, methodology, about the data and the accessibility statement."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.model.site import Package
from generator.pages import views
from generator.pages.context import PageContext, long_date
from generator.pages.kinds.common import Files, PageKind, SiteView, page_text

GLOSSARY = "glossary/index.md"
METHODOLOGY = "methodology/index.md"
ABOUT_DATA = "about-data/index.md"
ACCESSIBILITY = "accessibility/index.md"


@dataclass(frozen=True, kw_only=True)
class GlossaryPage(PageContext):
    """The glossary's template context."""

    terms: tuple[views.GlossaryTerm, ...] = field(metadata={
        "help": "One `GlossaryTerm` per term the site uses in a particular sense, such as "
                "expected range, in alphabetical order."})
    abbreviations: tuple[views.GlossaryTerm, ...] = field(metadata={
        "help": "One `GlossaryTerm` per abbreviation, in alphabetical order."})


@dataclass(frozen=True, kw_only=True)
class MethodologyPage(PageContext):
    """The methodology page's template context."""

    threshold: int = field(metadata={
        "help": "Counts of people from 1 to this number are not published (the "
                "`suppression_threshold` site setting)."})
    legend: views.Legend = field(metadata={
        "help": "Example ratings for the key to the rating chips (a `Legend`)."})


@dataclass(frozen=True, kw_only=True)
class AboutDataPage(PageContext):
    """The "About the data" page's template context."""

    packages: tuple[Package, ...] = field(metadata={
        "help": "The data packages: `package.name`, `package.title`, `package.publisher`, "
                "`package.licence`, `package.indicators`."})
    sources: tuple[views.Source, ...] = field(metadata={
        "help": "One `Source` per source of the indicators' figures, by name."})


@dataclass(frozen=True, kw_only=True)
class AccessibilityPage(PageContext):
    """The accessibility statement's template context."""

    contact: str = field(metadata={
        "help": "Who to contact about the site's accessibility (the `contact` site setting)."})
    statement_date: str = field(metadata={
        "help": "The date the statement was prepared: the release's date, as GOV.UK writes it."})


def glossary(view: SiteView) -> Files:
    """Return the glossary."""
    return {GLOSSARY: page_text("glossary.md.j2", GlossaryPage(
        **view.page(GLOSSARY), terms=views.glossary_terms(view.site),
        abbreviations=views.glossary_abbreviations()))}


def methodology(view: SiteView) -> Files:
    """Return the methodology page, which gives the suppression threshold."""
    return {METHODOLOGY: page_text("methodology.md.j2", MethodologyPage(
        **view.page(METHODOLOGY), threshold=view.context.threshold, legend=views.LEGEND))}


def about_data(view: SiteView) -> Files:
    """Return the "About the data" page: the packages and the sources."""
    return {ABOUT_DATA: page_text("about-data.md.j2", AboutDataPage(
        **view.page(ABOUT_DATA), packages=view.site.packages,
        sources=views.sources(view.site)))}


def accessibility(view: SiteView) -> Files:
    """Return the accessibility statement."""
    return {ACCESSIBILITY: page_text("accessibility.md.j2", AccessibilityPage(
        **view.page(ACCESSIBILITY), contact=view.context.contact,
        statement_date=long_date(view.release.date)))}


GLOSSARY_KIND = PageKind("Glossary", "glossary.md.j2", GlossaryPage, glossary)
METHODOLOGY_KIND = PageKind("Methodology", "methodology.md.j2", MethodologyPage, methodology)
ABOUT_DATA_KIND = PageKind("About the data", "about-data.md.j2", AboutDataPage, about_data)
ACCESSIBILITY_KIND = PageKind("Accessibility statement", "accessibility.md.j2",
                              AccessibilityPage, accessibility)
