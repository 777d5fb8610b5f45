"""The issue's tampering list (#12), tried as someone holding the file would: with the sqlite3
shell, foreign keys off, the guards dropped first and put back exactly as they were after, so
each change is caught for what it is and for nothing else."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

import pytest

from tests.conftest import as_, enter
from tests.tamper import tamper_file
from village_tally.core.deed import Deed
from village_tally.core.month import Month
from village_tally.i18n import describe
from village_tally.services import audit, deeds, months, people
from village_tally.services.errors import InputError
from village_tally.services.session import Ledger
from village_tally.store.db import sqlite_path


@dataclass
class Village:
    ledger: Ledger
    counted: Deed  # 王芳's deed in the closed October
    approved: Deed  # 马丽's free points, approved by 马书记
    voided: Deed  # 曾重行's deed, voided


@pytest.fixture
def village(ledger: Ledger) -> Village:
    counted = enter(ledger, "王芳", date="2026-10-05", rule="L1", quantity="2", sheet="S1",
                    line=1)
    approved = enter(ledger, "马丽", date="2026-10-06", points="5", deed="修村道", sheet="S1",
                     line=2)
    deeds.approve_deed(as_(ledger, "马书记"), approved.id)
    voided = enter(ledger, "曾重行", date="2026-10-07", rule="L1", sheet="S1", line=3)
    deeds.void_deed(as_(ledger, "马书记"), voided.id, reason="抄错了")
    months.close_month(as_(ledger, "马书记"), Month(2026, 10))
    enter(ledger, "王芳", date="2026-11-03", rule="L1", sheet="S2", line=1)
    assert audit.verify(ledger).ok
    return Village(ledger, counted, approved, voided)


def tamper(ledger: Ledger, *statements: str, guards_back: bool = True) -> None:
    tamper_file(sqlite_path(ledger.engine), *statements, guards_back=guards_back)


def found(ledger: Ledger) -> list[str]:
    return sorted(p.code for p in audit.verify(ledger).problems)


def said(ledger: Ledger) -> str:
    return "\n".join(describe(p, "en") for p in audit.verify(ledger).problems)


def test_a_closed_month_reopened_given_a_backdated_award_and_closed_again(village):
    ledger = village.ledger
    tamper(ledger, "UPDATE month SET closed = 0 WHERE month = '2026-10'")
    late = enter(ledger, "王芳", date="2026-10-20", points="50", deed="补记", sheet="S9", line=1)
    deeds.approve_deed(as_(ledger, "马书记"), late.id)
    with pytest.raises(InputError) as caught:  # the roster kept at its close says so
        months.close_month(as_(ledger, "马书记"), Month(2026, 10))
    assert [p.code for p in caught.value.problems] == ["month.closed_before"]
    tamper(ledger, "DELETE FROM snapshot WHERE month = '2026-10'")
    months.close_month(as_(ledger, "马书记"), Month(2026, 10))
    assert found(ledger) == ["verify.month_closed_twice"]
    assert "2026-10 was closed 2 times" in said(ledger)


def test_a_closed_month_deleted(village):
    tamper(village.ledger, "DELETE FROM month WHERE month = '2026-10'")
    assert found(village.ledger) == ["verify.month_missing"]
    assert "the closed month 2026-10" in said(village.ledger)


def test_a_closed_month_only_reopened(village):
    tamper(village.ledger, "UPDATE month SET closed = 0 WHERE month = '2026-10'")
    assert found(village.ledger) == ["verify.month_reopened"]


def test_a_void_deleted_counts_the_voided_points_again(village):
    tamper(village.ledger, f"DELETE FROM void WHERE deed_id = {village.voided.id}")
    assert found(village.ledger) == ["verify.month_points", "verify.row_missing"]
    text = said(village.ledger)
    assert f"the void of deed #{village.voided.id} is missing" in text
    assert "the points of 2026-10 as closed differ from the deeds now (1 residents" in text


def test_an_approval_deleted_puts_the_deed_back_to_pending(village):
    tamper(village.ledger, f"DELETE FROM approval WHERE deed_id = {village.approved.id}")
    assert found(village.ledger) == ["verify.month_points", "verify.row_missing"]
    assert f"the approval of deed #{village.approved.id} is missing" in said(village.ledger)


def test_who_approved_changed(village):
    tamper(village.ledger, "UPDATE approval SET by = '王会计'")
    assert found(village.ledger) == ["verify.row_changed"]
    assert (f"the approval of deed #{village.approved.id}: the by was changed from '马书记' to "
            f"'王会计'") in said(village.ledger)


def test_when_it_was_approved_changed(village):
    tamper(village.ledger, "UPDATE approval SET at = '2026-10-01T08:00:00+08:00'")
    assert found(village.ledger) == ["verify.row_changed"]
    assert "the time was changed" in said(village.ledger)


def test_a_resident_with_points_in_a_closed_month_deleted(village):
    tamper(village.ledger, "DELETE FROM resident WHERE name = '王芳'")
    assert found(village.ledger) == ["verify.deed_orphan", "verify.row_missing"]
    text = said(village.ledger)
    assert "resident 王芳 (id 5) is missing" in text
    assert "deeds name a resident who is not on the roster (id 5)" in text


@pytest.mark.parametrize(("statement", "words"), [
    ("UPDATE resident SET name = '王小芳' WHERE name = '王芳'",
     "resident 王芳 (id 5): the name was changed from '王芳' to '王小芳'"),
    ("UPDATE resident SET household_id = 1 WHERE name = '王芳'",
     "resident 王芳 (id 5): the household was changed from '4' to '1'"),
    ("UPDATE area SET name = '东片' WHERE name = '二片'",
     "area 二片: the name was changed from '二片' to '东片'"),
    ("UPDATE household SET door_plate = '马家村99号' WHERE code = '0004'",
     "household 0004: the door plate was changed"),
    ("UPDATE rule SET points_h = 9900 WHERE code = 'L1'",
     "rule L1: the points was changed from '100' to '9900'"),
    ("UPDATE village SET settings = replace(settings, '\"stars_per_flag\": 6', "
     "'\"stars_per_flag\": 2')", "the village 测试村: the scheme settings was changed"),
])
def test_the_roster_rules_and_scheme_edited_behind_the_programs_back(village, statement, words):
    tamper(village.ledger, statement)
    assert found(village.ledger) == ["verify.row_changed"]
    assert words in said(village.ledger)


@pytest.mark.parametrize(("statement", "code", "words"), [
    ("UPDATE person SET role = 'secretary' WHERE name = '马秀兰'", "verify.row_changed",
     "person 马秀兰: the role was changed from 'gatherer' to 'secretary'"),
    ("UPDATE person SET retired_at = '2026-11-01T00:00:00+08:00' WHERE name = '马主任'",
     "verify.row_changed", "person 马主任: the retired at was changed from '—'"),
    ("INSERT INTO person_area (person_id, area_id) SELECT p.id, a.id FROM person p, area a "
     "WHERE p.name = '王建国' AND a.name = '一片'", "verify.row_unrecorded",
     "the area 一片 assigned to 王建国 is not in the audit log"),
    ("DELETE FROM person_area WHERE person_id = (SELECT id FROM person WHERE name = '王建国')",
     "verify.row_missing", "the area 二片 assigned to 王建国 is missing"),
    ("UPDATE pin SET hash = 'scrypt$65536$8$1$a25vd24=$a25vd24=' WHERE person_id = "
     "(SELECT id FROM person WHERE name = '马书记')", "verify.secret_changed",
     "the PIN of 马书记 was changed (it is not what the audit log recorded)"),
    ("INSERT INTO person (village_id, name, role, created_at) VALUES (1, '冒名', 'secretary', "
     "'2026-11-01')", "verify.row_unrecorded", "person 冒名 is not in the audit log"),
])
def test_people_roles_areas_and_pins_edited_behind_the_programs_back(village, statement, code,
                                                                     words):
    """Who may do what is decided by these rows: a role, an area or a PIN set with the sqlite3
    shell is caught for what it is (#11's people, bound like the roster)."""
    tamper(village.ledger, statement)
    assert found(village.ledger) == [code]
    assert words in said(village.ledger)


def test_a_pin_changed_through_the_program_is_recorded_and_verifies(village):
    people.set_pin(as_(village.ledger, "马书记"), "马秀兰", "8642")
    people.set_areas(as_(village.ledger, "马书记"), "王建国", ["一片", "二片"])
    assert audit.verify(village.ledger).ok


def test_a_deed_dated_in_a_closed_month_but_labelled_open_is_refused_by_the_database(village):
    conn = sqlite3.connect(sqlite_path(village.ledger.engine))
    for month in ("2026-11", "2026-10"):
        with pytest.raises(sqlite3.IntegrityError, match="month is closed|does not agree"):
            conn.execute(
                "INSERT INTO deed (village_id, resident_id, date, month, title, quantity_h, "
                "points_h, needs_approval, recorder, created_at, created_by) VALUES (1, 5, "
                f"'2026-10-09', '{month}', 'late', 100, 50000, 0, 'x', 'now', 'x')")
    with pytest.raises(sqlite3.IntegrityError, match="does not agree"):
        conn.execute(
            "INSERT INTO deed (village_id, resident_id, date, month, title, quantity_h, "
            "points_h, needs_approval, recorder, created_at, created_by) VALUES (1, 5, "
            "'2026-12-09', '2026-11', 'mislabelled', 100, 100, 0, 'x', 'now', 'x')")
    conn.close()


def test_the_same_deed_with_the_guards_dropped_is_caught_for_what_it_is(village):
    tamper(village.ledger,
           "INSERT INTO deed (village_id, resident_id, date, month, title, quantity_h, points_h, "
           "needs_approval, recorder, created_at, created_by) VALUES (1, 5, '2026-10-09', "
           "'2026-11', 'late', 100, 50000, 0, 'x', 'now', 'x')")
    assert found(village.ledger) == ["verify.deed_month_date", "verify.deed_unaudited"]
    assert "is dated 2026-10-09 but labelled with the month 2026-11" in said(village.ledger)


def test_a_deed_changed_deleted_or_added(village):
    first = village.counted.id
    tamper(village.ledger, f"UPDATE deed SET points_h = 5000 WHERE id = {first}")
    assert found(village.ledger) == ["verify.deed_changed", "verify.month_points"]
    tamper(village.ledger, f"DELETE FROM deed WHERE id = {village.approved.id}")
    assert "verify.deed_missing" in found(village.ledger)
    # when it was entered, as a person reads a time (the stored 2026-…T…+08:00 is not shown)
    assert re.search(rf"deed #{village.approved.id} is missing \(entered "
                     r"\d{4}-\d\d-\d\d \d\d:\d\d by 马秀兰", said(village.ledger))


@pytest.mark.parametrize(("statement", "code", "words"), [
    ("UPDATE month SET checksum = 'forged'", "verify.month_changed",
     "the checksum of 2026-10 was changed"),
    ("UPDATE month SET tally = replace(tally, '\"total_points\": \"2\"', "
     "'\"total_points\": \"9\"')", "verify.month_changed", "the stored tally of 2026-10"),
    ("UPDATE month SET closed_by = '王会计'", "verify.month_changed", "closing person"),
    ("UPDATE snapshot SET roster = replace(roster, '王芳', '王小芳')", "verify.month_changed",
     "the roster of 2026-10 was changed"),
    ("UPDATE audit SET actor = '冒名' WHERE id = 3", "verify.entry_changed",
     "audit entry 3 was changed"),
    ("DELETE FROM audit WHERE id = 4", "verify.chain_broken", "broken before entry 5"),
])
def test_the_closed_months_record_and_the_audit_log_itself(village, statement, code, words):
    tamper(village.ledger, statement)
    assert code in found(village.ledger)
    assert words in said(village.ledger)


@pytest.mark.parametrize(("statement", "code", "words"), [
    ("DROP TRIGGER void_no_delete", "verify.guard_missing",
     "guard (trigger) 'void_no_delete' was removed"),
    ("DROP INDEX ux_household", "verify.guard_missing", "guard (index) 'ux_household'"),
    ("CREATE TRIGGER sneaky AFTER INSERT ON deed BEGIN SELECT 1; END", "verify.guard_unknown",
     "a trigger 'sneaky' nobody defined"),
])
def test_every_guard_is_as_the_migrations_define_it(village, statement, code, words):
    conn = sqlite3.connect(sqlite_path(village.ledger.engine))
    conn.execute(statement)
    conn.commit()
    conn.close()
    assert found(village.ledger) == [code]
    assert words in said(village.ledger)


def test_a_guard_weakened_in_place_is_seen(village):
    tamper(village.ledger, "DROP TRIGGER IF EXISTS deed_closed_month", guards_back=False)
    conn = sqlite3.connect(sqlite_path(village.ledger.engine))
    conn.execute("CREATE TRIGGER deed_closed_month BEFORE INSERT ON deed WHEN 0 "
                 "BEGIN SELECT RAISE(ABORT, 'month is closed'); END")
    conn.commit()
    conn.close()
    assert "verify.guard_altered" in found(village.ledger)


def test_every_difference_is_said_in_both_languages(village):
    tamper(village.ledger, f"DELETE FROM void WHERE deed_id = {village.voided.id}",
           "UPDATE resident SET name = '王小芳' WHERE name = '王芳'")
    problems = audit.verify(village.ledger).problems
    assert problems
    for problem in problems:
        zh, en = describe(problem, "zh"), describe(problem, "en")
        assert "verify." not in zh + en and "{" not in zh + en
        assert zh != en
    assert any("记录 #" in describe(p, "zh") and "的作废不见了" in describe(p, "zh")
               for p in problems)
