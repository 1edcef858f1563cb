"""Give each section heading an anchor link a councillor can copy, without noise for listeners.

Markdown's ``toc`` extension (``permalink`` in mkdocs.yml) puts the link inside the heading, so
a screen reader's list of headings would read "What the figures say, Link to this section" for
every heading. ``place`` moves each h2 and h3 link out beside its heading, as GitHub does, and
names it after the heading ("Link to this section: What the figures say"); the h1's link, to the
top of the page the reader is on, is dropped. It runs on the written page, after Material's
search has indexed the content: search reads a heading inside another element as the end of
its section, and leaves a link inside a heading out by itself. ``data-search-exclude`` keeps the
moved link out should it ever be indexed.
"""

from __future__ import annotations

import re
from html import escape, unescape

from generator.pages.safe_text import fragment_words

# A heading as the toc extension writes it, with its permalink last inside it.
_HEADING = re.compile(
    r'<h(?P<level>[1-3]) id="(?P<id>[^"]+)"(?P<attrs>[^>]*)>(?P<text>(?:(?!</h\d>).)*?)'
    r'<a class="headerlink" href="#(?P=id)" title="(?P<title>[^"]*)">(?P<mark>.*?)</a>'
    r'</h(?P=level)>', re.DOTALL)


def _placed(match: re.Match[str]) -> str:
    level, anchor, attrs, text = match["level"], match["id"], match["attrs"], match["text"]
    heading = f'<h{level} id="{anchor}"{attrs}>{text}</h{level}>'
    if level == "1":
        return heading
    name = fragment_words(text)
    # Written back escaped: a title holding "<img ...>" stays text in the attribute too.
    label = escape(f"{unescape(match['title'])}: {name}", quote=True)
    return (f'<div class="heading-anchor heading-anchor--h{level}">{heading}'
            f'<a class="headerlink" href="#{anchor}" aria-label="{label}" '
            f'data-search-exclude>{match["mark"]}</a></div>')


def place(html: str) -> str:
    """Return a page's HTML with each h2 and h3 anchor link beside its heading, named after it."""
    return _HEADING.sub(_placed, html)
