"""Pages of deeds for the desktop program's ledger view: newest first, one page after another by
keyset (the last id shown), never by OFFSET, so page 5,000 of a 1,000,000-deed village costs
what page 1 does.

`village_id + 0` keeps SQLite from choosing the (village, month …) tally index and sorting the
whole village for ORDER BY id: walking the primary key backwards reads only one page (5 ms
instead of 420 ms on 1,000,000 deeds). A month filter does use that index: one month is small.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, or_

from village_tally.core.deed import Deed
from village_tally.store import codec
from village_tally.store.ledger import DeedFilter, _deed_select
from village_tally.store.schema import approval, area, deed, resident, void


def _conditions(village_id: int, f: DeedFilter) -> list[ColumnElement[bool]]:
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


def deed_page(conn: Connection, village_id: int, f: DeedFilter, *, before: int | None,
              limit: int) -> list[Deed]:
    """Up to `limit` deeds matching `f` with ids below `before` (None: the newest), newest
    first."""
    conds = _conditions(village_id, f)
    if before is not None:
        conds.append(deed.c.id < before)
    query: Any = _deed_select().where(and_(*conds)).order_by(deed.c.id.desc()).limit(limit)
    return [codec.deed_from(r) for r in conn.execute(query)]


def sheet_deeds(conn: Connection, village_id: int, sheet: str) -> list[Deed]:
    """The live deeds already entered from one paper sheet, by line (reopening a sheet)."""
    query: Any = (_deed_select()
                  .where(deed.c.village_id == village_id, deed.c.source_sheet == sheet,
                         void.c.id.is_(None))
                  .order_by(deed.c.source_line, deed.c.id))
    return [codec.deed_from(r) for r in conn.execute(query)]
