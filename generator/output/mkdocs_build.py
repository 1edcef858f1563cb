"""Run MkDocs through its API: strict, reproducible, with pages tidied as it writes them."""

from __future__ import annotations

import json
import logging
import os
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from mkdocs.plugins import BasePlugin

from generator.output.prune import PruneAssets
from generator.output.write import strip_indentation
from generator.pages import abbreviations, anchors
from generator.problems import CODES, DataError, Problem
from generator.settings import Settings

#: Material's release selector and "not the latest" banner, on for builds deployed with mike.
VERSION_SELECTOR = {"provider": "mike", "default": "latest", "alias": True}

@contextmanager
def _source_date(epoch: int) -> Any:
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


class _DirtyNotice(logging.Filter):
    """Drop MkDocs' warning that a dirty build is under way: the preview knows, and in strict
    mode the warning alone would abort the build."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


class _TidyPages(BasePlugin):  # type: ignore[type-arg]
    """Strips line indentation from each HTML page as MkDocs writes it, timing itself.

    It also marks each abbreviation in a page's content (``pages.abbreviations``) and, in the
    written page, puts each heading's anchor link beside it (``pages.anchors``).

    Material's templates indent every line; tidying while MkDocs holds the page means no page
    is read and written twice (docs/performance.md, items 8 and 20). The time is the
    generator's own and is reported as the ``tidy`` stage, not as MkDocs'.
    """

    def __init__(self) -> None:
        self.seconds = 0.0

    def _strip(self, html: str) -> str:
        start = time.perf_counter()
        html = strip_indentation(html)
        self.seconds += time.perf_counter() - start
        return html

    def on_page_content(self, html: str, **_: Any) -> str:
        # Every abbreviation in the page's own content, officers' text included (issue 14).
        start = time.perf_counter()
        html = abbreviations.mark(html)
        self.seconds += time.perf_counter() - start
        return html

    def on_post_page(self, output: str, **_: Any) -> str:
        # Headings' anchor links move only in the written page: Material's search has indexed
        # the content by now, and reads a wrapped heading as the end of its section.
        return anchors.place(self._strip(output))

    def on_post_template(self, output_content: str, template_name: str, **_: Any) -> str:
        return self._strip(output_content) if template_name.endswith(".html") else output_content


def run_mkdocs(settings: Settings, docs_dir: Path, site_dir: Path, nav: list[Any],
               epoch: int, version: str | None = None, dirty: bool = False) -> float:
    """Build the static site with MkDocs in strict mode; warnings become a DataError.

    ``dirty`` rebuilds only pages whose sources are newer than their output (the preview).
    Returns the seconds spent tidying pages (included in the build's time).
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    tidy = _TidyPages()

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    try:
        config = load_config(str(settings.config_file), docs_dir=str(docs_dir),
                             site_dir=str(site_dir), nav=nav, strict=True)
        if version:
            # A release deployed with mike lives at <site_url>/<version>/, and only there is
            # there a versions.json for Material's selector to read.
            config["site_url"] = f"{settings.site_url.rstrip('/')}/{version}/"
            config["extra"]["version"] = dict(VERSION_SELECTOR)
        config.plugins["perfsite-tidy"] = tidy
        # Source maps and unused search language packs: never fetched by a reader's browser,
        # and copied again into every release (output/prune.py).
        config.plugins["perfsite-prune"] = PruneAssets()
        notice = _DirtyNotice()
        logging.getLogger("mkdocs.commands.build").addFilter(notice)
        try:
            with _source_date(epoch):
                build(config, dirty=dirty)
        finally:
            logging.getLogger("mkdocs.commands.build").removeFilter(notice)
    except (Abort, ConfigurationError) as error:
        raise DataError([Problem(str(settings.config_file.name), None, "",
                                 f"MkDocs could not build the site: {error}",
                                 CODES["mkdocs"].fix,
                                 "mkdocs")]) from None
    return tidy.seconds


def merge_search_index(before: str, after: str) -> str:
    """Return the full search index after a dirty build, which indexes only the pages it built.

    Entries of rebuilt pages come from the new index; every other page keeps its entries.
    """
    old, new = json.loads(before), json.loads(after)
    rebuilt = {doc["location"].split("#")[0] for doc in new["docs"]}
    kept = [doc for doc in old["docs"] if doc["location"].split("#")[0] not in rebuilt]
    new["docs"] = kept + new["docs"]
    return json.dumps(new, ensure_ascii=False, separators=(",", ":"))
