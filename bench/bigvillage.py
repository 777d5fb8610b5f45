"""Build (once, then reuse) a big village file for the benchmarks: 5,000 residents and
1,000,000 deeds over 24 months, all but the last closed; as in a real ledger, one deed in 200
is voided and one in 200 of the open month waits for approval. Cached under bench/.cache (or
$VILLAGE_TALLY_BENCH_CACHE)."""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import sys
import time
from decimal import Decimal
from pathlib import Path

from village_tally.core.authority import Action
from village_tally.core.deed import NewDeed, ResidentId, RuleId, Source
from village_tally.core.month import Month
from village_tally.core.names import name_initials
from village_tally.core.person import Role
from village_tally.services import people
from village_tally.services.deeds import void_deed
from village_tally.services.months import close_in
from village_tally.services.session import Ledger, init_village, open_ledger, write
from village_tally.store import deeds as deed_repo
from village_tally.store import people as people_repo
from village_tally.store import roster as roster_repo

CACHE = Path(os.environ.get("VILLAGE_TALLY_BENCH_CACHE", Path(__file__).parent / ".cache"))
LAST_MONTH = "2026-10"
VOIDED = PENDING = 200  # one deed in so many
SECRETARY, PIN = "马书记", "1234"  # every benchmark village's secretary, and everyone's PIN


def new_village(db: str, name: str = "基准村", *, gatherers: tuple[str, ...] = (),
                areas: tuple[str, ...] = ()) -> Ledger:
    """A new village with its secretary signed in, and gatherers covering `areas`; everyone's
    PIN is 1234."""
    ledger = init_village(db, name=name)
    secretary = people.name_first_secretary(ledger, name=SECRETARY, pin=PIN).ledger
    if gatherers:
        with write(secretary, "add_person", "person", needs=Action.PEOPLE) as w:
            w.summary = False
            assert secretary.actor is not None
            people.add_people_in(w, secretary, [people.NewPerson(g, Role.GATHERER, areas)
                                                for g in gatherers],
                                 pin_hash=people_repo.pin_hash(w.conn, secretary.actor.id))
    return secretary


def signed_in(db: str, name: str = SECRETARY) -> Ledger:
    """A benchmark village opened and signed in (the PIN checked once, here)."""
    return people.sign_in(open_ledger(db), name, PIN)


def big_village(residents: int = 5000, deeds: int = 1_000_000, months: int = 24) -> Path:
    """The cached file's path; built on first use (about a minute)."""
    path = CACHE / f"village-{residents}-{deeds}-people-v2.db"  # with voids and pending deeds
    if path.exists():
        return path
    CACHE.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".building")
    if tmp.exists():
        tmp.unlink()
    started = time.perf_counter()
    print(f"building {path.name} (once) ...", file=sys.stderr)
    ledger = new_village(str(tmp))
    rng = random.Random(5)
    rules = [r for r in ledger.scheme.rules if r.approval_above is None]
    last = Month.parse(LAST_MONTH)
    first = last - (months - 1)
    with write(ledger, "bench", "village", needs=Action.ROSTER) as w:
        hh_ids = [roster_repo.insert_household(w.conn, ledger.village_id, f"{i:05d}", area_id=None,
                                        door_plate=None) for i in range(residents // 3 + 1)]
        people = []
        for i in range(residents):
            name = "马" + chr(0x4E00 + rng.randrange(20000)) + chr(0x4E00 + rng.randrange(20000))
            people.append({"village_id": ledger.village_id, "household_id": hh_ids[i // 3],
                           "name": name, "initials": " ".join(sorted(name_initials(name))),
                           "is_head": i % 3 == 0, "status": "active", "note": None,
                           "created_at": "2024-01-01T00:00:00"})
        roster_repo.insert_residents(w.conn, people)
        ids = [r.resident_id for r in roster_repo.resident_refs(w.conn, ledger.village_id)]
        batch: list[deed_repo.DeedColumns] = []
        for n in range(deeds):
            rule = rules[n % len(rules)]
            month = first + n * months // deeds
            batch.append(deed_repo.deed_columns(ledger.village_id, NewDeed(
                resident=ResidentId(rng.choice(ids)),
                date=dt.date.fromisoformat(f"{month}-{rng.randint(1, 28):02d}"), month=month,
                rule=RuleId(ledger.rule_ids[rule.code]), rule_code=rule.code,
                title=rule.title_zh, quantity=Decimal(1), points=rule.points,
                needs_approval=month == last and n % PENDING == 0, recorder="bench",
                source=Source(f"B{n // 20}", n % 20 + 1),
                created_at="2024-01-01T00:00:00", created_by="bench")))
            if len(batch) == 50_000:
                w.deed_ids.extend(deed_repo.insert_deeds_fast(w.conn, batch))
                batch = []
        w.deed_ids.extend(deed_repo.insert_deeds_fast(w.conn, batch))
    for deed_id in range(VOIDED // 2, deeds + 1, VOIDED):  # as the program voids: audited
        void_deed(ledger, deed_id, reason="抄错了")
    # A real village closes its months; the tally of the open month starts from the last
    # closed one. (Closed here without close_month's backup of a 200 MB file each time.)
    for m in range(months - 1):
        with write(ledger, "close", "month", needs=Action.CLOSE_MONTH) as w:
            close_in(w, ledger, first + m, by="bench", at="2026-11-01T00:00:00")
    ledger.close()
    shutil.move(tmp, path)
    print(f"built in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return path


def working_copy(source: Path, folder: Path) -> Path:
    """A copy to write into, so the cached file stays as built."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / source.name
    shutil.copy(source, target)
    return target
