"""Text from data shown exactly as typed wherever it sits in Markdown (headings, list items, prose).

``md_text`` escapes what Markdown would read as formatting. Python-Markdown has backslash escapes
for only some punctuation: a backslash before any other character is printed, so a title such as
"Amber: inside the band" once showed as "Amber\\: inside the band". Each row renders text through
the Markdown extensions ``mkdocs.yml`` configures and compares what a reader sees with what the
officer typed.
"""

from __future__ import annotations

import html
import re
import string
from functools import cache
from pathlib import Path

import markdown
import pytest
from mkdocs.config import load_config

from generator.pages.render import md_text

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = [
    *(f"a{character}b" for character in string.punctuation),
    "Amber: inside the band",
    "Children's services \"front door\"",
    "==marked== ~~struck~~ ^raised^ :smile:",
    "*[SEND]: an abbreviation definition",
    "[a link](https://example.org) and ![an image](x.png)",
    "{: .class-attribute }",
    "<script>alert(1)</script> & &amp;",
    "1. not a list",
    "# not a heading",
    "| not | a | table |",
    "back\\slash \\: \\*",
]
CONTEXTS = ["# {}", "- {}", "Before {} after."]


@cache
def _markdown() -> markdown.Markdown:
    config = load_config(str(ROOT / "mkdocs.yml"))
    return markdown.Markdown(extensions=config["markdown_extensions"],
                             extension_configs=config["mdx_configs"])


def _shown(rendered: str) -> str:
    text = re.sub(r"<[^>]+>", "", rendered).strip()
    return html.unescape(text)


@pytest.mark.parametrize("context", CONTEXTS)
@pytest.mark.parametrize("text", SAMPLES)
def test_text_is_shown_exactly_as_typed(text: str, context: str) -> None:
    rendered = _markdown().reset().convert(context.format(md_text(text)))
    # The heading's own anchor link (toc's permalink in mkdocs.yml) is the site's, not the text's.
    rendered = re.sub(r'<a class="headerlink" href="#[^"]*" title="[^"]*">#</a>', "", rendered)
    expected = context.format(text).removeprefix("# ").removeprefix("- ")
    assert _shown(rendered) == expected
    assert "<a" not in rendered and "<script" not in rendered and "<img" not in rendered


def test_an_apostrophe_keeps_the_heading_anchor_readable() -> None:
    title = md_text("Children's services")
    rendered = _markdown().reset().convert(f"# {title}")
    assert 'id="childrens-services"' in rendered
