"""Local preview: build, serve on 127.0.0.1, and rebuild when a data or source file changes."""

from __future__ import annotations

import functools
import http.server
import threading
import time
from collections.abc import Iterable
from pathlib import Path

import click

from generator.build import build_site
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
                state[str(path)] = (stat.st_mtime, stat.st_size)
    return state


def _rebuild(settings: Settings) -> None:
    try:
        result = build_site(settings)
        click.echo(result.summary())
    except DataError as error:
        click.echo(format_text(error.problems), err=True)
        click.echo("The preview still shows the last good build.", err=True)


def serve_site(settings: Settings, port: int = 8000, once: bool = False) -> None:
    """Serve the built site and rebuild on change until interrupted."""
    watched = [*settings.packages, settings.docs_source, settings.config_file]
    state = snapshot(watched)
    _rebuild(settings)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler,
                                directory=str(settings.site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    click.echo(f"Serving on http://127.0.0.1:{server.server_address[1]}/ (Ctrl+C to stop)")
    try:
        while not once:
            time.sleep(POLL_SECONDS)
            current = snapshot(watched)
            if current != state:
                state = current
                click.echo("Change detected; rebuilding...")
                _rebuild(settings)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
