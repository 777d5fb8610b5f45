"""The hash-chained audit log (invariant 4): each entry holds the hash of the one before."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import Connection, Row, insert, select

from village_tally.store import bound, digest
from village_tally.store.schema import audit

GENESIS = "0" * 64
# What an entry records for verify rather than for a reader: deed runs and digests, the bound
# rows it wrote, a baseline's seals and findings.
RECORD_KEYS = ("deeds", "digest", "digest2", "state", "months", "found")

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


def record(conn: Connection, *, village_id: int | None, at: str, actor: str, action: str,
           entity: str, entity_id: str | None = None, details: dict[str, Any] | None = None,
           deed_ids: Iterable[int] = ()) -> int:
    """The one audit entry of a write: its details, the deeds it wrote with their digest
    (store.digest), and every bound row it touched as it is now (`state`, store.bound)."""
    full = dict(details or {})
    full.update(digest.entry_fields(conn, deed_ids))
    state = bound.recorded(conn)
    if state:
        full["state"] = state
    return append(conn, village_id=village_id, at=at, actor=actor, action=action,
                  entity=entity, entity_id=entity_id, details=full)


def entries(conn: Connection) -> Iterator[Row[Any]]:
    yield from conn.execute(select(audit).order_by(audit.c.id))


def entries_for_deed(conn: Connection, deed_id: int) -> list[Row[Any]]:
    """Entries naming the deed, and bulk entries (imports) whose runs hold it."""
    named = list(conn.execute(select(audit).where(audit.c.entity == "deed",
                                                  audit.c.entity_id == str(deed_id))
                              .order_by(audit.c.id)))
    if any(_runs(r) for r in named):
        return named
    bulk = conn.execute(select(audit).where(audit.c.details.like('%"deeds"%'),
                                            audit.c.entity != "deed").order_by(audit.c.id))
    holding = [r for r in bulk if any(a <= deed_id <= b for a, b in _runs(r))]
    return sorted(holding + named, key=lambda r: r.id)


def _runs(row: Row[Any]) -> list[list[int]]:
    """The deed runs an entry lists (a damaged entry lists none: verify names it)."""
    try:
        runs = json.loads(row.details).get("deeds") or []
        return [[int(a), int(b)] for a, b in runs]
    except (ValueError, TypeError, AttributeError):
        return []


def entries_about(conn: Connection, entity: str) -> list[Row[Any]]:
    """Every entry about one kind of entity (the scan sheets printed), oldest first."""
    return list(conn.execute(select(audit).where(audit.c.entity == entity)
                             .order_by(audit.c.id)))
