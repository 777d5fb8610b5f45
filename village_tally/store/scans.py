"""Scanned lines proposed until confirmed (`scan_line`), and deeds' pictures (`deed_image`)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from village_tally.store.schema import deed, deed_image, scan_line, void

PROPOSED, CONFIRMED = "proposed", "confirmed"


def insert_proposal(conn: Connection, row: dict[str, Any]) -> None:
    conn.execute(insert(scan_line), [{**row, "status": PROPOSED}])


def drop_proposal(conn: Connection, village_id: int, sheet: str, line: int) -> None:
    """The proposal still waiting for this paper line, gone (a confirmed line is never
    touched: a trigger refuses it)."""
    conn.execute(delete(scan_line).where(
        scan_line.c.village_id == village_id, scan_line.c.sheet == sheet,
        scan_line.c.line == line, scan_line.c.status == PROPOSED))


def proposals(conn: Connection, village_id: int, sheets: Sequence[str] | None = None
              ) -> list[dict[str, Any]]:
    """The lines still proposed (of these sheets), by sheet and line."""
    query = select(scan_line).where(scan_line.c.village_id == village_id,
                                    scan_line.c.status == PROPOSED)
    if sheets is not None:
        query = query.where(scan_line.c.sheet.in_(list(sheets)))
    rows = conn.execute(query.order_by(scan_line.c.sheet, scan_line.c.line))
    return [dict(r._mapping) for r in rows]


def entered_lines(conn: Connection, village_id: int, sheets: Sequence[str]
                  ) -> dict[str, set[int]]:
    """The lines of these paper sheets that live deeds came from."""
    query = (select(deed.c.source_sheet, deed.c.source_line)
             .outerjoin(void, void.c.deed_id == deed.c.id)
             .where(deed.c.village_id == village_id, deed.c.source_sheet.in_(list(sheets)),
                    deed.c.source_line.is_not(None), void.c.id.is_(None)))
    out: dict[str, set[int]] = {}
    for sheet, line in conn.execute(query):
        out.setdefault(sheet, set()).add(line)
    return out


def confirm(conn: Connection, village_id: int, sheet: str, line: int, deed_id: int) -> None:
    conn.execute(update(scan_line).where(
        scan_line.c.village_id == village_id, scan_line.c.sheet == sheet,
        scan_line.c.line == line, scan_line.c.status == PROPOSED)
        .values(status=CONFIRMED, deed_id=deed_id))


def insert_image(conn: Connection, row: dict[str, Any]) -> None:
    conn.execute(insert(deed_image), [row])


def image_of(conn: Connection, deed_id: int) -> dict[str, Any] | None:
    found = conn.execute(select(deed_image).where(deed_image.c.deed_id == deed_id)).first()
    return dict(found._mapping) if found is not None else None


def changed_images(conn: Connection, digests: dict[str, str]) -> list[int]:
    """The deeds whose picture is not the one their audit entry names (or is gone)."""
    ids = [int(i) for i in digests]
    found: dict[int, bytes] = {i: png for i, png in conn.execute(
        select(deed_image.c.deed_id, deed_image.c.png).where(deed_image.c.deed_id.in_(ids)))}
    return [i for i in ids if i not in found
            or hashlib.sha256(found[i]).hexdigest() != digests[str(i)]]


def image_ids(conn: Connection) -> list[int]:
    return list(conn.execute(select(deed_image.c.deed_id).order_by(deed_image.c.deed_id))
                .scalars())
