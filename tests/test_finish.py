"""The finishing pass over a built site, and the configuration written for any builder."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from generator.output.config import config_path, config_text, site_config
from generator.output.finish import (
    finish,
    finish_page,
    rendered_pages,
    search_languages,
    written_since,
)
from tests.fixture_sites import fixture_settings

ARTICLE = '<article class="md-content__inner md-typeset">'
SEND = '<abbr title="special educational needs and disabilities">SEND</abbr>'


@pytest.mark.parametrize("built, finished", [
    # Abbreviations are marked in the content only, officers' text included...
    (f"<header>SEND</header>\n    {ARTICLE}\n      <p>Head of SEND</p>\n    </article>",
     f"<header>SEND</header>\n{ARTICLE}\n<p>Head of {SEND}</p>\n</article>"),
    # ...never in the page's title, navigation or footer.
    ("<title>SEND</title>\n  <nav>SEND</nav>", "<title>SEND</title>\n<nav>SEND</nav>"),
    # A page without the theme's content article is only tidied.
    ("<div>\n    <p>SEND</p>\n</div>", "<div>\n<p>SEND</p>\n</div>"),
    # Code keeps its indentation.
    (f"{ARTICLE}<pre>\n    SEND\n</pre></article>", f"{ARTICLE}<pre>\n    SEND\n</pre></article>"),
    # A heading's anchor link is put beside it, named after it.
    (f'{ARTICLE}<h2 id="why">Why SEND<a class="headerlink" href="#why" title="Link to this '
     'section">#</a></h2></article>',
     f'{ARTICLE}<div class="heading-anchor heading-anchor--h2"><h2 id="why">Why {SEND}</h2>'
     '<a class="headerlink" href="#why" aria-label="Link to this section: Why SEND" '
     'data-search-exclude>#</a></div></article>'),
])
def test_each_page_is_marked_tidied_and_its_anchors_placed(built: str, finished: str) -> None:
    assert finish_page(built) == finished


def _site(tmp_path: Path) -> tuple[Path, Path]:
    site, docs = tmp_path / "site", tmp_path / "docs"
    for path, text in {"index.html": f"{ARTICLE}\n  <p>CIN</p></article>",
                       "old-address/index.html": "<p>\n  CIN</p>",  # a redirect, copied
                       "404.html": f"{ARTICLE}\n  <h1>404</h1></article>"}.items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(text, encoding="utf-8")
    (docs / "old-address").mkdir(parents=True)
    (docs / "old-address" / "index.html").write_text("<p>\n  CIN</p>", encoding="utf-8")
    return site, docs


def test_only_the_pages_the_builder_rendered_are_finished(tmp_path: Path) -> None:
    site, docs = _site(tmp_path)
    assert [p.relative_to(site).as_posix() for p in rendered_pages(site, docs)] == [
        "404.html", "index.html"]
    done = finish(site, docs)
    assert done.pages == 2
    assert (site / "index.html").read_text(encoding="utf-8") == (
        f'{ARTICLE}\n<p><abbr title="child in need">CIN</abbr></p></article>')
    assert (site / "old-address" / "index.html").read_text(encoding="utf-8") == "<p>\n  CIN</p>"


def test_a_dirty_build_finishes_the_pages_it_wrote(tmp_path: Path) -> None:
    site, docs = _site(tmp_path)
    before = {path: path.stat().st_mtime_ns for path in site.rglob("*.html")}
    page = site / "index.html"
    page.write_text(page.read_text(encoding="utf-8"), encoding="utf-8")
    os.utime(page, ns=(before[page] + 10**9, before[page] + 10**9))
    (site / "new" / "index.html").parent.mkdir()
    (site / "new" / "index.html").write_text("made", encoding="utf-8")
    assert [p.relative_to(site).as_posix() for p in written_since(site, before)] == [
        "index.html", "new/index.html"]


@pytest.mark.parametrize("index, languages", [
    (None, ["en"]),
    ({"config": {"lang": ["en", "de"]}, "docs": []}, ["en", "de"]),
    ({"config": {}, "docs": []}, ["en"]),
])
def test_search_languages_are_read_from_the_built_index(tmp_path: Path, index: object,
                                                        languages: list[str]) -> None:
    if index is not None:
        (tmp_path / "search").mkdir()
        (tmp_path / "search" / "search_index.json").write_text(json.dumps(index))
    assert search_languages(tmp_path) == languages


def test_the_configuration_keeps_tags_and_resolves_paths(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    settings = fixture_settings("minimal")
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text(
        settings.config_file.read_text(encoding="utf-8")
        + "markdown_extensions:\n  - pymdownx.emoji:\n"
          "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
          "hooks:\n  - hooks/tidy.py\n"
          "copyright: !ENV [PERFSITE_TEST_COPYRIGHT, nobody]\n", encoding="utf-8")
    monkeypatch.setenv("PERFSITE_TEST_COPYRIGHT", "Testshire")
    settings = replace(settings, config_file=config_file, root=tmp_path)
    text = config_text(site_config(settings, tmp_path / "docs", tmp_path / "site",
                                   [{"Home": "index.md"}], version="2025-26-q2"), 1727740800)
    assert "SOURCE_DATE_EPOCH=1727740800" in text
    assert "emoji_index: !!python/name:material.extensions.emoji.twemoji" in text
    read = yaml.load(text, Loader=yaml.UnsafeLoader)  # noqa: S506 - our own file, to see its tag
    assert read["copyright"] == "Testshire"
    assert read["hooks"] == [str(tmp_path / "hooks" / "tidy.py")]
    assert read["theme"]["custom_dir"] == str(tmp_path / "site_src" / "overrides")
    assert read["nav"] == [{"Home": "index.md"}]
    assert read["site_url"] == settings.site_url.rstrip("/") + "/2025-26-q2/"
    assert read["extra"]["version"] == {"provider": "mike", "default": "latest", "alias": True}
    assert read["extra"]["generator"]["packages"]


@pytest.mark.parametrize("docs, expected", [
    ("build/docs", "build/mkdocs.yml"),
    ("docs", "docs.mkdocs.yml"),  # beside the site's own settings file: never over it
])
def test_the_configuration_is_written_beside_the_pages(tmp_path: Path, docs: str,
                                                       expected: str) -> None:
    settings = replace(fixture_settings("minimal"), config_file=tmp_path / "mkdocs.yml")
    assert config_path(settings, tmp_path / docs) == tmp_path / expected
