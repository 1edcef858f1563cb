"""UK reporting periods: parse the spellings real files use, order them, and label them in words.

Every period has a canonical code that the data packages use (for example ``2021-22-Q4``) and
plain-English labels for the site ("January to March 2022"). The meaning of a code depends on the
indicator's period type: ``2021-22`` is April 2021 to March 2022 for a financial year and September
2021 to August 2022 for an academic year.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cache, cached_property

from generator.model.limits import EARLIEST, LATEST, date_in_window


class PeriodType(StrEnum):
    """Kinds of reporting period."""

    MONTH = "month"
    QUARTER = "quarter"  # a quarter of the financial year: Q1 = April to June
    FINANCIAL_YEAR = "financial_year"
    ACADEMIC_YEAR = "academic_year"
    CALENDAR_YEAR = "calendar_year"
    ROLLING_12_MONTHS = "rolling_12_months"
    SNAPSHOT = "snapshot"


class PeriodError(ValueError):
    """A period spelling that cannot be read for the given period type."""


class PeriodOutOfRange(PeriodError):
    """A period that is read, but starts before 1970 or ends after 2099 (model/limits.py)."""


MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9


@dataclass(frozen=True, order=True)
class Period:
    """One reporting period. Orders by end date, then start date."""

    end: date
    start: date
    type: PeriodType
    code: str

    # Labels are asked for many times per page: each period works its labels out once. (A frozen
    # dataclass still has an instance __dict__, which is where cached_property keeps them.)
    @cached_property
    def label(self) -> str:
        """Return the plain-English label used in sentences and tables."""
        return _label(self)

    @cached_property
    def short_label(self) -> str:
        """Return the compact label used on chart axes."""
        return _short_label(self)

    def __str__(self) -> str:
        return self.code


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


# Periods are immutable, so the constructors below hand out one shared Period for equal
# arguments (and its labels are then worked out once).
@cache
def month(year: int, month_number: int) -> Period:
    """Return the calendar month."""
    return Period(
        _month_end(year, month_number),
        date(year, month_number, 1),
        PeriodType.MONTH,
        f"{year:04d}-{month_number:02d}",
    )


@cache
def rolling_12_months(year: int, month_number: int) -> Period:
    """Return the 12 months ending with the given month."""
    start_year, start_month = _add_months(year, month_number, -11)
    return Period(
        _month_end(year, month_number),
        date(start_year, start_month, 1),
        PeriodType.ROLLING_12_MONTHS,
        f"{year:04d}-{month_number:02d}",
    )


@cache
def quarter(start_year: int, number: int) -> Period:
    """Return quarter ``number`` (1-4) of the financial year starting in April ``start_year``."""
    if number not in (1, 2, 3, 4):
        raise PeriodError(f"quarter number must be 1 to 4, not {number}")
    first_year, first_month = _add_months(start_year, 4, 3 * (number - 1))
    end_year, end_month = _add_months(first_year, first_month, 2)
    return Period(
        _month_end(end_year, end_month),
        date(first_year, first_month, 1),
        PeriodType.QUARTER,
        f"{start_year:04d}-{(start_year + 1) % 100:02d}-Q{number}",
    )


@cache
def _split_year(start_year: int, first_month: int, kind: PeriodType) -> Period:
    """Return a year that starts in ``first_month`` of one year and ends the next: "2021-22"."""
    end_year, end_month = _add_months(start_year, first_month, 11)
    return Period(_month_end(end_year, end_month), date(start_year, first_month, 1), kind,
                  f"{start_year:04d}-{(start_year + 1) % 100:02d}")


def financial_year(start_year: int) -> Period:
    """Return the financial year from April ``start_year`` to March the next year."""
    return _split_year(start_year, 4, PeriodType.FINANCIAL_YEAR)


def academic_year(start_year: int) -> Period:
    """Return the academic year from September ``start_year`` to August the next year."""
    return _split_year(start_year, 9, PeriodType.ACADEMIC_YEAR)


@cache
def calendar_year(year: int) -> Period:
    """Return the calendar year."""
    return Period(date(year, 12, 31), date(year, 1, 1), PeriodType.CALENDAR_YEAR, f"{year:04d}")


@cache
def snapshot(day: date) -> Period:
    """Return a count or position at one date."""
    return Period(day, day, PeriodType.SNAPSHOT, day.isoformat())


# ---------------------------------------------------------------------------------------------
# Parsing

_YEAR_PAIR = re.compile(r"^(?:FY|AY)?\s*(\d{4})\s*(?:/|-|–|to)\s*(\d{2}|\d{4})$", re.IGNORECASE)
_YEAR_PAIR_COMPACT = re.compile(r"^(\d{4})(\d{2})$")
_YEAR = re.compile(r"^(?:CY)?\s*(\d{4})$", re.IGNORECASE)
_QUARTER_FORMS = (
    re.compile(r"^(\d{4})\s*[-/]\s*(\d{2}|\d{4})\s*[- ]?\s*Q(?:uarter)?\s*([1-4])$", re.IGNORECASE),
    re.compile(r"^Q(?:uarter)?\s*([1-4])\s*,?\s*(\d{4})\s*[-/]\s*(\d{2}|\d{4})$", re.IGNORECASE),
)
_ISO_MONTH = re.compile(r"^(\d{4})[-/](\d{1,2})$")
_COMPACT_MONTH = re.compile(r"^(\d{4})(\d{2})$")
_MONTH_SLASH_YEAR = re.compile(r"^(\d{1,2})/(\d{4})$")
_NAMED_MONTH = re.compile(r"^([A-Za-z]+)[\s\-]+(\d{2}|\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_UK_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_NAMED_DATE = re.compile(r"^(?:at\s+)?(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})$", re.IGNORECASE)
_ROLLING_WORDS = re.compile(r"^12 months (?:to|ending)\s+(.+)$", re.IGNORECASE)


def _year_pair(text: str) -> int | None:
    """Return the first year of a two-year spelling such as 2021/22, 2021-2022 or 202122."""
    match = _YEAR_PAIR.match(text) or _YEAR_PAIR_COMPACT.match(text)
    if not match:
        return None
    first, second = int(match.group(1)), match.group(2)
    expected = (first + 1) % 100 if len(second) == 2 else first + 1
    if int(second) != expected:
        raise PeriodError(f"'{text}' does not name two consecutive years")
    return first


def _full_year(text: str) -> int:
    year = int(text)
    return year + 2000 if len(text) == 2 else year


def _month_number(name: str, text: str) -> int:
    number = MONTHS.get(name.lower())
    if number is None:
        raise PeriodError(f"'{name}' in '{text}' is not a month name")
    return number


def _parse_month(text: str) -> tuple[int, int] | None:
    for pattern in (_ISO_MONTH, _COMPACT_MONTH):
        match = pattern.match(text)
        if match:
            year, number = int(match.group(1)), int(match.group(2))
            if not 1 <= number <= 12:
                raise PeriodError(f"'{text}' has month {number}; months run from 01 to 12")
            return year, number
    match = _MONTH_SLASH_YEAR.match(text)
    if match:
        number = int(match.group(1))
        if not 1 <= number <= 12:
            raise PeriodError(f"'{text}' has month {number}; months run from 1 to 12")
        return int(match.group(2)), number
    match = _NAMED_MONTH.match(text)
    if match:
        return _full_year(match.group(2)), _month_number(match.group(1), text)
    return None


def _parse_date(text: str) -> date | None:
    try:
        match = _ISO_DATE.match(text)
        if match:
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        match = _UK_DATE.match(text)
        if match:
            return date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        match = _NAMED_DATE.match(text)
        if match:
            number = _month_number(match.group(2), text)
            return date(int(match.group(3)), number, int(match.group(1)))
    except ValueError as error:
        raise PeriodError(f"'{text}' is not a real date ({error})") from None
    return None


def _parse_year_of_type(text: str, kind: PeriodType) -> Period | None:
    maker = {
        PeriodType.FINANCIAL_YEAR: financial_year,
        PeriodType.ACADEMIC_YEAR: academic_year,
    }[kind]
    first = _year_pair(text)
    if first is not None:
        return maker(first)
    match = _YEAR.match(text)
    if match:
        # DfE's LAIT prints the year in which a financial or academic year ends.
        return maker(int(match.group(1)) - 1)
    return None


def _parse_quarter(text: str) -> Period | None:
    for index, pattern in enumerate(_QUARTER_FORMS):
        match = pattern.match(text)
        if not match:
            continue
        if index == 0:
            years, number = f"{match.group(1)}/{match.group(2)}", int(match.group(3))
        else:
            years, number = f"{match.group(2)}/{match.group(3)}", int(match.group(1))
        first = _year_pair(years)
        assert first is not None  # the pattern guarantees a year pair
        return quarter(first, number)
    return None


EXPECTED_SPELLING = {
    PeriodType.MONTH: "a month such as 2022-03 or March 2022",
    PeriodType.QUARTER: "a financial-year quarter such as 2021-22-Q4 or Q4 2021/22",
    PeriodType.FINANCIAL_YEAR: "a financial year such as 2021-22 or 2021/22",
    PeriodType.ACADEMIC_YEAR: "an academic year such as 2021-22 or 2021/22",
    PeriodType.CALENDAR_YEAR: "a calendar year such as 2022",
    PeriodType.ROLLING_12_MONTHS: "the last month of the 12, such as 2022-03 or March 2022",
    PeriodType.SNAPSHOT: "a date such as 2022-03-31 or 31 March 2022",
}


def parse_period(text: str, kind: PeriodType | str) -> Period:
    """Read a period written in any common spelling, for an indicator of the given period type.

    Raises ``PeriodError`` with a message that says what was expected, and its subclass
    ``PeriodOutOfRange`` for a period outside the window of model/limits.py.
    """
    kind = PeriodType(kind)
    outside = PeriodOutOfRange(f"'{text}' is outside the dates the site publishes "
                               f"({EARLIEST.isoformat()} to {LATEST.isoformat()})")
    try:
        result = _parse_period(" ".join(str(text).replace("\u2013", "-").split()), kind)
    except PeriodError:
        raise
    except ValueError:
        # Only a year the calendar cannot hold gets here (0, or 10000 as the end of 9999-00).
        raise outside from None
    if result is None:
        raise PeriodError(f"'{text}' is not {EXPECTED_SPELLING[kind]}")
    if not (date_in_window(result.start) and date_in_window(result.end)):
        raise outside
    return result


def _parse_period(cleaned: str, kind: PeriodType) -> Period | None:
    """Return the period a cleaned-up spelling names, or None when it is no known spelling."""
    result: Period | None = None
    if kind in (PeriodType.FINANCIAL_YEAR, PeriodType.ACADEMIC_YEAR):
        result = _parse_year_of_type(cleaned, kind)
    elif kind is PeriodType.QUARTER:
        result = _parse_quarter(cleaned)
    elif kind is PeriodType.CALENDAR_YEAR:
        match = _YEAR.match(cleaned)
        result = calendar_year(int(match.group(1))) if match else None
    elif kind in (PeriodType.MONTH, PeriodType.ROLLING_12_MONTHS):
        rolling = _ROLLING_WORDS.match(cleaned)
        found = _parse_month(rolling.group(1) if rolling else cleaned)
        if found:
            maker = month if kind is PeriodType.MONTH else rolling_12_months
            result = maker(*found)
    elif kind is PeriodType.SNAPSHOT:
        day = _parse_date(cleaned)
        result = snapshot(day) if day else None
    return result


@cache  # tables repeat the same few dozen periods thousands of times
def parse_canonical(code: str, kind: PeriodType | str) -> Period:
    """Read a period that must already be in its canonical code (as the data packages require)."""
    period = parse_period(code, kind)
    if period.code != code:
        raise PeriodError(f"'{code}' must be written as '{period.code}' (the canonical form)")
    return period


# ---------------------------------------------------------------------------------------------
# Arithmetic


def shift(period: Period, months: int) -> Period:
    """Return the period of the same type moved by a whole number of months."""
    kind = period.type
    if kind is PeriodType.SNAPSHOT:
        year, number = _add_months(period.end.year, period.end.month, months)
        day = min(period.end.day, calendar.monthrange(year, number)[1])
        if period.end.day == calendar.monthrange(period.end.year, period.end.month)[1]:
            day = calendar.monthrange(year, number)[1]
        return snapshot(date(year, number, day))
    year, number = _add_months(period.end.year, period.end.month, months)
    if kind is PeriodType.MONTH:
        return month(year, number)
    if kind is PeriodType.ROLLING_12_MONTHS:
        return rolling_12_months(year, number)
    if kind is PeriodType.QUARTER:
        start_year, start_month = _add_months(period.start.year, period.start.month, months)
        fy_start = start_year if start_month >= 4 else start_year - 1
        return quarter(fy_start, ((start_month - 4) % 12) // 3 + 1)
    if months % 12:
        raise PeriodError(f"a {kind.value} can only move by whole years")
    years = months // 12
    if kind is PeriodType.FINANCIAL_YEAR:
        return financial_year(period.start.year + years)
    if kind is PeriodType.ACADEMIC_YEAR:
        return academic_year(period.start.year + years)
    return calendar_year(period.start.year + years)




def financial_year_of(period: Period) -> Period:
    """Return the financial year in which the period ends."""
    end = period.end
    return financial_year(end.year if end.month >= 4 else end.year - 1)


def academic_year_of(period: Period) -> Period:
    """Return the academic year in which the period ends."""
    end = period.end
    return academic_year(end.year if end.month >= 9 else end.year - 1)




# ---------------------------------------------------------------------------------------------
# Labels


# The words of a period label, filled in by ``_label`` and ``_short_label``. They are reader-facing
# words and belong to the word catalogue, which re-exports them (``generator.model.words``); they
# are defined here because the catalogue keys its other tables on this module's ``PeriodType``.

# Written out rather than taken from ``calendar``, whose names follow the machine's locale.
MONTH_NAMES = ("", "January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")
MONTH_ABBREVIATIONS = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
                       "Nov", "Dec")

# A period in sentences and tables: "January to March 2022".
PERIOD_LABELS = {
    PeriodType.MONTH: "{end_month} {end_year}",
    PeriodType.QUARTER: "{start_month} to {end_month} {end_year}",
    PeriodType.FINANCIAL_YEAR: "{start_month} {start_year} to {end_month} {end_year}",
    PeriodType.ACADEMIC_YEAR: "the {start_year} to {end_year} school year",
    PeriodType.CALENDAR_YEAR: "{end_year}",
    PeriodType.ROLLING_12_MONTHS: "the 12 months to {end_month} {end_year}",
    PeriodType.SNAPSHOT: "{end_day} {end_month} {end_year}",
}
# A quarter that spans a new year names both years: "November 2021 to January 2022".
QUARTER_ACROSS_YEARS_LABEL = "{start_month} {start_year} to {end_month} {end_year}"
# A release named after the quarter it covers, as readers see it:
# "Quarter 2 2025/26 (July to September 2025)".
RELEASE_QUARTER_LABEL = "Quarter {quarter} {financial_year} ({label})"
# A period on a chart's axis: "Q4 2021/22".
PERIOD_SHORT_LABELS = {
    PeriodType.MONTH: "{end_abbreviation} {end_year}",
    PeriodType.QUARTER: "Q{quarter} {financial_year}",
    PeriodType.FINANCIAL_YEAR: "{start_year}/{end_yy}",
    PeriodType.ACADEMIC_YEAR: "{start_year}/{end_yy}",
    PeriodType.CALENDAR_YEAR: "{end_year}",
    PeriodType.ROLLING_12_MONTHS: "{end_abbreviation} {end_year}",
    PeriodType.SNAPSHOT: "{end_day} {end_abbreviation} {end_year}",
}

# A run of periods, from the first to the last: "for the financial years 2018/19 to 2024/25".
# Labels that hold "to" themselves ("April 2018 to March 2019") would read "from ... to ... to
# ...", so years take their short labels and quarters the months they start and end in.
PERIOD_SPANS = {
    PeriodType.MONTH: "from {first.label} to {last.label}",
    PeriodType.QUARTER: "for each quarter from {first_start} to {last_end}",
    PeriodType.FINANCIAL_YEAR: "for the financial years {first.short_label} to {last.short_label}",
    PeriodType.ACADEMIC_YEAR: "for the school years {first.short_label} to {last.short_label}",
    PeriodType.CALENDAR_YEAR: "from {first.label} to {last.label}",
    PeriodType.ROLLING_12_MONTHS: "from {first.label} up to {last.label}",
    PeriodType.SNAPSHOT: "from {first.label} to {last.label}",
}


def span(first: Period, last: Period) -> str:
    """Return a run of periods with its preposition: "for the financial years 2018/19 to 2024/25"."""
    if first == last:
        return f"for {first.label}"
    return PERIOD_SPANS[last.type].format(
        first=first, last=last,
        first_start=f"{MONTH_NAMES[first.start.month]} {first.start.year}",
        last_end=f"{MONTH_NAMES[last.end.month]} {last.end.year}")


def _label_fields(period: Period) -> dict[str, object]:
    """Return the parts of a period that the label patterns fill in."""
    start, end = period.start, period.end
    fields: dict[str, object] = {
        "start_month": MONTH_NAMES[start.month], "start_year": start.year,
        "end_month": MONTH_NAMES[end.month], "end_year": end.year, "end_day": end.day,
        "end_abbreviation": MONTH_ABBREVIATIONS[end.month], "end_yy": f"{end.year % 100:02d}",
    }
    if period.type is PeriodType.QUARTER:
        fy = financial_year_of(period)
        fields["quarter"] = period.code[-1]
        fields["financial_year"] = f"{fy.start.year}/{fy.end.year % 100:02d}"
    return fields


def _label(period: Period) -> str:
    pattern = PERIOD_LABELS[period.type]
    if period.type is PeriodType.QUARTER and period.start.year != period.end.year:
        pattern = QUARTER_ACROSS_YEARS_LABEL
    return pattern.format(**_label_fields(period))


def _short_label(period: Period) -> str:
    return PERIOD_SHORT_LABELS[period.type].format(**_label_fields(period))


def release_label(title: str) -> str:
    """Return a release's name for readers: a quarter's title with its months, others as given.

    "Quarter 2 2025/26", "Q2 2025/26" and "2025-26-q2" all read "Quarter 2 2025/26 (July to
    September 2025)", so a reader never has to know that quarter 2 of a financial year is July to
    September. A title that names no quarter, such as "Annual report 2024/25", is the officer's
    own wording and is shown as it is.
    """
    try:
        period = parse_period(title, PeriodType.QUARTER)
    except PeriodError:
        return title
    return RELEASE_QUARTER_LABEL.format(**_label_fields(period), label=period.label)
