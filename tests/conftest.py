"""Fixtures shared by every test folder."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, sync_playwright

from tests.browser.launcher import ensure_tools, launch


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Launch one headless Debian Chromium for the whole session (per xdist worker).

    Playwright's sync API allows one instance per process, so every test that needs a browser
    shares this one rather than starting its own.
    """
    ensure_tools()
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()
