"""A city on one PostgreSQL server (#15, item 5): Rongcheng's 740,000 residents as 740 villages
of 1,000, a year of deeds each, and 20 gatherers entering deeds at once through the services.

    python bench/bench_city.py [--scale 1] [--seconds 60] [--gatherers 20] [--pace 0] [--jobs 2]
                               [--templates 20]
                               [--server postgresql+psycopg://vt_ci:vt_ci@127.0.0.1/postgres]
                               [--keep]

`--scale 0.01` builds 7 villages (7,000 residents) in about a minute; `--scale 1` in about 9
minutes on 2 shared cores, and drops them after in about 15 (each DROP DATABASE waits for a
checkpoint) unless `--keep`: a rerun with `--keep` reuses the villages already there.

The city: each village is one database on the server — the unit the program opens (`--db
postgresql+psycopg://…/village`), with its own audit chain and its own write lock (advisory
locks are per database), so villages never queue behind each other. The first `--templates`
villages are built the way `village-tally demo` builds one (services/demo.py), each with a seed
of its own: ten areas with a gatherer each, households of about three, a year of deeds
(Dec–Nov, every month but the current one closed through `close_month`) at the demo's
everyday rate of **1.5 deeds a resident a month** (a field-sheet line for each resident about
every three weeks: 18,000 deeds a village, 13.3 million in the city), about 1 % voided and some
waiting for approval. The deeds are bulk-loaded by the store's own writer
(`deeds.insert_deeds_fast`: multi-row INSERTs of exactly the columns `enter` writes) in one
audited write whose entry carries their digest, so `verify` holds. Each template is built
under a scratch name and renamed when whole, then ANALYZEd (as autovacuum would have).
Every other village n is a file copy of template n mod `--templates` (CREATE DATABASE …
TEMPLATE … STRATEGY FILE_COPY: the server copies the directory, no page goes through the
WAL): a database of its own, byte for byte its template's — the same residents, deeds and
audit chain (which verifies: the chain names no database), so the city holds 20 distinct
villages 37 times over. What is measured — the server's size, its catalog, its backends, the
gatherers' load — does not depend on what the deeds say.

Then `--gatherers` processes, each signed in as the gatherer of one area of one village (PIN
checked once), enter deeds through `services.deeds.enter_deed` for residents of their own area
(rules with no cap and no approval threshold, dated today, on numbered sheets of 20 lines),
for `--seconds`: flat out, or `--pace` seconds apart (a person reading the next line). All
start together once all have signed in. With V villages and G gatherers, gatherer g works
in village g·(V div G) — spread over the city, most in copied villages — or, when there are
fewer villages than gatherers, in village g mod V, area g div V.

Reported beside the same work on one village's SQLite file (the same village, seed 1, built
the same way; one gatherer entering for the same time, as a village entering on its own PC):
deeds a second held, p50/p95 of one enter, the current month's tally, its board (A3 PDF) and
`verify` of one village (medians of 3, wall clock: the server is another process).

Checked at the end, for every village a gatherer worked in: every deed a gatherer was told was
saved is in the ledger once, and nothing else of theirs is (no loss, no double count); the
month's tally equals a bare SUM over live, counted deeds for every resident; `verify` finds
nothing. Also reported: the server's size and one village's share of PostgreSQL's own
catalog, and, while the gatherers enter, the city's connections (autovacuum's workers are
not shown to a role without pg_read_all_stats, so they are not counted).
Exit 1 if any check fails.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import Engine, create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from village_tally.core.deed import ResidentId, Source  # noqa: E402
from village_tally.core.month import Month  # noqa: E402
from village_tally.services import audit, months, printing, roster  # noqa: E402
from village_tally.services.deeds import DeedInput, enter_deed  # noqa: E402
from village_tally.services.demo import AREAS, DEMO_PIN, GATHERERS, make_demo  # noqa: E402
from village_tally.services.errors import EnvironmentFault, InputError  # noqa: E402
from village_tally.services.people import sign_in  # noqa: E402
from village_tally.services.session import Ledger, open_ledger  # noqa: E402
from village_tally.store.db import open_store  # noqa: E402

SERVER = os.environ.get("VILLAGE_TALLY_TEST_PG",
                        "postgresql+psycopg://vt_ci:vt_ci@127.0.0.1/postgres")
CITY_VILLAGES, VILLAGE_RESIDENTS, MONTHS = 740, 1000, 12
# What the tally must equal: every live deed (not voided, not waiting) up to the month.
BARE_SUM = text(
    "SELECT d.resident_id, SUM(d.points_h) FROM deed d "
    "WHERE d.month <= :month AND NOT EXISTS (SELECT 1 FROM void v WHERE v.deed_id = d.id) "
    "AND (NOT d.needs_approval OR EXISTS (SELECT 1 FROM approval a WHERE a.deed_id = d.id)) "
    "GROUP BY d.resident_id")
THEIRS = text("SELECT id FROM deed WHERE created_by = :name AND source_sheet LIKE :sheets")


def village_url(server: str, n: int, residents: int) -> str:
    return make_url(server).set(database=f"vtcity_{residents}_{n:04d}").render_as_string(
        hide_password=False)


def admin(server: str) -> Engine:
    return create_engine(make_url(server), isolation_level="AUTOCOMMIT")


def existing(server: str) -> set[str]:
    engine = admin(server)
    with engine.connect() as conn:
        names = set(conn.execute(text("SELECT datname FROM pg_database")).scalars())
    engine.dispose()
    return names


def make_template(server: str, residents: int) -> str:
    """An empty database with the newest schema, to build each template village from."""
    url = village_url(server, 9999, residents).replace("_9999", "_template")
    name = make_url(url).database
    engine = admin(server)
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    open_store(url, create=True).dispose()
    engine.dispose()
    return str(name)


def build_village(job: tuple[str, int, int, str]) -> float:
    """One template village, filled as `demo` fills one, under a scratch name renamed to the
    village's own when done (so an interrupted build leaves no half village to be reused),
    then ANALYZEd as autovacuum would have by the time a gatherer comes (its clones copy the
    planner's statistics with the catalog, but not autovacuum's counts that would trigger
    an ANALYZE of their own)."""
    server, n, residents, empty = job
    started = time.perf_counter()
    url = village_url(server, n, residents)
    name = str(make_url(url).database)
    scratch = f"{name}_partial"
    engine = admin(server)
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{scratch}"'))
        conn.execute(text(f'CREATE DATABASE "{scratch}" TEMPLATE "{empty}"'))
    make_demo(make_url(url).set(database=scratch).render_as_string(hide_password=False),
              residents=residents, months=MONTHS, seed=n + 1)
    village = create_engine(make_url(url).set(database=scratch), isolation_level="AUTOCOMMIT")
    with village.connect() as conn:
        conn.execute(text("ANALYZE"))
    village.dispose()
    with engine.connect() as conn:
        conn.execute(text(f'ALTER DATABASE "{scratch}" RENAME TO "{name}"'))
    engine.dispose()
    return time.perf_counter() - started


def clone_villages(server: str, todo: list[tuple[str, str]], started: float) -> None:
    """Each (village, template) as a file copy of its template village: CREATE DATABASE
    copies the directory (STRATEGY FILE_COPY, PostgreSQL 15+: no page goes through the WAL);
    one statement each, so an interrupted run leaves every village whole or absent."""
    engine = admin(server)
    with engine.connect() as conn:
        recent = int(conn.execute(text("SHOW server_version_num")).scalar_one()) >= 150000
        strategy = " STRATEGY FILE_COPY" if recent else ""
        for done, (name, template) in enumerate(todo, 1):
            conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"{strategy}'))
            if done % 50 == 0 or done == len(todo):
                print(f"  cloned {done}/{len(todo)} villages "
                      f"({time.perf_counter() - started:.0f} s)", flush=True)
    engine.dispose()


def drop_city(server: str, names: list[str]) -> None:
    engine = admin(server)
    with engine.connect() as conn:
        for name in names:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


@dataclass(frozen=True)
class Shift:
    """One gatherer's turn: where, who, when."""

    db: str
    gatherer: str
    area: str
    tag: str  # this run's sheet prefix, so the check finds exactly this run's deeds
    seconds: float
    seed: int
    pace: float = 0.0  # seconds a gatherer takes between deeds (reading the next line)


@dataclass
class Saved:
    """What one gatherer was told: the ids saved, each enter's time, what was refused."""

    shift: Shift
    ids: list[int] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    refused: Counter[str] = field(default_factory=Counter)
    signin: float = 0.0


def usable_rules(ledger: Ledger) -> list[str]:
    """Rules a gatherer may enter any number of times without a cap or an approval."""
    return [r.code for r in ledger.scheme.rules
            if r.active and r.grade_cap is None and r.monthly_cap is None
            and r.approval_above is None and not r.document_required]


def gather(shift: Shift) -> Saved:
    """Sign in and enter deeds for residents of one's own area until the time is up."""
    saved = Saved(shift)
    rng = random.Random(shift.seed)
    started = time.perf_counter()
    ledger = sign_in(open_ledger(shift.db), shift.gatherer, DEMO_PIN)
    saved.signin = time.perf_counter() - started
    mine = [r.id for r in roster.list_residents(ledger)
            if r.area == shift.area and r.status == "active"]
    rules, today = usable_rules(ledger), ledger.today()
    _READY.wait()  # every gatherer signed in: all start together
    n, end = 0, time.perf_counter() + shift.seconds
    while time.perf_counter() < end:
        deed = DeedInput(resident=ResidentId(rng.choice(mine)), date=today,
                         rule=rng.choice(rules),
                         source=Source(f"{shift.tag}-{n // 20 + 1:05d}", n % 20 + 1))
        t0 = time.perf_counter()
        try:
            entered, _ = enter_deed(ledger, deed)
        except (InputError, EnvironmentFault) as exc:
            code = exc.problems[0].code if isinstance(exc, InputError) else exc.code
            saved.refused[code] += 1
            n += 1
            continue
        saved.seconds.append(time.perf_counter() - t0)
        saved.ids.append(int(entered.id))
        n += 1
        time.sleep(shift.pace)
    ledger.close()
    return saved


_READY: Any = None  # in each gatherer's process: the barrier all pass once signed in


def _ready(barrier: Any) -> None:
    global _READY  # noqa: PLW0603 - the pool's one way to hand a barrier to its processes
    _READY = barrier


def run_shifts(shifts: list[Shift], server: str | None = None
               ) -> tuple[list[Saved], dict[str, float]]:
    """Every gatherer in a process of their own, all starting at once when all have signed
    in; with `server`, what the server's backends were doing meanwhile (`watch`)."""
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(len(shifts) + 1)  # and this process, to know when they start
    with ctx.Pool(len(shifts), initializer=_ready, initargs=(barrier,)) as pool:
        pending = pool.map_async(gather, shifts, chunksize=1)
        barrier.wait()
        busy = watch(server, shifts[0].seconds) if server else {}
        return pending.get(), busy


BUSY = text("SELECT count(*) FILTER (WHERE state = 'active' AND datname LIKE 'vtcity\\_%'), "
            "count(*) FILTER (WHERE wait_event_type = 'Lock' AND datname LIKE 'vtcity\\_%'), "
            "count(*) FILTER (WHERE datname LIKE 'vtcity\\_%') FROM pg_stat_activity")


def watch(server: str, seconds: float) -> dict[str, float]:
    """The city's backends while the gatherers enter, sampled every 0.2 s: how many were
    running a statement on average, and how many were waiting for a lock."""
    engine = admin(server)
    samples: list[tuple[int, ...]] = []
    end = time.perf_counter() + seconds
    with engine.connect() as conn:
        while time.perf_counter() < end:
            samples.append(tuple(int(n) for n in conn.execute(BUSY).one()))
            time.sleep(0.2)
    engine.dispose()
    return {"active": statistics.fmean(s[0] for s in samples),
            "waiting": statistics.fmean(s[1] for s in samples),
            "connected": max(s[2] for s in samples), "samples": len(samples)}


def pct(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000 if ordered else 0.0


def median_wall(work: Callable[[], object], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        work()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def village_work(db: str, out: Path) -> dict[str, float]:
    """The current month's tally, its board and verify of one village, medians of 3."""
    ledger = open_ledger(db, check=False)
    month = Month.of(ledger.today())
    try:
        return {
            "tally": median_wall(lambda: months.tally(ledger, month)),
            "board": median_wall(lambda: printing.print_board(ledger, month=month,
                                                              out=out / "board.pdf")),
            "verify": median_wall(lambda: audit.verify(ledger)),
            "deeds": float(ledger_count(ledger)),
        }
    finally:
        ledger.close()


def ledger_count(ledger: Ledger) -> int:
    with ledger.engine.connect() as conn:
        return int(conn.execute(text("SELECT count(*) FROM deed")).scalar_one())


def check_village(db: str, saved: list[Saved]) -> list[str]:
    """What went wrong in one village: a deed lost or counted twice, a tally unlike the bare
    SUM, anything verify finds."""
    wrong: list[str] = []
    ledger = open_ledger(db, check=False)
    try:
        with ledger.engine.connect() as conn:
            for s in saved:
                told = s.ids
                held = sorted(conn.execute(THEIRS, {"name": s.shift.gatherer,
                                                    "sheets": f"{s.shift.tag}-%"}).scalars())
                if len(set(told)) != len(told):
                    wrong.append(f"{db}: {s.shift.gatherer} was told one id twice")
                if sorted(told) != held:
                    wrong.append(f"{db}: {s.shift.gatherer} told {len(told)} saved, "
                                 f"ledger holds {len(held)}")
            month = Month.of(ledger.today())
            bare = {int(rid): int(total) for rid, total
                    in conn.execute(BARE_SUM, {"month": str(month)})}
        rows = months.tally(ledger, month).rows
        differ = [r.resident_id for r in rows
                  if r.total_points.hundredths != bare.get(r.resident_id, 0)]
        if differ:
            wrong.append(f"{db}: tally differs from the bare SUM for {len(differ)} residents")
        problems = audit.verify(ledger).problems
        if problems:
            wrong.append(f"{db}: verify found {len(problems)}: {problems[0].code}")
    finally:
        ledger.close()
    return wrong


def summary(results: list[Saved], seconds: float) -> dict[str, float]:
    lat = [t for r in results for t in r.seconds]
    saved = sum(len(r.ids) for r in results)
    return {"deeds": saved, "per_s": saved / seconds, "p50": pct(lat, 0.5),
            "p95": pct(lat, 0.95), "refused": sum(sum(r.refused.values()) for r in results),
            "signin": statistics.median(r.signin for r in results)}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0,
                        help="fraction of Rongcheng's 740 villages (0.01: 7 villages)")
    parser.add_argument("--residents", type=int, default=VILLAGE_RESIDENTS)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--pace", type=float, default=0.0,
                        help="seconds each gatherer waits between deeds (0: flat out)")
    parser.add_argument("--gatherers", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=2, help="villages built at once")
    parser.add_argument("--templates", type=int, default=20,
                        help="villages built as demo builds one; village n is a copy of "
                             "village n mod this")
    parser.add_argument("--server", default=SERVER)
    parser.add_argument("--keep", action="store_true",
                        help="keep the city's databases (and reuse them next time)")
    args = parser.parse_args()
    return run(City(args.server, max(1, round(CITY_VILLAGES * args.scale)), args.residents,
                    args.seconds, args.gatherers, args.jobs, args.pace,
                    max(1, args.templates)), keep=args.keep)


@dataclass(frozen=True)
class City:
    """What to build and run."""

    server: str
    villages: int
    residents: int
    seconds: float
    gatherers: int
    jobs: int = 2
    pace: float = 0.0
    templates: int = 20  # villages built as `demo` builds one; the rest are copies of them

    @property
    def urls(self) -> list[str]:
        return [village_url(self.server, n, self.residents) for n in range(self.villages)]


def run(city: City, *, keep: bool) -> int:
    """Build what is missing of the city, measure, check; the databases dropped unless kept."""
    server, residents, urls = city.server, city.residents, city.urls
    count, seconds, gatherers = city.villages, city.seconds, city.gatherers
    names = [str(make_url(u).database) for u in urls]
    print(f"city: {count} villages x {residents} residents = {count * residents:,}; "
          f"{gatherers} gatherers for {seconds:.0f} s, {city.pace:g} s between deeds",
          flush=True)
    have = existing(server)
    templates = names[:city.templates]
    todo = [n for n, name in enumerate(templates) if name not in have]
    t0 = time.perf_counter()
    if todo:
        empty = make_template(server, residents)
        ctx = multiprocessing.get_context("spawn")
        with ctx.Pool(city.jobs) as pool:
            for done, _ in enumerate(pool.imap_unordered(
                    build_village, [(server, n, residents, empty) for n in todo]), 1):
                if done % 10 == 0 or done == len(todo):
                    print(f"  built {done}/{len(todo)} template villages "
                          f"({time.perf_counter() - t0:.0f} s)", flush=True)
        drop_city(server, [empty])
    clones = [(name, templates[n % len(templates)]) for n, name in enumerate(names)
              if n >= len(templates) and name not in have]
    clone_villages(server, clones, t0)
    build = time.perf_counter() - t0
    try:
        return measure(city, {"build": build, "built": len(todo), "cloned": len(clones)})
    finally:
        if not keep:
            drop_city(server, names + [f"{name}_partial" for name in templates])


def measure(city: City, built: dict[str, float]) -> int:
    """Time one village's work on both sides, run the gatherers, check every village."""
    urls, residents, seconds, gatherers = city.urls, city.residents, city.seconds, city.gatherers
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        twin = str(folder / "village.db")
        make_demo(twin, residents=residents, months=MONTHS, seed=1)  # = village 0
        built.update(city_size(city.server, urls[0]))
        pg_work = village_work(urls[0], folder)
        lite_work = village_work(twin, folder)
        tag = f"C{int(time.time()) % 100000:05d}"
        shifts = [Shift(urls[v % len(urls)], GATHERERS[v // len(urls) % len(AREAS)],
                        AREAS[v // len(urls) % len(AREAS)], f"{tag}G{g:02d}", seconds, g, city.pace)
                  for g, v in enumerate(spread(len(urls), gatherers))]
        entered, busy = run_shifts(shifts, city.server)
        alone, _ = run_shifts([Shift(twin, GATHERERS[0], AREAS[0], f"{tag}S", seconds, 0,
                                     city.pace)])
        wrong = []
        for url in sorted({s.db for s in shifts}):
            wrong += check_village(url, [r for r in entered if r.shift.db == url])
        wrong += check_village(twin, alone)
    report(city, built, {"pg": pg_work, "lite": lite_work, "busy": busy,
                         "city": summary(entered, seconds), "alone": summary(alone, seconds)})
    for line in wrong:
        print("WRONG:", line)
    print("checks: " + ("every saved deed held once, tallies = bare SUM, verify clean"
                        if not wrong else f"{len(wrong)} failed"))
    return 1 if wrong else 0


def spread(villages: int, gatherers: int) -> list[int]:
    """Where each gatherer works, as village + villages * area: across the whole city (so
    most work in a copied village) when there are more villages than gatherers, else one
    area after another of every village."""
    step = max(1, villages // max(1, gatherers))
    return [g * step for g in range(gatherers)]


CATALOG = text("SELECT sum(pg_total_relation_size(oid)) FROM pg_class "
               "WHERE relnamespace = 'pg_catalog'::regnamespace AND relkind IN ('r', 'm') "
               "AND NOT relisshared")  # the server-wide tables are counted once, not here


def city_size(server: str, village: str) -> dict[str, float]:
    """The city's size on the server: databases, bytes, and the bytes of one village's
    catalog (every database carries a copy of PostgreSQL's own tables)."""
    engine = admin(server)
    with engine.connect() as conn:
        row = conn.execute(text(
            "SELECT count(*), sum(pg_database_size(datname)) FROM pg_database "
            "WHERE datname LIKE 'vtcity\\_%'")).one()
    engine.dispose()
    engine = admin(village)
    with engine.connect() as conn:
        catalog = conn.execute(CATALOG).scalar_one()
    engine.dispose()
    return {"databases": float(row[0]), "bytes": float(row[1] or 0),
            "catalog": float(catalog or 0)}


def report(city: City, sizes: dict[str, float], figures: dict[str, dict[str, float]]) -> None:
    pg, lite, alone = figures["pg"], figures["lite"], figures["alone"]
    gatherers, entered = city.gatherers, figures["city"]
    print(f"\nbuilt {sizes['built']:.0f} template villages and copied {sizes['cloned']:.0f} "
          f"in {sizes['build']:.0f} s; server holds {sizes['databases']:.0f} city databases, "
          f"{sizes['bytes'] / 1e9:.2f} GB (of which PostgreSQL's catalog "
          f"{sizes['catalog'] / 1e6:.1f} MB a village); {city.villages * city.residents:,} "
          f"residents")
    print(f"one village: {pg['deeds']:,.0f} deeds on PostgreSQL, {lite['deeds']:,.0f} in the "
          f"SQLite twin (medians of 3, wall)")
    for key in ("tally", "board", "verify"):
        print(f"  {key:7s} PostgreSQL {pg[key] * 1000:8.0f} ms   SQLite {lite[key] * 1000:8.0f} "
              f"ms   {pg[key] / lite[key]:.2f}x")
    print(f"{gatherers} gatherers on PostgreSQL: {entered['deeds']:.0f} deeds, "
          f"{entered['per_s']:.1f}/s held ({entered['per_s'] / gatherers:.1f}/s each), enter "
          f"p50 {entered['p50']:.1f} ms p95 {entered['p95']:.1f} ms, "
          f"{entered['refused']:.0f} refused, sign-in median {entered['signin']:.2f} s")
    busy = figures["busy"]
    print(f"  the server meanwhile: {busy['active']:.2f} of {gatherers} backends running a "
          f"statement on average, {busy['waiting']:.2f} waiting for a lock, at most "
          f"{busy['connected']:.0f} connected to the city ({busy['samples']:.0f} samples)")
    print(f"1 gatherer on the SQLite twin: {alone['deeds']:.0f} deeds, {alone['per_s']:.1f}/s, "
          f"enter p50 {alone['p50']:.1f} ms p95 {alone['p95']:.1f} ms, "
          f"{alone['refused']:.0f} refused")


if __name__ == "__main__":
    sys.exit(main())
