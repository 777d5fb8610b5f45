"""The baseline of a village written before its rows were bound to the audit chain.

Opening a village written before (store.db.migrate, after its migrations, so the tables are
read as the newest schema has them) records, once, one audited `baseline` entry: every bound row
as it stands, every deed with its digest, and a seal of every closed month from what it stores.
`verify` replays from there (store/record.py): history before it is trusted as it stood. What the
checks of that time find wrong (the old deed digests, the closed months' checksums and points)
is recorded with it as `found` and reported ever after, so upgrading does not bless an earlier
rewrite.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection, select

from village_tally.core.month import Month
from village_tally.core.tally import checksum_of
from village_tally.store import audit, bound, digest
from village_tally.store.schema import audit as audit_table
from village_tally.store.schema import deed, month, village
from village_tally.store.seal import seal_of_stored, stored_points


def record_baseline(conn: Connection, now: dt.datetime | None = None) -> None:
    """Record the baseline if the file holds a village with history and no baseline yet."""
    row = conn.execute(select(village).order_by(village.c.id).limit(1)).first()
    if row is None or _bound_already(conn):
        return
    found = list(_found(conn, row.id))
    closed = conn.execute(select(month).where(month.c.village_id == row.id,
                                              month.c.closed.is_(True))).all()
    ids = conn.execute(select(deed.c.id).order_by(deed.c.id)).scalars()
    details = {"state": bound.everything(conn), **digest.entry_fields(conn, ids),
               "months": {r.month: seal_of_stored(r, None) for r in closed},
               "found": [{"code": code, "params": params} for code, params in found]}
    at = (now or dt.datetime.now().astimezone()).isoformat(timespec="seconds")
    audit.append(conn, village_id=row.id, at=at, actor="village-tally", action="baseline",
                 entity="village", entity_id=str(row.id), details=details)


def _bound_already(conn: Connection) -> bool:
    """A baseline, or any entry that records state: this village was bound from the start."""
    query = select(audit_table.c.id).where(
        (audit_table.c.action == "baseline") | audit_table.c.details.like('%"state":%')).limit(1)
    return conn.execute(query).first() is not None


# --- the checks of the time (deed digests v1, closed months' checksums and points) ---------------

_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))
_V1_COLUMNS = [deed.c[name] for name in digest.COLUMNS]


def _found(conn: Connection, village_id: int) -> Iterator[tuple[str, dict[str, Any]]]:
    covered: list[tuple[int, int]] = []
    for row in conn.execute(select(audit_table).order_by(audit_table.c.id)):
        try:
            details = json.loads(row.details)
        except ValueError:
            yield "verify.damaged_entry", {"entry": row.id}
            continue
        runs = details.get("deeds")
        if runs:
            covered += [(int(a), int(b)) for a, b in runs]
            if _v1_digest(conn, runs) != details.get("digest"):
                yield "verify.deed_changed_before", {"first": runs[0][0], "last": runs[-1][1]}
    yield from _unaudited(conn, sorted(covered))
    yield from _months(conn, village_id)


def _v1_digest(conn: Connection, runs: list[list[int]]) -> str:
    sha = hashlib.sha256()
    for first, last in runs:
        for row in conn.execute(select(*_V1_COLUMNS).where(deed.c.id.between(first, last))
                                .order_by(deed.c.id)):
            sha.update((_ENCODER.encode(list(row)) + "\n").encode("utf-8", "surrogateescape"))
    return sha.hexdigest()


def _unaudited(conn: Connection, covered: list[tuple[int, int]]
               ) -> Iterator[tuple[str, dict[str, Any]]]:
    spans = iter(covered)
    span = next(spans, None)
    for deed_id in conn.execute(select(deed.c.id).order_by(deed.c.id)).scalars():
        while span is not None and span[1] < deed_id:
            span = next(spans, None)
        if span is None or not span[0] <= deed_id <= span[1]:
            yield "verify.deed_unaudited", {"deed_id": deed_id, "more": 0}
            return


def _months(conn: Connection, village_id: int) -> Iterator[tuple[str, dict[str, Any]]]:
    from village_tally.store.verify import month_sums

    sums = month_sums(conn, village_id)
    running: dict[int, int] = defaultdict(int)
    closed = {r.month: r for r in conn.execute(select(month).where(
        month.c.village_id == village_id, month.c.closed.is_(True)))}
    for mon in sorted(set(sums) | set(closed)):
        for rid, (total, _added) in sums.get(mon, {}).items():
            running[rid] += total
        row = closed.get(mon)
        if row is None:
            continue
        try:
            stored = stored_points(row.tally)
            same = checksum_of(Month.parse(mon), json.loads(row.tally)) == row.checksum
        except (ValueError, TypeError, KeyError, ArithmeticError):
            yield "verify.checksum", {"month": mon}
            continue
        totals = {rid: t for rid, t, _a, _d in stored if t}
        if not same or totals != {rid: t for rid, t in running.items() if t}:
            yield "verify.checksum", {"month": mon}
