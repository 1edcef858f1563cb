"""Where the comparison figures come from is worded from the data, never from fixed text."""

from __future__ import annotations

import pytest

from generator.analysis import analyse
from generator.model.periods import PeriodType, parse_canonical
from generator.model.site import AreaType, Comparator, Counted, IndicatorData, Polarity, Unit
from generator.pages.views import comparator_sources, england_text
from tests.analysis_factory import QUARTERS, comparator, indicator, observation


def _row(area: AreaType, source: str) -> Comparator:
    return Comparator("test", parse_canonical(QUARTERS[-1], PeriodType.QUARTER), area, "code",
                      "North West", 20.0, source=source)


@pytest.mark.parametrize(("rows", "text"), [
    ([], ""),
    ([(AreaType.ENGLAND, ""), (AreaType.REGION, "")], ""),  # nothing declared: nothing claimed
    ([(AreaType.ENGLAND, "Department for Education")],
     "Source of the England figures: Department for Education."),
    ([(AreaType.NEIGHBOUR, "Department for Education"), (AreaType.ENGLAND, "Department for Education"),
      (AreaType.REGION, "Department for Education"),
      (AreaType.STATISTICAL_NEIGHBOURS, "Department for Education")],
     "Source of the England, regional and statistical neighbour figures: Department for "
     "Education."),
    ([(AreaType.ENGLAND, "Department for Education."), (AreaType.REGION, "")],
     "Source of the England figures: Department for Education."),  # only what is declared
    ([(AreaType.ENGLAND, "Office for National Statistics"),
      (AreaType.REGION, "Department for Education")],
     "Source of the regional figures: Department for Education. Source of the England "
     "figures: Office for National Statistics."),
])
def test_comparator_sources(rows, text):
    assert comparator_sources(_row(area, source) for area, source in rows) == text


@pytest.mark.parametrize(("unit", "text"), [
    (Unit.COUNT, "Not compared: a count depends on the size of the place"),
    (Unit.PERCENTAGE, "Lower than England, could be chance (July to September 2024)"),
])
def test_england_text_for_counts_and_rates(unit, text):
    ind = indicator(unit=unit, polarity=Polarity.NONE, numerator_counts=Counted.CHILDREN)
    row = observation(QUARTERS[-1], 20.0, numerator=40, denominator=200)
    data = IndicatorData(ind, (row,), comparators=(comparator(QUARTERS[-1], 22.0),))
    assert england_text(analyse(data)) == text
