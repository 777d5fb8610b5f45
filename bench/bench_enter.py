"""Latency of entering one deed (durable commit included) on a 1,000,000-deed village, against
a bare INSERT + COMMIT with the same pragmas on the same file. Target: p95 <= 5 ms.

    python bench/bench_enter.py [--count 400]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bigvillage import big_village, signed_in, working_copy  # noqa: E402
from village_tally.core.deed import Source  # noqa: E402
from village_tally.services import deeds, roster  # noqa: E402


def pct(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=400)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = working_copy(big_village(), Path(tmp))
        ledger = signed_in(str(path))  # the secretary types; the PIN checked once
        people = roster.list_residents(ledger)[:50]
        today = dt.date.today()
        bare = sqlite3.connect(path, isolation_level=None)
        bare.execute("PRAGMA journal_mode=WAL")
        bare.execute("PRAGMA synchronous=FULL")
        row = bare.execute("SELECT * FROM deed ORDER BY id DESC LIMIT 1").fetchone()
        columns = [d[1] for d in bare.execute("PRAGMA table_info(deed)")][1:]
        sql = (f"INSERT INTO deed ({', '.join(columns)}) VALUES "
               f"({', '.join('?' * len(columns))})")
        ours, base = [], []
        # Alternate the two, so both meet the same WAL state (a fresh WAL file grows, and
        # its first commits are slower than later ones).
        for n in range(args.count):
            person = people[n % len(people)]
            started = time.perf_counter()
            deeds.enter_deed(ledger, deeds.DeedInput(
                resident=person.id, date=today, rule="L1",
                source=Source(sheet="bench", line=n + 1)))
            ours.append(time.perf_counter() - started)
            values = list(row[1:])
            values[columns.index("source_sheet")] = "bare"
            values[columns.index("source_line")] = n + 1
            started = time.perf_counter()
            bare.execute("BEGIN IMMEDIATE")
            bare.execute(sql, values)
            bare.execute("COMMIT")
            base.append(time.perf_counter() - started)
        bare.close()
        ledger.close()
    print(f"enter_deed on 1,000,000 deeds ({args.count} entries, synchronous=FULL): "
          f"p50 {pct(ours, 0.5):.2f} ms, p95 {pct(ours, 0.95):.2f} ms (target p95 <= 5 ms); "
          f"bare INSERT+COMMIT p50 {pct(base, 0.5):.2f} ms, p95 {pct(base, 0.95):.2f} ms; "
          f"ratio of medians {statistics.median(ours) / statistics.median(base):.1f}")


if __name__ == "__main__":
    main()
