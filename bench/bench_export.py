"""Benchmark: exporting 200,000 deeds against a bare openpyxl write-only of the same cells.

    python bench/bench_export.py [--rows 200000] [--residents 5000] [--keep DIR]

The village is filled through the store's bulk insert (the demo's path), then
`services.exporting.export_workbook` writes the whole ledger; the bare run writes the deeds
sheet's cells (read back from the database beforehand, outside the timing) with openpyxl
write-only and nothing else. Prints both times and the ratio (target <= 1.2x).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_import import GATHERERS, make_village  # noqa: E402

RULES = (("L1", 100, 100, "义务劳动"), ("N1", 100, -200, "乱扔垃圾"), ("D1", 300, 300, "捐款捐物"))


def fill(db: str, rows: int) -> None:
    from bigvillage import signed_in

    from village_tally.core.authority import Action
    from village_tally.core.deed import NewDeed, ResidentId, RuleId, Source
    from village_tally.core.points import Points
    from village_tally.services.session import write
    from village_tally.store import deeds as deed_repo

    ledger = signed_in(db)
    people = repo_residents(ledger)
    rng = random.Random(3)
    start = dt.date.today().replace(day=1) - dt.timedelta(days=300)
    now = ledger.now_text()
    with write(ledger, "demo", "deed", needs=Action.IMPORT_DEEDS) as w:
        batch = []
        for i in range(rows):
            code, qty, pts, title = RULES[rng.randrange(len(RULES))]
            day = start + dt.timedelta(days=rng.randrange(280))
            batch.append(deed_repo.deed_columns(ledger.village_id, NewDeed(
                resident=ResidentId(rng.choice(people)), date=day,
                month=day.strftime("%Y-%m"), rule=RuleId(ledger.rule_ids[code]),
                rule_code=code, title=title, quantity=Decimal(qty).scaleb(-2),
                points=Points(pts), needs_approval=False,
                recorder=GATHERERS[i % len(GATHERERS)],
                source=Source(f"B{i // 20:05d}", i % 20 + 1), created_at=now,
                created_by="bench", note=None if i % 7 else "下雨天也来了")))
        w.deed_ids.extend(deed_repo.insert_deeds_fast(w.conn, batch))
    ledger.close()


def repo_residents(ledger: object) -> list[int]:
    from village_tally.services import roster

    return [p.id for p in roster.list_residents(ledger)]  # type: ignore[arg-type]


def bare_rows(db: str) -> list[list[object]]:
    """The deeds sheet's cells as plain Python values, read before the bare timing starts
    (the entered-at date-times too: both sides write the same cells)."""
    from village_tally.exchange.writer import timestamp
    from village_tally.services.session import open_ledger, read
    from village_tally.store import exchange as bulk

    ledger = open_ledger(db)
    with read(ledger) as conn:
        out = [[d.id, dt.date.fromisoformat(d.date), d.name, d.code, d.rule_code, d.title,
                d.quantity_h // 100, d.points_h // 100, d.recorder, d.source_sheet,
                d.source_line, d.note, "已审批", None, None, None, None, None, None, None,
                None, None, timestamp(d.created_at)]
               for d in bulk.export_deeds(conn, ledger.village_id)]
    ledger.close()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--residents", type=int, default=5_000)
    parser.add_argument("--keep", type=Path)
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-export-"))
    folder.mkdir(parents=True, exist_ok=True)
    db, _ = make_village(folder, args.residents)
    fill(db, args.rows)
    rows = bare_rows(db)

    import openpyxl

    t0 = time.perf_counter()
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("积分记录")
    ws.append(["ID", "日期", "姓名"] + [f"c{i}" for i in range(20)])
    for row in rows:
        ws.append(row)
    wb.save(folder / "bare.xlsx")
    bare = time.perf_counter() - t0
    del rows

    from bigvillage import signed_in

    from village_tally.services import exporting

    ledger = signed_in(db)
    t0 = time.perf_counter()
    done = exporting.export_workbook(ledger, folder / "export.xlsx")
    ours = time.perf_counter() - t0
    print(f"deeds: {done.deeds}, residents: {done.residents}")
    print(f"bare openpyxl write-only (deeds sheet only): {bare:.2f} s")
    print(f"export_workbook (whole ledger):              {ours:.2f} s")
    print(f"ratio: {ours / bare:.2f}x (target <= 1.2x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
