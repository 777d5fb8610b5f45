"""Bulk queries for imports and exports (spreadsheets in and out)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import Connection, func, select

from village_tally.core.month import Month
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


def rule_usage(conn: Connection, village_id: int, months: Sequence[Month],
               rule_ids: Sequence[int]) -> dict[tuple[int, int, Month], tuple[int, int]]:
    """(resident, rule, month) → (units, points) already entered (waiting deeds too, voided
    ones excluded), for the months and rules an import touches: what caps and approval
    thresholds count, in one query instead of two per row."""
    if not months or not rule_ids:
        return {}
    query = (select(deed.c.resident_id, deed.c.rule_id, deed.c.month,
                    func.sum(deed.c.quantity_h), func.sum(deed.c.points_h))
             .outerjoin(void, void.c.deed_id == deed.c.id)
             .where(deed.c.village_id == village_id,
                    deed.c.month.in_([str(m) for m in months]),
                    deed.c.rule_id.in_(list(rule_ids)), void.c.id.is_(None))
             .group_by(deed.c.resident_id, deed.c.rule_id, deed.c.month))
    return {(r[0], r[1], Month.parse(r[2])): (int(r[3]), int(r[4]))
            for r in conn.execute(query)}


def lines_taken(conn: Connection, village_id: int, sheets: Sequence[str]
                ) -> dict[tuple[str, int], int]:
    """(paper sheet, line) → the live deed entered from it, for the given sheets."""
    out: dict[tuple[str, int], int] = {}
    for chunk in iter_chunks(list(sheets)):
        # The village is filtered here, not in SQL: with `village_id = ?` in the WHERE clause
        # SQLite walks ix_deed_tally (every deed of the village) instead of ix_deed_source,
        # 0.65 s instead of 3 ms per query on 200,000 deeds.
        query = (select(deed.c.village_id, deed.c.source_sheet, deed.c.source_line, deed.c.id)
                 .outerjoin(void, void.c.deed_id == deed.c.id)
                 .where(deed.c.source_sheet.in_(chunk), deed.c.source_line.is_not(None),
                        void.c.id.is_(None)))
        for village, sheet, line, deed_id in conn.execute(query):
            if village == village_id:
                out.setdefault((sheet, line), deed_id)
    return out
