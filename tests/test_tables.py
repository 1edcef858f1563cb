"""The indicator's table of figures: newest first, the recent periods apart, units in every cell.

One row per case, each with the exact rows, summary or cell expected.
"""

from __future__ import annotations

from datetime import date

import pytest

from generator.analysis.numbers import table_figure
from generator.model.periods import PeriodType, parse_canonical
from generator.model.site import Missing, Target, Unit
from generator.pages import tables
from generator.pages.tables import RECENT_PERIODS, data_table
from tests.analysis_factory import QUARTERS, YEARS, indicator, series

# Twenty months of figures: April 2023 (1.0) to November 2024 (20.0).
MONTHS = [f"{2023 + (3 + i) // 12}-{(3 + i) % 12 + 1:02d}" for i in range(20)]


def test_the_recent_count_is_the_documented_one() -> None:
    assert RECENT_PERIODS == 12


@pytest.mark.parametrize(("values", "codes", "kind", "recent", "earlier", "summary"), [
    # Fewer periods than the main table holds: all of them, newest first, no disclosure.
    ([1.0, 2.0, 3.0], QUARTERS[:3], PeriodType.QUARTER,
     ["October to December 2022", "July to September 2022",
      "April to June 2022"], [], ""),
    (list(range(1, 6)), YEARS, PeriodType.FINANCIAL_YEAR,
     ["April 2023 to March 2024", "April 2022 to March 2023", "April 2021 to March 2022",
      "April 2020 to March 2021", "April 2019 to March 2020"], [], ""),
    # Exactly twelve: still no disclosure.
    (list(range(1, 13)), MONTHS[:12], PeriodType.MONTH,
     ["March 2024", "February 2024", "January 2024", "December 2023", "November 2023",
      "October 2023", "September 2023", "August 2023", "July 2023", "June 2023", "May 2023",
      "April 2023"], [], ""),
    # Thirteen: the oldest alone in the disclosure, its summary singular.
    (list(range(1, 14)), MONTHS[:13], PeriodType.MONTH,
     ["April 2024", "March 2024", "February 2024", "January 2024", "December 2023",
      "November 2023", "October 2023", "September 2023", "August 2023", "July 2023", "June 2023",
      "May 2023"], ["April 2023"], "Earlier figures for April 2023 (1 period)"),
    # Twenty: the latest twelve, then the eight before them, newest first.
    (list(range(1, 21)), MONTHS, PeriodType.MONTH,
     ["November 2024", "October 2024", "September 2024", "August 2024", "July 2024", "June 2024",
      "May 2024", "April 2024", "March 2024", "February 2024", "January 2024", "December 2023"],
     ["November 2023", "October 2023", "September 2023", "August 2023", "July 2023", "June 2023",
      "May 2023", "April 2023"], "Earlier figures from April 2023 to November 2023 (8 periods)"),
])
def test_rows_run_newest_first_and_the_recent_ones_are_apart(
    values: list, codes: list[str], kind: PeriodType, recent: list[str], earlier: list[str],
    summary: str,
) -> None:
    data = series([float(v) for v in values], codes, kind, indicator=indicator(period_type=kind))
    table = data_table(data, "Testshire")
    assert [row.label for row in table.recent] == recent
    assert [row.label for row in table.earlier] == earlier
    assert table.rows == table.recent + table.earlier
    assert table.earlier_summary == summary
    # The newest figure heads the table: the last value given.
    assert table.rows[0].cells[0] == f"{float(values[-1]):.1f}%"


@pytest.mark.parametrize(("first", "last", "count", "expected"), [
    ("2019-20-Q1", "2022-23-Q4", 16,
     "Earlier figures for each quarter from April 2019 to March 2023 (16 periods)"),
    ("2015-16", "2018-19", 4, "Earlier figures for the financial years 2015/16 to 2018/19 (4 periods)"),
])
def test_the_earlier_figures_summary_names_their_span(first: str, last: str, count: int,
                                                      expected: str) -> None:
    kind = PeriodType.QUARTER if "Q" in first else PeriodType.FINANCIAL_YEAR
    assert tables.earlier_summary(parse_canonical(first, kind), parse_canonical(last, kind),
                                  count) == expected


@pytest.mark.parametrize(("unit", "places", "value", "missing", "expected"), [
    (Unit.PERCENTAGE, 1, 80.0, None, "80.0%"),
    (Unit.RATE_PER_10000, 0, 67.0, None, "67 per 10,000"),
    (Unit.RATE_PER_1000, 1, 4.25, None, "4.3 per 1,000"),
    (Unit.RATE_PER_100000, 0, 1234.0, None, "1,234 per 100,000"),
    (Unit.DAYS, 0, 12.0, None, "12 days"),
    (Unit.DAYS, 0, 1.0, None, "1 day"),
    (Unit.WEEKS, 1, 3.5, None, "3.5 weeks"),
    (Unit.POUNDS, 0, 1200.0, None, "£1,200"),
    (Unit.COUNT, 0, 1234.0, None, "1,234"),
    (Unit.NUMBER, 1, 17.25, None, "17.3"),
    (Unit.PERCENTAGE, 1, None, Missing.CONFIDENTIAL, "c"),
    (Unit.PERCENTAGE, 1, None, None, ""),
])
def test_a_table_cell_carries_its_unit(unit: Unit, places: int, value: float | None,
                                       missing: Missing | None, expected: str) -> None:
    ind = indicator(unit=unit, decimal_places=places, denominator="Children aged under 18")
    assert table_figure(value, ind, missing) == expected


@pytest.mark.parametrize(("unit", "low", "high", "expected"), [
    (Unit.PERCENTAGE, 55.0, 75.0, "55.0% to 75.0%"),
    (Unit.RATE_PER_10000, 55.0, 75.0, "55.0 to 75.0 per 10,000"),
    (Unit.DAYS, 20.0, None, "at least 20.0 days"),
])
def test_the_expected_range_column_carries_the_unit(unit: Unit, low: float, high: float | None,
                                                     expected: str) -> None:
    ind = indicator(unit=unit, denominator="Children aged under 18")
    target = Target(indicator_id="test", applies_from=date(2022, 4, 1), expected_low=low,
                    expected_high=high)
    assert tables._range_cell(target, ind) == expected
