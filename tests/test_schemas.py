"""The site settings and the importers' mapping are checked against their declared schemas.

Each row changes one value of the shipped file (mkdocs.yml or generator/importers/mappings/dfe.yml)
and names the problem that must be reported: its field (key path), rule and words. A wrong value is
always a reported problem, never an exception.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from generator.commands.cli import main
from generator.importers.mapping import SHIPPED_MAPPING, mapping_problems
from generator.input.config import KINDS, load_schema, schema_problems
from generator.model.format import ID_PATTERN, SCHEMAS
from generator.model.periods import PeriodType
from generator.model.site import Frequency, Polarity, Unit
from generator.pages.colours import DEFAULT_COLOURS, HEX
from generator.problems import DataError
from generator.settings import (
    Settings,
    contact_warnings,
    load_settings,
    settings_problems,
)

REPO = Path(__file__).resolve().parents[1]


class _Delete:
    """Marks a key to take out of the file (its repr names the test case)."""

    def __repr__(self) -> str:
        return "deleted"


DELETE = _Delete()


def _settings() -> Any:
    return yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8").replace("!!python", "#"))


def _mapping() -> Any:
    return yaml.safe_load(SHIPPED_MAPPING.read_text(encoding="utf-8"))


def _changed(data: Any, path: str, value: Any) -> Any:
    """Return a copy of ``data`` with the value at a dotted path (``indicators.0.unit``) set."""
    if not path:
        return value
    data = copy.deepcopy(data)
    *parents, last = [int(step) if step.isdigit() else step for step in path.split(".")]
    node = data
    for step in parents:
        node = node[step]
    if value is DELETE:
        del node[last]
    else:
        node[last] = value
    return data


G = "extra.generator"
SETTINGS_ROWS = [
    # (path changed, new value, field reported, rule, words of the message)
    (f"{G}.suppression_threshold", "five", f"{G}.suppression_threshold", "settings-type",
     "'five' is text, not a whole number"),
    (f"{G}.suppression_threshold", 2.5, f"{G}.suppression_threshold", "settings-type",
     "2.5 is a number, not a whole number"),
    (f"{G}.suppression_threshold", True, f"{G}.suppression_threshold", "settings-type",
     "true is a true or false value, not a whole number"),
    (f"{G}.suppression_threshold", -1, f"{G}.suppression_threshold", "settings-range",
     "-1 is less than 0"),
    (f"{G}.contakt", "x", f"{G}.contakt", "settings-key", "unknown key 'contakt'"),
    (f"{G}.contact", "", f"{G}.contact", "settings-empty", "the text is empty"),
    (f"{G}.contact", None, f"{G}.contact", "settings-empty", "no value is given"),
    (f"{G}.contact", ["a", "b"], f"{G}.contact", "settings-type", "is a list, not text"),
    (f"{G}.council", 7, f"{G}.council", "settings-type", "7 is a whole number, not text"),
    (f"{G}.packages", [], f"{G}.packages", "settings-empty", "the list is empty"),
    (f"{G}.packages", "datapackages/x", f"{G}.packages", "settings-type",
     "'datapackages/x' is text, not a list"),
    (f"{G}.packages", DELETE, f"{G}.packages", "settings-required", "'packages' is missing"),
    (f"{G}.packages.1", 5, f"{G}.packages[2]", "settings-type", "5 is a whole number, not text"),
    (f"{G}.demonstration", "yes", f"{G}.demonstration", "settings-type",
     "'yes' is text, not true or false"),
    (f"{G}.colours", "#12436D", f"{G}.colours", "settings-type",
     "'#12436D' is text, not a set of keys"),
    (f"{G}.colours.primary", "blue", f"{G}.colours.primary", "settings-format",
     "'blue' is not written in the right form"),
    (f"{G}.colours.secondary", "#12436D", f"{G}.colours.secondary", "settings-key",
     "unknown key 'secondary'"),
    (f"{G}.colours.primary", "#FFDD00", f"{G}.colours", "settings-colour",
     "contrast of 1.3:1 with white"),
    (G, ["council"], G, "settings-type", "is a list, not a set of keys"),
    (G, DELETE, G, "settings-required", "'generator' is missing"),
    ("extra", DELETE, "extra", "settings-required", "'extra' is missing"),
    ("site_url", "example.org", "site_url", "settings-format",
     "'example.org' is not written in the right form"),
    ("site_name", "", "site_name", "settings-empty", "the text is empty"),
    ("site_dir", 5, "site_dir", "settings-type", "5 is a whole number, not text"),
    ("", ["site_name"], "", "settings-type", "is a list, not a set of keys"),
]


@pytest.mark.parametrize(("path", "value", "field", "rule", "words"), SETTINGS_ROWS,
                         ids=[f"{row[0] or 'file'}={row[1]!r}" for row in SETTINGS_ROWS])
def test_a_wrong_setting_is_one_problem(path: str, value: Any, field: str, rule: str,
                                        words: str) -> None:
    [problem] = settings_problems(_changed(_settings(), path, value), "mkdocs.yml")
    assert (problem.file, problem.field, problem.rule) == ("mkdocs.yml", field, rule)
    assert words in problem.message
    assert problem.fix, "every problem says how to fix it"


@pytest.mark.parametrize(("path", "value", "fix"), [
    (f"{G}.contakt", "x", "Did you mean 'contact'?"),
    (f"{G}.packages.1", 5, 'Put the value in quotes ("5")'),
    (f"{G}.suppression_threshold", -1, "Use a whole number of 0 or more. Counts of people"),
    (f"{G}.colours.primary", "blue", "as #RRGGBB. For example: #12436D"),
])
def test_the_fix_says_what_to_write(path: str, value: Any, fix: str) -> None:
    [problem] = settings_problems(_changed(_settings(), path, value), "mkdocs.yml")
    assert fix in problem.fix


def test_every_settings_problem_is_reported_together(tmp_path: Path) -> None:
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(text.replace("suppression_threshold: 5", "suppression_threshold: two\n"
                                   "    contakt: x").replace("demonstration: true",
                                                            "demonstration: maybe"),
                      encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_settings(config)
    assert [(p.field, p.rule) for p in error.value.problems] == [
        (f"{G}.contakt", "settings-key"), (f"{G}.demonstration", "settings-type"),
        (f"{G}.suppression_threshold", "settings-type")]


def test_contrast_is_reported_with_the_other_problems() -> None:
    config = _changed(_changed(_settings(), f"{G}.colours.accent", "#FFDD00"),
                      f"{G}.demonstration", "yes")
    assert [(p.field, p.rule) for p in settings_problems(config, "mkdocs.yml")] == [
        (f"{G}.colours", "settings-colour"), (f"{G}.demonstration", "settings-type")]


@pytest.mark.parametrize(("environment", "site_url"), [
    ({"EXAMPLE_SITE_URL": "https://ci.example.org/perf/"}, "https://ci.example.org/perf/"),
    ({}, "https://fallback.example.org/"),
])
def test_an_env_tag_is_read_as_mkdocs_reads_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               environment: dict[str, str], site_url: str) -> None:
    monkeypatch.delenv("EXAMPLE_SITE_URL", raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: Eastford\n"
                      "site_url: !ENV [EXAMPLE_SITE_URL, 'https://fallback.example.org/']\n"
                      "extra:\n  generator:\n    packages: [data]\n", encoding="utf-8")
    assert load_settings(config).site_url == site_url


def test_the_example_settings_are_read_with_their_types_and_defaults(tmp_path: Path) -> None:
    settings = load_settings(REPO / "mkdocs.yml")
    assert (settings.council, settings.suppression_threshold, settings.contact) == (
        "Northbridge Council", 5,
        "the performance team at [performance@northbridge.example](mailto:performance@northbridge.example)")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: Eastford performance\nextra:\n  generator:\n    packages: [data]\n"
                      "    contact: the data team at data@eastford.gov.uk\n", encoding="utf-8")
    settings = load_settings(config)
    assert settings == Settings(
        root=tmp_path, config_file=config, site_name="Eastford performance", site_url="",
        council="Eastford performance", packages=(tmp_path / "data",),
        docs_source=tmp_path / "site_src", site_dir=tmp_path / "site", suppression_threshold=5,
        demonstration=False, colours={}, contact="the data team at data@eastford.gov.uk")


R = "indicators.re-referrals"
MAPPING_ROWS = [
    ("indicators.0.decimal_places", "two", f"{R}.decimal_places", "mapping-type",
     "'two' is text, not a whole number"),
    ("indicators.0.decimal_places", 4, f"{R}.decimal_places", "mapping-range", "4 is more than 3"),
    ("indicators.0.decimal_places", -1, f"{R}.decimal_places", "mapping-range",
     "-1 is less than 0"),
    ("indicators.0.colour", "red", f"{R}.colour", "mapping-key", "unknown key 'colour'"),
    ("indicators.0.title", "", f"{R}.title", "mapping-empty", "the text is empty"),
    ("indicators.0.title", None, f"{R}.title", "mapping-empty", "no value is given"),
    ("indicators.0.title", DELETE, f"{R}.title", "mapping-required", "'title' is missing"),
    ("indicators.0.unit", "percent", f"{R}.unit", "mapping-enum",
     "'percent' is not one of the allowed values"),
    ("indicators.0.id", "Re Referrals", "indicators[1].id", "mapping-format",
     "'Re Referrals' is not written in the right form"),
    ("indicators.0.ees", ["file", "value"], f"{R}.ees", "mapping-type",
     "is a list, not a set of keys"),
    ("indicators.0.ees.value", DELETE, f"{R}.ees.value", "mapping-required",
     "'value' is missing"),
    ("indicators.0.ees.filters", "category", f"{R}.ees.filters", "mapping-type",
     "'category' is text, not a set of keys"),
    ("indicators.0.ees.filters.category", ["a"], f"{R}.ees.filters.category", "mapping-type",
     "is a list, not text or a number"),
    ("indicators.0.lait.decimal_places", "one", f"{R}.lait.decimal_places", "mapping-type",
     "'one' is text, not a whole number"),
    ("indicators.0.lait.measure", "", f"{R}.lait.measure", "mapping-empty", "the text is empty"),
    ("indicators.0.source_url", "www.gov.uk", f"{R}.source_url", "mapping-format",
     "'www.gov.uk' is not written in the right form"),
    ("indicators.0.service_area", "nowhere", f"{R}.service_area", "mapping-service-area",
     "unknown service area 'nowhere'"),
    ("indicators.1.period_end", DELETE, "indicators.children-in-need-at-31-march.period_end",
     "mapping-period-end", "a snapshot indicator needs period_end"),
    ("indicators.1.period_end", 3, "indicators.children-in-need-at-31-march.period_end",
     "mapping-type", "3 is a whole number, not text"),
    ("indicators.1.period_end", "13-01", "indicators.children-in-need-at-31-march.period_end",
     "mapping-format", "'13-01' is not written in the right form"),
    ("indicators.1.id", "re-referrals", "indicators", "mapping-duplicate",
     "id 're-referrals' is used twice"),
    ("indicators.2", ["id"], "indicators[3]", "mapping-type", "is a list, not a set of keys"),
    ("indicators", {"id": "x"}, "indicators", "mapping-type", "is a set of keys, not a list"),
    ("indicators", [], "indicators", "mapping-empty", "the list is empty"),
    ("indicators", DELETE, "indicators", "mapping-required", "'indicators' is missing"),
    ("service_areas.0.item", 0, "service_areas.children-in-need.item", "mapping-range",
     "0 is less than 1"),
    ("licence.url", "https://example.org", "licence.url", "mapping-key", "unknown key 'url'"),
    ("publisher", ["DfE"], "publisher", "mapping-type", "is a list, not text"),
    ("extra", 1, "extra", "mapping-key", "unknown key 'extra'"),
    ("", "indicators", "", "mapping-type", "'indicators' is text, not a set of keys"),
]


@pytest.mark.parametrize(("path", "value", "field", "rule", "words"), MAPPING_ROWS,
                         ids=[f"{row[0] or 'file'}={row[1]!r}" for row in MAPPING_ROWS])
def test_a_wrong_mapping_value_is_one_problem(path: str, value: Any, field: str, rule: str,
                                              words: str) -> None:
    [problem] = mapping_problems(_changed(_mapping(), path, value), "dfe.yml")
    assert (problem.file, problem.field, problem.rule) == ("dfe.yml", field, rule)
    assert words in problem.message
    assert problem.fix, "every problem says how to fix it"


def test_an_indicator_needs_ees_or_lait() -> None:
    data = _changed(_changed(_mapping(), "indicators.0.ees", DELETE), "indicators.0.lait", DELETE)
    [problem] = mapping_problems(data, "dfe.yml")
    assert (problem.field, problem.rule) == (R, "mapping-required")
    assert problem.message == "neither 'ees' nor 'lait' is given"


def test_the_mapping_fix_suggests_the_nearest_value() -> None:
    [problem] = mapping_problems(_changed(_mapping(), "indicators.0.unit", "percent"), "dfe.yml")
    assert problem.fix.startswith("Did you mean 'percentage'? Use one of: percentage, ")


def test_the_shipped_files_validate_cleanly() -> None:
    assert settings_problems(_settings(), "mkdocs.yml") == []
    assert mapping_problems(_mapping(), "dfe.yml") == []


# The schemas repeat a few facts the code also declares; these keep the two the same.
def _indicator_keys() -> dict[str, Any]:
    return load_schema("mapping")["properties"]["indicators"]["items"]["properties"]


@pytest.mark.parametrize(("key", "values"), [
    ("unit", Unit), ("polarity", Polarity), ("frequency", Frequency), ("period_type", PeriodType)])
def test_mapping_enums_are_the_models(key: str, values: Any) -> None:
    assert _indicator_keys()[key]["enum"] == [member.value for member in values]


def test_mapping_ids_and_decimal_places_follow_the_package_format() -> None:
    fields = {field["name"]: field for field in SCHEMAS["indicators"]["fields"]}
    keys = _indicator_keys()
    assert keys["id"]["pattern"] == keys["service_area"]["pattern"] == ID_PATTERN
    assert keys["decimal_places"]["maximum"] == fields["decimal_places"]["constraints"]["maximum"]


def test_settings_colours_are_the_pages_colours() -> None:
    generator = load_schema("settings")["properties"]["extra"]["properties"]["generator"]
    colours = generator["properties"]["colours"]["properties"]
    assert {name: key["default"] for name, key in colours.items()} == DEFAULT_COLOURS
    assert {key["pattern"] for key in colours.values()} == {HEX.pattern}


def _declared(schema: dict[str, Any], path: str = "") -> list[tuple[str, dict[str, Any]]]:
    """Return every key a schema declares (list items as [])."""
    found = []
    for name, key in schema.get("properties", {}).items():
        found.append((f"{path}{name}", key))
        found += _declared(key, f"{path}{name}.")
        if isinstance(key.get("items"), dict):
            found += _declared(key["items"], f"{path}{name}[].")
    return found


KEYS = [(name, path, key) for name in ("settings", "mapping", "descriptor")
        for path, key in _declared(load_schema(name))]


@pytest.mark.parametrize(("name", "path", "key"), KEYS, ids=[f"{n}:{p}" for n, p, _ in KEYS])
def test_every_declared_key_has_a_type_and_a_description(name: str, path: str,
                                                         key: dict[str, Any]) -> None:
    assert key.get("type") and key.get("description"), f"{name}: {path}"


ANNOTATIONS = {"$schema", "$id", "title", "description", "default", "examples", "properties",
               "items"}


def _keywords(schema: dict[str, Any]) -> set[str]:
    """Return the validation keywords a schema and its parts use."""
    found = set(schema) - ANNOTATIONS
    parts = [*schema.get("properties", {}).values(), *schema.get("anyOf", [])]
    parts += [schema[name] for name in ("items", "additionalProperties")
              if isinstance(schema.get(name), dict)]
    return found.union(*(_keywords(part) for part in parts))


@pytest.mark.parametrize("name", ["settings", "mapping", "descriptor"])
def test_every_keyword_of_the_schemas_is_worded(name: str) -> None:
    """A keyword without its own wording would fall back to jsonschema's English."""
    assert _keywords(load_schema(name)) <= set(KINDS)


def _bad_settings(tmp_path: Path) -> Path:
    config = tmp_path / "mkdocs.yml"
    config.write_text((REPO / "mkdocs.yml").read_text(encoding="utf-8").replace(
        "suppression_threshold: 5", "suppression_threshold: five"), encoding="utf-8")
    return config


def _bad_mapping(tmp_path: Path) -> Path:
    mapping = tmp_path / "dfe.yml"
    mapping.write_text(SHIPPED_MAPPING.read_text(encoding="utf-8").replace(
        "decimal_places: 1", "decimal_places: two", 1), encoding="utf-8")
    return mapping


@pytest.mark.parametrize(("command", "field", "words"), [
    (["check", "--config", "{settings}"], f"{G}.suppression_threshold", "'five' is text"),
    (["check", "--format", "json", "--config", "{settings}"], f"{G}.suppression_threshold",
     "'five' is text"),
    (["build", "--pages-only", "--config", "{settings}"], f"{G}.suppression_threshold",
     "'five' is text"),
    (["import-ees", str(REPO / "tests/fixtures/dfe/ees"), "--council", "Trafford", "--out",
      "{out}", "--mapping", "{mapping}"], f"{R}.decimal_places", "'two' is text"),
    (["import-lait", str(REPO / "tests/fixtures/dfe/lait/lait_extract.csv"), "--council", "358",
      "--out", "{out}", "--mapping", "{mapping}"], f"{R}.decimal_places", "'two' is text"),
], ids=["check", "check-json", "build", "import-ees", "import-lait"])
def test_the_cli_reports_a_wrong_value_without_a_traceback(tmp_path: Path, command: list[str],
                                                           field: str, words: str) -> None:
    values = {"settings": str(_bad_settings(tmp_path)), "mapping": str(_bad_mapping(tmp_path)),
              "out": str(tmp_path / "out")}
    result = CliRunner().invoke(main, [part.format(**values) for part in command])
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    assert field in result.output and words in result.output, result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("items", "least", "message", "fix_start"), [
    ([], 1, "the list is empty", "List at least one item."),
    ([], 2, "the list is empty", "List at least 2 items."),
    (["a"], 2, "the list has one item; it needs at least 2", "List at least 2 items."),
    (["a", "b"], 3, "the list has 2 items; it needs at least 3", "List at least 3 items."),
])
def test_a_short_list_is_described_by_its_length(items: list[str], least: int, message: str,
                                                   fix_start: str) -> None:
    schema = {"type": "object", "properties": {"names": {"type": "array", "minItems": least}}}
    [problem] = schema_problems({"names": items}, schema, "test.yml", "settings", "docs/x.md")
    assert (problem.field, problem.message, problem.rule) == ("names", message, "settings-empty")
    assert problem.fix.startswith(fix_start)


# The accessibility statement must say how to report a problem: a contact with no way to reach
# anyone is a warning (settings-contact), the build still runs.
CONTACT_ROWS = [
    ("the performance team", True),
    ("Northbridge Council", True),
    ("the performance team at performance@council.gov.uk", False),
    ("[performance@council.gov.uk](mailto:performance@council.gov.uk)", False),
    ("us through [our contact form](https://council.gov.uk/contact)", False),
    ("the performance team on 0161 496 0000", False),
    ("the performance team on 01614960000", False),
    ("room 101 of the town hall", True),
]


@pytest.mark.parametrize(("contact", "warned"), CONTACT_ROWS, ids=[c for c, _ in CONTACT_ROWS])
def test_a_contact_without_an_address_is_warned_about(tmp_path: Path, contact: str,
                                                      warned: bool) -> None:
    settings = Settings(root=tmp_path, config_file=tmp_path / "mkdocs.yml", site_name="Eastford",
                        site_url="", council="Eastford", packages=(), docs_source=tmp_path,
                        site_dir=tmp_path, contact=contact)
    warnings = contact_warnings(settings)
    assert [(w.file, w.field, w.rule) for w in warnings] == (
        [("mkdocs.yml", f"{G}.contact", "settings-contact")] if warned else [])
    if warned:
        assert warnings[0].message == (
            f"the accessibility statement asks readers to contact '{contact}' but gives no email "
            "address, telephone number or web address")


def test_the_build_warns_when_the_statement_has_no_contact(tmp_path: Path) -> None:
    """With no contact set, the build goes ahead and says what the statement lacks."""
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: Testshire\ndocs_dir: {REPO / 'site_src'}\nextra:\n  generator:\n"
                      f"    packages: [{REPO / 'tests/fixtures/packages/minimal'}]\n",
                      encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--pages-only", "--config", str(config)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == (f'Warning: mkdocs.yml, field "{G}.contact": the accessibility statement '
                        "asks readers to contact 'the performance team' but gives no email "
                        "address, telephone number or web address")
    assert lines[1].startswith("    How to fix: Set extra.generator.contact in mkdocs.yml")
    assert lines[2].startswith("Built ")
    config.write_text(config.read_text(encoding="utf-8")
                      + "    contact: the data team at data@testshire.example\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--pages-only", "--config", str(config)])
    assert result.output.startswith("Built "), result.output
