"""Shared fixtures: a fresh village database per test (copied from a migrated template), a fixed
clock, and builders that read like the paper sheets they stand for."""

from __future__ import annotations

import datetime as dt
import functools
import os
import shutil
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from village_tally.core.authority import Action  # noqa: E402
from village_tally.core.deed import Deed, Source  # noqa: E402
from village_tally.core.month import parse_date  # noqa: E402
from village_tally.core.person import Role  # noqa: E402
from village_tally.core.points import parse_points  # noqa: E402
from village_tally.services import deeds, people, roster  # noqa: E402
from village_tally.services.session import Ledger, init_village, open_ledger, write  # noqa: E402
from village_tally.store import people as people_repo  # noqa: E402

NOW = dt.datetime(2026, 11, 22, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
PRESETS = ("jiakuang-majia", "yangqiao", "rongcheng", "dongdao-lujia", "suzhou")


def fixed_clock() -> dt.datetime:
    return NOW


LOCAL_PG = "postgresql+psycopg://vt_ci:vt_ci@127.0.0.1/postgres"  # README's test role


@functools.cache
def pg_server() -> tuple[str | None, str]:
    """The PostgreSQL server to test on: the one VILLAGE_TALLY_TEST_PG names, else a local one
    with README's test role; or None and why there is none (said in the skip)."""
    try:
        import psycopg
    except ImportError:
        return None, "the postgres extra is not installed: pip install -e '.[test,postgres]'"
    named = os.environ.get("VILLAGE_TALLY_TEST_PG")
    if named:
        return named, ""
    try:
        psycopg.connect("host=127.0.0.1 user=vt_ci password=vt_ci dbname=postgres "
                        "connect_timeout=3").close()
    except psycopg.Error:
        return None, ("no PostgreSQL: set VILLAGE_TALLY_TEST_PG, or make README's local test "
                      "role (vt_ci on 127.0.0.1)")
    return LOCAL_PG, ""


@contextmanager
def pg_database() -> Iterator[str]:
    """A database of its own on the PostgreSQL server to test on (pg_server), dropped after."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    server, why_not = pg_server()
    if server is None:
        pytest.skip(why_not)
    base = make_url(server)
    name = f"vt_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield base.set(database=name).render_as_string(hide_password=False)
    _drop(admin, name)
    admin.dispose()


def _drop(admin: Any, name: str) -> None:
    """Drop a test database; FORCE cannot end an autovacuum worker (not our role) that a busy
    server started on it, so try again once it has finished."""
    from sqlalchemy import text
    from sqlalchemy.exc import ProgrammingError

    for attempt in range(10):
        try:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
            return
        except ProgrammingError:
            if attempt == 9:
                raise
            time.sleep(1)


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A database of its own on the PostgreSQL server to test on (pg_server)."""
    with pg_database() as url:
        yield url


@pytest.fixture
def other_pg_url() -> Iterator[str]:
    """A second database on the same server: another village of the same city."""
    with pg_database() as url:
        yield url


PIN = "1234"  # every test person's PIN
# The test village's people: its secretary, a committee member, and gatherers with their areas.
# (Gatherers get their areas when the roster is added: `add_roster`.)
PEOPLE = (("马书记", Role.SECRETARY), ("马主任", Role.COMMITTEE), ("马秀兰", Role.GATHERER),
          ("王建国", Role.GATHERER))


def make_village(db: Path | str, preset: str = "jiakuang-majia", name: str = "测试村") -> None:
    """A new village with the test people (PIN 1234), as its secretary would set it up."""
    ledger = init_village(str(db), name=name, preset=preset, clock=fixed_clock)
    secretary = people.name_first_secretary(ledger, name="马书记", pin=PIN).ledger
    with write(secretary, "add_person", "person", needs=Action.PEOPLE) as w:
        w.summary = False
        assert secretary.actor is not None
        hashed = people_repo.pin_hash(w.conn, secretary.actor.id)  # PIN 1234 for all
        people.add_people_in(w, secretary, [people.NewPerson(name, role)
                                            for name, role in PEOPLE[1:]], pin_hash=hashed)
    ledger.close()


@pytest.fixture(scope="session")
def templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One migrated, initialised village file per preset; tests copy them (fast)."""
    folder = tmp_path_factory.mktemp("templates")
    out = {}
    for preset in PRESETS:
        path = folder / f"{preset}.db"
        make_village(path, preset)
        out[preset] = path
    return out


def as_(ledger: Ledger, name: str) -> Ledger:
    """The ledger as one of the test village's people (their PIN taken as typed: sign-in
    itself is tested in tests/services/test_people.py)."""
    person = people.find_person(ledger, name)
    assert person is not None, name
    return ledger.acting_as(person)


@pytest.fixture
def make_ledger(templates: dict[str, Path], tmp_path: Path) -> Iterator[Callable[..., Ledger]]:
    opened: list[Ledger] = []

    def make(preset: str = "jiakuang-majia", roster_text: str = "",
             actor: str = "马秀兰") -> Ledger:
        path = tmp_path / f"{preset}-{len(opened)}.db"
        shutil.copy(templates[preset], path)
        ledger = open_ledger(str(path), clock=fixed_clock)
        opened.append(ledger)
        if roster_text:
            add_roster(as_(ledger, "马书记"), roster_text)
        return as_(ledger, actor)

    yield make
    for ledger in opened:
        ledger.close()


@pytest.fixture
def ledger(make_ledger: Callable[..., Ledger]) -> Ledger:
    """The default village (Jiakuang Majia handbook) with a small roster, namesakes included."""
    return make_ledger(roster_text=ROSTER)


ROSTER = """
马少军 0001 一片 户主
马丽   0001 一片
曾重行 0002 一片 户主
马少军 0003 二片 户主
王芳   0004 二片 户主
"""


def add_roster(ledger: Ledger, text: str) -> None:
    """Roster lines as on paper: name, household, area, and 户主 for the head (the secretary
    keeps the roster)."""
    secretary = as_(ledger, "马书记")
    for line in text.strip().splitlines():
        parts = line.split()
        roster.add_resident(secretary, roster.NewResident(
            name=parts[0], household=parts[1], area=parts[2] if len(parts) > 2 else None,
            head="户主" in parts[3:]))
    # 马秀兰 gathers in every area of the test roster, 王建国 only in 二片.
    areas = roster.list_areas(ledger)
    people.set_areas(secretary, "马秀兰", areas)
    people.set_areas(secretary, "王建国", [a for a in areas if a == "二片"])


def enter(ledger: Ledger, name: str, *, date: str = "2026-11-03", rule: str | None = None,
          quantity: str = "1", points: str | None = None, deed: str | None = None,
          household: str | None = None, sheet: str | None = None, line: int | None = None,
          recorder: str | None = None, override: str | None = None) -> Deed:
    """One deed as a gatherer writes it on the field sheet."""
    entered, _ = deeds.enter_deed(ledger, deeds.DeedInput(
        resident=name, household=household, date=parse_date(date), rule=rule,
        quantity=Decimal(quantity), points=parse_points(points) if points else None,
        deed_text=deed, recorder=recorder or "", source=Source(sheet, line),
        override=override))
    return entered
