"""What the audit chain says the ledger holds: its entries replayed in order, each hash
recomputed on the way, into the bound rows' state (store.bound), the deeds each entry wrote
(store.digest), each closed month's seal and every close (store.seal), and the differences a
secretary has acknowledged.

A `baseline` entry (store/baseline.py) replaces everything before it: the state of an older
village as it stood when this record began.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, select

from village_tally.core.problem import Moment, Phrase, Problem
from village_tally.store import digest
from village_tally.store.audit import GENESIS, entry_hash
from village_tally.store.bound import BY_NAME, CLEARED
from village_tally.store.schema import audit
from village_tally.store.seal import FIELDS


@dataclass(frozen=True, slots=True)
class Close:
    """One close entry: the month, the entry, when and by whom, and its chain hash (the
    verification code on that month's paper is derived from it: core.witness)."""

    month: str
    entry: int
    at: str
    actor: str
    hash: str


@dataclass
class Record:
    entries: int = 0
    problems: list[Problem] = field(default_factory=list)
    state: dict[str, dict[tuple[Any, ...], dict[str, Any]]] = field(default_factory=dict)
    spans: list[tuple[int, int, int]] = field(default_factory=list)  # first, last, entry
    runs: dict[int, list[list[int]]] = field(default_factory=dict)
    digests: dict[int, str] = field(default_factory=dict)
    seals: dict[str, dict[str, Any]] = field(default_factory=dict)
    closes: dict[str, list[Close]] = field(default_factory=dict)
    acknowledged: set[str] = field(default_factory=set)
    writers: dict[int, tuple[str, str]] = field(default_factory=dict)  # entry: at, actor
    images: dict[str, str] = field(default_factory=dict)  # deed id: SHA-256 of its picture

    def who(self, entry: int) -> dict[str, Any]:
        """An entry named in a message: its number, when and by whom."""
        at, actor = self.writers.get(entry, ("", ""))
        return {"entry": entry, "at": Moment(at), "actor": actor}


def fields_of(row: Any) -> dict[str, Any]:
    return {"village_id": row.village_id, "at": row.at, "actor": row.actor,
            "action": row.action, "entity": row.entity, "entity_id": row.entity_id,
            "details": row.details}


def replay(conn: Connection) -> Record:
    record = Record()
    prev = GENESIS
    for row in conn.execute(select(audit).order_by(audit.c.id)):
        record.entries += 1
        if row.prev_hash != prev:
            record.problems.append(Problem.at("verify.chain_broken", entry=row.id))
        elif row.hash != entry_hash(prev, fields_of(row)):
            record.problems.append(Problem.at("verify.entry_changed", entry=row.id))
        prev = row.hash
        try:
            details = json.loads(row.details)
            _apply(record, row, details)
        except (ValueError, TypeError, KeyError, IndexError, AttributeError):
            record.problems.append(Problem.at("verify.damaged",
                                              place=Phrase.of("damage.audit", entry=row.id)))
    return record


def _apply(record: Record, row: Any, details: dict[str, Any]) -> None:
    if row.action == "baseline":
        _baseline(record, details)
    for table, groups in (details.get(CLEARED) or {}).items():
        b, gone = BY_NAME[table], set(groups)
        into = record.state.setdefault(table, {})
        for key in [k for k, row in into.items() if row[b.group] in gone]:
            del into[key]
    for table, rows in (details.get("state") or {}).items():
        b, header = BY_NAME[table], rows[0]
        into = record.state.setdefault(table, {})
        for values in rows[1:]:
            one = b.as_recorded(dict(zip(header, values, strict=True)))
            into[b.key_of(one)] = one
    runs, wanted = details.get("deeds"), details.get(digest.KEY)
    if runs and wanted:
        record.runs[row.id] = runs
        record.digests[row.id] = wanted
        record.writers[row.id] = (row.at, row.actor)
        record.spans += [(int(first), int(last), row.id) for first, last in runs]
    record.images.update(details.get("images") or {})  # scanned paper lines' pictures
    if row.action == "close" and row.entity == "month":
        mon = str(row.entity_id)
        record.closes.setdefault(mon, []).append(Close(mon, row.id, row.at, row.actor,
                                                       row.hash))
        if "tally" in details:
            record.seals[mon] = {key: details.get(key) for key in FIELDS}
    if row.action == "acknowledge":
        record.acknowledged |= {str(d) for d in details["differences"]}


def _baseline(record: Record, details: dict[str, Any]) -> None:
    """Everything before a baseline is replaced by what it recorded (an older village)."""
    record.state, record.spans, record.runs, record.digests = {}, [], {}, {}
    record.seals = {str(m): dict(s) for m, s in details.get("months", {}).items()}
    record.problems += [Problem.at(str(p["code"]), **p["params"])
                        for p in details.get("found", [])]
