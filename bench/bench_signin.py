"""Signing in: the time of one PIN check (target 0.1-0.5 s: slow to guess from a copied file,
instant at the keyboard) against bare hashlib.scrypt with the same parameters; and what being
signed in costs each deed afterwards on the 1,000,000-deed village (target: p95 <= 1 ms), the
PIN being checked once per sign-in, never per deed.

    python bench/bench_signin.py [--checks 10] [--count 400]

Each deed's share of authority is what `enter_deed` does for it beyond the entry itself: read
the signed-in person as stored now (role, areas, retired: one query), the matrix and area
checks, and the check that a deed for oneself or one's household waits. It is timed alone, as
`enter_deed` runs it, alternating with whole `enter_deed` calls on the same file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bigvillage import PIN, SECRETARY, big_village, working_copy  # noqa: E402
from village_tally.core.authority import Action, Target, must_wait, refusals  # noqa: E402
from village_tally.core.deed import Source  # noqa: E402
from village_tally.services import deeds, people, pins, roster  # noqa: E402
from village_tally.services.session import open_ledger, present, read  # noqa: E402


def ms(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def pin_checks(checks: int) -> None:
    hashed = pins.hash_secret(PIN)
    salt = secrets.token_bytes(pins.SALT_BYTES)
    cost = pins.COST
    ours, bare, floor = [], [], []
    floor_hash = pins.hash_secret(PIN, pins.FLOOR)
    for _ in range(checks):
        t0 = time.perf_counter()
        assert pins.check_secret(PIN, hashed)
        ours.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        hashlib.scrypt(PIN.encode(), salt=salt, n=cost.n, r=cost.r, p=cost.p,
                       maxmem=2 * cost.memory, dklen=pins.KEY_BYTES)
        bare.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        pins.check_secret(PIN, floor_hash)
        floor.append(time.perf_counter() - t0)
    print(f"one PIN check, scrypt n=2**{cost.n.bit_length() - 1} r={cost.r} p={cost.p} "
          f"({cost.memory // 2**20} MiB), {checks} checks: mean {statistics.mean(ours):.3f} s, "
          f"min {min(ours):.3f} s, max {max(ours):.3f} s (target 0.1-0.5 s); bare "
          f"hashlib.scrypt mean {statistics.mean(bare):.3f} s: "
          f"{statistics.mean(ours) / statistics.mean(bare):.2f}x")
    print(f"  for comparison n=2**14 r=8 (16 MiB, the floor): mean "
          f"{statistics.mean(floor):.3f} s")


def per_deed(count: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = working_copy(big_village(), Path(tmp))
        plain = open_ledger(str(path))
        t0 = time.perf_counter()
        ledger = people.sign_in(plain, SECRETARY, PIN)
        sign_in = time.perf_counter() - t0
        residents = roster.list_residents(ledger)[:50]
        today = dt.date.today()
        entered, authority = [], []
        for n in range(count):
            resident = residents[n % len(residents)]
            t0 = time.perf_counter()
            deeds.enter_deed(ledger, deeds.DeedInput(
                resident=resident.id, date=today, rule="L1",
                source=Source(sheet="bench", line=n + 1)))
            entered.append(time.perf_counter() - t0)
            with read(ledger) as conn:  # the same work, alone, in a transaction as enter's
                t0 = time.perf_counter()
                person = present(conn, ledger)
                target = Target(area=resident.area)
                assert not refusals(person, Action.ENTER) and not refusals(
                    person, Action.ENTER, target)
                must_wait(resident.id, resident.household, person, person)
                authority.append(time.perf_counter() - t0)
        ledger.close()
        plain.close()
    print(f"sign_in (reading the person, one PIN check): {sign_in:.3f} s")
    print(f"enter_deed signed in on 1,000,000 deeds ({count} entries, synchronous=FULL): "
          f"p50 {ms(entered, 0.5):.2f} ms, p95 {ms(entered, 0.95):.2f} ms")
    print(f"of which being signed in, each deed: p50 {ms(authority, 0.5):.3f} ms, "
          f"p95 {ms(authority, 0.95):.3f} ms (target p95 <= 1 ms); "
          f"{statistics.median(authority) / statistics.median(entered) * 100:.1f} % of a deed")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--checks", type=int, default=10)
    parser.add_argument("--count", type=int, default=400)
    args = parser.parse_args()
    pin_checks(args.checks)
    per_deed(args.count)


if __name__ == "__main__":
    main()
