"""What needs attention: release labels, the exception list, the largest changes, and the home
page naming every indicator of the exception report with links that work."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from generator.analysis import analyse, rollup
from generator.analysis.rollup import largest_changes, tolerances
from generator.build import build_site
from generator.model.outcomes import RatingStatus as R
from generator.model.periods import release_label
from generator.model.site import Polarity, Release, ReleaseStatus, Status, Unit
from generator.settings import load_settings
from tests.analysis_factory import indicator, series, target
from tests.fixture_sites import ROOT


@pytest.mark.parametrize(("title", "label"), [
    ("Quarter 2 2025/26", "Quarter 2 2025/26 (July to September 2025)"),
    ("Quarter 4 2025/26", "Quarter 4 2025/26 (January to March 2026)"),
    ("Q3 2024/25", "Quarter 3 2024/25 (October to December 2024)"),
    ("2024-25-q1", "Quarter 1 2024/25 (April to June 2024)"),
    ("quarter 1 2024-25", "Quarter 1 2024/25 (April to June 2024)"),
    # An officer's own title that names no quarter is shown as given.
    ("Annual report 2024/25", "Annual report 2024/25"),
    ("Autumn update", "Autumn update"),
    ("Quarter 2 2025/26 (July to September 2025)", "Quarter 2 2025/26 (July to September 2025)"),
    ("Q2 2025/27", "Q2 2025/27"),  # not two consecutive years: not a quarter
])
def test_release_label(title: str, label: str) -> None:
    assert release_label(title) == label
    assert Release("x", title, date(2025, 11, 13), ReleaseStatus.PUBLISHED).label == label


# Five quarters each: the latest against the same quarter a year earlier.
def _one(name: str, values: list[float], goal: float | None = None, low: float | None = None,
         high: float | None = None, unit: Unit = Unit.PERCENTAGE, area: str = "front-door",
         polarity: Polarity = Polarity.LOWER, status: Status = Status.ESTABLISHED):
    ind = indicator(id=name, title=name.title(), service_area=area, polarity=polarity,
                    status=status, unit=unit)
    targets = ((target("2020-04-01", goal, 1.0, low, high),)
               if goal is not None or low is not None else ())
    data = series(values, indicator=ind, targets=targets)
    return analyse(replace(data, observations=tuple(
        replace(row, indicator_id=name) for row in data.observations)))


EXCEPTIONS = [
    _one("red-again", [30.0, 30.0, 30.0, 30.0, 30.0], goal=20.0),
    _one("newly-red", [10.0, 10.0, 10.0, 10.0, 30.0], goal=20.0, area="care"),
    _one("above", [10.0, 10.0, 10.0, 10.0, 50.0], low=20.0, high=40.0, polarity=Polarity.NONE),
    _one("below", [30.0, 30.0, 30.0, 30.0, 10.0], low=20.0, high=40.0, polarity=Polarity.NONE),
    _one("within", [30.0, 30.0, 30.0, 30.0, 30.0], low=20.0, high=40.0, polarity=Polarity.NONE),
    _one("green", [10.0, 10.0, 10.0, 10.0, 10.0], goal=20.0),
    _one("retired-red", [30.0, 30.0, 30.0, 30.0, 30.0], goal=20.0, status=Status.RETIRED),
]


def test_exceptions_are_newly_red_then_red_then_below_then_above_the_range() -> None:
    assert [(item.indicator_id, item.status, item.newly_red)
            for item in rollup(EXCEPTIONS).exceptions] == [
        ("newly-red", R.RED, True), ("red-again", R.RED, False),
        ("below", R.BELOW_RANGE, False), ("above", R.ABOVE_RANGE, False)]


@pytest.mark.parametrize(("values", "unit", "size"), [
    ([20.0, 20.0, 20.0, 20.0, 24.0], Unit.PERCENTAGE, 4.0),  # 4 points against 1 point
    ([20.0, 20.0, 20.0, 20.0, 16.0], Unit.PERCENTAGE, 4.0),  # falls count the same as rises
    ([20.0, 20.0, 20.0, 20.0, 20.5], Unit.PERCENTAGE, None),  # little change is never named
    ([100.0, 100.0, 100.0, 100.0, 120.0], Unit.COUNT, 4.0),  # 20% against 5%
    ([100.0, 100.0, 100.0, 100.0, 104.0], Unit.COUNT, None),  # 4%: little change
    ([0.0, 5.0, 5.0, 5.0, 10.0], Unit.COUNT, None),  # from 0: no per cent to measure
    ([20.0, 24.0], Unit.PERCENTAGE, None),  # no figure a year earlier
])
def test_a_change_is_measured_in_tolerances(values, unit, size) -> None:
    assert tolerances(_one("x", values, unit=unit)) == size


def test_the_largest_changes_are_the_most_tolerances_largest_first() -> None:
    items = [
        _one("small", [20.0, 20.0, 20.0, 20.0, 22.0]),  # 2 tolerances
        _one("count", [100.0, 0.0, 0.0, 0.0, 150.0], unit=Unit.COUNT),  # 50%: 10 tolerances
        _one("big", [20.0, 20.0, 20.0, 20.0, 26.0], area="b"),  # 6 tolerances
        _one("tie", [20.0, 20.0, 20.0, 20.0, 14.0], area="a"),  # 6, and area a sorts first
        _one("none", [20.0, 20.0, 20.0, 20.0, 20.0]),
        _one("gone", [20.0, 20.0, 20.0, 20.0, 40.0], status=Status.RETIRED),
    ]
    assert [item.indicator.id for item in largest_changes(items, count=3)] == [
        "count", "tie", "big"]
    assert [item.indicator.id for item in largest_changes(items)] == [
        "count", "tie", "big", "small"]


# The example site, built once: the home page and the exception report as a reader gets them.

LINK = re.compile(r'<a[^>]*\shref="([^"#]*)(#[^"]*)?"')


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("example")
    build_site(load_settings(ROOT / "mkdocs.yml"), site_dir=folder / "site",
               docs_dir=folder / "docs")
    return folder / "site"


def _content(page: Path) -> str:
    text = page.read_text(encoding="utf-8")
    return text[text.index('<article class="md-content__inner'):text.index("</article>")]


def _indicator_links(html: str) -> set[str]:
    return {match.group(1) for match in LINK.finditer(html)
            if re.fullmatch(r"\.\./[a-z0-9-]+/[a-z0-9-]+/|[a-z0-9-]+/[a-z0-9-]+/", match.group(1))}


def test_every_exception_report_indicator_is_linked_from_the_home_page_text(site: Path) -> None:
    report = {link.removeprefix("../") for link in _indicator_links(_content(
        site / "exceptions" / "index.html"))}
    home = _content(site / "index.html")
    needs_attention = home[home.index('id="needs-attention"'):home.index('id="how-we-are-doing')]
    assert len(report) == 6  # the example's five reds and one above its expected range
    assert report <= _indicator_links(needs_attention)


@pytest.mark.parametrize("page", ["index.html", "exceptions/index.html"])
def test_every_link_on_the_page_resolves(site: Path, page: str) -> None:
    html = (site / page).read_text(encoding="utf-8")
    base = f"http://site/{page}"
    for match in LINK.finditer(html):
        href, anchor = match.group(1), match.group(2)
        if href.startswith(("http:", "https:", "mailto:")):
            continue
        path = urlsplit(urljoin(base, href) if href else base).path.removeprefix("/")
        target = site / path / "index.html" if path.endswith("/") or not path else site / path
        assert target.is_file(), f"{page} links to {href}, which does not exist"
        if anchor:
            assert f'id="{anchor[1:]}"' in target.read_text(encoding="utf-8"), \
                f"{page} links to {href}{anchor}, which has no such heading"


def test_the_footer_links_the_pages_a_reader_looks_for(site: Path) -> None:
    html = (site / "front-door" / "index.html").read_text(encoding="utf-8")
    footer = html[html.index("<footer"):html.index("</footer>")]
    assert re.findall(r'<a href="([^"]+)">([^<]+)</a>', footer) == [
        ("../accessibility/", "Accessibility statement"), ("../about-data/", "About the data"),
        ("../releases/", "Releases"), ("../whats-changed/", "What changed"),
        ("../accessibility/#feedback-and-contact-information", "Contact")]


def test_the_home_page_shows_the_navigation(site: Path) -> None:
    html = (site / "index.html").read_text(encoding="utf-8")
    sidebar = re.search(r'<div class="md-sidebar md-sidebar--primary"[^>]*>', html)
    assert sidebar is not None and "hidden" not in sidebar.group(0)


TAG = re.compile(r"<[^>]+>")
ATTENTION_ITEM = re.compile(r'<li><a href="([^"]+)">.*?</a>: (.*?)</li>')
CHART_TITLE = re.compile(r'<p class="chart__title"[^>]*>(.*?)</p>')


def test_home_says_of_each_indicator_what_its_chart_title_says(site: Path) -> None:
    home = _content(site / "index.html")
    items = ATTENTION_ITEM.findall(home[home.index('id="needs-attention"'):
                                        home.index('id="how-we-are-doing')])
    assert len(items) == 11  # 5 red, 1 above its expected range, the 5 largest changes
    for href, said in items:
        page = (site / href / "index.html").read_text(encoding="utf-8")
        title = CHART_TITLE.search(page)
        assert title is not None, href
        message = TAG.sub("", title.group(1)).split(": ", 1)[1]
        said = re.sub(r"( Newly red\.| \((getting|going|little)[^)]*\)\.)$", "", TAG.sub("", said))
        assert said in (message, message + "."), f"home says {said!r}, {href} says {message!r}"


def test_the_overview_leaves_out_retired_indicators_as_the_counts_do(site: Path) -> None:
    home = _content(site / "index.html")
    overview = home[home.index('id="every-indicator-by-service-area"'):]
    assert "front-door/early-help-closures/" not in overview  # retired in the example
    assert "5 indicators: 3 amber." in overview  # front door: 6 with the retired one
