"""Fixtures shared by every test folder."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Launch one headless Debian Chromium for the whole session (per xdist worker).

    Playwright's sync API allows one instance per process, so every test that needs a browser
    shares this one rather than starting its own.
    """
    # Imported here, so that the unit tests run without Playwright or a browser installed.
    from playwright.sync_api import sync_playwright

    from tools.browser.launcher import ensure_tools, launch

    ensure_tools()
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()
