"""Serve a built site from loopback the way GitHub Pages serves a project site.

The browser tests and ``scripts/screenshot`` both use this server, so what they measure is what
readers get: the site lives under the path of ``site_url`` (``/northbridge-performance/``), unknown
paths get ``404.html`` with status 404, text responses are gzip-compressed when the browser asks,
and every response carries ``Cache-Control: max-age=600`` like GitHub Pages, so a repeat visit is
served from the browser cache.

The server also keeps a log of what it sent (path, status, compressed body bytes), which the
page-weight check sums: transfer sizes are the compressed bytes actually written to the socket.
"""

from __future__ import annotations

import gzip
import mimetypes
import posixpath
import threading
from dataclasses import dataclass
from email.utils import formatdate
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Types GitHub Pages compresses. Images, fonts and archives are already compressed.
COMPRESSIBLE = (
    "text/",
    "application/javascript",
    "application/json",
    "application/xml",
    "image/svg+xml",
)
CACHE_CONTROL = "max-age=600"  # what GitHub Pages sends

mimetypes.add_type("application/javascript", ".js")
mimetypes.add_type("application/json", ".json")
mimetypes.add_type("image/svg+xml", ".svg")
mimetypes.add_type("text/csv", ".csv")


@dataclass(frozen=True)
class Sent:
    """One response the server wrote: what, how, and how many body bytes went on the wire."""

    path: str
    status: int
    content_type: str
    body_bytes: int
    gzipped: bool


def site_base_path(site_dir: Path) -> str:
    """Return the URL path the site is published under, read from its sitemap (``/`` if none).

    MkDocs writes ``site_url`` as the first ``<loc>`` of ``sitemap.xml``; GitHub Pages serves a
    project site under ``/<repository>/``, so root-absolute links must carry that prefix.
    """
    sitemap = site_dir / "sitemap.xml"
    if sitemap.is_file():
        text = sitemap.read_text(encoding="utf-8")
        start = text.find("<loc>")
        if start != -1:
            url = text[start + 5 : text.find("</loc>", start)].strip()
            path = urlsplit(url).path or "/"
            return path if path.endswith("/") else path + "/"
    return "/"


class SiteServer:
    """A threaded HTTP server on 127.0.0.1 serving one or more directories under URL prefixes."""

    def __init__(self, mounts: dict[str, Path]) -> None:
        self.mounts = {
            (p if p.endswith("/") else p + "/"): Path(d).resolve() for p, d in mounts.items()
        }
        self.log: list[Sent] = []
        self._lock = threading.Lock()
        self._cache: dict[Path, tuple[tuple[int, int], bytes, bytes]] = {}
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                server._serve(self, head=False)

            def do_HEAD(self) -> None:  # noqa: N802
                server._serve(self, head=True)

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass  # quiet: the tests report what matters

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.origin = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> SiteServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def url(self, path: str) -> str:
        """Return the absolute URL of a server path such as ``/northbridge-performance/``."""
        return self.origin + path

    def clear_log(self) -> None:
        """Forget what was sent so far (start of a page-weight measurement)."""
        with self._lock:
            self.log = []

    def sent(self) -> list[Sent]:
        """Return a copy of the log of responses written since the last ``clear_log``."""
        with self._lock:
            return list(self.log)

    # -- request handling -------------------------------------------------------------------

    def _resolve(self, url_path: str) -> tuple[Path | None, Path | None]:
        """Map a URL path to (file, the 404.html of its mount); either may be None.

        A directory asked for without its trailing slash maps to the directory itself, which
        ``_serve`` answers with a redirect, as GitHub Pages does.
        """
        path = posixpath.normpath(unquote(url_path))
        if url_path.endswith("/") and not path.endswith("/"):
            path += "/"
        # Longest prefix first, so a self-test mount inside the site wins.
        for prefix in sorted(self.mounts, key=len, reverse=True):
            if path == prefix.rstrip("/") or path.startswith(prefix):
                root = self.mounts[prefix]
                rel = path[len(prefix) :] if path.startswith(prefix) else ""
                target = (root / rel).resolve()
                not_found = root / "404.html"
                if root not in target.parents and target != root:
                    return None, not_found
                if target.is_dir():
                    if not url_path.endswith("/"):
                        return target, not_found
                    target = target / "index.html"
                return (target if target.is_file() else None), not_found
        return None, None

    def _body(self, file: Path, compress: bool) -> bytes:
        """Return the file's bytes, gzip-compressed if asked (memoised by modification time)."""
        stat = file.stat()
        mtime = (stat.st_mtime_ns, stat.st_size)
        cached = self._cache.get(file)
        if cached is None or cached[0] != mtime:
            raw = file.read_bytes()
            cached = (mtime, raw, gzip.compress(raw, compresslevel=6, mtime=0))
            self._cache[file] = cached
        return cached[2] if compress else cached[1]

    def _serve(self, handler: BaseHTTPRequestHandler, head: bool) -> None:
        url_path = urlsplit(handler.path).path
        file, not_found = self._resolve(url_path)
        if file is not None and file.is_dir():
            handler.send_response(HTTPStatus.MOVED_PERMANENTLY)
            handler.send_header("Location", url_path + "/")
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            with self._lock:
                self.log.append(Sent(url_path, 301, "", 0, False))
            return
        status = HTTPStatus.OK
        if file is None:
            status = HTTPStatus.NOT_FOUND
            file = not_found if not_found is not None and not_found.is_file() else None
        if file is None:
            body, ctype, gzipped = b"Not found", "text/plain", False
        else:
            ctype = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
            accepts = "gzip" in handler.headers.get("Accept-Encoding", "")
            gzipped = accepts and ctype.startswith(COMPRESSIBLE)
            body = self._body(file, gzipped)
        if ctype.startswith("text/") or ctype in ("application/javascript", "application/json"):
            ctype += "; charset=utf-8"
        handler.send_response(status)
        handler.send_header("Content-Type", ctype)
        handler.send_header("Content-Length", str(len(body)))
        handler.send_header("Cache-Control", CACHE_CONTROL)
        handler.send_header("Vary", "Accept-Encoding")
        if file is not None:
            handler.send_header("Last-Modified", formatdate(file.stat().st_mtime, usegmt=True))
        if gzipped:
            handler.send_header("Content-Encoding", "gzip")
        handler.end_headers()
        if not head:
            handler.wfile.write(body)
        with self._lock:
            self.log.append(Sent(url_path, int(status), ctype, len(body), gzipped))
