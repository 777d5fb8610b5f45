"""A village's month, the villager's side (#13): November is published for notice, 王芳
objects to a deed that is upheld and 赵四 to one that is rejected, 马秀兰's calculator total
for 一片 differs by one line from the ledger, and the month closes only when all of it is
answered, reconciled or explained — on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from tests.conftest import add_roster, as_, enter, make_village
from tests.helpers.story import Calendar, backend, story_village
from tests.tamper import tamper_either, tamper_file
from village_tally.core.deed import Status
from village_tally.core.month import Month
from village_tally.core.points import Points
from village_tally.i18n import describe
from village_tally.services import audit, deeds, hand_tally, months, notices, objections
from village_tally.services.errors import InputError
from village_tally.services.hand_tally import HandTotal
from village_tally.services.session import Ledger, open_ledger
from village_tally.store.db import sqlite_path

NOVEMBER = Month.parse("2026-11")
ROSTER = """
马少军 0001 一片 户主
马丽   0001 一片
王芳   0004 二片 户主
赵四   0005 二片 户主
"""


@pytest.fixture(params=["sqlite", "postgresql"])
def village(request: pytest.FixtureRequest, tmp_path: Path):
    calendar = Calendar()
    ledger = story_village(backend(request, tmp_path), ROSTER, calendar)
    yield ledger, calendar
    ledger.close()


def refusals(call) -> list[str]:
    with pytest.raises(InputError) as caught:
        call()
    return [p.code for p in caught.value.problems]


def who(ledger: Ledger, name: str) -> Ledger:
    return replace(as_(ledger, name), clock=ledger.clock)


def test_a_month_on_notice_objected_to_and_reconciled(village) -> None:
    ledger, calendar = village
    xiulan, secretary, director = (who(ledger, n) for n in ("马秀兰", "马书记", "马主任"))
    # 马秀兰's November sheet, typed in by her
    hoop = enter(xiulan, "马少军", date="2026-11-03", rule="L1", quantity="2", sheet="S1", line=1)
    tv = enter(xiulan, "王芳", date="2026-11-05", rule="L1", sheet="S1", line=2)
    litter = enter(xiulan, "赵四", date="2026-11-06", points="-2", deed="乱倒垃圾",
                   sheet="S1", line=3)
    deeds.approve_deed(director, litter.id)
    extra = enter(xiulan, "马丽", date="2026-11-08", rule="L1", sheet="S1", line=4)

    # 1 December: the committee publishes November for seven days
    calendar.go("2026-12-01")
    published = notices.publish_month(director, NOVEMBER, contact="马主任 13800000000",
                                place="村委会办公室")
    assert (published.period.starts, published.period.ends) == (dt.date(2026, 12, 1),
                                                                 dt.date(2026, 12, 7))
    assert published.earlier is None
    notice = notices.notice_for(ledger, NOVEMBER, "zh")
    assert notice is not None and notice.objections_until == dt.date(2026, 12, 7)
    assert refusals(lambda: months.close_month(secretary, NOVEMBER)) == ["month.on_notice"]

    # 3 December: 王芳 says her line is someone else's TV; 赵四 says he did not litter
    calendar.go("2026-12-03")
    upheld = objections.object_to(director, tv.id, raised_by="王芳", text="电视是别人捐的")
    rejected = objections.object_to(secretary, litter.id, raised_by="赵四", text="不是我倒的")
    queue = objections.queue(director)
    assert [(o.id, o.days_left(ledger.today())) for o in queue] == [
        (upheld.objection.id, 20), (rejected.objection.id, 20)]
    assert objections.open_deeds(ledger) == {tv.id, litter.id}
    # the gatherer who typed the deed may not answer; nor the one who recorded the objection?
    assert refusals(lambda: objections.answer(xiulan, upheld.objection.id, upheld=True,
                                              reason="x")) == ["authority.role_may_not"]
    # a secretary who typed a deed may not answer an objection to it
    typed = enter(secretary, "马少军", date="2026-11-09", rule="L1", recorder="马秀兰")
    on_typed = objections.object_to(director, typed.id, raised_by="马少军", text="没做")
    assert refusals(lambda: objections.answer(secretary, on_typed.objection.id, upheld=False,
                                              reason="x")) == ["authority.answer_typed"]

    # re-publishing after the change restarts the period and says so
    calendar.go("2026-12-05")
    again = notices.publish_month(director, NOVEMBER)
    assert again.earlier is not None and again.earlier.ends == dt.date(2026, 12, 7)
    assert again.period.republished and again.period.ends == dt.date(2026, 12, 11)

    # 马主任 answers: the TV line is upheld (voided, naming the objection), the litter rejected
    calendar.go("2026-12-08")
    done = objections.answer(director, upheld.objection.id, upheld=True, reason="核实是别家捐的")
    assert done.objection.answer is not None and done.objection.answer.upheld
    voided = deeds.get_deed(ledger, tv.id)
    assert voided.status is Status.VOID and f"#{upheld.objection.id}" in (voided.void_reason or "")
    objections.answer(director, rejected.objection.id, upheld=False, reason="有照片为证")
    assert refusals(lambda: objections.answer(director, rejected.objection.id, upheld=True,
                                              reason="再议")) == ["objection.answered"]
    objections.answer(director, on_typed.objection.id, upheld=True, reason="未做")

    # 马秀兰's calculator says 一片 made 2 points: the ledger has 3 (she missed 马丽's line)
    calendar.go("2026-12-12")
    got = refusals(lambda: months.close_month(secretary, NOVEMBER,
                                              hand=[HandTotal("area", "一片", Points(200))]))
    assert got == ["hand.differs"]
    assert hand_tally.differences(ledger, NOVEMBER) == []  # refused: nothing was written
    hand_tally.enter_totals(xiulan, NOVEMBER, [HandTotal("area", "一片", Points(200))])
    [difference] = hand_tally.differences(ledger, NOVEMBER)
    assert (difference.gap, [d.id for d in difference.suspects()]) == (Points(100), [extra.id])
    assert {d.id for d in difference.deeds} == {hoop.id, extra.id}
    assert refusals(lambda: months.close_month(secretary, NOVEMBER)) == ["hand.differs"]
    months.close_month(secretary, NOVEMBER, explanations={"一片": "马丽那行漏算了"})
    assert months.month_info(ledger, NOVEMBER).closed
    assert audit.verify(ledger).ok


def test_a_shortened_notice_and_an_objection_blocking_the_close(village) -> None:
    ledger, calendar = village
    xiulan, secretary, director = (who(ledger, n) for n in ("马秀兰", "马书记", "马主任"))
    deed = enter(xiulan, "王芳", date="2026-11-05", rule="L1")
    calendar.go("2026-12-01")
    notices.publish_month(director, NOVEMBER, days=10)
    assert refusals(lambda: notices.shorten(director, NOVEMBER, ends=dt.date(2026, 12, 1),
                                            reason="年底")) == ["authority.role_may_not"]
    assert refusals(lambda: notices.shorten(secretary, NOVEMBER, ends=dt.date(2026, 12, 20),
                                            reason="年底")) == ["notice.shorten_range"]
    assert refusals(lambda: notices.shorten(secretary, NOVEMBER, ends=dt.date(2026, 12, 1),
                                            reason=" ")) == ["deed.reason_missing"]
    objections.object_to(director, deed.id, raised_by="王芳", text="分数记少了")
    calendar.go("2026-12-02")
    shortened = notices.shorten(secretary, NOVEMBER, ends=dt.date(2026, 12, 1), reason="年底结账")
    assert shortened.period.shortened_reason == "年底结账"
    assert refusals(lambda: months.close_month(secretary, NOVEMBER)) == [
        "month.open_objections"]
    assert refusals(lambda: objections.object_to(director, deed.id, raised_by="王芳",
                                                 text="再说一遍")) == ["objection.already_open"]
    assert refusals(lambda: objections.object_to(xiulan, deed.id, raised_by="王芳",
                                                 text="x")) == ["authority.role_may_not"]
    assert refusals(lambda: objections.object_to(director, deed.id, raised_by="无名",
                                                 text="x")) == ["resident.unknown"]
    assert refusals(lambda: notices.publish_month(director, Month.parse("2027-01"))) == [
        "month.outside_ledger"]


def test_an_objection_upheld_after_the_close_lands_as_an_adjustment(village) -> None:
    ledger, calendar = village
    xiulan, secretary, director = (who(ledger, n) for n in ("马秀兰", "马书记", "马主任"))
    deed = enter(xiulan, "王芳", date="2026-10-05", rule="L1")
    months.close_month(secretary, Month.parse("2026-10"))  # never published: closes as before
    objection = objections.object_to(director, deed.id, raised_by="王芳", text="没有这回事")
    done = objections.answer(director, objection.objection.id, upheld=True, reason="查无此事")
    assert done.correction is not None and done.correction.adjusts == deed.id
    assert f"#{objection.objection.id}" in (done.correction.note or "")
    assert done.objection.answer is not None
    assert done.objection.answer.correction == done.correction.id
    assert audit.verify(ledger).ok


@pytest.mark.parametrize("table", ["notice", "objection", "answer", "hand_tally"])
def test_the_database_refuses_to_edit_or_delete_notices_objections_answers(village, table):
    ledger, calendar = village
    director, secretary = who(ledger, "马主任"), who(ledger, "马书记")
    deed = enter(who(ledger, "马秀兰"), "王芳", date="2026-11-05", rule="L1")
    calendar.go("2026-12-01")
    notices.publish_month(director, NOVEMBER)
    made = objections.object_to(director, deed.id, raised_by="王芳", text="记错了")
    objections.answer(director, made.objection.id, upheld=False, reason="没记错")
    hand_tally.enter_totals(secretary, NOVEMBER, [HandTotal("area", "二片", Points(100))])
    for statement in (f"UPDATE {table} SET at = 'x'", f"DELETE FROM {table}"):
        with pytest.raises(DBAPIError, match="append-only"), ledger.engine.begin() as conn:
            conn.execute(text(statement))


def test_the_draft_board_and_the_statement_say_the_notice_and_the_objections(tmp_path) -> None:
    from tests.printing.pdfread import joined, read
    from village_tally.services import printing

    db = tmp_path / "v.db"
    calendar = Calendar()
    ledger = story_village(db, ROSTER, calendar)
    director = who(ledger, "马主任")
    tv = enter(who(ledger, "马秀兰"), "王芳", date="2026-11-05", rule="L1")
    litter = enter(who(ledger, "马秀兰"), "王芳", date="2026-11-06", rule="L1", quantity="2")
    calendar.go("2026-12-01")
    notices.publish_month(director, NOVEMBER, contact="马主任 13800000000", place="村委会办公室")
    first = objections.object_to(director, tv.id, raised_by="王芳", text="电视是别人捐的")
    objections.object_to(director, litter.id, raised_by="王芳", text="只做了一次")
    objections.answer(director, first.objection.id, upheld=True, reason="核实是别家捐的")
    printing.print_board(ledger, month=NOVEMBER, out=tmp_path / "board.pdf", paper="A4")
    printing.print_tally_sheet(ledger, month=NOVEMBER, out=tmp_path / "tally.pdf")
    printing.print_statement(director, name="王芳", out=tmp_path / "statement.pdf")
    for doc in ("board", "tally"):
        said = "".join(joined(read(tmp_path / f"{doc}.pdf")).split())
        assert "2026年12月1日至2026年12月7日" in said and "马主任13800000000" in said, doc
    said = "".join(joined(read(tmp_path / "statement.pdf")).split())
    assert "异议与答复" in said and "电视是别人捐的" in said and "成立：核实是别家捐的" in said
    assert "异议待复核" in said and "待答复（2026-12-21前）" in said
    ledger.close()


def test_the_villages_notice_settings_are_the_defaults_of_publishing(village) -> None:
    from village_tally.services import rules

    ledger, calendar = village
    secretary = who(ledger, "马书记")
    enter(who(ledger, "马秀兰"), "王芳", date="2026-11-05", rule="L1")
    assert refusals(lambda: rules.update_scheme(secretary, replace(
        ledger.scheme, notice_days=0, notice_contact="\x1b[2J"))) == ["notice.days",
                                                                      "text.escape"]
    rules.update_scheme(secretary, replace(ledger.scheme, notice_days=5,
                                           notice_contact="文书 马书记", notice_place="村部"))
    calendar.go("2026-12-01")
    done = notices.publish_month(who(ledger, "马主任"), NOVEMBER)
    assert (done.period.ends, done.period.contact, done.period.place) == (
        dt.date(2026, 12, 5), "文书 马书记", "村部")
    plain = notices.as_notice(replace(done.period, contact="", place=""), "en")
    assert (plain.contact, plain.place) == ("the villagers' committee", "the committee's office")


# --- someone with the file and sqlite3 (the proof, #12) ------------------------------------------

@pytest.fixture
def answered(tmp_path: Path):
    """November on notice with 王芳's objection answered, 赵四's open, and a hand total."""
    db = tmp_path / "v.db"
    make_village(str(db))
    calendar = Calendar()
    ledger = open_ledger(str(db), clock=calendar)
    add_roster(ledger, ROSTER)
    tv = enter(who(ledger, "马秀兰"), "王芳", date="2026-11-05", rule="L1")
    hoop = enter(who(ledger, "马秀兰"), "赵四", date="2026-11-06", rule="L1")
    calendar.go("2026-12-01")
    director = who(ledger, "马主任")
    notices.publish_month(director, NOVEMBER, contact="马主任", place="村委会")
    made = objections.object_to(director, tv.id, raised_by="王芳", text="电视是别人捐的")
    objections.answer(director, made.objection.id, upheld=False, reason="有照片为证")
    objections.object_to(director, hoop.id, raised_by="赵四", text="分数记少了")
    hand_tally.enter_totals(who(ledger, "马书记"), NOVEMBER,
                            [HandTotal("area", "二片", Points(100))])
    assert audit.verify(ledger).ok
    yield ledger
    ledger.close()


def differences(ledger: Ledger, lang: str) -> str:
    return "\n".join(describe(p, lang) for p in audit.verify(ledger).problems)


@pytest.mark.parametrize(("statement", "code", "en", "zh"), [
    ("DELETE FROM objection WHERE raised_by = '赵四'", "verify.row_missing",
     "赵四's objection #2 to deed #2 is missing", "赵四对记录 #2 的异议 #2不见了"),
    ("UPDATE objection SET text = '没意见' WHERE raised_by = '王芳'", "verify.row_changed",
     "王芳's objection #1 to deed #1: the objection's words was changed from '电视是别人捐的' to "
     "'没意见'", "王芳对记录 #1 的异议 #1的异议内容被改过"),
    ("DELETE FROM answer", "verify.row_missing", "the answer to objection #1 is missing",
     "异议 #1 的答复不见了"),
    ("UPDATE answer SET upheld = 1", "verify.row_changed",
     "the answer to objection #1: the upheld was changed from 'False' to 'True'",
     "异议 #1 的答复的是否成立被改过"),
    ("UPDATE answer SET reason = '没核实'", "verify.row_changed",
     "the answer to objection #1: the reason was changed from '有照片为证' to '没核实'",
     "异议 #1 的答复的原因被改过"),
    ("INSERT INTO answer (objection_id, upheld, reason, \"by\", at) VALUES (2, 0, '不成立', "
     "'马主任', '2026-12-01')", "verify.row_unrecorded",
     "the answer to objection #2 is not in the audit log", "异议 #2 的答复没有审计记录"),
    ("UPDATE notice SET ends = '2026-12-01'", "verify.row_changed",
     "the notice of 2026-11 (#1): the last day was changed from '2026-12-07' to '2026-12-01'",
     "2026-11 的公示（第 1 条）的截止日期被改过"),
    ("INSERT INTO hand_tally (village_id, month, scope, key, explanation, \"by\", at) VALUES "
     "(1, '2026-11', 'area', '二片', '差一行', '马书记', '2026-12-01')",
     "verify.row_unrecorded",
     "the hand total or explanation for 二片 in 2026-11 (#2) is not in the audit log",
     "2026-11“二片”的手工合计或说明（第 2 条）没有审计记录"),
])
def test_objections_answers_notices_and_hand_totals_edited_with_the_file_are_caught(
        answered, statement, code, en, zh) -> None:
    """Someone with the file drops the guards, edits a row and puts them back: verify names
    the row and what changed, in both languages (exit 3 on the command line)."""
    tamper_file(sqlite_path(answered.engine), statement)
    assert [p.code for p in audit.verify(answered).problems] == [code]
    assert en in differences(answered, "en")
    assert zh in differences(answered, "zh")


def test_an_objection_deleted_behind_the_programs_back_on_either_backend(village) -> None:
    """The table's owner switches its guard off (PostgreSQL) or drops it (SQLite), deletes
    an unanswered objection, and puts the guard back: verify still names it."""
    ledger, calendar = village
    deed = enter(who(ledger, "马秀兰"), "王芳", date="2026-11-05", rule="L1")
    calendar.go("2026-12-01")
    made = objections.object_to(who(ledger, "马主任"), deed.id, raised_by="王芳", text="记错了")
    assert audit.verify(ledger).ok
    tamper_either(ledger, "objection", "DELETE FROM objection")
    assert [p.code for p in audit.verify(ledger).problems] == ["verify.row_missing"]
    assert (f"王芳's objection #{made.objection.id} to deed #{deed.id} is missing"
            in differences(ledger, "en"))
