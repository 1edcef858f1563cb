"""Make Northbridge's own figures: seeded random walks, breakdowns and commentary."""

from __future__ import annotations

import random
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from generator.analysis.explain import during
from generator.model import format as fmt
from generator.model.periods import PeriodType, parse_canonical
from generator.model.words import capitalised
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


def take_from(indicator: Indicator, rows: list[dict[str, str]], source: Indicator,
              source_rows: list[dict[str, str]], part: str) -> None:
    """Use a count indicator's value for the same period as the numerator or denominator.

    The same period as check judges it (docs/data-package.md, "Consistency links"): the count on
    the last day of our period when the count is a snapshot, else the period with the same dates.
    A new numerator changes the value (a rate of a count); a new denominator keeps the figure
    near the trend, so the numerator is worked out again from it.
    """
    def key(code: str, kind: PeriodType) -> object:
        period = parse_canonical(code, kind)
        return period.end if source.kind is PeriodType.SNAPSHOT else (period.start, period.end)

    at = {key(row["period"], source.kind): row["value"] for row in source_rows}
    scale, places = SERIES_KINDS[indicator.series.kind], int(indicator.row["decimal_places"])
    for row in rows:
        count = at.get(key(row["period"], indicator.kind))
        if not count or not row["denominator"]:
            continue  # no count that period, or no figure of ours (a gap or suppressed)
        if part == "denominator":
            share = Decimal(row["numerator"]) / Decimal(row["denominator"])
            numerator = rounded(share * Decimal(count), 0)
            row["numerator"] = str(min(numerator, Decimal(count)) if scale == 100 else numerator)
        row[part] = count
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


def breakdown_rows(breakdown: dict[str, Any], observations: dict[str, list[dict[str, str]]]
                   ) -> list[dict]:
    """Return a breakdown's rows: each period's count split near the shares.

    A category named under ``numerators`` is another indicator's numerator for the same period
    (the children in residential homes), so the two pages agree; the others share the rest.
    """
    rng = random.Random(f"northbridge:breakdown:{breakdown['indicator']}")
    values = {row["period"]: row["value"] for row in observations[breakdown["indicator"]]}
    fixed = {category: {row["period"]: row["numerator"] for row in observations[source]}
             for category, source in breakdown["numerators"].items()}
    rows = []
    for period in breakdown["periods"]:
        pinned = {category: int(at[period]) for category, at in fixed.items() if at.get(period)}
        shares = [(c, s) for c, s in breakdown["categories"] if c not in pinned]
        split_counts = iter(split(int(values[period]) - sum(pinned.values()), shares, rng))
        counts = [pinned[c] if c in pinned else next(split_counts)
                  for c, _ in breakdown["categories"]]
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
    # "At 31 March 2025" for a snapshot, "In 2024" otherwise: the site's own preposition.
    words = (f"{capitalised(during(parse_canonical(row['period'], kind)))} the figure was "
             f"**{describe(unit, row['value'])}**")
    if earlier:
        before = Decimal(earlier["value"])
        change = "the same as" if now == before else ("up from" if now > before else "down from")
        words += (f", {change} {describe(unit, earlier['value'])} "
                  f"{during(parse_canonical(earlier['period'], kind))}")
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
