"""Roll-ups: ratings and directions counted, and the exception list."""

from __future__ import annotations

from dataclasses import replace

from generator.analysis import analyse, rollup
from generator.model.outcomes import Direction
from generator.model.outcomes import RatingStatus as R
from generator.model.site import Polarity, Status
from tests.analysis_factory import indicator, series, target


def _one(name, values, goal=None, area="front-door", polarity=Polarity.LOWER,
         status=Status.ESTABLISHED):
    ind = indicator(id=name, title=name.title(), service_area=area, polarity=polarity,
                    status=status)
    targets = (target("2020-04-01", goal, 1.0),) if goal is not None else ()
    data = series(values, indicator=ind, targets=targets)
    return analyse(replace(data, observations=tuple(
        replace(row, indicator_id=name) for row in data.observations)))


ANALYSES = [
    _one("a", [10.0, 30.0], goal=20.0),  # newly red, worsening
    _one("b", [30.0, 30.0], goal=20.0),  # red again, little change
    _one("c", [25.0, 20.5], goal=20.0, area="care"),  # amber, improving
    _one("d", [10.0, 10.0], goal=20.0, area="care"),  # green
    _one("e", [10.0, 12.0], polarity=Polarity.NONE),  # not rated, rising
    _one("f", [40.0, 40.0], goal=20.0, status=Status.RETIRED),  # left out
]


def test_site_rollup_counts():
    result = rollup(ANALYSES)
    assert result.total == 5
    assert [result.rating_count(s) for s in (R.RED, R.AMBER, R.GREEN, R.NOT_RATED)] == [2, 1, 1, 1]
    assert [result.direction_count(d) for d in (Direction.IMPROVING, Direction.WORSENING,
                                                Direction.LITTLE_CHANGE, Direction.RISING)] == [
        1, 1, 2, 1]
    assert result.targets_sentence == ("Of 5 measures: 1 green (meeting the target), 1 amber "
                                       "(close to it), 2 red (missing it) and 1 not rated.")


def test_exceptions_list_red_with_newly_red_first_and_reasons():
    exceptions = rollup(ANALYSES).exceptions
    assert [(item.indicator_id, item.newly_red) for item in exceptions] == [("a", True),
                                                                          ("b", False)]
    assert exceptions[0].reason == ("The figure of 30.0% is 10.0 percentage points above the "
                                    "target of 20.0% (lower is better), more than the amber band "
                                    "of 1.0 percentage point, so it is rated red.")
