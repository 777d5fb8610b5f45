"""The ledger's own check on opening may run after the ledger has opened (the desktop program
runs it while the sign-in screen shows): until it has run nothing is written but signing in,
and what it finds refuses changes as it does when it runs at once."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from tests.conftest import PIN, enter, fixed_clock
from tests.tamper import tamper_file
from village_tally.services import people
from village_tally.services.errors import InputError
from village_tally.services.session import Ledger, open_ledger, run_open_check
from village_tally.store.db import sqlite_path


@pytest.fixture
def file(ledger: Ledger) -> Path:
    enter(ledger, "王芳", rule="L1")
    path = sqlite_path(ledger.engine)
    assert path is not None
    return path


@pytest.fixture
def opened(file: Path) -> Iterator[Ledger]:
    ledger = open_ledger(str(file), clock=fixed_clock, check="later")
    yield ledger
    ledger.close()


def codes(refused: pytest.ExceptionInfo[InputError]) -> list[str]:
    return [p.code for p in refused.value.problems]


def deeds_in(file: Path) -> int:
    with closing(sqlite3.connect(file)) as conn:
        return int(conn.execute("SELECT count(*) FROM deed").fetchone()[0])


def test_nothing_is_written_until_the_check_on_opening_has_run(file, opened):
    gatherer = people.sign_in(opened, "马秀兰", PIN)  # signing in needs no check
    before = deeds_in(file)
    with pytest.raises(InputError) as refused:
        enter(gatherer, "王芳", rule="L1")
    assert codes(refused) == ["ledger.checking"]
    assert deeds_in(file) == before
    assert run_open_check(opened) == ()
    enter(gatherer, "王芳", rule="L1")  # signed in before the check, written after it
    assert deeds_in(file) == before + 1


def test_what_a_later_check_finds_refuses_changes(file, opened):
    tamper_file(file, "UPDATE deed SET points_h = points_h + 1000")
    gatherer = people.sign_in(opened, "马秀兰", PIN)
    assert run_open_check(opened)  # the change behind the program's back is found
    with pytest.raises(InputError) as refused:
        enter(gatherer, "王芳", rule="L1")
    assert codes(refused) == ["ledger.unverified"]


def test_opened_with_the_check_at_once_it_has_run(file):
    ledger = open_ledger(str(file), clock=fixed_clock)
    try:
        assert ledger.check.done and ledger.differences == ()
        enter(people.sign_in(ledger, "马秀兰", PIN), "王芳", rule="L1")
    finally:
        ledger.close()


def test_a_closed_ledger_writes_nothing_through_any_copy(file: Path) -> None:
    """Closed (a backup put in its place, another village opened), a ledger's writes are
    refused in words: the file behind its path may be another by then."""
    from tests.conftest import as_
    from village_tally.i18n import tr
    from village_tally.services import roster
    from village_tally.services.errors import EnvironmentFault

    ledger = open_ledger(str(file), clock=fixed_clock)
    secretary = as_(ledger, "马书记")
    ledger.close()
    with pytest.raises(EnvironmentFault) as refused:
        roster.add_area(secretary, "新片")
    assert tr(refused.value.code, "en", **refused.value.params) == (
        "the village '测试村' was closed (a backup put in its place, or another village "
        "opened): this change was not saved")
    again = open_ledger(str(file), clock=fixed_clock)
    try:
        assert "新片" not in roster.list_areas(again)
    finally:
        again.close()
