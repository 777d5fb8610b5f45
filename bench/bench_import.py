"""Benchmark: importing a deeds xlsx against a bare python-calamine read of the same file.

    python bench/bench_import.py [--rows 200000] [--residents 5000] [--keep DIR] [--steps]
                                 [--repeat N]

Each phase runs in a fresh process so its peak memory (ru_maxrss) is its own. Prints the
times (CPU of the whole process, every thread counted; wall beside), the import's ratios over
the bare read (the mean of the bare reads run just before and after it) in CPU and in wall
time (target <= 4x), the import's peak memory (target <= 500 MB) and the load average. The
bare read makes the import's calamine calls with the cycle collector paused, as the import
does. The import checks on one thread while another writes (and scans hidden rows beside
calamine's parse), so its wall clock can be less than its CPU when a second core is free:
the wall ratio is what a person waits for on a quiet machine; on a loaded one the CPU ratio
is the steadier measure of the work.

The import runs twice: into the new village (the residents only) and into the same village
with a year of closed history before the file's months and deeds already entered by hand in
them (HISTORY_*), where caps, approval thresholds, paper lines and the closed-month guard
have real rows to read.

Beside each, the write floor under any import: bare sqlite3 writing the very deeds that
import wrote (read back from its file) into a copy of the same village (same pragmas, same
schema with its indexes, triggers and foreign keys), with no reading, checking or auditing,
once per staging strategy (STAGES: rows per staging table and INSERT ... SELECT, or plain
executemany). Read time plus the best of them over the read time is the best ratio any import
into this schema could reach. Into the new village, the same is also written into the deed
table stripped of its indexes and guards, to show how much of that floor they are. With
--steps, a third import into each village times its steps in CPU of the thread that runs
them (reading, the hidden-row scan, checking by column, rows checked in full, the import keys
asked for, binding the deeds into staging, the writer thread's INSERT ... SELECT and the
deeds' digest, the audit entry).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

TARGET = 4.0  # #15: every check, problem report, import key and audit digest kept
AREAS = ("一片", "二片", "三片", "四片", "五片", "六片", "七片", "八片", "九片", "十片")
SURNAMES = "马马马马王李张刘陈杨黄赵周吴徐孙朱胡郭何林高郑梁谢宋唐许韩冯邓曹彭曾单解仇"
GIVEN = "军伟强磊洋勇杰涛明超刚平辉健峰建国志华俊文海波东林斌芳娜敏静丽艳娟霞秀英玲桂兰红梅"
RULES = (("L1", 1, 1), ("L1", 2, 2), ("N1", 1, -2), ("D1", 3, 3), ("D1", 5, 5))
GATHERERS = ("马秀兰", "王建国", "李春梅", "张志华", "刘桂英")
HISTORY_MONTHS = 12  # closed, before the file's first month
HISTORY_PER_MONTH = 20_000  # deeds in each of them; a quarter as many in each open month
# Staging strategies the floor is measured with: rows per staging table and INSERT ... SELECT
# (20,000: what the import uses); "0": executemany into the deed table, no staging.
STAGES = ("2000", "20000", "50000", "0")


def file_start() -> dt.date:
    """The first day the file's deeds may fall on (they span 280 days from it)."""
    return dt.date.today().replace(day=1) - dt.timedelta(days=300)


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
    start = file_start()
    for i in range(rows):
        name, household = people[rng.randrange(len(people))]
        code, qty, pts = RULES[rng.randrange(len(RULES))]
        ws.append([start + dt.timedelta(days=rng.randrange(280)), name, household, code, qty,
                   pts, GATHERERS[i % len(GATHERERS)], f"B{i // 20 + 1:05d}", i % 20 + 1,
                   None if i % 7 else "下雨天也来了"])
    wb.save(path)


def phase_bare(path: str) -> dict[str, float]:
    """The read the import does, bare: the same calamine calls on the same sheet (its
    metadata, the sheet by name, every cell with skip_empty_area=False, its merged ranges),
    with Python's cycle collector paused as the import pauses it (else the bare read pays
    for collections over its own two million cells that the import does not)."""
    import gc

    from python_calamine import CalamineWorkbook

    gc.disable()
    t0, c0 = time.perf_counter(), time.process_time()
    with CalamineWorkbook.from_path(path) as wb:
        name = wb.sheets_metadata[0].name
        sheet = wb.get_sheet_by_name(name)
        rows = sheet.to_python(skip_empty_area=False)
        sheet.merged_cell_ranges  # noqa: B018 - read as the import reads it
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


def phase_steps(path: str, db: str) -> dict[str, float]:
    """The import again, its steps timed in CPU seconds of the thread that runs them (each
    wrapped in a timer): where the time over the bare read and the write floor goes. The
    deeds go into the deed table on a thread of their own (the 'writer' step) while the
    thread that checks goes on; the process's CPU is the sum of the threads'."""
    import functools

    from bigvillage import signed_in

    from village_tally.exchange import sheet
    from village_tally.services import import_deeds, importing, session
    from village_tally.store import audit

    spent: dict[str, float] = {}

    def timed(owner: object, name: str, label: str) -> None:
        inner = getattr(owner, name)

        @functools.wraps(inner)
        def wrapper(*args: object, **kwargs: object) -> object:
            c0 = time.thread_time()
            try:
                return inner(*args, **kwargs)
            finally:
                spent[label] = spent.get(label, 0.0) + time.thread_time() - c0
        setattr(owner, name, wrapper)

    steps = (
            (importing, "_load", "read the sheet (calamine, header; main thread)"),
            (sheet._XlsxMeta, "hidden_rows", "  hidden-row scan (its own thread, beside it)"),
            (session.store_db, "backup_copy",
             "backup, beside the read (its own thread)"),
            (importing, "plan_deeds", "check, and hand the deeds over (main thread)"),
            (import_deeds.deed_repo, "import_keys", "  ask for the import keys held"),
            (import_deeds._BulkLookups, "prefetch", "  read caps' counts and lines taken"),
            (import_deeds, "Chunk", "  by column: convert, keys, residents"),
            (import_deeds, "_plan_deed", "  rows checked in full"),
            (import_deeds.deed_repo, "stage_deeds", "  bind the deeds into staging"),
            (import_deeds.deed_repo, "insert_staged",
             "staging into the deed table (writer thread)"),
            (import_deeds.store_digest.Running, "add",
             "the deeds' digest, batch by batch (writer thread)"),
            (audit, "record", "the audit entry (main thread)"))
    for owner, name, label in steps:
        timed(owner, name, label)
    ledger = signed_in(db)
    c0 = time.process_time()
    importing.import_file(ledger, "deeds", path)
    total = time.process_time() - c0
    return {"import (all threads)": total,
            **{label: spent.get(label, 0.0) for _, _, label in steps}}


def make_history(pristine: Path, target: Path) -> None:
    """The same village with a year of history before the file's first month, every month of
    it closed, and deeds already entered by hand in the months the file covers (as a
    village that imports its gatherers' sheets after the fact has): the caps and paper lines
    the import reads back, and the closed-month guard every inserted deed passes, have real
    rows to look at."""
    from bigvillage import signed_in

    from village_tally.core.authority import Action
    from village_tally.core.deed import NewDeed, ResidentId, RuleId, Source
    from village_tally.core.month import Month
    from village_tally.services.months import close_in
    from village_tally.services.session import write
    from village_tally.store import deeds as deed_repo
    from village_tally.store import roster as roster_repo

    shutil.copyfile(pristine, target)
    ledger = signed_in(str(target))
    rng = random.Random(4)
    first_open = Month.of(file_start())
    closed = [first_open - n for n in range(HISTORY_MONTHS, 0, -1)]
    months = closed + [first_open + n for n in range(10)]
    rules = [ledger.rule(code) for code, _, _ in RULES]
    with write(ledger, "bench", "history", needs=Action.ROSTER) as w:
        ids = [r.resident_id for r in roster_repo.resident_refs(w.conn, ledger.village_id)]
        batch = []
        for i, month in enumerate(months):
            per_month = HISTORY_PER_MONTH if month in closed else HISTORY_PER_MONTH // 4
            for n in range(per_month):
                rule = rules[n % len(rules)]
                assert rule is not None
                batch.append(deed_repo.deed_columns(ledger.village_id, NewDeed(
                    resident=ResidentId(rng.choice(ids)),
                    date=dt.date.fromisoformat(f"{month}-{rng.randint(1, 28):02d}"),
                    month=month, rule=RuleId(ledger.rule_ids[rule.code]), rule_code=rule.code,
                    title=rule.title_zh, quantity=Decimal(1), points=rule.points,
                    needs_approval=False, recorder=GATHERERS[n % len(GATHERERS)],
                    source=Source(f"H{i:02d}-{n // 20:05d}", n % 20 + 1),
                    created_at="2026-01-01T00:00:00", created_by="马书记")))
        w.deed_ids.extend(deed_repo.insert_deeds_fast(w.conn, batch))
    for month in closed:  # as the program closes them (without a backup each time)
        with write(ledger, "close", "month", needs=Action.CLOSE_MONTH) as w:
            close_in(w, ledger, month, by="马书记", at="2026-11-01T00:00:00")
    ledger.close()


def phase_floor(imported: str, pristine: str, stage: str, table: str = "ledger"
                ) -> dict[str, float]:
    """Bare sqlite3 writing the very deeds the import wrote (read back from its file) into a
    copy of the village it imported into, `stage` rows per staging table and INSERT ...
    SELECT ("0": plain executemany into deed). With table "bare", the same write into the
    deed table stripped of its secondary indexes, its closed-month trigger and foreign-key
    checks, with no import keys (the unique constraint's index stays, holding NULLs): how
    much of the floor is the ledger's own."""
    import sqlite3

    source = sqlite3.connect(imported)
    before_pristine = sqlite3.connect(pristine).execute(
        "SELECT coalesce(max(id), 0) FROM deed").fetchone()[0]
    columns = ("village_id, resident_id, date, month, rule_id, rule_code, title, quantity_h, "
               "points_h, needs_approval, recorder, source_sheet, source_line, source_file, "
               "source_row, note, override_reason, adjusts_deed_id, replaces_deed_id, "
               "import_key, created_at, created_by")
    rows = source.execute(f"SELECT {columns} FROM deed WHERE id > ? ORDER BY id",
                          (before_pristine,)).fetchall()
    source.close()
    bare = table == "bare"
    if bare:
        rows = [(*r[:19], None, *r[20:]) for r in rows]
    copy = f"{imported}.floor"
    shutil.copyfile(pristine, copy)
    conn = sqlite3.connect(copy, isolation_level=None)
    for pragma in ("journal_mode=WAL", "synchronous=FULL",
                   f"foreign_keys={'OFF' if bare else 'ON'}",
                   "temp_store=MEMORY", "cache_size=-65536"):
        conn.execute(f"PRAGMA {pragma}")
    if bare:
        for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index' "
                                    "AND tbl_name = 'deed' AND sql IS NOT NULL").fetchall():
            conn.execute(f"DROP INDEX {name}")
        conn.execute("DROP TRIGGER deed_closed_month")
    size = int(stage) or len(rows)
    marks = ", ".join("?" * 22)
    t0, c0 = time.perf_counter(), time.process_time()
    conn.execute("BEGIN IMMEDIATE")
    if stage == "0":
        conn.executemany(f"INSERT INTO deed ({columns}) VALUES ({marks})", rows)
    else:
        conn.execute(f"CREATE TEMP TABLE staging ({columns})")
        for start in range(0, len(rows), size):
            conn.executemany(f"INSERT INTO staging VALUES ({marks})", rows[start:start + size])
            conn.execute(f"INSERT INTO deed ({columns}) SELECT * FROM staging ORDER BY rowid")
            conn.execute("DELETE FROM staging")
    conn.execute("COMMIT")
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    conn.close()
    for suffix in ("", "-wal", "-shm"):
        Path(copy + suffix).unlink(missing_ok=True)
    return {"seconds": seconds, "cpu": cpu, "rows": len(rows)}


def _times(got: dict[str, float]) -> str:
    return f"CPU {got['cpu']:6.2f} s, wall {got['seconds']:6.2f} s"


def _load() -> str:
    return "/".join(f"{x:.2f}" for x in os.getloadavg())


def _fresh(db: str, village: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(db + suffix).unlink(missing_ok=True)
    shutil.copyfile(village, db)


def run_phase(*args: str) -> dict[str, float]:
    out = subprocess.run([sys.executable, __file__, "--phase", *args], check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def _village(label: str, village: Path, path: Path, folder: Path, bare: dict[str, float], *,
             steps: bool, pristine: bool, repeat: int) -> dict[str, float]:
    """`repeat` imports into fresh copies of `village`, each between two bare reads (its
    ratios are against their mean; the figures reported are the median pair's); the write
    floors; the steps. Returns the last bare read (the next village's first)."""
    db = str(folder / "bench.db")
    pairs = []
    for _ in range(repeat):
        _fresh(db, village)
        imported = run_phase("import", str(path), db)
        load = _load()
        after = run_phase("bare", str(path))
        read = {k: (bare[k] + after[k]) / 2 for k in ("cpu", "seconds")}
        pairs.append((imported["cpu"] / read["cpu"], imported, read, after, load))
        bare = after
    pairs.sort(key=lambda pair: pair[0])
    _, imported, read, after, load = pairs[len(pairs) // 2]
    floors = {stage: run_phase("floor", db, str(village), stage) for stage in STAGES}
    best = min(STAGES, key=lambda stage: floors[stage]["cpu"])
    print(f"into {label} ({village.name}):")
    print(f"  {'import deeds':54s} {_times(imported)}  peak {imported['peak_mb']:.0f} MB, "
          f"{int(imported['rows'])} deeds written; load average {load}")
    print(f"  {'bare calamine read after it':54s} {_times(after)}")
    for stage, got in floors.items():
        how = f"staging {int(stage):,} rows" if stage != "0" else "executemany, no staging"
        print(f"  {'bare sqlite3, the same deeds, ' + how:54s} {_times(got)}")
    if pristine:
        stripped = run_phase("floor", db, str(village), best, "bare")
        print(f"  {'the same into a bare deed table':54s} {_times(stripped)}  (no indexes, "
              f"import keys, trigger or foreign-key checks)")
    if repeat > 1:
        print(f"  {repeat} imports, CPU / wall ratios each (the median's figures below): "
              + ", ".join(f"{p[1]['cpu'] / p[2]['cpu']:.2f}x / "
                          f"{p[1]['seconds'] / p[2]['seconds']:.2f}x (load {p[4]})"
                          for p in pairs))
    cpu, wall = imported["cpu"] / read["cpu"], imported["seconds"] / read["seconds"]
    print(f"  import / the bare reads just before and after it (their mean: "
          f"{_times(read)}): CPU {cpu:.2f}x, wall {wall:.2f}x "
          f"(target <= {TARGET}x: CPU {'OK' if cpu <= TARGET else 'SLOW'}, wall "
          f"{'OK' if wall <= TARGET else 'SLOW'}); peak {imported['peak_mb']:.0f} MB, "
          f"target <= 500 MB")
    print(f"  write floor (read + best bare write, one thread) / read: CPU "
          f"{(read['cpu'] + floors[best]['cpu']) / read['cpu']:.2f}x")
    if steps:
        _fresh(db, village)
        timed = run_phase("steps", str(path), db)
        print("  the import's steps (CPU s of the thread that runs each; indented: inside "
              "the one above):")
        for step, seconds in timed.items():
            if step != "peak_mb":
                print(f"    {step:50s} {seconds:6.2f}")
    return bare  # the last bare read


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--residents", type=int, default=5_000)
    parser.add_argument("--keep", type=Path)
    parser.add_argument("--phase", nargs="+")
    parser.add_argument("--repeat", type=int, default=1,
                        help="imports per village, each between two bare reads; the median "
                             "is reported (on a loaded machine)")
    parser.add_argument("--steps", action="store_true",
                        help="also time the import's steps (a third import per village)")
    args = parser.parse_args()
    if args.phase:
        phases = {"bare": phase_bare, "import": phase_import, "floor": phase_floor,
                  "steps": phase_steps}
        result = phases[args.phase[0]](*args.phase[1:])
        result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps(result))
        return 0
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-import-"))
    folder.mkdir(parents=True, exist_ok=True)
    # With --keep, the villages and the file are made once and reused (each import writes
    # into a fresh copy of its village).
    path, pristine = folder / f"deeds-{args.rows}.xlsx", folder / f"village-{args.residents}.db"
    history = folder / f"village-{args.residents}-history.db"
    if not (path.exists() and pristine.exists()):
        for old in (pristine, path, history):
            old.unlink(missing_ok=True)
        made, people = make_village(folder, args.residents)
        shutil.move(made, pristine)
        make_file(path, people, args.rows)
    if not history.exists():
        make_history(pristine, history)
    size = path.stat().st_size / 1e6
    print(f"deeds xlsx: {args.rows} rows, {size:.1f} MB, {args.residents} residents; "
          f"{os.cpu_count()} cores, load average {_load()} at the start")
    print("  CPU: seconds of CPU of the whole process, every thread counted (the import "
          "checks on one thread while another writes, and scans hidden rows beside "
          "calamine); wall: seconds on the clock, what a person waits for. Each import is "
          "compared with the bare reads run just before and just after it, in this run.")
    bares = [run_phase("bare", str(path))]
    print(f"  {'bare calamine read':54s} {_times(bares[0])}  peak {bares[0]['peak_mb']:.0f} MB")
    for label, village in (("a new village", pristine),
                           ("the village with a year of closed history", history)):
        bares.append(_village(label, village, path, folder, bares[-1], steps=args.steps,
                              pristine=village == pristine, repeat=args.repeat))
    print(f"load average {_load()} at the end. On a machine with other work (load average "
          f"near or over the cores) the wall clock also counts time the process waited for a "
          f"core, and the import's second thread finds none free: compare the CPU ratio "
          f"then; on a quiet machine the wall ratio is what a person meets.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
