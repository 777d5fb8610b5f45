"""Pages of deeds for the desktop program's ledger view: newest first, one page after another by
keyset (the last id shown), never by OFFSET, so page 5,000 of a 1,000,000-deed village costs
what page 1 does.
(The filter's conditions, and why they look as they do, are `deeds.deed_conditions`.)
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, and_

from village_tally.core.deed import Deed
from village_tally.store import codec
from village_tally.store.deeds import DeedFilter, deed_conditions, deed_select
from village_tally.store.schema import deed, void


def deed_page(conn: Connection, village_id: int, f: DeedFilter, *, before: int | None,
              limit: int) -> list[Deed]:
    """Up to `limit` deeds matching `f` with ids below `before` (None: the newest), newest
    first."""
    conds = deed_conditions(village_id, f)
    if before is not None:
        conds.append(deed.c.id < before)
    query: Any = deed_select().where(and_(*conds)).order_by(deed.c.id.desc()).limit(limit)
    return [codec.deed_from(r) for r in conn.execute(query)]


def sheet_deeds(conn: Connection, village_id: int, sheet: str) -> list[Deed]:
    """The live deeds already entered from one paper sheet, by line (reopening a sheet)."""
    query: Any = (deed_select()
                  .where(deed.c.village_id == village_id, deed.c.source_sheet == sheet,
                         void.c.id.is_(None))
                  .order_by(deed.c.source_line, deed.c.id))
    return [codec.deed_from(r) for r in conn.execute(query)]
