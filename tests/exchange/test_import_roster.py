"""Importing the roster: the committee's 花名册 with title rows, merged areas and hidden sheets."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import as_
from village_tally.i18n import describe
from village_tally.services import importing, roster
from village_tally.services.errors import InputError
from village_tally.services.session import Ledger


def people(ledger: Ledger) -> list[tuple[str, str, str, bool, str | None, str]]:
    return sorted((p.name, p.household, p.area, p.is_head, p.door_plate, p.status)
                  for p in roster.list_residents(ledger))


def test_a_committee_roster(make_ledger: Callable[..., Ledger],
                            xlsx: Callable[..., Path]) -> None:
    ledger = make_ledger()
    path = xlsx("花名册.xlsx", {
        "填表说明": [["请勿修改表头"]],
        "花名册": [
            ["贾夼马家村村民花名册"],
            ["片区", "户籍", None, "与户主关系", "门牌号", "性别", "备注"],
            [None, "姓 名", "户号", None, None, None, None],
            ["一片", "马少军", "0012", "户主", "马家村 12 号", "男", None],
            [None, "马丽", "0012", "妻", None, "女", None],
            [None, "马小军", "0012", "子", None, "男", "在外读书"],
            ["二片", "王芳", "0040", "户主", "马家村 40 号", "女", None],
            ["合计", "4 人"],
        ],
        "旧名单": [["姓名", "户号"], ["旧人", "0999"]],
    }, merges={"花名册": ["A1:G1", "B2:C2", "A2:A3", "D2:D3", "E2:E3", "F2:F3", "G2:G3",
                          "A4:A6"]},
        hidden_sheets=["旧名单"], active="花名册")
    preview = importing.preview_import(as_(ledger, "马书记"), "roster", path)
    assert preview.sheet == "花名册" and preview.header_row == 3
    assert preview.ignored == ("性别",)
    result = importing.import_file(as_(ledger, "马书记"), "roster", path)
    assert (result.added, result.present, result.rejected) == (4, 0, 0)
    assert people(ledger) == [
        ("王芳", "0040", "二片", True, "马家村 40 号", "active"),
        ("马丽", "0012", "一片", False, "马家村 12 号", "active"),
        ("马小军", "0012", "一片", False, "马家村 12 号", "active"),
        ("马少军", "0012", "一片", True, "马家村 12 号", "active"),
    ]
    again = importing.import_file(as_(ledger, "马书记"), "roster", path)
    assert (again.added, again.present) == (0, 4)


def test_utf8_bom_csv_and_utf16_text(make_ledger: Callable[..., Ledger],
                                     csv_file: Callable[..., Path]) -> None:
    ledger = make_ledger()
    utf8 = csv_file("名单.csv", "\ufeff姓名,户号,片区\n马少军,0001,一片\n𠀀明,0002,一片\n")
    importing.import_file(as_(ledger, "马书记"), "roster", utf8)
    utf16 = csv_file("名单.txt", "姓名\t户号\t网格\r\n王芳\t0003\t二片\r\n", "utf-16")
    importing.import_file(as_(ledger, "马书记"), "roster", utf16)
    assert [(p[0], p[1], p[2]) for p in people(ledger)] == [
        ("王芳", "0003", "二片"), ("马少军", "0001", "一片"), ("𠀀明", "0002", "一片")]


def test_lost_characters_and_missing_households(make_ledger: Callable[..., Ledger],
                                                csv_file: Callable[..., Path]) -> None:
    ledger = make_ledger()
    path = csv_file("坏.csv", "姓名,户号\n马?军,0001\n\ufffd丽,0001\n王芳,\n", "utf-8")
    with pytest.raises(InputError) as info:
        importing.import_file(as_(ledger, "马书记"), "roster", path)
    assert [(p.code, p.where.row, p.where.column) for p in info.value.problems] == [
        ("name.lost_character", 2, "A"), ("name.lost_character", 3, "A"),
        ("household.empty", 4, "B")]
    assert people(ledger) == []


def test_data_only_on_a_hidden_sheet_is_not_read_silently(
        make_ledger: Callable[..., Ledger], xlsx: Callable[..., Path]) -> None:
    ledger = make_ledger()
    path = xlsx("藏.xlsx", {"封面": [["贾夼马家村花名册"]],
                            "名单": [["姓名", "户号"], ["马丽", "0001"]]},
                hidden_sheets=["名单"])
    with pytest.raises(InputError) as info:
        importing.import_file(as_(ledger, "马书记"), "roster", path)
    (problem,) = info.value.problems
    assert problem.code == "file.no_header_hidden" and problem.params["hidden"] == ("名单",)
    assert people(ledger) == []
    assert importing.import_file(as_(ledger, "马书记"), "roster", path, sheet="名单").added == 1


def test_a_person_written_twice_is_named_not_taken_for_one_already_on_the_roster(
        make_ledger: Callable[..., Ledger], xlsx: Callable[..., Path]) -> None:
    """An exact repeat says which row it repeats ('已存在' said the person was on the roster
    already); the same person with other details is named too; --valid-only takes the first."""
    ledger = as_(make_ledger(), "马书记")
    path = xlsx("名单.xlsx", {"S": [
        ["姓名", "户号", "门牌号"],
        ["马少军", "0012", "12 号"],
        ["王芳", "0040", "40 号"],
        ["马少军", "0012", "12 号"],
        ["王芳", "0040", "41 号"],
    ]})
    with pytest.raises(InputError) as info:
        importing.import_file(ledger, "roster", path)
    assert [(p.code, p.where.row, p.params["first"]) for p in info.value.problems] == [
        ("import.same_as_row", 4, 2), ("import.person_twice", 5, 3)]
    assert "第 3 行已有 0040 户的王芳" in describe(info.value.problems[1], "zh")
    preview = importing.preview_import(ledger, "roster", path)
    assert [r.status for r in preview.rows] == ["new", "new", "rejected", "rejected"]
    result = importing.import_file(ledger, "roster", path, valid_only=True)
    assert (result.added, result.present, result.rejected) == (2, 0, 2)
    assert [(n, h) for n, h, *_ in people(ledger)] == [("王芳", "0040"), ("马少军", "0012")]
