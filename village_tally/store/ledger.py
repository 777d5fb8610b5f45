"""The ledger repository: every SQL statement the services need, on a caller's connection."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    CursorResult,
    Select,
    and_,
    case,
    func,
    insert,
    literal,
    or_,
    select,
    update,
)

from village_tally.core.deed import Deed, NewDeed, Resident, ResidentId
from village_tally.core.names import name_initials, normalize_name
from village_tally.core.points import Points
from village_tally.core.rule import Rule
from village_tally.core.tally import ResidentRef, Sums
from village_tally.store import codec
from village_tally.store.bound import max_id, touch, touch_since
from village_tally.store.schema import (
    approval,
    area,
    deed,
    household,
    month,
    rating,
    resident,
    rule,
    user,
    village,
    void,
)

# --- village and scheme ------------------------------------------------------------------------

def insert_village(conn: Connection, *, name: str, preset: str, settings: str, at: str) -> int:
    result = conn.execute(insert(village).values(name=name, preset=preset, settings=settings,
                                                 created_at=at))
    return _touched(conn, village, result)


def find_village(conn: Connection, name: str | None = None) -> Any:
    query = select(village).order_by(village.c.id).limit(1)
    if name is not None:
        query = query.where(village.c.name == name)
    return conn.execute(query).first()


def update_settings(conn: Connection, village_id: int, settings: str) -> None:
    conn.execute(update(village).where(village.c.id == village_id).values(settings=settings))
    touch(conn, village, [village_id])


# --- rules ---------------------------------------------------------------------------------------

def insert_rule(conn: Connection, village_id: int, r: Rule) -> int:
    result = conn.execute(insert(rule).values(village_id=village_id, **codec.rule_values(r)))
    return _touched(conn, rule, result)


def update_rule(conn: Connection, village_id: int, r: Rule) -> None:
    conn.execute(update(rule).where(rule.c.village_id == village_id, rule.c.code == r.code)
                 .values(**codec.rule_values(r)))
    touch(conn, rule, conn.execute(select(rule.c.id).where(rule.c.village_id == village_id,
                                                           rule.c.code == r.code)).scalars())


def load_rules(conn: Connection, village_id: int) -> list[tuple[int, Rule]]:
    rows = conn.execute(select(rule).where(rule.c.village_id == village_id).order_by(rule.c.id))
    return [(row.id, codec.rule_from(row)) for row in rows]


# --- roster --------------------------------------------------------------------------------------

def area_id(conn: Connection, village_id: int, name: str, *, create: bool) -> int | None:
    found = conn.execute(select(area.c.id).where(area.c.village_id == village_id,
                                                 area.c.name == name)).scalar()
    if found is not None or not create:
        return found
    result = conn.execute(insert(area).values(village_id=village_id, name=name))
    return _touched(conn, area, result)


def rename_area(conn: Connection, area_id: int, name: str) -> None:
    conn.execute(update(area).where(area.c.id == area_id).values(name=name))
    touch(conn, area, [area_id])


def household_row(conn: Connection, village_id: int, code: str) -> Any:
    """The household's row, with its area's name as `area` (None if in no area)."""
    return conn.execute(select(household, area.c.name.label("area"))
                        .outerjoin(area, area.c.id == household.c.area_id)
                        .where(household.c.village_id == village_id,
                               household.c.code == code)).first()


def insert_household(conn: Connection, village_id: int, code: str, *, area_id: int | None,
                     door_plate: str | None) -> int:
    result = conn.execute(insert(household).values(village_id=village_id, code=code,
                                                   area_id=area_id, door_plate=door_plate))
    return _touched(conn, household, result)


def update_household(conn: Connection, household_id: int, **values: Any) -> None:
    conn.execute(update(household).where(household.c.id == household_id).values(**values))
    touch(conn, household, [household_id])


def insert_resident(conn: Connection, village_id: int, household_id: int, *, name: str,
                    is_head: bool, at: str, note: str | None = None) -> int:
    result = conn.execute(insert(resident).values(
        village_id=village_id, household_id=household_id, name=name,
        initials=" ".join(sorted(name_initials(name))), is_head=is_head, status="active",
        note=note, created_at=at))
    return _touched(conn, resident, result)


def insert_residents(conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
    _insert_many(conn, resident, rows)


def _insert_many(conn: Connection, table: Any, rows: Sequence[dict[str, Any]]) -> None:
    """Insert rows in one statement, touching them (store.bound) for the audit entry."""
    if rows:
        before = max_id(conn, table)
        conn.execute(insert(table), list(rows))
        touch_since(conn, table, before)


def _touched(conn: Connection, table: Any, result: CursorResult[Any]) -> int:
    """The id of the row an insert added, touched (store.bound) for the audit entry."""
    row_id = int(result.inserted_primary_key[0])  # type: ignore[index]
    touch(conn, table, [row_id])
    return row_id


def set_resident(conn: Connection, resident_id: int, **values: Any) -> None:
    conn.execute(update(resident).where(resident.c.id == resident_id).values(**values))
    touch(conn, resident, [resident_id])


def _resident_select() -> Select[Any]:
    return (select(resident.c.id, resident.c.name, household.c.code.label("household"),
                   area.c.name.label("area"), resident.c.is_head, resident.c.status,
                   resident.c.initials, household.c.door_plate, resident.c.note)
            .join(household, household.c.id == resident.c.household_id)
            .outerjoin(area, area.c.id == household.c.area_id))


def _resident_from(row: Any) -> Resident:
    return Resident(id=ResidentId(row.id), name=row.name, household=row.household,
                    area=row.area or "", is_head=bool(row.is_head), status=row.status,
                    initials=frozenset(row.initials.split()), door_plate=row.door_plate,
                    note=row.note)


def residents(conn: Connection, village_id: int, *, name: str | None = None,
              household_code: str | None = None, resident_id: int | None = None
              ) -> list[Resident]:
    query = _resident_select().where(resident.c.village_id == village_id)
    if name is not None:
        query = query.where(resident.c.name == normalize_name(name))
    if household_code is not None:
        query = query.where(household.c.code == household_code)
    if resident_id is not None:
        query = query.where(resident.c.id == resident_id)
    rows = conn.execute(query.order_by(area.c.name, household.c.code, resident.c.is_head.desc(),
                                       resident.c.id))
    return [_resident_from(r) for r in rows]


def resident_refs(conn: Connection, village_id: int) -> list[ResidentRef]:
    """The roster in board order (area, household, head first) for the tally."""
    return [ResidentRef(r.id, r.name, r.household, r.area, r.status)
            for r in residents(conn, village_id)]


def areas(conn: Connection, village_id: int) -> list[str]:
    return list(conn.execute(select(area.c.name).where(area.c.village_id == village_id)
                             .order_by(area.c.name)).scalars())


def households(conn: Connection, village_id: int) -> list[Any]:
    return list(conn.execute(
        select(household.c.id, household.c.code, household.c.door_plate,
               area.c.name.label("area"))
        .outerjoin(area, area.c.id == household.c.area_id)
        .where(household.c.village_id == village_id).order_by(household.c.code)))


# --- users ---------------------------------------------------------------------------------------

def user_role(conn: Connection, village_id: int, name: str) -> str | None:
    return conn.execute(select(user.c.role).where(user.c.village_id == village_id,
                                                  user.c.name == name)).scalar()


def upsert_user(conn: Connection, village_id: int, name: str, role: str) -> None:
    if user_role(conn, village_id, name) is None:
        conn.execute(insert(user).values(village_id=village_id, name=name, role=role))
    else:
        conn.execute(update(user).where(user.c.village_id == village_id, user.c.name == name)
                     .values(role=role))
    touch(conn, user, conn.execute(select(user.c.id).where(user.c.village_id == village_id,
                                                           user.c.name == name)).scalars())


def users(conn: Connection, village_id: int) -> list[tuple[str, str]]:
    rows = conn.execute(select(user.c.name, user.c.role).where(user.c.village_id == village_id)
                        .order_by(user.c.role, user.c.name))
    return [(r.name, r.role) for r in rows]


# --- deeds ---------------------------------------------------------------------------------------

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
    return (village_id, d.resident, d.date.isoformat(), d.month, d.rule, d.rule_code, d.title,
            codec.hundredths(d.quantity), d.points.hundredths, d.needs_approval, d.recorder,
            source.sheet, source.line, source.file, source.row, d.note, d.override, d.adjusts,
            d.replaces, d.import_key, d.created_at, d.created_by)


def insert_deed(conn: Connection, columns: DeedColumns) -> int:
    """Insert one deed; its id."""
    result = conn.execute(insert(deed).values(dict(zip(DEED_COLUMNS, columns, strict=True))))
    return int(result.inserted_primary_key[0])  # type: ignore[index]


def insert_deeds_fast(conn: Connection, rows: Sequence[DeedColumns]) -> list[int]:
    """Bulk insert for imports and the demo; ids are read back by position.

    On SQLite the rows go through a temporary staging table and into `deed` with one
    INSERT ... SELECT: the closed-month trigger then shares one statement journal for the
    whole batch instead of opening one per row, which made a bulk insert three times as slow
    (bench/bench_import.py). The trigger still checks every row."""
    if not rows:
        return []
    before = conn.execute(select(func.coalesce(func.max(deed.c.id), 0))).scalar_one()
    if conn.dialect.name == "sqlite":
        _insert_staged(conn, rows)
    else:
        conn.execute(insert(deed), [dict(zip(DEED_COLUMNS, r, strict=True)) for r in rows])
    ids = list(conn.execute(select(deed.c.id).where(deed.c.id > before).order_by(deed.c.id))
               .scalars())
    return ids


_STAGING = "temp.deed_staging"


def _insert_staged(conn: Connection, rows: Sequence[DeedColumns]) -> None:
    names = ", ".join(DEED_COLUMNS)
    conn.exec_driver_sql(f"CREATE TEMP TABLE IF NOT EXISTS deed_staging ({names})")
    marks = ", ".join("?" * len(DEED_COLUMNS))
    conn.exec_driver_sql(f"INSERT INTO {_STAGING} ({names}) VALUES ({marks})", list(rows))
    conn.exec_driver_sql(f"INSERT INTO deed ({names}) SELECT {names} FROM {_STAGING} "
                         "ORDER BY rowid")
    conn.exec_driver_sql(f"DELETE FROM {_STAGING}")


def insert_void(conn: Connection, deed_id: int, *, reason: str, by: str, at: str) -> None:
    result = conn.execute(insert(void).values(deed_id=deed_id, reason=reason, by=by, at=at))
    _touched(conn, void, result)


def insert_approval(conn: Connection, deed_id: int, *, by: str, at: str) -> None:
    result = conn.execute(insert(approval).values(deed_id=deed_id, by=by, at=at))
    _touched(conn, approval, result)


def insert_approvals(conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
    _insert_many(conn, approval, rows)


def insert_voids(conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
    _insert_many(conn, void, rows)


@dataclass(frozen=True, slots=True)
class DeedFilter:
    """What the ledger view and `list_deeds` filter on; None means any."""

    month: str | None = None
    area: str | None = None
    resident_id: int | None = None
    recorder: str | None = None
    rule_code: str | None = None
    status: str | None = None  # approved | pending | void
    text: str | None = None


def _deed_select() -> Select[Any]:
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
    """The WHERE conditions for a deed filter (joined with `_deed_select`).

    Without a month, `village_id + 0` keeps SQLite from choosing the (village, month …) tally
    index and sorting the whole village for ORDER BY id: walking the primary key reads only
    the pages it returns (5 ms instead of 420 ms on 1,000,000 deeds). A month filter does use
    that index: one month is small.
    """
    conds: list[ColumnElement[bool]] = [
        deed.c.village_id == village_id if f.month else (deed.c.village_id + 0) == village_id]
    if f.month:
        conds.append(deed.c.month == f.month)
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
        conds += [void.c.id.is_(None),
                  or_(deed.c.needs_approval.is_(False), approval.c.id.is_not(None))]
    if f.text:
        like = f"%{f.text}%"
        conds.append(or_(resident.c.name.like(like), deed.c.title.like(like),
                         deed.c.note.like(like)))
    return conds


def _filtered(query: Select[Any], village_id: int, f: DeedFilter) -> Select[Any]:
    return query.where(and_(*deed_conditions(village_id, f)))


def deeds(conn: Connection, village_id: int, f: DeedFilter = DeedFilter(), *,
          offset: int = 0, limit: int | None = None, newest_first: bool = True) -> list[Deed]:
    query = _filtered(_deed_select(), village_id, f)
    order = deed.c.id.desc() if newest_first else deed.c.id
    query = query.order_by(order).offset(offset)
    if limit is not None:
        query = query.limit(limit)
    return [codec.deed_from(r) for r in conn.execute(query)]


def count_deeds(conn: Connection, village_id: int, f: DeedFilter = DeedFilter()) -> int:
    if f == DeedFilter():
        query = select(func.count()).select_from(deed).where(deed.c.village_id == village_id)
        return int(conn.execute(query).scalar_one())
    base = _filtered(_deed_select().with_only_columns(deed.c.id), village_id, f)
    return int(conn.execute(select(func.count()).select_from(base.subquery())).scalar_one())


def deed_by_id(conn: Connection, village_id: int, deed_id: int) -> Deed | None:
    row = conn.execute(_deed_select().where(deed.c.village_id == village_id,
                                            deed.c.id == deed_id)).first()
    return None if row is None else codec.deed_from(row)


def cap_used(conn: Connection, resident_id: int, rule_id: int, month_: str) -> int:
    """Units of a rule already counted for a resident this month, voided deeds excluded."""
    query = (select(func.coalesce(func.sum(deed.c.quantity_h), 0))
             .outerjoin(void, void.c.deed_id == deed.c.id)
             .where(deed.c.resident_id == resident_id, deed.c.month == month_,
                    deed.c.rule_id == rule_id, void.c.id.is_(None)))
    return int(conn.execute(query).scalar_one())


def line_taken(conn: Connection, village_id: int, sheet: str, line: int) -> int | None:
    """The live deed already entered from this paper sheet and line, if any."""
    query = (select(deed.c.id).outerjoin(void, void.c.deed_id == deed.c.id)
             .where(deed.c.village_id == village_id, deed.c.source_sheet == sheet,
                    deed.c.source_line == line, void.c.id.is_(None)).limit(1))
    return conn.execute(query).scalar()


def import_keys(conn: Connection, keys: Iterable[str]) -> set[str]:
    """Which of these import keys the ledger already holds (idempotent imports)."""
    found: set[str] = set()
    chunk: list[str] = []
    for key in keys:
        chunk.append(key)
        if len(chunk) == 500:
            found |= set(conn.execute(select(deed.c.import_key)
                                      .where(deed.c.import_key.in_(chunk))).scalars())
            chunk = []
    if chunk:
        found |= set(conn.execute(select(deed.c.import_key)
                                  .where(deed.c.import_key.in_(chunk))).scalars())
    return found


def last_live_deed_by(conn: Connection, village_id: int, recorder: str) -> int | None:
    query = (select(deed.c.id).outerjoin(void, void.c.deed_id == deed.c.id)
             .where(deed.c.village_id == village_id, deed.c.recorder == recorder,
                    void.c.id.is_(None), deed.c.adjusts_deed_id.is_(None))
             .order_by(deed.c.id.desc()).limit(1))
    return conn.execute(query).scalar()


def adjustment_for(conn: Connection, deed_id: int) -> int | None:
    return conn.execute(select(deed.c.id).where(deed.c.adjusts_deed_id == deed_id)).scalar()


# --- months and the tally ------------------------------------------------------------------------

def month_row(conn: Connection, village_id: int, month_: str) -> Any:
    return conn.execute(select(month).where(month.c.village_id == village_id,
                                            month.c.month == month_)).first()


def last_closed_month(conn: Connection, village_id: int) -> str | None:
    return conn.execute(select(func.max(month.c.month)).where(
        month.c.village_id == village_id, month.c.closed.is_(True))).scalar()


def closed_months(conn: Connection, village_id: int) -> list[Any]:
    return list(conn.execute(select(month).where(month.c.village_id == village_id,
                                                 month.c.closed.is_(True))
                             .order_by(month.c.month)))


def months_with_deeds(conn: Connection, village_id: int) -> list[str]:
    return list(conn.execute(select(deed.c.month).where(deed.c.village_id == village_id)
                             .distinct().order_by(deed.c.month)).scalars())


def close_month(conn: Connection, village_id: int, month_: str, *, at: str, by: str,
                checksum: str, tally: str) -> None:
    values = {"closed": True, "closed_at": at, "closed_by": by, "checksum": checksum,
              "tally": tally}
    if month_row(conn, village_id, month_) is None:
        conn.execute(insert(month).values(village_id=village_id, month=month_, **values))
    else:
        conn.execute(update(month).where(month.c.village_id == village_id,
                                         month.c.month == month_).values(**values))


def pending_count(conn: Connection, village_id: int, up_to: str) -> int:
    query = (select(func.count()).select_from(deed)
             .outerjoin(void, void.c.deed_id == deed.c.id)
             .outerjoin(approval, approval.c.deed_id == deed.c.id)
             .where(deed.c.village_id == village_id, deed.c.needs_approval.is_(True),
                    deed.c.month <= up_to, void.c.id.is_(None), approval.c.id.is_(None)))
    return int(conn.execute(query).scalar_one())


def tally_sums(conn: Connection, village_id: int, month_: str, *, after: str | None = None,
               base: dict[int, int] | None = None) -> dict[int, Sums]:
    """Approved sums per resident up to the end of `month_`, and this month's pending.

    With `after` and `base` (the totals of a closed month, which never change: invariant 3),
    only the deeds of later months are read. One pass over the covering index sums every deed;
    voided and unapproved deeds (few) are then taken back out, so the big scan never joins.
    """
    positive = func.sum(case((deed.c.points_h > 0, deed.c.points_h), else_=0))
    negative = func.sum(case((deed.c.points_h < 0, deed.c.points_h), else_=0))
    window = [deed.c.village_id == village_id, deed.c.month <= month_]
    if after is not None:
        window.append(deed.c.month > after)
    totals = (select(deed.c.resident_id, func.sum(deed.c.points_h)).where(*window)
              .group_by(deed.c.resident_id))
    this_month = (select(deed.c.resident_id, positive, negative)
                  .where(deed.c.village_id == village_id, deed.c.month == month_)
                  .group_by(deed.c.resident_id))
    acc: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for rid, total in (base or {}).items():
        acc[rid][2] = total
    for rid, total in conn.execute(totals):
        acc[rid][2] += total
    for rid, plus, minus in conn.execute(this_month):
        acc[rid][0] += plus
        acc[rid][1] += minus
    # Deeds that do not count are few: voided ones (looked up from the void table) and those
    # still waiting for approval (read through the needs_approval index); they are taken back
    # out here, so the big scans above never join.
    void_ids = list(conn.execute(select(void.c.deed_id)).scalars())
    voided = [select(deed.c.resident_id, deed.c.month, deed.c.points_h, literal(True))
              .where(deed.c.id.in_(void_ids[i:i + 500]), *window)
              for i in range(0, len(void_ids), 500)]
    # No month condition in SQL here, or SQLite would scan the month range instead of the
    # small needs_approval index; the window is applied below.
    waiting = (select(deed.c.resident_id, deed.c.month, deed.c.points_h, literal(False))
               .outerjoin(approval, approval.c.deed_id == deed.c.id)
               .outerjoin(void, void.c.deed_id == deed.c.id)
               .where(deed.c.needs_approval.is_(True), approval.c.id.is_(None),
                      void.c.id.is_(None), deed.c.village_id == village_id))
    for query in (*voided, waiting):
        for rid, mon, pts, was_voided in conn.execute(query):
            if mon > month_ or (after is not None and mon <= after):
                continue
            slot = acc[rid]
            if mon == month_:
                slot[0 if pts > 0 else 1] -= pts
            slot[2] -= pts
            if not was_voided and mon == month_:
                slot[3] += pts
    return {rid: Sums(Points(a), Points(d), Points(t), Points(p))
            for rid, (a, d, t, p) in acc.items()}


def closed_before(conn: Connection, village_id: int, month_: str) -> Any:
    """The newest closed month before `month_` (its stored tally is a checkpoint)."""
    return conn.execute(select(month).where(month.c.village_id == village_id,
                                            month.c.closed.is_(True), month.c.month < month_)
                        .order_by(month.c.month.desc()).limit(1)).first()


def grade_caps(conn: Connection, village_id: int, month_: str, earliest: str
               ) -> list[tuple[int, str, int, str]]:
    """Grade caps in force in `month_`: approved deeds of capping rules from `earliest` on."""
    query = (select(deed.c.resident_id, rule.c.grade_cap, rule.c.grade_cap_months, deed.c.month)
             .join(rule, rule.c.id == deed.c.rule_id)
             .outerjoin(void, void.c.deed_id == deed.c.id)
             .where(deed.c.village_id == village_id, rule.c.grade_cap.is_not(None),
                    deed.c.month <= month_, deed.c.month >= earliest, void.c.id.is_(None)))
    return [(r.resident_id, r.grade_cap, r.grade_cap_months, r.month)
            for r in conn.execute(query)]


# --- ratings -------------------------------------------------------------------------------------

def insert_ratings(conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
    _insert_many(conn, rating, rows)


def current_ratings(conn: Connection, village_id: int, quarter: str) -> dict[str, dict[str, int]]:
    """household code → category → stars, the newest rating of each winning."""
    newest = (select(func.max(rating.c.id)).where(rating.c.village_id == village_id,
                                                 rating.c.quarter == quarter)
              .group_by(rating.c.household_id, rating.c.category))
    rows = conn.execute(select(household.c.code, rating.c.category, rating.c.stars)
                        .join(household, household.c.id == rating.c.household_id)
                        .where(rating.c.id.in_(newest)))
    out: dict[str, dict[str, int]] = defaultdict(dict)
    for code, category, stars in rows:
        out[code][category] = stars
    return dict(out)


def now_text(now: dt.datetime) -> str:
    return now.isoformat(timespec="seconds")

