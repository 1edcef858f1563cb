"""The site's navigation: home, numbered service areas, then the reference pages."""

from __future__ import annotations

from typing import Any

from generator.model.site import Site
from generator.pages.safe_text import attribute_text, plain


def _nav_title(text: str) -> str:
    # MkDocs themes print navigation titles as HTML, unescaped: titles come from data files.
    return str(plain(attribute_text(text)))


#: Above this many service areas, the navigation groups them so every page's menu stays short.
NAV_GROUP_SIZE = 12


def _grouped(sections: list[dict[str, Any]], items: list[int]) -> list[dict[str, Any]]:
    """Return the sections as they are, or in groups by dashboard item number when there are many.

    Material renders every entry of the section a page is in, so 150 service areas would put 150
    links on each of 4,500 pages; in groups of 12, a page carries its own group and the group
    headings, and build time and page size grow linearly with the number of pages.
    """
    if len(sections) <= NAV_GROUP_SIZE:
        return sections
    groups = []
    for start in range(0, len(sections), NAV_GROUP_SIZE):
        chunk = slice(start, start + NAV_GROUP_SIZE)
        first, last = items[chunk][0], items[chunk][-1]
        groups.append({f"Items {first} to {last}": sections[chunk]})
    return groups


def navigation(site: Site, files: dict[str, Any]) -> list[Any]:
    """Return the MkDocs navigation: home, numbered service areas, then the reference pages."""
    members: dict[str, list[Any]] = {area.id: [f"{area.id}/index.md"] for area in site.service_areas}
    for data in site.indicators:
        ind = data.indicator
        members[ind.service_area].append({_nav_title(ind.title): f"{ind.service_area}/{ind.id}/index.md"})
    areas = [{_nav_title(f"{area.item}. {area.title}"): members[area.id]}
             for area in site.service_areas]
    areas = _grouped(areas, [area.item for area in site.service_areas])
    about = [{"Methodology": "methodology/index.md"}, {"Glossary": "glossary/index.md"},
             {"About the data": "about-data/index.md"}, {"Releases": "releases/index.md"},
             {"What changed": "whats-changed/index.md"},
             {"Accessibility": "accessibility/index.md"}]
    nav: list[Any] = [{"Home": "index.md"}, {"Exception report": "exceptions/index.md"}]
    nav.append({"Service areas": areas})
    if "priorities/index.md" in files:
        nav.append({"Priorities": ["priorities/index.md"] + [
            {_nav_title(p.title): f"priorities/{p.id}/index.md"} for p in site.priorities]})
    nav.append({"About": about})
    return nav
