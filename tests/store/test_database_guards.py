"""The database itself refuses to rewrite history (invariants 2, 3, 4), whatever tool asks."""

import sqlite3

import pytest

from tests.conftest import as_, enter
from village_tally.core.month import Month
from village_tally.services import months
from village_tally.store.db import sqlite_path


def raw(ledger):
    return sqlite3.connect(sqlite_path(ledger.engine))


@pytest.fixture
def closed_deed(make_ledger):
    ledger = make_ledger(roster_text="王芳 0004 二片 户主")
    deed = enter(ledger, "王芳", date="2026-10-05", rule="L1", sheet="S1", line=1)
    months.close_month(as_(ledger, "马书记"), Month.parse("2026-10"))
    return ledger, deed


@pytest.mark.parametrize("statement", [
    "UPDATE deed SET points_h = 9900 WHERE id = {id}",
    "DELETE FROM deed WHERE id = {id}",
    "UPDATE deed SET note = 'x'",
])
def test_raw_update_or_delete_of_a_deed_is_refused(ledger, statement):
    deed = enter(ledger, "王芳", rule="L1", sheet="S1", line=1)
    conn = raw(ledger)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute(statement.format(id=deed.id))
    conn.close()


@pytest.mark.parametrize("statement", [
    "INSERT INTO deed (village_id, resident_id, date, month, title, quantity_h, points_h, "
    "needs_approval, recorder, created_at, created_by) VALUES (1, 1, '2026-10-09', '2026-10', "
    "'late', 100, 500, 0, 'x', 'now', 'x')",
    "INSERT INTO void (deed_id, reason, by, at) VALUES ({id}, 'oops', 'x', 'now')",
    "INSERT INTO approval (deed_id, by, at) VALUES ({id}, 'x', 'now')",
    "UPDATE month SET checksum = 'forged'",
    "DELETE FROM month",
    "INSERT INTO deed (village_id, resident_id, date, month, title, quantity_h, points_h, "
    "needs_approval, recorder, created_at, created_by) VALUES (1, 1, '2026-09-09', '2026-09', "
    "'earlier', 100, 500, 0, 'x', 'now', 'x')",
])
def test_raw_writes_into_a_closed_month_are_refused(closed_deed, statement):
    ledger, deed = closed_deed
    conn = raw(ledger)
    with pytest.raises(sqlite3.IntegrityError, match="month is closed|append-only"):
        conn.execute(statement.format(id=deed.id))
    conn.close()


@pytest.mark.parametrize("statement", ["UPDATE audit SET actor = 'someone else'",
                                       "DELETE FROM audit"])
def test_the_audit_log_cannot_be_rewritten(ledger, statement):
    conn = raw(ledger)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute(statement)
    conn.close()


def test_the_database_runs_durable_and_checked(ledger):
    with ledger.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_points_are_stored_as_integer_hundredths(ledger):
    deed = enter(ledger, "王芳", points="0.5", deed="帮忙抄水表")
    conn = raw(ledger)
    value = conn.execute("SELECT points_h, typeof(points_h) FROM deed WHERE id = ?",
                         (deed.id,)).fetchone()
    conn.close()
    assert value == (50, "integer")
