"""A package with a known answer for every rule in docs/methodology-analysis.md.

Each ``Case`` is one indicator written to exercise one rule: both polarities and none, the edges
of the amber band, a target that changed, an officer's override, expected ranges, comparisons
tested and not tested for chance, counts against rates, notes, revisions, provisional figures and
suppression. The package is written through the importers' one package writer, so it always
follows the format as it is today, and ``tests/test_known_answers.py`` builds the whole site from
it and reads the built pages' words.

The figures are chosen by hand so that the answer can be worked out with a pencil; each case says
what its page must say (its chip, its rating line, its comparison with England, sentences it must
hold and words it must never use) and its comment says why.
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
    """One indicator of the corpus and what its page must say, worked out by hand."""

    id: str
    title: str
    indicator: Mapping[str, str]  # indicator columns that differ from DEFAULT_INDICATOR
    values: tuple[str, ...]  # the council's value for each of QUARTERS ("" when missing)
    chip: str  # the rating chip's words
    reason: str = ""  # the rating line after the chip, exactly
    england: str = ""  # the "Compared with England" key fact, exactly
    says: tuple[str, ...] = ()  # sentences the page must hold, exactly
    never: tuple[str, ...] = ()  # words the page must not hold anywhere (any case)
    counts: tuple[tuple[str, str], ...] = ()  # (numerator, denominator) per quarter
    missing: Mapping[str, str] = field(default_factory=dict)  # quarter -> c, x, z...
    flags: Mapping[str, str] = field(default_factory=dict)  # quarter -> provisional, revised
    notes: Mapping[str, str] = field(default_factory=dict)  # quarter -> the officer's note
    targets: tuple[Mapping[str, str], ...] = ()
    comparators: Mapping[str, str] = field(default_factory=dict)  # quarter -> England's value
    rating: Mapping[str, str] = field(default_factory=dict)  # an officer's rating for LATEST


DEFAULT_INDICATOR = {
    "service_area": "rules", "question": "What does this case test?",
    "definition": "A case of the known-answers corpus.", "numerator": "Children counted",
    "denominator": "All children", "unit": "percentage", "decimal_places": "1",
    "polarity": "higher_is_better", "frequency": "quarterly", "period_type": "quarter",
    "source": "Known-answers corpus", "status": "established", "numerator_counts": "children",
}
HIGHER_TARGET = ({"applies_from": "2024-04-01", "target": "90", "amber_tolerance": "4"},)
LOWER_TARGET = ({"applies_from": "2024-04-01", "target": "18", "amber_tolerance": "2"},)
NO_BAND = ({"applies_from": "2024-04-01", "target": "90"},)
RANGE = ({"applies_from": "2024-04-01", "expected_low": "40", "expected_high": "60"},)
NONE = {"polarity": "no_preference"}
LOWER = {"polarity": "lower_is_better"}
STEADY = ("80.0", "80.0", "80.0", "80.0")  # four quarters before the one each case is about
LATEST_LABEL = "July to September 2025"
NO_TARGET = f"It is not rated because there is no target for {LATEST_LABEL}."
NO_ENGLAND = "No England figure"
TARGET_WORDS = ("target",)  # never on a page that has no target

CASES = (
    # --- Ratings against a target, higher is better: target 90.0, amber band 4.0 points -------
    Case("ka-green-meets", "Green exactly on target", {}, (*STEADY, "90.0"), "Green",
         "The figure of 90.0% meets the target of 90.0%, so it is rated green.",
         targets=HIGHER_TARGET, says=("meeting the target",)),
    Case("ka-green-beats", "Green better than target", {}, (*STEADY, "92.5"), "Green",
         "The figure of 92.5% is 2.5 percentage points above the target of 90.0%, so it is rated "
         "green.", targets=HIGHER_TARGET),
    # 88.5 is 1.5 short, inside the 4-point band: the gap is 1.5 and the band 4.0, said apart.
    Case("ka-amber-inside", "Amber inside the band", {}, (*STEADY, "88.5"), "Amber",
         "The figure of 88.5% is 1.5 percentage points below the target of 90.0%, within the "
         "amber band of 4.0 percentage points, so it is rated amber.", targets=HIGHER_TARGET,
         says=("missing the target by 1.5 percentage points, within the amber band",),
         never=("4.0 percentage points or less",)),
    # 86.0 is exactly 4.0 short: the edge of the band is still amber.
    Case("ka-amber-edge", "Amber on the edge of the band", {}, (*STEADY, "86.0"), "Amber",
         "The figure of 86.0% is 4.0 percentage points below the target of 90.0%, within the "
         "amber band of 4.0 percentage points, so it is rated amber.", targets=HIGHER_TARGET),
    # 85.9 is 4.1 short: beyond the band, red.
    Case("ka-red-beyond", "Red beyond the band", {}, (*STEADY, "85.9"), "Red",
         "The figure of 85.9% is 4.1 percentage points below the target of 90.0%, more than the "
         "amber band of 4.0 percentage points, so it is rated red.", targets=HIGHER_TARGET,
         says=("missing the target by 4.1 percentage points",)),
    # --- Lower is better: target 18.0, band 2.0 -----------------------------------------------
    Case("ka-lower-amber", "Amber when lower is better", LOWER,
         ("20.0", "20.0", "20.0", "20.0", "19.5"), "Amber",
         "The figure of 19.5% is 1.5 percentage points above the target of 18.0% (lower is "
         "better), within the amber band of 2.0 percentage points, so it is rated amber.",
         targets=LOWER_TARGET,
         says=("A year earlier, in July to September 2024, it was 20.0%.",
               "Since then it has gone down by 0.5 percentage points.",
               "This is little change, as it is less than 1 percentage point.")),
    Case("ka-lower-red", "Red when lower is better", LOWER,
         ("20.0", "20.0", "20.0", "20.0", "25.0"), "Red",
         "The figure of 25.0% is 7.0 percentage points above the target of 18.0% (lower is "
         "better), more than the amber band of 2.0 percentage points, so it is rated red.",
         targets=LOWER_TARGET, says=("This means it is getting worse.",)),
    Case("ka-lower-green", "Green when lower is better", LOWER,
         ("20.0", "20.0", "20.0", "20.0", "17.0"), "Green",
         "The figure of 17.0% is 1.0 percentage point below the target of 18.0% (lower is "
         "better), so it is rated green.", targets=LOWER_TARGET),
    # --- An officer's rating: no amber band, 85.0 is 5.0 short, calculated red ----------------
    Case("ka-override", "The service's rating replaces the calculated one", {}, (*STEADY, "85.0"),
         "Amber",
         "(the service's rating) Calculated as red: the figure of 85.0% is 5.0 percentage points "
         "below the target of 90.0%, with no amber band. The service rated it amber instead. "
         "Their reason: A late batch of records will lift the figure.",
         targets=NO_BAND, rating={"rating": "amber",
                                  "reason": "A late batch of records will lift the figure."},
         says=("rated amber by the service",), never=("just short",)),
    # --- A target that changed: 80 until March 2025, 90 from April 2025 -----------------------
    Case("ka-target-changed", "A target that changed", {}, ("85.0",) * 5, "Red",
         "The figure of 85.0% is 5.0 percentage points below the target of 90.0%, more than the "
         "amber band of 2.0 percentage points, so it is rated red.",
         targets=({"applies_from": "2024-04-01", "target": "80", "amber_tolerance": "2"},
                  {"applies_from": "2025-04-01", "target": "90", "amber_tolerance": "2"})),
    # --- No preferred direction: placed against an expected range, never good or bad ----------
    Case("ka-range-below", "Below the expected range", NONE,
         ("50.0", "50.0", "50.0", "50.0", "35.0"), "Below expected range",
         "The figure of 35.0% is below the expected range of 40.0% to 60.0%.", targets=RANGE,
         never=(*TARGET_WORDS, "getting better", "getting worse")),
    Case("ka-range-within", "Within the expected range", NONE,
         ("50.0", "50.0", "50.0", "50.0", "60.0"), "Within expected range",
         "The figure of 60.0% is within the expected range of 40.0% to 60.0%.", targets=RANGE,
         says=("and the expected range.",), never=TARGET_WORDS),
    Case("ka-range-above", "Above the expected range", NONE,
         ("50.0", "50.0", "50.0", "50.0", "61.0"), "Above expected range",
         "The figure of 61.0% is above the expected range of 40.0% to 60.0%.", targets=RANGE,
         never=TARGET_WORDS),
    # No direction and no range: not rated, and nothing may speak of a range or a target.
    Case("ka-no-range", "Neither a target nor a range", NONE,
         ("50.0", "50.0", "50.0", "50.0", "52.0"), "Not rated",
         "It is not rated because there is no expected range to compare it with.",
         never=(*TARGET_WORDS, "compared with an expected range")),
    # --- Comparisons with England -------------------------------------------------------------
    # 217 of 500 children is 43.4%; its 95% Wilson interval (39.1% to 47.8%) holds England's
    # 46.4%, so the gap could be down to chance: lower, never "similar", never "worse".
    Case("ka-compare-chance", "Lower than England could be chance", {}, ("43.4",) * 5,
         "Not rated", NO_TARGET,
         "Lower than England, could be chance (July to September 2025)",
         says=("Lower than England in July to September 2025 (43.4% against 46.4%); the gap "
               "could be down to chance.",),
         never=("similar",), counts=(("217", "500"),) * 5, comparators={LATEST: "46.4"}),
    # 300 of 1,000 is 30.0%; its interval (27.2% to 32.9%) is far below England's 46.4%.
    Case("ka-compare-beyond", "Lower than England beyond chance", {}, ("30.0",) * 5,
         "Not rated", NO_TARGET,
         "Lower than England, worse, not down to chance (July to September 2025)",
         says=("Lower than England in July to September 2025 (30.0% against 46.4%), which is "
               "worse; the gap is too large to be down to chance.",),
         counts=(("300", "1000"),) * 5, comparators={LATEST: "46.4"}),
    # Without counts nothing can be tested: the direction is said, marked untested.
    Case("ka-compare-untested", "Lower than England not tested", {}, ("43.4",) * 5,
         "Not rated", NO_TARGET,
         "Lower than England, worse, not tested for chance (July to September 2025)",
         says=("Lower than England in July to September 2025 (43.4% against 46.4%), which is "
               "worse; the gap was not tested for chance.",),
         comparators={LATEST: "46.4"}),
    # Half-day sessions are not independent: 787,969 of them are not 787,969 children.
    Case("ka-compare-sessions", "Sessions are not tested for chance",
         {"numerator_counts": "sessions", "polarity": "lower_is_better"}, ("17.6",) * 5,
         "Not rated", NO_TARGET,
         "Higher than England, worse, not tested for chance (July to September 2025)",
         says=("Higher than England in July to September 2025 (17.6% against 17.4%), which is "
               "worse; the gap was not tested for chance.",),
         counts=(("787969", "4477097"),) * 5, comparators={LATEST: "17.4"}),
    # A count: compared with nobody, whatever its size.
    Case("ka-count", "A count of children",
         {"unit": "count", "decimal_places": "0", "counts_people": "true"},
         ("120", "125", "130", "135", "140"), "Not rated", NO_TARGET,
         "Not compared: a count depends on the size of the place",
         says=("Since then it has gone up by 20, or 16.7%.",
               "The average for April 2024 to March 2025 was 125 a quarter, from 3 of 4 "
               "quarters.")),
    # --- Notes, provisional figures and suppression -------------------------------------------
    Case("ka-notes", "Notes beside their figures", {}, ("70.0", "", "72.0", "73.0", ""),
         "Not rated",
         f"It is not rated because the figure for {LATEST_LABEL} was not available.", NO_ENGLAND,
         says=(f"The figure for {LATEST_LABEL} was not available. Note: Not yet published: due "
               "in January 2026.",
               "The figure for January to March 2025 has been revised since it was first "
               "published. Note: Revised from 71.0 after late recording."),
         missing={"2024-25-Q3": "x", LATEST: "x"}, flags={"2024-25-Q4": "revised"},
         notes={LATEST: "Not yet published: due in January 2026.",
                "2024-25-Q4": "Revised from 71.0 after late recording."}),
    Case("ka-provisional", "A provisional figure", {}, (*STEADY, "81.0"), "Not rated",
         NO_TARGET, NO_ENGLAND,
         says=("The latest figure is provisional. It may change when the data is checked.",),
         flags={LATEST: "provisional"}),
    # 3 of 40 is a small count: hidden, and so is its complement (37 of 40).
    Case("ka-suppressed", "A small count suppressed", {}, (*STEADY, "7.5"), "Not rated",
         f"It is not rated because the figure for {LATEST_LABEL} was not published to protect "
         "confidentiality.", NO_ENGLAND, never=("7.5", "3 out of 40", "37 out of 40"),
         counts=(("32", "40"),) * 4 + (("3", "40"),)),
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
        "comparators": [{"indicator_id": case.id, "period": period, "value": value,
                         "source": "Known-answers corpus", **ENGLAND}
                        for case in CASES for period, value in case.comparators.items()],
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
