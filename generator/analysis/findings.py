"""What the analysis finds about one indicator: the facts its explanation is written from."""

from __future__ import annotations

from dataclasses import dataclass

from generator.analysis.benchmark import Benchmark
from generator.analysis.compare import Change, Travel, Trend, YearSummary
from generator.analysis.rag import Rating
from generator.analysis.standing import Standing
from generator.model.outcomes import RatingStatus
from generator.model.site import Indicator, IndicatorData, Observation


@dataclass(frozen=True)
class Findings:
    """Everything worked out about one indicator for its latest period, before it is put in words."""

    data: IndicatorData
    latest: Observation | None  # the latest row, which may be suppressed or missing
    latest_published: Observation | None  # the latest row with a usable figure
    figure: str  # the latest figure for people, or why there is none
    rating: Rating  # for the latest period
    previous_rating: Rating | None  # for the period before the latest
    since_previous: Change | None  # latest published figure against the period before it
    since_year_earlier: Change | None  # against the same period a year earlier
    travel: Travel  # direction of travel
    trend: Trend
    years: tuple[YearSummary, ...]
    benchmarks: tuple[Benchmark, ...]
    standing: Standing | None  # rank and quartile band among every council, when given their figures
    small_numbers: bool  # the latest published figure rests on fewer cases than the threshold

    @property
    def indicator(self) -> Indicator:
        """Return the indicator analysed."""
        return self.data.indicator

    @property
    def newly_red(self) -> bool:
        """Return True when the latest period is red and the period before was not."""
        return self.rating.status is RatingStatus.RED and (
            self.previous_rating is None or self.previous_rating.status is not RatingStatus.RED)
