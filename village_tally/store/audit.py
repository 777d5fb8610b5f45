"""The hash-chained audit log (invariant 4): each entry holds the hash of the one before."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import Connection, Row, insert, select

from village_tally.store import scans
from village_tally.store.deeds import DeedColumns
from village_tally.store.schema import audit, deed

GENESIS = "0" * 64

# The deed columns an audit digest covers: everything a deed says (invariant 2).
DEED_FIELDS = tuple(c.name for c in deed.columns)


# One encoder for every entry and deed row: json.dumps with options builds a new one per call.
_CANONICAL = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def canonical(value: Any) -> str:
    return _CANONICAL.encode(value)


def entry_hash(prev_hash: str, fields: dict[str, Any]) -> str:
    return hashlib.sha256((prev_hash + canonical(fields)).encode("utf-8")).hexdigest()


def _fields(*, village_id: int | None, at: str, actor: str, action: str, entity: str,
            entity_id: str | None, details: str) -> dict[str, Any]:
    return {"village_id": village_id, "at": at, "actor": actor, "action": action,
            "entity": entity, "entity_id": entity_id, "details": details}


def append(conn: Connection, *, village_id: int | None, at: str, actor: str, action: str,
           entity: str, entity_id: str | None = None, details: dict[str, Any] | None = None
           ) -> int:
    """Add one entry at the head of the chain; the caller's transaction serialises writers."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("SELECT pg_advisory_xact_lock(20261122)")
    head = conn.execute(select(audit.c.hash).order_by(audit.c.id.desc()).limit(1)).scalar()
    prev = head or GENESIS
    text = canonical(details or {})
    fields = _fields(village_id=village_id, at=at, actor=actor, action=action, entity=entity,
                     entity_id=entity_id, details=text)
    result = conn.execute(insert(audit).values(**fields, prev_hash=prev,
                                               hash=entry_hash(prev, fields)))
    return int(result.inserted_primary_key[0])  # type: ignore[index]


def deed_ranges(ids: Iterable[int]) -> list[list[int]]:
    """Compress deed ids into [first, last] runs for an audit entry."""
    runs: list[list[int]] = []
    for i in sorted(ids):
        if runs and runs[-1][1] == i - 1:
            runs[-1][1] = i
        else:
            runs.append([i, i])
    return runs


def deed_row(deed_id: int, columns: DeedColumns) -> list[Any]:
    """A deed as `deeds_digest` reads it back, from the columns it was inserted with."""
    return [deed_id, *columns]


class DeedDigest:
    """`deed_digest` taken as the deeds are written, a batch at a time, in id order."""

    def __init__(self) -> None:
        self._sha = hashlib.sha256()

    def add(self, rows: Iterable[Row[Any]] | Iterable[Sequence[Any]]) -> None:
        update = self._sha.update
        for row in rows:
            update((canonical(list(row)) + "\n").encode("utf-8"))

    def hexdigest(self) -> str:
        return self._sha.hexdigest()


def deed_digest(rows: Iterable[Row[Any]] | Iterable[Sequence[Any]]) -> str:
    digest = DeedDigest()
    digest.add(rows)
    return digest.hexdigest()


def deeds_digest(conn: Connection, runs: Sequence[Sequence[int]]) -> str:
    """The digest of the deeds in the given id runs, in id order."""
    cols = [deed.c[name] for name in DEED_FIELDS]

    def rows() -> Iterator[Row[Any]]:
        for first, last in runs:
            yield from conn.execute(
                select(*cols).where(deed.c.id.between(first, last)).order_by(deed.c.id))

    return deed_digest(rows())


def entries(conn: Connection) -> Iterator[Row[Any]]:
    yield from conn.execute(select(audit).order_by(audit.c.id))


def verify_chain(conn: Connection) -> tuple[int, list[tuple[str, dict[str, Any]]]]:
    """Recompute every entry's hash and every deed digest. Returns (entries, problems)."""
    problems: list[tuple[str, dict[str, Any]]] = []
    prev = GENESIS
    count = 0
    covered: list[tuple[int, int]] = []
    pictured: set[int] = set()
    for row in entries(conn):
        count += 1
        fields = _fields(village_id=row.village_id, at=row.at, actor=row.actor,
                         action=row.action, entity=row.entity, entity_id=row.entity_id,
                         details=row.details)
        if row.prev_hash != prev or row.hash != entry_hash(prev, fields):
            problems.append(("verify.chain_broken", {"entry": row.id}))
            break
        prev = row.hash
        details = json.loads(row.details)
        runs = details.get("deeds")
        if runs:
            if deeds_digest(conn, runs) != details.get("digest"):
                problems.append(("verify.deed_changed", {"first": runs[0][0],
                                                         "last": runs[-1][1]}))
            covered.extend((a, b) for a, b in runs)
        images = details.get("images")
        if images:  # the pictures of scanned paper lines kept with their deeds
            problems += [("verify.image_changed", {"deed_id": i})
                         for i in scans.changed_images(conn, images)]
            pictured.update(int(i) for i in images)
    problems += [("verify.image_unaudited", {"deed_id": i})
                 for i in scans.image_ids(conn) if i not in pictured]
    covered.sort()
    ids = conn.execute(select(deed.c.id).order_by(deed.c.id)).scalars()
    spans = iter(covered)
    span = next(spans, None)
    for deed_id in ids:
        while span is not None and span[1] < deed_id:
            span = next(spans, None)
        if span is None or not span[0] <= deed_id <= span[1]:
            problems.append(("verify.deed_unaudited", {"deed_id": deed_id}))
            break
    return count, problems


def entries_for_deed(conn: Connection, deed_id: int) -> list[Row[Any]]:
    """Entries naming the deed, and bulk entries (imports) whose runs hold it."""
    return entries_for_deeds(conn, [deed_id])


def entries_for_deeds(conn: Connection, deed_ids: Sequence[int]) -> list[Row[Any]]:
    """Entries naming any of the deeds, and bulk entries (imports, the demo) whose runs hold
    any of them, oldest first."""
    wanted = sorted(set(deed_ids))
    named: list[Row[Any]] = []
    for start in range(0, len(wanted), 500):
        chunk = [str(i) for i in wanted[start:start + 500]]
        named += conn.execute(select(audit).where(audit.c.entity == "deed",
                                                  audit.c.entity_id.in_(chunk)))
    if len(wanted) == 1 and any(json.loads(r.details).get("deeds") for r in named):
        return sorted(named, key=lambda r: r.id)
    bulk = conn.execute(select(audit).where(audit.c.details.like('%"deeds"%'),
                                            audit.c.entity != "deed").order_by(audit.c.id))
    holding = [r for r in bulk if _holds(json.loads(r.details)["deeds"], wanted)]
    return sorted(holding + named, key=lambda r: r.id)


def _holds(runs: list[list[int]], wanted: list[int]) -> bool:
    """Does any [first, last] run hold any of the (sorted) ids?"""
    i = 0
    for first, last in sorted(runs):
        while i < len(wanted) and wanted[i] < first:
            i += 1
        if i < len(wanted) and wanted[i] <= last:
            return True
    return False


def select_entries(conn: Connection, *, actor: str | None = None,
                   actions: Sequence[str] | None = None, entities: Sequence[str] | None = None,
                   since: str | None = None, until: str | None = None,
                   newest_first: bool = True, limit: int | None = None) -> list[Row[Any]]:
    """Audit entries filtered by who, what and when (`at` compared as stored ISO text)."""
    query = select(audit)
    if actor is not None:
        query = query.where(audit.c.actor == actor)
    if actions is not None:
        query = query.where(audit.c.action.in_(list(actions)))
    if entities is not None:
        query = query.where(audit.c.entity.in_(list(entities)))
    if since is not None:
        query = query.where(audit.c.at >= since)
    if until is not None:
        query = query.where(audit.c.at < until)
    query = query.order_by(audit.c.id.desc() if newest_first else audit.c.id)
    if limit is not None:
        query = query.limit(limit)
    return list(conn.execute(query))


def entries_about(conn: Connection, entity: str) -> list[Row[Any]]:
    """Every entry about one kind of entity (the scan sheets printed), oldest first."""
    return list(conn.execute(select(audit).where(audit.c.entity == entity)
                             .order_by(audit.c.id)))
