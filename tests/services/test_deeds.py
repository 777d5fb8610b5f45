"""Entering, approving, voiding and undoing deeds: the rules a gatherer meets at the table."""

import dataclasses
import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import NOW, as_, enter
from village_tally.core.deed import Status
from village_tally.core.month import Month
from village_tally.core.problem import Field
from village_tally.services import audit, audit_log, deeds, importing, months, rules
from village_tally.services.backups import backups_folder
from village_tally.services.errors import InputError
from village_tally.services.session import open_ledger
from village_tally.store.db import sqlite_path


def codes(caught):
    return [p.code for p in caught.value.problems]


def total(ledger, name, household, month="2026-11"):
    rows = months.tally(ledger, Month.parse(month)).rows
    return next(str(r.total_points) for r in rows if r.name == name and r.household == household)


def test_rule_points_times_quantity(ledger):
    deed = enter(ledger, "王芳", rule="L1", quantity="2", sheet="S1", line=1)
    assert str(deed.points) == "2" and deed.status is Status.APPROVED
    assert deed.source.sheet == "S1" and deed.source.line == 1


def test_every_problem_at_once(ledger):
    with pytest.raises(InputError) as caught:
        enter(ledger, "无此人", rule="ZZ", date="2027-01-01")
    assert set(codes(caught)) == {"resident.unknown", "rule.unknown", "date.future"}


def fields(caught):
    return {p.code: p.where.field for p in caught.value.problems}


def test_every_problem_names_the_field_it_is_about(ledger):
    """No shell has to guess from a code which field a problem is about."""
    enter(ledger, "王芳", rule="L1", sheet="S1", line=1)
    with pytest.raises(InputError) as caught:
        enter(ledger, "无此人", rule="ZZ", date="2027-01-01", sheet="S1", line=1,
              recorder="无名氏")
    assert fields(caught) == {"resident.unknown": Field.NAME, "rule.unknown": Field.RULE,
                              "date.future": Field.DATE, "deed.duplicate_line": Field.LINE,
                              "deed.recorder_unknown": Field.RECORDER}
    with pytest.raises(InputError) as caught:
        enter(ledger, "马少军", household="0004", points="2", line=3)
    assert fields(caught) == {"resident.not_in_household": Field.HOUSEHOLD,
                              "deed.text_missing": Field.TEXT,
                              "deed.line_without_sheet": Field.SHEET}
    for line in range(2, 6):
        enter(ledger, "王芳", rule="C1", sheet="S1", line=line)
    with pytest.raises(InputError) as caught:
        enter(ledger, "王芳", rule="C1", sheet="S1", line=6)
    assert fields(caught) == {"deed.cap_reached": Field.QUANTITY}
    with pytest.raises(InputError) as caught:
        deeds.approve_deed(as_(ledger, "马书记"), 999)
    assert fields(caught) == {"deed.unknown": Field.DEED}
    with pytest.raises(InputError) as caught:
        deeds.void_deed(ledger, 1, reason=" ")
    assert fields(caught) == {"deed.reason_missing": Field.REASON}
    with pytest.raises(InputError) as caught:
        months.close_month(as_(ledger, "马书记"), Month.parse("2026-11"))
    assert fields(caught)["month.future"] == Field.MONTH


def test_namesakes_need_the_household(ledger):
    with pytest.raises(InputError) as caught:
        enter(ledger, "马少军", rule="L1")
    (problem,) = caught.value.problems
    assert problem.code == "resident.ambiguous"
    assert "0001" in problem.params["candidates"] and "0003" in problem.params["candidates"]
    deed = enter(ledger, "马少军", household="0003", rule="L1")
    assert deed.household == "0003"


def test_monthly_cap_needs_an_override_reason(ledger):
    for line in range(1, 5):
        enter(ledger, "王芳", rule="C1", sheet="S1", line=line)
    with pytest.raises(InputError) as caught:
        enter(ledger, "王芳", rule="C1", sheet="S1", line=5)
    assert codes(caught) == ["deed.cap_reached"]
    deed = enter(ledger, "王芳", rule="C1", sheet="S1", line=5, override="村委同意：雪灾期间")
    assert deed.override_reason == "村委同意：雪灾期间"
    assert deed.status is Status.PENDING  # an override counts only once approved
    assert total(ledger, "王芳", "0004") == "8"
    deeds.approve_deed(as_(ledger, "马主任"), deed.id)
    assert total(ledger, "王芳", "0004") == "10"


def test_a_voided_deed_frees_its_cap(ledger):
    first = enter(ledger, "王芳", rule="A1")
    with pytest.raises(InputError):
        enter(ledger, "王芳", rule="A1")
    deeds.void_deed(ledger, first.id, reason="写错人")
    enter(ledger, "王芳", rule="A1")


def test_the_same_sheet_line_cannot_be_entered_twice(ledger):
    first = enter(ledger, "王芳", rule="L1", sheet="S7", line=3)
    with pytest.raises(InputError) as caught:
        enter(ledger, "马丽", rule="L1", sheet="S7", line=3)
    assert codes(caught) == ["deed.duplicate_line"]
    assert caught.value.problems[0].params["deed_id"] == first.id
    deeds.void_deed(ledger, first.id, reason="姓名抄错")
    again = enter(ledger, "马丽", rule="L1", sheet="S7", line=3)
    assert again.source.line == 3


def test_large_awards_and_free_text_wait_for_approval(ledger):
    small = enter(ledger, "王芳", rule="D1", quantity="5", sheet="S1", line=1)
    donation = enter(ledger, "王芳", rule="D1", quantity="30", sheet="S1", line=2)
    free = enter(ledger, "王芳", points="3", deed="帮邻居修屋顶", sheet="S1", line=3)
    assert donation.status is Status.PENDING and free.status is Status.PENDING
    assert small.status is Status.APPROVED
    row = next(r for r in months.tally(ledger, Month.parse("2026-11")).rows if r.name == "王芳")
    assert (str(row.total_points), str(row.pending_points)) == ("5", "33")


def test_nobody_approves_their_own_deed(ledger):
    deed = enter(ledger, "王芳", rule="D1", quantity="30", recorder="马秀兰")
    with pytest.raises(InputError) as caught:
        deeds.approve_deed(as_(ledger, "马秀兰"), deed.id)
    assert codes(caught) == ["authority.role_may_not"]  # a gatherer approves nothing
    deeds.approve_deed(as_(ledger, "马书记"), deed.id)
    assert deeds.get_deed(ledger, deed.id).approved_by == "马书记"
    assert total(ledger, "王芳", "0004") == "30"
    with pytest.raises(InputError) as caught:
        deeds.approve_deed(as_(ledger, "马主任"), deed.id)
    assert codes(caught) == ["deed.not_pending"]


def test_void_keeps_the_deed_and_says_who_and_why(ledger):
    deed = enter(ledger, "王芳", rule="L1", quantity="2")
    deeds.void_deed(as_(ledger, "马书记"), deed.id, reason="重复登记")
    again = deeds.get_deed(ledger, deed.id)
    assert again.status is Status.VOID and again.points == deed.points
    assert (again.void_reason, again.voided_by) == ("重复登记", "马书记")
    assert total(ledger, "王芳", "0004") == "0"
    with pytest.raises(InputError) as caught:
        deeds.void_deed(ledger, deed.id, reason="again")
    assert codes(caught) == ["deed.already_voided"]
    with pytest.raises(InputError) as caught:
        deeds.void_deed(ledger, 99999, reason="x")
    assert codes(caught) == ["deed.unknown"]


def test_a_closed_month_is_corrected_in_the_open_month(ledger):
    old = enter(ledger, "王芳", date="2026-10-05", rule="L1", quantity="3")
    digest, _ = months.close_month(as_(ledger, "马书记"), Month.parse("2026-10"))
    before = months.tally(ledger, Month.parse("2026-10"))
    result = deeds.void_deed(as_(ledger, "马书记"), old.id, reason="其实是别人干的")
    adjustment = result.adjustment
    assert adjustment is not None and adjustment.adjusts == old.id
    assert adjustment.month == Month.parse("2026-11") and str(adjustment.points) == "-3"
    assert deeds.get_deed(ledger, old.id).status is Status.APPROVED  # the old deed is untouched
    after = months.tally(ledger, Month.parse("2026-10"))
    assert after.rows == before.rows and after.checksum == digest
    assert total(ledger, "王芳", "0004") == "0"
    with pytest.raises(InputError) as caught:
        deeds.void_deed(as_(ledger, "马主任"), old.id, reason="twice")
    assert codes(caught) == ["deed.already_voided"]


def test_nothing_enters_a_closed_month(ledger):
    enter(ledger, "王芳", date="2026-10-05", rule="L1")
    months.close_month(as_(ledger, "马书记"), Month.parse("2026-10"))
    with pytest.raises(InputError) as caught:
        enter(ledger, "王芳", date="2026-10-30", rule="L1")
    assert codes(caught) == ["deed.month_closed"]
    with pytest.raises(InputError) as caught:
        enter(ledger, "王芳", date="2026-09-30", rule="L1")
    assert codes(caught) == ["deed.month_closed"]


def test_close_is_refused_while_deeds_wait_or_an_earlier_month_is_open(ledger):
    enter(ledger, "王芳", date="2026-09-05", rule="L1")
    pending = enter(ledger, "王芳", date="2026-10-05", rule="N2")
    with pytest.raises(InputError) as caught:
        months.close_month(as_(ledger, "马书记"), Month.parse("2026-10"))
    assert set(codes(caught)) == {"month.pending", "month.earlier_open"}
    with pytest.raises(InputError) as caught:
        months.close_month(as_(ledger, "马书记"), Month.parse("2026-11"))
    assert "month.future" in codes(caught)
    months.close_month(as_(ledger, "马书记"), Month.parse("2026-09"))
    deeds.approve_deed(as_(ledger, "马书记"), pending.id)
    months.close_month(as_(ledger, "马书记"), Month.parse("2026-10"))
    with pytest.raises(InputError) as caught:
        months.close_month(as_(ledger, "马书记"), Month.parse("2026-10"))
    assert codes(caught) == ["month.already_closed"]


def test_undo_voids_the_last_line_the_person_typed_in_their_language(ledger):
    enter(ledger, "王芳", rule="L1")
    last = enter(ledger, "马丽", rule="L1")
    enter(as_(ledger, "王建国"), "王芳", rule="L1")
    undone = deeds.undo_last(ledger)
    assert undone.deed_id == last.id
    assert deeds.get_deed(ledger, last.id).status is Status.VOID
    assert deeds.get_deed(ledger, last.id).void_reason == "撤销本行"
    actions = [e.action for e in audit_log.deed_history(ledger, last.id)]
    assert actions == ["enter", "undo"]
    again = deeds.undo_last(as_(ledger, "王建国"), lang="en")
    assert deeds.get_deed(ledger, again.deed_id).void_reason == "line undone"


def test_every_action_is_in_the_audit_chain_and_verify_passes(ledger):
    deed = enter(ledger, "王芳", rule="D1", quantity="30")
    deeds.approve_deed(as_(ledger, "马书记"), deed.id)
    report = audit.verify(ledger)
    assert report.ok, report.problems
    actions = [e.action for e in audit_log.deed_history(ledger, deed.id)]
    assert actions == ["enter", "approve"]


def test_verify_finds_a_deed_changed_behind_the_programs_back(ledger):
    deed = enter(ledger, "王芳", rule="L1")
    conn = sqlite3.connect(sqlite_path(ledger.engine))
    conn.execute("DROP TRIGGER deed_no_update")
    conn.execute("UPDATE deed SET points_h = 5000 WHERE id = ?", (deed.id,))
    conn.commit()
    conn.close()
    report = audit.verify(ledger)
    assert [p.code for p in report.problems] == ["verify.deed_changed", "verify.guard_missing"]


def test_verify_finds_a_forged_closed_month(ledger):
    enter(ledger, "王芳", date="2026-10-05", rule="L1")
    months.close_month(as_(ledger, "马书记"), Month.parse("2026-10"))
    conn = sqlite3.connect(sqlite_path(ledger.engine))
    conn.execute("DROP TRIGGER month_closed_update")
    conn.execute("UPDATE month SET tally = replace(tally, '\"total_points\": \"1\"', "
                 "'\"total_points\": \"9\"')")
    conn.commit()
    conn.close()
    assert [p.code for p in audit.verify(ledger).problems] == ["verify.month_changed",
                                                               "verify.guard_missing"]


def test_verify_finds_a_broken_chain(ledger):
    enter(ledger, "王芳", rule="L1")
    conn = sqlite3.connect(sqlite_path(ledger.engine))
    conn.execute("DROP TRIGGER audit_no_update")
    conn.execute("UPDATE audit SET actor = '冒名' WHERE id = 2")
    conn.commit()
    conn.close()
    assert "verify.entry_changed" in [p.code for p in audit.verify(ledger).problems]


def test_a_backup_is_taken_before_closing(ledger):
    enter(ledger, "王芳", date="2026-10-05", rule="L1")
    months.close_month(as_(ledger, "马书记"), Month.parse("2026-10"))
    folder = sqlite_path(ledger.engine).parent
    assert list(folder.glob("*.backups/*close-2026-10.db"))


def test_the_deed_returned_on_entry_is_the_deed_stored(ledger):
    for kwargs in ({"rule": "L1", "quantity": "2", "sheet": "S1", "line": 4},
                   {"points": "0.5", "deed": "帮忙抄水表", "note": None},
                   {"rule": "C1", "override": None}):
        kwargs.pop("note", None)
        entered = enter(ledger, "王芳", **kwargs)
        assert entered == deeds.get_deed(ledger, entered.id)


def test_every_deed_names_where_it_came_from(ledger):
    paper = enter(ledger, "王芳", rule="L1", sheet="202611-02-01", line=7)
    typed = enter(ledger, "王芳", rule="L1")
    assert paper.source.text() == "202611-02-01/7"
    assert typed.source.file == deeds.HAND_ENTRY and typed.source.text()
    old = enter(ledger, "王芳", date="2026-10-02", rule="L1")
    months.close_month(as_(ledger, "马书记"), Month.parse("2026-10"))
    adjustment = deeds.void_deed(as_(ledger, "马主任"), old.id, reason="记错了").adjustment
    assert adjustment.adjusts == old.id


def test_a_file_that_cannot_be_read_leaves_the_backups_as_they_were(ledger, tmp_path):
    """The village is backed up while the file is read: when the file is refused, the copy
    is not kept and no older backup is pruned for it."""
    rules.update_scheme(as_(ledger, "马书记"), dataclasses.replace(ledger.scheme, backups_kept=2))
    ledger.reload()
    sheet = tmp_path / "十一月.csv"
    for day in (1, 2):
        sheet.write_text(f"日期,姓名,编码\n2026-11-0{day},王芳,L1\n", encoding="utf-8")
        at = NOW + dt.timedelta(minutes=day)
        importing.import_file(dataclasses.replace(ledger, clock=lambda at=at: at), "deeds", sheet)
    folder = Path(backups_folder(ledger))
    before = sorted(folder.iterdir())
    assert len(before) == 2
    sheet.write_text("这不是表头\n随便写的\n", encoding="utf-8")
    later = NOW + dt.timedelta(minutes=9)
    with pytest.raises(InputError):
        importing.import_file(dataclasses.replace(ledger, clock=lambda: later), "deeds", sheet)
    assert sorted(folder.iterdir()) == before


def test_backups_are_bounded_by_the_village_setting(ledger, tmp_path):
    """Each import copies the whole file: only the newest `backups_kept` stay, and the
    setting survives reopening (it is the village's, shared by the CLI and the program)."""
    rules.update_scheme(as_(ledger, "马书记"), dataclasses.replace(ledger.scheme, backups_kept=3))
    ledger.reload()  # as the shells do after a change to the handbook
    sheet = tmp_path / "十一月.csv"
    made = []
    for day in range(1, 6):
        sheet.write_text(f"日期,姓名,编码\n2026-11-0{day},王芳,L1\n", encoding="utf-8")
        at = NOW + dt.timedelta(minutes=day)  # one import a minute
        ticking = dataclasses.replace(ledger, clock=lambda at=at: at)
        made.append(importing.import_file(ticking, "deeds", sheet).backup_file)
    folder = Path(backups_folder(ledger))
    assert sorted(folder.iterdir()) == sorted(Path(p) for p in made[-3:])
    assert all(Path(p).parent == folder for p in made)
    reopened = open_ledger(str(sqlite_path(ledger.engine)))
    try:
        assert reopened.scheme.backups_kept == 3
    finally:
        reopened.close()
    with pytest.raises(InputError) as info:
        rules.update_scheme(as_(ledger, "马书记"),
                            dataclasses.replace(ledger.scheme, backups_kept=0))
    assert [p.where.field for p in info.value.problems] == [Field.BACKUPS_KEPT]
