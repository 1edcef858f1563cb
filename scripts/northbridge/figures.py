"""Make Northbridge's own figures: seeded random walks, breakdowns and commentary."""

from __future__ import annotations

import random
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from generator.model import format as fmt
from generator.model.periods import parse_canonical
from generator.settings import DEFAULT_THRESHOLD
from northbridge.spec import SERIES_KINDS, Indicator


def rounded(number: Decimal | float, places: int) -> Decimal:
    return Decimal(str(number)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def text(number: Decimal | float | None, places: int | None = None) -> str:
    if number is None:
        return ""
    return str(number) if places is None else f"{rounded(number, places):.{places}f}"


def make_series(indicator: Indicator) -> list[dict[str, str]]:
    """Return the indicator's observations: a seeded random walk around its trend."""
    series, places = indicator.series, int(indicator.row["decimal_places"])
    rng = random.Random(f"northbridge:{indicator.id}")
    n = len(indicator.periods)
    wobble, drift, rows = 0.0, 0.0, []
    for i, period in enumerate(indicator.periods):
        trend = series.start + (series.end - series.start) * (i / max(1, n - 1))
        wobble = 0.6 * wobble + rng.gauss(0, series.noise)
        level = indicator.dips.get(period, trend + wobble)
        row = dict.fromkeys(fmt.field_names("observations"), "")
        row.update(indicator_id=indicator.id, period=period)
        if series.kind == "count":
            row["value"] = str(max(0, round(level)))
        else:
            drift = series.denominator_memory * drift + rng.gauss(0, series.denominator_noise)
            size = series.denominator * (1 + (0.03 * i / n if series.kind == "rate" else drift))
            denominator = rounded(size, 1) if series.fte else Decimal(max(1, round(size)))
            scale = SERIES_KINDS[series.kind]
            if series.kind == "pct":
                level = min(max(level, 0.5), 99.5)
            numerator = rounded(Decimal(str(level)) * denominator / scale,
                                1 if series.fte and series.kind == "pct" else 0)
            numerator = min(numerator, denominator) if series.kind == "pct" else numerator
            row["numerator"], row["denominator"] = str(numerator), str(denominator)
            row["value"] = text(numerator / denominator * scale, places)
        if series.suppress_small and _small_counts(row, series.kind):
            # No note: the site publishes none on a suppressed figure (docs/data-package.md,
            # "Notes on figures"); the c symbol says why.
            row.update(value="", numerator="", denominator="", missing="c")
        if period in indicator.gaps:
            symbol, note = indicator.gaps[period]
            row.update(value="", numerator="", denominator="", missing=symbol, note=note)
        if period in indicator.flags:
            row["flags"], row["note"] = indicator.flags[period]
        rows.append(row)
    return rows


def take_numerator(indicator: Indicator, rows: list[dict[str, str]],
                   source: list[dict[str, str]]) -> None:
    """Use another indicator's value for the same period as the numerator (a rate of a count)."""
    at = {row["period"]: row["value"] for row in source}
    scale, places = SERIES_KINDS[indicator.series.kind], int(indicator.row["decimal_places"])
    for row in rows:
        if at.get(row["period"]):
            row["numerator"] = at[row["period"]]
            row["value"] = text(Decimal(row["numerator"]) / Decimal(row["denominator"]) * scale,
                                places)


def split(total: int, shares: list[tuple[str, float]], rng: random.Random) -> list[int]:
    """Split a total into categories near the given shares (largest remainder)."""
    weights = [max(0.0, share * (1 + rng.gauss(0, 0.15))) for _, share in shares]
    raw = [w * total / sum(weights) for w in weights]
    counts = [int(x) for x in raw]
    for i in sorted(range(len(raw)), key=lambda i: raw[i] - counts[i], reverse=True)[
            :total - sum(counts)]:
        counts[i] += 1
    return counts


def suppress(counts: list[int]) -> list[bool]:
    """Hide counts from 1 to the threshold, and the next smallest when only one is hidden."""
    hidden = [1 <= c <= DEFAULT_THRESHOLD for c in counts]
    if sum(hidden) == 1:
        rest = sorted((c, i) for i, c in enumerate(counts) if not hidden[i])
        hidden[rest[0][1]] = True
    return hidden


def breakdown_rows(breakdown: dict[str, Any], observations: list[dict[str, str]]) -> list[dict]:
    rng = random.Random(f"northbridge:breakdown:{breakdown['indicator']}")
    values = {row["period"]: row["value"] for row in observations}
    rows = []
    for period in breakdown["periods"]:
        counts = split(int(values[period]), breakdown["categories"], rng)
        for order, ((category, _), count, secret) in enumerate(
                zip(breakdown["categories"], counts, suppress(counts), strict=True), start=1):
            rows.append({"indicator_id": breakdown["indicator"], "period": period,
                         "dimension": breakdown["dimension"], "category": category,
                         "value": "" if secret else str(count), "missing": "c" if secret else "",
                         "order": str(order)})
    return rows


def describe(unit: str, value: str) -> str:
    if unit == "percentage":
        return f"{value}%"
    if unit == "rate_per_10000":
        return f"{value} per 10,000 children"
    return f"{int(value):,}" if unit == "count" else value


def _small_counts(row: dict[str, str], kind: str) -> bool:
    """Tell whether a row shows a count of 1 to 5 children, as the site's disclosure control
    judges it (docs/methodology-analysis.md): its numerator, its denominator or, for a
    percentage, the children left out. A careful officer marks such a month c in the data."""
    if not row["denominator"]:
        return False
    numerator, denominator = Decimal(row["numerator"]), Decimal(row["denominator"])
    counts = (numerator, denominator) + ((denominator - numerator,) if kind == "pct" else ())
    return any(0 < count <= DEFAULT_THRESHOLD for count in counts)


def commentary_row(indicator: Indicator, rows: list[dict], index: int, story: str) -> dict:
    """Return the commentary for one period: the figure, its change and the target, then a story."""
    row, kind, unit = rows[index], indicator.kind, indicator.row["unit"]
    earlier = next((r for r in reversed(rows[:index]) if r["value"]), None)
    now = Decimal(row["value"])
    words = (f"In {parse_canonical(row['period'], kind).label} the figure was "
             f"**{describe(unit, row['value'])}**")
    if earlier:
        before = Decimal(earlier["value"])
        change = "the same as" if now == before else ("up from" if now > before else "down from")
        words += (f", {change} {describe(unit, earlier['value'])} in "
                  f"{parse_canonical(earlier['period'], kind).label}")
    words += "."
    end = parse_canonical(row["period"], kind).end
    target = next((t for t in reversed(indicator.targets)
                   if date.fromisoformat(t["applies_from"]) <= end), None)
    if target and target.get("target") is not None:
        better = indicator.row["polarity"] == "higher_is_better"
        met = now >= Decimal(str(target["target"])) if better else \
            now <= Decimal(str(target["target"]))
        words += (f" The target is {describe(unit, str(target['target']))}: "
                  f"it was {'' if met else 'not '}met.")
    elif target and target.get("expected_low") is not None:
        low, high = target["expected_low"], target["expected_high"]
        where = "inside" if Decimal(str(low)) <= now <= Decimal(str(high)) else (
            "below" if now < Decimal(str(low)) else "above")
        words += f" That is {where} the anticipated range of {low:g} to {high:g}."
    return {"indicator_id": indicator.id, "period": row["period"],
            "commentary": f"{words}\n\n{story}", "actions": indicator.commentary["actions"],
            "author": indicator.commentary["author"]}


def commentary_rows(indicator: Indicator, rows: list[dict[str, str]]) -> list[dict[str, str]]:
    words, found = indicator.commentary, []
    if words["earlier"]:
        index = next(i for i, r in enumerate(rows) if r["period"] == words["earlier"])
        found.append(commentary_row(indicator, rows, index, words["earlier_story"]))
    if words["story"] and indicator.row["status"] != "retired":
        latest = max(i for i, r in enumerate(rows) if r["value"])
        found.append(commentary_row(indicator, rows, latest, words["story"]))
    return found
