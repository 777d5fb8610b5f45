"""A city on one PostgreSQL server: each village is a database of its own there, with its own
audit chain and its own write lock, so villages never wait for each other (bench/bench_city.py
measures it at Rongcheng's size). Skipped without a server, as tests/store/test_postgres.py."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import create_engine, text

from tests.conftest import add_roster, as_, enter, fixed_clock, make_village, pg_server
from village_tally.core.month import Month
from village_tally.services import audit, months
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
