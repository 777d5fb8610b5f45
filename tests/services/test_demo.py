"""The demo village: realistic, deterministic for a seed, and a ledger that verifies."""

from collections import Counter

from tests.conftest import fixed_clock
from village_tally.core.month import Month
from village_tally.services import audit, months, roster
from village_tally.services.demo import make_demo
from village_tally.services.session import open_ledger


def build(path, seed, preset="jiakuang-majia"):
    make_demo(str(path), residents=150, months=4, seed=seed, preset=preset, clock=fixed_clock)
    return open_ledger(str(path), clock=fixed_clock)


def test_same_seed_same_village(tmp_path):
    first, second = build(tmp_path / "a.db", 3), build(tmp_path / "b.db", 3)
    other = build(tmp_path / "c.db", 4)
    try:
        rows = [months.tally(x, Month.parse("2026-11")).rows for x in (first, second, other)]
        assert rows[0] == rows[1] and rows[0] != rows[2]
    finally:
        for ledger in (first, second, other):
            ledger.close()


def test_demo_has_namesakes_and_closed_months_and_verifies(tmp_path):
    ledger = build(tmp_path / "v.db", 1, preset="yangqiao")
    try:
        people = roster.list_residents(ledger)
        assert len(people) == 150
        names = Counter(p.name for p in people)
        assert names["马少军"] >= 2  # a namesake in another household
        assert [str(m.month) for m in months.closed_months(ledger)] == [
            "2026-08", "2026-09", "2026-10"]
        assert audit.verify(ledger).ok
        assert any(r.score is not None for r in months.tally(ledger, Month.parse("2026-11")).rows)
    finally:
        ledger.close()
