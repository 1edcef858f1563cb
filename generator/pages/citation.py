"""How a councillor cites a page: its permanent link in its release and a line to paste.

A page's permanent address is its folder in the release it was published in,
``<site_url><release id>/<path>``. Only ``publish`` (mike) makes those folders, so only a
versioned build links there; a plain build (``build``, the preview, the tests) has no
permanent link to give and says it is a preview instead (docs/publishing.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.model.site import Release
from generator.pages.context import long_date


@dataclass(frozen=True)
class Citation:
    """A page's permanent link in its release and its one-line citation."""

    href: str = field(metadata={
        "help": "Where the permanent link goes: the full address, or the way there from this "
                "page when the site has no `site_url` (a path from the server's root would "
                "miss a site served under a sub-path)."})
    address: str = field(metadata={
        "help": "The full permanent address written out, or an empty text without a "
                "`site_url`."})
    text: str = field(metadata={
        "help": "The one-line citation to paste into a committee paper: council (year). "
                "Title. Release, published date. Address (when known)."})


def citation(council: str, title: str, release: Release, path: str, site_url: str,
             versioned: bool) -> Citation | None:
    """Return how to cite the page at ``path`` (relative to the docs folder, ``…/index.md``).

    Nothing in a plain build: the release address exists only once ``publish`` deploys it.
    """
    if not versioned:
        return None
    here = f"{release.id}/{path.removesuffix('index.md')}"
    address = f"{site_url.rstrip('/')}/{here}" if site_url else ""
    # From the page up to its release's folder, then up once more to the site's top.
    href = address or "../" * (path.count("/") + 1) + here
    return Citation(href, address, citation_text(council, title, release, address))


def citation_text(council: str, title: str, release: Release, address: str) -> str:
    """Return the one-line citation: council (year). Title. Release, published date. Address.

    For example: Northbridge Council (2025). Re-referrals within 12 months. Quarter 2 2025/26
    (July to September 2025), published 13 November 2025. https://example.org/2025-26-q2/front-door/re-referrals/
    """
    title = title.strip()
    # A title that ends a sentence itself ("...?") keeps its own mark.
    ended = title if title.endswith((".", "?", "!")) else f"{title}."
    parts = [f"{council} ({release.date.year}).", ended,
             f"{release.label}, published {long_date(release.date)}."]
    if address:
        parts.append(address)
    return " ".join(parts)
