"""Monthly tally of a 1,000,000-deed, 5,000-resident village, against a bare SQL GROUP BY on
the same file. Target: ratio <= 1.5.

    python bench/bench_tally.py [--repeat 7]
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bigvillage import LAST_MONTH, big_village  # noqa: E402
from village_tally.core.month import Month  # noqa: E402
from village_tally.services import months  # noqa: E402
from village_tally.services.session import open_ledger  # noqa: E402


def timed(fn, repeat: int) -> float:
    fn()  # warm the page cache and statement caches
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    path = big_village()
    ledger = open_ledger(str(path))
    bare = sqlite3.connect(path)

    def ours() -> None:
        result = months.tally(ledger, Month.parse(LAST_MONTH))
        assert len(result.rows) == 5000

    def scratch() -> None:
        months.tally(ledger, Month.parse(LAST_MONTH), from_scratch=True)

    def baseline() -> None:
        # The same totals by bare SQL on the covering index (village_id, month, ...).
        rows = bare.execute("SELECT resident_id, SUM(points_h) FROM deed WHERE village_id = 1 "
                            "AND month <= ? GROUP BY resident_id", (LAST_MONTH,)).fetchall()
        assert rows

    t_ours, t_bare = timed(ours, args.repeat), timed(baseline, args.repeat)
    t_scratch = timed(scratch, max(1, args.repeat // 2))
    print(f"tally {LAST_MONTH} of 1,000,000 deeds / 5,000 residents: village_tally "
          f"{t_ours * 1000:.0f} ms, bare GROUP BY {t_bare * 1000:.0f} ms, "
          f"ratio {t_ours / t_bare:.2f} (target <= 1.5)")
    print(f"  from scratch, ignoring closed months (what verify does): {t_scratch * 1000:.0f} ms,"
          f" ratio {t_scratch / t_bare:.2f}")


if __name__ == "__main__":
    main()
