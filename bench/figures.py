"""A measured figure, the statistics behind it, and its script-readable ``FIGURE`` line."""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, field


def median(samples: list[float]) -> float:
    """The median of some timings (the figures use medians, not means: the machine is shared)."""
    return statistics.median(samples)


def p95(samples: list[float]) -> float:
    """The 95th percentile, nearest-rank, so it is always one of the samples."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


@dataclass
class Figure:
    """One benchmark result: a ratio against a floor (with its target) or a plain value."""

    name: str
    title: str
    ratio: float | None = None
    target: float | None = None
    value: float | None = None
    unit: str = ""
    rows: list[tuple[str, str]] = field(default_factory=list)  # (what, measured) for the table

    @property
    def met(self) -> bool | None:
        """Whether the ratio meets its target; None when there is no target."""
        if self.ratio is None or self.target is None:
            return None
        return self.ratio <= self.target

    def line(self) -> str:
        """``FIGURE <name> ratio=X.XX target<=Y.Y`` or ``FIGURE <name> value=X unit=U``."""
        if self.ratio is not None:
            target = f" target<={self.target:.1f}" if self.target is not None else ""
            return f"FIGURE {self.name} ratio={self.ratio:.2f}{target}"
        return f"FIGURE {self.name} value={self.value:.0f} unit={self.unit}"


def ms(seconds: float) -> str:
    """Seconds as milliseconds for the table."""
    return f"{seconds * 1000:.1f} ms"


def spread(samples: list[float]) -> str:
    """Timings' median and 95th percentile for the table: ``"12.0 ms / 20.0 ms"``."""
    return f"{ms(median(samples))} / {ms(p95(samples))}"


def table(figures: list[Figure]) -> str:
    """A plain-text table: every figure's measurements, then its ratio or value."""
    lines = []
    width = max((len(what) for f in figures for what, _ in f.rows), default=20) + 2
    for figure in figures:
        if figure.title:
            lines.append(f"== {figure.title}")
        for what, measured in figure.rows:
            lines.append(f"   {what:<{width}}{measured}")
        if figure.ratio is not None:
            verdict = {True: "meets target", False: "MISSES target", None: "no target"}[figure.met]
            target = f" (target <= {figure.target})" if figure.target is not None else ""
            lines.append(f"   {'ratio':<{width}}{figure.ratio:.2f}{target}: {verdict}")
        else:
            lines.append(f"   {figure.name:<{width}}{figure.value:.0f} {figure.unit}")
    return "\n".join(lines)
