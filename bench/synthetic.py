"""Write synthetic indicator data packages, deterministically, at the benchmark's scales.

Two shapes:

- **council**: one package as a council publishes it: quarterly indicators over ten years, with
  England, region and statistical-neighbour comparators, targets, commentary and breakdowns.
- **national**: one package shaped like DfE's LA-level files (LAIT, explore education statistics):
  annual figures for every council, with England, region and statistical-neighbour averages and
  an occasional breakdown, but no targets or commentary (DfE publishes neither). Each council is a
  service area and its indicator ids carry the council's prefix (``c017-cla-rate``), so the pages
  sit at ``c017/c017-cla-rate/``. One package rather than one per council because that is how the
  DfE files come (one file covers every council), and because 150 packages would mostly measure
  Frictionless opening 1,350 small files instead of the site build.

The same scale always writes byte-identical files (a seeded ``random.Random`` per indicator).
"""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass
from pathlib import Path

from generator.importers.package import PackageContent, resources
from generator.importers.writer import write_package
from generator.model import format as fmt


@dataclass(frozen=True)
class Scale:
    """How big a synthetic site is, and which shape it has."""

    name: str
    shape: str  # "council" or "national"
    councils: int
    indicators: int  # per council
    years: int
    areas: int = 10  # service areas (council shape only; national has one per council)

    @property
    def pages(self) -> int:
        """Return the number of indicator pages the scale makes."""
        return self.councils * self.indicators


SCALES = {
    "small": Scale("small", "council", councils=1, indicators=10, years=3, areas=2),
    "council": Scale("council", "council", councils=1, indicators=250, years=10),
    "national-450": Scale("national-450", "national", councils=15, indicators=30, years=10),
    "national": Scale("national", "national", councils=150, indicators=30, years=10),
}

FIRST_YEAR = 2015  # financial year 2015-16 is the first period
#: Council-shaped packages carry every council's figure (the rank and distribution on the page)
#: for one indicator in this many, as the DfE importer writes them; 152 councils, as in England.
EVERY_COUNCIL_EVERY = 3
COUNCILS_RANKED = 152
UNITS = ("percentage", "rate_per_10000", "count", "days", "percentage", "rate_per_10000")
POLARITIES = ("higher_is_better", "lower_is_better", "no_preference")
NATIONAL_PERIOD_TYPES = ("financial_year", "academic_year", "snapshot")
TOPICS = ("Referrals", "Assessments", "Child protection", "Children in care", "Care leavers",
          "Adoption", "Workforce", "Education", "Youth justice", "Early help", "SEND",
          "Attendance", "Exclusions", "Health", "Placements")
REGIONS = (("E12000001", "North East"), ("E12000002", "North West"),
           ("E12000003", "Yorkshire and The Humber"), ("E12000004", "East Midlands"),
           ("E12000005", "West Midlands"), ("E12000006", "East of England"),
           ("E12000007", "London"), ("E12000008", "South East"), ("E12000009", "South West"))
CATEGORIES = ("Abuse or neglect", "Family dysfunction", "Family in acute stress",
              "Absent parenting", "Other")


def _periods(scale: Scale, period_type: str) -> list[str]:
    years = range(FIRST_YEAR, FIRST_YEAR + scale.years)
    if period_type == "quarter":
        return [f"{y}-{(y + 1) % 100:02d}-Q{q}" for y in years for q in (1, 2, 3, 4)]
    if period_type == "snapshot":
        return [f"{y + 1}-03-31" for y in years]
    return [f"{y}-{(y + 1) % 100:02d}" for y in years]  # financial or academic year


def _value(unit: str, level: float, rng: random.Random) -> tuple[float, int | None, int | None]:
    """Return a value (and numerator, denominator for percentages) that pass the domain rules."""
    if unit == "percentage":
        denominator = rng.randint(150, 900)
        numerator = round(denominator * min(max(level, 1.0), 99.0) / 100)
        return round(numerator / denominator * 100, 1), numerator, denominator
    if unit == "count":
        return float(round(level * 10)), None, None
    return round(level, 1), None, None


def _indicator_rows(scale: Scale, council: int, number: int, area: str, prefix: str,
                    rows: dict[str, list[dict[str, object]]]) -> None:
    rng = random.Random(f"{scale.shape}-{council}-{number}")
    unit = UNITS[number % len(UNITS)]
    polarity = POLARITIES[number % len(POLARITIES)]
    topic = TOPICS[number % len(TOPICS)]
    national = scale.shape == "national"
    period_type = NATIONAL_PERIOD_TYPES[number % 3] if national else "quarter"
    indicator_id = f"{prefix}indicator-{number + 1:03d}"
    title = f"{topic} measure {number + 1}"
    rows["indicators"].append({
        "id": indicator_id, "title": title,
        "question": f"How is the council doing on {topic.lower()} measure {number + 1}?",
        "service_area": area, "priorities": "" if national else f"priority-{number % 3 + 1}",
        "definition": f"Synthetic {topic.lower()} figure number {number + 1} for benchmarking.",
        "numerator": "Children counted" if unit == "percentage" else "",
        "denominator": "All children in the group" if unit == "percentage" else "",
        "unit": unit, "decimal_places": 0 if unit == "count" else 1, "polarity": polarity,
        "frequency": "annual" if national else "quarterly", "period_type": period_type,
        "source": "DfE local authority interactive tool" if national else "Case management system",
        "source_url": "https://www.gov.uk/government/publications/local-authority-interactive-tool-lait",
        "status": "established", "counts_people": "true" if unit == "count" else "false",
        "numerator_counts": "children",
        "data_notes": "Synthetic figures for the benchmark.",
        "why_it_matters": f"A benchmark page about **{topic.lower()}**.",
        "related": "" if number == 0 else f"{prefix}indicator-{number:03d}",
    })
    periods = _periods(scale, period_type)
    level = rng.uniform(20, 80)
    comparators = {"england": rng.uniform(20, 80), "region": rng.uniform(20, 80),
                   "statistical_neighbours": rng.uniform(20, 80)}
    region_code, region_name = REGIONS[council % len(REGIONS)]
    areas = {"england": ("E92000001", "England"), "region": (region_code, region_name),
             "statistical_neighbours": ("statistical-neighbours", "Statistical neighbours")}
    for index, period in enumerate(periods):
        level = max(1.0, level + rng.uniform(-3, 3))
        value, numerator, denominator = _value(unit, level, rng)
        missing = rng.random() < 0.03 and index != len(periods) - 1
        rows["observations"].append({
            "indicator_id": indicator_id, "period": period,
            "value": "" if missing else value, "numerator": "" if missing else numerator,
            "denominator": "" if missing else denominator, "missing": "x" if missing else "",
            "flags": "provisional" if index == len(periods) - 1 else "", "note": ""})
        for area_type, (code, name) in areas.items() if unit != "count" else ():  # not comparable
            comparators[area_type] = max(1.0, comparators[area_type] + rng.uniform(-2, 2))
            figure = _value(unit, comparators[area_type], rng)[0]
            rows["comparators"].append({
                "indicator_id": indicator_id, "period": period, "area_type": area_type,
                "area_code": code, "area_name": name, "value": figure})
    if not national and unit != "count" and number % EVERY_COUNCIL_EVERY == 0:
        _every_council_rows(indicator_id, periods[-1], unit, level, rows)
    if not national:
        if polarity == "no_preference":
            rows["targets"].append({"indicator_id": indicator_id, "applies_from": "2015-04-01",
                                    "expected_low": round(level * 0.8, 1),
                                    "expected_high": round(level * 1.2, 1),
                                    "note": "Range agreed with the committee."})
        else:
            target = min(round(level, 1), 100) if unit == "percentage" else round(level, 1)
            rows["targets"].append({"indicator_id": indicator_id, "applies_from": "2015-04-01",
                                    "target": target, "amber_tolerance": 2,
                                    "note": "Set by the directorate."})
        for period in periods[-4:]:
            rows["commentary"].append({
                "indicator_id": indicator_id, "period": period,
                "commentary": f"The figure moved because of **{topic.lower()}** demand in "
                              f"{period}. Managers reviewed every case.",
                "actions": "Monthly audit of a sample of cases.", "author": "Head of Service"})
    if not national or number % 3 == 0:
        for period in periods[-4 if not national else -1:]:
            for order, category in enumerate(CATEGORIES, start=1):
                rows["breakdowns"].append({
                    "indicator_id": indicator_id, "period": period, "dimension": "Reason",
                    "category": category, "value": rng.randint(10, 90), "order": order})


def _every_council_rows(indicator_id: str, period: str, unit: str, level: float,
                        rows: dict[str, list[dict[str, object]]]) -> None:
    """Add every council's figure for the latest period, as an imported package carries them.

    A random generator of their own, so the rest of the package is the same bytes as before.
    """
    rng = random.Random(f"every-council-{indicator_id}")
    for council in range(COUNCILS_RANKED):
        suppressed = rng.random() < 0.02
        figure = _value(unit, max(1.0, level + rng.uniform(-15, 15)), rng)[0]
        rows["comparators"].append({
            "indicator_id": indicator_id, "period": period, "area_type": "council",
            "area_code": f"E06{council + 1:06d}", "area_name": f"Council {council + 1:03d}",
            "value": "" if suppressed else figure, "missing": "c" if suppressed else ""})


def write_scale(scale: Scale, folder: Path) -> Path:
    """Write the scale's data package into ``folder`` (replacing it) and return the package path."""
    if folder.exists():
        shutil.rmtree(folder)
    package = folder / f"synthetic-{scale.name}"
    rows: dict[str, list[dict[str, object]]] = {name: [] for name in fmt.SCHEMAS}
    if scale.shape == "national":
        for council in range(scale.councils):
            area = f"c{council + 1:03d}"
            rows["service_areas"].append({"id": area, "item": council + 1,
                                          "title": f"Council {council + 1:03d}",
                                          "description": "A synthetic English council."})
            for number in range(scale.indicators):
                _indicator_rows(scale, council, number, area, f"{area}-", rows)
    else:
        for item in range(scale.areas):
            rows["service_areas"].append({"id": f"area-{item + 1:02d}", "item": item + 1,
                                          "title": f"{TOPICS[item % len(TOPICS)]} {item + 1}",
                                          "description": "A synthetic service area."})
        for priority in range(3):
            rows["priorities"].append({"id": f"priority-{priority + 1}",
                                       "title": f"Priority {priority + 1}",
                                       "description": "A synthetic directorate priority."})
        for number in range(scale.indicators):
            _indicator_rows(scale, 0, number, f"area-{number % scale.areas + 1:02d}", "", rows)
    last = FIRST_YEAR + scale.years
    rows["releases"] = [
        {"id": f"{last}-q2", "title": f"Quarter 2 {last}/{(last + 1) % 100:02d}",
         "date": f"{last}-11-14", "status": "published", "notes": "Synthetic release."},
        {"id": f"{last}-q3", "title": f"Quarter 3 {last}/{(last + 1) % 100:02d}",
         "date": f"{last + 1}-02-13", "status": "planned", "notes": ""},
    ]
    tables = {name: [{key: _text(value) for key, value in row.items()} for row in table]
              for name, table in rows.items() if table or name in fmt.REQUIRED_RESOURCES}
    descriptor = {
        "name": f"synthetic-{scale.name}",
        "title": f"Synthetic benchmark package ({scale.name} scale)",
        "publisher": "Benchmark Council (fictional)",
        "demonstration": True,
        "format_version": fmt.FORMAT_VERSION,
        "licenses": [{"name": "OGL-UK-3.0", "title": "Open Government Licence v3.0",
                      "path": "https://www.nationalarchives.gov.uk/doc/open-government-licence/"
                              "version/3/"}],
        "resources": resources(tables),
    }
    write_package(package, PackageContent(descriptor, tables))
    return package


def _text(value: object) -> str:
    """Return a cell as the CSV writer would write it: None is an empty cell."""
    return "" if value is None else str(value)
