"""The open ledger a service call works on, and the one way services write (one transaction,
one audit entry)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine

from village_tally.core.names import normalize_name
from village_tally.core.problem import Field, Problem, Where
from village_tally.core.rule import Rule
from village_tally.core.scheme import DEFAULT_PRESET, PRESETS, Scheme
from village_tally.core.text import text_problems
from village_tally.services.errors import EnvironmentFault, InputError
from village_tally.store import audit, bound, codec
from village_tally.store import db as store_db
from village_tally.store import ledger as repo
from village_tally.store.db import StoreError, open_store, transaction
from village_tally.store.place import display_name

Clock = Callable[[], dt.datetime]


def system_clock() -> dt.datetime:
    return dt.datetime.now().astimezone()


@dataclass
class Ledger:
    """One village in one database, opened by one person (the actor)."""

    engine: Engine
    village_id: int
    village_name: str
    scheme: Scheme
    rule_ids: dict[str, int]
    actor: str = "system"
    clock: Clock = field(default=system_clock)

    def now(self) -> dt.datetime:
        return self.clock()

    def today(self) -> dt.date:
        return self.clock().date()

    def now_text(self) -> str:
        return self.clock().isoformat(timespec="seconds")

    def rule(self, code: str) -> Rule | None:
        code = normalize_name(code).upper()
        return next((r for r in self.scheme.rules if r.code.upper() == code), None)

    def as_actor(self, actor: str) -> Ledger:
        return replace(self, actor=actor)

    def reload(self) -> None:
        """Re-read the scheme and rules after a change to the handbook."""
        with self.engine.connect() as conn:
            row = repo.find_village(conn)
            self.scheme, self.rule_ids = _scheme(conn, row)

    def close(self) -> None:
        self.engine.dispose()


def _scheme(conn: Connection, row: Any) -> tuple[Scheme, dict[str, int]]:
    rules = repo.load_rules(conn, row.id)
    scheme = codec.scheme_from(row.preset, row.settings, tuple(r for _, r in rules))
    return scheme, {r.code: rid for rid, r in rules}


def _open_engine(db: str, *, create: bool, today: dt.date | None = None) -> Engine:
    try:
        return open_store(db, create=create, today=today)
    except StoreError as exc:
        raise EnvironmentFault(exc.code, **exc.params) from None


def open_ledger(db: str, *, actor: str = "system", clock: Clock = system_clock,
                create: bool = False) -> Ledger:
    """Open the village in a database; EnvironmentFault('village.missing') if there is none."""
    engine = _open_engine(db, create=create, today=clock().date())
    with engine.connect() as conn:
        row = repo.find_village(conn)
        if row is None:
            engine.dispose()
            raise EnvironmentFault("village.missing", path=display_name(db))
        scheme, rule_ids = _scheme(conn, row)
    return Ledger(engine, row.id, row.name, scheme, rule_ids, actor, clock)


def init_village(db: str, *, name: str, preset: str = DEFAULT_PRESET, actor: str = "system",
                 clock: Clock = system_clock) -> Ledger:
    """Create a village with a preset's scheme and handbook in an empty database."""
    problems = text_problems({Field.VILLAGE: name})
    name = normalize_name(name)
    if not name and not problems:
        problems.append(Problem.at("name.empty", Where(field=Field.VILLAGE)))
    if preset not in PRESETS:
        problems.append(Problem.at("scheme.unknown", Where(field=Field.SCHEME), value=preset,
                                   choices=", ".join(PRESETS)))
    if problems:
        raise InputError(problems)
    engine = _open_engine(db, create=True)
    scheme = PRESETS[preset]
    at = clock().isoformat(timespec="seconds")
    with engine.connect() as conn:
        existing = repo.find_village(conn)
    if existing is not None:
        engine.dispose()
        raise InputError([Problem.at("village.exists", Where(field=Field.DATABASE),
                                     name=existing.name)])
    with _tx(engine) as conn:
        bound.begin(conn)
        village_id = repo.insert_village(conn, name=name, preset=preset,
                                         settings=codec.scheme_settings(scheme), at=at)
        for r in scheme.rules:
            repo.insert_rule(conn, village_id, r)
        audit.record(conn, village_id=village_id, at=at, actor=actor, action="init",
                     entity="village", entity_id=str(village_id),
                     details={"name": name, "preset": preset})
    engine.dispose()
    return open_ledger(db, actor=actor, clock=clock)


def backup(ledger: Ledger, label: str) -> Path | None:
    """A rolling backup of a village file before a big change (closing a month, an import);
    a read-only file or a full disk is said plainly, naming the file."""
    try:
        return store_db.backup(ledger.engine, label, ledger.now(),
                               keep=ledger.scheme.backups_kept)
    except StoreError as exc:
        raise EnvironmentFault(exc.code, **exc.params) from None


@contextmanager
def _tx(engine: Engine) -> Iterator[Connection]:
    try:
        with transaction(engine) as conn:
            yield conn
    except StoreError as exc:
        raise EnvironmentFault(exc.code, **exc.params) from None


@dataclass
class Write:
    """What a write block fills in for its audit entry."""

    conn: Connection
    entity_id: str | None = None
    details: dict[str, Any] = field(default_factory=dict)
    deed_ids: list[int] = field(default_factory=list)


@contextmanager
def write(ledger: Ledger, action: str, entity: str) -> Iterator[Write]:
    """One transaction and one audit entry for one user action.

    Deeds written in the block are listed in the audit entry with a digest of their content,
    and every other row that decides points (roster, rules, voids, approvals …) as it now is,
    so `verify` can tell if a row was changed behind the program's back (invariants 2 and 4).
    """
    with _tx(ledger.engine) as conn:
        bound.begin(conn)
        w = Write(conn)
        yield w
        audit.record(conn, village_id=ledger.village_id, at=ledger.now_text(),
                     actor=ledger.actor, action=action, entity=entity, entity_id=w.entity_id,
                     details=w.details, deed_ids=w.deed_ids)


@contextmanager
def read(ledger: Ledger) -> Iterator[Connection]:
    try:
        with ledger.engine.connect() as conn:
            yield conn
    except StoreError as exc:  # pragma: no cover - environment faults on read
        raise EnvironmentFault(exc.code, **exc.params) from None
