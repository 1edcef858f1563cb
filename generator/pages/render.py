"""Render pages from Jinja2 templates into Markdown strings.

Every value from a data package reaches a template as untrusted text. Autoescaping turns HTML
special characters into entities; ``md_text`` also escapes Markdown punctuation where text sits in
Markdown (headings, list items), so a title cannot become a link or a script. Markdown fields
(commentary, notes) go through ``safe_text.markdown`` which returns sanitised HTML.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from generator.pages import safe_text
from generator.pages.charts import Chart

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~=^:])")


def md_text(value: Any) -> Markup:
    """Return text escaped for HTML and for Markdown, safe in any Markdown context."""
    escaped = str(escape(safe_text.attribute_text(str(value))))
    return Markup(_MD_SPECIAL.sub(r"\\\1", escaped))


def chart_block(chart: Chart | None, summary_id: str) -> Markup:
    """Return the container a chart is drawn into, with its figure as inert JSON.

    The JSON sits in a <template>, not a <script>: Material's instant navigation re-runs every
    <script> in new content whatever its type, and template content is never run or rendered.
    ``data-search-exclude`` keeps it out of the search index, which indexes template text (it
    more than doubled the index, and searches matched chart JSON).
    """
    if chart is None:
        return Markup("")
    return Markup(
        '<div class="js-chart chart" id="{id}" role="img" aria-labelledby="{id}-title" '
        'aria-describedby="{summary}">'
        '<p class="chart__title" id="{id}-title">{title}</p>'
        '<p class="chart__placeholder">The chart needs JavaScript. The same figures are in the '
        'table below.</p>'
        '<template class="js-chart-data" data-search-exclude>{data}</template></div>'
    ).format(id=chart.id, summary=summary_id, title=chart.description,
             data=safe_text.script_json(chart.figure))


@cache
def environment() -> Environment:
    """Return the template environment (autoescaping on, undefined names are errors)."""
    env = Environment(
        loader=PackageLoader("generator.pages", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md_text"] = md_text
    env.filters["markdown"] = safe_text.markdown
    env.filters["markdown_inline"] = safe_text.markdown_inline
    env.filters["one_line"] = safe_text.attribute_text
    env.filters["url"] = safe_text.url
    env.globals["chart_block"] = chart_block
    return env


def render(template: str, **context: Any) -> str:
    """Render a template to a string, with exactly one trailing newline."""
    text = environment().get_template(template).render(**context)
    return re.sub(r"\n{3,}", "\n\n", text).rstrip() + "\n"
