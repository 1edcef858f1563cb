"""One builder per page kind: each makes a typed context that its template reads.

A kind's module holds its context class (a frozen dataclass whose fields are the template's
variables, each with the help text docs/page-templates.md shows) and its builder. Adding a page
kind means a module here and its line in ``KINDS``, a template, and its place in the navigation
(generator/pages/navigation.py).
"""

from __future__ import annotations

from generator.pages.kinds import (
    area,
    exceptions,
    home,
    indicator,
    priorities,
    redirects,
    reference,
    releases,
)
from generator.pages.kinds.common import PageKind

#: Every kind of page and file, in the order docs/page-templates.md lists them. The indicator
#: pages have no site-wide builder: build.py makes them one indicator at a time.
KINDS: tuple[PageKind, ...] = (
    home.KIND,
    area.KIND,
    indicator.KIND,
    exceptions.KIND,
    priorities.LIST_KIND,
    priorities.PRIORITY_KIND,
    reference.GLOSSARY_KIND,
    reference.METHODOLOGY_KIND,
    reference.ABOUT_DATA_KIND,
    reference.ACCESSIBILITY_KIND,
    releases.RELEASES_KIND,
    releases.WHATS_CHANGED_KIND,
    redirects.REDIRECT_KIND,
    redirects.DOWNLOADS_KIND,
)
