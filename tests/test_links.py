"""Consistency links: a numerator or denominator that another indicator publishes as its value.

The rule (generator/input/links.py, docs/data-package.md "Consistency links") is tested on typed
rows, one table row per case; the broken corpus (tests/fixtures/broken/cases.py) runs each code
through ``check`` on real files, and tests/test_example_data.py the example's links.
"""

from __future__ import annotations

import pytest

from generator.input.links import can_share_periods, link_problems
from generator.input.load import RawPackage, Row
from generator.model.periods import PeriodType
from generator.model.site import Frequency, Indicator, Package, Polarity, Unit

P = PeriodType
FREQUENCY = {P.MONTH: Frequency.MONTHLY, P.QUARTER: Frequency.QUARTERLY}


def _indicator(id_: str, unit: Unit, kind: PeriodType, package: str, **links: str) -> Indicator:
    return Indicator(id=id_, title=id_, question="?", service_area="area", definition="-",
                     unit=unit, decimal_places=0 if unit is Unit.COUNT else 1,
                     polarity=Polarity.NONE, frequency=FREQUENCY.get(kind, Frequency.ANNUAL),
                     period_type=kind, source="-", package=package, **links)


def _package(name: str, indicators: list[Indicator],
             observations: list[dict[str, object]]) -> tuple[RawPackage, Package]:
    folder = f"datapackages/{name}"
    rows = {"indicators": tuple(Row(f"{folder}/indicators.csv", number, {"id": i.id})
                                for number, i in enumerate(indicators, start=2)),
            "observations": tuple(Row(f"{folder}/observations.csv", number, cells)
                                  for number, cells in enumerate(observations, start=2))}
    raw = RawPackage(name, name, folder, {}, {}, rows)
    return raw, Package(name, name, folder, indicators=tuple(indicators))


def _site(ours: tuple[PeriodType, str, dict[str, object]], linked: tuple[PeriodType, str, object],
          part: str = "denominator", unit: Unit = Unit.COUNT, two_packages: bool = False
          ) -> list[tuple[RawPackage, Package]]:
    """Return a site where 'share' links its ``part`` to 'count': one observation of each."""
    (kind, period, cells), (linked_kind, linked_period, value) = ours, linked
    share = _indicator("share", Unit.PERCENTAGE, kind, "first", **{f"{part}_from": "count"})
    count = _indicator("count", unit, linked_kind, "second" if two_packages else "first")
    mine = {"indicator_id": "share", "period": period, **cells}
    theirs = {"indicator_id": "count", "period": linked_period, "value": value}
    if two_packages:
        return [_package("first", [share], [mine]), _package("second", [count], [theirs])]
    return [_package("first", [share, count], [mine, theirs])]


OBS = "datapackages/first/observations.csv"
DECLARED = "denominator_from of 'share' (datapackages/first/indicators.csv, row 2)"


@pytest.mark.parametrize(("ours", "linked", "expected"), [
    # The example's contradiction: two snapshots on the same day.
    ((P.SNAPSHOT, "2025-09-30", {"value": 17.0, "numerator": 100, "denominator": 588}),
     (P.SNAPSHOT, "2025-09-30", 573),
     f"the denominator for 30 September 2025 is 588, but the value of 'count' for 30 September "
     f"2025 is 573 ({OBS}, row 3, field \"value\"); {DECLARED} says they are the same count"),
    ((P.SNAPSHOT, "2025-09-30", {"value": 17.5, "numerator": 100, "denominator": 573}),
     (P.SNAPSHOT, "2025-09-30", 573), None),
    # Another day is another period.
    ((P.SNAPSHOT, "2025-09-30", {"value": 17.0, "numerator": 100, "denominator": 588}),
     (P.SNAPSHOT, "2025-08-31", 573), None),
    # A year is compared with the snapshot on its last day.
    ((P.FINANCIAL_YEAR, "2024-25", {"value": 10.4, "numerator": 56, "denominator": 540}),
     (P.SNAPSHOT, "2025-03-31", 577),
     f"the denominator for April 2024 to March 2025 is 540, but the value of 'count' for 31 March "
     f"2025 is 577 ({OBS}, row 3, field \"value\"); {DECLARED} says they are the same count"),
    ((P.QUARTER, "2025-26-Q2", {"value": 50.0, "numerator": 300, "denominator": 600}),
     (P.SNAPSHOT, "2025-09-30", 601),
     f"the denominator for July to September 2025 is 600, but the value of 'count' for 30 "
     f"September 2025 is 601 ({OBS}, row 3, field \"value\"); {DECLARED} says they are the same "
     "count"),
    ((P.QUARTER, "2025-26-Q2", {"value": 50.0, "numerator": 300, "denominator": 600}),
     (P.SNAPSHOT, "2025-06-30", 601), None),
    # Spans must cover the same dates: the 12 months to March and the financial year do.
    ((P.ROLLING_12_MONTHS, "2025-03", {"value": 50.0, "numerator": 1000, "denominator": 2000}),
     (P.FINANCIAL_YEAR, "2024-25", 1975),
     f"the denominator for the 12 months to March 2025 is 2,000, but the value of 'count' for "
     f"April 2024 to March 2025 is 1,975 ({OBS}, row 3, field \"value\"); {DECLARED} says they "
     "are the same count"),
    ((P.ROLLING_12_MONTHS, "2025-06", {"value": 50.0, "numerator": 1000, "denominator": 2000}),
     (P.FINANCIAL_YEAR, "2024-25", 1975), None),
    ((P.MONTH, "2025-09", {"value": 50.0, "numerator": 80, "denominator": 160}),
     (P.MONTH, "2025-09", 160), None),
    # Suppressed or missing on either side: nothing to compare.
    ((P.SNAPSHOT, "2025-09-30", {"missing": "c"}), (P.SNAPSHOT, "2025-09-30", 573), None),
    ((P.SNAPSHOT, "2025-09-30", {"value": 17.0, "numerator": 100, "denominator": 588}),
     (P.SNAPSHOT, "2025-09-30", None), None),
    ((P.SNAPSHOT, "2025-09-30", {"value": 17.0}), (P.SNAPSHOT, "2025-09-30", 573), None),
])
def test_a_denominator_must_equal_the_linked_value(ours, linked, expected):
    problems = link_problems(_site(ours, linked))
    assert [p.message for p in problems] == ([expected] if expected else [])
    assert all((p.file, p.row, p.field, p.rule) == (OBS, 2, "denominator", "link-mismatch")
               for p in problems)


def test_a_numerator_link_names_the_numerator():
    problems = link_problems(_site((P.SNAPSHOT, "2024-03-31", {"value": 64, "numerator": 320,
                                                                "denominator": 50000}),
                                   (P.SNAPSHOT, "2024-03-31", 321), part="numerator"))
    assert [(p.field, p.rule) for p in problems] == [("numerator", "link-mismatch")]
    assert problems[0].message.startswith("the numerator for 31 March 2024 is 320, but the value "
                                          "of 'count' for 31 March 2024 is 321 (")
    assert problems[0].message.endswith("numerator_from of 'share' (datapackages/first/"
                                        "indicators.csv, row 2) says they are the same count")


def test_the_linked_indicator_may_be_in_another_package():
    problems = link_problems(_site((P.SNAPSHOT, "2025-09-30", {"value": 17.0, "numerator": 100,
                                                                "denominator": 588}),
                                   (P.SNAPSHOT, "2025-09-30", 573), two_packages=True))
    assert [(p.file, p.row) for p in problems] == [(OBS, 2)]
    assert "(datapackages/second/observations.csv, row 2, field \"value\")" in problems[0].message


@pytest.mark.parametrize(("unit", "linked_kind", "rule", "message"), [
    (Unit.PERCENTAGE, P.SNAPSHOT, "link-unit",
     "'count' is a percentage, not a count, so its value cannot be the denominator"),
    (Unit.RATE_PER_10000, P.SNAPSHOT, "link-unit",
     "'count' is a rate per 10,000, not a count, so its value cannot be the denominator"),
    (Unit.COUNT, P.QUARTER, "link-period",
     "'share' has snapshot periods and 'count' quarter periods, so no period of one is a "
     "period of the other"),
])
def test_a_link_that_cannot_hold_is_refused(unit, linked_kind, rule, message):
    site = _site((P.SNAPSHOT, "2025-09-30", {"value": 1.0, "numerator": 1, "denominator": 100}),
                 (linked_kind, "2025-26-Q2", 7), unit=unit)
    problems = link_problems(site)
    assert [(p.file, p.row, p.field, p.rule, p.message) for p in problems] == [
        ("datapackages/first/indicators.csv", 2, "denominator_from", rule, message)]


def test_an_unknown_or_own_id_is_refused():
    share = _indicator("share", Unit.COUNT, P.SNAPSHOT, "first", numerator_from="nothing",
                       denominator_from="share")
    problems = link_problems([_package("first", [share], [])])
    assert [(p.field, p.rule, p.message) for p in problems] == [
        ("numerator_from", "link-unknown", "unknown indicator 'nothing'"),
        ("denominator_from", "link-unit", "'share' is this indicator itself, so its value cannot "
         "be the denominator")]


@pytest.mark.parametrize(("ours", "linked", "shared"), [
    (P.SNAPSHOT, P.SNAPSHOT, True),
    (P.QUARTER, P.SNAPSHOT, True),
    (P.FINANCIAL_YEAR, P.SNAPSHOT, True),
    (P.SNAPSHOT, P.QUARTER, False),
    (P.SNAPSHOT, P.MONTH, False),
    (P.MONTH, P.MONTH, True),
    (P.MONTH, P.QUARTER, False),
    (P.QUARTER, P.FINANCIAL_YEAR, False),
    (P.ROLLING_12_MONTHS, P.FINANCIAL_YEAR, True),
    (P.ACADEMIC_YEAR, P.ROLLING_12_MONTHS, True),
    (P.FINANCIAL_YEAR, P.CALENDAR_YEAR, False),
    (P.ACADEMIC_YEAR, P.FINANCIAL_YEAR, False),
])
def test_which_period_types_can_share_a_period(ours, linked, shared):
    assert can_share_periods(ours, linked) is shared
