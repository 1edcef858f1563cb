"""The site navigation: numbered service areas, grouped when there are many."""

from __future__ import annotations

import pytest

from generator.pages.navigation import NAV_GROUP_SIZE, _grouped, navigation
from tests.golden_pages import FIXTURE, generated_pages


@pytest.mark.parametrize("count, groups", [
    (1, None), (NAV_GROUP_SIZE, None), (NAV_GROUP_SIZE + 1, 2), (150, 13),
])
def test_many_service_areas_are_grouped_by_item_number(count: int, groups: int | None) -> None:
    sections = [{f"{item}. Area": [f"area-{item}/index.md"]} for item in range(1, count + 1)]
    result = _grouped(sections, list(range(1, count + 1)))
    if groups is None:
        assert result == sections
        return
    assert len(result) == groups
    assert list(result[0]) == [f"Items 1 to {NAV_GROUP_SIZE}"]
    assert list(result[-1]) == [f"Items {NAV_GROUP_SIZE * (groups - 1) + 1} to {count}"]
    flattened = [section for group in result for section in next(iter(group.values()))]
    assert flattened == sections  # nothing lost, order kept


def test_navigation_of_a_small_site_lists_areas_with_their_indicators() -> None:
    from generator.input.check import load_site

    site = load_site([FIXTURE])
    nav = navigation(site, generated_pages())
    areas = next(item["Service areas"] for item in nav if "Service areas" in item)
    assert areas == [
        {"1. Front door": ["front-door/index.md",
                           {"Re-referrals within 12 months": "front-door/re-referrals/index.md"}]},
        {"2. Children in care": ["children-in-care/index.md",
                                 {"Children looked after per 10,000":
                                  "children-in-care/cla-rate/index.md"}]},
    ]
