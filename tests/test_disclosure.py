"""Disclosure control: a suppressed number never appears anywhere on the built site.

The unit tests are tables over the ``small-counts`` fixture (counts 1 to 5, small numerators,
breakdowns needing secondary suppression, values already marked c). The site test builds that
fixture and scans every file of the site — pages, chart data, CSV, JSON, ZIP members and the
search index. Suppressed figures were chosen so their printed forms are unique strings
(48611, 30.769, 13,579 ...); small counts (1 to 5) cannot be unique, so their table cells, chart
points and download rows are checked one by one. The same scan run on a site built with disclosure
control switched off finds every one of them, which shows the scan can fail.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator import build
from generator.analysis.disclosure import is_small, protect, protect_indicator
from generator.build import generate
from generator.input.check import load_site
from generator.model.site import Counted, IndicatorData, Missing, Site, Unit
from generator.pages.context import SiteContext
from generator.settings import DEFAULT_THRESHOLD
from tests.fixture_sites import PACKAGES, build_fixture, site_files

SMALL = PACKAGES / "small-counts"
C = "c"


@pytest.fixture(scope="module")
def raw_site() -> Site:
    """The fixture's model as loaded, before disclosure control."""
    return load_site([SMALL])


def _data(site: Site, indicator_id: str) -> IndicatorData:
    return next(d for d in site.indicators if d.indicator.id == indicator_id)


def _published(data: IndicatorData, period: str) -> float | str | None:
    row = next(o for o in data.observations if o.period.code == period)
    if row.missing is Missing.CONFIDENTIAL:
        assert row.value is None and row.numerator is None and row.denominator is None
        return C
    return row.value


# -- unit: the rule, one row per case ------------------------------------------------------------


@pytest.mark.parametrize(("count", "threshold", "small"), [
    (None, 5, False), (0, 5, False), (1, 5, True), (3, 5, True), (5, 5, True), (5.0, 5, True),
    (6, 5, False), (4, 3, False), (3, 3, True), (1, 0, False), (0.5, 5, True),
])
def test_is_small(count: float | None, threshold: int, small: bool) -> None:
    assert is_small(count, threshold) is small


@pytest.mark.parametrize(("indicator", "period", "threshold", "expected"), [
    # a count of people: 1 to the threshold become c, 0 and above the threshold are published
    ("sc-starts", "2022-23-Q3", 5, 6),
    ("sc-starts", "2022-23-Q4", 5, 51234),
    ("sc-starts", "2023-24-Q1", 5, C),       # 3
    ("sc-starts", "2023-24-Q2", 5, C),       # 1
    ("sc-starts", "2023-24-Q3", 5, C),       # already c in the data
    ("sc-starts", "2023-24-Q4", 5, C),       # 5, the threshold itself
    ("sc-starts", "2023-24-Q4", 4, 5),       # the threshold is a setting
    ("sc-starts", "2023-24-Q1", 2, 3),
    ("sc-starts", "2023-24-Q3", 0, C),       # c in the data stays c whatever the threshold
    # a percentage: suppressed through its numerator or denominator (it is not a count itself)
    ("sc-share", "2022-23-Q3", 5, 0),        # numerator 0 is published
    ("sc-share", "2022-23-Q4", 5, 61.2),
    ("sc-share", "2023-24-Q1", 5, C),        # 4 / 13
    ("sc-share", "2023-24-Q2", 5, C),        # 3 / 48611
    ("sc-share", "2023-24-Q3", 5, C),        # 5 / 19
    ("sc-share", "2023-24-Q3", 4, 26.316),
    ("sc-share", "2023-24-Q4", 5, C),        # c in the data, with its numerator and denominator
    # a rate per 10,000
    ("sc-rate", "2023-24-Q1", 5, C),         # 2 / 37573
    ("sc-rate", "2023-24-Q3", 5, C),         # 1 / 9547
    ("sc-rate", "2023-24-Q4", 5, 220),
])
def test_observation_suppression(raw_site: Site, indicator: str, period: str, threshold: int,
                                 expected: float | str) -> None:
    protected = protect_indicator(_data(raw_site, indicator), threshold)
    assert _published(protected, period) == expected


def test_a_published_fraction_keeps_its_numerator_and_denominator(raw_site: Site) -> None:
    row = next(o for o in protect_indicator(_data(raw_site, "sc-share"), DEFAULT_THRESHOLD).observations
               if o.period.code == "2022-23-Q4")
    assert (row.value, row.numerator, row.denominator) == (61.2, 612, 1000)


def test_small_numerator_of_a_plain_number_is_published(raw_site: Site) -> None:
    """An average caseload's numerator counts cases, not people: the rule does not apply."""
    data = _data(raw_site, "sc-share")
    data = replace(data, indicator=replace(data.indicator, unit=Unit.NUMBER))
    assert _published(protect_indicator(data, DEFAULT_THRESHOLD), "2023-24-Q2") == 0.006


@pytest.mark.parametrize(("counts_people", "counted", "hidden"), [
    (True, None, True),  # the older column alone
    (False, Counted.CHILDREN, True),  # what the figure counts names people: protected too
    (False, Counted.CARE_LEAVERS, True),
    (False, Counted.REFERRALS, False),  # events, not people
    (False, Counted.POSTS, False),
    (False, None, False),
])
def test_a_small_count_of_people_is_hidden_whichever_column_says_so(
        raw_site: Site, counts_people: bool, counted: Counted | None, hidden: bool) -> None:
    data = _data(raw_site, "sc-share")
    data = replace(data, indicator=replace(data.indicator, unit=Unit.COUNT, decimal_places=0,
                                           counts_people=counts_people, numerator_counts=counted),
                   observations=tuple(replace(o, value=3.0, numerator=None, denominator=None)
                                      for o in data.observations if o.value is not None))
    period = data.observations[-1].period.code
    assert (_published(protect_indicator(data, DEFAULT_THRESHOLD), period) == C) == hidden


@pytest.mark.parametrize(("period", "dimension", "category", "threshold", "expected"), [
    # one small cell and a known total: the smallest other cell is hidden too
    ("2024-25-Q1", "Reason", "Sentinel Alpha", 5, C),      # 4
    ("2024-25-Q1", "Reason", "Sentinel Beta", 5, C),       # 13579, secondary
    ("2024-25-Q1", "Reason", "Sentinel Gamma", 5, 38854),
    # one cell already c: the same
    ("2024-25-Q1", "Ward", "Sentinel Delta", 5, C),
    ("2024-25-Q1", "Ward", "Sentinel Epsilon", 5, C),       # 24683, secondary
    ("2024-25-Q1", "Ward", "Sentinel Zeta", 5, 27743),
    # every cell small (and the total is itself suppressed)
    ("2023-24-Q4", "Reason", "Sentinel Alpha", 5, C),
    ("2023-24-Q4", "Reason", "Sentinel Beta", 5, C),
    # below a lower threshold nothing is hidden, so no secondary suppression is needed
    ("2024-25-Q1", "Reason", "Sentinel Alpha", 3, 4),
    ("2024-25-Q1", "Reason", "Sentinel Beta", 3, 13579),
])
def test_breakdown_suppression(raw_site: Site, period: str, dimension: str, category: str,
                               threshold: int, expected: float | str) -> None:
    protected = protect_indicator(_data(raw_site, "sc-starts"), threshold)
    row = next(b for b in protected.breakdowns if (b.period.code, b.dimension, b.category)
               == (period, dimension, category))
    assert (C if row.missing is Missing.CONFIDENTIAL else row.value) == expected
    if row.missing is Missing.CONFIDENTIAL:
        assert row.value is None


def test_protect_reaches_the_packages_too(raw_site: Site) -> None:
    """Downloads are written from ``site.packages``; they must hold the protected rows."""
    site = protect(raw_site, DEFAULT_THRESHOLD)
    package = site.packages[0]
    for row in package.observations:
        assert not is_small(row.numerator, DEFAULT_THRESHOLD), row
        assert not is_small(row.denominator, DEFAULT_THRESHOLD), row
    assert set(package.observations) == {o for d in site.indicators for o in d.observations}


@pytest.mark.parametrize("threshold", [5, 3])
def test_methodology_page_explains_the_rule(raw_site: Site, threshold: int) -> None:
    context = SiteContext(council="Testshire Council", site_url="https://example.org/",
                          demonstration=True, threshold=threshold, contact="the performance team")
    page = generate(protect(raw_site, threshold), context)["methodology/index.md"]
    assert f"counts of people from 1 to {threshold} are not published" in page
    assert 'shown as "c"' in page
    assert "we also hide the next smallest part" in page


# -- the whole built site -----------------------------------------------------------------------

# Suppressed figures whose printed forms appear nowhere else: (what, number as written in data).
SENTINELS = [
    ("sc-share 2023-24-Q1 value (4 / 13)", "30.769"),
    ("sc-share 2023-24-Q2 denominator (numerator 3)", "48611"),
    ("sc-share 2023-24-Q3 value (5 / 19)", "26.316"),
    ("sc-share 2023-24-Q4 numerator (already c)", "24179"),
    ("sc-share 2023-24-Q4 denominator (already c)", "93917"),
    ("sc-rate 2023-24-Q1 denominator (numerator 2)", "37573"),
    ("sc-rate 2023-24-Q3 denominator (numerator 1)", "9547"),
    ("sc-starts breakdown Sentinel Beta (secondary)", "13579"),
    ("sc-starts breakdown Sentinel Epsilon (secondary)", "24683"),
]
# Small counts: (indicator, period) of observations and (period, category) of breakdowns.
SMALL_OBSERVATIONS = {("sc-starts", p) for p in ("2023-24-Q1", "2023-24-Q2", "2023-24-Q3",
                                                "2023-24-Q4")}
SMALL_BREAKDOWNS = {("2024-25-Q1", "Sentinel Alpha"), ("2024-25-Q1", "Sentinel Delta"),
                    ("2023-24-Q4", "Sentinel Alpha"), ("2023-24-Q4", "Sentinel Beta")}


def _number_pattern(text: str) -> re.Pattern[str]:
    """Match a number as data, JSON, or a page writes it (48611, 48611.0, 48,611)."""
    whole, _, fraction = text.partition(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    body = ",?".join(groups) + (r"\." + fraction if fraction else "")
    return re.compile(rf"(?<![\d.]){body}(?![\d])")


class _Tables(HTMLParser):
    """Collect every table row of a page as (row header, [cells])."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[tuple[str, list[str]]] = []
        self._cells: list[str] | None = None
        self._text: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self._cells = []
        elif tag in ("th", "td") and self._cells is not None:
            self._text = []

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("th", "td") and self._cells is not None and self._text is not None:
            self._cells.append("".join(self._text).strip())
            self._text = None
        elif tag == "tr" and self._cells:
            self.rows.append((self._cells[0], self._cells[1:]))
            self._cells = None


# Chart figures sit inert in the page, in a <script type="application/json"> or a <template>.
# The build minifies HTML, so attribute quotes are optional and attribute order may change.
CHART_DATA = re.compile(r'<(script|template)\b[^>]*class="?js-chart-data\b[^>]*>(.*?)</\1>', re.S)


def find_leaks(site_dir: Path, labels: dict[str, tuple[str, str]]) -> list[str]:
    """Return every place in the built site that shows a suppressed figure, as 'kind: where'.

    ``labels`` maps period codes to (long label, short chart label).
    """
    leaks: list[str] = []
    patterns = [(what, _number_pattern(number)) for what, number in SENTINELS]
    small_periods = {code for _, code in SMALL_OBSERVATIONS}
    long_labels = {labels[code][0] for code in small_periods}
    short_labels = {labels[code][1] for code in small_periods}
    latest_small = {category for period, category in SMALL_BREAKDOWNS if period == "2024-25-Q1"}
    for name, data in site_files(site_dir):
        text = data.decode("utf-8", errors="replace")
        for what, pattern in patterns:
            if pattern.search(text):
                leaks.append(f"sentinel {what}: {name}")
        if name.endswith(".csv"):
            for row in csv.DictReader(io.StringIO(text)):
                key = (row.get("indicator_id"), row.get("period"))
                category = row.get("category")
                hidden = (key in SMALL_OBSERVATIONS and category is None
                          and row.get("area_type", "council") == "council") \
                    or (key[0] == "sc-starts" and (key[1], category) in SMALL_BREAKDOWNS)
                shown = [row.get(c) for c in ("value", "numerator", "denominator") if row.get(c)]
                if hidden and shown:
                    leaks.append(f"csv {key} {category}: {name}")
        elif name.endswith("sc-starts.json"):
            for item in json.loads(text)["observations"]:
                small = ("sc-starts", item["period"]) in SMALL_OBSERVATIONS
                if small and item["value"] is not None:
                    leaks.append(f"json {item['period']}: {name}")
        elif name == "small-area/sc-starts/index.html":
            for header, cells in _table_rows(text):
                if (header in long_labels or header in latest_small) and cells \
                        and not cells[0].startswith(C):
                    leaks.append(f"html table {header} {cells[0]}: {name}")
            for match in CHART_DATA.finditer(text):
                for trace in json.loads(match.group(2))["data"]:
                    role = trace.get("meta", {}).get("role")
                    if trace["type"] == "scatter" and role == "council":
                        pairs = zip(trace["x"], trace["y"], strict=True)
                        if any(x in short_labels and y is not None for x, y in pairs):
                            leaks.append(f"chart points: {name}")
                    if trace["type"] == "bar":
                        bars = zip(trace["y"], trace["x"], trace["text"], strict=True)
                        if any(c in latest_small and (v is not None or t != C) for c, v, t in bars):
                            leaks.append(f"chart bars: {name}")
        elif name == "search/search_index.json":
            for doc in json.loads(text)["docs"]:
                if doc["location"].startswith("small-area/sc-starts/"):
                    for label in (*long_labels, *latest_small):
                        if re.search(re.escape(label) + r"\s*\d", doc["text"]):
                            leaks.append(f"search index {label}: {doc['location']}")
    return leaks


def _table_rows(html: str) -> list[tuple[str, list[str]]]:
    parser = _Tables()
    parser.feed(html)
    return parser.rows


@pytest.fixture(scope="module")
def labels(raw_site: Site) -> dict[str, tuple[str, str]]:
    return {o.period.code: (o.period.label, o.period.short_label)
            for d in raw_site.indicators for o in d.observations}


@pytest.fixture(scope="module")
def protected_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("small-counts")
    build_fixture(SMALL, out)
    return out / "site"


@pytest.fixture(scope="module")
def unprotected_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same site built with disclosure control switched off: the scan's control."""
    out = tmp_path_factory.mktemp("small-counts-unprotected")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(build, "protect", lambda site, threshold=DEFAULT_THRESHOLD, previous=None: site)
        build_fixture(SMALL, out)
    return out / "site"


def test_no_suppressed_figure_anywhere_in_the_built_site(
    protected_site: Path, labels: dict[str, tuple[str, str]]
) -> None:
    names = [name for name, _ in site_files(protected_site)]
    # The scan covers every kind of output, including files inside the ZIP download.
    assert "search/search_index.json" in names
    assert any("!" in name and name.endswith("observations.csv") for name in names)
    assert any("!" in name and name.endswith("breakdowns.csv") for name in names)
    leaks = find_leaks(protected_site, labels)
    assert not leaks, "suppressed figures published:\n" + "\n".join(leaks)


def test_the_scan_finds_every_figure_when_disclosure_control_is_off(
    unprotected_site: Path, labels: dict[str, tuple[str, str]]
) -> None:
    leaks = find_leaks(unprotected_site, labels)
    joined = "\n".join(leaks)
    for what, _number in SENTINELS:
        assert f"sentinel {what}:" in joined, f"{what} not found in the unprotected site"
    for kind in ("csv", "json", "html table", "chart points", "chart bars"):
        assert any(leak.startswith(kind) for leak in leaks), f"no {kind} leak found:\n{joined}"
    # Data tables are left out of the search index, but the explanations are in it: the scan
    # sees a figure there when nothing protects it.
    assert any(leak.startswith("sentinel") and leak.endswith("search/search_index.json")
               for leak in leaks), f"no search index leak found:\n{joined}"
    # Small counts reach the ZIP download too.
    assert any("!" in leak and leak.startswith("csv") for leak in leaks), joined


def test_suppressed_cells_read_c_on_the_page(protected_site: Path,
                                             labels: dict[str, tuple[str, str]]) -> None:
    """Not just absent: the reader sees 'c', which the table note explains."""
    rows = dict(_table_rows((protected_site / "small-area/sc-starts/index.html")
                            .read_text(encoding="utf-8")))
    for _indicator, period in sorted(SMALL_OBSERVATIONS):
        assert rows[labels[period][0]][0] == C
    assert rows["Sentinel Alpha"] == [C] and rows["Sentinel Beta"] == [C]
    assert rows["Sentinel Gamma"] == ["38,854"]
