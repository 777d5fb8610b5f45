"""Benchmark: importing a deeds xlsx against a bare python-calamine read of the same file.

    python bench/bench_import.py [--rows 200000] [--residents 5000] [--keep DIR]

Each phase runs in a fresh process so its peak memory (ru_maxrss) is its own. Prints the
times (CPU, wall beside), the ratio of CPU times (target <= 4x) and the import's peak memory
(target <= 500 MB).

A third phase measures the floor under any import: bare sqlite3 writing the same number of
deeds into a copy of the same ledger (same pragmas, same schema with its indexes and
triggers, the fastest way we know: a staging table and one INSERT ... SELECT), with no reading,
checking or auditing at all. Read time plus this write time over the read time is the best
ratio any import into this schema could reach. A fourth writes the same into the deed table
stripped of its indexes and guards, to show how much of that floor they are.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET = 4.0  # #15: every check, problem report, import key and audit digest kept
AREAS = ("一片", "二片", "三片", "四片", "五片", "六片", "七片", "八片", "九片", "十片")
SURNAMES = "马马马马王李张刘陈杨黄赵周吴徐孙朱胡郭何林高郑梁谢宋唐许韩冯邓曹彭曾单解仇"
GIVEN = "军伟强磊洋勇杰涛明超刚平辉健峰建国志华俊文海波东林斌芳娜敏静丽艳娟霞秀英玲桂兰红梅"
RULES = (("L1", 1, 1), ("L1", 2, 2), ("N1", 1, -2), ("D1", 3, 3), ("D1", 5, 5))
GATHERERS = ("马秀兰", "王建国", "李春梅", "张志华", "刘桂英")


def make_village(folder: Path, residents: int) -> tuple[str, list[tuple[str, str]]]:
    from bigvillage import new_village  # bench/ is on the path: this script's folder

    from village_tally.core.authority import Action
    from village_tally.services import roster
    from village_tally.services.session import write

    db = str(folder / "bench.db")
    ledger = new_village(db, gatherers=GATHERERS, areas=AREAS)  # the sheets' recorders
    rng = random.Random(1)
    people = []
    for i in range(residents):
        name = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)
        people.append(roster.NewResident(name=name, household=f"{i // 3 + 1:04d}",
                                         area=AREAS[i % len(AREAS)], head=i % 3 == 0))
    with write(ledger, "add", "resident", needs=Action.ROSTER) as w:
        roster.add_residents_in(w.conn, ledger, people)
    ledger.close()
    return db, [(p.name, p.household) for p in people]


def make_file(path: Path, people: list[tuple[str, str]], rows: int) -> None:
    import openpyxl

    rng = random.Random(2)
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("十月")
    ws.append(["贾夼马家村积分登记表（基准）"])
    ws.append(["日期", "姓名", "户号", "编码", "数量", "积分", "记录人", "单号", "行号", "备注"])
    start = dt.date.today().replace(day=1) - dt.timedelta(days=300)
    for i in range(rows):
        name, household = people[rng.randrange(len(people))]
        code, qty, pts = RULES[rng.randrange(len(RULES))]
        ws.append([start + dt.timedelta(days=rng.randrange(280)), name, household, code, qty,
                   pts, GATHERERS[i % len(GATHERERS)], f"B{i // 20 + 1:05d}", i % 20 + 1,
                   None if i % 7 else "下雨天也来了"])
    wb.save(path)


def phase_bare(path: str) -> dict[str, float]:
    from python_calamine import CalamineWorkbook

    t0, c0 = time.perf_counter(), time.process_time()
    with CalamineWorkbook.from_path(path) as wb:
        rows = wb.get_sheet_by_index(0).to_python(skip_empty_area=False)
    return {"seconds": time.perf_counter() - t0, "cpu": time.process_time() - c0,
            "rows": len(rows)}


def phase_import(path: str, db: str) -> dict[str, float]:
    from bigvillage import signed_in

    from village_tally.services import importing

    ledger = signed_in(db)  # the secretary imports the gatherers' sheets
    t0, c0 = time.perf_counter(), time.process_time()
    result = importing.import_file(ledger, "deeds", path)
    return {"seconds": time.perf_counter() - t0, "cpu": time.process_time() - c0,
            "rows": result.added}


def phase_floor(path: str, db: str, table: str = "ledger") -> dict[str, float]:
    """With table "bare", the same write into the deed table stripped of its secondary
    indexes, its closed-month trigger and foreign-key checks, with no import keys (the unique
    constraint's index stays, holding NULLs): how much of the floor is the ledger's own."""
    import sqlite3

    from python_calamine import CalamineWorkbook

    with CalamineWorkbook.from_path(path) as wb:
        count = len(wb.get_sheet_by_index(0).to_python(skip_empty_area=False)) - 2
    copy = f"{db}.floor"
    shutil.copyfile(db, copy)
    conn = sqlite3.connect(copy, isolation_level=None)
    bare = table == "bare"
    for pragma in ("journal_mode=WAL", "synchronous=FULL",
                   f"foreign_keys={'OFF' if bare else 'ON'}",
                   "temp_store=MEMORY", "cache_size=-65536"):
        conn.execute(f"PRAGMA {pragma}")
    if bare:
        for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index' "
                                    "AND tbl_name = 'deed' AND sql IS NOT NULL").fetchall():
            conn.execute(f"DROP INDEX {name}")
        conn.execute("DROP TRIGGER deed_closed_month")
    village, = conn.execute("SELECT id FROM village").fetchone()
    people = [r for (r,) in conn.execute("SELECT id FROM resident")]
    rule, code, title = conn.execute("SELECT id, code, title_zh FROM rule").fetchone()
    rng = random.Random(3)
    columns = ("village_id, resident_id, date, month, rule_id, rule_code, title, quantity_h, "
               "points_h, needs_approval, recorder, source_sheet, source_line, source_file, "
               "source_row, note, import_key, created_at, created_by")
    rows = [(village, people[rng.randrange(len(people))], f"2026-03-{i % 28 + 1:02d}",
             "2026-03", rule, code, title, 100, 100, 0, GATHERERS[i % 5], f"B{i // 20:05d}",
             i % 20 + 1, "deeds.xlsx", i + 3, None,
             None if bare else f"{rng.getrandbits(128):032x}",
             "2026-11-22T00:00:00", "bench") for i in range(count)]
    t0, c0 = time.perf_counter(), time.process_time()
    conn.execute("BEGIN IMMEDIATE")
    conn.execute(f"CREATE TEMP TABLE staging ({columns})")
    for start in range(0, count, 2000):
        conn.executemany(f"INSERT INTO staging VALUES ({', '.join('?' * 19)})",
                         rows[start:start + 2000])
        conn.execute(f"INSERT INTO deed ({columns}) SELECT * FROM staging ORDER BY rowid")
        conn.execute("DELETE FROM staging")
    conn.execute("COMMIT")
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    conn.close()
    for suffix in ("", "-wal", "-shm"):
        Path(copy + suffix).unlink(missing_ok=True)
    return {"seconds": seconds, "cpu": cpu, "rows": count}


def run_phase(*args: str) -> dict[str, float]:
    out = subprocess.run([sys.executable, __file__, "--phase", *args], check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--residents", type=int, default=5_000)
    parser.add_argument("--keep", type=Path)
    parser.add_argument("--phase", nargs="+")
    args = parser.parse_args()
    if args.phase:
        phases = {"bare": phase_bare, "import": phase_import, "floor": phase_floor}
        result = phases[args.phase[0]](*args.phase[1:])
        result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps(result))
        return 0
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-import-"))
    folder.mkdir(parents=True, exist_ok=True)
    # With --keep, the village and the file are made once and reused (the import writes
    # into a fresh copy of the village each run).
    path, pristine = folder / f"deeds-{args.rows}.xlsx", folder / f"village-{args.residents}.db"
    if not (path.exists() and pristine.exists()):
        for old in (pristine, path):
            old.unlink(missing_ok=True)
        made, people = make_village(folder, args.residents)
        shutil.move(made, pristine)
        make_file(path, people, args.rows)
    db = str(folder / "bench.db")
    for suffix in ("-wal", "-shm"):
        Path(db + suffix).unlink(missing_ok=True)
    shutil.copyfile(pristine, db)
    size = path.stat().st_size / 1e6
    bare = run_phase("bare", str(path))
    floor = run_phase("floor", str(path), db)
    bare_table = run_phase("floor", str(path), db, "bare")
    imported = run_phase("import", str(path), db)
    ratio = imported["cpu"] / bare["cpu"]
    print(f"deeds xlsx: {args.rows} rows, {size:.1f} MB, {args.residents} residents "
          f"(CPU seconds, wall in brackets: on shared cores the wall clock also counts time "
          f"the process was not running)")
    for label, got in (("bare calamine read", bare), ("import deeds", imported)):
        print(f"  {label:20s} {got['cpu']:6.2f} s ({got['seconds']:6.2f} s)  "
              f"peak {got['peak_mb']:.0f} MB")
    print(f"  {int(imported['rows'])} deeds written")
    print(f"  bare sqlite3 write of as many deeds into the ledger: {floor['cpu']:.2f} s "
          f"({floor['seconds']:.2f} s)")
    print(f"  the same into a bare deed table (no indexes, import keys, trigger or foreign-key "
          f"checks): {bare_table['cpu']:.2f} s ({bare_table['seconds']:.2f} s)")
    print(f"ratio import / read: {ratio:.2f}x (wall {imported['seconds'] / bare['seconds']:.2f}x)"
          f"  target <= {TARGET}x  {'OK' if ratio <= TARGET else 'SLOW'}; peak "
          f"{imported['peak_mb']:.0f} MB, target <= 500 MB")
    print(f"floor (read + bare write) / read: {(bare['cpu'] + floor['cpu']) / bare['cpu']:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
