"""The docs cannot drift from the code: every field, property, value and command is documented.

Fields and commands are discovered from ``generator.model.format`` and the click group, so a field or
command added later fails here until it is documented.
"""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from generator.commands.cli import main
from generator.input.config import load_schema
from generator.model.format import PACKAGE_PROPERTIES, SCHEMAS
from generator.model.periods import PeriodType
from generator.model.site import Flag, Missing

DOCS = Path(__file__).resolve().parent.parent / "docs"
DATA_PACKAGE = DOCS / "data-package.md"
COMMANDS = DOCS / "commands.md"
SITE_SETTINGS = DOCS / "site-settings.md"
IMPORTING = DOCS / "importing-dfe-data.md"


def section(path: Path, heading: str) -> str:
    """Return the text under a heading, up to the next heading of the same or a higher level."""
    text = path.read_text(encoding="utf-8")
    match = re.search(rf"^(#+) {re.escape(heading)}\s*$", text, re.MULTILINE)
    assert match, f"{path.name} has no heading '{heading}'"
    level = len(match.group(1))
    rest = text[match.end():]
    end = re.search(rf"^#{{1,{level}}} ", rest, re.MULTILINE)
    return rest[: end.start()] if end else rest


def table_rows(text: str) -> dict[str, str]:
    """Return the rows of Markdown tables in ``text``, keyed by the first cell without backticks."""
    rows = {}
    for line in text.splitlines():
        if line.startswith("|") and not line.startswith("|---"):
            first = line.split("|")[1].strip().strip("`")
            rows[first] = line
    return rows


FIELDS = [(resource, field) for resource, schema in SCHEMAS.items() for field in schema["fields"]]


@pytest.mark.parametrize(("resource", "field"), FIELDS,
                         ids=[f"{resource}.{field['name']}" for resource, field in FIELDS])
def test_every_field_is_in_its_resource_table(resource: str, field: dict) -> None:
    rows = table_rows(section(DATA_PACKAGE, f"`{resource}`"))
    name = field["name"]
    assert name in rows, f"docs/data-package.md: add `{name}` to the table of `{resource}`"
    row = rows[name]
    cells = [cell.strip() for cell in row.strip().strip("|").split("|")]
    assert len(cells) == 6, f"the row of `{name}` needs 6 cells: {row}"
    assert cells[1] == field["type"], f"`{resource}.{name}` is a {field['type']}: {row}"
    required = "yes" if field.get("constraints", {}).get("required") else "no"
    assert cells[2] == required, f"`{resource}.{name}` required should be {required}: {row}"
    for value in field.get("constraints", {}).get("enum", []):
        assert f"`{value}`" in cells[3], f"`{resource}.{name}`: document the value `{value}`"
    assert cells[4], f"`{resource}.{name}` needs a meaning"


@pytest.mark.parametrize("resource", list(SCHEMAS))
def test_no_undocumented_extra_fields(resource: str) -> None:
    """A field removed from the format must leave the docs too."""
    rows = table_rows(section(DATA_PACKAGE, f"`{resource}`"))
    names = {field["name"] for field in SCHEMAS[resource]["fields"]}
    documented = {key for key in rows if key not in ("Field",)}
    assert documented <= names, f"`{resource}` documents fields it does not have: " + ", ".join(
        sorted(documented - names))


@pytest.mark.parametrize("name", list(PACKAGE_PROPERTIES))
def test_every_package_property_is_documented(name: str) -> None:
    rows = table_rows(section(DATA_PACKAGE, "`datapackage.json`"))
    assert name in rows, f"docs/data-package.md: add `{name}` to the datapackage.json table"


@pytest.mark.parametrize("kind", list(PeriodType), ids=[kind.value for kind in PeriodType])
def test_every_period_type_is_documented(kind: PeriodType) -> None:
    assert kind.value in table_rows(section(DATA_PACKAGE, "Periods"))


@pytest.mark.parametrize("symbol", list(Missing), ids=[symbol.value for symbol in Missing])
def test_every_missing_symbol_is_documented(symbol: Missing) -> None:
    assert symbol.value in table_rows(section(DATA_PACKAGE, "Missing values"))


@pytest.mark.parametrize("flag", list(Flag), ids=[flag.value for flag in Flag])
def test_every_flag_is_documented(flag: Flag) -> None:
    assert flag.value in table_rows(section(DATA_PACKAGE, "Flags"))


def _commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    found = []
    for name, command in sorted(group.commands.items()):
        found.append((prefix + name, command))
        if isinstance(command, click.Group):
            found += _commands(command, prefix + name + " ")
    return found


COMMAND_LIST = _commands(main)


def test_commands_are_discovered() -> None:
    assert {"check", "build", "serve", "schema"} <= {name for name, _ in COMMAND_LIST}


@pytest.mark.parametrize(("name", "command"), COMMAND_LIST, ids=[n for n, _ in COMMAND_LIST])
def test_every_command_and_option_is_documented(name: str, command: click.Command) -> None:
    text = section(COMMANDS, f"`{name}`")
    assert text.strip(), f"docs/commands.md: describe `{name}`"
    for param in command.params:
        if isinstance(param, click.Option):
            if param.hidden:
                continue
            longest = max(param.opts, key=len)
            assert f"`{longest}" in text, f"docs/commands.md: document `{longest}` of `{name}`"
        elif isinstance(param, click.Argument):
            metavar = (param.name or "").upper()
            assert metavar in text, f"docs/commands.md: document the {metavar} argument of `{name}`"


#: How the docs name each JSON type in the type column of the settings and mapping tables.
DOC_TYPES = {"string": "text", "integer": "whole number", "number": "number",
             "boolean": "true or false", "array": "list", "object": "keys"}


def cells(row: str) -> list[str]:
    """Return the cells of a Markdown table row, stripped."""
    return [cell.strip() for cell in row.strip().strip("|").split("|")]


def _values(schema: dict, path: str = "") -> dict[str, dict]:
    """Return the keys of a schema that hold values (not sections of keys), by dotted path."""
    found: dict[str, dict] = {}
    for name, key in schema.get("properties", {}).items():
        found.update(_values(key, f"{path}{name}.") if "properties" in key
                     else {f"{path}{name}": key})
    return found


SETTINGS_KEYS = _values(load_schema("settings"))
SETTINGS_SECTION = "The settings the generator reads"


def test_settings_keys_are_found() -> None:
    assert {"site_url", "extra.generator.contact", "extra.generator.colours.primary"} <= set(
        SETTINGS_KEYS)


@pytest.mark.parametrize("key", list(SETTINGS_KEYS))
def test_every_setting_is_documented_with_its_type_and_default(key: str) -> None:
    rows = table_rows(section(SITE_SETTINGS, SETTINGS_SECTION))
    assert key in rows, f"docs/site-settings.md: add `{key}` to the settings table"
    row = cells(rows[key])
    assert len(row) == 4, f"the row of `{key}` needs 4 cells: {rows[key]}"
    declared = SETTINGS_KEYS[key]
    assert row[1] == DOC_TYPES[declared["type"]], f"`{key}` is {declared['type']}: {rows[key]}"
    default = declared.get("default")
    if default not in (None, ""):
        shown = str(default).lower() if isinstance(default, bool) else str(default)
        assert f"`{shown}`" in row[2], f"`{key}`: document the default `{shown}`"
    assert row[3], f"`{key}` needs a meaning"


def test_no_documented_setting_is_undeclared() -> None:
    """A setting taken out of the schema must leave the docs too."""
    documented = set(table_rows(section(SITE_SETTINGS, SETTINGS_SECTION))) - {"key"}
    assert documented <= set(SETTINGS_KEYS), "docs/site-settings.md documents settings the " \
        "generator does not read: " + ", ".join(sorted(documented - set(SETTINGS_KEYS)))


_MAPPING = load_schema("mapping")["properties"]
_INDICATOR = _MAPPING["indicators"]["items"]
#: Each table of docs/importing-dfe-data.md and the part of the mapping schema it documents.
MAPPING_SECTIONS = {
    "Top-level keys": load_schema("mapping"),
    "`licence` keys": _MAPPING["licence"],
    "`service_areas` keys": _MAPPING["service_areas"]["items"],
    "Indicator keys": _INDICATOR,
    "`ees` keys": _INDICATOR["properties"]["ees"],
    "`lait` keys": _INDICATOR["properties"]["lait"],
}
MAPPING_KEYS = [(heading, name) for heading, part in MAPPING_SECTIONS.items()
                for name in part["properties"]]


@pytest.mark.parametrize(("heading", "key"), MAPPING_KEYS,
                         ids=[f"{heading.replace('`', '')}.{key}" for heading, key in MAPPING_KEYS])
def test_every_mapping_key_is_documented_with_its_type(heading: str, key: str) -> None:
    rows = table_rows(section(IMPORTING, heading))
    assert key in rows, f"docs/importing-dfe-data.md: add `{key}` to the table '{heading}'"
    row = cells(rows[key])
    assert len(row) == 4, f"the row of `{key}` needs 4 cells: {rows[key]}"
    part = MAPPING_SECTIONS[heading]
    declared = part["properties"][key]
    assert row[1] == DOC_TYPES[declared["type"]], f"`{key}` is {declared['type']}: {rows[key]}"
    required = key in part.get("required", [])
    assert (row[2] == "yes") == required, f"`{key}` required should be {required}: {rows[key]}"
    for value in declared.get("enum", []):
        assert f"`{value}`" in row[3], f"`{key}`: document the value `{value}`"
    assert row[3], f"`{key}` needs a meaning"


@pytest.mark.parametrize("heading", list(MAPPING_SECTIONS))
def test_no_documented_mapping_key_is_undeclared(heading: str) -> None:
    """A key taken out of the mapping schema must leave the docs too."""
    documented = set(table_rows(section(IMPORTING, heading))) - {"key"}
    declared = set(MAPPING_SECTIONS[heading]["properties"])
    assert documented <= declared, f"'{heading}' documents keys the mapping does not have: " + \
        ", ".join(sorted(documented - declared))


DOC_PAGES = [DATA_PACKAGE, COMMANDS, DOCS / "adding-an-indicator.md", SITE_SETTINGS, IMPORTING]


@pytest.mark.parametrize("page", DOC_PAGES, ids=[page.name for page in DOC_PAGES])
def test_links_between_docs_resolve(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    for target, anchor in re.findall(r"\]\(([\w-]*\.md)?(?:#([\w-]+))?\)", text):
        linked = DOCS / target if target else page
        assert linked.exists(), f"{page.name} links to missing {target}"
        if anchor:
            headings = re.findall(r"^#+ (.+)$", linked.read_text(encoding="utf-8"), re.MULTILINE)
            slugs = {re.sub(r"[^\w\- ]", "", h).strip().lower().replace(" ", "-") for h in headings}
            assert anchor in slugs, f"{page.name} links to missing #{anchor} in {linked.name}"


# Environment variables the generator reads (tests and the benchmark have their own, documented
# in docs/quality-gates.md and docs/performance.md).
GENERATOR_VARIABLES = sorted({name for path in (DOCS.parent / "generator").rglob("*.py")
                              for name in re.findall(r"\"(PERFSITE_[A-Z_]+)\"",
                                                     path.read_text(encoding="utf-8"))})


def test_generator_variables_are_found() -> None:
    assert "PERFSITE_WORKERS" in GENERATOR_VARIABLES


@pytest.mark.parametrize("name", GENERATOR_VARIABLES)
def test_every_environment_variable_is_documented(name: str) -> None:
    assert f"`{name}" in COMMANDS.read_text(encoding="utf-8"), f"docs/commands.md: document {name}"
