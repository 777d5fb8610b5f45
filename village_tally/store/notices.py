"""Public notice, objections, answers and hand tallies: their rows (append-only, migration
0005) and the reads the services need."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, func, insert, select

from village_tally.core.month import Month
from village_tally.core.objection import Answer, Objection, Period
from village_tally.store.bound import inserted
from village_tally.store.schema import answer, deed, hand_tally, notice, objection

TABLES = {t.name: t for t in (notice, objection, answer, hand_tally)}


def insert_row(conn: Connection, table: str, values: dict[str, Any]) -> int:
    """Insert one row into one of the notice tables; its id. The row is bound to the audit
    chain (store.bound): the write's audit entry records it as written, for `verify`."""
    return inserted(conn, TABLES[table], conn.execute(insert(TABLES[table]).values(**values)))


def period(conn: Connection, village_id: int, month_: Month) -> Period | None:
    """The month's notice period as it stands: the newest publication, shortened by any later
    shortening; None if the month was never published."""
    rows = conn.execute(select(notice).where(notice.c.village_id == village_id,
                                             notice.c.month == str(month_))
                        .order_by(notice.c.id)).all()
    published = [r for r in rows if r.kind == "publish"]
    if not published:
        return None
    last = published[-1]
    later = [r for r in rows if r.kind == "shorten" and r.id > last.id]
    ends = later[-1].ends if later else last.ends
    return Period(month_, dt.date.fromisoformat(last.starts), dt.date.fromisoformat(ends),
                  last.contact, last.place, republished=len(published) > 1,
                  shortened_reason=later[-1].reason if later else None)


def _objection(row: Any) -> Objection:
    got = None
    if row.answer_id is not None:
        got = Answer(bool(row.upheld), row.reason, row.answered_by, row.answered_at,
                     row.correction_id)
    return Objection(row.id, row.deed_id, Month.parse(row.deed_month), row.raised_by,
                     row.household, dt.date.fromisoformat(row.raised_on), row.text, row.by, got)


def _objection_select() -> Any:
    return (select(objection, deed.c.month.label("deed_month"),
                   answer.c.id.label("answer_id"), answer.c.upheld, answer.c.reason,
                   answer.c.by.label("answered_by"), answer.c.at.label("answered_at"),
                   answer.c.correction_id)
            .join(deed, deed.c.id == objection.c.deed_id)
            .outerjoin(answer, answer.c.objection_id == objection.c.id))


def objections(conn: Connection, village_id: int, *, deed_ids: Iterable[int] | None = None,
               resident_id: int | None = None, open_only: bool = False,
               objection_id: int | None = None) -> list[Objection]:
    """Objections, oldest first: all, to some deeds, to one resident's deeds, or one."""
    query = _objection_select().where(objection.c.village_id == village_id)
    if deed_ids is not None:
        query = query.where(objection.c.deed_id.in_(list(deed_ids)))
    if resident_id is not None:
        query = query.where(deed.c.resident_id == resident_id)
    if open_only:
        query = query.where(answer.c.id.is_(None))
    if objection_id is not None:
        query = query.where(objection.c.id == objection_id)
    return [_objection(r) for r in conn.execute(query.order_by(objection.c.id))]


def open_objection_deeds(conn: Connection, village_id: int) -> set[int]:
    """The deeds with an objection not yet answered (marked wherever they show)."""
    query = (select(objection.c.deed_id).outerjoin(answer, answer.c.objection_id == objection.c.id)
             .where(objection.c.village_id == village_id, answer.c.id.is_(None)))
    return set(conn.execute(query).scalars())


def open_by_resident(conn: Connection, village_id: int, up_to: Month) -> dict[int, int]:
    """Unanswered objections per resident, to deeds up to a month's end (the committee's
    tally marks those residents' rows)."""
    query = (select(deed.c.resident_id, func.count())
             .select_from(objection.join(deed, deed.c.id == objection.c.deed_id))
             .outerjoin(answer, answer.c.objection_id == objection.c.id)
             .where(objection.c.village_id == village_id, answer.c.id.is_(None),
                    deed.c.month <= str(up_to))
             .group_by(deed.c.resident_id))
    return {int(rid): int(n) for rid, n in conn.execute(query)}


def hand_rows(conn: Connection, village_id: int, month_: Month) -> list[Any]:
    return list(conn.execute(select(hand_tally).where(hand_tally.c.village_id == village_id,
                                                      hand_tally.c.month == str(month_))
                             .order_by(hand_tally.c.id)))
