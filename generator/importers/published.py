"""Read DfE published cells and periods exactly as published: numbers, symbols and years."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from generator.model.periods import (
    Period,
    PeriodError,
    PeriodType,
    parse_period,
    rolling_12_months,
    snapshot,
)
from generator.model.site import Missing

SYMBOLS = {member.value for member in Missing}
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
LAIT_MISSING = "-"


class CellError(ValueError):
    """A cell that is neither a number nor a DfE symbol."""


@dataclass(frozen=True)
class Cell:
    """A published cell: the number as text (exactly as published) or a missing-value symbol."""

    value: str = ""
    missing: str = ""

    @property
    def is_number(self) -> bool:
        return bool(self.value)


def read_cell(text: str) -> Cell:
    """Return the cell as published: a number kept as its original text, or a DfE symbol."""
    cleaned = text.strip()
    if cleaned.lower() in SYMBOLS:
        return Cell(missing=cleaned.lower())
    if NUMBER.match(cleaned):
        return Cell(value=cleaned)
    raise CellError(f"'{text}' is neither a number nor a DfE symbol (c, x, z, k, low, u)")


def read_lait_cell(text: str | None, decimal_places: int) -> Cell:
    """Return a LAIT cell: '-' is 'x' (not available); float artefacts are rounded away.

    LAIT stores numbers as binary floats printed in full (``14.700000000000001``). Rounding to
    the measure's decimal places gives back the published figure; trailing zeros are dropped so
    ``18`` stays ``18``.
    """
    cleaned = "" if text is None else str(text).strip()
    if cleaned in ("", LAIT_MISSING):
        return Cell(missing=Missing.NOT_AVAILABLE.value)
    if cleaned.lower() in SYMBOLS:
        return Cell(missing=cleaned.lower())
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        raise CellError(f"'{text}' is neither a number nor '-'") from None
    if not number.is_finite():
        raise CellError(f"'{text}' is not a finite number")
    exponent = number.as_tuple().exponent
    decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    if decimals > decimal_places:
        number = number.quantize(Decimal(1).scaleb(-decimal_places), rounding=ROUND_HALF_UP)
    return Cell(value=format_decimal(number))


def format_decimal(number: Decimal) -> str:
    """Return a plain decimal string without exponent or trailing zeros (14.70 -> 14.7)."""
    text = f"{number:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def mean_text(values: list[str], decimal_places: int) -> str:
    """Return the mean of published numbers, rounded half up to the decimal places."""
    total = sum((Decimal(value) for value in values), Decimal(0))
    step = Decimal(1).scaleb(-decimal_places)
    mean = (total / len(values)).quantize(step, rounding=ROUND_HALF_UP)
    return format_decimal(mean)


# DfE's time_identifier values and the period types they can be read as.
TIME_IDENTIFIERS = {
    "reporting year": {PeriodType.FINANCIAL_YEAR, PeriodType.SNAPSHOT,
                       PeriodType.ROLLING_12_MONTHS, PeriodType.CALENDAR_YEAR},
    "financial year": {PeriodType.FINANCIAL_YEAR},
    "academic year": {PeriodType.ACADEMIC_YEAR},
    "calendar year": {PeriodType.CALENDAR_YEAR},
}


def _end_year(text: str) -> int:
    """Return the year a DfE time period ends in: 2025 -> 2025, 202425 -> 2025."""
    if re.fullmatch(r"\d{4}", text):
        return int(text)
    if re.fullmatch(r"\d{6}", text):
        return int(text[:4]) + 1
    raise PeriodError(f"'{text}' is not a DfE year such as 2025 or 202425")


def dfe_period(time_period: str, kind: PeriodType, period_end: str = "") -> Period:
    """Return the period a DfE year names, for an indicator of the given period type.

    Bare years are the year the period ends (DfE's "Reporting year 2025" is the year to
    31 March 2025). Snapshots and rolling years need ``period_end`` (``MM-DD`` or ``MM``): the
    day or month of that year the figure is taken at.
    """
    text = time_period.strip()
    if kind in (PeriodType.SNAPSHOT, PeriodType.ROLLING_12_MONTHS):
        if not period_end:
            raise PeriodError(f"a {kind.value} indicator needs period_end in the mapping")
        month_text, _, day_text = period_end.partition("-")
        year = _end_year(text)
        if kind is PeriodType.ROLLING_12_MONTHS:
            return rolling_12_months(year, int(month_text))
        try:
            return snapshot(date(year, int(month_text), int(day_text)))
        except ValueError as error:
            raise PeriodError(f"period_end '{period_end}' is not a day of the year "
                              f"({error})") from None
    return parse_period(text, kind)
