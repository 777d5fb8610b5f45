"""`verify` of the 1,000,000-deed, 5,000-resident bench village (23 closed months), against bare
sqlite3 reading the same rows (every deed, the audit log, the months with their tallies and
rosters, the roster, people, rules, voids and approvals) without checking anything. Target: <= 3 s.

    python bench/bench_verify.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bigvillage import big_village  # noqa: E402
from village_tally.services import audit  # noqa: E402
from village_tally.services.session import open_ledger  # noqa: E402

TABLES = ("deed", "audit", "month", "snapshot", "village", "rule", "area", "household",
          "resident", "person", "person_area", "pin", "recovery", "void", "approval", "rating")


def timed(fn, repeat: int) -> tuple[float, float]:
    """Median wall and CPU seconds of `repeat` runs after one to warm the page cache."""
    fn()
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    path = big_village()
    ledger = open_ledger(str(path))
    bare = sqlite3.connect(path)

    def ours() -> None:
        report = audit.verify(ledger)
        assert report.ok and report.deeds == 1_000_000, report.problems

    def baseline() -> None:
        for table in TABLES:
            cursor = bare.execute(f'SELECT * FROM "{table}"')
            while cursor.fetchmany(20_000):
                pass

    (w_ours, c_ours), (w_bare, c_bare) = timed(ours, args.repeat), timed(baseline, args.repeat)
    print(f"verify, 1,000,000 deeds / 5,000 residents / 23 closed months: village_tally "
          f"{w_ours:.2f} s wall ({c_ours:.2f} s CPU); bare sqlite3 reading the same rows "
          f"{w_bare:.2f} s ({c_bare:.2f} s CPU); ratio {w_ours / w_bare:.2f} wall, "
          f"{c_ours / c_bare:.2f} CPU (target <= 3 s)")


if __name__ == "__main__":
    main()
