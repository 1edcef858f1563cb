"""An attacker reads everything two releases publish and tries to work out each planted count.

The ``disclosure-attacks`` fixture plants a small count in each attack shape: a percentage or
rate with its denominator but no numerator, the complement of a percentage, a rate's breakdown,
a second breakdown of the same children, a total named "All children", a total published only
by the earlier release, and a secondary choice that moves between releases. The previous
release (``tests/fixtures/releases/disclosure-attacks-previous``, kept out of ``packages/`` as
its ids repeat) is built first; its downloads are read back as ``perfsite publish`` reads them,
and the current release is built against it.

The attacker reads every HTML page's tables and sentences, the chart data, the CSV and JSON
downloads, the ZIP's CSVs, the search index and What changed, of both releases, and works out
implied counts, complements, and totals minus the published categories (a total from the
observation, a category of any name, another breakdown or the other release; a missing category
filled from the other release). It must recover nothing; with suppression switched off
(threshold 0 in the settings) it recovers every planted count, and with the current release
protected without regard to the previous one it recovers exactly the cross-release shape.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from generator import build
from generator.analysis import disclosure
from generator.analysis.changes import PreviousRelease
from generator.build import build_site
from generator.commands.publish import load_previous, package_folders
from generator.input.check import load_site
from generator.pages.context import current_release
from generator.settings import DEFAULT_THRESHOLD
from tests.fixture_sites import PACKAGES, fixture_settings, site_files
from tests.test_disclosure import CHART_DATA, _table_rows

CURRENT = PACKAGES / "disclosure-attacks"
PREVIOUS = PACKAGES.parent / "releases" / "disclosure-attacks-previous"
SCALE = {"at-share": 100, "at-rate": 10_000, "at-starts": None}

# (attack shape, indicator, period, (dimension, category) of a breakdown or None, planted count)
PLANTED = [
    ("percentage with its denominator only", "at-share", "2024-25-Q1", None, 3),
    ("complement of a percentage", "at-share", "2024-25-Q2", None, 3),
    ("complement with numerator and denominator", "at-share", "2024-25-Q3", None, 5),
    ("rate with its denominator only", "at-rate", "2024-25-Q1", None, 3),
    ("breakdown of a rate (numerator as total)", "at-rate", "2024-25-Q2", ("Age", "Under 5"), 2),
    ("second breakdown of the same children", "at-starts", "2024-25-Q1", ("Reason", "Neglect"), 3),
    ("total named All children", "at-starts", "2024-25-Q2", ("Reason", "Neglect"), 4),
    ("total published by the earlier release", "at-starts", "2024-25-Q3", ("Reason", "Neglect"),
     3),
    ("secondary choice moving between releases", "at-starts", "2024-25-Q4",
     ("Reason", "Neglect"), 4),
]
SHAPES = [row[0] for row in PLANTED]


@dataclass
class Knowledge:
    """What one release lets a reader know: observations and breakdown cells (None = hidden)."""

    observations: dict[tuple[str, str], dict[str, float]] = field(default_factory=dict)
    cells: dict[tuple[str, str, str, str], float | None] = field(default_factory=dict)

    def learn(self, indicator: str, period: str, **figures: float | None) -> None:
        known = self.observations.setdefault((indicator, period), {})
        known.update({name: value for name, value in figures.items() if value is not None})

    def cell(self, key: tuple[str, str, str, str], value: float | None) -> None:
        if value is not None or key not in self.cells:
            self.cells[key] = value if value is not None else self.cells.get(key)


def _number(text: str | None) -> float | None:
    match = re.search(r"-?\d[\d,]*(?:\.\d+)?", text or "")
    return float(match.group().replace(",", "")) if match else None


# -- reading what is published ---------------------------------------------------------------


def _read_csv(text: str, known: Knowledge) -> None:
    for row in csv.DictReader(io.StringIO(text)):
        if not row.get("indicator_id") or not row.get("period") or "value" not in row:
            continue
        if row.get("dimension"):
            key = (row["indicator_id"], row["period"], row["dimension"], row["category"])
            known.cell(key, _number(row["value"]))
        elif row.get("area_type", "council") == "council":
            known.learn(row["indicator_id"], row["period"], value=_number(row.get("value")),
                        numerator=_number(row.get("numerator")),
                        denominator=_number(row.get("denominator")))


def _read_json(text: str, known: Knowledge) -> None:
    document = json.loads(text)
    for item in document.get("observations", []):
        known.learn(document["indicator"]["id"], item["period"], value=item.get("value"),
                    numerator=item.get("numerator"), denominator=item.get("denominator"))


def _sentences(text: str, indicator: str, labels: dict[str, str], known: Knowledge) -> None:
    """Read "In April to June 2024, the answer was 1.5%. This is 3 out of 200." and the like."""
    names = "|".join(re.escape(label) for label in sorted(labels, key=len, reverse=True))
    pattern = re.compile(rf"\b[Ii]n ({names}), (?:the answer was|it was) (-?[\d,]+(?:\.\d+)?)%?"
                         r"(?:\.\s*This is ([\d,]+) out of ([\d,]+))?")
    for label, value, numerator, denominator in pattern.findall(text):
        known.learn(indicator, labels[label], value=_number(value), numerator=_number(numerator),
                    denominator=_number(denominator))


def _read_page(html: str, indicator: str, labels: dict[str, str], known: Knowledge) -> None:
    """Read an indicator page: its figures table, breakdown table, charts and sentences."""
    title = re.search(r"breakdown-[\w-]+-title\"?>([^<]+)<", html)
    dimension, _, label = title.group(1).rpartition(", ") if title else ("", "", "")
    in_breakdown = False
    for header, cells in _table_rows(html):
        if header in labels and cells:
            known.learn(indicator, labels[header], value=_number(cells[0]))
        in_breakdown = in_breakdown or header == dimension
        if in_breakdown and header != dimension and cells and label in labels:
            known.cell((indicator, labels[label], dimension, header), _number(cells[0]))
    for match in CHART_DATA.finditer(html):
        for trace in json.loads(match.group(2))["data"]:
            if trace["type"] == "bar" and label in labels:
                for category, value in zip(trace["y"], trace["x"], strict=True):
                    known.cell((indicator, labels[label], dimension, category), value)
    _sentences(re.sub(r"<[^>]+>", " ", html), indicator, labels, known)


def _read_whats_changed(html: str, titles: dict[str, str], labels: dict[str, str],
                        earlier: Knowledge) -> None:
    """What changed shows figures the earlier release published: the attacker learns them."""
    for header, cells in _table_rows(html):
        if header in titles and len(cells) == 3 and cells[0] in labels:
            earlier.learn(titles[header], labels[cells[0]], value=_number(cells[1]))


def read_file(name: str, text: str, labels: dict[str, str], titles: dict[str, str],
              known: Knowledge, earlier: Knowledge) -> None:
    """Read one published file (a ZIP member is "<zip>!<member>") into what a reader knows."""
    page = re.fullmatch(r"attacks/(at-[a-z]+)/index\.html", name)
    if name.endswith(".csv"):
        _read_csv(text, known)
    elif name == "search/search_index.json":
        for doc in json.loads(text)["docs"]:
            found = re.match(r"attacks/(at-[a-z]+)/", doc["location"])
            if found:
                _sentences(re.sub(r"<[^>]+>", " ", doc["text"]), found.group(1), labels, known)
    elif re.fullmatch(r"attacks/at-[a-z]+/at-[a-z]+\.json", name):
        _read_json(text, known)
    elif page:
        _read_page(text, page.group(1), labels, known)
    elif name == "whats-changed/index.html":
        _read_whats_changed(text, titles, labels, earlier)


def read_release(site: Path, labels: dict[str, str], titles: dict[str, str],
                 known: Knowledge, earlier: Knowledge) -> None:
    """Read every file of one built release into ``known`` (What changed into ``earlier``)."""
    for name, data in site_files(site):
        read_file(name, data.decode("utf-8", errors="replace"), labels, titles, known, earlier)


# -- the arithmetic ------------------------------------------------------------------------------


def _observation_counts(indicator: str, period: str, releases: list[Knowledge]) -> set[int]:
    """Counts worked out from a value with its numerator or denominator, and complements."""
    scale, found = SCALE[indicator], set()
    for known in releases:
        facts = known.observations.get((indicator, period), {})
        value, numerator, denominator = (facts.get(n) for n in ("value", "numerator",
                                                                 "denominator"))
        if scale and value is not None and numerator is None and denominator is not None:
            numerator = value * denominator / scale
        if scale and value and denominator is None and numerator is not None:
            denominator = numerator * scale / value
        found |= {round(n) for n in (numerator, denominator) if n is not None}
        if scale == 100 and numerator is not None and denominator is not None:
            found.add(round(denominator - numerator))
    return found


def _totals(indicator: str, period: str, releases: list[Knowledge]) -> set[float]:
    """Every total a reader can find: the observation, a named total, a whole other breakdown."""
    totals: set[float] = set()
    for known in releases:
        facts = known.observations.get((indicator, period), {})
        totals |= {facts[n] for n in (("value",) if SCALE[indicator] is None else ("numerator",))
                   if n in facts}
        groups: dict[str, list[float | None]] = {}
        for (ind, per, dimension, category), value in known.cells.items():
            if (ind, per) == (indicator, period):
                if disclosure.is_total_name(category):
                    totals |= {value} if value is not None else set()
                else:
                    groups.setdefault(dimension, []).append(_fill(known, releases, (
                        ind, per, dimension, category), value))
        totals |= {sum(v for v in values if v is not None) for values in groups.values()
                   if all(v is not None for v in values)}
    return totals


def _fill(known: Knowledge, releases: list[Knowledge], key: tuple[str, str, str, str],
          value: float | None) -> float | None:
    """A hidden cell's figure from the other release, if it published one."""
    if value is not None:
        return value
    return next((k.cells[key] for k in releases if k is not known and k.cells.get(key)
                 is not None), None)


def _cell_counts(indicator: str, period: str, dimension: str, target: str,
                 releases: list[Knowledge]) -> set[int]:
    """Totals minus every other published part, parts filled in from the other release."""
    found = set()
    totals = _totals(indicator, period, releases)
    for known in releases:
        parts = [(key, value) for key, value in known.cells.items()
                 if key[:3] == (indicator, period, dimension) and key[3] != target
                 and not disclosure.is_total_name(key[3])]
        values = [_fill(known, releases, key, value) for key, value in parts]
        if not any((indicator, period, dimension, target) == key for key in known.cells) \
                or any(v is None for v in values):
            continue
        found |= {round(total - sum(v for v in values if v is not None)) for total in totals}
    return found


def recovered(releases: list[Knowledge]) -> set[str]:
    """Return the attack shapes whose planted count the attacker works out."""
    shapes = set()
    for shape, indicator, period, cell, count in PLANTED:
        found = (_observation_counts(indicator, period, releases) if cell is None
                 else _cell_counts(indicator, period, *cell, releases))
        if count in found:
            shapes.add(shape)
    return shapes


# -- the builds ----------------------------------------------------------------------------------


def _build(package: Path, out: Path, threshold: int,
           previous: PreviousRelease | None = None) -> Path:
    settings = dataclasses.replace(fixture_settings(package), suppression_threshold=threshold)
    build_site(settings, site_dir=out / "site", docs_dir=out / "docs", previous=previous)
    return out / "site"


def _published_data(site: Path, into: Path, threshold: int) -> PreviousRelease:
    """Read a built release's downloads back, as ``perfsite publish`` reads a deployed one."""
    for archive in sorted((site / "downloads").glob("*.zip")):
        zipfile.ZipFile(archive).extractall(into)
    data = load_previous(package_folders(into), "the previous release", threshold)
    return PreviousRelease(current_release(data), data)


@pytest.fixture(scope="module")
def names() -> tuple[dict[str, str], dict[str, str]]:
    """What any reader knows: period labels and indicator titles."""
    site = load_site([CURRENT])
    labels = {o.period.label: o.period.code for d in site.indicators for o in d.observations}
    labels |= {b.period.label: b.period.code for d in site.indicators for b in d.breakdowns}
    return labels, {d.indicator.title: d.indicator.id for d in site.indicators}


def _attack(out: Path, threshold: int, names: tuple[dict[str, str], dict[str, str]],
            history: bool = True) -> tuple[set[str], Path]:
    earlier_site = _build(PREVIOUS, out / "previous", threshold)
    previous = _published_data(earlier_site, out / "previous-data", threshold)
    with pytest.MonkeyPatch.context() as patch:
        if not history:  # protect each release on its own, as before issue 15
            patch.setattr(build, "protect", lambda site, threshold, previous=None:
                          disclosure.protect(site, threshold))
        current_site = _build(CURRENT, out / "current", threshold, previous)
    earlier, current = Knowledge(), Knowledge()
    read_release(earlier_site, *names, earlier, Knowledge())
    read_release(current_site, *names, current, earlier)
    return recovered([earlier, current]), current_site


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory,
           names: tuple[dict[str, str], dict[str, str]]) -> dict[str, tuple[set[str], Path]]:
    """Each build's recovered shapes and current site: protected, switched off, no history."""
    out = tmp_path_factory.mktemp("attacks")
    return {"protected": _attack(out / "protected", DEFAULT_THRESHOLD, names),
            "off": _attack(out / "off", 0, names),
            "no history": _attack(out / "no-history", DEFAULT_THRESHOLD, names, history=False)}


@pytest.fixture(scope="module")
def attacks(builds: dict[str, tuple[set[str], Path]]) -> dict[str, set[str]]:
    return {name: shapes for name, (shapes, _site) in builds.items()}


@pytest.mark.parametrize("shape", SHAPES)
def test_the_attacker_recovers_nothing_from_the_protected_releases(
        attacks: dict[str, set[str]], shape: str) -> None:
    assert shape not in attacks["protected"]


@pytest.mark.parametrize("shape", SHAPES)
def test_with_suppression_off_the_attacker_recovers_every_planted_count(
        attacks: dict[str, set[str]], shape: str) -> None:
    assert shape in attacks["off"]


def test_protecting_each_release_alone_lets_the_earlier_release_unlock_the_later(
        attacks: dict[str, set[str]]) -> None:
    assert attacks["no history"] == {"secondary choice moving between releases"}


# Each kind of output the attacker reads, and one figure it must find there (suppression off,
# except What changed, which lists the protected revision 34 → 23).
SOURCES = [
    ("indicator CSV", "off", "attacks/at-share/at-share.csv", ("at-share", "2024-25-Q1"), 1.5),
    ("indicator JSON", "off", "attacks/at-share/at-share.json", ("at-share", "2024-25-Q2"),
     98.5),
    ("ZIP observations", "off", "downloads/disclosure-attacks.zip!disclosure-attacks/"
     "observations.csv", ("at-rate", "2024-25-Q1"), 0.6),
    ("ZIP breakdowns", "off", "downloads/disclosure-attacks.zip!disclosure-attacks/"
     "breakdowns.csv", ("at-starts", "2024-25-Q1", "Ward", "South"), 37),
    ("page table", "off", "attacks/at-share/index.html", ("at-share", "2024-25-Q3"), 97.5),
    ("page breakdown and chart", "off", "attacks/at-starts/index.html",
     ("at-starts", "2024-25-Q4", "Reason", "Neglect"), 4),
    ("search index sentences", "off", "search/search_index.json", ("at-share", "2025-26-Q1"),
     45.0),
    ("What changed", "protected", "whats-changed/index.html", ("at-starts", "2024-25-Q4"), 34),
]


@pytest.mark.parametrize(("build_name", "file", "key", "figure"),
                         [row[1:] for row in SOURCES], ids=[row[0] for row in SOURCES])
def test_the_attacker_reads_every_kind_of_output(
        builds: dict[str, tuple[set[str], Path]], names: tuple[dict[str, str], dict[str, str]],
        build_name: str, file: str, key: tuple[str, ...], figure: float) -> None:
    files = dict(site_files(builds[build_name][1]))
    known, earlier = Knowledge(), Knowledge()
    read_file(file, files[file].decode("utf-8"), *names, known, earlier)
    if len(key) == 4:
        assert known.cells.get(key) == figure  # type: ignore[arg-type]
    else:
        facts = (earlier if file.startswith("whats-changed") else known).observations
        assert facts.get(key, {}).get("value") == figure  # type: ignore[arg-type]
