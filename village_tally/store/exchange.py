"""Bulk queries for imports and exports (spreadsheets in and out)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import Connection, select

from village_tally.store.schema import approval, deed, household, rating, resident, void

CHUNK = 500


def deed_fingerprints(conn: Connection, village_id: int, ids: Sequence[int]
                      ) -> dict[int, tuple[str, str, int]]:
    """deed id → (resident name, ISO date, points in hundredths) for the ids that exist."""
    out: dict[int, tuple[str, str, int]] = {}
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        rows = conn.execute(
            select(deed.c.id, resident.c.name, deed.c.date, deed.c.points_h)
            .join(resident, resident.c.id == deed.c.resident_id)
            .where(deed.c.village_id == village_id, deed.c.id.in_(chunk)))
        for row in rows:
            out[row.id] = (row.name, row.date, row.points_h)
    return out


def iter_chunks(rows: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(rows), size):
        yield rows[start:start + size]


def export_deeds(conn: Connection, village_id: int, *, batch: int = 5000) -> Iterator[Any]:
    """Every deed of a village in id order, joined with its person, void and approval, as
    plain rows streamed in batches (an export of 200,000 deeds never holds them all)."""
    query = (select(deed.c.id, deed.c.date, resident.c.name, household.c.code, deed.c.rule_code,
                    deed.c.title, deed.c.quantity_h, deed.c.points_h, deed.c.recorder,
                    deed.c.source_sheet, deed.c.source_line, deed.c.note,
                    deed.c.needs_approval, approval.c.by.label("approved_by"),
                    void.c.reason.label("void_reason"), void.c.by.label("voided_by"),
                    void.c.at.label("voided_at"), deed.c.override_reason,
                    deed.c.adjusts_deed_id, deed.c.replaces_deed_id, deed.c.source_file,
                    deed.c.source_row, deed.c.created_at)
             .join(resident, resident.c.id == deed.c.resident_id)
             .join(household, household.c.id == resident.c.household_id)
             .outerjoin(void, void.c.deed_id == deed.c.id)
             .outerjoin(approval, approval.c.deed_id == deed.c.id)
             .where(deed.c.village_id == village_id).order_by(deed.c.id))
    result = conn.execution_options(yield_per=batch).execute(query)
    yield from result


def rating_quarters(conn: Connection, village_id: int) -> list[str]:
    return list(conn.execute(select(rating.c.quarter).where(rating.c.village_id == village_id)
                             .distinct().order_by(rating.c.quarter)).scalars())
