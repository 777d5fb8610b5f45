"""A way back (信用修复), as a village lives it month by month on each backend: a littering
deduction stops counting after three clean months, a second one in between keeps the first
on the books, a closed month's figures never move when the handbook changes later, and the
army rule's cap counts a year."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from tests.conftest import NOW, as_, enter, make_village
from tests.helpers.story import Calendar, backend, story_village
from tests.tamper import tamper_either, tamper_file
from village_tally.core.month import Month
from village_tally.core.tally_column import tally_columns
from village_tally.i18n import describe
from village_tally.printing.statement import months_of, status_text
from village_tally.services import audit, deeds, months, printing, rules
from village_tally.services.errors import InputError
from village_tally.services.session import Ledger, open_ledger
from village_tally.store.db import sqlite_path

ROSTER = """
王芳 0004 二片 户主
马丽 0001 一片 户主
曾重行 0002 一片 户主
"""


JANUARY = NOW.replace(month=1, day=20)  # the way back's stories begin in January


@pytest.fixture(params=["sqlite", "postgresql"])
def village(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Ledger, Calendar]]:
    when = Calendar(JANUARY)
    ledger = story_village(backend(request, tmp_path), ROSTER, when)
    yield ledger, when
    ledger.close()


def row(ledger: Ledger, month: str, name: str) -> dict[str, object]:
    found = next(r for r in months.tally(ledger, Month.parse(month)).rows if r.name == name)
    return found.as_json()


def lapse_after(ledger: Ledger, months_: int) -> None:
    """The secretary sets how long littering (N1) counts; the shared ledger reads it again."""
    littering = ledger.rule("N1")
    assert littering is not None
    rules.update_rule(as_(ledger, "马书记"), replace(littering, lapse_months=months_))
    ledger.reload()


def close(ledger: Ledger, month: str) -> None:
    months.close_month(as_(ledger, "马书记"), Month.parse(month))


def test_a_deduction_lapses_after_three_clean_months_and_closed_months_never_move(
        village: tuple[Ledger, Calendar]) -> None:
    ledger, when = village
    gatherer = as_(ledger, "马秀兰")
    lapse_after(ledger, 3)
    # January: both litter; 王芳 also does a day's public labour
    littered = enter(gatherer, "王芳", rule="N1", date="2026-01-10", sheet="1月", line=1)
    enter(gatherer, "王芳", rule="L1", quantity="2", date="2026-01-12", sheet="1月", line=2)
    enter(gatherer, "马丽", rule="N1", date="2026-01-10", sheet="1月", line=3)
    when.go("2026-03-05")
    close(ledger, "2026-01")
    # March: 马丽 litters again before her first has lapsed: both now wait for June
    enter(gatherer, "马丽", rule="N1", date="2026-03-01", sheet="3月", line=1)
    when.go("2026-04-20")
    close(ledger, "2026-03")
    assert row(ledger, "2026-03", "王芳")["total_points"] == "0"
    # April: three clean months since 10 January, 王芳's −2 no longer counts
    april = row(ledger, "2026-04", "王芳")
    assert (april["previous_total"], april["lapsed"], april["month_points"],
            april["total_points"], april["stars"]) == ("0", "2", "0", "2", 2)
    assert row(ledger, "2026-04", "马丽")["total_points"] == "-4"
    # the tally's shells (table, CSV, sheet, window) show the column once a rule lapses
    assert [c.key for c in tally_columns(ledger.scheme)][-1] == "lapsed"
    # her statement keeps the deed, marked, and gives its points back in April
    data = printing.statement_data(as_(ledger, "马主任"), "王芳")
    assert data.lapses == {littered.id: Month.parse("2026-04")}
    [*_, april_block] = months_of(data.deeds, data.lapses)
    assert (april_block.month, str(april_block.counted), str(april_block.running)) == (
        Month.parse("2026-04"), "2", "2")
    assert status_text(littered, "en", data.lapses[littered.id]) == (
        "no longer counts from 2026-04 (a way back)")
    when.go("2026-05-03")
    close(ledger, "2026-04")
    # the committee shortens the way back to one month: April, closed, does not move …
    lapse_after(ledger, 1)
    assert row(ledger, "2026-04", "马丽")["total_points"] == "-4"
    assert audit.verify(ledger).ok
    # … and 马丽's deductions, overdue under the new rule, stop counting in May, the first
    # open month: from her last one (1 March) plus one month
    may = row(ledger, "2026-05", "马丽")
    assert (may["previous_total"], may["lapsed"], may["total_points"]) == ("-4", "4", "0")
    when.go("2026-06-02")
    close(ledger, "2026-05")
    # the lapse is on the record: lengthening the rule again changes nothing closed or after
    lapse_after(ledger, 12)
    assert row(ledger, "2026-05", "马丽")["total_points"] == "0"
    assert row(ledger, "2026-06", "马丽")["total_points"] == "0"
    assert "lapsed" not in row(ledger, "2026-06", "马丽")
    assert audit.verify(ledger).ok
    # the deeds stay on the record, approved, never voided
    lapsed = [d for d in deeds.list_deeds(ledger) if d.name == "马丽"]
    assert [(d.points.signed(), d.status.value) for d in lapsed] == [
        ("-2", "approved"), ("-2", "approved")]


def test_a_voided_or_corrected_deduction_never_lapses_into_points(
        village: tuple[Ledger, Calendar]) -> None:
    """A deduction taken back by a correction is not given back a second time by a lapse."""
    ledger, when = village
    gatherer = as_(ledger, "马秀兰")
    lapse_after(ledger, 2)
    wrong = enter(gatherer, "曾重行", rule="N1", date="2026-01-10", sheet="1月", line=1)
    when.go("2026-02-03")
    close(ledger, "2026-01")
    deeds.void_deed(as_(ledger, "马主任"), wrong.id, reason="记错了人")  # an adjustment in Feb
    when.go("2026-04-02")
    assert row(ledger, "2026-02", "曾重行")["total_points"] == "0"
    assert row(ledger, "2026-03", "曾重行")["total_points"] == "0"
    assert "lapsed" not in row(ledger, "2026-03", "曾重行")


def test_the_army_rule_is_once_a_year(village: tuple[Ledger, Calendar]) -> None:
    ledger, when = village
    gatherer = as_(ledger, "马秀兰")
    army = ledger.rule("A1")
    assert army is not None and army.cap_period == "year"
    enter(gatherer, "王芳", rule="A1", date="2026-01-15")
    when.go("2026-03-10")
    with pytest.raises(InputError) as caught:
        enter(gatherer, "王芳", rule="A1", date="2026-03-02")
    assert [p.code for p in caught.value.problems] == ["deed.cap_reached_year"]


def test_a_lapsed_deduction_cannot_be_taken_back_twice(village: tuple[Ledger, Calendar]) -> None:
    ledger, when = village
    lapse_after(ledger, 1)
    old = enter(as_(ledger, "马秀兰"), "王芳", rule="N1", date="2026-01-10")
    when.go("2026-03-02")
    close(ledger, "2026-01")
    close(ledger, "2026-02")  # it lapsed in February, as February closed
    with pytest.raises(InputError) as caught:
        deeds.void_deed(as_(ledger, "马主任"), old.id, reason="重复")
    assert [(p.code, p.params["month"]) for p in caught.value.problems] == [
        ("deed.lapsed", "2026-02")]
    assert row(ledger, "2026-03", "王芳")["total_points"] == "0"


# --- the way back and the proof (#12): lapses and the rules' lapse months are bound ------------

@pytest.fixture
def lapsed(tmp_path: Path) -> Iterator[tuple[Ledger, int]]:
    """A village file whose February close took 王芳's January deduction as lapsed (N1 lapses
    after one month; 马丽's of February has not yet), verified; and 王芳's deduction's id."""
    when = Calendar(JANUARY)
    ledger = story_village(tmp_path / "v.db", ROSTER, when)
    yield ledger, lapsed_in_february(ledger, when)
    ledger.close()


def lapsed_in_february(ledger: Ledger, when: Calendar) -> int:
    """王芳's January deduction lapses as February closes; 马丽's of February has not yet."""
    lapse_after(ledger, 1)
    littered = enter(as_(ledger, "马秀兰"), "王芳", rule="N1", date="2026-01-10")
    when.go("2026-03-02")
    enter(as_(ledger, "马秀兰"), "马丽", rule="N1", date="2026-02-10")
    close(ledger, "2026-01")
    close(ledger, "2026-02")
    assert row(ledger, "2026-02", "王芳")["lapsed"] == "2"
    assert audit.verify(ledger).ok
    return littered.id


def test_a_lapse_deleted_by_the_tables_owner_on_either_backend(village):
    """On PostgreSQL the owner switches the lapse table's guard off to delete, and back on."""
    ledger, when = village
    deed_id = lapsed_in_february(ledger, when)
    tamper_either(ledger, "lapse", "DELETE FROM lapse")
    assert _found(ledger) == ["verify.month_points", "verify.row_missing"]
    assert f"the lapse of deed #{deed_id} (a way back) is missing" in _said(ledger)


def _found(ledger: Ledger) -> list[str]:
    return sorted(p.code for p in audit.verify(ledger).problems)


def _said(ledger: Ledger, lang: str = "en") -> str:
    return "\n".join(describe(p, lang) for p in audit.verify(ledger).problems)


def test_a_lapse_deleted_behind_the_programs_back_is_caught(lapsed):
    """Deleting the lapse would take 王芳's way back from her: the close recorded it."""
    ledger, deed_id = lapsed
    tamper_file(sqlite_path(ledger.engine), "DELETE FROM lapse")
    assert _found(ledger) == ["verify.month_points", "verify.row_missing"]
    assert f"the lapse of deed #{deed_id} (a way back) is missing" in _said(ledger)
    assert f"记录 #{deed_id} 的扣分失效（信用修复）不见了" in _said(ledger, "zh")


def test_a_lapse_moved_behind_the_programs_back_is_caught(lapsed):
    ledger, deed_id = lapsed
    tamper_file(sqlite_path(ledger.engine), "UPDATE lapse SET month = '2026-03'")
    assert _found(ledger) == ["verify.month_points", "verify.row_changed"]
    assert (f"the lapse of deed #{deed_id} (a way back): the month was changed from "
            "'2026-02' to '2026-03'") in _said(ledger)



def test_a_lapse_added_behind_the_programs_back_is_caught(lapsed):
    """马丽's February deduction given back in February by hand."""
    ledger, deed_id = lapsed
    tamper_file(sqlite_path(ledger.engine), "INSERT INTO lapse (village_id, deed_id, month, at) "
                f"VALUES (1, {deed_id + 1}, '2026-02', '2026-03-02T10:00:00+08:00')")
    assert _found(ledger) == ["verify.month_points", "verify.row_unrecorded"]
    assert f"the lapse of deed #{deed_id + 1} (a way back) is not in the audit log" in _said(
        ledger)


@pytest.mark.parametrize(("statement", "words", "zh"), [
    ("UPDATE rule SET lapse_months = 24 WHERE code = 'N1'",
     "rule N1: the months until a deduction lapses was changed from '1' to '24'",
     "细则 N1的扣分失效月数被改过：记录为“1”，现在是“24”"),
    ("UPDATE rule SET cap_period = 'month' WHERE code = 'A1'",
     "rule A1: the cap period was changed from 'year' to 'month'",
     "细则 A1的上限周期被改过：记录为“year”，现在是“month”"),
])
def test_a_rules_way_back_or_cap_period_edited_behind_the_programs_back(lapsed, statement,
                                                                         words, zh):
    ledger, _ = lapsed
    tamper_file(sqlite_path(ledger.engine), statement)
    assert _found(ledger) == ["verify.row_changed"]
    assert words in _said(ledger)
    assert zh in _said(ledger, "zh")


def test_verify_on_the_command_line_exits_3_for_a_lapse_deleted_by_hand(lapsed):
    ledger, deed_id = lapsed
    db = sqlite_path(ledger.engine)
    tamper_file(db, "DELETE FROM lapse")
    for lang, words in (("en", f"the lapse of deed #{deed_id} (a way back) is missing"),
                        ("zh", f"记录 #{deed_id} 的扣分失效（信用修复）不见了")):
        done = subprocess.run([sys.executable, "-m", "village_tally", "--lang", lang, "verify"],
                              capture_output=True, text=True, timeout=120, check=False,
                              env={**os.environ, "VILLAGE_TALLY_DB": str(db)},
                              stdin=subprocess.DEVNULL)
        assert done.returncode == 3
        assert words in done.stderr and "Traceback" not in done.stderr


def _as_before_0006(db: Path) -> None:
    """The file as a village made before 0006 has it: rules without a cap period or lapse
    months (in the table, and in every audit entry that recorded them, the chain's hashes made
    again as the program made them then), no lapse table, at revision 0005."""
    from types import SimpleNamespace

    from village_tally.store.audit import GENESIS, canonical, entry_hash
    from village_tally.store.record import fields_of

    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    triggers = conn.execute("SELECT name, tbl_name, sql FROM sqlite_master "
                            "WHERE type = 'trigger'").fetchall()
    for trigger in triggers:
        conn.execute(f"DROP TRIGGER {trigger['name']}")
    prev = GENESIS
    for row in conn.execute("SELECT * FROM audit ORDER BY id").fetchall():
        details = json.loads(row["details"])
        for kept in (details.get("state", {}).get("rule"),
                     [details] if details.get("code") else None):
            if kept and isinstance(kept[0], list):  # a recorded state: names, then rows
                wanted = [i for i, name in enumerate(kept[0])
                          if name not in ("cap_period", "lapse_months")]
                kept[:] = [[r[i] for i in wanted] for r in kept]
            elif kept:  # a rule's values in the entry's own words
                kept[0].pop("cap_period", None)
                kept[0].pop("lapse_months", None)
        entry = {**dict(row), "details": canonical(details)}
        new = entry_hash(prev, fields_of(SimpleNamespace(**entry)))
        conn.execute("UPDATE audit SET details = ?, prev_hash = ?, hash = ? WHERE id = ?",
                     (entry["details"], prev, new, row["id"]))
        prev = new
    for statement in ("DROP TABLE lapse", "ALTER TABLE rule DROP COLUMN cap_period",
                      "ALTER TABLE rule DROP COLUMN lapse_months",
                      "UPDATE alembic_version SET version_num = '0005'"):
        conn.execute(statement)
    for trigger in triggers:
        if trigger["tbl_name"] != "lapse":
            conn.execute(trigger["sql"])
    conn.commit()
    conn.close()


def test_a_village_made_before_the_way_back_holds_its_rules_lapse_months_too(tmp_path):
    """A village file from before 0006 recorded its rules without the two new columns: after
    the upgrade every rule holds what the migration gave it (a monthly cap, no lapse), and a
    lapse set with sqlite3 is caught as for any column of a rule."""
    db = tmp_path / "v.db"
    make_village(db)
    _as_before_0006(db)
    ledger = open_ledger(str(db), clock=Calendar(JANUARY))
    try:
        assert ledger.rule("N1").lapse_months is None
        assert audit.verify(ledger).ok, audit.verify(ledger).problems
        tamper_file(db, "UPDATE rule SET lapse_months = 6 WHERE code = 'N1'")
        assert _found(ledger) == ["verify.row_changed"]
        assert ("rule N1: the months until a deduction lapses was changed from '—' to '6'"
                in _said(ledger))
    finally:
        ledger.close()
