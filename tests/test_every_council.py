"""Rank, band and distribution of an imported council, checked against DfE's file itself.

Each case imports one council from every council's rows (tests/fixtures/dfe_all), makes the
site's pages, and compares the indicator page's rank sentence, band and all-councils table with
what the source CSV says, read here with ``csv`` alone: the importer, the mapping and the analysis
are not used to work out the expected answer. Both polarities and none are covered.
"""

from __future__ import annotations

import csv
import dataclasses
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.build import prepare
from generator.commands.importing import import_ees
from generator.settings import load_settings

ROOT = Path(__file__).resolve().parent.parent
EES = ROOT / "tests" / "fixtures" / "dfe_all" / "ees"
COUNCILS = ROOT / "generator" / "importers" / "mappings" / "councils.csv"
SYMBOLS = {"c", "x", "z", "k", "low", "u", ""}
ORDINAL = {1: "st", 2: "nd", 3: "rd"}


@dataclasses.dataclass(frozen=True)
class Source:
    """Where DfE publishes one indicator, written out by hand from the published file."""

    indicator: str
    area: str  # the service area folder of its page
    file: str
    filters: dict[str, str]
    column: str
    better: str  # "lower", "higher" or "" (no preferred direction)


REREFERRALS = Source("re-referrals", "children-in-need",
                     "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv",
                     {"category": "Referrals and Re-referrals"}, "rereferral_percent", "lower")
STABILITY = Source("long-term-placement-stability", "children-in-care",
                   "la_cla_placement_stability.csv",
                   {"cla_group": "Children looked after continuously for at least 2.5 years on "
                                 "31 March aged under 16 years",
                    "placement_stability": "Living with the same carer for at least 2 years"},
                   "children_percent", "higher")
CLA_RATE = Source("children-looked-after-rate", "children-in-care",
                  "cla_number_and_rate_per_10k_children.csv",
                  {"population_type": "Children looked after on 31 March each year"},
                  "rate_per_10000", "")


def _ordinal(number: int) -> str:
    return f"{number}{'th' if 11 <= number % 100 <= 13 else ORDINAL.get(number % 10, 'th')}"


def _expected(source: Source, old_code: str) -> dict:
    """Work out rank, count, band, councils left out and the order, from the CSV alone."""
    # Councils that exist now, by LA number (abolished ones are ranked no more); a joint row
    # ("314 / 318") is the figure of each council it names.
    with COUNCILS.open(encoding="utf-8-sig", newline="") as handle:
        current = {row["old_la_code"] for row in csv.DictReader(handle) if not row["abolished"]}
    with (EES / source.file).open(encoding="utf-8-sig", newline="") as handle:
        rows = [row for row in csv.DictReader(handle)
                if row["geographic_level"] == "Local authority"
                and all(row[k] == v for k, v in source.filters.items())]
    ours = [row for row in rows if row["old_la_code"] == old_code
            and row[source.column] not in SYMBOLS]
    year = max(row["time_period"] for row in ours)
    latest = {}
    for row in rows:
        for number in (part.strip() for part in row["old_la_code"].split("/")):
            if row["time_period"] == year and number in current:
                latest.setdefault(number, row)
    own = latest[old_code]
    figures = {code: float(row[source.column]) for code, row in latest.items()
               if row[source.column] not in SYMBOLS}
    mine = float(own[source.column])
    ahead = [v for v in figures.values() if (v < mine if source.better == "lower" else v > mine)]
    rank, count = len(ahead) + 1, len(figures)
    band = "ABCD"[min(3, (rank - 1) * 4 // count)] if source.better and count >= 20 else None
    order = sorted(figures, key=lambda code: figures[code], reverse=source.better != "lower")
    return {"rank": rank, "count": count, "band": band, "left_out": len(latest) - count,
            "tied": list(figures.values()).count(mine) > 1,
            "order": [float(figures[code]) for code in order]}


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, str]]:
    """Each council's generated pages (Markdown, before MkDocs), by council."""
    made = {}
    settings = load_settings(ROOT / "mkdocs.yml")
    for council in ("358", "302", "394"):  # Trafford, Barnet, Sunderland
        out = tmp_path_factory.mktemp(f"council-{council}") / "package"
        result = CliRunner().invoke(import_ees, [str(EES), "--council", council, "--out", str(out),
                                                 "--release-date", "2025-12-01"])
        assert result.exit_code == 0, result.output
        prepared = prepare(dataclasses.replace(settings, packages=(out,), council=council))
        made[council] = {path: text for path, text in prepared.files.items()
                         if isinstance(text, str)}
    return made


def _figure(cell: str) -> float:
    return float(re.sub(r"[^0-9.]", "", cell.split(" ")[0]))


@pytest.mark.parametrize(("council", "source"), [
    ("358", REREFERRALS), ("358", STABILITY), ("358", CLA_RATE),
    ("302", REREFERRALS), ("302", STABILITY),
    ("394", CLA_RATE), ("394", STABILITY),
])
def test_rank_band_and_distribution_match_the_source_file(pages, council, source):
    expected = _expected(source, council)
    page = pages[council][f"{source.area}/{source.indicator}/index.md"]
    place = ("joint " if expected["tied"] else "") + _ordinal(expected["rank"])
    if source.better:
        assert f"Ranked {place} of {expected['count']} councils" in page
    else:
        assert f"The {place} highest figure of {expected['count']} councils" in page
        assert "best" not in page.split("Among all councils")[-1].split("</table>")[0].lower()
    if expected["band"]:
        assert f"That is quartile band {expected['band']}," in page
    else:
        assert "quartile band" not in page
    if expected["left_out"]:
        assert f"Another {expected['left_out']} councils are not ranked" in page or (
            expected["left_out"] == 1 and "Another council is not ranked" in page)
    table = page.split('<caption id="councils-')[1].split("</table>")[0]
    cells = re.findall(r"<tr[^>]*><td[^>]*>([^<]*)</td><th scope=\"row\">([^<]*)</th>"
                       r"<td[^>]*>([^<]*)</td></tr>", table)
    assert [_figure(figure) for _, _, figure in cells] == expected["order"]
    ours = [row for row in cells if row[1].endswith("(this council)")]
    assert len(ours) == 1 and ours[0][0] == place


def test_every_council_is_no_comparison_line(pages):
    # The chart over time and the comparison sentences name England, region and neighbours only.
    page = pages["358"]["children-in-need/re-referrals/index.md"]
    chart = page.split('id="chart-re-referrals"')[1].split("</template>")[0]
    assert chart.count('"type":"scatter"') <= 4 and "Wigan" not in chart
