"""Every free-text field × every payload kind: the site builds and nothing from data runs or loads.

For each kind of ``tests/hostile/payloads.py`` a copy of the example gets every payload of that kind
in every free-text field (the first rows of every table, and the package's own text), the site is
built, every page is read for anything that could run or load from another host, and one page of
each page kind is loaded in Chromium with a request guard. Kinds that check refuses are checked
there instead: each field must be refused with the kind's problem code.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from generator.input.check import check_packages
from tests.browser.checks_static import discover_pages
from tests.fixture_sites import site_files
from tests.hostile.fields import (
    DESCRIPTOR_TEXT,
    TextField,
    structured_strings,
    text_fields,
    unclassified_descriptor_properties,
)
from tests.hostile.payloads import BY_NAME, KINDS, REMOTE, RUN, Kind, built_kinds
from tests.hostile.plant import copy_example, plant_everywhere, read_table, resources, write_table
from tests.hostile.sites import shared_site
from tests.hostile.static import page_problems
from tools.browser.server import site_base_path

if TYPE_CHECKING:
    from playwright.sync_api import Browser

BUILT = [kind.name for kind in built_kinds()]
LABELS = [f.label for f in text_fields()] + [f"package.{name}" for name in DESCRIPTOR_TEXT]
CANARY = ("<!doctype html><html><head><title>canary</title></head><body><p>{payload}</p>"
          "</body></html>")


def _site(tmp_path_factory: pytest.TempPathFactory, kind: Kind) -> Path:
    def plant_all(folders: list[Path]) -> None:
        for folder in folders:
            plant_everywhere(folder, kind)
    return shared_site(tmp_path_factory, f"every-field-{kind.name}", plant_all)


# -- the corpus itself ------------------------------------------------------------------------


def test_the_free_text_fields_come_from_the_format() -> None:
    labels = {f.label for f in text_fields()}
    assert {"indicators.title", "indicators.why_it_matters", "commentary.commentary",
            "ratings.reason", "breakdowns.category", "comparators.area_name"} <= labels
    assert not labels & {"indicators.id", "indicators.previous_ids", "indicators.unit",
                         "observations.period", "indicators.source_url", "indicators.related"}
    assert unclassified_descriptor_properties() == set(), "classify the new descriptor property"


def test_every_kind_has_scripts_or_text_that_names_its_origin() -> None:
    for kind in KINDS:
        assert kind.payloads("k:f") and len(set(kind.templates)) == len(kind.templates), kind.name
    for name in ("html", "markdown", "newlines", "yaml-escapes", "quotes"):
        assert any(RUN in t for t in BY_NAME[name].templates), name
    assert any(REMOTE in t for t in BY_NAME["markdown"].templates)


def test_only_formulas_start_like_a_formula() -> None:
    """Check refuses text that starts like a spreadsheet formula (issue 15, part A): the other
    kinds must not, or they would be refused for the wrong reason when a cell is empty."""
    for kind in KINDS:
        starts = {t[0] for t in kind.templates}
        assert bool(starts & set("=+-@\t\r")) == (kind.name == "formula"), kind.name


@pytest.mark.parametrize("kind", KINDS, ids=[k.name for k in KINDS])
def test_check_accepts_or_refuses_each_kind_in_every_field(kind: Kind, tmp_path: Path) -> None:
    folders = copy_example(tmp_path)
    for folder in folders:
        plant_everywhere(folder, kind, rows=1)
    _, problems = check_packages(folders)
    if not kind.refused_as:
        assert problems == [], [str(p) for p in problems[:5]]
        return
    refused = {(Path(p.file).name, p.field) for p in problems if p.rule == kind.refused_as}
    missing = [f.label for f in text_fields() if not any(field == f.name for _, field in refused)]
    assert not missing, f"{kind.name} not refused in {missing}"


@pytest.mark.parametrize("field", structured_strings(), ids=lambda f: f.label)
def test_a_field_left_out_of_the_corpus_is_one_check_refuses_text_in(field: TextField,
                                                                     tmp_path: Path) -> None:
    """The corpus skips ids, references, enums and periods: prove check keeps text out of each."""
    for folder in copy_example(tmp_path):
        path = resources(folder).get(field.resource)
        if path is None:
            continue
        header, rows = read_table(path)
        if field.name in header and rows:
            rows[0][field.name] = "<b>x</b> ../x"
            write_table(path, header, rows)
            _, problems = check_packages([folder])
            assert any(p.field == field.name for p in problems), [str(p) for p in problems]
            return
    pytest.fail(f"no example table has a row for {field}")


# -- the built sites --------------------------------------------------------------------------


@pytest.mark.parametrize("name", BUILT)
def test_no_page_runs_or_loads_anything_from_data(
        name: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    site = _site(tmp_path_factory, BY_NAME[name])
    problems, pages = [], 0
    for file, data in site_files(site):
        if file.endswith(".html"):
            pages += 1
            problems += [f"{file}: {p}" for p in page_problems(data.decode("utf-8"))]
    assert pages > 60
    assert not problems, "\n".join(problems[:20])


@pytest.mark.parametrize("name", [n for n in BUILT if "{origin}" in "".join(BY_NAME[n].templates)])
def test_every_field_reaches_the_site_as_text(name: str,
                                              tmp_path_factory: pytest.TempPathFactory) -> None:
    """The payloads are in the output (pages or downloads), so the checks above saw them."""
    site = _site(tmp_path_factory, BY_NAME[name])
    text = "".join(html.unescape(d.decode("utf-8", errors="replace")) for _, d in site_files(site))
    assert [label for label in LABELS if f"{name}:{label}" not in text] == []


def test_the_static_check_finds_every_payload_kind_raw() -> None:
    for name in ("html", "markdown"):
        raw = "\n".join(BY_NAME[name].payloads(f"{name}:raw"))
        found = page_problems(f"<html><body>{raw}</body></html>")
        assert any("planted <script>" in p for p in found)
        assert any("event handler" in p for p in found)
    found = "\n".join(problem for raw in BY_NAME["html"].payloads("html:raw")
                      for problem in page_problems(f"<html><body>{raw}</body></html>"))
    for sign in ("<img src=", "<link href=", "<style> loads", "<span style=", "<base href",
                 "<meta refresh", "<embed src=", "javascript:"):
        assert sign in found, sign


@pytest.mark.browser
@pytest.mark.parametrize("name", BUILT)
def test_no_payload_runs_or_leaves_the_site_in_chromium(
        name: str, browser: Browser, tmp_path_factory: pytest.TempPathFactory) -> None:
    from tests.hostile.browse import findings, search_term  # Playwright: only the browser tests need it

    site = _site(tmp_path_factory, BY_NAME[name])
    pages = [p for p in discover_pages(site, site_base_path(site)) if p.kind != "redirect"]
    one_per_kind = {p.kind: p.path for p in reversed(pages)}  # the first page of each kind
    canary = CANARY.format(payload=BY_NAME["html"].payload(f"{name}:canary"))
    scripts = any(RUN in t for t in BY_NAME[name].templates)
    search = search_term(site) if scripts else ""
    assert search or not scripts, "no search entry holds a payload"
    found = findings(browser, site, sorted(one_per_kind.values()), canary=canary, search=search)
    assert len(one_per_kind) >= 10
    assert not found, "\n".join(found)


def test_a_remote_markdown_image_is_not_an_image(tmp_path_factory: pytest.TempPathFactory) -> None:
    """``![x](https://...)`` in officers' Markdown would fetch from another host on every visit."""
    site = _site(tmp_path_factory, BY_NAME["markdown"])
    pages = "".join(d.decode("utf-8") for f, d in site_files(site) if f.endswith(".html"))
    assert re.search(r"<img[^>]+hostile-corpus", pages) is None
    assert "![remote](" + REMOTE in html.unescape(pages)
