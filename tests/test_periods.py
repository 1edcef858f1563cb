"""UK reporting periods: one row per spelling, as real files write them.

Spellings marked with a source are copied from published files (Source: Department for
Education, Open Government Licence v3.0; Trafford Council Data Lab, OGL v3.0):
- DfE explore-education-statistics ``time_period``: ``2025`` (Reporting year, the year ending
  31 March), ``202425`` (Academic year), ``2024`` (Calendar year, SEN2);
- DfE LAIT ``Years``: ``2016`` (the year in which a financial or academic year ends), ``2016-17``,
  ``2015/16``;
- Trafford Data Lab ``period``: ``2017/18``, ``2019``.
"""

from __future__ import annotations

from datetime import date

import pytest

from generator.model.periods import (
    Period,
    PeriodError,
    PeriodType,
    academic_year_of,
    financial_year_of,
    parse_canonical,
    parse_period,
    shift,
)

M = PeriodType.MONTH
Q = PeriodType.QUARTER
FY = PeriodType.FINANCIAL_YEAR
AY = PeriodType.ACADEMIC_YEAR
CY = PeriodType.CALENDAR_YEAR
R12 = PeriodType.ROLLING_12_MONTHS
S = PeriodType.SNAPSHOT


# (spelling, period type, code, start, end)
SPELLINGS = [
    # Financial years: April to March.
    ("2021/22", FY, "2021-22", date(2021, 4, 1), date(2022, 3, 31)),
    ("2021-22", FY, "2021-22", date(2021, 4, 1), date(2022, 3, 31)),
    ("2021–22", FY, "2021-22", date(2021, 4, 1), date(2022, 3, 31)),  # en dash
    ("202122", FY, "2021-22", date(2021, 4, 1), date(2022, 3, 31)),
    ("2021/2022", FY, "2021-22", date(2021, 4, 1), date(2022, 3, 31)),
    ("2021 to 2022", FY, "2021-22", date(2021, 4, 1), date(2022, 3, 31)),
    ("FY2021/22", FY, "2021-22", date(2021, 4, 1), date(2022, 3, 31)),
    ("  2021/22 ", FY, "2021-22", date(2021, 4, 1), date(2022, 3, 31)),
    ("2022", FY, "2021-22", date(2021, 4, 1), date(2022, 3, 31)),  # LAIT: year the FY ends
    ("2025", FY, "2024-25", date(2024, 4, 1), date(2025, 3, 31)),  # EES Reporting year
    ("2016", FY, "2015-16", date(2015, 4, 1), date(2016, 3, 31)),  # LAIT
    ("2016-17", FY, "2016-17", date(2016, 4, 1), date(2017, 3, 31)),  # LAIT
    ("2015/16", FY, "2015-16", date(2015, 4, 1), date(2016, 3, 31)),  # LAIT
    ("2017/18", FY, "2017-18", date(2017, 4, 1), date(2018, 3, 31)),  # Trafford
    ("1999/00", FY, "1999-00", date(1999, 4, 1), date(2000, 3, 31)),  # across a century
    # Academic years: September to August.
    ("2021/22", AY, "2021-22", date(2021, 9, 1), date(2022, 8, 31)),
    ("2021-22", AY, "2021-22", date(2021, 9, 1), date(2022, 8, 31)),
    ("202425", AY, "2024-25", date(2024, 9, 1), date(2025, 8, 31)),  # EES Academic year
    ("201920", AY, "2019-20", date(2019, 9, 1), date(2020, 8, 31)),  # EES (the COVID gap year)
    ("2022", AY, "2021-22", date(2021, 9, 1), date(2022, 8, 31)),  # LAIT: year the AY ends
    ("AY 2021/22", AY, "2021-22", date(2021, 9, 1), date(2022, 8, 31)),
    # Calendar years.
    ("2022", CY, "2022", date(2022, 1, 1), date(2022, 12, 31)),
    ("2024", CY, "2024", date(2024, 1, 1), date(2024, 12, 31)),  # EES SEN2 Calendar year
    ("2019", CY, "2019", date(2019, 1, 1), date(2019, 12, 31)),  # Trafford NEET
    ("CY2022", CY, "2022", date(2022, 1, 1), date(2022, 12, 31)),
    # Months.
    ("2022-03", M, "2022-03", date(2022, 3, 1), date(2022, 3, 31)),
    ("2022-3", M, "2022-03", date(2022, 3, 1), date(2022, 3, 31)),
    ("2022/03", M, "2022-03", date(2022, 3, 1), date(2022, 3, 31)),
    ("202203", M, "2022-03", date(2022, 3, 1), date(2022, 3, 31)),
    ("03/2022", M, "2022-03", date(2022, 3, 1), date(2022, 3, 31)),
    ("March 2022", M, "2022-03", date(2022, 3, 1), date(2022, 3, 31)),
    ("march 2022", M, "2022-03", date(2022, 3, 1), date(2022, 3, 31)),
    ("Mar 2022", M, "2022-03", date(2022, 3, 1), date(2022, 3, 31)),
    ("Mar-22", M, "2022-03", date(2022, 3, 1), date(2022, 3, 31)),
    ("Sept 2021", M, "2021-09", date(2021, 9, 1), date(2021, 9, 30)),
    ("February 2024", M, "2024-02", date(2024, 2, 1), date(2024, 2, 29)),  # leap year
    ("Feb-23", M, "2023-02", date(2023, 2, 1), date(2023, 2, 28)),
    # Quarters of the financial year: Q1 is April to June, Q4 is January to March.
    ("Q4 2021/22", Q, "2021-22-Q4", date(2022, 1, 1), date(2022, 3, 31)),
    ("2021/22 Q4", Q, "2021-22-Q4", date(2022, 1, 1), date(2022, 3, 31)),
    ("Quarter 4 2021/22", Q, "2021-22-Q4", date(2022, 1, 1), date(2022, 3, 31)),
    ("2021-22-Q4", Q, "2021-22-Q4", date(2022, 1, 1), date(2022, 3, 31)),
    ("2021-22 Q4", Q, "2021-22-Q4", date(2022, 1, 1), date(2022, 3, 31)),
    ("q4 2021-22", Q, "2021-22-Q4", date(2022, 1, 1), date(2022, 3, 31)),
    ("Q4, 2021/22", Q, "2021-22-Q4", date(2022, 1, 1), date(2022, 3, 31)),
    ("Q3 2021-2022", Q, "2021-22-Q3", date(2021, 10, 1), date(2021, 12, 31)),
    ("2023/24 Q1", Q, "2023-24-Q1", date(2023, 4, 1), date(2023, 6, 30)),
    ("Quarter 2 2023/24", Q, "2023-24-Q2", date(2023, 7, 1), date(2023, 9, 30)),
    # Rolling 12 months, named by the last month.
    ("2022-03", R12, "2022-03", date(2021, 4, 1), date(2022, 3, 31)),
    ("March 2022", R12, "2022-03", date(2021, 4, 1), date(2022, 3, 31)),
    ("12 months to March 2022", R12, "2022-03", date(2021, 4, 1), date(2022, 3, 31)),
    ("12 months ending Mar-22", R12, "2022-03", date(2021, 4, 1), date(2022, 3, 31)),
    ("2022-12", R12, "2022-12", date(2022, 1, 1), date(2022, 12, 31)),
    # Snapshots at a date.
    ("2022-03-31", S, "2022-03-31", date(2022, 3, 31), date(2022, 3, 31)),
    ("31 March 2022", S, "2022-03-31", date(2022, 3, 31), date(2022, 3, 31)),
    ("at 31 March 2022", S, "2022-03-31", date(2022, 3, 31), date(2022, 3, 31)),
    ("31 Mar 2022", S, "2022-03-31", date(2022, 3, 31), date(2022, 3, 31)),
    ("31/03/2022", S, "2022-03-31", date(2022, 3, 31), date(2022, 3, 31)),
    ("1/4/2022", S, "2022-04-01", date(2022, 4, 1), date(2022, 4, 1)),
    ("29/02/2024", S, "2024-02-29", date(2024, 2, 29), date(2024, 2, 29)),
]


@pytest.mark.parametrize(("text", "kind", "code", "start", "end"), SPELLINGS,
                         ids=[f"{row[1].value}:{row[0]}" for row in SPELLINGS])
def test_parse_period(text: str, kind: PeriodType, code: str, start: date, end: date) -> None:
    period = parse_period(text, kind)
    assert (period.code, period.start, period.end, period.type) == (code, start, end, kind)


@pytest.mark.parametrize(("text", "kind", "code", "start", "end"), SPELLINGS,
                         ids=[f"{row[1].value}:{row[0]}" for row in SPELLINGS])
def test_canonical_code_reads_back(text: str, kind: PeriodType, code: str, start: date,
                                   end: date) -> None:
    assert parse_canonical(code, kind) == parse_period(text, kind)


def test_parse_period_accepts_the_type_as_text() -> None:
    assert parse_period("2021/22", "financial_year") == parse_period("2021/22", FY)


# (spelling, period type, part of the error message)
INVALID = [
    ("2021/23", FY, "'2021/23' does not name two consecutive years"),
    ("2021/2023", FY, "does not name two consecutive years"),
    ("202123", FY, "does not name two consecutive years"),
    ("2018 (Rev)", FY, "'2018 (Rev)' is not a financial year such as 2021-22 or 2021/22"),  # LAIT
    ("2016-17 (OT)", FY, "is not a financial year"),  # LAIT
    ("2013/14-15/16", FY, "is not a financial year"),  # LAIT three-year average
    ("-", FY, "'-' is not a financial year"),  # LAIT's missing value
    ("2021/22", CY, "'2021/22' is not a calendar year such as 2022"),
    ("22", CY, "is not a calendar year"),
    ("2022-13", M, "'2022-13' has month 13; months run from 01 to 12"),
    ("13/2022", M, "'13/2022' has month 13; months run from 1 to 12"),
    ("Smarch 2022", M, "'Smarch' in 'Smarch 2022' is not a month name"),
    ("2022", M, "'2022' is not a month such as 2022-03 or March 2022"),
    ("", M, "'' is not a month"),
    ("Q5 2021/22", Q, "is not a financial-year quarter such as 2021-22-Q4 or Q4 2021/22"),
    ("Q4 2021/23", Q, "does not name two consecutive years"),
    ("2022", Q, "'2022' is not a financial-year quarter"),
    ("2022-03", Q, "is not a financial-year quarter"),
    ("2022-03", S, "'2022-03' is not a date such as 2022-03-31 or 31 March 2022"),
    ("31 Feb 2022", S, "'31 Feb 2022' is not a real date"),
    ("30/02/2022", S, "'30/02/2022' is not a real date"),
    ("29/02/2023", S, "is not a real date"),
    ("31 Smarch 2022", S, "'Smarch' in '31 Smarch 2022' is not a month name"),
    ("12 months to 2022", R12, "is not the last month of the 12"),
]


@pytest.mark.parametrize(("text", "kind", "message"), INVALID,
                         ids=[f"{row[1].value}:{row[0]}" for row in INVALID])
def test_invalid_spellings(text: str, kind: PeriodType, message: str) -> None:
    with pytest.raises(PeriodError) as raised:
        parse_period(text, kind)
    assert message in str(raised.value)


def test_unknown_period_type() -> None:
    with pytest.raises(ValueError):
        parse_period("2021/22", "fiscal_year")


# (spelling, period type, canonical code the data package must use instead)
NOT_CANONICAL = [
    ("2023/24 Q1", Q, "2023-24-Q1"),
    ("Q4 2021/22", Q, "2021-22-Q4"),
    ("2021/22", FY, "2021-22"),
    ("2022", FY, "2021-22"),
    ("202425", AY, "2024-25"),
    ("2022-3", M, "2022-03"),
    ("March 2022", M, "2022-03"),
    ("31/03/2022", S, "2022-03-31"),
]


@pytest.mark.parametrize(("text", "kind", "code"), NOT_CANONICAL,
                         ids=[f"{row[1].value}:{row[0]}" for row in NOT_CANONICAL])
def test_parse_canonical_rejects_other_spellings(text: str, kind: PeriodType, code: str) -> None:
    with pytest.raises(PeriodError) as raised:
        parse_canonical(text, kind)
    assert str(raised.value) == f"'{text}' must be written as '{code}' (the canonical form)"


# (code, period type, label, short label)
LABELS = [
    ("2022-03", M, "March 2022", "Mar 2022"),
    ("2021-22-Q4", Q, "January to March 2022", "Q4 2021/22"),
    ("2021-22-Q1", Q, "April to June 2021", "Q1 2021/22"),
    ("2021-22-Q3", Q, "October to December 2021", "Q3 2021/22"),
    ("2021-22", FY, "April 2021 to March 2022", "2021/22"),
    ("2021-22", AY, "the 2021 to 2022 school year", "2021/22"),
    ("2022", CY, "2022", "2022"),
    ("2022-03", R12, "the 12 months to March 2022", "Mar 2022"),
    ("2022-03-31", S, "31 March 2022", "31 Mar 2022"),
    ("2022-04-01", S, "1 April 2022", "1 Apr 2022"),
]


@pytest.mark.parametrize(("code", "kind", "label", "short"), LABELS,
                         ids=[f"{row[1].value}:{row[0]}" for row in LABELS])
def test_labels(code: str, kind: PeriodType, label: str, short: str) -> None:
    period = parse_canonical(code, kind)
    assert (period.label, period.short_label) == (label, short)
    assert str(period) == code


def test_quarter_spanning_new_year_would_name_both_years() -> None:
    # No financial-year quarter spans a new year; a shifted label must still read correctly.
    period = Period(date(2022, 1, 31), date(2021, 11, 1), Q, "2021-22-Q3")
    assert period.label == "November 2021 to January 2022"


# ---------------------------------------------------------------------------------------------
# Ordering


def test_periods_sort_by_end_date_whatever_the_spelling() -> None:
    spellings = ["Q4 2021/22", "2021-22 Q1", "Quarter 3 2021/22", "2022/23 Q1", "2021/2022 Q2"]
    ordered = sorted(parse_period(text, Q) for text in spellings)
    assert [p.code for p in ordered] == [
        "2021-22-Q1", "2021-22-Q2", "2021-22-Q3", "2021-22-Q4", "2022-23-Q1"
    ]


def test_months_sort_across_years() -> None:
    ordered = sorted(parse_period(text, M) for text in ["Jan-23", "December 2022", "2022-11"])
    assert [p.code for p in ordered] == ["2022-11", "2022-12", "2023-01"]


def test_same_end_orders_by_start() -> None:
    rolling = parse_period("2022-03", R12)
    financial = parse_period("2021/22", FY)
    quarter = parse_period("Q4 2021/22", Q)
    month = parse_period("March 2022", M)
    # All end on 31 March 2022; the longer period (earlier start) comes first.
    assert sorted([month, quarter, financial]) == [financial, quarter, month]
    assert rolling.start == financial.start


# ---------------------------------------------------------------------------------------------
# Arithmetic

# (code, period type, months, expected code)
SHIFTS = [
    ("2022-03", M, 1, "2022-04"),
    ("2022-01", M, -1, "2021-12"),
    ("2022-03", M, -12, "2021-03"),
    ("2021-22-Q4", Q, 3, "2022-23-Q1"),  # across the financial-year boundary
    ("2022-23-Q1", Q, -3, "2021-22-Q4"),
    ("2021-22-Q3", Q, 3, "2021-22-Q4"),  # across the calendar year, same financial year
    ("2021-22-Q2", Q, -12, "2020-21-Q2"),
    ("2021-22", FY, -12, "2020-21"),
    ("2021-22", AY, 24, "2023-24"),
    ("2022", CY, -12, "2021"),
    ("2022-03", R12, -3, "2021-12"),
    ("2022-03-31", S, -1, "2022-02-28"),  # a month end stays a month end
    ("2022-02-28", S, 1, "2022-03-31"),
    ("2022-04-30", S, -1, "2022-03-31"),
    ("2024-02-29", S, -12, "2023-02-28"),
    ("2023-02-28", S, 12, "2024-02-29"),
    ("2022-03-15", S, 1, "2022-04-15"),  # mid-month stays on its day
    ("2022-01-30", S, 1, "2022-02-28"),  # clamped to the shorter month
    ("2022-03-31", S, -12, "2021-03-31"),
]


@pytest.mark.parametrize(("code", "kind", "months", "expected"), SHIFTS,
                         ids=[f"{row[1].value}:{row[0]}{row[2]:+d}" for row in SHIFTS])
def test_shift(code: str, kind: PeriodType, months: int, expected: str) -> None:
    assert shift(parse_canonical(code, kind), months) == parse_canonical(expected, kind)


# (code, period type, the same period a year earlier)
YEAR_EARLIER = [
    ("2022-03", M, "2021-03"),
    ("2021-22-Q4", Q, "2020-21-Q4"),
    ("2021-22-Q1", Q, "2020-21-Q1"),
    ("2021-22", FY, "2020-21"),
    ("2024-25", AY, "2023-24"),
    ("2024", CY, "2023"),
    ("2022-03", R12, "2021-03"),
    ("2024-03-31", S, "2023-03-31"),
    ("2024-02-29", S, "2023-02-28"),
]


@pytest.mark.parametrize(("code", "kind", "expected"), YEAR_EARLIER,
                         ids=[f"{row[1].value}:{row[0]}" for row in YEAR_EARLIER])
def test_a_year_earlier(code: str, kind: PeriodType, expected: str) -> None:
    assert shift(parse_canonical(code, kind), -12) == parse_canonical(expected, kind)


@pytest.mark.parametrize("kind", [FY, AY, CY])
def test_years_move_only_by_whole_years(kind: PeriodType) -> None:
    period = parse_period("2022", kind)
    with pytest.raises(PeriodError, match="can only move by whole years"):
        shift(period, 3)


# (code, period type, financial year, academic year)
CONTAINING_YEARS = [
    ("2022-03", M, "2021-22", "2021-22"),
    ("2022-04", M, "2022-23", "2021-22"),
    ("2022-09", M, "2022-23", "2022-23"),
    ("2021-22-Q4", Q, "2021-22", "2021-22"),
    ("2022-08-31", S, "2022-23", "2021-22"),
]


@pytest.mark.parametrize(("code", "kind", "financial", "academic"), CONTAINING_YEARS,
                         ids=[f"{row[1].value}:{row[0]}" for row in CONTAINING_YEARS])
def test_containing_years(code: str, kind: PeriodType, financial: str, academic: str) -> None:
    period = parse_canonical(code, kind)
    assert financial_year_of(period).code == financial
    assert academic_year_of(period).code == academic
