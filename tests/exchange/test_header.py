"""Finding the header under title rows, two-level merged headers, fill-down, footers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from village_tally.core.problem import ParseError
from village_tally.exchange.header import (
    DEED_FIELDS,
    ROSTER_FIELDS,
    lookup_table,
    normalize_header,
    read_table,
)
from village_tally.exchange.sheet import read_grid


@pytest.mark.parametrize(("raw", "expected"), [
    ("积分（分）", "积分"), ("姓 名", "姓名"), ("Points (pts)", "points"), ("ＩＤ", "id"),
    ("户号*", "户号"), (" 日期： ", "日期"),
])
def test_header_normalisation(raw: str, expected: str) -> None:
    assert normalize_header(raw) == expected


def test_title_rows_two_level_header_fill_down_and_footer(xlsx: Callable[..., Path]) -> None:
    path = xlsx("roster.xlsx", {"花名册": [
        ["贾夼马家村村民花名册"],
        ["2026年11月"],
        ["片区", "户籍信息", None, "序号", "备注"],
        [None, "姓 名", "户号（编号）", None, None],
        ["一片", "马少军", "0001", 1, None],
        [None, "马丽", "0001", 2, "会计"],
        ["二片", "王芳", "0004", 3, None],
        ["制表人：马秀兰", None, None, None, None],
        ["这一行不是数据", "某某", "9999", None, None],
    ]}, merges={"花名册": ["A1:E1", "A3:A4", "B3:C3", "D3:D4", "E3:E4", "A5:A6"]})
    table = read_table(read_grid(path), "roster", lookup_table(ROSTER_FIELDS))
    assert table.header_row == 4
    assert {f: c.letter for f, c in table.columns.items()} == {
        "area": "A", "name": "B", "household": "C", "note": "E"}
    assert table.columns["name"].header == "姓 名"
    assert table.ignored == ("序号",)
    rows = [(n, [table.cell(r, f) for f in ("area", "name", "household")])
            for n, r in table.rows]
    assert rows == [(5, ["一片", "马少军", "0001"]), (6, ["一片", "马丽", "0001"]),
                    (7, ["二片", "王芳", "0004"])]
    assert table.footer_row == 8


def test_hidden_sheets_are_not_read_silently(xlsx: Callable[..., Path]) -> None:
    path = xlsx("two.xlsx", {"旧表": [["姓名", "户号"], ["旧人", "0009"]],
                             "名单": [["姓名", "户号"], ["马丽", "0001"]]},
                hidden_sheets=["旧表"], active="旧表")
    grid = read_grid(path)
    assert grid.sheet == "名单"
    assert grid.hidden_sheets == ("旧表",)
    assert read_grid(path, sheet="旧表").rows[1] == ["旧人", "0009"]
    with pytest.raises(ParseError) as info:
        read_grid(path, sheet="不存在")
    assert info.value.code == "file.sheet_missing"


def test_active_sheet_is_read_and_hidden_rows_found(xlsx: Callable[..., Path]) -> None:
    path = xlsx("deeds.xlsx", {"说明": [["填表说明"]],
                               "十月": [["日期", "姓名", "编码"], ["2026-10-03", "马丽", "L1"],
                                        ["2026-10-04", "王芳", "N1"]]},
                active="十月", hidden_rows={"十月": [3]}, date1904=True)
    grid = read_grid(path)
    assert grid.sheet == "十月"
    assert grid.hidden_rows == frozenset({3})
    assert grid.date1904


def test_no_header_is_a_clear_problem(xlsx: Callable[..., Path]) -> None:
    path = xlsx("x.xlsx", {"S": [["a", "b"], [1, 2]]})
    with pytest.raises(ParseError) as info:
        read_table(read_grid(path), "deeds", lookup_table(DEED_FIELDS))
    assert info.value.code == "file.no_header"


def test_a_merge_across_columns_in_the_data_stays_in_its_cell(
        xlsx: Callable[..., Path]) -> None:
    path = xlsx("m.xlsx", {"S": [
        ["姓名", "户号", "备注", "片区"],
        ["马丽", "0001", "搬去城里住了", None],
        ["王芳", "0004", None, "二片"],
    ]}, merges={"S": ["C2:D2"]})
    table = read_table(read_grid(path), "roster", lookup_table(ROSTER_FIELDS))
    assert [[table.cell(r, f) for f in ("name", "note", "area")] for _, r in table.rows] == [
        ["马丽", "搬去城里住了", ""], ["王芳", "", "二片"]]
