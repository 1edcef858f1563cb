"""Browser tooling shared by the tests and scripts/screenshot: Debian Chromium and a local site server."""
