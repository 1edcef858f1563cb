"""What the preview keeps of the pages between rebuilds, so it makes again only what changed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from generator.analysis import Analysis, analyse
from generator.model.site import IndicatorData
from generator.pages.kinds import indicator
from generator.pages.kinds.common import Files

Inputs = TypeVar("Inputs")
Value = TypeVar("Value")


@dataclass
class Remembered(Generic[Inputs, Value]):
    """Values by name, each with the inputs it was made from."""

    entries: dict[str, tuple[Inputs, Value]] = field(default_factory=dict)

    def get(self, name: str, inputs: Inputs, make: Callable[[Inputs], Value]) -> Value:
        """Return ``make(inputs)``, or the value made last time for equal inputs."""
        seen = self.entries.get(name)
        if seen is not None and seen[0] == inputs:
            return seen[1]
        value = make(inputs)
        self.entries[name] = (inputs, value)
        return value


@dataclass
class PageCache:
    """Each indicator's analysis and files, kept until what they are made from changes."""

    #: By indicator id, made from the indicator's data.
    analyses: Remembered[IndicatorData, Analysis] = field(default_factory=Remembered)
    #: By indicator id, made from everything its page reads (``indicator.IndicatorInputs``).
    indicator_files: Remembered[indicator.IndicatorInputs, Files] = field(
        default_factory=Remembered)

    def analysis(self, data: IndicatorData) -> Analysis:
        """Return an indicator's analysis, made again only when its data changed."""
        return self.analyses.get(data.indicator.id, data, analyse)

    def files_of(self, made_from: indicator.IndicatorInputs) -> Files:
        """Return an indicator's page and downloads, made again only when their inputs changed."""
        return self.indicator_files.get(made_from.data.indicator.id, made_from, indicator.build)
