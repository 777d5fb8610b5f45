"""The monthly tally against bare SQL doing the same work, at 250,000 and 1,000,000 deeds
(5,000 residents, 24 months, all but the last closed). Target: <= 1.5x the bare, both ways.

    python bench/bench_tally.py [--deeds 250000 1000000] [--repeat 9]

Two tallies of the open month, each beside a bare sqlite3 script that does the same work and
gives the same rows (every resident with name, household and area; last month's total, this
month's gains and losses, the new total, what waits for approval; stars and flags), and reads
what ours reads beside them (the month inside the ledger; its state):

- incremental (what the program does): start from the newest closed month's stored totals
  (its JSON, parsed), sum only the deeds after it, take voided and waiting deeds back out;
- from scratch (`months.tally(..., from_scratch=True)`): sum every deed up to the month.

Each round runs the four in a rotated order, so all see the same machine; the figures are
medians of CPU time (the process's: SQLite runs inside it, the file is in the page cache), with
the wall-clock medians beside them. Both sides' rows are compared once, so the bare does
exactly our work and no less.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bigvillage import LAST_MONTH, big_village  # noqa: E402
from village_tally.core.month import Month  # noqa: E402
from village_tally.services import months  # noqa: E402
from village_tally.services.session import open_ledger  # noqa: E402

TARGET = 1.5
ROSTER = ("SELECT r.id, r.name, h.code, a.name FROM resident r "
          "JOIN household h ON h.id = r.household_id LEFT JOIN area a ON a.id = h.area_id "
          "WHERE r.village_id = ? ORDER BY a.name, h.code, r.is_head DESC, r.id")
CHECKPOINT = ("SELECT month, tally FROM month WHERE village_id = ? AND closed AND month < ? "
              "ORDER BY month DESC LIMIT 1")
TOTALS = ("SELECT resident_id, SUM(points_h) FROM deed WHERE village_id = ? AND month <= ? "
          "AND month > ? GROUP BY resident_id")
THIS_MONTH = ("SELECT resident_id, SUM(CASE WHEN points_h > 0 THEN points_h ELSE 0 END), "
              "SUM(CASE WHEN points_h < 0 THEN points_h ELSE 0 END) FROM deed "
              "WHERE village_id = ? AND month = ? GROUP BY resident_id")
# Deeds that do not count are few: voided ones (from the void table) and those waiting for
# approval (through the needs_approval index); taken back out after the big sums, the month
# window applied here (a month condition in SQL would make SQLite scan the months instead).
VOIDED = ("SELECT d.resident_id, d.month, d.points_h, 1 FROM void v "
          "CROSS JOIN deed d ON d.id = v.deed_id WHERE d.village_id = ?")
WAITING = ("SELECT d.resident_id, d.month, d.points_h, 0 FROM deed d "
           "LEFT JOIN approval a ON a.deed_id = d.id LEFT JOIN void v ON v.deed_id = d.id "
           "WHERE d.needs_approval = 1 AND a.id IS NULL AND v.id IS NULL AND d.village_id = ?")
SCHEME = "SELECT settings, created_at FROM village WHERE id = ?"
# What our tally reads beside the rows: the month inside the ledger (from the village's first
# month or its oldest deed's to this one), and whether it is closed, with its checksum.
OLDEST = "SELECT min(month) FROM deed WHERE village_id = ?"
STATE = "SELECT closed, checksum FROM month WHERE village_id = ? AND month = ?"
# The deductions closed months took as lapsed (信用修复): given back in the total from their
# month on (the bench village's rules lapse nothing, so none are due in the open month).
LAPSES = ("SELECT d.resident_id, d.points_h, l.month FROM lapse l "
          "JOIN deed d ON d.id = l.deed_id WHERE l.village_id = ?")
HUNDRED = Decimal(100)


def bare_tally(conn: sqlite3.Connection, village: int, month: str, *, scratch: bool
               ) -> list[tuple[object, ...]]:
    """The tally by hand: one row per resident in board order, points in hundredths."""
    text, created = conn.execute(SCHEME, (village,)).fetchone()
    settings = json.loads(text)
    oldest = conn.execute(OLDEST, (village,)).fetchone()[0]
    assert min(created[:7], oldest or created[:7]) <= month
    conn.execute(STATE, (village, month)).fetchone()
    per_star, per_flag = settings["points_per_star_h"], settings["stars_per_flag"]
    acc: dict[int, list[int]] = {}
    since = ""
    if not scratch:
        found = conn.execute(CHECKPOINT, (village, month)).fetchone()
        if found is not None:
            since = found[0]
            for r in json.loads(found[1]):
                acc[r["id"]] = [0, 0, int(Decimal(r["total_points"]) * HUNDRED), 0]
    for rid, total in conn.execute(TOTALS, (village, month, since)):
        acc.setdefault(rid, [0, 0, 0, 0])[2] += total
    for rid, plus, minus in conn.execute(THIS_MONTH, (village, month)):
        slot = acc.setdefault(rid, [0, 0, 0, 0])
        slot[0] += plus
        slot[1] += minus
    not_counted = [*conn.execute(VOIDED, (village,)),
                   *conn.execute(WAITING, (village,))]
    for rid, mon, pts, voided in not_counted:
        if mon > month or mon <= since:
            continue
        slot = acc.setdefault(rid, [0, 0, 0, 0])
        if mon == month:
            slot[0 if pts > 0 else 1] -= pts
            if not voided:
                slot[3] += pts
        slot[2] -= pts
    for rid, pts, mon in conn.execute(LAPSES, (village,)):
        if since < mon <= month:
            acc.setdefault(rid, [0, 0, 0, 0])[2] -= pts
    rows = []
    for rid, name, household, area in conn.execute(ROSTER, (village,)):
        added, deducted, total, pending = acc.get(rid, (0, 0, 0, 0))
        stars = total // per_star if total > 0 else 0
        flags, rest = divmod(stars, per_flag)
        rows.append((rid, name, household, area or "", total - added - deducted, added,
                     deducted, total, stars, flags, rest, pending))
    return rows


def our_rows(tally: months.Tally) -> list[tuple[object, ...]]:
    return [(r.resident_id, r.name, r.household, r.area, r.previous_total.hundredths,
             r.added.hundredths, r.deducted.hundredths, r.total_points.hundredths,
             r.star_total, r.flags, r.stars, r.pending_points.hundredths) for r in tally.rows]


def measure(work: dict[str, Callable[[], object]], repeat: int
            ) -> dict[str, tuple[float, float]]:
    """Median (CPU, wall) seconds of each, run in a rotated order each round."""
    names = list(work)
    cpu: dict[str, list[float]] = {n: [] for n in names}
    wall: dict[str, list[float]] = {n: [] for n in names}
    for n in names:
        work[n]()  # warm the page cache and the statement caches
    for i in range(repeat):
        for n in names[i % len(names):] + names[:i % len(names)]:
            c, w = time.process_time(), time.perf_counter()
            work[n]()
            cpu[n].append(time.process_time() - c)
            wall[n].append(time.perf_counter() - w)
    return {n: (statistics.median(cpu[n]), statistics.median(wall[n])) for n in names}


def one_size(deeds: int, repeat: int) -> None:
    path = big_village(deeds=deeds)
    ledger = open_ledger(str(path))
    bare = sqlite3.connect(path)
    month = Month.parse(LAST_MONTH)
    for scratch in (False, True):  # the bare does exactly our work: the same rows
        ours = our_rows(months.tally(ledger, month, from_scratch=scratch))
        assert ours == bare_tally(bare, ledger.village_id, LAST_MONTH, scratch=scratch)
    got = measure({
        "ours": lambda: months.tally(ledger, month),
        "bare": lambda: bare_tally(bare, ledger.village_id, LAST_MONTH, scratch=False),
        "ours_scratch": lambda: months.tally(ledger, month, from_scratch=True),
        "bare_scratch": lambda: bare_tally(bare, ledger.village_id, LAST_MONTH, scratch=True),
    }, repeat)
    print(f"tally of {LAST_MONTH}, {deeds:,} deeds, 5,000 residents "
          f"(medians of {repeat}; CPU ms, wall ms in brackets)")
    for kind, a, b in (("incremental", "ours", "bare"),
                       ("from scratch", "ours_scratch", "bare_scratch")):
        ratio = got[a][0] / got[b][0]
        print(f"  {kind:13s} village_tally {got[a][0] * 1000:6.0f} ({got[a][1] * 1000:4.0f})"
              f"   bare {got[b][0] * 1000:6.0f} ({got[b][1] * 1000:4.0f})"
              f"   ratio {ratio:.2f}x (wall {got[a][1] / got[b][1]:.2f}x)  target <= {TARGET}x"
              f"  {'OK' if ratio <= TARGET else 'SLOW'}")
    bare.close()
    ledger.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--deeds", type=int, nargs="+", default=[250_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    for deeds in args.deeds:
        one_size(deeds, args.repeat)


if __name__ == "__main__":
    main()
