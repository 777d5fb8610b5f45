"""A village's months told as a story on each backend: a clock turned forward by hand, and a
small village opened on it (the villager's side: tests/services/test_village_month.py,
test_way_back.py, test_kiosk.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import NOW, add_roster, make_village
from village_tally.services.session import Ledger, open_ledger


class Calendar:
    """The village's clock, turned forward as the days go by."""

    def __init__(self, start: dt.datetime = NOW) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now

    def go(self, day: str) -> None:
        """To `day` (YYYY-MM-DD), at the same time of day."""
        self.now = dt.datetime.combine(dt.date.fromisoformat(day), self.now.timetz())


def backend(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The database of a fixture parametrised over "sqlite" and "postgresql"."""
    if request.param == "sqlite":
        return str(tmp_path / "v.db")
    return str(request.getfixturevalue("pg_url"))


def story_village(db: Path | str, roster: str, clock: Callable[[], dt.datetime], *,
                  preset: str = "jiakuang-majia") -> Ledger:
    """A new village with the test people and `roster`, opened on `clock`."""
    make_village(db, preset)
    ledger = open_ledger(str(db), clock=clock)
    add_roster(ledger, roster)
    return ledger
