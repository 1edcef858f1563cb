"""Read a built indicator page as a reader sees it: its statements, sorted by where they stand.

The tests that check what pages say (``test_known_answers.py``, ``test_page_consistency.py``)
read the built HTML, not the analysis objects, so a sentence that reaches the page by another
road is read too. Elements are found by the classes the templates give them; text is what a
reader sees (tags dropped, character references decoded, spaces collapsed).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
         "track", "wbr"}
_HIDDEN = {"script", "style", "template", "svg"}


@dataclass
class _Node:
    tag: str
    attrs: dict[str, str]
    children: list[_Node | str] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def text(self) -> str:
        parts: list[str] = []
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            elif child.tag not in _HIDDEN:
                parts.append(child.text())
                if child.tag in {"p", "li", "tr", "br", "div", "td", "th", "caption"}:
                    parts.append(" ")
        return " ".join("".join(parts).split())

    def walk(self) -> list[_Node]:
        found = [self]
        for child in self.children:
            if isinstance(child, _Node):
                found.extend(child.walk())
        return found

    def find_all(self, tag: str | None = None, cls: str | None = None) -> list[_Node]:
        return [node for node in self.walk()[1:]
                if (tag is None or node.tag == tag) and (cls is None or cls in node.classes)]

    def find(self, tag: str | None = None, cls: str | None = None) -> _Node | None:
        found = self.find_all(tag, cls)
        return found[0] if found else None


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = _Node(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(text: str) -> _Node:
    """Return the document's element tree."""
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


@dataclass(frozen=True)
class IndicatorPage:
    """What one indicator page says, statement by statement."""

    path: Path
    title: str
    headline: str
    chip: str  # the rating chip's words, such as "Amber"
    reason: str  # the rating line after the chip
    facts: dict[str, str]  # key facts under the headline: label -> text
    explanation: tuple[str, ...]  # the paragraphs of "What the figures say"
    commentary: str
    chart_title: str
    chart_summary: str
    table_head: tuple[str, ...]
    table: tuple[tuple[str, ...], ...]  # each row: the period, then one text per column
    table_note: str
    text: str  # everything in the article, for "never says" checks

    def column(self, heading: str) -> dict[str, str]:
        """Return one column of the data table: period -> cell text."""
        index = self.table_head.index(heading)
        return {row[0]: row[index] for row in self.table}

    @property
    def statements(self) -> tuple[str, ...]:
        """Return every generated statement about the figures, in page order."""
        return (self.headline, self.reason, *self.facts.values(), *self.explanation,
                self.chart_title, self.chart_summary)


def _text(node: _Node | None) -> str:
    return node.text() if node is not None else ""


def read_indicator_page(path: Path) -> IndicatorPage:
    """Return the statements of a built indicator page (``…/AREA/ID/index.html``)."""
    article = parse(path.read_text(encoding="utf-8")).find("article")
    assert article is not None, f"{path} has no article"
    facts: dict[str, str] = {}
    chip = reason = ""
    facts_list = article.find("ul", "indicator-summary__facts")
    for item in facts_list.find_all("li") if facts_list else []:
        label = _text(item.find("span", "fact-label")).rstrip(":")
        whole = item.text()
        rest = whole[whole.index(":") + 1:].strip()
        if label == "Rating":
            chip = _text(item.find("span", "rating"))
            reason = rest[len(chip):].strip() if chip and rest.startswith(chip) else rest
        else:
            facts[label] = rest
    table = article.find("table", "data-table")
    head = tuple(cell.text() for cell in table.find_all("th") if cell.attrs.get("scope") ==
                 "col") if table else ()
    body = table.find("tbody") if table else None
    rows = tuple(tuple(cell.text() for cell in row.find_all()
                       if cell.tag in {"th", "td"} and cell in row.children)
                 for row in (body.find_all("tr") if body else ()))
    notes = article.find_all("p", "table-note")
    return IndicatorPage(
        path=path,
        title=_text(article.find("h1")),
        headline=_text(article.find("p", "indicator-summary__headline")),
        chip=_strip_icon(chip),
        reason=reason,
        facts=facts,
        explanation=tuple(p.text() for p in (article.find("div", "explanation") or _Node("", {}))
                          .find_all("p")),
        commentary=_text(article.find("div", "commentary")),
        chart_title=_text(article.find("p", "chart__title")),
        chart_summary=_text(article.find("p", "chart-summary")),
        table_head=head,
        table=rows,
        table_note=_text(notes[0]) if notes else "",
        text=article.text(),
    )


def _strip_icon(chip: str) -> str:
    return re.sub(r"^[^\w]+", "", html.unescape(chip)).strip()


def indicator_pages(site: Path) -> list[Path]:
    """Return every indicator page of a built site (an area folder's indicator folders)."""
    pages = []
    for path in sorted(site.glob("*/*/index.html")):
        text = path.read_text(encoding="utf-8")
        if "indicator-summary__facts" in text:
            pages.append(path)
    return pages
