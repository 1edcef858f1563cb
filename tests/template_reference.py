"""Write the template reference of docs/page-templates.md: `python -m tests.template_reference`.

The reference lists every page kind with its template, its context class and each variable
the template may read, from the context classes' fields and their ``help``; then every part those
variables hold that generator/pages defines (a table row, a card, a chart) with its fields.
tests/test_templates.py fails when the page differs from what this writes, so the documentation
cannot drift from the code.
"""

from __future__ import annotations

import sys
import typing
from dataclasses import Field, fields, is_dataclass
from pathlib import Path

from generator.pages.context import PageContext
from generator.pages.kinds import KINDS, PageKind

DOC = Path(__file__).resolve().parents[1] / "docs" / "page-templates.md"
START = "<!-- reference: written by `python -m tests.template_reference`; do not edit by hand -->"
END = "<!-- reference: end -->"
COMMON = {item.name for item in fields(PageContext)}
PAGES = "generator.pages."


def field_types(cls: type) -> dict[str, object]:
    """Return the types of a dataclass's fields, resolved from their annotations."""
    hints = typing.get_type_hints(cls)
    return {item.name: hints[item.name] for item in fields(cls)}  # type: ignore[arg-type]


def classes_in(hint: object) -> list[type]:
    """Return the dataclasses a type names, inside tuples, unions and the like."""
    if isinstance(hint, type) and is_dataclass(hint):
        return [hint]
    return [cls for arg in typing.get_args(hint) for cls in classes_in(arg)]


def parts() -> dict[type, list[str]]:
    """Return every class of generator/pages that a context's fields hold, with where it is read.

    The classes are found by following the fields' types from each page kind's context, so a
    new row class is documented as soon as a context holds it.
    """
    found: dict[type, list[str]] = {}

    def visit(cls: type, where: str) -> None:
        for name, hint in field_types(cls).items():
            for part in classes_in(hint):
                if not part.__module__.startswith(PAGES):
                    continue
                seen = part in found
                found.setdefault(part, []).append(where.format(name=name))
                if not seen:
                    visit(part, f"`{part.__name__}.{{name}}`")

    for kind in KINDS:
        if kind.context is not None:
            visit(kind.context, f"`{{name}}` ({kind.name})")
    return found


def own_fields(context: type) -> list[Field[object]]:
    """Return a context class's fields other than those every page has."""
    every = fields(context)  # type: ignore[arg-type]
    shared = COMMON if issubclass(context, PageContext) else set()
    return [item for item in every if item.name not in shared]


def _table(items: list[Field[object]], heading: str = "variable") -> list[str]:
    lines = [f"| {heading} | what it holds |", "|---|---|"]
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


def _part(part: type, read_by: list[str]) -> list[str]:
    summary = (part.__doc__ or "").strip().splitlines()[0]
    where = part.__module__.replace(".", "/") + ".py"
    return [f"### `{part.__name__}`", "",
            f"{summary.rstrip('.')} (`{where}`). Held by {', '.join(read_by)}.", "",
            *_table(list(fields(part)), "field"), ""]  # type: ignore[arg-type]


def reference() -> str:
    """Return the reference: the variables of every page, those of each kind, then the parts."""
    lines = [START, "", "### Every page", "",
             "Every template but the redirect's may read these: context `PageContext` "
             "(`generator/pages/context.py`).", "",
             *_table(list(fields(PageContext))), ""]
    for kind in KINDS:
        lines += _kind(kind)
    lines += ["## Rows and other parts", "",
              "What the variables above hold when it is not a single value or a part of the "
              "data model: each a class of `generator/pages/` whose fields a template reads by "
              "name, as in `{% for row in rows %}{{ row.latest }}{% endfor %}`.", ""]
    for part, read_by in parts().items():
        lines += _part(part, read_by)
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
