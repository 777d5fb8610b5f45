"""Reads on many threads at once: each gets the village, none waits for another's."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import text

from village_tally.services.session import Ledger, read

# Qt's shared pool runs as many reads at once as the computer has threads (16-24 on an office
# PC of today), beside the writer thread and the window's own reads.
AT_ONCE = 24


def test_as_many_reads_at_once_as_a_big_computer_runs_each_get_the_ledger(
        ledger: Ledger) -> None:
    """After a change every open view reads again (month, ledger, pending, notices, each
    resident page ...). SQLAlchemy's pool gave out 15 connections: the 16th read waited 30 s
    (the window too, when it was the window's own read) and then failed as an internal
    error."""
    all_in = threading.Barrier(AT_ONCE)

    def one_read(_n: int) -> int:
        try:
            with read(ledger) as conn:
                count = int(conn.execute(text("SELECT count(*) FROM resident")).scalar_one())
                all_in.wait()  # every read holds its connection at once
                return count
        except BaseException:
            all_in.abort()
            raise

    with ThreadPoolExecutor(AT_ONCE) as pool:
        counts = list(pool.map(one_read, range(AT_ONCE)))
    assert len(set(counts)) == 1 and counts[0] > 0
