"""Checks that read the built site from disk: which pages there are, valid HTML, working links.

Each check returns a list of problems (empty means pass) rather than raising, so a test can report
every problem at once and the self-tests can assert that a planted fault is found.
"""

from __future__ import annotations

import gzip
import json
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from tools.browser.launcher import VNU_JAR

# -- pages -------------------------------------------------------------------------------------

# The generator states a page's type with front matter `page_type: indicator`; the template
# override site_src/overrides/main.html writes it as this meta tag.


class _HeadReader(HTMLParser):
    """Read the page-type and refresh meta tags, however the attributes are quoted or ordered
    (the build minifies HTML, which drops optional quotes and sorts attributes)."""

    def __init__(self) -> None:
        super().__init__()
        self.page_type = ""
        self.refresh = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "meta" and values.get("name") == "perfsite:page-type":
            self.page_type = values.get("content", "")
        elif tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self.refresh = True
        elif tag == "body" and values.get("data-page-type") and not self.page_type:
            self.page_type = values["data-page-type"]


@dataclass(frozen=True)
class SitePage:
    """One HTML page of the built site: its file, its URL path on the server and its type."""

    file: Path
    path: str
    kind: str


def page_kind(html: str, rel_dir: str) -> str:
    """Classify a page: ``redirect`` for a meta-refresh page (an old address kept working), else
    its declared type, else by depth (home, service-area, indicator)."""
    reader = _HeadReader()
    reader.feed(html)
    if reader.refresh:
        return "redirect"
    if reader.page_type:
        return reader.page_type
    depth = len([part for part in rel_dir.split("/") if part])
    return {0: "home", 1: "service-area", 2: "indicator"}.get(depth, "other")


def discover_pages(site_dir: Path, base_path: str) -> list[SitePage]:
    """Return every ``index.html`` page of the site, sorted by URL path (404.html excluded)."""
    pages = []
    for file in sorted(site_dir.rglob("index.html")):
        rel_dir = file.parent.relative_to(site_dir).as_posix()
        rel_dir = "" if rel_dir == "." else rel_dir + "/"
        kind = page_kind(file.read_text(encoding="utf-8"), rel_dir)
        pages.append(SitePage(file, base_path + rel_dir, kind))
    return pages


def gzip_size(data: bytes) -> int:
    """Return the size of ``data`` gzip-compressed as a web server would send it."""
    return len(gzip.compress(data, compresslevel=6, mtime=0))


# -- Nu HTML Checker ---------------------------------------------------------------------------


@dataclass(frozen=True)
class VnuError:
    """One error the Nu HTML Checker reported."""

    file: str
    line: int
    message: str
    extract: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}\n      {self.extract.strip()[:160]}"


def run_vnu(files: list[Path], relative_to: Path | None = None) -> list[VnuError]:
    """Check HTML files with vnu.jar in one JVM and return its errors (warnings are ignored)."""
    if not files:
        return []
    cmd = ["java", "-Xss4m", "-jar", str(VNU_JAR), "--errors-only", "--format", "json"]
    proc = subprocess.run([*cmd, *map(str, files)], capture_output=True, text=True)
    try:
        messages = json.loads(proc.stderr or proc.stdout)["messages"]
    except (json.JSONDecodeError, KeyError) as err:
        raise RuntimeError(f"vnu.jar gave no JSON report:\n{proc.stdout}\n{proc.stderr}") from err
    errors = []
    for msg in messages:
        if msg.get("type") not in ("error", "non-document-error"):
            continue
        name = unquote(urlsplit(msg.get("url", "")).path)
        if relative_to is not None and name.startswith(str(relative_to)):
            name = Path(name).relative_to(relative_to).as_posix()
        errors.append(
            VnuError(name, msg.get("lastLine", 0), msg.get("message", ""), msg.get("extract", ""))
        )
    return errors


# -- links -------------------------------------------------------------------------------------

# (tag, attribute) pairs that make the browser fetch or navigate to a URL.
_URL_ATTRS = {
    ("a", "href"),
    ("area", "href"),
    ("link", "href"),
    ("script", "src"),
    ("img", "src"),
    ("iframe", "src"),
    ("source", "src"),
    ("audio", "src"),
    ("video", "src"),
    ("video", "poster"),
    ("track", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("form", "action"),
}


class _Collector(HTMLParser):
    """Collect the ids (anchor targets) and the URL references of one HTML document."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.refs: list[tuple[int, str, str]] = []  # (line, "tag attr", url)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)
            elif (tag, name) in _URL_ATTRS:
                self.refs.append((line, f"{tag} {name}", value.strip()))
            elif tag == "meta" and name == "content" and "url=" in value.lower():
                if (dict(attrs).get("http-equiv") or "").lower() == "refresh":
                    url = value[value.lower().index("url=") + 4 :].strip().strip("'\"")
                    self.refs.append((line, "meta refresh", url))
            elif name == "srcset":
                for candidate in value.split(","):
                    if candidate.strip():
                        self.refs.append((line, f"{tag} srcset", candidate.split()[0]))


@lru_cache(maxsize=4096)
def _parse(file: Path) -> _Collector:
    collector = _Collector()
    collector.feed(file.read_text(encoding="utf-8", errors="replace"))
    collector.close()
    return collector


@dataclass(frozen=True)
class LinkProblem:
    """A reference in a page whose target file or #fragment does not exist in the site."""

    page: str
    line: int
    where: str
    url: str
    reason: str

    def __str__(self) -> str:
        return f'{self.page}:{self.line}: <{self.where}="{self.url}"> {self.reason}'


def check_links(
    site_dir: Path, base_path: str, site_url: str = "", files: list[Path] | None = None
) -> list[LinkProblem]:
    """Check every internal URL in the site's HTML files resolves to a file, and every #fragment
    to an id on the target page. External URLs are not fetched (no network).

    ``base_path`` is the URL path the site is served under; absolute URLs starting with
    ``site_url`` (canonical links) count as internal.
    """
    _parse.cache_clear()  # files may have changed between calls (self-tests plant faults)
    problems = []
    for file in files if files is not None else sorted(site_dir.rglob("*.html")):
        rel = file.relative_to(site_dir).as_posix()
        page_url = base_path + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        for line, where, url in _parse(file).refs:
            reason = _check_one(site_dir, base_path, site_url, page_url, url)
            if reason:
                problems.append(LinkProblem(rel, line, where, url, reason))
    return problems


def _check_one(site_dir: Path, base: str, site_url: str, page_url: str, url: str) -> str:
    """Return why ``url`` (found on ``page_url``) is broken, or an empty string if it works."""
    if site_url and url.startswith(site_url):
        url = base + url[len(site_url) :]
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return ""  # external, mailto:, javascript:, data: — not ours to fetch
    target = urlsplit(urljoin(page_url, url))
    path = unquote(target.path)
    if not path.startswith(base):
        return f"points outside the site's base path {base}"
    file = site_dir / path[len(base) :]
    if path.endswith("/") or file.is_dir():
        file = file / "index.html"
    if not file.is_file():
        return f"target {path} does not exist"
    fragment = unquote(target.fragment)
    if fragment and file.suffix == ".html" and fragment not in _parse(file).ids:
        return f'no element with id="{fragment}" on {path}'
    return ""
