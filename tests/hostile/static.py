"""Read built pages for anything from data that could run or load: the static half of the check.

Two questions per page. Could it run something that is not the site's own? (a planted
``<script>``, an ``on...`` handler, a ``javascript:`` URL, a broken-out JSON data island). Could it
load something from another host? (an element that fetches a remote ``src``/``href``/``srcset``,
a CSS ``url()`` or ``@import``, a ``<base>`` or a refresh that sends the reader away).
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "srcdoc"}
SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:text/html")
# Elements that fetch what an attribute points at as soon as the page is parsed or drawn.
LOADING_ATTRIBUTES = {
    "img": ("src", "srcset"), "script": ("src",), "iframe": ("src",), "frame": ("src",),
    "source": ("src", "srcset"), "video": ("src", "poster"), "audio": ("src",),
    "track": ("src",), "object": ("data",), "embed": ("src",), "input": ("src",),
    "image": ("href", "xlink:href"), "use": ("href", "xlink:href"), "link": ("href",),
    "body": ("background",), "table": ("background",), "td": ("background",),
}
# <link> relations that only describe the page; every other relation fetches its href.
NON_LOADING_LINKS = {"canonical", "alternate", "next", "prev", "author", "license", "help"}
REMOTE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
CSS_REMOTE = re.compile(r"(?:url\(\s*['\"]?|@import\s+['\"])\s*(?:[a-z][a-z0-9+.-]*:)?//", re.I)


def _urls(attribute: str, value: str) -> list[str]:
    """Return the URLs an attribute holds (a srcset holds several, each before its size)."""
    if attribute != "srcset":
        return [value]
    return [part.strip().split(" ")[0] for part in value.split(",") if part.strip()]


class _Elements(HTMLParser):
    """Collect what could run or load: scripts, handlers, script URLs, remote loads."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.problems: list[str] = []
        self._text: list[str] | None = None  # inside <script> or <style>
        self._tag = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name, value in values.items():
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...> event handler")
            if name in URL_ATTRIBUTES and re.sub(r"[\s\x00-\x1f]", "", value).lower() \
                    .startswith(SCRIPT_SCHEMES):
                self.problems.append(f"<{tag} {name}={value!r}>")
            if name == "style" and CSS_REMOTE.search(value):
                self.problems.append(f"<{tag} style={value!r}> loads from another host")
        self._remote_loads(tag, values)
        if tag in ("script", "style"):
            self.scripts.append((dict(attrs), "")) if tag == "script" else None
            self._text, self._tag = [], tag

    def _remote_loads(self, tag: str, values: dict[str, str]) -> None:
        if tag == "link" and not set(values.get("rel", "").lower().split()) - NON_LOADING_LINKS:
            return
        if tag == "base" and values.get("href"):
            self.problems.append(f"<base href={values['href']!r}> moves every address")
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh" \
                and re.search(r"url\s*=\s*['\"]?\s*(javascript:|[a-z]*:?//)",
                              values.get("content", ""), re.I):
            self.problems.append(f"<meta refresh {values.get('content')!r}> leaves the site")
        for attribute in LOADING_ATTRIBUTES.get(tag, ()):
            for url in _urls(attribute, values.get(attribute, "")):
                if REMOTE.match(url):
                    self.problems.append(f"<{tag} {attribute}={url!r}> loads from another host")

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag != self._tag or self._text is None:
            return
        body = "".join(self._text)
        if tag == "script":
            attrs, _ = self.scripts[-1]
            self.scripts[-1] = (attrs, body)
        elif CSS_REMOTE.search(body):
            self.problems.append(f"<style> loads from another host: {body[:80]!r}")
        self._text, self._tag = None, ""


def page_problems(text: str) -> list[str]:
    """Return every way the page could run or load something that did not come from the site."""
    parser = _Elements()
    parser.feed(text)
    problems = list(parser.problems)
    for attrs, body in parser.scripts:
        if "pwned" in body or "pwned" in str(attrs.get("src", "")):
            problems.append(f"planted <script>: {body[:80]!r}")
        elif attrs.get("type") == "application/json":
            try:
                json.loads(body)  # data islands must still be whole JSON: nothing broke out
            except ValueError as error:
                problems.append(f"a JSON data island no longer parses ({error})")
        elif attrs.get("src") and "assets/" not in str(attrs["src"]):
            problems.append(f"<script src={attrs['src']!r}> is not one of the site's own")
    return problems
