"""Local preview: build, serve on 127.0.0.1, and rebuild when a data or source file changes."""

from __future__ import annotations

import functools
import http.server
import threading
import time
from collections.abc import Iterable
from pathlib import Path

import click

from generator.build import SiteUpdater
from generator.problems import DataError, format_text
from generator.settings import Settings

POLL_SECONDS = 0.5


def snapshot(folders: Iterable[Path]) -> dict[str, tuple[float, int]]:
    """Return modification time and size of every file under the folders."""
    state: dict[str, tuple[float, int]] = {}
    for folder in folders:
        paths = [folder] if folder.is_file() else sorted(folder.rglob("*"))
        for path in paths:
            if path.is_file():
                stat = path.stat()
                state[str(path)] = (stat.st_mtime_ns, stat.st_size)
    return state


class Preview:
    """A served build of the site that rebuilds itself when its inputs change."""

    def __init__(self, settings: Settings, port: int = 8000, site_dir: Path | None = None,
                 docs_dir: Path | None = None):
        self.settings = settings
        self.site_dir = site_dir or settings.site_dir
        self.updater = SiteUpdater(settings, site_dir=self.site_dir, docs_dir=docs_dir)
        self.watched = [*settings.packages, settings.docs_source, settings.config_file]
        self.state = snapshot(self.watched)
        self.rebuild()
        handler = functools.partial(QuietHandler, directory=str(self.site_dir))
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        """Return the address the preview is served at."""
        return f"http://127.0.0.1:{self.server.server_address[1]}/"

    def rebuild(self) -> bool:
        """Bring the site up to date; on bad data, report it and keep serving the last good build."""
        try:
            result = self.updater.update()
        except DataError as error:
            click.echo(format_text(error.problems), err=True)
            click.echo("The preview still shows the last good build.", err=True)
            return False
        click.echo(result.summary())
        return True

    def check_for_changes(self) -> bool:
        """Rebuild if any watched file changed since the last look; return True if it did."""
        current = snapshot(self.watched)
        if current == self.state:
            return False
        self.state = current
        click.echo("Change detected; rebuilding...")
        self.rebuild()
        return True

    def stop(self) -> None:
        """Stop serving."""
        self.server.shutdown()
        self.server.server_close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serve files without logging every request to the terminal."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Log nothing."""


def serve_site(settings: Settings, port: int = 8000) -> None:
    """Serve the built site and rebuild on change until interrupted."""
    preview = Preview(settings, port)
    click.echo(f"Serving on {preview.url} (Ctrl+C to stop)")
    try:
        while True:
            time.sleep(POLL_SECONDS)
            preview.check_for_changes()
    except KeyboardInterrupt:
        pass
    finally:
        preview.stop()
