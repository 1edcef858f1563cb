"""Numbers formatted for people: 22.6%, 1,234, 64 per 10,000 children."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from generator.model import MISSING_WORDS, Indicator, Missing, Unit

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

SUFFIX = {
    Unit.PERCENTAGE: "%",
    Unit.RATE_PER_10000: " per 10,000",
    Unit.RATE_PER_1000: " per 1,000",
    Unit.RATE_PER_100000: " per 100,000",
    Unit.DAYS: " days",
    Unit.WEEKS: " weeks",
}


def round_half_up(value: float, places: int) -> Decimal:
    """Round as people do (2.5 becomes 3), not as floats do."""
    return Decimal(repr(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def format_number(value: float, places: int) -> str:
    """Return a number with thousands separators and fixed decimal places."""
    return f"{round_half_up(value, places):,.{places}f}"


def format_value(value: float | None, indicator: Indicator, missing: Missing | None = None,
                 missing_word: str | None = None) -> str:
    """Return a value in the indicator's unit, or the symbol's words when there is no number."""
    if value is None:
        if missing is not None:
            return missing_word or MISSING_WORDS[missing]
        return missing_word or "no figure"
    number = format_number(value, indicator.decimal_places)
    if indicator.unit is Unit.POUNDS:
        return f"£{number}"
    return number + SUFFIX.get(indicator.unit, "")


def table_value(value: float | None, indicator: Indicator, missing: Missing | None = None) -> str:
    """Return a compact cell for data tables: the number, or the DfE symbol in words' place."""
    if value is None:
        return missing.value if missing is not None else ""
    return format_number(value, indicator.decimal_places)
