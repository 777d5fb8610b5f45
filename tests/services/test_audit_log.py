"""The audit log read as sentences in Chinese or English, at local times, filtered by person,
kind of action, resident and date; never raw JSON; for the committee and the secretary."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from tests.conftest import NOW, as_, enter
from village_tally.core.month import Month
from village_tally.services import audit_log, deeds, importing, months, people, roster
from village_tally.services.audit_log import LogFilter
from village_tally.services.errors import InputError
from village_tally.services.session import Ledger


def said(lines: list[audit_log.LogLine], lang: str = "zh") -> list[str]:
    return [f"{line.who(lang)}：{line.text(lang)}" for line in lines]


@pytest.fixture
def history(ledger: Ledger, tmp_path: Path) -> Ledger:
    secretary = as_(ledger, "马书记")
    old = enter(ledger, "王芳", rule="L1", quantity="2", date="2026-10-05")
    months.close_month(secretary, Month.parse("2026-10"))
    big = enter(ledger, "王芳", rule="D1", quantity="30", sheet="S1", line=1)
    deeds.approve_deed(as_(ledger, "马主任"), big.id)
    deeds.void_deed(as_(ledger, "马主任"), old.id, reason="记错人")
    typed = enter(secretary, "马丽", rule="L1", recorder="马秀兰")
    deeds.void_deed(ledger, typed.id, reason="抄错行")
    sheet = tmp_path / "一片.csv"
    sheet.write_text("日期,姓名,户号,编码\n2026-11-05,马少军,0001,L1\n", encoding="utf-8")
    importing.import_file(ledger, "deeds", sheet)
    later = dataclasses.replace(secretary, clock=lambda: NOW + dt.timedelta(days=3))
    roster.set_resident_status(as_(later, "马书记"), typed.resident_id, "moved", reason="出嫁")
    with pytest.raises(InputError):
        people.sign_in(ledger, "马秀兰", "0000")
    return ledger


def test_the_log_in_sentences(history: Ledger) -> None:
    lines = audit_log.audit_log(as_(history, "马主任"), newest_first=False)
    text = said(lines)
    assert "马秀兰：录入积分 #1：王芳（0004）义务劳动 +2" in text
    assert "马书记：结账 2026-10（校验码 " in "\n".join(text)
    assert "马主任：审批了积分 #2：王芳（0004）捐款捐物 +30" in text
    assert ("马主任：更正已结账月份的积分 #1（王芳 义务劳动 +2）：本月记入调整 #3，原因：记错人"
            in text)
    assert "马书记：录入积分 #4：马丽（0001）义务劳动 +1（马秀兰 的登记表）" in text
    assert "马秀兰：作废了积分 #4（马丽 义务劳动 +1），原因：抄错行" in text
    assert ("马秀兰：从“一片.csv”导入积分记录：新增 1 条，已有 0 条，退回 0 条" in text)
    assert "马书记：把 马丽（0001） 标为迁出，原因：出嫁" in text
    assert "（未登录）：马秀兰 登录时密码错误（连续第 1 次）" in text
    assert not any("{" in t or '"' in t for t in text)  # never raw JSON
    english = said(lines, "en")
    assert "马主任: approved deed #2: 王芳 (0004) 捐款捐物 +30" in [
        t.replace("：", ": ", 1) for t in english]
    assert lines[0].when() == "2026-11-22 10:00"  # local time, as the ledger's clock says


def test_filters(history: Ledger) -> None:
    committee = as_(history, "马主任")
    mine = audit_log.audit_log(committee, LogFilter(person="马主任"))
    assert {line.action for line in mine} == {"approve", "void"}
    voids = audit_log.audit_log(committee, LogFilter(kind="void"), newest_first=False)
    assert [line.entity_id for line in voids] == ["1", "4"]
    wang = next(r for r in roster.list_residents(history) if r.name == "王芳")
    about = audit_log.audit_log(committee, LogFilter(resident_id=wang.id), newest_first=False)
    assert [line.action for line in about] == ["add", "enter", "enter", "approve", "void"]
    later = audit_log.audit_log(committee, LogFilter(since=dt.date(2026, 11, 23)))
    assert [line.action for line in later] == ["status"]
    early = audit_log.audit_log(committee, LogFilter(until=dt.date(2026, 11, 22),
                                                     kind="sign_in"))
    assert [line.action for line in early] == ["sign_in_failed"]


def test_only_the_committee_and_the_secretary_read_the_whole_log(history: Ledger) -> None:
    with pytest.raises(InputError) as caught:
        audit_log.audit_log(history)  # 马秀兰, a gatherer
    assert [p.code for p in caught.value.problems] == ["authority.role_may_not"]
    # one deed's history is part of reading the ledger
    assert [line.action for line in audit_log.deed_history(history.acting_as(None), 1)] == [
        "enter", "void"]


def test_the_demo_village_says_how_many_deeds_it_made(tmp_path: Path) -> None:
    """A bulk write names its deeds as runs of ids; the sentence says their number."""
    from village_tally.services.demo import make_demo
    from village_tally.services.session import open_ledger

    made = make_demo(str(tmp_path / "demo.db"), residents=20, months=1, clock=lambda: NOW)
    ledger = open_ledger(str(tmp_path / "demo.db"), clock=lambda: NOW)
    try:
        (line,) = [x for x in audit_log.audit_log(as_(ledger, "马书记"))
                   if x.action == "demo"]
        assert line.text("zh") == f"生成了示范村：20 位村民，{made.deeds} 条积分"
    finally:
        ledger.close()
