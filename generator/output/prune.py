"""Leave out of the built site the theme files no reader's browser ever asks for.

Material copies its whole asset folder into every build: source maps (``*.map``, read only by a
developer's browser tools) and lunr's search language packs for some thirty languages. Each
release deployed with mike is a full copy of the site, so these identical, unused files were
a third of what each release added to the Pages branch (docs/performance.md, "Smaller
releases").

Which language packs the search worker loads is decided by Material's search worker
(``assets/javascripts/workers/search.*.min.js``), from the search plugin's ``lang`` setting:
``lunr.stemmer.support`` and ``lunr.<lang>`` for every language but English, ``lunr.multi`` when
there is more than one language, ``tinyseg.js`` for Japanese and ``wordcut.js`` for Hindi and
Thai. ``search_scripts`` states that rule and everything else under ``lunr/`` is dropped.

The site's own stylesheets (``assets/css/``) are written with long comments for the people who
maintain them, saying why each rule is there. Readers' browsers need none of it: the comments
are left out of the built copy, which takes about 3.5 KB off every page's first visit (issue
20 holds a page without a chart to 120 KB).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

#: Where Material puts the search worker's language scripts, relative to the site.
LUNR = Path("assets") / "javascripts" / "lunr"
#: The extra word splitters Material's search worker loads for some languages.
SEGMENTERS = {"ja": "tinyseg.js", "hi": "wordcut.js", "th": "wordcut.js"}
#: The site's own stylesheets, copied from site_src/ (Material's are minified already).
OWN_STYLESHEETS = Path("assets") / "css"
# A quoted CSS string, kept whole because it may hold "/*", or a comment, dropped.
_CSS_STRING_OR_COMMENT = re.compile(r""""(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|/\*.*?\*/""", re.S)


def search_scripts(languages: Iterable[str]) -> frozenset[str]:
    """Return the files under ``lunr/`` the search worker loads for ``languages``."""
    langs = list(dict.fromkeys(languages))
    wanted = {SEGMENTERS[lang] for lang in langs if lang in SEGMENTERS}
    wanted |= {f"min/lunr.{lang}.min.js" for lang in langs if lang != "en"}
    if len(langs) > 1:
        wanted.add("min/lunr.multi.min.js")
    if wanted:
        wanted.add("min/lunr.stemmer.support.min.js")
    return frozenset(wanted)


def unused_files(site_dir: Path, languages: Iterable[str]) -> list[Path]:
    """Return the source maps and the search scripts no configured language needs."""
    maps = sorted((site_dir / "assets").rglob("*.map"))
    lunr = site_dir / LUNR
    wanted = search_scripts(languages)
    packs = sorted(p for p in lunr.rglob("*") if p.is_file()
                   and p.relative_to(lunr).as_posix() not in wanted) if lunr.is_dir() else []
    return maps + packs


def without_comments(css: str) -> str:
    """Return a stylesheet without its comments or the blank lines they leave; strings stay."""
    text = _CSS_STRING_OR_COMMENT.sub(
        lambda match: "" if match.group(0).startswith("/*") else match.group(0), css)
    kept = "\n".join(line.rstrip() for line in text.splitlines() if line.strip())
    return kept + "\n" if css.endswith("\n") and kept else kept


def prune(site_dir: Path, languages: Iterable[str]) -> int:
    """Delete the unused theme files and our stylesheets' comments; return the bytes saved."""
    saved = 0
    for sheet in sorted((site_dir / OWN_STYLESHEETS).glob("*.css")):
        css = sheet.read_text(encoding="utf-8")
        shorter = without_comments(css)
        if shorter != css:
            saved += len(css.encode()) - len(shorter.encode())
            sheet.write_text(shorter, encoding="utf-8")
    for path in unused_files(site_dir, languages):
        saved += path.stat().st_size
        path.unlink()
    lunr = site_dir / LUNR
    for folder in sorted((p for p in lunr.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    if lunr.is_dir() and not any(lunr.iterdir()):
        lunr.rmdir()
    return saved
