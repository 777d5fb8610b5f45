"""Areas in natural order, ranks only above zero with ties shared, and the role-model band."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from village_tally.core.order import band, chinese_number, natural_key, ranked
from village_tally.core.points import Points


def test_areas_sort_as_numbers_not_character_codes() -> None:
    areas = ["七片", "十片", "二片", "一片", "九片", "三片", "十一片", "八片", "五片", "四片",
             "六片", "二十片"]
    assert sorted(areas, key=natural_key) == [
        "一片", "二片", "三片", "四片", "五片", "六片", "七片", "八片", "九片", "十片", "十一片",
        "二十片"]
    assert sorted(["10组", "2组", "1组", "东片", ""], key=natural_key) == [
        "1组", "2组", "10组", "东片", ""]
    assert sorted(["网格12", "网格3"], key=natural_key) == ["网格3", "网格12"]


def test_chinese_numerals() -> None:
    assert [chinese_number(t) for t in ("一", "十", "十一", "二十", "二十三", "一百零五", "二〇",
                                        "两")] == [1, 10, 11, 20, 23, 105, 20, 2]


def _p(n: int) -> Points:
    return Points.of(n)


def test_ties_share_a_rank_and_nothing_at_or_below_zero_is_ranked() -> None:
    rows = [("甲", 140), ("乙", 0), ("丙", 150), ("丁", 140), ("戊", -5), ("己", 140), ("庚", 7)]
    got = [(rank, name) for rank, (name, _) in ranked(rows, lambda r: _p(r[1]))]
    assert got == [(1, "丙"), (2, "甲"), (2, "丁"), (2, "己"), (5, "庚")]


def test_the_band_takes_every_tie_at_its_cut_or_none() -> None:
    rows = [("甲", 140), ("丙", 150), ("丁", 140), ("己", 140), ("庚", 7)]
    pts = lambda r: _p(r[1])  # noqa: E731
    assert [n for _, (n, _) in band(rows, pts, 4)] == ["丙", "甲", "丁", "己"]
    assert [n for _, (n, _) in band(rows, pts, 3)] == ["丙"]  # the three at 140 are all out
    assert [n for _, (n, _) in band(rows, pts, 2)] == ["丙"]
    assert band([("甲", 5), ("乙", 5)], pts, 1) == []
    assert [n for _, (n, _) in band(rows, pts, 10)] == ["丙", "甲", "丁", "己", "庚"]


@given(st.lists(st.integers(-50, 50), max_size=40), st.integers(0, 12))
def test_band_and_ranks_hold_for_any_totals(totals: list[int], size: int) -> None:
    rows = list(enumerate(totals))
    pts = lambda r: _p(r[1])  # noqa: E731
    ranks = ranked(rows, pts)
    assert all(t > 0 for _, (_, t) in ranks)
    assert len(ranks) == sum(1 for t in totals if t > 0)
    for rank, (_, t) in ranks:  # a rank is one more than the number of higher totals
        assert rank == 1 + sum(1 for u in totals if u > t)
    chosen = band(rows, pts, size)
    assert len(chosen) <= size
    if chosen:  # every tie at the cut is in
        lowest = min(t for _, (_, t) in chosen)
        assert {i for _, (i, _) in chosen} == {i for i, t in rows if t >= lowest}
