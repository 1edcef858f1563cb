"""Which target, tolerance or expected range is in force for a period."""

from __future__ import annotations

from generator.model.periods import Period
from generator.model.site import IndicatorData, Target


def target_for(data: IndicatorData, period: Period) -> Target | None:
    """Return the target row in force at the end of the period (the latest that has started)."""
    current = None
    for target in data.targets:  # sorted by applies_from
        if target.applies_from <= period.end:
            current = target
    return current
