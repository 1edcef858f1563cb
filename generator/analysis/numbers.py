"""Numbers written for people: 22.6%, 1,234, "about 1 in 4", "64 per 10,000 children".

Every figure in a sentence goes through this module, rounded half up to the indicator's decimal
places (``round_half_up``) so that sentences, tables and charts show the same figure.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from generator.model.site import RATE_BASE, Indicator, Missing, Unit


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
    """Return a bare number for a count beside the figures (a breakdown's group), or the symbol."""
    if value is None:
        return missing.value if missing is not None else ""
    return format_number(value, indicator.decimal_places)


def table_figure(value: float | None, indicator: Indicator, missing: Missing | None = None) -> str:
    """Return a figure for a table cell with its unit (80.0%, 67.0 per 10,000, 12 days), or the symbol.

    Every table of figures a reader sees writes them this way, so a cell read alone (a row stacked
    as a card on a phone, a cell pasted into a paper) still says what the number is. A rate's noun
    ("children") is left to the table's note, said once rather than in every cell.
    """
    if value is None:
        return missing.value if missing is not None else ""
    return format_figure(value, indicator, noun=False)


# Nouns a rate's denominator may start with; the rate then reads "64 per 10,000 children".
RATE_NOUNS = ("children", "young people", "people", "adults", "pupils", "households", "residents",
              "families", "births", "girls", "boys", "women", "men")

# Fractions people read easily, in the order we try them: "1 in 2", "1 in 3", "3 in 10" ...
EVERYDAY_DENOMINATORS = (2, 3, 4, 5, 10)
EVERYDAY_TOLERANCE = 2.5  # percentage points between the figure and its "1 in 4" reading


def rounded(value: float, indicator: Indicator) -> float:
    """Return the value rounded as published, to the indicator's decimal places."""
    return float(round_half_up(value, indicator.decimal_places))


def rate_noun(indicator: Indicator) -> str:
    """Return what a rate counts per (for example "children"), or "" when the data does not say."""
    text = indicator.denominator.strip().lower()
    for noun in RATE_NOUNS:
        if text.startswith(noun) or text.startswith("all " + noun):
            return noun
    return ""


def plural(number: str, singular: str, many: str) -> str:
    """Return a written number with its noun: "1 percentage point", "1.5 percentage points"."""
    return f"{number} {singular if number in ('1', '1.0', '1.00', '1.000') else many}"


def format_figure(value: float, indicator: Indicator, *, noun: bool = True) -> str:
    """Return a figure in the indicator's unit for a sentence: 24.0%, 64 per 10,000 children.

    With ``noun=False`` a rate leaves out what it counts per: 64 per 10,000 (a table cell's form).
    """
    number = format_number(value, indicator.decimal_places)
    unit = indicator.unit
    if unit is Unit.PERCENTAGE:
        return f"{number}%"
    if unit in RATE_BASE:
        counted = rate_noun(indicator) if noun else ""
        return f"{number} per {RATE_BASE[unit]:,}" + (f" {counted}" if counted else "")
    if unit is Unit.DAYS:
        return plural(number, "day", "days")
    if unit is Unit.WEEKS:
        return plural(number, "week", "weeks")
    if unit is Unit.POUNDS:
        return f"£{number}"
    return number


def format_amount(value: float, indicator: Indicator) -> str:
    """Return a difference in the indicator's unit: 3.0 percentage points, 5 days, £120."""
    number = format_number(abs(value), indicator.decimal_places)
    unit = indicator.unit
    if unit is Unit.PERCENTAGE:
        return plural(number, "percentage point", "percentage points")
    if unit in RATE_BASE or unit in (Unit.DAYS, Unit.WEEKS, Unit.POUNDS):
        return format_figure(abs(value), indicator)
    return number


def format_per_cent(value: float) -> str:
    """Return a relative change as a per cent with one decimal place, without its sign."""
    return f"{format_number(abs(value), 1)}%"


def ordinal(number: int) -> str:
    """Return 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 153rd."""
    suffix = "th" if 11 <= number % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number:,}{suffix}"


def format_count(value: float) -> str:
    """Return a count of cases: 1,234, or 27.7 for full-time equivalents."""
    return format_number(value, 0 if float(value).is_integer() else 1)


def everyday_fraction(percentage: float) -> str | None:
    """Return a percentage as an everyday fraction ("1 in 4", "about 3 in 10"), if one is close.

    Only figures between 5% and 95% are turned into words; the fraction with the smallest
    denominator within 2.5 percentage points is chosen, and "about" is added unless it is exact.
    """
    if not 5 <= percentage <= 95:
        return None
    for denominator in EVERYDAY_DENOMINATORS:
        numerator = int(round_half_up(percentage * denominator / 100, 0))
        if numerator < 1 or numerator >= denominator:
            continue
        gap = abs(numerator * 100 / denominator - percentage)
        if gap <= EVERYDAY_TOLERANCE:
            prefix = "" if gap < 1e-9 else "about "
            return f"{prefix}{numerator} in {denominator}"
    return None


def format_range(low: float | None, high: float | None, indicator: Indicator, *,
                 noun: bool = True) -> str:
    """Return an expected range in words: "55 to 75 per 10,000 children", "at least 20%".

    With ``noun=False`` a rate leaves out what it counts per, as a table cell does.
    """
    if low is not None and high is not None:
        first = format_figure(low, indicator, noun=noun)
        if indicator.unit not in (Unit.PERCENTAGE, Unit.POUNDS):
            first = format_number(low, indicator.decimal_places)
        return f"{first} to {format_figure(high, indicator, noun=noun)}"
    if low is not None:
        return f"at least {format_figure(low, indicator, noun=noun)}"
    if high is not None:
        return f"at most {format_figure(high, indicator, noun=noun)}"
    return ""


def format_between(low: float, high: float, indicator: Indicator) -> str:
    """Return two figures to follow "between": "86 and 92 per 10,000 children", "18% and 23%"."""
    first = format_figure(low, indicator)
    if indicator.unit not in (Unit.PERCENTAGE, Unit.POUNDS):
        first = format_number(low, indicator.decimal_places)
    return f"{first} and {format_figure(high, indicator)}"
