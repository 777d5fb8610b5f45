"""Importing deeds: a gatherer's month sheet as committees really send it, every rule of hand
entry applied to every row, all problems at once, atomic, idempotent, cancellable."""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import as_, enter
from village_tally.core.deed import Status
from village_tally.core.month import Month
from village_tally.core.points import Points
from village_tally.i18n import describe
from village_tally.services import deeds, importing, months, rules
from village_tally.services.errors import Cancelled, InputError
from village_tally.services.jobs import JobControl
from village_tally.services.session import Ledger

HEAD = ["序号", "日 期", "姓 名", "户号", "编码", "事项", "数量", "积分（分）", "记录人", "单号",
        "行号", "备注"]
TITLE = ["贾夼马家村 2026年11月 积分登记表（一片）"]


def sheet(*rows: list[object]) -> list[list[object]]:
    return [TITLE, ["信息员：马秀兰"], HEAD, *rows, ["合计", None, None, None, None, None, None,
                                                     None], ["制表人：马秀兰  审核：马书记"]]


def row(  # noqa: PLR0917 - a row reads like the paper sheet's columns
        n: int, date: object, name: str, household: str | None, rule: str | None,
        qty: object = 1, points: object = None, deed: str | None = None,
        recorder: str = "马秀兰", sheet_no: str | None = "A001", note: str | None = None
        ) -> list[object]:
    return [n, date, name, household, rule, deed, qty, points, recorder, sheet_no, n, note]


@pytest.fixture
def good_sheet(xlsx: Callable[..., Path]) -> Path:
    return xlsx("一片十一月.xlsx", {"十一月": sheet(
        row(1, dt.date(2026, 11, 3), "马少军", "0001", "L1", 2, 2, note="装篮球架 8 小时"),
        row(2, "2026/11/4", "马丽", "0001", "C1", 1, 2),
        row(3, "2026年11月5日", "王芳", None, "N1", 1, -2),
        row(4, dt.datetime(2026, 11, 6, 18, 30), "曾重行", "0002", None, None, "0.5",
            deed="帮忙抄水表"),
        row(5, 46331, "马少军", "0003", "D1", 30, 30, deed="捐电视"),
    )}, merges={"十一月": ["A1:L1"]})


def test_a_real_month_sheet_imports_exactly(ledger: Ledger, good_sheet: Path) -> None:
    result = importing.import_file(ledger, "deeds", good_sheet)
    assert (result.added, result.present, result.rejected) == (5, 0, 0)
    assert result.sheet == "十一月" and result.ignored == ("序号",)
    got = deeds.list_deeds(ledger, newest_first=False)
    assert [(d.name, d.household, d.date.isoformat(), d.rule_code, str(d.points), d.status)
            for d in got] == [
        ("马少军", "0001", "2026-11-03", "L1", "2", Status.APPROVED),
        ("马丽", "0001", "2026-11-04", "C1", "2", Status.APPROVED),
        ("王芳", "0004", "2026-11-05", "N1", "-2", Status.APPROVED),
        ("曾重行", "0002", "2026-11-06", None, "0.5", Status.PENDING),  # free points wait
        ("马少军", "0003", "2026-11-05", "D1", "30", Status.PENDING),  # above 10: approval
    ]
    first = got[0]
    assert first.recorder == "马秀兰" and first.note == "装篮球架 8 小时"
    assert (first.source.sheet, first.source.line) == ("A001", 1)
    assert (first.source.file, first.source.row) == ("一片十一月.xlsx", 4)
    assert result.deed_ids == tuple(d.id for d in got)


def test_import_twice_adds_nothing(ledger: Ledger, good_sheet: Path) -> None:
    importing.import_file(ledger, "deeds", good_sheet)
    again = importing.import_file(ledger, "deeds", good_sheet)
    assert (again.added, again.present, again.rejected) == (0, 5, 0)
    assert deeds.count_deeds(ledger) == 5
    preview = importing.preview_import(ledger, "deeds", good_sheet)
    assert preview.count("present") == 5 and not preview.problems


def test_approve_as_approves_what_needs_it(ledger: Ledger, good_sheet: Path) -> None:
    importing.import_file(ledger, "deeds", good_sheet, approve_as=as_(ledger, "马书记"))
    got = deeds.list_deeds(ledger, newest_first=False)
    assert {d.status for d in got} == {Status.APPROVED}
    assert [d.approved_by for d in got if d.needs_approval] == ["马书记", "马书记"]


def test_the_approver_is_neither_the_importer_nor_the_recorder(
        ledger: Ledger, xlsx: Callable[..., Path]) -> None:
    secretary = as_(ledger, "马书记")
    path = xlsx("村委.xlsx", {"十一月": sheet(
        row(1, "2026-11-03", "马少军", "0001", "L1", 2, 2, recorder="马主任"),
        row(2, "2026-11-04", "马少军", "0003", "D1", 30, 30, recorder="马主任"),
        row(3, "2026-11-05", "曾重行", "0002", None, None, "0.5", deed="抄水表",
            recorder="马主任"))})
    with pytest.raises(InputError) as info:
        importing.import_file(secretary, "deeds", path, approve_as=secretary)
    assert [p.code for p in info.value.problems] == ["import.approver_is_importer"]
    with pytest.raises(InputError) as info:
        importing.import_file(secretary, "deeds", path, approve_as=as_(ledger, "马主任"))
    assert [(p.code, p.where.row, p.where.column) for p in info.value.problems] == [
        ("authority.approve_recorded", 5, "I"), ("authority.approve_recorded", 6, "I")]
    with pytest.raises(InputError) as info:
        importing.import_file(secretary, "deeds", path, approve_as=as_(ledger, "马秀兰"))
    assert [p.code for p in info.value.problems] == ["authority.role_may_not"]
    assert deeds.count_deeds(ledger) == 0


def test_every_bad_row_is_reported_at_once_and_nothing_written(
        ledger: Ledger, xlsx: Callable[..., Path]) -> None:
    enter(ledger, "马丽", household="0001", rule="C1", date="2026-11-01", sheet="A002", line=1)
    path = xlsx("错.xlsx", {"十一月": sheet(
        row(1, "2026-11-03", "马大", None, "L1"),                     # unknown
        row(2, "2026-11-03", "马少军", None, "L1"),                   # namesakes
        row(3, "11月3日", "王芳", None, "L1"),                        # no year
        row(4, "2026-11-03", "王芳", None, "Z9"),                     # unknown rule
        row(5, "2026-11-03", "王芳", None, "N1", 1, -5),              # points mismatch
        row(6, "2026-11-03", "马丽", "0001", "C1", 2),                # cap: 1 + 2 …
        row(7, "2026-11-04", "马丽", "0001", "C1", 2),                # … + 2 > 4
        row(8, "2026-11-03", "王芳", None, "N1", sheet_no="A002"),    # A002/8: fine
        [9, "2026-11-03", "王芳", None, "N1", None, 1, None, "马秀兰", "A002", 1, None],  # taken
        [10, "2026-11-03", "王芳", None, "N1", None, 1, None, "马秀兰", "A001", 1, None],  # row 4
        row(11, "2026-12-01", "王芳", None, "N1"),                    # future
        row(12, "2026-11-03", "王?", None, "N1"),                     # lost character
    )})
    with pytest.raises(InputError) as info:
        importing.import_file(ledger, "deeds", path)
    found = [(p.code, p.where.row, p.where.column) for p in info.value.problems]
    assert found == [
        ("resident.unknown", 4, "C"),
        ("resident.ambiguous", 5, "C"),
        ("cell.date_yearless", 6, "B"),
        ("rule.unknown", 7, "E"),
        ("deed.points_mismatch", 8, "H"),
        ("deed.cap_reached", 10, "G"),
        ("deed.duplicate_line", 12, "K"),
        ("import.duplicate_line", 13, "K"),
        ("date.future", 14, "B"),
        ("name.lost_character", 15, "C"),
    ]
    ambiguous = info.value.problems[1]
    assert "0001" in ambiguous.params["candidates"] and "0003" in ambiguous.params["candidates"]
    text = importing.problem_text(info.value.problems[0], "zh")
    assert text.startswith("错.xlsx，工作表“十一月”，第 4 行，C (姓 名) 列")
    assert "马大" in text
    assert "column K (行号)" in describe(info.value.problems[6], "en")
    assert deeds.count_deeds(ledger) == 1


def test_valid_only_writes_rejects_beside_the_source(ledger: Ledger,
                                                     xlsx: Callable[..., Path]) -> None:
    path = xlsx("混合.xlsx", {"十一月": sheet(
        row(1, "2026-11-03", "马丽", "0001", "L1"),
        row(2, "2026-11-03", "马大", None, "L1"),
        row(3, "2026-11-03", "王芳", None, "N1"),
    )})
    result = importing.import_file(ledger, "deeds", path, valid_only=True, lang="zh")
    assert (result.added, result.rejected) == (2, 1)
    assert result.rejects_file == str(path.with_name("混合.rejected.xlsx"))
    wb = openpyxl.load_workbook(result.rejects_file)
    rows = [[c.value for c in r] for r in wb.active.iter_rows()]
    assert rows[0][0] == "原行号" and rows[0][-1] == "原因"
    assert rows[1][:3] == [5, "2026-11-03", "马大"]
    assert "没有叫“马大”的村民" in rows[1][-1]
    assert len(rows) == 2


def test_closed_month_is_refused(ledger: Ledger, xlsx: Callable[..., Path]) -> None:
    enter(ledger, "王芳", rule="N1", date="2026-10-02")
    months.close_month(as_(ledger, "马书记"), Month.parse("2026-10"))
    path = xlsx("十月.xlsx", {"S": sheet(row(1, "2026-10-03", "王芳", None, "N1"))})
    with pytest.raises(InputError) as info:
        importing.import_file(ledger, "deeds", path)
    assert [p.code for p in info.value.problems] == ["deed.month_closed"]


def test_hidden_rows_are_reported(ledger: Ledger, xlsx: Callable[..., Path]) -> None:
    path = xlsx("藏.xlsx", {"S": sheet(row(1, "2026-11-03", "王芳", None, "N1"),
                                       row(2, "2026-11-04", "王芳", None, "N1"))},
                hidden_rows={"S": [5]})
    preview = importing.preview_import(ledger, "deeds", path)
    assert [(r.row, r.status) for r in preview.rows] == [(4, "new"), (5, "rejected")]
    assert [p.code for p in preview.problems] == ["import.row_hidden"]
    # the same sheet, its rows imported already: a row hidden since is still said to be
    xlsx("藏.xlsx", {"S": sheet(row(1, "2026-11-03", "王芳", None, "N1"),
                                row(2, "2026-11-04", "王芳", None, "N1"))})
    assert importing.import_file(ledger, "deeds", path).added == 2
    xlsx("藏.xlsx", {"S": sheet(row(1, "2026-11-03", "王芳", None, "N1"),
                                row(2, "2026-11-04", "王芳", None, "N1"))},
         hidden_rows={"S": [5]})
    preview = importing.preview_import(ledger, "deeds", path)
    assert [(r.row, r.status) for r in preview.rows] == [(4, "present"), (5, "rejected")]


def test_1904_workbook_dates(ledger: Ledger, xlsx: Callable[..., Path]) -> None:
    # A Mac workbook: real dates are stored as 1904 serials, and a bare serial number typed in
    # the date column counts from 1904 too.
    path = xlsx("mac.xlsx", {"S": sheet(row(1, dt.date(2026, 11, 3), "王芳", None, "N1"),
                                        row(2, 44866, "王芳", None, "N1"))}, date1904=True)
    importing.import_file(ledger, "deeds", path)
    assert [d.date for d in deeds.list_deeds(ledger, newest_first=False)] == [
        dt.date(2026, 11, 3), dt.date(2026, 11, 2)]


def test_gbk_csv_from_chinese_windows(ledger: Ledger, csv_file: Callable[..., Path]) -> None:
    text = ("日期,姓名,户号,编码,数量,积分,记录人\r\n"
            "2026/11/3,马丽,0001,L1,2,2,马秀兰\r\n"
            "2026/11/4,王芳,,N1,1,-2,马秀兰\r\n")
    path = csv_file("十一月.csv", text, "gbk")
    result = importing.import_file(ledger, "deeds", path)
    assert result.added == 2 and result.sheet is None
    assert [(d.name, d.recorder, d.points) for d in deeds.list_deeds(ledger,
                                                                     newest_first=False)] == [
        ("马丽", "马秀兰", Points(200)), ("王芳", "马秀兰", Points(-200))]


def test_cancel_leaves_nothing(ledger: Ledger, good_sheet: Path) -> None:
    seen: list[tuple[int, int]] = []
    job = JobControl(progress=lambda done, total: seen.append((done, total)))
    importing.preview_import(ledger, "deeds", good_sheet, job=job)
    assert seen and seen[0] == (0, 5)
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        importing.import_file(ledger, "deeds", good_sheet, job=JobControl(cancel=cancel))
    assert deeds.count_deeds(ledger) == 0


def test_household_codes_that_excel_turned_into_numbers(make_ledger: Callable[..., Ledger],
                                                        xlsx: Callable[..., Path]) -> None:
    ledger = make_ledger(roster_text="马少军 0012 一片 户主\n马少军 0013 二片 户主\n王芳 12 三片")
    # 0013 typed into a General cell becomes the number 13 and means 0013 again; the number
    # 12 means the household "12", which exists as written.
    path = xlsx("数字户号.xlsx", {"S": [
        ["日期", "姓名", "户号", "编码", "积分"],
        ["2026-11-03", "马少军", 13, "N1", "-2分"],
        ["2026-11-03", "王芳", 12, "N1", -2],
        ["2026-11-03", "马少军", "13", "N1", -2],
    ]})
    with pytest.raises(InputError) as info:
        importing.import_file(ledger, "deeds", path)
    # A number cell 13 means 0013; the text "13" is taken as written and matches nothing.
    assert [(p.code, p.where.row) for p in info.value.problems] == [
        ("resident.not_in_household", 4)]
    result = importing.import_file(ledger, "deeds", path, valid_only=True)
    assert result.added == 2
    assert sorted((d.name, d.household) for d in deeds.list_deeds(ledger)) == [
        ("王芳", "12"), ("马少军", "0013")]


def test_a_row_like_a_good_one_is_still_checked_in_full(ledger: Ledger,
                                                        xlsx: Callable[..., Path]) -> None:
    """An import remembers what it found for a person, a recorder and a rule's points on
    good rows; a later row that differs in any of them, or has a problem of its own, is
    refused at its own row and column."""
    path = xlsx("像.xlsx", {"十一月": sheet(
        row(1, "2026-11-03", "王芳", None, "N1", 1, -2),                # good
        row(2, "2026-11-03", "王芳", "0001", "N1", 1, -2),              # not in that household
        row(3, "2026-11-03", "王芳", None, "N1", 1, -5),                # points mismatch
        row(4, "2026-11-03", "王芳", None, "N1", 2, -4),                # good: another quantity
        row(5, "2026-12-03", "王芳", None, "N1", 1, -2),                # future, else as row 1
        row(6, "2026-11-03", "王芳", None, "n1 ", 1, -2),               # good: the code as typed
        row(7, "2026-11-03", "王芳", None, "N1", 1, -2, recorder="马\u202e秀兰"),  # bidi
        row(8, "2026-11-04", "王芳", None, "N1", 1, -2),                # good again
    )})
    with pytest.raises(InputError) as info:
        importing.import_file(ledger, "deeds", path)
    assert [(p.code, p.where.row, p.where.column) for p in info.value.problems] == [
        ("resident.not_in_household", 5, "D"),
        ("deed.points_mismatch", 6, "H"),
        ("date.future", 8, "B"),
        ("text.bidi", 10, "I"),
    ]
    assert deeds.count_deeds(ledger) == 0
    preview = importing.preview_import(ledger, "deeds", path)
    assert [r.status for r in preview.rows] == ["new", "rejected", "rejected", "new",
                                                "rejected", "new", "rejected", "new"]


def test_a_row_like_a_good_one_is_checked_past_its_person_and_rule(
        ledger: Ledger, xlsx: Callable[..., Path]) -> None:
    """Rows that ask what good rows before them asked (the same person, recorder, rule and
    quantity) still meet the cap with the rows before them, the paper lines, their hidden
    state and every cell of their own."""
    head = [*HEAD, "超限原因"]
    path = xlsx("像二.xlsx", {"十一月": [head,
        [*row(1, "2026-11-03", "马丽", "0001", "C1", 2), None],                # good
        [*row(2, "2026-11-04", "马丽", "0001", "C1", 2), None],                # good: 4 of 4
        [*row(3, "2026-11-05", "马丽", "0001", "C1", 2), "多干了一次"],         # over: waits
        [*row(4, "2026-11-06", "马丽", "0001", "C1", 2), None],                # over, no reason
        [*row(5, "2026-11-03", "王芳", None, "N1", True), None],                # a yes/no cell
        [*row(6, "2026-11-03", "王芳", None, "N1"), None],                      # good
        [*row(7, "2026-11-03", "王芳", None, "N1"), None],                      # hidden
        [*row(8, "2026-11-03", "王芳", None, "N1", note="好\u202e事"), None],   # bidi note
        [*row(9, "2026-11-04", "王芳", None, "N1")[:10], 6, None, None],       # line 6 again
    ]}, hidden_rows={"十一月": [8]})
    with pytest.raises(InputError) as info:
        importing.import_file(ledger, "deeds", path)
    assert [(p.code, p.where.row, p.where.column) for p in info.value.problems] == [
        ("deed.cap_reached", 5, "G"),
        ("quantity.not_positive", 6, "G"),
        ("import.row_hidden", 8, None),
        ("text.bidi", 9, "L"),
        ("import.duplicate_line", 10, "K"),
    ]
    assert deeds.count_deeds(ledger) == 0
    result = importing.import_file(ledger, "deeds", path, valid_only=True)
    written = [deeds.get_deed(ledger, i) for i in result.deed_ids]
    assert [(d.source.row, d.status) for d in written] == [
        (2, Status.APPROVED), (3, Status.APPROVED), (4, Status.PENDING), (7, Status.APPROVED)]
    assert written[2].override_reason == "多干了一次"


def test_cancel_after_chunks_were_written_leaves_nothing(ledger: Ledger,
                                                         csv_file: Callable[..., Path]) -> None:
    lines = ["日期,姓名,户号,编码,单号,行号"]
    lines += [f"2026-11-0{1 + i % 9},王芳,,N1,P{i // 20:04d},{i % 20 + 1}" for i in range(4500)]
    path = csv_file("大.csv", "\n".join(lines))
    cancel = threading.Event()

    def progress(done: int, total: int) -> None:
        assert total == 4500
        if done >= 4000:  # two chunks are checked and waiting in the open transaction
            cancel.set()

    with pytest.raises(Cancelled):
        importing.import_file(ledger, "deeds", path, job=JobControl(progress, cancel))
    assert deeds.count_deeds(ledger) == 0
    assert importing.import_file(ledger, "deeds", path).added == 4500


# --- rows a person must look at: identical, too large, a column missing ---------------------

def plain(*rows: list[object]) -> list[list[object]]:
    """A sheet as a gatherer's spreadsheet might be: no 序号, no 行号."""
    return [["日期", "姓名", "户号", "编码", "数量", "记录人", "备注"], *rows]


def test_identical_rows_are_named_and_counted_twice_only_when_confirmed(
        ledger: Ledger, xlsx: Callable[..., Path]) -> None:
    visit = ["2026-11-03", "马丽", "0001", "C1", 1, "马秀兰", None]
    path = xlsx("重复.xlsx", {"十一月": plain(
        visit, ["2026-11-03", "王芳", None, "L1", 2, "马秀兰", None], visit, visit)})
    with pytest.raises(InputError) as info:
        importing.import_file(ledger, "deeds", path)
    assert [(p.code, p.where.row, p.params["first"]) for p in info.value.problems] == [
        ("import.same_as_row", 4, 2), ("import.same_as_row", 5, 2)]
    assert describe(info.value.problems[0], "zh").endswith(
        "第 4 行：与第 2 行完全相同（读取的每一列都一样）")
    assert deeds.count_deeds(ledger) == 0
    preview = importing.preview_import(ledger, "deeds", path, repeats=True)
    assert [r.status for r in preview.rows] == ["new"] * 4
    result = importing.import_file(ledger, "deeds", path, repeats=True)
    assert result.added == 4  # three visits, as the person confirmed
    again = importing.import_file(ledger, "deeds", path, repeats=True)
    assert (again.added, again.present) == (0, 4)  # still idempotent


def test_valid_only_takes_the_first_of_identical_rows(ledger: Ledger,
                                                      xlsx: Callable[..., Path]) -> None:
    visit = ["2026-11-03", "马丽", "0001", "C1", 1, "马秀兰", None]
    path = xlsx("重复.xlsx", {"十一月": plain(visit, visit)})
    result = importing.import_file(ledger, "deeds", path, valid_only=True)
    assert (result.added, result.rejected) == (1, 1)


@pytest.mark.parametrize(("cells", "expected"), [
    ({"编码": "D1", "数量": 10_000, "积分": None, "事项": None}, "10000"),  # 1,000,000 yuan
    ({"编码": None, "数量": None, "积分": 5_000, "事项": "捐款"}, "5000"),  # 50 typed as 5000
])
def test_a_deed_beyond_the_schemes_largest_is_refused_with_the_limit_named(
        ledger: Ledger, xlsx: Callable[..., Path], cells: dict[str, object],
        expected: str) -> None:
    """Jiakuang Majia's largest deed is 100 points; a slip of the keyboard is refused with
    the limit named, approving or not, and the committee may raise it. (A million is beyond
    what any deed holds: points.too_large.)"""
    head = ["日期", "姓名", "户号", "编码", "数量", "积分", "事项", "记录人"]
    good = ["2026-11-03", "王芳", None, "D1", 30, None, None, "马秀兰"]
    big = ["2026-11-04", "王芳", None, cells["编码"], cells["数量"], cells["积分"], cells["事项"],
           "马秀兰"]
    path = xlsx("大数.xlsx", {"S": [head, good, big]})
    with pytest.raises(InputError) as info:
        importing.import_file(ledger, "deeds", path, approve_as=as_(ledger, "马书记"))
    (problem,) = info.value.problems
    assert (problem.code, problem.where.row) == ("deed.beyond_scheme_limit", 3)
    assert problem.where.column in ("E", "F")  # the quantity or the points
    assert f"+{expected}" in describe(problem, "zh") and "100 分" in describe(problem, "zh")
    assert deeds.count_deeds(ledger) == 0
    rules.update_scheme(as_(ledger, "马书记"), dataclasses.replace(
        ledger.scheme, max_deed_points=Points.of(10_000)))
    ledger.reload()  # the gatherer's view of the scheme, as the secretary left it
    assert importing.import_file(ledger, "deeds", path, approve_as=as_(ledger, "马书记")).added == 2


def test_hand_entry_is_held_to_the_schemes_largest_deed(ledger: Ledger) -> None:
    checked = deeds.check_deed(ledger, deeds.DeedInput(
        resident="王芳", date=dt.date(2026, 11, 3), points=Points.of(101), deed_text="捐款",
        recorder="马秀兰"))
    assert [p.code for p in checked.problems] == ["deed.beyond_scheme_limit"]
    assert deeds.check_deed(ledger, deeds.DeedInput(
        resident="王芳", date=dt.date(2026, 11, 3), points=Points.of(-100), deed_text="罚",
        recorder="马秀兰")).ok


def test_a_missing_column_is_said_once_with_the_columns_found(
        ledger: Ledger, xlsx: Callable[..., Path]) -> None:
    rows = [["日期", "姓名", "户号", "数量", "电话"]]
    rows += [["2026-11-03", "王芳", None, 1, "138"]] * 2000
    with pytest.raises(InputError) as info:
        importing.import_file(ledger, "deeds", xlsx("缺列.xlsx", {"S": rows}))
    (problem,) = info.value.problems  # not one per row
    text = describe(problem, "zh")
    assert problem.code == "import.no_rule_column" and problem.where.row == 1
    assert "“编码”" in text and "“日期”、“姓名”、“户号”、“数量”、“电话”" in text


def test_an_empty_cell_a_row_needs_is_named_by_its_column(
        ledger: Ledger, xlsx: Callable[..., Path]) -> None:
    """A sheet of free points (no rule column): an empty points or deed cell is named at its
    column, not 'give a rule, or points and a deed'."""
    path = xlsx("自填.xlsx", {"S": [["日期", "姓名", "积分", "事项"],
                                    ["2026-11-03", "王芳", None, "扫雪"],
                                    ["2026-11-03", "马丽", 2, None],
                                    ["2026-11-03", "曾重行", 1, "修路"]]})
    with pytest.raises(InputError) as info:
        importing.import_file(ledger, "deeds", path)
    assert [(p.code, p.where.row, p.where.column, p.where.header)
            for p in info.value.problems] == [("cell.required", 2, "C", "积分"),
                                              ("cell.required", 3, "D", "事项")]


def test_the_collector_stays_paused_until_the_last_of_two_checks_at_once_ends(
        ledger: Ledger, good_sheet: Path) -> None:
    """Two files checked at once (a preview on a worker beside an import on the writer
    thread): Python's cycle collector is paused while either runs, and runs again once both
    have ended. Each call saved and restored it alone: the first to end turned it back on
    under the other, and in a narrower interleaving the last one left it off for good."""
    import gc
    from concurrent.futures import ThreadPoolExecutor

    inside = [threading.Event(), threading.Event()]
    may_end = [threading.Event(), threading.Event()]

    def check(k: int) -> None:
        def progress(_done: int, _total: int) -> None:
            if not inside[k].is_set():
                inside[k].set()
                may_end[k].wait()

        try:
            importing.preview_import(ledger, "deeds", good_sheet,
                                     job=JobControl(progress=progress))
        finally:
            inside[k].set()

    assert gc.isenabled()
    try:
        with ThreadPoolExecutor(2) as pool:
            first = pool.submit(check, 0)
            inside[0].wait()
            second = pool.submit(check, 1)
            inside[1].wait()
            may_end[0].set()
            first.result()
            paused_while_the_second_runs = not gc.isenabled()
            may_end[1].set()
            second.result()
        assert paused_while_the_second_runs
        assert gc.isenabled()
    finally:
        for event in may_end:
            event.set()
        gc.enable()
