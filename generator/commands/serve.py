"""Local preview: build, serve on 127.0.0.1, and rebuild when a data or source file changes."""

from __future__ import annotations

import errno
import functools
import http.server
import stat
import threading
import time
from collections.abc import Iterable
from pathlib import Path

import click

from generator.build import SiteUpdater
from generator.commands.failures import report_of
from generator.problems import CODES, DataError, Problem, format_text
from generator.settings import Settings

POLL_SECONDS = 0.5


def snapshot(folders: Iterable[Path]) -> dict[str, tuple[float, int]]:
    """Return modification time and size of every file under the folders.

    A file deleted or replaced while it is looked at (an editor saving) is left out, and a
    folder that cannot be listed is recorded as such: the next look sees the settled state.
    """
    state: dict[str, tuple[float, int]] = {}
    for folder in folders:
        try:
            paths = [folder] if folder.is_file() else sorted(folder.rglob("*"))
        except OSError:
            state[str(folder)] = (-1, -1)
            continue
        for path in paths:
            try:
                status = path.stat()
            except OSError:
                continue
            if stat.S_ISREG(status.st_mode):
                state[str(path)] = (status.st_mtime_ns, status.st_size)
    return state


def _listen(port: int, directory: Path) -> http.server.ThreadingHTTPServer:
    """Return a server of ``directory`` on 127.0.0.1; a port in use is a problem, not a crash."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    try:
        return http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError as error:
        if error.errno != errno.EADDRINUSE:
            raise
        raise DataError([Problem(f"127.0.0.1:{port}", None, "", "another program is already "
                                 "using this port", CODES["port-in-use"].fix, "port-in-use")]
                        ) from None


class Preview:
    """A served build of the site that rebuilds itself when its inputs change."""

    def __init__(self, settings: Settings, port: int = 8000, site_dir: Path | None = None,
                 docs_dir: Path | None = None):
        self.settings = settings
        self.site_dir = site_dir or settings.site_dir
        self.updater = SiteUpdater(settings, site_dir=self.site_dir, docs_dir=docs_dir)
        self.watched = [*settings.packages, settings.docs_source, settings.config_file]
        self.state = snapshot(self.watched)
        # Listen first: a port in use is reported before a build the preview could not show.
        self.server = _listen(port, self.site_dir)
        self.rebuild()
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        """Return the address the preview is served at."""
        return f"http://127.0.0.1:{self.server.server_address[1]}/"

    def rebuild(self) -> bool:
        """Bring the site up to date; on a failure, report it and keep serving the last good build.

        Whatever a half-saved edit makes the reading raise (bad data, a file deleted while it was
        read) or the computer refuses (a full disk) is reported as problems; a bug is reported as
        an internal error with its traceback in a file. Either way the preview keeps running, so
        the next save is built.
        """
        try:
            result = self.updater.update()
        except Exception as error:  # noqa: BLE001 - reported, bugs as internal errors (failures.py)
            problems, _status = report_of(error)
            click.echo(format_text(problems), err=True)
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
