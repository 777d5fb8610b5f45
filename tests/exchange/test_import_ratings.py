"""Importing door-sign ratings (Yangqiao): one column per category, each 1–5 stars."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import as_
from village_tally.services import importing, ratings
from village_tally.services.errors import InputError
from village_tally.services.session import Ledger

ROSTER = """
王大明 0012 东片 户主
李秀英 0013 东片 户主
"""


def test_quarterly_inspection_sheet(make_ledger: Callable[..., Ledger],
                                    xlsx: Callable[..., Path]) -> None:
    ledger = make_ledger("yangqiao", ROSTER)
    path = xlsx("三季度评星.xlsx", {"评星": [
        ["杨桥村文明户评星表"],
        ["户号", "季度", "庭院整洁", "遵纪守法", "垃圾分类", "诚信", "家 风", "检查人"],
        ["0012", "2026年第三季度", 5, "4", "★★★", 5, 4, "马主任"],
        ["0013", "2026-Q3", 3, 3, 3, None, 2, "马主任"],
    ]})
    result = importing.import_file(as_(ledger, "马主任"), "ratings", path)
    assert (result.added, result.rejected) == (2, 0)
    assert result.ignored == ("检查人",)
    assert ratings.ratings_for(ledger, "2026-Q3") == {
        "0012": {"tidy": 5, "law": 4, "waste": 3, "credit": 5, "family": 4},
        "0013": {"tidy": 3, "law": 3, "waste": 3, "family": 2},
    }
    again = importing.import_file(as_(ledger, "马主任"), "ratings", path)
    assert (again.added, again.present) == (0, 2)


def test_bad_ratings_are_all_reported(make_ledger: Callable[..., Ledger],
                                      xlsx: Callable[..., Path]) -> None:
    ledger = make_ledger("yangqiao", ROSTER)
    path = xlsx("错.xlsx", {"S": [
        ["户号", "季度", "庭院整洁", "诚信"],
        ["0012", "2026-Q3", 6, 5],
        ["9999", "2026-Q3", 3, 3],
        ["0013", "三季度", 3, 3],
    ]})
    with pytest.raises(InputError) as info:
        importing.import_file(as_(ledger, "马主任"), "ratings", path)
    assert [(p.code, p.where.row, p.where.column) for p in info.value.problems] == [
        ("rating.not_1_to_5", 2, "C"), ("household.unknown", 3, "A"),
        ("quarter.invalid", 4, "B")]
    assert ratings.ratings_for(ledger, "2026-Q3") == {}
