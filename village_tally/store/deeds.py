"""Deeds: a new deed becomes the deed table's columns in one place (`deed_columns`);
inserting, voiding and approving them; reading them back by filter, id, paper line or import
key."""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    and_,
    bindparam,
    func,
    insert,
    or_,
    select,
)

from village_tally.core.deed import Deed, NewDeed
from village_tally.core.month import Month
from village_tally.store import codec
from village_tally.store.bound import insert_many, inserted
from village_tally.store.schema import (
    approval,
    area,
    deed,
    household,
    resident,
    void,
)

# A deed as the deed table's columns after `id`, in the table's order (DEED_COLUMNS): what is
# inserted, and what the audit digest covers (store.audit.deed_row).
DeedColumns = tuple[int, int, str, str, int | None, str | None, str, int, int, bool, str,
                    str | None, int | None, str | None, int | None, str | None, str | None,
                    int | None, int | None, str | None, str, str]


DEED_COLUMNS = ("village_id", "resident_id", "date", "month", "rule_id", "rule_code", "title",
                "quantity_h", "points_h", "needs_approval", "recorder", "source_sheet",
                "source_line", "source_file", "source_row", "note", "override_reason",
                "adjusts_deed_id", "replaces_deed_id", "import_key", "created_at", "created_by")


def deed_columns(village_id: int, d: NewDeed) -> DeedColumns:
    """The one place a new deed becomes the deed table's columns (points and quantities as
    hundredths, the date as ISO text)."""
    source = d.source
    return (village_id, d.resident, d.date.isoformat(), str(d.month), d.rule, d.rule_code,
            d.title,
            codec.hundredths(d.quantity), d.points.hundredths, d.needs_approval, d.recorder,
            source.sheet, source.line, source.file, source.row, d.note, d.override, d.adjusts,
            d.replaces, d.import_key, d.created_at, d.created_by)


def insert_deed(conn: Connection, columns: DeedColumns) -> int:
    """Insert one deed; its id."""
    result = conn.execute(insert(deed).values(dict(zip(DEED_COLUMNS, columns, strict=True))))
    return int(result.inserted_primary_key[0])  # type: ignore[index]


def insert_deeds_fast(conn: Connection, rows: Sequence[DeedColumns | LeanColumns],
                      shared: Shared | None = None) -> list[int]:
    """Bulk insert for imports and the demo (lean rows take the `shared` values); ids are
    read back by position.

    On SQLite the rows go through a temporary staging table and into `deed` with one
    INSERT ... SELECT: the closed-month trigger then shares one statement journal for the
    whole batch instead of opening one per row, which made a bulk insert three times as slow
    (bench/bench_import.py). The trigger still checks every row."""
    if not rows:
        return []
    if conn.dialect.name == "sqlite":
        stage_deeds(conn, rows)
        return insert_staged(conn, len(rows), shared)
    before = conn.execute(select(func.coalesce(func.max(deed.c.id), 0))).scalar_one()
    given = {**dict(zip(SHARED, shared or (), strict=False)),
             "adjusts_deed_id": None, "replaces_deed_id": None}
    conn.execute(insert(deed), [dict(zip(DEED_COLUMNS, r, strict=True))
                                if len(r) == len(DEED_COLUMNS)
                                else {**given, **dict(zip(LEAN, r, strict=True))}
                                for r in rows])
    return _ids_after(conn, before)


# A deed checked by column in an import (services.import_plain) carries only its own columns
# (LeanColumns, in LEAN's order): the SHARED ones are the same for every deed of the import
# and given once per batch, and it adjusts and replaces nothing. Fewer cells bound per row:
# binding is Python work on the thread that checks.
SHARED = ("village_id", "source_file", "created_at", "created_by")
LEAN = tuple(c for c in DEED_COLUMNS
             if c not in (*SHARED, "adjusts_deed_id", "replaces_deed_id"))
LeanColumns = tuple[int, str, str, int | None, str | None, str, int, int, bool, str,
                    str | None, int | None, int | None, str | None, str | None, str]
Shared = tuple[int, str, str, str]  # SHARED's values

_STAGING = "temp.deed_staging"
_NAMES = ", ".join(DEED_COLUMNS)
_FULL = f"INSERT INTO {_STAGING} ({_NAMES}) VALUES ({', '.join('?' * len(DEED_COLUMNS))})"
_LEAN = (f"INSERT INTO {_STAGING} ({', '.join(LEAN)}, lean) "
         f"VALUES ({', '.join('?' * len(LEAN))}, 1)")
# A lean row takes the batch's shared values; a full row keeps its own.
_MOVE = (f"INSERT INTO deed ({_NAMES}) SELECT "
         + ", ".join(f"CASE WHEN lean THEN :{c} ELSE {c} END" if c in SHARED else c
                     for c in DEED_COLUMNS)
         + f" FROM {_STAGING} ORDER BY rowid")


def stage_deeds(conn: Connection, rows: Sequence[DeedColumns | LeanColumns]) -> None:
    """SQLite: the first half of `insert_deeds_fast`, the rows into the staging table, in
    order (Python binds every cell: an import does it on the thread that checks, while the
    thread that writes is between batches). One INSERT of many rows per statement was
    tried: no faster through SQLAlchemy (0.77-1.04 s against 0.74-0.85 for 200,000)."""
    conn.exec_driver_sql(f"CREATE TEMP TABLE IF NOT EXISTS deed_staging ({_NAMES}, lean)")
    for lean, run in groupby(rows, key=lambda r: len(r) == len(LEAN)):
        conn.exec_driver_sql(_LEAN if lean else _FULL, list(run))


def insert_staged(conn: Connection, count: int, shared: Shared | None = None) -> list[int]:
    """SQLite: the second half, the `count` staged rows into `deed` in one statement (SQLite
    lets other Python threads run meanwhile), the lean ones with the `shared` values; their
    ids."""
    before = conn.execute(select(func.coalesce(func.max(deed.c.id), 0))).scalar_one()
    conn.exec_driver_sql(_MOVE, dict(zip(SHARED, shared or (None,) * len(SHARED),
                                         strict=True)))
    conn.exec_driver_sql(f"DELETE FROM {_STAGING}")
    # SQLite gives each new row the largest id + 1: when the new ids end at before + n,
    # they are exactly before + 1 … before + n (not read back one by one).
    found, last = conn.execute(select(func.count(), func.max(deed.c.id))
                               .where(deed.c.id > before)).one()
    if found == count and last == before + count:
        return list(range(before + 1, last + 1))
    return _ids_after(conn, before)


def _ids_after(conn: Connection, before: int) -> list[int]:
    return list(conn.execute(select(deed.c.id).where(deed.c.id > before).order_by(deed.c.id))
                .scalars())


def insert_void(conn: Connection, deed_id: int, *, reason: str, by: str, at: str) -> None:
    result = conn.execute(insert(void).values(deed_id=deed_id, reason=reason, by=by, at=at))
    inserted(conn, void, result)


def insert_approval(conn: Connection, deed_id: int, *, by: str, at: str) -> None:
    result = conn.execute(insert(approval).values(deed_id=deed_id, by=by, at=at))
    inserted(conn, approval, result)


def insert_approvals(conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
    insert_many(conn, approval, rows)


def insert_voids(conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
    insert_many(conn, void, rows)


@dataclass(frozen=True, slots=True)
class DeedFilter:
    """What the ledger view and `list_deeds` filter on; None means any."""

    month: Month | None = None
    area: str | None = None
    resident_id: int | None = None
    recorder: str | None = None
    rule_code: str | None = None
    status: str | None = None  # approved | pending | void
    text: str | None = None


def deed_select() -> Select[Any]:
    return (select(deed, resident.c.name, household.c.code.label("household"),
                   area.c.name.label("area"), void.c.reason.label("void_reason"),
                   void.c.by.label("voided_by"), void.c.at.label("voided_at"),
                   approval.c.by.label("approved_by"))
            .join(resident, resident.c.id == deed.c.resident_id)
            .join(household, household.c.id == resident.c.household_id)
            .outerjoin(area, area.c.id == household.c.area_id)
            .outerjoin(void, void.c.deed_id == deed.c.id)
            .outerjoin(approval, approval.c.deed_id == deed.c.id))


def deed_conditions(village_id: int, f: DeedFilter) -> list[ColumnElement[bool]]:
    """The WHERE conditions for a deed filter (joined with `deed_select`).

    Without a month, `village_id + 0` keeps SQLite from choosing the (village, month …) tally
    index and sorting the whole village for ORDER BY id: walking the primary key reads only
    the pages it returns (5 ms instead of 420 ms on 1,000,000 deeds). A month filter does use
    that index: one month is small.
    """
    conds: list[ColumnElement[bool]] = [
        deed.c.village_id == village_id if f.month else (deed.c.village_id + 0) == village_id]
    if f.month:
        conds.append(deed.c.month == str(f.month))
    if f.area:
        conds.append(area.c.name == f.area)
    if f.resident_id is not None:
        conds.append(deed.c.resident_id == f.resident_id)
    if f.recorder:
        conds.append(deed.c.recorder == f.recorder)
    if f.rule_code:
        conds.append(deed.c.rule_code == f.rule_code)
    if f.status == "void":
        conds.append(void.c.id.is_not(None))
    elif f.status == "pending":
        conds += [void.c.id.is_(None), deed.c.needs_approval.is_(True), approval.c.id.is_(None)]
    elif f.status == "approved":
        conds += _approved()
    if f.text:
        like = f"%{f.text}%"
        conds.append(or_(resident.c.name.like(like), deed.c.title.like(like),
                         deed.c.note.like(like)))
    return conds


def _approved() -> list[ColumnElement[bool]]:
    """A deed that counts (joined with its void and approval): not voided, and approved if it
    needed approval."""
    return [void.c.id.is_(None),
            or_(deed.c.needs_approval.is_(False), approval.c.id.is_not(None))]


def kinds_done(conn: Connection, village_id: int, residents: Collection[int], up_to: Month
               ) -> list[tuple[int, str | None, str, int, int]]:
    """What these residents did: their approved deeds worth points, up to the end of `up_to`,
    by kind — (resident id, rule code, title, points in hundredths, times) — in one query
    (the board's role models: bench/bench_board.py)."""
    query = (select(deed.c.resident_id, deed.c.rule_code, deed.c.title,
                    func.sum(deed.c.points_h), func.count())
             .outerjoin(void, void.c.deed_id == deed.c.id)
             .outerjoin(approval, approval.c.deed_id == deed.c.id)
             .where(deed.c.resident_id.in_(sorted(residents)), deed.c.village_id == village_id,
                    deed.c.month <= str(up_to), deed.c.points_h > 0, *_approved())
             .group_by(deed.c.resident_id, deed.c.rule_code, deed.c.title))
    return [(rid, code, title, int(points), int(times))
            for rid, code, title, points, times in conn.execute(query)]


def _filtered(query: Select[Any], village_id: int, f: DeedFilter) -> Select[Any]:
    return query.where(and_(*deed_conditions(village_id, f)))


def deeds(conn: Connection, village_id: int, f: DeedFilter = DeedFilter(), *,
          offset: int = 0, limit: int | None = None, newest_first: bool = True) -> list[Deed]:
    query = _filtered(deed_select(), village_id, f)
    order = deed.c.id.desc() if newest_first else deed.c.id
    query = query.order_by(order).offset(offset)
    if limit is not None:
        query = query.limit(limit)
    return [codec.deed_from(r) for r in conn.execute(query)]


def count_deeds(conn: Connection, village_id: int, f: DeedFilter = DeedFilter()) -> int:
    if f == DeedFilter():
        query = select(func.count()).select_from(deed).where(deed.c.village_id == village_id)
        return int(conn.execute(query).scalar_one())
    base = _filtered(deed_select().with_only_columns(deed.c.id), village_id, f)
    return int(conn.execute(select(func.count()).select_from(base.subquery())).scalar_one())


def deed_by_id(conn: Connection, village_id: int, deed_id: int) -> Deed | None:
    row = conn.execute(deed_select().where(deed.c.village_id == village_id,
                                            deed.c.id == deed_id)).first()
    return None if row is None else codec.deed_from(row)


def cap_used(conn: Connection, resident_id: int, rule_id: int, first: Month, last: Month
             ) -> int:
    """Units of a rule already counted for a resident from month `first` to `last` (a cap's
    month, quarter or year), voided deeds excluded."""
    query = (select(func.coalesce(func.sum(deed.c.quantity_h), 0))
             .outerjoin(void, void.c.deed_id == deed.c.id)
             .where(deed.c.resident_id == resident_id, deed.c.month >= str(first),
                    deed.c.month <= str(last),
                    deed.c.rule_id == rule_id, void.c.id.is_(None)))
    return int(conn.execute(query).scalar_one())


def rule_points_used(conn: Connection, resident_id: int, rule_id: int, month_: Month) -> int:
    """Points under a rule already entered for a resident this month (waiting ones too),
    voided deeds excluded: what an approval threshold counts."""
    query = (select(func.coalesce(func.sum(deed.c.points_h), 0))
             .outerjoin(void, void.c.deed_id == deed.c.id)
             .where(deed.c.resident_id == resident_id, deed.c.month == str(month_),
                    deed.c.rule_id == rule_id, void.c.id.is_(None)))
    return int(conn.execute(query).scalar_one())


_LINE_TAKEN = (select(deed.c.id).outerjoin(void, void.c.deed_id == deed.c.id)
               .where(deed.c.village_id == bindparam("village_id"),
                      deed.c.source_sheet == bindparam("sheet"),
                      deed.c.source_line == bindparam("line"), void.c.id.is_(None)).limit(1))


def line_taken(conn: Connection, village_id: int, sheet: str, line: int) -> int | None:
    """The live deed already entered from this paper sheet and line, if any (the statement
    built once: each line the entry screen saves asks)."""
    return conn.execute(_LINE_TAKEN, {"village_id": village_id, "sheet": sheet,
                                      "line": line}).scalar()


def import_keys(conn: Connection, keys: Iterable[str]) -> set[str]:
    """Which of these import keys the ledger already holds (idempotent imports): the keys
    go to SQLite as one JSON array (`json_each`): one statement and one bound parameter for
    a chunk of keys, not a compiled IN list of 500 parameters at a time."""
    wanted = list(keys)
    if not wanted:
        return set()
    if conn.dialect.name == "sqlite":
        return set(conn.exec_driver_sql(
            "SELECT import_key FROM deed WHERE import_key IN (SELECT value FROM json_each(?))",
            (json.dumps(wanted),)).scalars())
    found: set[str] = set()
    for start in range(0, len(wanted), 500):
        found |= set(conn.execute(select(deed.c.import_key)
                                  .where(deed.c.import_key.in_(wanted[start:start + 500])))
                     .scalars())
    return found


def last_live_deed_typed_by(conn: Connection, village_id: int, typist: str) -> int | None:
    """The newest deed a person typed that is not voided (nor an adjustment)."""
    query = (select(deed.c.id).outerjoin(void, void.c.deed_id == deed.c.id)
             .where(deed.c.village_id == village_id, deed.c.created_by == typist,
                    void.c.id.is_(None), deed.c.adjusts_deed_id.is_(None))
             .order_by(deed.c.id.desc()).limit(1))
    return conn.execute(query).scalar()


def adjustment_for(conn: Connection, deed_id: int) -> int | None:
    return conn.execute(select(deed.c.id).where(deed.c.adjusts_deed_id == deed_id)).scalar()
