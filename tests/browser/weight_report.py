"""Print the page-weight and first-paint tables at the end of a run (a pytest plugin).

The page-weight test attaches its measurements to its report as the user property
``page_weight``; reports travel back from pytest-xdist workers, so the table is printed by
whichever process writes the terminal summary. Loaded by tests/browser/conftest.py, or for
every run with ``-p tests.browser.weight_report``.
"""

from __future__ import annotations

import pytest

WEIGHT_PROPERTY = "page_weight"
PAINT_PROPERTY = "first_paint"
_ROWS: list[dict] = []
_PAINTS: list[dict] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Collect page-weight rows from test reports."""
    if report.when == "call":
        for name, value in report.user_properties:
            if name == WEIGHT_PROPERTY:
                _ROWS.extend(value)
            elif name == PAINT_PROPERTY:
                _PAINTS.extend(value)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print the tables of the page-weight and first-paint tests, if they ran."""
    if _ROWS:
        from .test_page_weight import weight_table  # the budgets live with the test

        terminalreporter.section("page weight (compressed bytes sent by the server)")
        for line in weight_table(_ROWS):
            terminalreporter.write_line(line)
    if _PAINTS:
        from .test_first_paint import paint_table

        terminalreporter.section("first paint (milliseconds from the start of navigation)")
        for line in paint_table(_PAINTS):
            terminalreporter.write_line(line)
