"""Every page loads cleanly and privately, and draws its charts (read from the light pass).

Charts after instant navigation, in dark mode and in print: test_charts.py."""

from __future__ import annotations

import pytest

from .checks_browser import Visit, privacy_failure

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("light")]


def test_no_console_errors_or_failed_requests(light_pass: list[Visit]) -> None:
    problems = [
        f"{v.path}: {msg}" for v in light_pass for msg in [*v.console_errors, *v.failed_requests]
    ]
    assert not problems, "\n".join(problems)


def test_no_request_leaves_the_site(light_pass: list[Visit]) -> None:
    failure = privacy_failure(light_pass)
    assert not failure, failure


def test_every_chart_is_drawn(light_pass: list[Visit]) -> None:
    undrawn = [f"{v.path}: {chart}" for v in light_pass for chart in v.undrawn_charts]
    assert not undrawn, "charts not drawn (no svg.main-svg):\n" + "\n".join(undrawn)
