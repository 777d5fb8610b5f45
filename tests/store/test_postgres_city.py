"""A city on one PostgreSQL server: each village is a database of its own there, with its own
audit chain and its own write lock, so villages never wait for each other (bench/bench_city.py
measures it at Rongcheng's size). Skipped without a server, as tests/store/test_postgres.py."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.conftest import add_roster, as_, enter, fixed_clock, make_village, pg_server
from village_tally.core.month import Month
from village_tally.services import audit, months
from village_tally.services.errors import EnvironmentFault
from village_tally.services.session import Ledger, open_ledger
from village_tally.store.db import WRITE_LOCK

URL, WHY_NOT = pg_server()
pytestmark = pytest.mark.skipif(URL is None, reason=WHY_NOT)


def village(url: str, name: str) -> Ledger:
    make_village(url, name=name)
    ledger = as_(open_ledger(url, clock=fixed_clock), "马秀兰")
    add_roster(ledger, "王芳 0004 二片 户主\n马丽 0001 一片")
    return ledger


@pytest.fixture
def city(pg_url: str, other_pg_url: str) -> Iterator[tuple[Ledger, Ledger]]:
    east, west = village(pg_url, "东村"), village(other_pg_url, "西村")
    yield east, west
    east.close()
    west.close()


def in_thread(work: Callable[[], object]) -> threading.Thread:
    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    return thread


def test_a_write_in_one_village_does_not_hold_up_another(city):
    """While one village's writer is in the middle of its transaction (holding the lock every
    writer takes), a gatherer of another village saves at once; one of the same village
    waits until that transaction ends, then saves."""
    east, west = city
    holder = create_engine(east.engine.url)
    saved: list[str] = []
    with holder.connect() as conn, conn.begin():
        conn.execute(text(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})"))
        west_enter = in_thread(lambda: saved.append(enter(west, "王芳", rule="L1").title))
        east_enter = in_thread(lambda: saved.append(enter(east, "王芳", rule="L1").title))
        west_enter.join(timeout=30)
        east_enter.join(timeout=1)
        assert not west_enter.is_alive() and east_enter.is_alive()
        assert len(saved) == 1
    east_enter.join(timeout=30)
    holder.dispose()
    assert not east_enter.is_alive() and len(saved) == 2


def test_villages_entering_at_once_keep_each_chain_whole(city):
    """Gatherers of two villages enter at once: every deed is held once, in its own village,
    each village's tally counts exactly its own, and each village's chain verifies."""
    east, west = city
    counts = {id(east): 0, id(west): 0}
    lock = threading.Lock()

    def gather(ledger: Ledger, name: str) -> None:
        mine = as_(open_ledger(str(ledger.engine.url.render_as_string(hide_password=False)),
                               clock=fixed_clock), "马秀兰")
        for _ in range(5):
            enter(mine, name, rule="L1")
            with lock:
                counts[id(ledger)] += 1
        mine.close()

    threads = [in_thread(lambda ledger=ledger, name=name: gather(ledger, name))
               for ledger in (east, west) for name in ("王芳", "马丽", "王芳")]
    for thread in threads:
        thread.join(timeout=120)
    assert counts == {id(east): 15, id(west): 15}
    for ledger in (east, west):
        rows = months.tally(ledger, Month.parse("2026-11")).rows
        assert sum(r.total_points.hundredths for r in rows) == 15 * 100  # L1: 1 point a time
        assert audit.verify(ledger).ok


def on_server(url: str, statement: str) -> list[object]:
    """A statement run by another connection (as the server's administrator would)."""
    admin = create_engine(make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        rows = list(conn.execute(text(statement)).scalars()) if statement.startswith(
            "SELECT") else conn.execute(text(statement)) and []
    admin.dispose()
    return rows


def held(ledger: Ledger) -> list[object]:
    """The server's sessions for the ledger's village database."""
    url = ledger.engine.url
    return on_server(url.render_as_string(hide_password=False),
                     f"SELECT pid FROM pg_stat_activity WHERE datname = '{url.database}'")


def test_a_village_whose_session_the_server_ended_saves_its_next_deed(city):
    """The server ended the program's session (its idle timeout, a restart, its
    administrator): the next deed is saved all the same, on a new session. Unless the server
    says otherwise, a program's session ends after five idle minutes."""
    east, _ = city
    enter(east, "王芳", rule="L1")
    with east.engine.connect() as conn:
        assert conn.execute(text("SHOW idle_session_timeout")).scalar() == "5min"
    url = east.engine.url.render_as_string(hide_password=False)
    on_server(url, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                   f"WHERE datname = '{east.engine.url.database}'")
    enter(east, "王芳", rule="L1")
    rows = months.tally(east, Month.parse("2026-11")).rows
    assert sum(r.total_points.hundredths for r in rows) == 2 * 100
    assert audit.verify(east).ok


def test_an_idle_village_gives_its_connection_back(pg_url):
    """A village database whose server ends idle sessions after a second: a program left open
    holds no connection once idle, and saves its next deed when its gatherer comes back."""
    make_village(pg_url, name="东村")
    on_server(pg_url, f"ALTER DATABASE \"{make_url(pg_url).database}\" "
                      "SET idle_session_timeout = '1s'")
    ledger = as_(open_ledger(pg_url, clock=fixed_clock), "马秀兰")
    add_roster(ledger, "王芳 0004 二片 户主")
    enter(ledger, "王芳", rule="L1")
    deadline = time.monotonic() + 30
    while held(ledger) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert held(ledger) == []
    enter(ledger, "王芳", rule="L1")
    rows = months.tally(ledger, Month.parse("2026-11")).rows
    assert sum(r.total_points.hundredths for r in rows) == 2 * 100
    ledger.close()


def test_a_server_with_no_connection_free_is_a_plain_message(pg_url):
    """Every connection the village's database allows is taken: the person is told the
    server is full, not that the database cannot be opened."""
    make_village(pg_url, name="东村")
    on_server(pg_url, f"ALTER DATABASE \"{make_url(pg_url).database}\" CONNECTION LIMIT 0")
    with pytest.raises(EnvironmentFault) as caught:
        open_ledger(pg_url, clock=fixed_clock)
    assert caught.value.code == "db.server_full"
