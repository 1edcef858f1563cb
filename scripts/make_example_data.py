"""Regenerate the demonstration data packages for the fictional Northbridge Council.

Usage (from the repository root):

    .venv/bin/python scripts/make_example_data.py [--dfe PATH]  # write packages and extract
    .venv/bin/python scripts/make_example_data.py --check  # compare a fresh run with the files

Northbridge Council is fictional: its figures are random walks around realistic levels, made with
seeded random numbers (no clock), so every run writes the same bytes. Its code E08999999 is not a
real GSS code. The comparators (England, North West, statistical neighbours) are real: they are
taken cell for cell from the Department for Education's published open-data CSVs in
``/work/shared/data/dfe/`` (Open Government Licence v3.0). The neighbour group is the one DfE's
statistical neighbours model (May 2025) gives for Bolton, a real North West council, because a
fictional council has none of its own.

Writes:
- ``datapackages/northbridge-childrens/`` and ``datapackages/northbridge-education/``;
- ``tests/fixtures/dfe_extract/``: the exact source rows behind the comparators, so the tests can
  check the comparators without the shared data folder.
"""

from __future__ import annotations

import argparse
import csv
import filecmp
import io
import json
import random
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.model import format as fmt  # noqa: E402
from generator.model.periods import PeriodType, parse_canonical  # noqa: E402

DEFAULT_DFE = Path("/work/shared/data/dfe")
PACKAGES = ("northbridge-childrens", "northbridge-education")
EXTRACT_DIR = Path("tests/fixtures/dfe_extract")

COUNCIL = "Northbridge Council"
COUNCIL_CODE = "E08999999"  # fictional: not a real GSS code
ENGLAND = ("E92000001", "England")
REGION = ("E12000002", "North West")
NEIGHBOUR_MODEL_LA = "350"  # Bolton: the neighbour group Northbridge borrows
NAMED_NEIGHBOURS = 3
MISSING_SYMBOLS = {"c", "x", "z", "k", "low", "u"}
DFE_ATTRIBUTION = "Source: Department for Education, Open Government Licence v3.0"
OGL = {
    "name": "OGL-UK-3.0",
    "title": "Open Government Licence v3.0",
    "path": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
}
LATEST_MONTH = (2025, 9)  # data up to and including 2025-26 Q2 (July to September 2025)

EES = "https://explore-education-statistics.service.gov.uk/find-statistics/"
URL_CIN = EES + "characteristics-of-children-in-need"
URL_CLA = EES + "children-looked-after-in-england-including-adoptions"
URL_CSWW = EES + "childrens-social-work-workforce"
URL_SEN2 = EES + "education-health-and-care-plans"
URL_OUTCOMES = EES + ("outcomes-for-children-in-need-including-children-looked-after-by-local-"
                      "authorities-in-england")

# ---------------------------------------------------------------------------------------------
# Periods


def month_codes(start: tuple[int, int], end: tuple[int, int] = LATEST_MONTH) -> list[str]:
    (y, m), out = start, []
    while (y, m) <= end:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def quarter_codes(start: tuple[int, int], end: tuple[int, int] = (2025, 2)) -> list[str]:
    (y, q), out = start, []
    while (y, q) <= end:
        out.append(f"{y}-{(y + 1) % 100:02d}-Q{q}")
        y, q = (y + 1, 1) if q == 4 else (y, q + 1)
    return out


def quarter_end_months(start: tuple[int, int], end: tuple[int, int] = LATEST_MONTH) -> list[str]:
    return [code for code in month_codes(start, end) if int(code[5:]) in (3, 6, 9, 12)]


def year_codes(first: int, last: int) -> list[str]:
    """Financial or academic years by starting year: 2018 -> '2018-19'."""
    return [f"{y}-{(y + 1) % 100:02d}" for y in range(first, last + 1)]


def label(code: str, kind: str) -> str:
    return parse_canonical(code, PeriodType(kind)).label


# ---------------------------------------------------------------------------------------------
# Numbers


def rounded(number: Decimal | float, places: int) -> Decimal:
    return Decimal(str(number)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def text(number: Decimal | float | int | None, places: int | None = None) -> str:
    if number is None:
        return ""
    if places is None:
        return str(number)
    return f"{rounded(number, places):.{places}f}"


@dataclass
class Spec:
    """Everything about one indicator: metadata, how to make its figures, targets and words."""

    id: str
    title: str
    question: str
    area: str
    definition: str
    unit: str
    dp: int
    polarity: str
    frequency: str
    period_type: str
    source: str
    periods: list[str]
    kind: str  # pct, rate, count, ratio
    level: tuple[float, float]  # start and end level of the trend
    noise: float
    denom: float = 0  # typical denominator
    denom_noise: float = 0.03  # month-to-month wobble of the denominator, as a share
    denom_memory: float = 0.8  # 0 for independent small counts (children entering care)
    priorities: str = ""
    numerator: str = ""
    denominator: str = ""
    source_url: str = ""
    status: str = "established"
    threshold: int | None = None
    counts_people: bool = False
    data_notes: str = ""
    why: str = ""
    related: str = ""
    previous_ids: str = ""
    replaced_by: str = ""
    targets: list[tuple[str, float | None, float | None, float | None, float | None, str]] = field(
        default_factory=list)  # applies_from, target, amber, low, high, note
    story: str = ""  # a sentence for the latest commentary
    actions: str = ""
    author: str = ""
    earlier_comment: str = ""  # period with commentary as well as the latest
    earlier_story: str = ""
    dips: dict[str, float] = field(default_factory=dict)  # period -> level override (COVID)
    gaps: dict[str, tuple[str, str]] = field(default_factory=dict)  # period -> (symbol, note)
    flags: dict[str, tuple[str, str]] = field(default_factory=dict)  # period -> (flags, note)
    suppress_below: int | None = None  # denominators below this are published as c
    comparators: str = ""  # key of COMPARATORS
    package: str = "childrens"


def make_series(spec: Spec) -> list[dict[str, str]]:
    rng = random.Random(f"northbridge:{spec.id}")
    n = len(spec.periods)
    wobble, drift, rows = 0.0, 0.0, []
    for i, period in enumerate(spec.periods):
        trend = spec.level[0] + (spec.level[1] - spec.level[0]) * (i / max(1, n - 1))
        wobble = 0.6 * wobble + rng.gauss(0, spec.noise)
        level = spec.dips.get(period, trend + wobble)
        row = {"indicator_id": spec.id, "period": period, "value": "", "numerator": "",
               "denominator": "", "missing": "", "flags": "", "note": ""}
        if spec.kind == "count":
            row["value"] = str(max(0, round(level)))
        elif spec.kind in ("pct", "rate", "ratio"):
            fte = spec.kind == "ratio" or spec.unit == "percentage" and spec.area == "workforce"
            drift = spec.denom_memory * drift + rng.gauss(0, spec.denom_noise)
            denominator = spec.denom * (1 + (0.03 * i / n if spec.kind == "rate" else drift))
            if fte:
                denominator = rounded(denominator, 1)
            else:
                denominator = Decimal(max(1, round(denominator)))
            scale = {"pct": 100, "rate": 10_000, "ratio": 1}[spec.kind]
            if spec.kind == "pct":
                level = min(max(level, 0.5), 99.5)
            numerator = Decimal(str(level)) * denominator / scale
            numerator = rounded(numerator, 1 if fte and spec.kind == "pct" else 0)
            numerator = min(numerator, denominator) if spec.kind == "pct" else numerator
            row["numerator"], row["denominator"] = str(numerator), str(denominator)
            row["value"] = text(numerator / denominator * scale, spec.dp)
        if spec.suppress_below is not None and row["denominator"] and \
                Decimal(row["denominator"]) < spec.suppress_below:
            row.update(value="", numerator="", denominator="", missing="c",
                       note="Fewer than 6 children: not published to protect confidentiality.")
        if period in spec.gaps:
            symbol, note = spec.gaps[period]
            row.update(value="", numerator="", denominator="", missing=symbol, note=note)
        if period in spec.flags:
            row["flags"], row["note"] = spec.flags[period]
        rows.append(row)
    return rows


# ---------------------------------------------------------------------------------------------
# Comparators: DfE's published figures


@dataclass(frozen=True)
class Source:
    """Where one indicator's comparators come from in DfE's open data."""

    file: str
    filters: tuple[tuple[str, str], ...]
    value: str
    period: str  # financial_year, rolling_march, rolling_september, snapshot_march,
    #              snapshot_september, academic_year, calendar_year


COMPARATORS = {
    "re-referrals": Source("c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv", (),
                           "rereferral_percent", "rolling_march"),
    "cpp-second-subsequent": Source("d3_cpps_subsequent_plan_2013_to_2025.csv", (),
                                    "CPP_subsequent_percent", "financial_year"),
    "cla-rate": Source("cla_number_and_rate_per_10k_children.csv",
                       (("population_type", "Children looked after on 31 March each year"),),
                       "rate_per_10000", "snapshot_march"),
    "cla-placements-3plus": Source(
        "la_cla_placement_stability.csv",
        (("cla_group", "CLA on 31 March"),
         ("placement_stability", "With 3 or more placements during the year")),
        "children_percent", "financial_year"),
    "cla-long-term-stability": Source(
        "la_cla_placement_stability.csv",
        (("cla_group", "Children looked after continuously for at least 2.5 years on 31 March "
                       "aged under 16 years"),
         ("placement_stability", "Living with the same carer for at least 2 years")),
        "children_percent", "snapshot_march"),
    "care-leavers-neet": Source(
        "la_care_leavers_activity.csv",
        (("care_leaver_age", "19 to 21 years"),
         ("breakdown", "Total not in education, employment or training")),
        "care_leaver_percent", "financial_year"),
    "sw-turnover": Source("csww_indicators_2017_to_2025.csv", (), "turnover_rate_fte",
                          "rolling_september"),
    "sw-agency-rate": Source("csww_indicators_2017_to_2025.csv", (), "agency_rate_fte",
                             "snapshot_september"),
    "sw-vacancy-rate": Source("csww_indicators_2017_to_2025.csv", (), "vacancy_rate_fte",
                              "snapshot_september"),
    "sw-caseload": Source("csww_indicators_2017_to_2025.csv", (), "caseload_fte",
                          "snapshot_september"),
    "ehcp-20-weeks": Source("sen2_timeliness_20_week.csv",
                            (("breakdown_topic", "All EHC plans issued"),
                             ("breakdown", "All EHC plans issued")),
                            "PC_plans_issued_20_weeks_ex", "calendar_year"),
    "cla-persistent-absence": Source("absence_la.csv",
                                     (("social_care_group", "CLA 12 months at 31 March"),
                                      ("phase_type_grouping", "Total")),
                                     "pt_pupils_pa_10_exact", "academic_year"),
    "cin-overall-absence": Source("absence_la.csv",
                                  (("social_care_group", "CINO at 31 March"),
                                   ("phase_type_grouping", "Total")),
                                  "pt_overall", "academic_year"),
}

ID_COLUMNS = ("time_period", "time_identifier", "geographic_level", "country_code", "country_name",
              "region_code", "region_name", "old_la_code", "new_la_code", "la_name")


def dfe_period(time_period: str, rule: str) -> str:
    """Map DfE's time_period to the canonical period code of the indicator's period type."""
    if rule == "academic_year":  # 202425 -> 2024-25
        return f"{time_period[:4]}-{time_period[4:]}"
    if rule == "calendar_year":
        return time_period
    year = int(time_period)  # a reporting year ending in March (or September for the workforce)
    return {
        "financial_year": f"{year - 1}-{year % 100:02d}",
        "rolling_march": f"{year}-03",
        "rolling_september": f"{year}-09",
        "snapshot_march": f"{year}-03-31",
        "snapshot_september": f"{year}-09-30",
    }[rule]


def read_dfe(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def neighbour_group(dfe: Path) -> list[str]:
    """The 10 statistical neighbours (3-digit LA numbers) DfE's model gives the model council."""
    from openpyxl import load_workbook

    sheet = load_workbook(dfe / "lait" / "statistical_neighbours_may_2025.xlsx", read_only=True,
                          data_only=True).worksheets[0]
    for row in sheet.iter_rows(values_only=True):
        if str(row[0]).strip() == NEIGHBOUR_MODEL_LA:
            return [str(row[column]).strip() for column in range(5, 25, 2)]
    raise SystemExit(f"LA {NEIGHBOUR_MODEL_LA} is not in the statistical neighbours file")


def wanted_row(row: dict[str, str], source: Source, neighbours: set[str]) -> bool:
    if any(row.get(column) != value for column, value in source.filters):
        return False
    level = row["geographic_level"]
    return (level == "National" or (level == "Regional" and row["region_code"] == REGION[0])
            or (level == "Local authority" and row["old_la_code"] in neighbours))


def make_extract(dfe: Path) -> dict[str, str]:
    """Return the extract files (name -> CSV text): the exact source rows the comparators use."""
    neighbours = set(neighbour_group(dfe))
    by_file: dict[str, list[Source]] = {}
    for source in COMPARATORS.values():
        by_file.setdefault(source.file, []).append(source)
    files: dict[str, str] = {}
    for name, sources in sorted(by_file.items()):
        header, rows = read_dfe(dfe / "ees" / name)
        keep = [c for c in header if c in ID_COLUMNS or any(c in dict(s.filters) or c == s.value
                                                           for s in sources)]
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(keep)
        for row in rows:
            if any(wanted_row(row, source, neighbours) for source in sources):
                writer.writerow([row[c] for c in keep])
        files[name] = out.getvalue()
    group = io.StringIO()
    writer = csv.writer(group, lineterminator="\n")
    writer.writerow(["model_la", "rank", "old_la_code"])
    for rank, code in enumerate(neighbour_group(dfe), start=1):
        writer.writerow([NEIGHBOUR_MODEL_LA, rank, code])
    files["statistical_neighbours.csv"] = group.getvalue()
    return files


def read_extract(folder: Path) -> tuple[dict[str, list[dict[str, str]]], list[str]]:
    """Read an extract folder: rows per source file, and the neighbour group in rank order."""
    tables = {}
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            tables[path.name] = list(csv.DictReader(handle))
    group = [row["old_la_code"] for row in tables.pop("statistical_neighbours.csv")]
    return tables, group


def comparator_rows(indicator_id: str, source: Source, dp: int, wanted: set[str],
                    tables: dict[str, list[dict[str, str]]], group: list[str]) -> list[dict]:
    """England, North West, neighbour average and named neighbours for the wanted periods."""
    rows: list[dict[str, str]] = []
    by_period: dict[str, list[dict[str, str]]] = {}
    for row in tables[source.file]:
        if any(row.get(column) != value for column, value in source.filters):
            continue
        period = dfe_period(row["time_period"], source.period)
        if period in wanted:
            by_period.setdefault(period, []).append(row)
    named = [code for code in group if any(
        r["old_la_code"] == code and r["region_code"] == REGION[0]
        for rs in by_period.values() for r in rs)][:NAMED_NEIGHBOURS]

    def out(period: str, area_type: str, code: str, name: str, cell: str) -> dict[str, str]:
        cell = cell.strip()
        missing = cell if cell.lower() in MISSING_SYMBOLS else ("x" if cell == "" else "")
        return {"indicator_id": indicator_id, "period": period, "area_type": area_type,
                "area_code": code, "area_name": name, "value": "" if missing else cell,
                "numerator": "", "denominator": "", "missing": missing.lower()}

    for period in sorted(by_period, key=lambda p: parse_canonical(p, _kind(source)).end):
        found = by_period[period]
        england = [r for r in found if r["geographic_level"] == "National"]
        region = [r for r in found if r["geographic_level"] == "Regional"]
        locals_ = {r["old_la_code"]: r for r in found if r["geographic_level"] == "Local authority"}
        if england:
            rows.append(out(period, "england", *ENGLAND, england[0][source.value]))
        if region:
            rows.append(out(period, "region", *REGION, region[0][source.value]))
        numbers = [Decimal(locals_[c][source.value]) for c in group if c in locals_
                   and locals_[c][source.value].strip().lower() not in MISSING_SYMBOLS | {""}]
        if numbers:
            average = text(sum(numbers) / len(numbers), dp)
            rows.append(out(period, "statistical_neighbours", "statistical-neighbours",
                            f"Statistical neighbours (average of {len(numbers)})", average))
        for code in named:
            if code in locals_:
                r = locals_[code]
                rows.append(out(period, "neighbour", r["new_la_code"], r["la_name"],
                                r[source.value]))
    return rows


def _kind(source: Source) -> PeriodType:
    return {"financial_year": PeriodType.FINANCIAL_YEAR, "rolling_march":
            PeriodType.ROLLING_12_MONTHS, "rolling_september": PeriodType.ROLLING_12_MONTHS,
            "snapshot_march": PeriodType.SNAPSHOT, "snapshot_september": PeriodType.SNAPSHOT,
            "academic_year": PeriodType.ACADEMIC_YEAR,
            "calendar_year": PeriodType.CALENDAR_YEAR}[source.period]


# ---------------------------------------------------------------------------------------------
# The indicators

FY_TARGETS = ("2021-04-01", "2023-04-01", "2025-04-01")
COVID = "No figure: collection paused during the COVID-19 pandemic."


def tgt(*pairs: tuple[float, float], note: str = "") -> list:
    """Targets changing by financial year: one (target, amber tolerance) per FY_TARGETS date."""
    return [(start, t, a, None, None, note or "Agreed with the Lead Member for the year.")
            for start, (t, a) in zip(FY_TARGETS, pairs, strict=False)]


def rng_(*ranges: tuple[float, float], note: str) -> list:
    return [(start, None, None, low, high, note)
            for start, (low, high) in zip(FY_TARGETS, ranges, strict=False)]


MONTHS = month_codes((2019, 4))
QUARTERS = quarter_codes((2019, 1))
QUARTER_MONTHS = quarter_end_months((2019, 4))
FINANCIAL = year_codes(2018, 2024)
MARCH_SNAPSHOTS = [f"{y}-03-31" for y in range(2019, 2026)]
SEPT_SNAPSHOTS = [f"{y}-09-30" for y in range(2019, 2026)]
ACADEMIC = year_codes(2018, 2024)
CALENDAR = [str(y) for y in range(2018, 2025)]
QUARTER_SNAPSHOTS = [
    (date(int(c[:4]), int(c[5:]), 1) + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    for c in QUARTER_MONTHS]
QUARTER_SNAPSHOTS = [d.isoformat() for d in QUARTER_SNAPSHOTS]
MONTH_SNAPSHOTS = [((date(int(c[:4]), int(c[5:]), 1) + timedelta(days=32)).replace(day=1)
                    - timedelta(days=1)).isoformat() for c in MONTHS]
MIGRATION = {"2023-11": ("x", "Not available: the case management system moved to a new supplier "
                         "in November 2023 and the month could not be reported.")}

HEAD_FRONT_DOOR = "Head of Service, Front Door and Early Help"
HEAD_CP = "Head of Service, Safeguarding"
HEAD_CIC = "Head of Service, Children in Care"
HEAD_LEAVING = "Service Manager, Leaving Care"
HEAD_HEALTH = "Designated Nurse for Children Looked After"
HEAD_MISSING = "Service Manager, Exploitation and Missing"
HEAD_WORKFORCE = "Principal Social Worker"
HEAD_SEND = "Head of SEND"
HEAD_ATTENDANCE = "Head of Inclusion and Attendance"

SPECS: list[Spec] = [
    # --- 1 Front door and early help ----------------------------------------------------------
    Spec("contacts", "Contacts received by the front door", "How many times are we contacted "
         "with a worry about a child?", "front-door",
         "Contacts about a child received by the Multi-Agency Safeguarding Hub (MASH) in the "
         "month, from any source.", "count", 0, "no_preference", "monthly", "month",
         "Council case management system", MONTHS, "count", (1080, 1190), 70,
         priorities="early-help", counts_people=False,
         data_notes="A contact is counted each time we are told about a child, so one child can "
         "have several contacts in a month.",
         why="Contacts show how much worry about children reaches us. A rise can follow a "
         "campaign or a change in partners' practice as well as a rise in need.",
         related="referrals", gaps=MIGRATION,
         story="Contacts from schools rose after the start of the autumn term, as they do each "
         "September.", actions="- Weekly MASH huddle with schools' designated safeguarding leads.",
         author=HEAD_FRONT_DOOR),
    Spec("referrals", "Referrals to children's social care", "How many contacts need a social "
         "work assessment?", "front-door",
         "Referrals to children's social care accepted in the month.", "count", 0,
         "no_preference", "monthly", "month", "Council case management system", MONTHS, "count",
         (168, 158), 14, priorities="early-help;safe-at-home",
         data_notes="Referrals are counted when accepted, so a contact at the end of a month can "
         "become a referral in the next.",
         why="Referrals show how many families need a social work assessment. We compare them "
         "with an expected range rather than a target: fewer referrals is not better in itself.",
         related="contacts;re-referrals", gaps=MIGRATION,
         targets=rng_((140, 190), (140, 190), (145, 195),
                      note="Expected range from the last three years' monthly referrals."),
         story="Referrals stayed inside the expected range.",
         actions="- Keep monitoring police referrals after the new notification process.",
         author=HEAD_FRONT_DOOR),
    Spec("re-referrals", "Re-referrals within 12 months", "How many referrals are about a child "
         "we were told about in the last year?", "front-door",
         "Referrals in the 12 months to the end of the month that came within 12 months of a "
         "previous referral for the same child.", "percentage", 1, "lower_is_better", "monthly",
         "rolling_12_months", "Council case management system; DfE Children in need census (CIN)",
         MONTHS, "pct", (24.5, 21.2), 0.8, denom=1950, priorities="safe-at-home",
         numerator="Referrals within 12 months of a previous referral",
         denominator="Referrals in the 12 months", source_url=URL_CIN,
         data_notes="This is a rolling 12-month figure: each month's value covers the 12 months "
         "to that month, so it moves slowly and differs from the single-month figures in our "
         "monthly report. The 12 months to March match DfE's year, so England, North West and "
         "statistical neighbour figures are shown for March only.",
         why="A child referred again soon after a referral may not have had the help they needed "
         "the first time.", related="referrals;assessments-45-days",
         targets=tgt((22, 2), (21, 2), (20, 2)), comparators="re-referrals",
         flags={"2024-12": ("revised", "Revised: duplicate referrals for one family were "
                            "removed after audit."),
                "2025-09": ("provisional", "Provisional until the October data cleanse.")},
         story="Re-referrals are **close to the England figure** but above our target.",
         actions="- Audit of 30 re-referred children in October.\n- Step-down plans to be "
         "checked by early help before closure.", author=HEAD_FRONT_DOOR,
         earlier_comment="2024-09", earlier_story="Two large sibling groups were re-referred in "
         "August, which moved the figure."),
    Spec("assessments-45-days", "Assessments completed within 45 working days", "How quickly do "
         "we complete assessments?", "front-door",
         "Children and family assessments completed in the month within 45 working days of the "
         "referral.", "percentage", 1, "higher_is_better", "monthly", "month",
         "Council case management system", MONTHS, "pct", (79, 89), 2.2, denom=175,
         priorities="early-help;safe-at-home",
         numerator="Assessments completed within 45 working days",
         denominator="Assessments completed in the month",
         previous_ids="single-assessment-timeliness",
         data_notes="Published as 'Single assessments within 45 days' until 2023; the measure "
         "did not change, only its name.",
         why="Families should not wait to find out what help they will get. 45 working days is "
         "the statutory maximum; many assessments should finish sooner.",
         related="re-referrals", targets=tgt((85, 5), (88, 4), (90, 4)),
         flags={"2025-06": ("revised", "Revised: six assessments recorded late were added."),
                "2025-09": ("provisional", "Provisional: assessments still being authorised.")},
         story="Timeliness has held close to target for six months.",
         actions="- Team managers review every assessment open at day 35.", author=HEAD_FRONT_DOOR,
         earlier_comment="2023-12", earlier_story="Timeliness fell after the case management "
         "system migration, while workers learned the new forms."),
    Spec("early-help-closures", "Early help cases closed", "How many families finished early "
         "help support?", "front-door",
         "Early help episodes closed in the quarter, for any reason.", "count", 0,
         "no_preference", "quarterly", "quarter", "Early help case management system",
         quarter_codes((2019, 1), (2023, 4)), "count", (290, 340), 18, status="retired",
         priorities="early-help", counts_people=True, replaced_by="early-help-needs-met",
         data_notes="Retired in April 2024: a count of closures did not say whether families "
         "were helped. Replaced by the share closed with needs met.",
         why="It showed how much early help work finished each quarter."),
    Spec("early-help-needs-met", "Early help closed with needs met", "When early help ends, "
         "were the family's needs met?", "front-door",
         "Early help episodes closed in the quarter where the family's plan outcomes were "
         "recorded as met.", "percentage", 1, "higher_is_better", "quarterly", "quarter",
         "Early help case management system", quarter_codes((2024, 1)), "pct", (68, 74), 1.5,
         denom=310, status="new", priorities="early-help",
         numerator="Episodes closed with needs met", denominator="Episodes closed",
         data_notes="New from April 2024, replacing the count of early help closures.",
         why="Early help works when families' needs are met and they do not need social care "
         "later.", related="re-referrals", targets=[("2024-04-01", 75, 5, None, None,
                                                      "First-year target; to be reviewed.")],
         story="The measure is new; one more year of data is needed before setting a firm target.",
         actions="- Closure audits by the early help quality lead.", author=HEAD_FRONT_DOOR),
    # --- 2 Child protection -------------------------------------------------------------------
    Spec("cp-rate", "Children on a child protection plan per 10,000", "How many children need a "
         "child protection plan?", "child-protection",
         "Children subject to a child protection plan at the end of the month per 10,000 "
         "children aged 0 to 17.", "rate_per_10000", 1, "no_preference", "monthly", "snapshot",
         "Council case management system; ONS mid-year population estimates", MONTH_SNAPSHOTS,
         "rate", (47, 43), 1.2, denom=61800, priorities="safe-at-home",
         numerator="Children on a child protection plan", denominator="Children aged 0 to 17",
         why="Shows how many children are at risk of significant harm. There is no right level: "
         "we compare it with an expected range.", related="cpp-second-subsequent;icpc-15-days",
         targets=rng_((38, 52), (38, 50), (36, 48),
                      note="Expected range from statistical neighbours' rates."),
         story="The rate is inside the expected range.", actions="- None beyond monitoring.",
         author=HEAD_CP),
    Spec("cpp-second-subsequent", "Child protection plans that are a second or later plan",
         "How many children starting a plan have had one before?", "child-protection",
         "Child protection plans starting in the year for children who had a previous plan at "
         "any time.", "percentage", 1, "lower_is_better", "annual", "financial_year",
         "DfE Children in need census (CIN)", FINANCIAL, "pct", (26.5, 22.8), 1.2, denom=330,
         priorities="safe-at-home", numerator="Plans starting that are a second or later plan",
         denominator="Plans starting in the year", source_url=URL_CIN,
         why="A repeat plan can mean that the first plan ended before change lasted.",
         related="cp-rate;re-referrals", targets=tgt((24, 2), (23, 2), (22, 2)),
         comparators="cpp-second-subsequent",
         story="Slightly better than England's 24.5%.",
         actions="- Conference chairs check step-down plans before ending a plan.",
         author=HEAD_CP),
    Spec("icpc-15-days", "Initial child protection conferences within 15 working days",
         "Do conferences happen quickly after a strategy discussion?", "child-protection",
         "Initial child protection conferences held within 15 working days of the strategy "
         "discussion that started the enquiry.", "percentage", 1, "higher_is_better",
         "quarterly", "quarter", "Council case management system", QUARTERS, "pct", (79, 90),
         3.0, denom=85, priorities="safe-at-home",
         numerator="Conferences within 15 working days", denominator="Initial conferences held",
         why="Children at risk need a protection plan quickly.", related="cp-rate",
         targets=tgt((85, 5), (88, 5), (90, 5)),
         story="Timeliness improved after a second conference chair was recruited.",
         actions="- Extra conference slots on Fridays.", author=HEAD_CP),
    Spec("cp-visits", "Child protection visits on time", "Do we see children on a plan as often "
         "as we should?", "child-protection",
         "Children on a child protection plan for the whole month who were seen within 10 "
         "working days of their previous visit.", "percentage", 1, "higher_is_better",
         "monthly", "month", "Council case management system", MONTHS, "pct", (88, 94), 1.5,
         denom=280, priorities="safe-at-home", numerator="Children visited on time",
         denominator="Children on a plan all month",
         why="Seeing children regularly is how we know whether they are safe.",
         related="cp-rate", targets=tgt((90, 3), (92, 3), (93, 3)),
         story="Visits stayed on time through the summer holidays.",
         actions="- Duty cover for visits during annual leave.", author=HEAD_CP),
    # --- 3 Children in care ---------------------------------------------------------------------
    Spec("cla-rate", "Children in care per 10,000", "How many children are in our care?",
         "children-in-care",
         "Children looked after at 31 March per 10,000 children aged 0 to 17.",
         "rate_per_10000", 0, "no_preference", "annual", "snapshot",
         "DfE Children looked after return (SSDA903); ONS mid-year population estimates",
         MARCH_SNAPSHOTS, "rate", (84, 92), 1.2, denom=61800, priorities="stable-homes",
         numerator="Children looked after at 31 March", denominator="Children aged 0 to 17",
         source_url=URL_CLA, related="cla-count;cla-starts",
         why="Shows how many children the council looks after compared with similar areas. "
         "Neither higher nor lower is better in itself, so we use an anticipated range.",
         targets=rng_((80, 100), (82, 102), (85, 105),
                      note="Anticipated range agreed with the Corporate Parenting Board."),
         comparators="cla-rate",
         story="Northbridge is close to the North West rate and well "
         "above England's.",
         actions="- Edge of care panel reviews every child at risk of coming into care.",
         author=HEAD_CIC),
    Spec("cla-count", "Children in care", "How many children are in our care this month?",
         "children-in-care", "Children looked after at the end of the month.", "count", 0,
         "no_preference", "monthly", "snapshot", "Council case management system",
         MONTH_SNAPSHOTS, "count", (525, 572), 5, priorities="stable-homes", counts_people=True,
         why="The number of children in care drives placement needs and costs.",
         related="cla-rate;cla-starts;residential-placements",
         data_notes="Month-end snapshots; the 31 March figure can differ slightly from the figure "
         "in DfE's return, which is checked and corrected before it is published.",
         targets=rng_((500, 580), (510, 590), (530, 600),
                      note="Anticipated range from the sufficiency strategy."),
         flags={MONTH_SNAPSHOTS[-1]: ("provisional", "")},
         story="Numbers are stable; the breakdown shows where children live.",
         actions="- Sufficiency strategy refresh in November.", author=HEAD_CIC),
    Spec("cla-starts", "Children starting to be looked after", "How many children came into "
         "our care?", "children-in-care",
         "Children who started to be looked after in the quarter.", "count", 0, "no_preference",
         "quarterly", "quarter", "Council case management system", QUARTERS, "count", (44, 48),
         5, priorities="stable-homes", counts_people=True,
         why="Shows how many children come into care, and why (the breakdown by reason).",
         related="cla-count;cla-rate",
         data_notes="Reasons are the main category of need recorded at the start of care "
         "(DfE codes N1 to N8). Categories with 1 to 5 children are not published.",
         story="Abuse or neglect remains the main reason children come into care.",
         actions="- Pre-proceedings work reviewed by the legal gateway panel.", author=HEAD_CIC),
    Spec("cla-placements-3plus", "Children in care with three or more placements in the year",
         "How many children in care moved home three or more times?", "children-in-care",
         "Children looked after at 31 March who had three or more placements during the year "
         "ending 31 March.", "percentage", 1, "lower_is_better", "annual", "financial_year",
         "DfE Children looked after return (SSDA903)", FINANCIAL, "pct", (11.2, 9.4), 0.6,
         denom=545, priorities="stable-homes",
         numerator="Children with 3 or more placements", denominator="Children looked after at "
         "31 March", source_url=URL_CLA, related="cla-long-term-stability",
         why="Every move disrupts a child's relationships and schooling.",
         targets=tgt((10, 1), (10, 1), (9, 1)), comparators="cla-placements-3plus",
         story="Fewer children moved three or more times than last year.",
         actions="- Placement stability meetings after a second move.", author=HEAD_CIC),
    Spec("cla-long-term-stability", "Long-term placement stability", "Do children in care for a "
         "long time have a stable home?", "children-in-care",
         "Children under 16 looked after for at least 2.5 years at 31 March who had lived with "
         "the same carer for at least 2 years.", "percentage", 1, "higher_is_better", "annual",
         "snapshot", "DfE Children looked after return (SSDA903)", MARCH_SNAPSHOTS, "pct",
         (66, 70), 1.3, denom=205, priorities="stable-homes",
         numerator="Children with the same carer for 2 years or more",
         denominator="Under-16s looked after for 2.5 years or more", source_url=URL_CLA,
         related="cla-placements-3plus", why="Long-term stability lets children settle.",
         targets=tgt((68, 3), (70, 3), (70, 3)), comparators="cla-long-term-stability",
         story="Stable, and in line with England.", actions="- Foster carer support groups.",
         author=HEAD_CIC),
    Spec("residential-placements", "Children in care living in residential homes",
         "How many children in care live in children's homes?", "children-in-care",
         "Children looked after at the end of the quarter placed in children's homes or other "
         "residential settings.", "percentage", 1, "no_preference", "quarterly", "snapshot",
         "Council case management system", QUARTER_SNAPSHOTS, "pct", (13, 18), 0.7, denom=560,
         priorities="stable-homes", numerator="Children in residential placements",
         denominator="Children looked after", related="cla-count",
         why="Some children need a children's home, but most do best in a family. We compare "
         "with an anticipated range, not a target.",
         targets=rng_((10, 15), (10, 15), (11, 16),
                      note="Anticipated range from the sufficiency strategy."),
         story="The share in residential homes is **above the anticipated range**, because "
         "there are not enough foster carers for teenagers.",
         actions="- Foster carer recruitment campaign for teenagers.\n- Two in-house children's "
         "homes open in 2026.", author=HEAD_CIC),
    # --- 4 Care leavers -------------------------------------------------------------------------
    Spec("care-leavers-neet", "Care leavers aged 19 to 21 not in education, employment or "
         "training", "Are our care leavers in work, education or training?", "care-leavers",
         "Care leavers whose 19th, 20th or 21st birthday fell in the year who were not in "
         "education, employment or training (NEET) around their birthday.", "percentage", 1,
         "lower_is_better", "annual", "financial_year",
         "DfE Children looked after return (SSDA903)", FINANCIAL, "pct", (43, 38), 2.0,
         denom=96, priorities="good-futures", threshold=100,
         numerator="Care leavers aged 19 to 21 who are NEET",
         denominator="Care leavers aged 19 to 21", source_url=URL_CLA,
         related="care-leavers-accommodation;care-leavers-in-touch",
         data_notes="Based on fewer than 100 young people, so one person changes the figure by "
         "about one percentage point.",
         why="Education, training and work give care leavers a stable start to adult life.",
         targets=tgt((42, 3), (40, 3), (38, 3)), comparators="care-leavers-neet",
         story="Slightly above England's 40% and in line with the "
         "North West.", actions="- Ring-fenced apprenticeships with the "
         "council and two local employers.", author=HEAD_LEAVING),
    Spec("care-leavers-accommodation", "Care leavers in suitable accommodation", "Do our care "
         "leavers live somewhere suitable?", "care-leavers",
         "Care leavers aged 17 to 21 in touch with us at the end of the quarter whose "
         "accommodation was judged suitable.", "percentage", 1, "higher_is_better", "quarterly",
         "quarter", "Council case management system", QUARTERS, "pct", (86, 90), 2.0, denom=150,
         priorities="good-futures", threshold=100, numerator="Care leavers in suitable "
         "accommodation", denominator="Care leavers aged 17 to 21 in touch",
         related="care-leavers-neet",
         why="A safe, stable home is the base for everything else.",
         targets=tgt((88, 4), (90, 4), (92, 3)),
         story="Two young people were in emergency accommodation at the end of September.",
         actions="- Joint housing protocol reviewed with the housing service.",
         author=HEAD_LEAVING),
    Spec("care-leavers-in-touch", "Care leavers we are in touch with", "Do we stay in touch "
         "with our care leavers?", "care-leavers",
         "Care leavers aged 17 to 21 with whom we were in touch in the quarter.", "percentage",
         1, "higher_is_better", "quarterly", "quarter", "Council case management system",
         QUARTERS, "pct", (92, 95), 1.2, denom=160, priorities="good-futures", threshold=100,
         numerator="Care leavers in touch", denominator="Care leavers aged 17 to 21",
         related="care-leavers-accommodation", why="We cannot help young people we have lost "
         "touch with.", targets=tgt((94, 2), (95, 2), (95, 2)),
         story="In touch with nearly all care leavers.", actions="- None beyond monitoring.",
         author=HEAD_LEAVING),
    Spec("pathway-plans", "Care leavers with an up-to-date pathway plan", "Does every care "
         "leaver have a current plan?", "care-leavers",
         "Care leavers aged 16 to 21 whose pathway plan was reviewed in the last six months.",
         "percentage", 1, "higher_is_better", "monthly", "month",
         "Council case management system", month_codes((2025, 4)), "pct", (78, 84), 2,
         denom=170, status="in_development", priorities="good-futures", threshold=100,
         numerator="Care leavers with a plan reviewed in 6 months",
         denominator="Care leavers aged 16 to 21",
         data_notes="In development: first reported in April 2025. The way reviews are recorded "
         "is still being checked, so there is no target yet.",
         why="A pathway plan sets out the support a young person gets as they leave care.",
         related="care-leavers-in-touch", story="This is the first time these figures have been "
         "included; no target has been set yet.",
         actions="- Recording guidance for personal advisers.", author=HEAD_LEAVING),
    # --- 5 Health of children in care --------------------------------------------------------
    Spec("health-assessments", "Health assessments of children in care", "Do children in care "
         "have their yearly health assessment?", "health-of-children-in-care",
         "Children looked after for at least 12 months at the end of the period whose annual "
         "health assessment was up to date.", "percentage", 1, "higher_is_better", "quarterly",
         "rolling_12_months", "Council case management system", QUARTER_MONTHS, "pct",
         (87, 92), 1.5, denom=405, priorities="stable-homes",
         numerator="Children with an up-to-date health assessment",
         denominator="Children looked after for 12 months or more",
         related="dental-checks;iha-20-days",
         data_notes="Two sources differ: the health provider counts an assessment when it is "
         "done; the council counts it when the report reaches the child's record, up to four "
         "weeks later. These are the council's figures, which are usually 2 to 3 points lower "
         "than the provider's.",
         why="Children in care often have health needs that were missed before they came into "
         "care.", targets=tgt((90, 5), (90, 5), (92, 4)),
         story="The provider's figure for the same period is higher because reports arrive late.",
         actions="- Monthly data match with the provider.", author=HEAD_HEALTH),
    Spec("dental-checks", "Dental checks of children in care", "Do children in care see a "
         "dentist?", "health-of-children-in-care",
         "Children looked after for at least 12 months at 31 March who had a dental check in "
         "the year.", "percentage", 1, "higher_is_better", "annual", "financial_year",
         "DfE Children looked after return (SSDA903)", FINANCIAL, "pct", (82, 80), 1.5,
         denom=400, priorities="stable-homes", numerator="Children with a dental check",
         denominator="Children looked after for 12 months or more", source_url=URL_CLA,
         related="health-assessments", dips={"2020-21": 41.0},
         flags={"2020-21": ("", "Dental practices stopped routine checks during the COVID-19 "
                            "pandemic.")},
         why="Tooth decay is common and preventable.",
         story="No target is set because access to NHS dentists is outside the council's "
         "control.", actions="- Looked-after children's dental pathway with the ICB.",
         author=HEAD_HEALTH),
    Spec("iha-20-days", "Initial health assessments within 20 working days", "Do children "
         "coming into care have a health assessment quickly?", "health-of-children-in-care",
         "Children who came into care in the month whose initial health assessment took place "
         "within 20 working days.", "percentage", 0, "higher_is_better", "monthly", "month",
         "Council case management system; community paediatric service", MONTHS, "pct",
         (55, 76), 7, denom=11, denom_noise=0.3, denom_memory=0, priorities="stable-homes",
         threshold=20,
         numerator="Assessments within 20 working days",
         denominator="Children who came into care and needed an assessment",
         suppress_below=6, related="health-assessments",
         data_notes="Monthly numbers are small: months with fewer than 6 children are not "
         "published, and one child changes the figure by about 8 percentage points.",
         why="The first health assessment finds needs that have been missed.",
         targets=tgt((65, 10), (70, 10), (75, 10)),
         story="Small numbers make the monthly figure move a lot.",
         actions="- Paediatric clinic slots held for new entrants.", author=HEAD_HEALTH),
    # --- 6 Missing children ---------------------------------------------------------------------
    Spec("missing-children", "Children who went missing", "How many children went missing "
         "from home or care?", "missing-children",
         "Children reported missing from home or care at least once in the month.", "count", 0,
         "no_preference", "monthly", "month", "Council case management system; police "
         "notifications", MONTHS, "count", (48, 42), 5, priorities="safe-at-home",
         counts_people=True, related="return-home-interviews",
         why="Children who go missing are at risk of harm and exploitation.",
         story="Fewer children went missing than in the summer.",
         actions="- Multi-agency exploitation panel reviews every child missing three times.",
         author=HEAD_MISSING),
    Spec("return-home-interviews", "Return home interviews within 72 hours", "When children "
         "come back, do we talk to them quickly?", "missing-children",
         "Missing episodes in the month where the child was offered a return home interview "
         "within 72 hours of coming back.", "percentage", 1, "higher_is_better", "monthly",
         "month", "Commissioned return home interview service", MONTHS, "pct", (66, 83), 3,
         denom=95, priorities="safe-at-home", numerator="Episodes with an interview offered in "
         "72 hours", denominator="Missing episodes that ended in the month",
         related="missing-children",
         data_notes="The commissioned provider counts interviews offered; the council's own "
         "report counts interviews held, which is about 10 points lower.",
         why="Return home interviews find out why a child went missing and what would keep them "
         "safe.", targets=tgt((75, 10), (80, 5), (85, 5)),
         story="Below target: the provider had two vacancies over the summer.",
         actions="- Provider recruiting; council staff covering interviews until November.",
         author=HEAD_MISSING, earlier_comment="2024-08",
         earlier_story="Dipped in August when many episodes ended at weekends."),
    # --- 7 Workforce ----------------------------------------------------------------------------
    Spec("sw-turnover", "Social worker turnover", "How many social workers leave us each "
         "year?", "workforce",
         "Children and family social workers (FTE) who left in the 12 months to the end of the "
         "quarter, as a percentage of FTE social workers in post at the end of the quarter.",
         "percentage", 1, "lower_is_better", "quarterly", "rolling_12_months",
         "Council HR system; DfE Children's social work workforce census", QUARTER_MONTHS, "pct",
         (18.5, 13.2), 1.2, denom=164, priorities="strong-workforce", threshold=200,
         numerator="Leavers in 12 months (FTE)", denominator="Social workers in post (FTE)",
         source_url=URL_CSWW, related="sw-agency-rate;sw-vacancy-rate;sw-caseload",
         data_notes="Rolling 12 months to the end of each quarter. DfE's census is at 30 "
         "September, so comparators are shown for September only. Fewer than 200 FTE, so one "
         "or two leavers move the rate noticeably.",
         why="Children do better when they keep the same social worker.",
         targets=tgt((16, 2), (15, 2), (14, 2)), comparators="sw-turnover",
         flags={QUARTER_MONTHS[-1]: ("provisional", "Provisional until HR year-end checks.")},
         story="Turnover is now below target; two team managers' promotions to other "
         "councils still count as leavers.",
         actions="- Exit interviews for every leaver.\n- Career pathway "
         "launched in April.", author=HEAD_WORKFORCE),
    Spec("sw-agency-rate", "Agency social workers", "How many of our social workers come from "
         "agencies?", "workforce",
         "Agency children and family social workers (FTE) at the end of the quarter as a "
         "percentage of all social workers (agency and employed, FTE).", "percentage", 1,
         "lower_is_better", "quarterly", "snapshot",
         "Council HR system; DfE Children's social work workforce census", QUARTER_SNAPSHOTS,
         "pct", (22, 14), 1.0, denom=192, priorities="strong-workforce", threshold=200,
         numerator="Agency social workers (FTE)", denominator="All social workers (FTE)",
         source_url=URL_CSWW, related="sw-turnover;sw-vacancy-rate", comparators="sw-agency-rate",
         why="Agency workers cost more and stay for less time.",
         targets=tgt((20, 3), (16, 2), (13, 2)),
         story="Agency use has fallen for eight quarters in a row.",
         actions="- Conversion offer for agency workers.", author=HEAD_WORKFORCE),
    Spec("sw-vacancy-rate", "Social worker vacancies", "How many social worker posts are "
         "empty?", "workforce",
         "Vacant children and family social worker posts (FTE) at the end of the quarter as a "
         "percentage of vacancies plus social workers in post.", "percentage", 1,
         "lower_is_better", "quarterly", "snapshot",
         "Council HR system; DfE Children's social work workforce census", QUARTER_SNAPSHOTS,
         "pct", (21, 15), 1.1, denom=195, priorities="strong-workforce", threshold=200,
         numerator="Vacant posts (FTE)", denominator="Vacant posts plus social workers in post "
         "(FTE)", source_url=URL_CSWW, related="sw-turnover;sw-agency-rate",
         comparators="sw-vacancy-rate", why="Vacancies raise caseloads for everyone else.",
         targets=tgt((20, 3), (17, 3), (15, 2)),
         story="Newly qualified social workers joined in September.",
         actions="- Second cohort of the social work academy.", author=HEAD_WORKFORCE),
    Spec("sw-caseload", "Average social worker caseload", "How many children does each social "
         "worker support?", "workforce",
         "Cases held by children and family social workers at the end of the month divided by "
         "the FTE of social workers holding cases.", "number", 1, "lower_is_better", "monthly",
         "snapshot", "Council case management system and HR system", MONTH_SNAPSHOTS, "ratio",
         (19.2, 16.4), 0.5, denom=150, priorities="strong-workforce",
         numerator="Cases held", denominator="Social workers holding cases (FTE)",
         source_url=URL_CSWW, related="sw-vacancy-rate", comparators="sw-caseload",
         why="Manageable caseloads give social workers time to know the children they support.",
         targets=tgt((18, 2), (17, 1.5), (16, 1.5)),
         story="Caseloads are near target in most teams; the assessment teams are higher.",
         actions="- Caseload weighting tool piloted in assessment teams.",
         author=HEAD_WORKFORCE),
    # --- SEND (education package) -----------------------------------------------------------
    Spec("ehcp-20-weeks", "New EHC plans issued within 20 weeks", "How quickly do we issue "
         "education, health and care plans?", "send",
         "New education, health and care (EHC) plans issued in the calendar year within 20 "
         "weeks of the request for assessment, excluding cases where the law allows longer.",
         "percentage", 1, "higher_is_better", "annual", "calendar_year",
         "DfE SEN2 return", CALENDAR, "pct", (60, 43), 4, denom=410, priorities="inclusion",
         numerator="Plans issued within 20 weeks (excluding exceptions)",
         denominator="Plans issued (excluding exceptions)", source_url=URL_SEN2,
         related="ehcp-requests;ehcp-annual-reviews", comparators="ehcp-20-weeks",
         why="Children wait for the right support while a plan is written.",
         targets=tgt((60, 10), (60, 10), (55, 10)), package="education",
         story="Timeliness fell as requests rose by a third over two years.",
         actions="- Extra educational psychologists from January.\n- Weekly tracking of every "
         "assessment past week 12.", author=HEAD_SEND),
    Spec("ehcp-requests", "Requests for an EHC needs assessment", "How many families ask for an "
         "EHC needs assessment?", "send",
         "Requests for an education, health and care needs assessment received in the month.",
         "count", 0, "no_preference", "monthly", "month", "Council SEND case management system",
         MONTHS, "count", (48, 72), 7, priorities="inclusion", counts_people=True,
         related="ehcp-20-weeks", package="education",
         why="Requests drive the work of the SEND service and the time plans take.",
         story="Requests remain high after the summer.", actions="- Capacity plan reviewed "
         "monthly.", author=HEAD_SEND),
    Spec("ehcp-annual-reviews", "EHC plan annual reviews on time", "Do we review plans every "
         "year as the law requires?", "send",
         "EHC plans due a review in the quarter whose annual review was completed on time.",
         "percentage", 1, "higher_is_better", "quarterly", "quarter",
         "Council SEND case management system", quarter_codes((2023, 1)), "pct", (46, 63), 3,
         denom=640, status="new", priorities="inclusion",
         numerator="Reviews completed on time", denominator="Reviews due",
         related="ehcp-20-weeks", package="education",
         data_notes="New from April 2023, when reviews started being recorded in the case "
         "management system.",
         why="A plan that is not reviewed can stop matching what the child needs.",
         targets=[("2023-04-01", 50, 10, None, None, "First target."),
                  ("2025-04-01", 65, 10, None, None, "Raised after two years of data.")],
         flags={"2025-26-Q2": ("provisional", "Provisional: reviews held in September are "
                               "still being recorded.")},
         story="Improving, but a third of reviews are still late.",
         actions="- Review co-ordinators in each locality.", author=HEAD_SEND),
    # --- Attendance (education package) -----------------------------------------------------
    Spec("overall-absence", "Overall absence in Northbridge schools", "How much school do "
         "pupils miss?", "attendance",
         "Half-day sessions missed for any reason as a percentage of possible sessions, pupils "
         "in state-funded schools, whole school year.", "percentage", 1, "lower_is_better",
         "annual", "academic_year", "DfE school census (absence)", ACADEMIC, "pct",
         (4.9, 7.1), 0.2, denom=9_800_000, priorities="attendance",
         numerator="Sessions missed", denominator="Possible sessions",
         dips={"2020-21": 4.7, "2021-22": 7.6, "2022-23": 7.5},
         gaps={"2019-20": ("x", COVID)}, related="persistent-absence", package="education",
         why="Pupils who miss school fall behind.", targets=tgt((5.0, 0.5), (6.5, 0.5),
                                                               (6.5, 0.5)),
         story="Absence is falling but still above pre-pandemic levels.",
         actions="- Attendance support team visits to every school with rising absence.",
         author=HEAD_ATTENDANCE),
    Spec("persistent-absence", "Persistent absence", "How many pupils miss one day in ten or "
         "more?", "attendance",
         "Pupils in state-funded schools who missed 10% or more of their possible sessions in "
         "the school year.", "percentage", 1, "lower_is_better", "annual", "academic_year",
         "DfE school census (absence)", ACADEMIC, "pct", (11, 19), 0.5, denom=51000,
         priorities="attendance", numerator="Persistent absentees", denominator="Pupils",
         dips={"2020-21": 12.5, "2021-22": 23.0, "2022-23": 22.4},
         gaps={"2019-20": ("x", COVID)}, related="overall-absence;cla-persistent-absence",
         package="education", why="Missing this much school harms progress and wellbeing.",
         targets=tgt((12, 1), (20, 2), (18, 2)),
         story="Persistent absence fell for the second year.", actions="- Targeted family "
         "support for persistently absent pupils.", author=HEAD_ATTENDANCE),
    Spec("cla-persistent-absence", "Persistent absence of children in care", "Do children in "
         "our care go to school regularly?", "attendance",
         "Children looked after for at least 12 months at 31 March who missed 10% or more of "
         "their possible sessions in the school year.", "percentage", 1, "lower_is_better",
         "annual", "academic_year", "DfE Outcomes for children in need, including children "
         "looked after", ACADEMIC, "pct", (12.5, 19.5), 1.2, denom=330,
         priorities="attendance", numerator="Persistent absentees",
         denominator="School-age children looked after for 12 months", source_url=URL_OUTCOMES,
         dips={"2020-21": 27.0}, gaps={"2019-20": ("x", COVID)}, threshold=50,
         related="persistent-absence;cin-overall-absence", comparators="cla-persistent-absence",
         package="education", why="School is one of the few constants for many children in "
         "care.", targets=tgt((15, 2), (20, 2), (18, 2)),
         story="Close to England's 20.3%.", actions="- Virtual School attendance officer "
         "follows up every absence over 5 days.", author="Virtual School Head"),
    Spec("cin-overall-absence", "Overall absence of children in need", "How much school do "
         "children supported by social workers miss?", "attendance",
         "Sessions missed by children in need at 31 March (not on a child protection plan or "
         "looked after) as a percentage of their possible sessions.", "percentage", 1,
         "lower_is_better", "annual", "academic_year", "DfE Outcomes for children in need, "
         "including children looked after", ACADEMIC, "pct", (11.8, 17.0), 0.6, denom=820_000,
         priorities="attendance", numerator="Sessions missed", denominator="Possible sessions",
         source_url=URL_OUTCOMES, dips={"2020-21": 13.9}, gaps={"2019-20": ("x", COVID)},
         related="cla-persistent-absence", comparators="cin-overall-absence",
         package="education",
         why="Children in need miss far more school than other pupils.",
         story="No target is set yet: a joint target with schools is being agreed.",
         actions="- Social workers record attendance at every visit.", author=HEAD_ATTENDANCE),
]

# ---------------------------------------------------------------------------------------------
# Package contents


SERVICE_AREAS = {
    "childrens": [
        ("front-door", 1, "Front door and early help", "Contacts, referrals, assessments and early "
         "help for families."),
        ("child-protection", 2, "Child protection", "Children at risk of significant harm and "
         "their child protection plans."),
        ("children-in-care", 3, "Children in care", "Children looked after by the council and "
         "where they live."),
        ("care-leavers", 4, "Care leavers", "Young people aged 16 to 25 who have left our care."),
        ("health-of-children-in-care", 5, "Health of children in care", "Health and dental "
         "checks for children looked after."),
        ("missing-children", 6, "Missing children", "Children who go missing from home or care."),
        ("workforce", 7, "Workforce", "The social workers who support children and families."),
    ],
    "education": [
        ("send", 8, "SEND and EHC plans", "Education, health and care plans for children with "
         "special educational needs and disabilities."),
        ("attendance", 9, "School attendance", "How often children attend school."),
    ],
}

PRIORITIES = {
    "childrens": [
        ("early-help", "Help families early", "Support families before problems become a crisis."),
        ("safe-at-home", "Children are safe",
         "Protect children from harm, at home and outside it."),
        ("stable-homes", "Stable, loving homes", "Children in care live in stable homes and are "
         "healthy."),
        ("good-futures", "Good futures for care leavers", "Care leavers have a home, work or "
         "learning and someone to turn to."),
        ("strong-workforce", "A stable, skilled workforce", "Keep social workers and keep "
         "caseloads manageable."),
    ],
    "education": [
        ("inclusion", "Inclusive education", "Children with special educational needs get the "
         "right support in good time."),
        ("attendance", "Every day counts", "Children attend school regularly."),
    ],
}

PACKAGE_META = {
    "childrens": ("Northbridge Council children's services (demonstration data)",
                  "Children's social care performance indicators for the fictional Northbridge "
                  "Council."),
    "education": ("Northbridge Council education and SEND (demonstration data)",
                  "Education, SEND and attendance performance indicators for the fictional "
                  "Northbridge Council."),
}

PLACEMENT_TYPES = [("Foster care with our own carers", 0.38), ("Foster care through an agency",
                   0.20), ("Kinship and connected carers", 0.13), ("Placed with parents", 0.08),
                   ("Children's homes and residential settings", 0.15),
                   ("Placed for adoption", 0.03), ("Supported accommodation", 0.025),
                   ("Secure units and other placements", 0.005)]
START_REASONS = [("N1 Abuse or neglect", 0.62), ("N2 Child's disability", 0.03),
                 ("N3 Parental illness or disability", 0.03), ("N4 Family in acute stress", 0.08),
                 ("N5 Family dysfunction", 0.13), ("N6 Socially unacceptable behaviour", 0.02),
                 ("N7 Low income", 0.005), ("N8 Absent parenting", 0.085)]
REFERRAL_SOURCES = [("Police", 0.29), ("Schools", 0.21), ("Health services", 0.14),
                    ("Local authority services", 0.12), ("Individuals and family", 0.09),
                    ("Other legal agencies", 0.04), ("Housing", 0.03), ("Other", 0.08)]


def split(total: int, shares: list[tuple[str, float]], rng: random.Random) -> list[int]:
    """Split a total into categories near the given shares (largest remainder)."""
    weights = [max(0.0, share * (1 + rng.gauss(0, 0.15))) for _, share in shares]
    scale = total / sum(weights)
    raw = [w * scale for w in weights]
    counts = [int(x) for x in raw]
    for i in sorted(range(len(raw)), key=lambda i: raw[i] - counts[i], reverse=True)[
            :total - sum(counts)]:
        counts[i] += 1
    return counts


def suppress(counts: list[int]) -> list[bool]:
    """DfE-style suppression: counts of 1 to 5, plus the next smallest when only one is hidden."""
    hidden = [1 <= c <= 5 for c in counts]
    if sum(hidden) == 1:
        rest = sorted((c, i) for i, c in enumerate(counts) if not hidden[i])
        hidden[rest[0][1]] = True
    return hidden


def breakdown_rows(observations: dict[str, list[dict]]) -> list[dict]:
    rows = []
    plans = [("cla-starts", "Reason for starting care", START_REASONS, QUARTERS[-8:]),
             ("cla-count", "Placement type", PLACEMENT_TYPES, QUARTER_SNAPSHOTS[-8:]),
             ("referrals", "Source of referral", REFERRAL_SOURCES, MONTHS[-6:])]
    for indicator_id, dimension, shares, periods in plans:
        rng = random.Random(f"northbridge:breakdown:{indicator_id}")
        values = {row["period"]: row["value"] for row in observations[indicator_id]}
        for period in periods:
            counts = split(int(values[period]), shares, rng)
            hidden = suppress(counts)
            for order, ((category, _), count, secret) in enumerate(
                    zip(shares, counts, hidden, strict=True), start=1):
                rows.append({"indicator_id": indicator_id, "period": period,
                             "dimension": dimension, "category": category,
                             "value": "" if secret else str(count),
                             "missing": "c" if secret else "", "order": str(order)})
    return rows


def describe(spec: Spec, value: str) -> str:
    if spec.unit == "percentage":
        return f"{value}%"
    if spec.unit == "rate_per_10000":
        return f"{value} per 10,000 children"
    if spec.unit == "count":
        return f"{int(value):,}"
    return value


def target_for(spec: Spec, period_end: date) -> tuple | None:
    found = None
    for row in spec.targets:
        if date.fromisoformat(row[0]) <= period_end:
            found = row
    return found


def commentary_for(spec: Spec, rows: list[dict], index: int, story: str) -> dict[str, str]:
    row, kind = rows[index], spec.period_type
    earlier = next((r for r in reversed(rows[:index]) if r["value"]), None)
    words = f"In {label(row['period'], kind)} the figure was **{describe(spec, row['value'])}**"
    if earlier:
        before = Decimal(earlier["value"])
        now = Decimal(row["value"])
        change = "the same as" if now == before else ("up from" if now > before else "down from")
        words += (f", {change} {describe(spec, earlier['value'])} in "
                  f"{label(earlier['period'], kind)}")
    words += "."
    target = target_for(spec, parse_canonical(row["period"], PeriodType(kind)).end)
    if target and target[1] is not None:
        t = Decimal(str(target[1]))
        now = Decimal(row["value"])
        met = now >= t if spec.polarity == "higher_is_better" else now <= t
        words += f" The target is {describe(spec, str(target[1]))}: " + (
            "it was met." if met else "it was not met.")
    elif target and target[3] is not None:
        low, high = Decimal(str(target[3])), Decimal(str(target[4]))
        now = Decimal(row["value"])
        where = "inside" if low <= now <= high else ("below" if now < low else "above")
        words += f" That is {where} the anticipated range of {target[3]:g} to {target[4]:g}."
    return {"indicator_id": spec.id, "period": row["period"],
            "commentary": f"{words}\n\n{story}", "actions": spec.actions, "author": spec.author}


def releases() -> list[dict[str, str]]:
    out = []
    for y, q in [(2024, 1), (2024, 2), (2024, 3), (2024, 4), (2025, 1), (2025, 2), (2025, 3),
                 (2025, 4)]:
        period = parse_canonical(f"{y}-{(y + 1) % 100:02d}-Q{q}", PeriodType.QUARTER)
        day = period.end + timedelta(days=42)
        day += timedelta(days=(3 - day.weekday()) % 7)  # the Thursday on or after six weeks
        published = (y, q) <= (2025, 2)
        title = f"Quarter {q} {y}/{(y + 1) % 100:02d}"
        notes = (f"Figures for {period.label}." if published else
                 f"Planned: figures for {period.label}.")
        out.append({"id": f"{y}-{(y + 1) % 100:02d}-q{q}", "title": title,
                    "date": day.isoformat(), "status": "published" if published else "planned",
                    "notes": notes})
    return out


RATINGS = {
    "sw-turnover": (QUARTER_MONTHS[-1], "amber", "The figure meets the target for the first "
                    "time, but it rests on fewer than 200 FTE and one quarter: the service rates "
                    "it amber until the fall has lasted two quarters."),
    "ehcp-20-weeks": (CALENDAR[-1], "red", "Well below target and below England; requests "
                      "rose faster than the service could respond. Recovery plan agreed with "
                      "the SEND Partnership Board."),
}


def tie_rate_to_count(rates: list[dict], counts: list[dict], spec: Spec) -> None:
    """Use the month-end count of children in care as the 31 March rate's numerator."""
    at = {row["period"]: row["value"] for row in counts}
    for row in rates:
        if at.get(row["period"]):
            row["numerator"] = at[row["period"]]
            row["value"] = text(Decimal(row["numerator"]) / Decimal(row["denominator"]) * 10_000,
                                spec.dp)


def indicator_row(spec: Spec) -> dict[str, str]:
    return {
        "id": spec.id, "title": spec.title, "question": spec.question,
        "service_area": spec.area, "priorities": spec.priorities, "definition": spec.definition,
        "numerator": spec.numerator, "denominator": spec.denominator, "unit": spec.unit,
        "decimal_places": str(spec.dp), "polarity": spec.polarity, "frequency": spec.frequency,
        "period_type": spec.period_type, "source": spec.source, "source_url": spec.source_url,
        "licence": "", "status": spec.status,
        "small_number_threshold": "" if spec.threshold is None else str(spec.threshold),
        "counts_people": "true" if spec.counts_people else "false",
        "data_notes": spec.data_notes, "why_it_matters": spec.why, "related": spec.related,
        "previous_ids": spec.previous_ids, "replaced_by": spec.replaced_by,
    }


def build(tables: dict[str, list[dict[str, str]]], group: list[str]) -> dict[str, dict]:
    """Return package name -> resource name -> rows."""
    packages: dict[str, dict[str, list[dict[str, str]]]] = {}
    for key in ("childrens", "education"):
        specs = [s for s in SPECS if s.package == key]
        observations = {s.id: make_series(s) for s in specs}
        if key == "childrens":
            tie_rate_to_count(observations["cla-rate"], observations["cla-count"],
                              next(s for s in specs if s.id == "cla-rate"))
        content: dict[str, list[dict[str, str]]] = {
            "service_areas": [dict(zip(("id", "item", "title", "description"),
                                       (a, str(i), t, d), strict=True))
                              for a, i, t, d in SERVICE_AREAS[key]],
            "priorities": [dict(zip(("id", "title", "description"), p, strict=True))
                           for p in PRIORITIES[key]],
            "indicators": [indicator_row(s) for s in specs],
            "observations": [row for s in specs for row in observations[s.id]],
            "comparators": [], "targets": [], "ratings": [], "commentary": [],
            "breakdowns": breakdown_rows(observations) if key == "childrens" else [],
            "releases": releases(),
        }
        for spec in specs:
            if spec.comparators:
                wanted = {row["period"] for row in observations[spec.id]}
                content["comparators"] += comparator_rows(spec.id, COMPARATORS[spec.comparators],
                                                          spec.dp, wanted, tables, group)
            for start, target, amber, low, high, note in spec.targets:
                content["targets"].append({
                    "indicator_id": spec.id, "applies_from": start, "target": text(target),
                    "amber_tolerance": text(amber), "expected_low": text(low),
                    "expected_high": text(high), "note": note})
            if spec.id in RATINGS:
                period, rating, reason = RATINGS[spec.id]
                content["ratings"].append({"indicator_id": spec.id, "period": period,
                                           "rating": rating, "reason": reason})
            rows = observations[spec.id]
            if spec.story and spec.status != "retired":
                latest = max(i for i, r in enumerate(rows) if r["value"])
                content["commentary"].append(commentary_for(spec, rows, latest, spec.story))
            if spec.earlier_comment:
                index = next(i for i, r in enumerate(rows) if r["period"] == spec.earlier_comment)
                content["commentary"].insert(len(content["commentary"]) - 1,
                                             commentary_for(spec, rows, index,
                                                            spec.earlier_story))
        packages[f"northbridge-{key}"] = content
    return packages


def descriptor(key: str, resources: dict[str, list]) -> dict[str, Any]:
    title, description = PACKAGE_META[key]
    return {
        "name": f"northbridge-{key}",
        "title": title,
        "description": description + " DEMONSTRATION DATA: Northbridge Council is fictional and "
        f"its figures are invented (its area code {COUNCIL_CODE} is not a real GSS code). The "
        "England, North West and statistical neighbour figures are real, published by the "
        "Department for Education. Statistical neighbours are those DfE's model (May 2025) gives "
        "for Bolton; the average is the simple mean of the published values, rounded.",
        "publisher": f"{COUNCIL} (fictional)",
        "area_code": COUNCIL_CODE,
        "demonstration": True,
        "format_version": fmt.FORMAT_VERSION,
        "licenses": [OGL],
        "sources": [
            {"title": "Department for Education, Open Government Licence v3.0 (England, North "
             "West and statistical neighbour comparators)",
             "path": "https://explore-education-statistics.service.gov.uk/"},
            {"title": f"{COUNCIL} (fictional): invented demonstration figures"},
        ],
        "resources": [
            {"name": name, "path": f"{name}.csv", "profile": "tabular-data-resource",
             "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
             "schema": fmt.schema(name)}
            for name in fmt.SCHEMAS if resources.get(name)
        ],
    }


def write_csv(path: Path, resource: str, rows: list[dict[str, str]]) -> None:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fmt.field_names(resource), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


EXTRACT_README = """# DfE extract for the example data tests

The exact rows (England, North West and the statistical neighbours used as comparators) and the
columns that `scripts/make_example_data.py` reads from the Department for Education's published
open-data CSVs. Data cells are copied byte for byte; only unused columns and rows are left out.

{attribution}

Files and releases (explore-education-statistics.service.gov.uk):
- `c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv`,
  `d3_cpps_subsequent_plan_2013_to_2025.csv`: Children in need.
- `cla_number_and_rate_per_10k_children.csv`, `la_cla_placement_stability.csv`,
  `la_care_leavers_activity.csv`: Children looked after in England including adoptions.
- `csww_indicators_2017_to_2025.csv`: Children's social work workforce.
- `sen2_timeliness_20_week.csv`: Education, health and care plans.
- `absence_la.csv`: Outcomes for children in need, including children looked after.
- `statistical_neighbours.csv`: the ten statistical neighbours of Bolton (LA {model}) in DfE's
  statistical neighbours model, May 2025, in rank order.

Regenerate with `python scripts/make_example_data.py`; `--check` compares this folder with the
shared source data.
"""


def write_all(root: Path, dfe: Path) -> None:
    extract = make_extract(dfe)
    folder = root / EXTRACT_DIR
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in extract.items():
        (folder / name).write_text(content, encoding="utf-8")
    (folder / "README.md").write_text(EXTRACT_README.format(
        attribution=DFE_ATTRIBUTION, model=NEIGHBOUR_MODEL_LA), encoding="utf-8")
    tables, group = read_extract(folder)
    for name, content in build(tables, group).items():
        target = root / "datapackages" / name
        target.mkdir(parents=True, exist_ok=True)
        for old in target.glob("*.csv"):
            old.unlink()
        for resource, rows in content.items():
            if rows:
                write_csv(target / f"{resource}.csv", resource, rows)
        (target / "datapackage.json").write_text(
            json.dumps(descriptor(name.split("-", 1)[1], content), indent=2, ensure_ascii=False)
            + "\n", encoding="utf-8")


def self_check(dfe: Path) -> int:
    """Regenerate into a temporary folder and compare every file with the committed ones."""
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        write_all(Path(tmp), dfe)
        for sub in [EXTRACT_DIR] + [Path("datapackages") / p for p in PACKAGES]:
            new, old = Path(tmp) / sub, ROOT / sub
            names = sorted({p.name for p in new.iterdir()} | {p.name for p in old.iterdir()})
            for name in names:
                if not (old / name).exists() or not (new / name).exists() or \
                        not filecmp.cmp(old / name, new / name, shallow=False):
                    problems.append(str(sub / name))
    for problem in problems:
        print(f"differs from a fresh run on {dfe}: {problem}")
    if not problems:
        print(f"OK: the committed example data and DfE extract equal a fresh run on {dfe}.")
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dfe", type=Path, default=DEFAULT_DFE,
                        help="folder holding DfE's ees/ and lait/ data (default: %(default)s)")
    parser.add_argument("--check", action="store_true",
                        help="compare the committed files with a fresh run instead of writing")
    args = parser.parse_args(argv)
    if args.check:
        return self_check(args.dfe)
    write_all(ROOT, args.dfe)
    print("Wrote datapackages/northbridge-childrens, datapackages/northbridge-education and "
          f"{EXTRACT_DIR}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
