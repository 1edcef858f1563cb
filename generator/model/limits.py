"""The limits every number and date in a data package keeps, so later arithmetic stays exact.

Part of the package format (docs/data-package.md, "Limits on numbers and dates"). The loader
refuses a cell outside them before any rule, model object, chart or download sees it.

Why these limits:

- **Finite.** NaN and infinity are spreadsheet error results, not figures: they compare false
  with everything, print as "NaN" in sentences and make the JSON downloads invalid.
- **At most 10^12 (a million million) either side of zero.** With up to three decimal places
  (the most ``decimal_places`` allows) such a figure has at most 16 significant digits, which a
  64-bit float (53 bits, about 9 × 10^15) holds exactly to the last shown decimal; so do sums and
  differences of a few of them, and a rate per 100,000 (10^17) stays far from overflow. No
  council figure comes near it: England's population is 5.7 × 10^7 and the largest council
  budget is a few times 10^9 pounds.
- **Zero, or at least 10^-6 from it.** The format shows at most three decimal places, so a
  smaller number cannot be shown; as a divisor it would make a quotient overflow to infinity.
- **Dates from 1970-01-01 to 2099-12-31.** The release date becomes the timestamp of every
  file of the site (``SOURCE_DATE_EPOCH``), and the gzip files MkDocs writes hold only times from
  1970 to early 2106 (a release dated 1900 crashed MkDocs). One window for every date is simpler
  to explain than one for releases and another for periods, and it costs nothing real: the
  indicators the site publishes start decades after 1970, and 2099 leaves room for long-range
  targets. Inside the window every later step (a year back for the comparison, the 12 months a
  rolling period covers, the next financial year) stays inside what both Python's calendar
  (years 1 to 9999) and those timestamps can hold.
"""

from __future__ import annotations

import math
from datetime import date
from decimal import Decimal
from enum import StrEnum

LARGEST = 10**12
SMALLEST = Decimal("0.000001")
EARLIEST = date(1970, 1, 1)
LATEST = date(2099, 12, 31)


class NumberFault(StrEnum):
    """Why a number is outside the limits; each value is the problem code that reports it."""

    NOT_FINITE = "number-not-finite"
    TOO_LARGE = "number-too-large"
    TOO_SMALL = "number-too-small"


def number_fault(value: Decimal | float | int) -> NumberFault | None:
    """Return why a number read from a table is outside the limits, or None when it is inside."""
    if isinstance(value, Decimal):
        # Decimal NaN (and signalling sNaN) raise on comparison: ask before comparing.
        if not value.is_finite():
            return NumberFault.NOT_FINITE
    elif isinstance(value, float) and not math.isfinite(value):
        return NumberFault.NOT_FINITE
    if not -LARGEST <= value <= LARGEST:
        return NumberFault.TOO_LARGE
    if value and -SMALLEST < value < SMALLEST:
        return NumberFault.TOO_SMALL
    return None


def date_in_window(day: date) -> bool:
    """Return whether a date is inside the window the site can publish (1970 to 2099)."""
    return EARLIEST <= day <= LATEST
