"""Write the template reference of docs/page-templates.md: `python -m tests.template_reference`.

The reference lists every page kind with its template, its context class and each variable
the template may read, from the context classes' fields and their ``help``. tests/test_templates.py
fails when the page differs from what this writes, so the documentation cannot drift from the code.
"""

from __future__ import annotations

import sys
from dataclasses import Field, fields
from pathlib import Path

from generator.pages.context import PageContext
from generator.pages.kinds import KINDS, PageKind

DOC = Path(__file__).resolve().parents[1] / "docs" / "page-templates.md"
START = "<!-- reference: written by `python -m tests.template_reference`; do not edit by hand -->"
END = "<!-- reference: end -->"
COMMON = {item.name for item in fields(PageContext)}


def own_fields(context: type) -> list[Field[object]]:
    """Return a context class's fields other than those every page has."""
    every = fields(context)  # type: ignore[arg-type]
    shared = COMMON if issubclass(context, PageContext) else set()
    return [item for item in every if item.name not in shared]


def _table(items: list[Field[object]]) -> list[str]:
    lines = ["| variable | what it holds |", "|---|---|"]
    lines += [f"| `{item.name}` | {item.metadata.get('help', '')} |" for item in items]
    return lines


def _kind(kind: PageKind) -> list[str]:
    lines = [f"### {kind.name}", ""]
    if kind.template is None or kind.context is None:
        return [*lines, "Files made without a template.", ""]
    where = kind.context.__module__.replace(".", "/") + ".py"
    lines.append(f"Template `{kind.template}`, context `{kind.context.__name__}` "
                 f"(`{where}`).")
    if issubclass(kind.context, PageContext):
        lines.append("Besides the variables every page has:")
    else:
        lines.append("A page of its own, without the variables every page has:")
    return [*lines, "", *_table(own_fields(kind.context)), ""]


def reference() -> str:
    """Return the reference: the variables of every page, then those of each page kind."""
    lines = [START, "", "### Every page", "",
             "Every template but the redirect's may read these: context `PageContext` "
             "(`generator/pages/context.py`).", "",
             *_table(list(fields(PageContext))), ""]
    for kind in KINDS:
        lines += _kind(kind)
    return "\n".join([*lines, END])


def documented() -> str:
    """Return the reference as docs/page-templates.md has it now."""
    text = DOC.read_text(encoding="utf-8")
    start, end = text.index(START), text.index(END) + len(END)
    return text[start:end]


def main() -> int:
    """Rewrite the reference in docs/page-templates.md from the code."""
    text = DOC.read_text(encoding="utf-8")
    DOC.write_text(text.replace(documented(), reference()), encoding="utf-8", newline="\n")
    print(f"Wrote the template reference in {DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
