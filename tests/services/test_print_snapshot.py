"""A draft print of the open month (and the whole-ledger export) reads the ledger as of one
moment: a deed saved while it reads (here: after every statement it runs, through another
program's connection) is on none of its page, so a printed total always is the sum of its
lines and a person is on every part or none. On SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from tests.conftest import ROSTER, add_roster, as_, enter, fixed_clock, make_village
from village_tally.core.month import Month
from village_tally.services import printing
from village_tally.services.session import Ledger, open_ledger

NOVEMBER = Month(2026, 11)


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The test village on each backend, 王芳 with a few deeds this (open) month."""
    url = str(tmp_path / "v.db") if request.param == "sqlite" else request.getfixturevalue(
        "pg_url")
    make_village(url)
    ledger = open_ledger(url, clock=fixed_clock)
    add_roster(as_(ledger, "马书记"), ROSTER)
    for day in ("03", "05", "09"):
        enter(as_(ledger, "马秀兰"), "王芳", date=f"2026-11-{day}", rule="L1", quantity="2")
    ledger.close()
    yield url


def saving_meanwhile(printer: Ledger, other: Ledger) -> Callable[[], None]:
    """After each statement the print runs (but a BEGIN: SQLite's read transaction starts at
    its first read), another gatherer saves a deed for 王芳 through its own connection,
    committed at once. Returns how to stop."""
    def saved(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if not statement.lstrip().upper().startswith("BEGIN"):
            enter(other, "王芳", date="2026-11-20", rule="L1", quantity="3")

    event.listen(printer.engine, "after_cursor_execute", saved)
    return lambda: event.remove(printer.engine, "after_cursor_execute", saved)


PRINTS: dict[str, Callable[[Ledger, Path], object]] = {
    "board": lambda ledger, out: printing.print_board(ledger, month=NOVEMBER, out=out),
    "tally sheet": lambda ledger, out: printing.print_tally_sheet(ledger, month=NOVEMBER,
                                                                   out=out),
    "rewards": lambda ledger, out: printing.print_rewards(ledger, month=NOVEMBER, out=out),
    "statement": lambda ledger, out: printing.print_statement(ledger, name="王芳", out=out),
}


@pytest.mark.parametrize("what", PRINTS)
def test_a_print_reads_one_moment_of_the_ledger(db: str, tmp_path: Path, what: str) -> None:
    printer = as_(open_ledger(db, clock=fixed_clock), "马书记")
    other = as_(open_ledger(db, clock=fixed_clock), "马秀兰")
    try:
        make = PRINTS[what]
        make(printer, tmp_path / "before.pdf")
        stop = saving_meanwhile(printer, other)
        try:
            make(printer, tmp_path / "meanwhile.pdf")
        finally:
            stop()
        make(printer, tmp_path / "after.pdf")
        meanwhile = (tmp_path / "meanwhile.pdf").read_bytes()
        # the same data gives the same PDF byte for byte (invariant 7): the page printed while
        # deeds were saved is the ledger as it stood before them
        assert meanwhile == (tmp_path / "before.pdf").read_bytes()
        assert meanwhile != (tmp_path / "after.pdf").read_bytes()
    finally:
        printer.close()
        other.close()


def test_an_export_reads_one_moment_of_the_ledger(db: str, tmp_path: Path) -> None:
    """The whole-ledger workbook too: its count of deeds and the deeds it wrote agree."""
    from village_tally.services.exporting import export_workbook

    printer = as_(open_ledger(db, clock=fixed_clock), "马书记")
    other = as_(open_ledger(db, clock=fixed_clock), "马秀兰")
    try:
        before = export_workbook(printer, tmp_path / "before.xlsx")
        stop = saving_meanwhile(printer, other)
        try:
            meanwhile = export_workbook(printer, tmp_path / "meanwhile.xlsx")
        finally:
            stop()
        after = export_workbook(printer, tmp_path / "after.xlsx")
        assert meanwhile.deeds == before.deeds == 3
        assert after.deeds > before.deeds
    finally:
        printer.close()
        other.close()
