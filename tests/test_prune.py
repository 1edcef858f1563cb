"""The build leaves out the theme files no reader's browser fetches, and keeps what search needs."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.output.prune import LUNR, prune, search_scripts, without_comments
from tests.fixture_sites import build_fixture

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(("languages", "expected"), [
    (["en"], set()),
    (["de"], {"min/lunr.stemmer.support.min.js", "min/lunr.de.min.js"}),
    (["en", "fr"], {"min/lunr.stemmer.support.min.js", "min/lunr.fr.min.js",
                    "min/lunr.multi.min.js"}),
    (["ja"], {"min/lunr.stemmer.support.min.js", "min/lunr.ja.min.js", "tinyseg.js"}),
    (["th", "hi"], {"min/lunr.stemmer.support.min.js", "min/lunr.th.min.js",
                    "min/lunr.hi.min.js", "min/lunr.multi.min.js", "wordcut.js"}),
])
def test_search_scripts_are_those_the_search_worker_loads(languages: list[str],
                                                          expected: set[str]) -> None:
    assert search_scripts(languages) == expected


KEPT = ["index.html", "assets/javascripts/bundle.min.js",
        "assets/javascripts/workers/search.min.js", "assets/stylesheets/main.min.css",
        "search/search_index.json", "downloads/data.map.csv"]
THEME = ["assets/javascripts/bundle.min.js.map", "assets/stylesheets/main.min.css.map",
         "assets/javascripts/lunr/tinyseg.js", "assets/javascripts/lunr/wordcut.js",
         "assets/javascripts/lunr/min/lunr.stemmer.support.min.js",
         "assets/javascripts/lunr/min/lunr.multi.min.js",
         "assets/javascripts/lunr/min/lunr.de.min.js",
         "assets/javascripts/lunr/min/lunr.fr.min.js"]


@pytest.mark.parametrize(("languages", "left"), [
    (["en"], []),
    (["en", "de"], ["assets/javascripts/lunr/min/lunr.de.min.js",
                    "assets/javascripts/lunr/min/lunr.multi.min.js",
                    "assets/javascripts/lunr/min/lunr.stemmer.support.min.js"]),
])
def test_prune_drops_maps_and_unused_language_packs(tmp_path: Path, languages: list[str],
                                                    left: list[str]) -> None:
    for name in KEPT + THEME:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x" * 10, encoding="utf-8")
    saved = prune(tmp_path, languages)
    files = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert files == sorted(KEPT + left)
    assert saved == 10 * (len(THEME) - len(left))
    assert (tmp_path / LUNR).is_dir() == bool(left)  # no empty folders are left behind


def test_a_built_site_has_neither(tmp_path: Path) -> None:
    build_fixture("minimal", tmp_path)
    site = tmp_path / "site"
    assert not list(site.rglob("*.map"))
    assert not (site / LUNR).exists()  # the site searches in English only
    assert list((site / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    assert (site / "search" / "search_index.json").is_file()


@pytest.mark.parametrize(("css", "expected"), [
    ("/* why */\n.a { color: red; }\n", ".a { color: red; }\n"),
    (".a { color: red; } /* why,\n   over lines */\n.b { margin: 0; }\n",
     ".a { color: red; }\n.b { margin: 0; }\n"),
    # Strings are kept whole, even when they hold what looks like a comment.
    ('td::before { content: "/* not a comment */"; }\n',
     'td::before { content: "/* not a comment */"; }\n'),
    ("td::before { content: attr(data-label) \": \" / \"\"; }\n",
     "td::before { content: attr(data-label) \": \" / \"\"; }\n"),
    (".a { content: 'it\\'s /* kept */'; } /* dropped */\n",
     ".a { content: 'it\\'s /* kept */'; }\n"),
    (".a{}", ".a{}"),
])
def test_our_stylesheets_lose_only_their_comments(css: str, expected: str) -> None:
    assert without_comments(css) == expected


def test_a_built_site_serves_our_stylesheets_without_comments(tmp_path: Path) -> None:
    build_fixture("minimal", tmp_path)
    for name in ("site.css", "pages.css"):
        built = (tmp_path / "site" / "assets" / "css" / name).read_text(encoding="utf-8")
        source = (REPO / "site_src" / "assets" / "css" / name).read_text(encoding="utf-8")
        assert "/*" in source and "/*" not in built
        assert ".data-table" in built or name == "site.css"
        assert len(built) < len(source) * 0.75
