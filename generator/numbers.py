"""Rounding and number formats shared by tables, charts and sentences (see analysis.numbers)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from generator.model import Indicator, Missing, Unit

UNIT_WORDS = {
    Unit.PERCENTAGE: "Percentage",
    Unit.RATE_PER_10000: "Rate per 10,000 children",
    Unit.RATE_PER_1000: "Rate per 1,000",
    Unit.RATE_PER_100000: "Rate per 100,000",
    Unit.COUNT: "Number",
    Unit.DAYS: "Days",
    Unit.WEEKS: "Weeks",
    Unit.NUMBER: "Number",
    Unit.POUNDS: "Pounds",
}

def round_half_up(value: float, places: int) -> Decimal:
    """Round as people do (2.5 becomes 3), not as floats do."""
    return Decimal(repr(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def format_number(value: float, places: int) -> str:
    """Return a number with thousands separators and fixed decimal places."""
    if not value:
        return _format(value, places)  # not remembered: 0.0 and -0.0 are equal keys
    return _remembered_format(value, places)


def _format(value: float, places: int) -> str:
    return f"{round_half_up(value, places):,.{places}f}"


# A page shows each figure several times (table, chart, sentences) and published figures
# repeat: decimal rounding is worth doing once per value.
_remembered_format = lru_cache(maxsize=65536)(_format)


def table_value(value: float | None, indicator: Indicator, missing: Missing | None = None) -> str:
    """Return a compact cell for data tables: the number, or the DfE symbol in words' place."""
    if value is None:
        return missing.value if missing is not None else ""
    return format_number(value, indicator.decimal_places)
