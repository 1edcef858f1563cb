"""Build small IndicatorData objects for the analysis tests, one line per case."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from generator.model.periods import PeriodType, parse_canonical
from generator.model.site import (
    AreaType,
    Comparator,
    Counted,
    Flag,
    Frequency,
    Indicator,
    IndicatorData,
    Missing,
    Observation,
    OfficerRating,
    Polarity,
    RatingColour,
    Status,
    Target,
    Unit,
)

QUARTERS = ["2022-23-Q1", "2022-23-Q2", "2022-23-Q3", "2022-23-Q4",
            "2023-24-Q1", "2023-24-Q2", "2023-24-Q3", "2023-24-Q4",
            "2024-25-Q1", "2024-25-Q2"]
YEARS = ["2019-20", "2020-21", "2021-22", "2022-23", "2023-24"]


def indicator(unit: Unit = Unit.PERCENTAGE, polarity: Polarity = Polarity.LOWER,
              frequency: Frequency = Frequency.QUARTERLY,
              period_type: PeriodType = PeriodType.QUARTER, **extra: object) -> Indicator:
    """Return a test indicator."""
    fields: dict = dict(
        id="test", title="Re-referrals", question="How many referrals are repeats?",
        service_area="front-door", definition="Repeat referrals.", unit=unit, decimal_places=1,
        polarity=polarity, frequency=frequency, period_type=period_type, source="Test",
        numerator_counts=Counted.REFERRALS,
    )
    fields.update(extra)
    return Indicator(**fields)


def observation(code: str, value: float | str | None, kind: PeriodType = PeriodType.QUARTER,
                numerator: float | None = None, denominator: float | None = None,
                flags: tuple[Flag, ...] = ()) -> Observation:
    """Return an observation; a DfE symbol such as "c" as the value makes it missing."""
    missing = None
    if isinstance(value, str):
        missing, value = Missing(value), None
    return Observation("test", parse_canonical(code, kind), value, numerator, denominator,
                       missing, frozenset(flags))


def series(values: list, codes: list[str] | None = None, kind: PeriodType = PeriodType.QUARTER,
           **options: object) -> IndicatorData:
    """Return an indicator with one observation per value; None values leave a gap (no row)."""
    if codes is None:
        codes = QUARTERS[-len(values):] if values else []
    ind = options.pop("indicator", None) or indicator(period_type=kind)
    rows = tuple(observation(code, value, kind) for code, value in zip(codes, values, strict=True)
                 if value is not None)
    data = IndicatorData(indicator=ind, observations=rows)
    return replace(data, **options) if options else data


def target(day: str, value: float | None = None, tolerance: float | None = None,
           low: float | None = None, high: float | None = None) -> Target:
    """Return a target row in force from a date."""
    return Target("test", date.fromisoformat(day), value, tolerance, low, high)


def officer(code: str, colour: str, reason: str, kind: PeriodType = PeriodType.QUARTER
            ) -> OfficerRating:
    """Return an officer's rating."""
    return OfficerRating("test", parse_canonical(code, kind), RatingColour(colour), reason)


def comparator(code: str, value: float | None, area: AreaType = AreaType.ENGLAND,
               kind: PeriodType = PeriodType.QUARTER, name: str = "England") -> Comparator:
    """Return a comparator row."""
    return Comparator("test", parse_canonical(code, kind), area, f"code-{area.value}", name, value,
                      missing=Missing.CONFIDENTIAL if value is None else None)


__all__ = ["QUARTERS", "YEARS", "Flag", "Status", "comparator", "indicator", "observation",
           "officer", "series", "target"]
