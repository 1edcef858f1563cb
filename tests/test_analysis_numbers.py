"""Numbers formatted for people."""

from __future__ import annotations

import pytest

from generator.analysis.numbers import everyday_fraction, format_amount, format_figure, format_range
from generator.model.site import Unit
from tests.analysis_factory import indicator


@pytest.mark.parametrize(("unit", "places", "value", "denominator", "expected"), [
    (Unit.PERCENTAGE, 1, 22.6, "", "22.6%"),
    (Unit.PERCENTAGE, 1, 22.65, "", "22.7%"),  # half up, as people round
    (Unit.PERCENTAGE, 0, 22.5, "", "23%"),
    (Unit.COUNT, 0, 1234, "", "1,234"),
    (Unit.RATE_PER_10000, 0, 64, "Children aged 0 to 17", "64 per 10,000 children"),
    (Unit.RATE_PER_10000, 0, 64, "Population", "64 per 10,000"),
    (Unit.RATE_PER_1000, 1, 3.25, "Pupils on roll", "3.3 per 1,000 pupils"),
    (Unit.DAYS, 0, 1, "", "1 day"),
    (Unit.DAYS, 0, 12, "", "12 days"),
    (Unit.WEEKS, 1, 20, "", "20.0 weeks"),
    (Unit.POUNDS, 0, 1500, "", "£1,500"),
    (Unit.NUMBER, 1, 15.25, "", "15.3"),
])
def test_format_figure(unit, places, value, denominator, expected):
    assert format_figure(value, indicator(unit=unit, decimal_places=places,
                                          denominator=denominator)) == expected


@pytest.mark.parametrize(("unit", "value", "expected"), [
    (Unit.PERCENTAGE, 3.0, "3.0 percentage points"),
    (Unit.PERCENTAGE, -1.0, "1.0 percentage point"),
    (Unit.COUNT, -12, "12.0"),
    (Unit.DAYS, 2, "2.0 days"),
])
def test_format_amount(unit, value, expected):
    assert format_amount(value, indicator(unit=unit)) == expected


@pytest.mark.parametrize(("percentage", "expected"), [
    (50.0, "1 in 2"),
    (25.0, "1 in 4"),
    (24.0, "about 1 in 4"),
    (30.0, "3 in 10"),
    (33.3, "about 1 in 3"),
    (40.4, "about 2 in 5"),
    (70.4, "about 7 in 10"),
    (90.8, "about 9 in 10"),
    (4.0, None),  # too small to read as a fraction
    (13.0, None),  # nothing everyday within 2.5 points
])
def test_everyday_fraction(percentage, expected):
    assert everyday_fraction(percentage) == expected


@pytest.mark.parametrize(("unit", "low", "high", "expected"), [
    (Unit.PERCENTAGE, 11, 16, "11.0% to 16.0%"),
    (Unit.RATE_PER_10000, 55, 75, "55.0 to 75.0 per 10,000 children"),
    (Unit.COUNT, 530, None, "at least 530.0"),
    (Unit.COUNT, None, 600, "at most 600.0"),
])
def test_format_range(unit, low, high, expected):
    assert format_range(low, high, indicator(unit=unit, denominator="Children")) == expected


# format_number remembers what it worked out; asking twice, and asking for 0.0 before -0.0
# (equal keys), must not change an answer.
FORMATS = [(0.0, 1, "0.0"), (-0.0, 1, "-0.0"), (-0.04, 1, "-0.0"), (0.05, 1, "0.1"),
           (2.5, 0, "3"), (2.5, 1, "2.5"), (1234.55, 1, "1,234.6"), (1234.55, 2, "1,234.55"),
           (1e6, 0, "1,000,000"), (12, 1, "12.0")]


@pytest.mark.parametrize("repeat", [1, 2])
def test_format_number_every_time(repeat: int) -> None:
    from generator.analysis.numbers import format_number

    for _ in range(repeat):
        assert [format_number(value, places) for value, places, _ in FORMATS] == \
            [expected for _, _, expected in FORMATS]
