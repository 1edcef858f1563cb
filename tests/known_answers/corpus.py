"""A package with a known answer for every rule in docs/methodology-analysis.md.

Each ``Case`` is one indicator written to exercise one rule: both polarities and none, the edges
of the amber band, a target that changed, an officer's override, expected ranges, comparisons
tested and not tested for chance, counts against rates, notes, revisions, provisional figures and
suppression. The package is written through the importers' one package writer, so it always
follows the format as it is today, and ``tests/test_known_answers.py`` builds the whole site from
it and reads the built pages' words.

The figures are chosen by hand so that the answer can be worked out with a pencil; each case says
what that answer is in ``answer`` (checked against the built page) and why in its comment.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from generator.importers.package import PackageContent, resources
from generator.importers.writer import write_package
from generator.model import format as fmt

NAME = "known-answers"
QUARTERS = ("2024-25-Q2", "2024-25-Q3", "2024-25-Q4", "2025-26-Q1", "2025-26-Q2")
LATEST = QUARTERS[-1]
ENGLAND = {"area_type": "england", "area_code": "E92000001", "area_name": "England"}


@dataclass(frozen=True)
class Case:
    """One indicator of the corpus and the answers its page must give."""

    id: str
    title: str
    indicator: Mapping[str, str]  # indicator columns that differ from DEFAULT_INDICATOR
    values: tuple[str, ...]  # the council's value for each of QUARTERS ("" when missing)
    answer: Mapping[str, str] = field(default_factory=dict)  # what the page must say
    counts: tuple[tuple[str, str], ...] = ()  # (numerator, denominator) per quarter
    missing: Mapping[str, str] = field(default_factory=dict)  # quarter -> c, x, z...
    flags: Mapping[str, str] = field(default_factory=dict)  # quarter -> provisional, revised
    notes: Mapping[str, str] = field(default_factory=dict)  # quarter -> the officer's note
    targets: tuple[Mapping[str, str], ...] = ()
    england: Mapping[str, str] = field(default_factory=dict)  # quarter -> England's value
    rating: Mapping[str, str] = field(default_factory=dict)  # an officer's rating for LATEST


DEFAULT_INDICATOR = {
    "service_area": "rules", "question": "What does this case test?",
    "definition": "A case of the known-answers corpus.", "numerator": "Children counted",
    "denominator": "All children", "unit": "percentage", "decimal_places": "1",
    "polarity": "higher_is_better", "frequency": "quarterly", "period_type": "quarter",
    "source": "Known-answers corpus", "status": "established",
}
HIGHER_TARGET = ({"applies_from": "2024-04-01", "target": "90", "amber_tolerance": "4"},)
LOWER_TARGET = ({"applies_from": "2024-04-01", "target": "18", "amber_tolerance": "2"},)
NO_BAND = ({"applies_from": "2024-04-01", "target": "90"},)
RANGE = ({"applies_from": "2024-04-01", "expected_low": "40", "expected_high": "60"},)
NONE = {"polarity": "no_preference"}
LOWER = {"polarity": "lower_is_better"}
STEADY = ("80.0", "80.0", "80.0", "80.0")  # four quarters before the one each case is about

CASES = (
    # Ratings against a target, higher is better: target 90.0, amber band 4.0 points.
    Case("ka-green-meets", "Green: exactly on target", {}, (*STEADY, "90.0"), targets=HIGHER_TARGET,
         answer={"rating": "Green"}),
    Case("ka-green-beats", "Green: better than target", {}, (*STEADY, "92.5"),
         targets=HIGHER_TARGET, answer={"rating": "Green"}),
    # 88.5 is 1.5 points short, inside the 4-point band: the gap is 1.5, not 4.0.
    Case("ka-amber-inside", "Amber: inside the band", {}, (*STEADY, "88.5"),
         targets=HIGHER_TARGET, answer={"rating": "Amber", "gap": "1.5"}),
    # 86.0 is exactly 4.0 short: the edge of the band is still amber.
    Case("ka-amber-edge", "Amber: on the edge of the band", {}, (*STEADY, "86.0"),
         targets=HIGHER_TARGET, answer={"rating": "Amber", "gap": "4.0"}),
    # 85.9 is 4.1 short: beyond the band.
    Case("ka-red-beyond", "Red: beyond the band", {}, (*STEADY, "85.9"),
         targets=HIGHER_TARGET, answer={"rating": "Red", "gap": "4.1"}),
    # Lower is better: target 18.0, band 2.0. 19.5 is 1.5 above; 25.0 is 7.0 above.
    Case("ka-lower-amber", "Amber: lower is better", LOWER, ("20.0", "20.0", "20.0", "20.0", "19.5"),
         targets=LOWER_TARGET, answer={"rating": "Amber", "gap": "1.5"}),
    Case("ka-lower-red", "Red: lower is better", LOWER, ("20.0", "20.0", "20.0", "20.0", "25.0"),
         targets=LOWER_TARGET, answer={"rating": "Red", "gap": "7.0"}),
    Case("ka-lower-green", "Green: lower is better", LOWER, ("20.0", "20.0", "20.0", "20.0", "17.0"),
         targets=LOWER_TARGET, answer={"rating": "Green"}),
    # No amber band: 85.0 against 90.0 is red, 5.0 short; the service rates it amber instead.
    Case("ka-override", "Officer's rating replaces the calculated one", {}, (*STEADY, "85.0"),
         targets=NO_BAND, rating={"rating": "amber",
                                  "reason": "A late batch of records will lift the figure."},
         answer={"rating": "Amber", "calculated": "Red", "gap": "5.0"}),
    # The target rose from 80 to 90 in April 2025: 85.0 was green last year, red now.
    Case("ka-target-changed", "A target that changed", {}, ("85.0", "85.0", "85.0", "85.0", "85.0"),
         targets=({"applies_from": "2024-04-01", "target": "80", "amber_tolerance": "2"},
                  {"applies_from": "2025-04-01", "target": "90", "amber_tolerance": "2"}),
         answer={"rating": "Red", "gap": "5.0", "target": "90.0%"}),
    # No preferred direction: placed against the expected range 40 to 60, never good or bad.
    Case("ka-range-below", "Below the expected range", NONE, ("50.0", "50.0", "50.0", "50.0", "35.0"),
         targets=RANGE, answer={"rating": "Below expected range"}),
    Case("ka-range-within", "Within the expected range", NONE,
         ("50.0", "50.0", "50.0", "50.0", "60.0"), targets=RANGE,
         answer={"rating": "Within expected range"}),
    Case("ka-range-above", "Above the expected range", NONE, ("50.0", "50.0", "50.0", "50.0", "61.0"),
         targets=RANGE, answer={"rating": "Above expected range"}),
    # No direction and no range: not rated, and nothing may speak of a range or a target.
    Case("ka-no-range", "Neither a target nor a range", NONE,
         ("50.0", "50.0", "50.0", "50.0", "52.0"), answer={"rating": "Not rated"}),
    # 217 of 500 is 43.4%; its 95% interval (39.1% to 47.8%) holds England's 46.4%.
    Case("ka-compare-chance", "Lower than England, could be chance", {},
         ("43.4", "43.4", "43.4", "43.4", "43.4"), counts=(("217", "500"),) * 5,
         england={LATEST: "46.4"}, answer={"england": "lower", "chance": "could"}),
    # 300 of 1,000 is 30.0%; its interval (27.2% to 33.0%) is far from England's 46.4%.
    Case("ka-compare-beyond", "Lower than England, beyond chance", {},
         ("30.0", "30.0", "30.0", "30.0", "30.0"), counts=(("300", "1000"),) * 5,
         england={LATEST: "46.4"}, answer={"england": "lower", "chance": "beyond"}),
    # Without counts nothing can be tested: the direction is still said, untested.
    Case("ka-compare-untested", "Lower than England, not tested", {},
         ("43.4", "43.4", "43.4", "43.4", "43.4"), england={LATEST: "46.4"},
         answer={"england": "lower", "chance": "untested"}),
    # A count: compared with nobody, whatever its size.
    Case("ka-count", "A count of children",
         {"unit": "count", "decimal_places": "0", "counts_people": "true"},
         ("120", "125", "130", "135", "140"), answer={"england": "none"}),
    # Notes: a missing figure's reason and a revised figure's note reach the reader.
    Case("ka-notes", "Notes beside their figures", {}, ("70.0", "", "72.0", "73.0", ""),
         missing={"2024-25-Q3": "x", LATEST: "x"}, flags={"2024-25-Q4": "revised"},
         notes={LATEST: "Not yet published: due in January 2026.",
                "2024-25-Q4": "Revised from 71.0 after late recording."},
         answer={"note": "Not yet published: due in January 2026."}),
    # Provisional latest figure.
    Case("ka-provisional", "A provisional figure", {}, (*STEADY, "81.0"),
         flags={LATEST: "provisional"}, answer={"provisional": "yes"}),
    # 3 of 40 is a small count: hidden, and so is whatever would give it away.
    Case("ka-suppressed", "A small count suppressed", {}, (*STEADY, "7.5"),
         counts=(("32", "40"),) * 4 + (("3", "40"),), answer={"suppressed": "yes"}),
)


def _indicator(case: Case) -> dict[str, str]:
    row = {**DEFAULT_INDICATOR, "id": case.id, "title": case.title, **case.indicator}
    return {name: row.get(name, "") for name in fmt.field_names("indicators")}


def _observations(case: Case) -> list[dict[str, str]]:
    rows = []
    for index, period in enumerate(QUARTERS):
        numerator, denominator = case.counts[index] if case.counts else ("", "")
        rows.append({"indicator_id": case.id, "period": period, "value": case.values[index],
                     "numerator": numerator, "denominator": denominator,
                     "missing": case.missing.get(period, ""), "flags": case.flags.get(period, ""),
                     "note": case.notes.get(period, "")})
    return rows


def tables() -> dict[str, list[dict[str, str]]]:
    """Return every table of the corpus package, each row holding every column of the format."""
    raw: dict[str, list[dict[str, str]]] = {
        "service_areas": [{"id": "rules", "item": "1", "title": "Rules",
                           "description": "One indicator per rule of the analysis."}],
        "indicators": [_indicator(case) for case in CASES],
        "observations": [row for case in CASES for row in _observations(case)],
        "comparators": [{"indicator_id": case.id, "period": period, "value": value, **ENGLAND}
                        for case in CASES for period, value in case.england.items()],
        "targets": [{"indicator_id": case.id, **target} for case in CASES
                    for target in case.targets],
        "ratings": [{"indicator_id": case.id, "period": LATEST, **case.rating}
                    for case in CASES if case.rating],
        "releases": [{"id": "2025-26-q2", "title": "Quarter 2 2025/26", "date": "2025-11-13",
                      "status": "published"}],
    }
    return {name: [{column: row.get(column, "") for column in fmt.field_names(name)}
                   for row in rows] for name, rows in raw.items()}


def write(folder: Path) -> Path:
    """Write the corpus package into ``folder/known-answers`` and return that folder."""
    content = tables()
    descriptor = {
        "name": NAME, "title": "Known answers", "publisher": "Testshire Council",
        "demonstration": True, "format_version": fmt.FORMAT_VERSION,
        "licenses": [{"name": "OGL-UK-3.0", "title": "Open Government Licence v3.0",
                      "path": "https://www.nationalarchives.gov.uk/doc/open-government-licence/"
                              "version/3/"}],
        "resources": resources(content, format="csv", mediatype="text/csv", encoding="utf-8"),
    }
    target = folder / NAME
    write_package(target, PackageContent(descriptor, content))
    return target
