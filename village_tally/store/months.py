"""Months: their rows (open, closed with a checksum and the stored tally) and the sums a
tally is made of (invariant 3: a closed month never changes)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    BindParameter,
    Connection,
    and_,
    bindparam,
    case,
    exists,
    func,
    insert,
    literal,
    select,
    update,
)

from village_tally.core.lapse import Deduction, Lapse
from village_tally.core.month import Month
from village_tally.core.points import Points
from village_tally.store import bound
from village_tally.store.plain import plain_rows
from village_tally.store.schema import (
    approval,
    deed,
    lapse,
    month,
    rule,
    village,
    void,
)


@dataclass(frozen=True, slots=True)
class MonthState:
    """A month's row: closed or not, and when closed, by whom, its checksum and stored tally
    (JSON, the checkpoint later tallies start from: invariant 3)."""

    month: Month
    closed: bool
    closed_at: str | None
    closed_by: str | None
    checksum: str | None
    tally: str | None


def _month_state(row: Any) -> MonthState:
    return MonthState(Month.parse(row.month), bool(row.closed), row.closed_at, row.closed_by,
                      row.checksum, row.tally)


def month_row(conn: Connection, village_id: int, month_: Month) -> MonthState | None:
    row = conn.execute(select(month).where(month.c.village_id == village_id,
                                           month.c.month == str(month_))).first()
    return None if row is None else _month_state(row)


_LAST_CLOSED = select(func.max(month.c.month)).where(
    month.c.village_id == bindparam("village_id"), month.c.closed.is_(True))


def last_closed_month(conn: Connection, village_id: int) -> Month | None:
    text = conn.execute(_LAST_CLOSED, {"village_id": village_id}).scalar()
    return None if text is None else Month.parse(text)


def closed_months(conn: Connection, village_id: int) -> list[MonthState]:
    return [_month_state(r) for r in conn.execute(
        select(month).where(month.c.village_id == village_id, month.c.closed.is_(True))
        .order_by(month.c.month))]


def months_with_deeds(conn: Connection, village_id: int) -> list[Month]:
    return [Month.parse(m) for m in conn.execute(
        select(deed.c.month).where(deed.c.village_id == village_id).distinct()
        .order_by(deed.c.month)).scalars()]


def first_month(conn: Connection, village_id: int) -> Month:
    """The month the ledger begins: the village's first, or its oldest deed's if earlier (an
    import may bring old paper sheets)."""
    created = conn.execute(select(village.c.created_at)
                           .where(village.c.id == village_id)).scalar_one()
    began = Month.parse(created[:7])
    oldest = conn.execute(select(func.min(deed.c.month))
                          .where(deed.c.village_id == village_id)).scalar()
    return began if oldest is None else min(began, Month.parse(oldest))


def close_month(conn: Connection, village_id: int, month_: Month, *, at: str, by: str,
                checksum: str, tally: str) -> None:
    values = {"closed": True, "closed_at": at, "closed_by": by, "checksum": checksum,
              "tally": tally}
    if month_row(conn, village_id, month_) is None:
        conn.execute(insert(month).values(village_id=village_id, month=str(month_), **values))
    else:
        conn.execute(update(month).where(month.c.village_id == village_id,
                                         month.c.month == str(month_)).values(**values))


def pending_count(conn: Connection, village_id: int, up_to: Month) -> int:
    query = (select(func.count()).select_from(deed)
             .outerjoin(void, void.c.deed_id == deed.c.id)
             .outerjoin(approval, approval.c.deed_id == deed.c.id)
             .where(deed.c.village_id == village_id, deed.c.needs_approval.is_(True),
                    deed.c.month <= str(up_to), void.c.id.is_(None),
                    approval.c.id.is_(None)))
    return int(conn.execute(query).scalar_one())


# The tally's statements, built once (each call would otherwise build them again: a third
# of a tally's time beside the bare SQL, bench/bench_tally.py). Months as the table keeps
# them: 'YYYY-MM' text orders as the months do; "" is before every month.
_VILLAGE: BindParameter[int] = bindparam("village")
_UPTO: BindParameter[str] = bindparam("upto")
_SINCE: BindParameter[str] = bindparam("since")
_TOTALS = (select(deed.c.resident_id, func.sum(deed.c.points_h))
           .where(deed.c.village_id == _VILLAGE, deed.c.month <= _UPTO, deed.c.month > _SINCE)
           .group_by(deed.c.resident_id))
_THIS_MONTH = (select(deed.c.resident_id,
                      func.sum(case((deed.c.points_h > 0, deed.c.points_h), else_=0)),
                      func.sum(case((deed.c.points_h < 0, deed.c.points_h), else_=0)))
               .where(deed.c.village_id == _VILLAGE, deed.c.month == _UPTO)
               .group_by(deed.c.resident_id))
# Deeds that do not count are few: voided ones (found from the void table: the deed's id,
# then its village) and those still waiting for approval (read through the needs_approval
# index); they are taken back out after the sums, so the big scans above never join. No
# month condition in SQL here, or SQLite would scan the month range instead of the small void
# table and needs_approval index; the window is applied in Python. The village is compared as
# `village_id + 0`, which no index serves: on `village_id` itself SQLite walks the village's
# whole index and looks each deed up in the void table (175 ms on 1,000,000 deeds, against 12
# from the void table: bench/bench_tally.py).
_NOT_COUNTED = (
    select(deed.c.resident_id, deed.c.month, deed.c.points_h, literal(True))
    .where(deed.c.id.in_(select(void.c.deed_id)), deed.c.village_id + 0 == _VILLAGE),
    select(deed.c.resident_id, deed.c.month, deed.c.points_h, literal(False))
    .outerjoin(approval, approval.c.deed_id == deed.c.id)
    .outerjoin(void, void.c.deed_id == deed.c.id)
    .where(deed.c.needs_approval.is_(True), approval.c.id.is_(None), void.c.id.is_(None),
           deed.c.village_id == _VILLAGE))


def tally_sums(conn: Connection, village_id: int, month_: Month, *,
               after: Month | None = None, base: Mapping[int, int] | None = None
               ) -> dict[int, list[int]]:
    """Approved sums per resident up to the end of `month_`, and this month's pending, in
    hundredths (as core.tally.Sums: added, deducted, total, pending); residents with no
    deeds and no base are left out.

    With `after` and `base` (the totals of a closed month, which never change: invariant 3),
    only the deeds of later months are read. One pass over the covering index sums every deed;
    voided and unapproved deeds (few) are then taken back out, so the big scan never joins.
    """
    upto, since = str(month_), "" if after is None else str(after)
    acc: dict[int, list[int]] = {rid: [0, 0, total, 0] for rid, total in (base or {}).items()}
    params = {"village": village_id, "upto": upto, "since": since}
    for rid, total in plain_rows(conn, _TOTALS, params):
        slot = acc.get(rid)
        if slot is None:
            acc[rid] = [0, 0, total, 0]
        else:
            slot[2] += total
    for rid, plus, minus in plain_rows(conn, _THIS_MONTH, params):
        slot = acc.setdefault(rid, [0, 0, 0, 0])
        slot[0] += plus
        slot[1] += minus
    for query in _NOT_COUNTED:
        for rid, mon, pts, was_voided in plain_rows(conn, query, params):
            if mon > upto or mon <= since:
                continue
            slot = acc.setdefault(rid, [0, 0, 0, 0])
            if mon == upto:
                slot[0 if pts > 0 else 1] -= pts
                if not was_voided:
                    slot[3] += pts
            slot[2] -= pts
    return acc


def closed_before(conn: Connection, village_id: int, month_: Month) -> MonthState | None:
    """The newest closed month before `month_` (its stored tally is a checkpoint)."""
    row = conn.execute(select(month).where(month.c.village_id == village_id,
                                           month.c.closed.is_(True),
                                           month.c.month < str(month_))
                       .order_by(month.c.month.desc()).limit(1)).first()
    return None if row is None else _month_state(row)


def grade_caps(conn: Connection, village_id: int, month_: Month, earliest: Month
               ) -> list[tuple[int, str, int, Month]]:
    """Grade caps in force in `month_`: approved deeds of capping rules from `earliest` on."""
    query = (select(deed.c.resident_id, rule.c.grade_cap, rule.c.grade_cap_months, deed.c.month)
             .join(rule, rule.c.id == deed.c.rule_id)
             .outerjoin(void, void.c.deed_id == deed.c.id)
             .where(deed.c.village_id == village_id, rule.c.grade_cap.is_not(None),
                    deed.c.month <= str(month_), deed.c.month >= str(earliest),
                    void.c.id.is_(None)))
    return [(r.resident_id, r.grade_cap, r.grade_cap_months, Month.parse(r.month))
            for r in conn.execute(query)]


def lapsing_deductions(conn: Connection, village_id: int, rule_ids: list[int], upto: Month
                       ) -> list[Deduction]:
    """Approved deductions up to `upto` under rules that lapse: not voided, not waiting for
    approval, not an adjustment and not taken back by one (a correction is not a deduction)."""
    fix = deed.alias("fix")
    fix_void = void.alias("fix_void")
    corrected = exists().where(fix.c.adjusts_deed_id == deed.c.id, ~exists().where(
        fix_void.c.deed_id == fix.c.id))
    query = (select(deed.c.id, deed.c.resident_id, deed.c.rule_id, deed.c.date,
                    deed.c.points_h)
             .outerjoin(void, void.c.deed_id == deed.c.id)
             .outerjoin(approval, approval.c.deed_id == deed.c.id)
             .where(deed.c.village_id == village_id, deed.c.rule_id.in_(rule_ids),
                    deed.c.points_h < 0, deed.c.month <= str(upto),
                    deed.c.adjusts_deed_id.is_(None), void.c.id.is_(None),
                    ~and_(deed.c.needs_approval.is_(True), approval.c.id.is_(None)),
                    ~corrected))
    return [Deduction(r.id, r.resident_id, r.rule_id, dt.date.fromisoformat(r.date),
                      Points(r.points_h)) for r in conn.execute(query)]


def recorded_lapses(conn: Connection, village_id: int, *, upto: Month | None = None
                    ) -> list[Lapse]:
    """The lapses closed months took into account (all, or those up to `upto`)."""
    query = (select(lapse.c.deed_id, deed.c.resident_id, deed.c.points_h, lapse.c.month)
             .join(deed, deed.c.id == lapse.c.deed_id).where(lapse.c.village_id == village_id))
    if upto is not None:
        query = query.where(lapse.c.month <= str(upto))
    return [Lapse(r.deed_id, r.resident_id, Points(r.points_h), Month.parse(r.month))
            for r in conn.execute(query)]


def record_lapses(conn: Connection, village_id: int, lapses: list[Lapse], *, at: str) -> None:
    """Keep the lapses a month takes into account as it closes (before it is marked closed);
    bound rows: the close's audit entry records them (store.bound)."""
    bound.insert_many(conn, lapse, [{"village_id": village_id, "deed_id": x.deed_id,
                                     "month": str(x.month), "at": at} for x in lapses])


def lapse_month(conn: Connection, deed_id: int) -> Month | None:
    """The closed month from which a deduction no longer counted, if it lapsed in one."""
    text = conn.execute(select(lapse.c.month).where(lapse.c.deed_id == deed_id)).scalar()
    return None if text is None else Month.parse(text)
