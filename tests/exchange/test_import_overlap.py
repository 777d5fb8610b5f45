"""A big import writes each batch of deeds on a thread of its own while the rows after it are
checked: what a person sees is the same as one thread doing both. A refusal, a cancel or a
failed write late in the file leaves the ledger as it was, with no thread left running; the
deeds written are those the row-by-row check writes, column for column."""

from __future__ import annotations

import datetime as dt
import json
import random
import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import add_roster, as_, fixed_clock, make_village
from tests.tamper import tamper_file
from village_tally.services import audit, deeds, import_deeds, importing
from village_tally.services.errors import Cancelled, EnvironmentFault, InputError
from village_tally.services.jobs import JobControl
from village_tally.services.session import Ledger, open_ledger

ROWS = 4500


@pytest.fixture(autouse=True)
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Batches of 200 deeds (50,000 in use): several are written while later rows are
    checked, in a file small enough for a test."""
    monkeypatch.setattr(import_deeds, "STAGE", 200)


def ledger_state(ledger: Ledger) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table of the village file, read beside the program."""
    conn = sqlite3.connect(str(ledger.engine.url.database))
    try:
        tables = [name for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr)
                for t in tables}
    finally:
        conn.close()


def big_sheet(csv_file: Callable[..., Path], *, bad_row: int | None = None,
              name: str = "大.csv") -> Path:
    lines = ["日期,姓名,户号,编码,单号,行号"]
    for i in range(ROWS):
        who = "无此人" if i == bad_row else "王芳"
        lines.append(f"2026-11-0{1 + i % 9},{who},,N1,P{i // 20:04d},{i % 20 + 1}")
    return csv_file(name, "\n".join(lines))


@pytest.fixture
def no_thread_left() -> Iterator[None]:
    before = threading.active_count()
    yield
    assert threading.active_count() == before


def test_a_big_import_writes_every_deed_once(ledger: Ledger, csv_file: Callable[..., Path],
                                             no_thread_left: None) -> None:
    result = importing.import_file(ledger, "deeds", big_sheet(csv_file))
    assert result.added == ROWS == deeds.count_deeds(ledger)
    assert list(result.deed_ids) == sorted(set(result.deed_ids))
    written = [deeds.get_deed(ledger, i) for i in (result.deed_ids[0], result.deed_ids[-1])]
    assert [(d.source.sheet, d.source.line, d.source.row) for d in written] == [
        ("P0000", 1, 2), (f"P{(ROWS - 1) // 20:04d}", 20, ROWS + 1)]
    again = importing.import_file(ledger, "deeds", big_sheet(csv_file))
    assert (again.added, again.present) == (0, ROWS)
    # the digest the writer took batch by batch is the one verify reads back
    report = audit.verify(ledger)
    assert report.ok and report.deeds == ROWS


def test_a_deed_changed_behind_the_programs_back_is_found(
        ledger: Ledger, csv_file: Callable[..., Path]) -> None:
    importing.import_file(ledger, "deeds", big_sheet(csv_file))
    tamper_file(Path(str(ledger.engine.url.database)),
                "UPDATE deed SET points_h = 200 WHERE source_row = 3001")
    assert not audit.verify(ledger).ok


def test_a_refusal_late_in_the_file_leaves_the_ledger_as_it_was(
        ledger: Ledger, csv_file: Callable[..., Path], no_thread_left: None) -> None:
    before = ledger_state(ledger)
    path = big_sheet(csv_file, bad_row=ROWS - 10)  # after 22 batches were written
    with pytest.raises(InputError) as info:
        importing.import_file(ledger, "deeds", path)
    assert [(p.code, p.where.row) for p in info.value.problems] == [
        ("resident.unknown", ROWS - 8)]
    assert ledger_state(ledger) == before


def test_a_cancel_while_batches_are_written_leaves_the_ledger_as_it_was(
        ledger: Ledger, csv_file: Callable[..., Path], no_thread_left: None) -> None:
    before = ledger_state(ledger)
    cancel = threading.Event()

    def progress(done: int, _total: int) -> None:
        if done >= 3000:
            cancel.set()

    with pytest.raises(Cancelled):
        importing.import_file(ledger, "deeds", big_sheet(csv_file),
                              job=JobControl(progress, cancel))
    assert ledger_state(ledger) == before


def test_a_write_that_fails_stops_the_import_and_leaves_the_ledger_as_it_was(
        ledger: Ledger, csv_file: Callable[..., Path], no_thread_left: None) -> None:
    """The database refuses a deed of the ninth batch (as a full disk or a trigger would):
    the person is told plainly, the rows after it are not checked for nothing, and nothing
    is written."""
    conn = sqlite3.connect(str(ledger.engine.url.database))
    conn.execute("CREATE TRIGGER refuse_one BEFORE INSERT ON deed WHEN NEW.source_row = 1800 "
                 "BEGIN SELECT RAISE(ABORT, 'month is closed'); END")
    conn.commit()
    conn.close()
    before = ledger_state(ledger)
    with pytest.raises(EnvironmentFault) as info:
        importing.import_file(ledger, "deeds", big_sheet(csv_file))
    assert info.value.code == "db.refused"
    assert ledger_state(ledger) == before


# --- the deeds written: by column with the writer beside, and row by row ---------------------

# Each cell mostly good, now and then not (the first value of each is the usual one).
NAMES = ("王芳", "马少军", "马丽", "曾重行", "无此人", "马少军?", "")
HOUSEHOLDS: tuple[object, ...] = (None, "0001", "0003", "0004", 1, 4, "9999")
RULES = ("N1", "L1", "D1", "C1", "n1 ", "X9", None)
DATES: tuple[object, ...] = (dt.date(2026, 11, 3), "2026/11/4", "2026年11月5日", 46331,
                             dt.datetime(2026, 11, 6, 18, 30), "2026-12-03", "昨天", None)
QUANTITIES: tuple[object, ...] = (1, 2, "1", 0.5, -1, "两", None, 30)
RECORDERS = ("马秀兰", "马\u202e秀兰", "王建国", "")
NOTES = (None, "下雨", "好\u202e事")


def messy_rows(seed: int, n: int) -> list[list[object]]:
    rng = random.Random(seed)

    def pick(values: tuple[object, ...]) -> object:
        return values[0] if rng.random() < 0.7 else rng.choice(values)

    rows = []
    for i in range(n):
        line = i % 30 + 1 if rng.random() < 0.98 else rng.randrange(1, 31)  # now and then twice
        rows.append([pick(DATES), pick(NAMES), pick(HOUSEHOLDS), pick(RULES), pick(QUANTITIES),
                     pick(RECORDERS), f"S{i // 30}", rng.choice((line, line, None)),
                     pick(NOTES)])
    return rows


HEAD = ["日期", "姓名", "户号", "编码", "数量", "记录人", "单号", "行号", "备注"]


def deed_rows(ledger: Ledger) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(str(ledger.engine.url.database))
    try:
        return conn.execute("SELECT * FROM deed ORDER BY id").fetchall()
    finally:
        conn.close()


def import_digests(ledger: Ledger) -> list[tuple[str, object]]:
    """What each import's audit entry binds: the deeds' id runs and their digest."""
    conn = sqlite3.connect(str(ledger.engine.url.database))
    try:
        entries = conn.execute("SELECT details FROM audit WHERE action = 'import' "
                               "ORDER BY id").fetchall()
    finally:
        conn.close()
    return [(json.loads(d)["digest2"], json.loads(d)["deeds"]) for (d,) in entries]


@pytest.mark.parametrize("seed", range(6))
def test_messy_sheets_write_what_the_row_by_row_check_writes(
        make_ledger: Callable[..., Ledger], tmp_path: Path, seed: int) -> None:
    """The same messy sheet imported by column (a gatherer's columns: its batches written
    while later rows are checked) and row by row (the same sheet with an empty 状态 column,
    as an export has): the same problems, the same deeds, column for column (those checked
    by column staged with only their own columns), and the same digest on the audit entry,
    which verify reads back."""
    from tests.exchange.conftest import workbook  # noqa: PLC0415 - the tests' own writer

    rows = messy_rows(seed, 1500)
    found = []
    for folder, head, extra in (("plain", HEAD, []), ("full", [*HEAD, "状态"], [None])):
        (tmp_path / folder).mkdir()
        path = workbook(tmp_path / folder / "乱.xlsx",
                        {"十一月": [head, *[[*r, *extra] for r in rows]]})
        ledger = make_ledger(roster_text="马少军 0001 一片 户主\n马丽 0001 一片\n"
                                         "曾重行 0002 一片 户主\n马少军 0003 二片 户主\n"
                                         "王芳 0004 二片 户主")
        with pytest.raises(InputError) as info:
            importing.import_file(ledger, "deeds", path)
        result = importing.import_file(ledger, "deeds", path, valid_only=True)
        assert audit.verify(ledger).ok
        found.append(([(p.code, p.where.row, p.where.column) for p in info.value.problems],
                      result.added, deed_rows(ledger), import_digests(ledger)))
    (problems, added, written, digests), (problems2, added2, written2, digests2) = found
    assert added > 400  # some batches were written while rows were checked
    assert (problems, added) == (problems2, added2)
    assert written == written2
    assert len(digests) == 1 and digests == digests2


def test_on_postgresql_a_big_import_writes_each_deed_once_and_a_late_refusal_nothing(
        pg_url: str, csv_file: Callable[..., Path]) -> None:
    """A server's village imports on one thread (no second connection there): the same
    deeds, the digest verify reads back, and nothing written on a refusal late in the
    file."""
    make_village(pg_url)
    ledger = open_ledger(pg_url, clock=fixed_clock)
    try:
        add_roster(as_(ledger, "马书记"), "王芳 0004 二片 户主")
        gatherer = as_(ledger, "马秀兰")
        with pytest.raises(InputError):
            importing.import_file(gatherer, "deeds",
                                  big_sheet(csv_file, bad_row=ROWS - 10, name="坏.csv"))
        assert deeds.count_deeds(gatherer) == 0
        result = importing.import_file(gatherer, "deeds", big_sheet(csv_file))
        assert result.added == ROWS == deeds.count_deeds(gatherer)
        report = audit.verify(gatherer)
        assert report.ok and report.deeds == ROWS
    finally:
        ledger.close()


def test_repeated_rows_get_the_keys_the_row_by_row_check_gives(
        make_ledger: Callable[..., Ledger], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Rows identical to others in the same chunk and in earlier chunks, confirmed as deeds
    of their own: the keys by column are those of the row-by-row check, and a second import
    of the file adds nothing."""
    from tests.exchange.conftest import workbook  # noqa: PLC0415 - the tests' own writer

    monkeypatch.setattr(import_deeds, "CHUNK", 3)
    visit = [dt.date(2026, 11, 3), "王芳", "0004", "L1", 1, "马秀兰", "S1", None, None]
    other = [dt.date(2026, 11, 4), "王芳", "0004", "L1", 2, "马秀兰", "S1", None, None]
    rows = [visit, other, visit, other, visit, visit,  # chunks of three
            [*other[:4], 3, *other[5:]], [*visit[:4], 3, *visit[5:]]]
    found = []
    for folder, head, extra in (("plain", HEAD, []), ("full", [*HEAD, "状态"], [None])):
        (tmp_path / folder).mkdir()
        path = workbook(tmp_path / folder / "重复.xlsx",
                        {"十一月": [head, *[[*r, *extra] for r in rows]]})
        ledger = make_ledger(roster_text="王芳 0004 二片 户主")
        assert importing.import_file(ledger, "deeds", path, repeats=True).added == len(rows)
        again = importing.import_file(ledger, "deeds", path, repeats=True)
        assert (again.added, again.present) == (0, len(rows))
        found.append(deed_rows(ledger))
    assert found[0] == found[1]
