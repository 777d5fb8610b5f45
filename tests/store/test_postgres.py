"""The same ledger on PostgreSQL, for a township sharing one server (DESIGN.md: Storage).

Runs on the server VILLAGE_TALLY_TEST_PG names (`postgresql+psycopg://user:pw@host/db`, a role
that may create databases), else on a local server that has README's test role (vt_ci,
password vt_ci, on 127.0.0.1); .ci/run makes one. Skipped, saying what is missing, without the
`postgres` extra or a server (tests/conftest.py: pg_server). Each test gets a database of its
own.
"""

from __future__ import annotations

import pytest

from tests.conftest import add_roster, as_, enter, fixed_clock, make_village, pg_server
from village_tally.core.month import Month
from village_tally.services import audit, deeds, months
from village_tally.services.errors import EnvironmentFault
from village_tally.services.session import init_village, open_ledger

URL, WHY_NOT = pg_server()
pytestmark = pytest.mark.skipif(URL is None, reason=WHY_NOT)


@pytest.fixture
def pg_ledger(pg_url):
    make_village(pg_url, name="共享村")
    ledger = as_(open_ledger(pg_url, clock=fixed_clock), "马秀兰")
    add_roster(ledger, "王芳 0004 二片 户主\n马丽 0001 一片")
    yield ledger
    ledger.close()


def test_enter_close_correct_and_verify(pg_ledger):
    old = enter(pg_ledger, "王芳", date="2026-10-05", rule="L1", quantity="3")
    pending = enter(pg_ledger, "马丽", date="2026-11-02", rule="D1", quantity="30")
    digest, _ = months.close_month(as_(pg_ledger, "马书记"), Month.parse("2026-10"))
    adjustment = deeds.void_deed(as_(pg_ledger, "马主任"), old.id, reason="记错人").adjustment
    assert adjustment is not None and adjustment.adjusts == old.id
    deeds.approve_deed(as_(pg_ledger, "马书记"), pending.id)
    rows = {r.name: r for r in months.tally(pg_ledger, Month.parse("2026-11")).rows}
    assert (str(rows["王芳"].total_points), str(rows["马丽"].total_points)) == ("0", "30")
    assert months.tally(pg_ledger, Month.parse("2026-10")).checksum == digest
    assert audit.verify(pg_ledger).ok


@pytest.mark.parametrize("statement", ["UPDATE deed SET points_h = 1", "DELETE FROM deed",
                                       "UPDATE audit SET actor = 'x'",
                                       "UPDATE month SET checksum = 'x'"])
def test_the_server_refuses_to_rewrite_history(pg_ledger, statement):
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    enter(pg_ledger, "王芳", date="2026-10-05", rule="L1")
    months.close_month(as_(pg_ledger, "马书记"), Month.parse("2026-10"))
    with pytest.raises(DBAPIError, match="append-only|month is closed"), \
            pg_ledger.engine.begin() as conn:
        conn.execute(text(statement))


def test_an_unreachable_server_is_a_plain_message():
    with pytest.raises(EnvironmentFault) as caught:
        init_village("postgresql+psycopg://nobody:x@127.0.0.1:1/none", name="x")
    assert caught.value.code == "db.unreachable"


def test_a_server_database_with_another_programs_tables_is_refused(pg_url):
    from sqlalchemy import create_engine, text

    other = create_engine(pg_url)
    with other.begin() as conn:
        conn.execute(text("CREATE TABLE deed (id serial PRIMARY KEY, title text)"))
        conn.execute(text("CREATE TABLE invoice (id serial PRIMARY KEY)"))
    with pytest.raises(EnvironmentFault) as caught:
        init_village(pg_url, name="共享村")
    assert caught.value.code == "db.not_a_database"
    with other.connect() as conn:
        tables = set(conn.execute(text(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).scalars())
    other.dispose()
    assert tables == {"deed", "invoice"}


def test_concurrent_closes_leave_the_losers_already_closed(pg_url, pg_ledger):
    """Several people close the same month at once on a shared server: one closes it, every
    other is told it is closed already (never a unique-key traceback)."""
    import threading

    from village_tally.services.errors import InputError
    from village_tally.services.session import open_ledger

    enter(pg_ledger, "王芳", date="2026-10-05", rule="L1")
    ledgers = [as_(open_ledger(pg_url, clock=fixed_clock), "马书记") for _ in range(6)]
    start = threading.Barrier(len(ledgers))
    outcomes: list[str] = []

    def close(ledger):
        start.wait()
        try:
            months.close_month(ledger, Month.parse("2026-10"))
            outcomes.append("closed")
        except InputError as exc:
            outcomes.extend(p.code for p in exc.problems)
        except Exception as exc:  # what the test is about: nothing else may escape
            outcomes.append(repr(exc))

    threads = [threading.Thread(target=close, args=(ledger,)) for ledger in ledgers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for ledger in ledgers:
        ledger.close()
    assert sorted(outcomes) == ["closed"] + ["month.already_closed"] * 5
    assert audit.verify(pg_ledger).ok


def test_a_database_without_a_village_is_left_as_it_was(pg_url):
    from sqlalchemy import create_engine, text

    from village_tally.services.session import open_ledger

    with pytest.raises(EnvironmentFault) as caught:
        open_ledger(pg_url)
    assert caught.value.code == "village.missing" and "***" not in pg_url
    other = create_engine(pg_url)
    with other.connect() as conn:
        tables = set(conn.execute(text(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).scalars())
    other.dispose()
    assert tables == set()


def _tamper(ledger, *statements):
    """As the tables' owner would: the guards switched off, the change, the guards on again."""
    from sqlalchemy import text

    tables = ("deed", "void", "approval", "month", "resident", "area", "audit")
    with ledger.engine.begin() as conn:
        for table in tables:
            conn.execute(text(f'ALTER TABLE "{table}" DISABLE TRIGGER USER'))
        for statement in statements:
            conn.execute(text(statement))
        for table in tables:
            conn.execute(text(f'ALTER TABLE "{table}" ENABLE TRIGGER USER'))


@pytest.fixture
def pg_closed(pg_ledger):
    free = enter(pg_ledger, "马丽", date="2026-10-06", points="5", deed="修村道")
    deeds.approve_deed(as_(pg_ledger, "马书记"), free.id)
    wrong = enter(pg_ledger, "王芳", date="2026-10-07", rule="L1")
    deeds.void_deed(as_(pg_ledger, "马书记"), wrong.id, reason="抄错了")
    months.close_month(as_(pg_ledger, "马书记"), Month(2026, 10))
    assert audit.verify(pg_ledger).ok
    return pg_ledger


@pytest.mark.parametrize(("statement", "codes"), [
    ("DELETE FROM void", ["verify.month_points", "verify.row_missing"]),
    ("UPDATE person SET role = 'secretary' WHERE name = '马秀兰'", ["verify.row_changed"]),
    ("DELETE FROM approval", ["verify.month_points", "verify.row_missing"]),
    ("UPDATE approval SET by = '王会计'", ["verify.row_changed"]),
    ("UPDATE resident SET name = '王小芳' WHERE name = '王芳'", ["verify.row_changed"]),
    ("UPDATE area SET name = '东片' WHERE name = '二片'", ["verify.row_changed"]),
    ("UPDATE month SET closed = false", ["verify.month_reopened"]),
    ("DELETE FROM month", ["verify.month_missing"]),
    ("UPDATE deed SET points_h = 5000 WHERE title = '修村道'",
     ["verify.deed_changed", "verify.month_points"]),
    ("UPDATE audit SET actor = '冒名' WHERE id = 2", ["verify.entry_changed"]),
])
def test_the_tampering_list_on_the_server(pg_closed, statement, codes):
    _tamper(pg_closed, statement)
    assert sorted(p.code for p in audit.verify(pg_closed).problems) == codes


@pytest.mark.parametrize(("statement", "code"), [
    ("DROP TRIGGER void_append_only ON void", "verify.guard_missing"),
    ("ALTER TABLE void DISABLE TRIGGER void_append_only", "verify.guard_altered"),
    ("CREATE OR REPLACE FUNCTION vt_append_only() RETURNS trigger LANGUAGE plpgsql AS "
     "$$ BEGIN RETURN NEW; END $$", "verify.guard_altered"),
    ("DROP INDEX ux_household", "verify.guard_missing"),
    ("ALTER TABLE void DROP CONSTRAINT void_deed_id_key", "verify.guard_missing"),
])
def test_every_guard_on_the_server_is_as_defined(pg_closed, statement, code):
    from sqlalchemy import text

    with pg_closed.engine.begin() as conn:
        conn.execute(text(statement))
    assert [p.code for p in audit.verify(pg_closed).problems] == [code]


def test_the_server_refuses_a_deed_whose_month_is_not_its_date(pg_closed):
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    for date, month, words in (("2026-10-09", "2026-11", "month is closed"),
                               ("2026-12-09", "2026-11", "does not agree")):
        with pytest.raises(DBAPIError, match=words), pg_closed.engine.begin() as conn:
            conn.execute(text(
                "INSERT INTO deed (village_id, resident_id, date, month, title, quantity_h, "
                "points_h, needs_approval, recorder, created_at, created_by) VALUES (1, 1, "
                f"'{date}', '{month}', 'late', 100, 50000, false, 'x', 'now', 'x')"))
