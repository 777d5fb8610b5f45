"""The hash-chained audit log (invariant 4): each entry holds the hash of the one before."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import Connection, Row, func, insert, select

from village_tally.store import bound, digest
from village_tally.store.schema import audit

GENESIS = "0" * 64
# What an entry records for verify rather than for a reader: deed runs and digests, the bound
# rows it wrote, a baseline's seals and findings.
RECORD_KEYS = ("deeds", "digest", "digest2", "state", "cleared", "months", "found")

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
    if conn.dialect.name == "postgresql" and not conn.get_execution_options().get("vt_write"):
        # A write in db.transaction() holds this lock already (a round trip saved per deed);
        # a migration's baseline entry does not.
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
           deed_ids: Iterable[int] = (), deeds_digest: str | None = None) -> int:
    """The one audit entry of a write: its details, the deeds it wrote with their digest
    (store.digest; `deeds_digest` when the writer took it already), and every bound row it
    touched as it is now (`state`, store.bound)."""
    full = dict(details or {})
    full.update(digest.entry_fields(conn, deed_ids, deeds_digest))
    full.update(bound.recorded(conn))
    return append(conn, village_id=village_id, at=at, actor=actor, action=action,
                  entity=entity, entity_id=entity_id, details=full)


def entries(conn: Connection) -> Iterator[Row[Any]]:
    yield from conn.execute(select(audit).order_by(audit.c.id))


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


def last_id(conn: Connection) -> int:
    """The newest entry's id (0 for an empty log)."""
    return int(conn.execute(select(func.coalesce(func.max(audit.c.id), 0))).scalar_one())


def count_after(conn: Connection, entry_id: int, *, besides: Sequence[str] = ()) -> int:
    """How many entries came after `entry_id`, leaving out the actions `besides`."""
    query = select(func.count()).select_from(audit).where(audit.c.id > entry_id)
    if besides:
        query = query.where(audit.c.action.not_in(list(besides)))
    return int(conn.execute(query).scalar_one())


def entries_about(conn: Connection, entity: str) -> list[Row[Any]]:
    """Every entry about one kind of entity (the scan sheets printed), oldest first."""
    return list(conn.execute(select(audit).where(audit.c.entity == entity)
                             .order_by(audit.c.id)))
