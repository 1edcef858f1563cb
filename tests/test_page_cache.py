"""The preview makes an indicator's page again only when something its page is made from changed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from generator.analysis.disclosure import protect
from generator.build import generate
from generator.input.check import load_site
from generator.model.site import Site
from generator.pages.cache import PageCache
from generator.pages.kinds import indicator
from tests.golden_pages import CONTEXT, FIXTURE

# The minimal fixture's two indicators name each other as related.
BOTH = ["re-referrals", "cla-rate"]


def _edited(site: Site, indicator_id: str, **changes: object) -> Site:
    data = site.indicator(indicator_id)
    edited = replace(data, indicator=replace(data.indicator, **changes)) if changes else data
    return replace(site, indicators=tuple(edited if d is data else d for d in site.indicators))


def _without_commentary(site: Site) -> Site:
    data = site.indicator("re-referrals")
    return replace(site, indicators=tuple(replace(d, commentary=()) if d is data else d
                                          for d in site.indicators))


CASES: list[tuple[str, Callable[[Site], Site], dict[str, object], list[str]]] = [
    ("nothing", lambda site: site, {}, []),
    ("its own data", _without_commentary, {}, ["re-referrals"]),
    ("a related indicator's title", lambda site: _edited(site, "re-referrals", title="Re-referrals"),
     {}, BOTH),
    ("the council's name", lambda site: site, {"council": "Otherton Council"}, BOTH),
    ("the suppression threshold (not on indicator pages)", lambda site: site, {"threshold": 7}, []),
    ("the contact (not on indicator pages)", lambda site: site, {"contact": "someone"}, []),
]


@pytest.mark.parametrize(("what", "edit", "settings", "remade"), CASES,
                         ids=[case[0] for case in CASES])
def test_only_changed_pages_are_made_again(what: str, edit: Callable[[Site], Site],
                                           settings: dict[str, object], remade: list[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    site = protect(load_site([FIXTURE]), CONTEXT.threshold)
    cache = PageCache()
    generate(site, CONTEXT, cache)
    made: list[str] = []

    def counted(made_from: indicator.IndicatorInputs) -> dict[str, str | bytes]:
        made.append(made_from.data.indicator.id)
        return real(made_from)

    real = indicator.build
    monkeypatch.setattr(indicator, "build", counted)
    edited, context = edit(site), replace(CONTEXT, **settings)  # type: ignore[arg-type]
    files = generate(edited, context, cache)
    assert sorted(made) == sorted(remade), what
    assert files == generate(edited, context), "the cached pages differ from a fresh generation"
