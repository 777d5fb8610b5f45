"""The same ledger on PostgreSQL, for a township sharing one server (DESIGN.md: Storage).

Runs on the server VILLAGE_TALLY_TEST_PG names (`postgresql+psycopg://user:pw@host/db`, a role
that may create databases), else on a local server that has README's test role (vt_ci,
password vt_ci, on 127.0.0.1); .ci/run makes one. Skipped, saying what is missing, without the
`postgres` extra or a server. Each test gets a database of its own.
"""

from __future__ import annotations

import os
import uuid

import pytest

from tests.conftest import add_roster, enter, fixed_clock
from village_tally.services import audit, deeds, months
from village_tally.services.errors import EnvironmentFault
from village_tally.services.session import init_village

LOCAL = "postgresql+psycopg://vt_ci:vt_ci@127.0.0.1/postgres"  # README's test role


def _server() -> tuple[str | None, str]:
    """The server to test on, or None and why there is none."""
    try:
        import psycopg
    except ImportError:
        return None, "the postgres extra is not installed: pip install -e '.[test,postgres]'"
    named = os.environ.get("VILLAGE_TALLY_TEST_PG")
    if named:
        return named, ""
    try:
        psycopg.connect("host=127.0.0.1 user=vt_ci password=vt_ci dbname=postgres "
                        "connect_timeout=3").close()
    except psycopg.Error:
        return None, ("no PostgreSQL: set VILLAGE_TALLY_TEST_PG, or make README's local test "
                      "role (vt_ci on 127.0.0.1)")
    return LOCAL, ""


URL, WHY_NOT = _server()
pytestmark = pytest.mark.skipif(URL is None, reason=WHY_NOT)


@pytest.fixture
def pg_url():
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    assert URL is not None
    base = make_url(URL)
    name = f"vt_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield base.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def pg_ledger(pg_url):
    ledger = init_village(pg_url, name="共享村", actor="马秀兰", clock=fixed_clock)
    add_roster(ledger, "王芳 0004 二片 户主\n马丽 0001 一片")
    yield ledger
    ledger.close()


def test_enter_close_correct_and_verify(pg_ledger):
    old = enter(pg_ledger, "王芳", date="2026-10-05", rule="L1", quantity="3")
    pending = enter(pg_ledger, "马丽", date="2026-11-02", rule="D1", quantity="30")
    digest, _ = months.close_month(pg_ledger, "2026-10")
    adjustment = deeds.void_deed(pg_ledger, old.id, reason="记错人").adjustment
    assert adjustment is not None and adjustment.adjusts == old.id
    deeds.approve_deed(pg_ledger, pending.id, by="马书记")
    rows = {r.name: r for r in months.tally(pg_ledger, "2026-11").rows}
    assert (str(rows["王芳"].total_points), str(rows["马丽"].total_points)) == ("0", "30")
    assert months.tally(pg_ledger, "2026-10").checksum == digest
    assert audit.verify(pg_ledger).ok


@pytest.mark.parametrize("statement", ["UPDATE deed SET points_h = 1", "DELETE FROM deed",
                                       "UPDATE audit SET actor = 'x'",
                                       "UPDATE month SET checksum = 'x'"])
def test_the_server_refuses_to_rewrite_history(pg_ledger, statement):
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    enter(pg_ledger, "王芳", date="2026-10-05", rule="L1")
    months.close_month(pg_ledger, "2026-10")
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
