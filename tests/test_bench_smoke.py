"""The benchmark's small scale runs end to end: every target is reported and the site is built.

No timing is asserted here; the budget is checked by ``python -m bench.run`` (docs/performance.md).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import run
from bench.synthetic import SCALES, write_scale


def test_synthetic_packages_are_deterministic(tmp_path: Path) -> None:
    first = write_scale(SCALES["small"], tmp_path / "a")
    second = write_scale(SCALES["small"], tmp_path / "b")
    for path in sorted(first.iterdir()):
        assert path.read_bytes() == (second / path.name).read_bytes(), path.name


@pytest.mark.parametrize("scale", sorted(SCALES))
def test_synthetic_scales_have_the_promised_pages(scale: str) -> None:
    expected = {"small": 10, "council": 250, "national-450": 450, "national": 4500}
    assert SCALES[scale].pages == expected[scale]


def test_small_scale_runs_end_to_end(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    summary = run.run("small", tmp_path)
    printed = capsys.readouterr().out

    small = summary["scales"]["small"]
    assert small["built"], "the site was not built"
    assert (tmp_path / "small" / "site" / "index.html").is_file()
    assert small["indicator_pages"] == 10
    assert small["preview"]["page_changed"], "the data edit did not reach the served page"
    for kind in ("home", "service_area", "indicator"):
        weight = small["page_weight"][kind]
        assert weight["html_bytes"] > weight["gzip_bytes"] > 0
    for key in ("check", "generate", "write", "mkdocs"):
        assert key in small["seconds"]
    assert small["peak_memory_mb"] > 0 and small["site_bytes"] > 0
    for target in run.TARGETS:
        line = next((line for line in printed.splitlines() if target.name in line), None)
        assert line is not None, f"no report line for {target.name}"
        assert target.limit in line
    saved = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    assert [t["target"] for t in saved["targets"]] == [t.name for t in run.TARGETS]


def _fake_run(total: float, share: float, preview: float) -> dict[str, object]:
    return {"total_seconds": total, "generator_share": share, "seconds": {"mkdocs": total},
            "preview": {"seconds": preview}, "site_bytes": int(total * 1000)}


@pytest.mark.parametrize(("runs", "total", "share", "preview"), [
    ([(9.0, 0.22, 1.1)], 9.0, 0.22, 1.1),
    ([(9.0, 0.22, 1.1), (12.0, 0.30, 2.9), (8.0, 0.20, 1.0)], 9.0, 0.22, 1.1),
    # Each figure is its own median: the share and preview need not come from the median run.
    ([(9.0, 0.30, 1.0), (12.0, 0.21, 2.0), (8.0, 0.24, 3.0)], 9.0, 0.24, 2.0),
    ([(9.0, 0.22, 1.1), (12.0, 0.30, 2.9)], 9.0, 0.22, 1.1),  # an even count: the lower median
])
def test_repeated_runs_are_judged_by_their_medians(runs: list[tuple[float, float, float]],
                                                   total: float, share: float,
                                                   preview: float) -> None:
    chosen = run.median_run([_fake_run(*figures) for figures in runs])
    assert (chosen["total_seconds"], chosen["generator_share"], chosen["preview"]["seconds"]) == \
        (total, share, preview)
    assert chosen["site_bytes"] == int(total * 1000)  # the rest comes from the median run
    assert [r["total_seconds"] for r in chosen["runs"]] == [figures[0] for figures in runs]
