"""Pure analysis of indicators: comparisons, ratings, benchmarks, explanations and roll-ups.

Nothing here reads files or the clock. ``analyse`` turns one ``IndicatorData`` into an
``Analysis``; ``rollup`` summarises many.
"""

from generator.analysis.analyse import Analysis, analyse
from generator.analysis.rollup import Rollup, rollup

__all__ = ["Analysis", "Rollup", "analyse", "rollup"]
