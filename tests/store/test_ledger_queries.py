"""The store's own queries, read straight from the tables: the sums a tally is made of (voided
deeds never count, pending ones only as pending, a closed month's totals as a checkpoint), the
ledger's first month, and a new deed's columns as the table holds them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from decimal import Decimal

import pytest
from sqlalchemy import Connection, select

from village_tally.core.deed import NewDeed, ResidentId, Source
from village_tally.core.month import Month
from village_tally.core.points import Points
from village_tally.core.tally import NO_SUMS
from village_tally.services.session import Ledger
from village_tally.store import deeds, months, roster
from village_tally.store.db import transaction
from village_tally.store.schema import deed

OCTOBER, NOVEMBER, DECEMBER = Month(2026, 10), Month(2026, 11), Month(2026, 12)


@pytest.fixture
def village(make_ledger: Callable[..., Ledger]) -> Ledger:
    return make_ledger(roster_text="王芳 0004 二片 户主\n马丽 0001 一片 户主")


@pytest.fixture
def conn(village: Ledger) -> Iterator[Connection]:
    with transaction(village.engine) as c:
        yield c


def who(conn: Connection, village: Ledger, name: str) -> ResidentId:
    return roster.residents(conn, village.village_id, name=name)[0].id


def put(conn: Connection, village: Ledger, name: str, day: str, points: str, *,
        pending: bool = False) -> int:
    """One deed as the table holds it (written with the store's own insert)."""
    date = dt.date.fromisoformat(day)
    new = NewDeed(resident=who(conn, village, name), date=date, month=Month.of(date),
                  rule=None, rule_code=None, title="帮忙", quantity=Decimal(1),
                  points=Points.of(Decimal(points)), needs_approval=pending, recorder="马秀兰",
                  source=Source("S1", None), created_at="2026-11-22T10:00:00+08:00",
                  created_by="马秀兰")
    return deeds.insert_deed(conn, deeds.deed_columns(village.village_id, new))


def sums(conn: Connection, village: Ledger, name: str, month: Month) -> tuple[str, ...]:
    """Added, deducted, total and pending, as points text."""
    found = months.tally_sums(conn, village.village_id, month)
    return tuple(str(Points(h)) for h in found.get(who(conn, village, name), NO_SUMS))


def test_approved_deeds_sum_by_month_and_in_total(conn: Connection, village: Ledger) -> None:
    put(conn, village, "王芳", "2026-10-03", "2")
    put(conn, village, "王芳", "2026-11-04", "3")
    put(conn, village, "王芳", "2026-11-05", "-1.5")
    put(conn, village, "王芳", "2026-12-01", "10")  # after the month: not in it
    put(conn, village, "马丽", "2026-11-06", "0.5")
    assert sums(conn, village, "王芳", NOVEMBER) == ("3", "-1.5", "3.5", "0")
    assert sums(conn, village, "王芳", OCTOBER) == ("2", "0", "2", "0")
    assert sums(conn, village, "马丽", NOVEMBER)[2] == "0.5"


def test_a_voided_deed_counts_nowhere(conn: Connection, village: Ledger) -> None:
    put(conn, village, "王芳", "2026-11-04", "3")
    gone = put(conn, village, "王芳", "2026-11-05", "5")
    minus = put(conn, village, "王芳", "2026-10-05", "-2")
    for deed_id in (gone, minus):
        deeds.insert_void(conn, deed_id, reason="抄错", by="马书记", at="2026-11-22T11:00:00")
    assert sums(conn, village, "王芳", NOVEMBER) == ("3", "0", "3", "0")
    assert sums(conn, village, "王芳", OCTOBER) == ("0", "0", "0", "0")


def test_a_pending_deed_counts_only_as_pending_in_its_month(conn: Connection,
                                                            village: Ledger) -> None:
    put(conn, village, "王芳", "2026-11-04", "3")
    waiting = put(conn, village, "王芳", "2026-11-05", "30", pending=True)
    put(conn, village, "王芳", "2026-10-05", "20", pending=True)  # an older month's waits too
    assert sums(conn, village, "王芳", NOVEMBER) == ("3", "0", "3", "30")
    assert sums(conn, village, "王芳", OCTOBER) == ("0", "0", "0", "20")
    deeds.insert_approval(conn, waiting, by="马书记", at="2026-11-22T11:00:00")
    assert sums(conn, village, "王芳", NOVEMBER) == ("33", "0", "33", "0")
    dropped = put(conn, village, "王芳", "2026-11-06", "7", pending=True)
    deeds.insert_void(conn, dropped, reason="不给", by="马书记", at="2026-11-22T11:00:00")
    assert sums(conn, village, "王芳", NOVEMBER)[3] == "0"  # voided: not pending


def test_a_checkpoint_and_the_later_months_give_the_same_totals(conn: Connection,
                                                                village: Ledger) -> None:
    """A closed month's stored totals (invariant 3) plus the deeds after it are the totals
    read from scratch: voids and pending deeds after the checkpoint are taken out the same."""
    put(conn, village, "王芳", "2026-10-03", "2")
    put(conn, village, "王芳", "2026-11-04", "3")
    late = put(conn, village, "王芳", "2026-12-02", "4")
    put(conn, village, "王芳", "2026-12-03", "6", pending=True)
    deeds.insert_void(conn, late, reason="抄错", by="马书记", at="2026-12-05T11:00:00")
    wang = who(conn, village, "王芳")
    whole = months.tally_sums(conn, village.village_id, DECEMBER)[wang]
    base = {wang: months.tally_sums(conn, village.village_id, NOVEMBER)[wang][2]}
    resumed = months.tally_sums(conn, village.village_id, DECEMBER, after=NOVEMBER, base=base)
    assert resumed[wang] == whole == [0, 0, 500, 600]


def test_the_ledger_begins_with_the_village_or_its_oldest_deed(conn: Connection,
                                                               village: Ledger) -> None:
    assert months.first_month(conn, village.village_id) == NOVEMBER  # made 2026-11-22
    put(conn, village, "王芳", "2025-03-01", "1")  # an old paper sheet, imported
    assert months.first_month(conn, village.village_id) == Month(2025, 3)


def test_a_new_deed_reads_back_as_its_columns(conn: Connection, village: Ledger) -> None:
    """deed_columns is the table's order: what goes in is what the audit digest reads back."""
    assert tuple(c.name for c in deed.columns)[1:] == deeds.DEED_COLUMNS
    deed_id = put(conn, village, "王芳", "2026-11-04", "2.5", pending=True)
    row = conn.execute(select(*[deed.c[n] for n in deeds.DEED_COLUMNS])
                       .where(deed.c.id == deed_id)).one()
    assert row.month == "2026-11" and row.points_h == 250 and row.quantity_h == 100
    assert row.date == "2026-11-04" and row.needs_approval is True
    assert row.source_sheet == "S1" and row.source_file is None
