"""At a 360 px wide viewport no page scrolls sideways (tables and charts scroll inside)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from tools.browser.server import SiteServer

from .checks_browser import MOBILE, horizontal_overflow
from .checks_static import SitePage

pytestmark = pytest.mark.browser


def test_no_sideways_scroll_at_360px(
    browser: Browser, server: SiteServer, site_pages: list[SitePage]
) -> None:
    context = browser.new_context(viewport=MOBILE, is_mobile=True, has_touch=True)
    page = context.new_page()
    problems = []
    try:
        for site_page in site_pages:
            page.goto(server.url(site_page.path), wait_until="load")
            found = horizontal_overflow(page)
            if found["scrollWidth"] > found["clientWidth"]:
                problems.append(
                    f"{site_page.path}: {found['scrollWidth']}px wide in a "
                    f"{found['clientWidth']}px viewport; sticking out: {', '.join(found['wide'])}"
                )
    finally:
        context.close()
    assert not problems, "\n".join(problems)
