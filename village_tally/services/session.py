"""The open ledger a service call works on, and the one way services write (one transaction,
one audit entry)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Final, Literal

from sqlalchemy import Connection, Engine

from village_tally.core.authority import NO_TARGET, Action, Target, refusals
from village_tally.core.names import normalize_name
from village_tally.core.person import Person
from village_tally.core.problem import Field, Problem, Where
from village_tally.core.rule import Rule
from village_tally.core.scheme import DEFAULT_PRESET, PRESETS, Scheme
from village_tally.core.text import text_problems
from village_tally.services.errors import EnvironmentFault, InputError
from village_tally.store import audit, codec
from village_tally.store import db as store_db
from village_tally.store import deeds as deed_repo
from village_tally.store import people as people_repo
from village_tally.store import village as village_repo
from village_tally.store.db import StoreError, open_store, transaction
from village_tally.store.place import display_name

Clock = Callable[[], dt.datetime]


def system_clock() -> dt.datetime:
    return dt.datetime.now().astimezone()


@dataclass
class Ledger:
    """One village in one database, and the person signed in to it (`actor`; None until
    someone signs in: such a ledger reads but does not write)."""

    engine: Engine
    village_id: int
    village_name: str
    scheme: Scheme
    rule_ids: dict[str, int]
    actor: Person | None = None
    clock: Clock = field(default=system_clock)

    @property
    def actor_name(self) -> str:
        """The signed-in person's name as the ledger records it ("" when nobody is)."""
        return self.actor.name if self.actor is not None else ""

    def now(self) -> dt.datetime:
        return self.clock()

    def today(self) -> dt.date:
        return self.clock().date()

    def now_text(self) -> str:
        return self.clock().isoformat(timespec="seconds")

    def rule(self, code: str) -> Rule | None:
        code = normalize_name(code).upper()
        return next((r for r in self.scheme.rules if r.code.upper() == code), None)

    def acting_as(self, person: Person | None) -> Ledger:
        """This ledger bound to a person whose PIN has been checked (`people.sign_in` calls
        this), or to nobody (locked). Never call it with a person nobody signed in as."""
        return replace(self, actor=person)

    def require(self, action: Action, target: Target = NO_TARGET) -> None:
        """InputError naming the person, their role and what it may not do, unless the
        signed-in person may take `action` on `target`."""
        problems = refusals(self.actor, action, target)
        if problems:
            raise InputError(problems)

    def reload(self) -> None:
        """Re-read the scheme and rules after a change to the handbook."""
        with self.engine.connect() as conn:
            row = village_repo.find_village(conn)
            self.scheme, self.rule_ids = _scheme(conn, row)

    def close(self) -> None:
        self.engine.dispose()


def _scheme(conn: Connection, row: Any) -> tuple[Scheme, dict[str, int]]:
    rules = village_repo.load_rules(conn, row.id)
    scheme = codec.scheme_from(row.preset, row.settings, tuple(r for _, r in rules))
    return scheme, {r.code: rid for rid, r in rules}


def stored_scheme(conn: Connection, ledger: Ledger) -> Scheme:
    """The village's scheme as the database holds it now (another window may have changed it
    since this ledger read it)."""
    return _scheme(conn, village_repo.find_village(conn))[0]


def _open_engine(db: str, *, create: bool, today: dt.date | None = None) -> Engine:
    try:
        return open_store(db, create=create, today=today)
    except StoreError as exc:
        raise EnvironmentFault(exc.code, **exc.params) from None


def open_ledger(db: str, *, clock: Clock = system_clock, create: bool = False) -> Ledger:
    """Open the village in a database; EnvironmentFault('village.missing') if there is none."""
    engine = _open_engine(db, create=create, today=clock().date())
    with engine.connect() as conn:
        row = village_repo.find_village(conn)
        if row is None:
            engine.dispose()
            raise EnvironmentFault("village.missing", path=display_name(db))
        scheme, rule_ids = _scheme(conn, row)
    return Ledger(engine, row.id, row.name, scheme, rule_ids, None, clock)


def init_village(db: str, *, name: str, preset: str = DEFAULT_PRESET,
                 clock: Clock = system_clock) -> Ledger:
    """Create a village with a preset's scheme and handbook in an empty database. It has no
    people yet: `people.name_first_secretary` makes the first (the village's set-up state)."""
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
        existing = village_repo.find_village(conn)
    if existing is not None:
        engine.dispose()
        raise InputError([Problem.at("village.exists", Where(field=Field.DATABASE),
                                     name=existing.name)])
    with _tx(engine) as conn:
        village_id = village_repo.insert_village(conn, name=name, preset=preset,
                                         settings=codec.scheme_settings(scheme), at=at)
        for r in scheme.rules:
            village_repo.insert_rule(conn, village_id, r)
        audit.append(conn, village_id=village_id, at=at, actor="", action="init",
                     entity="village", entity_id=str(village_id),
                     details={"name": name, "preset": preset})
    engine.dispose()
    return open_ledger(db, clock=clock)


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
    # The signed-in person as the ledger says now (read in this transaction: a person retired
    # or given another role since signing in has only their present rights).
    actor: Person | None = None
    entity_id: str | None = None
    details: dict[str, Any] = field(default_factory=dict)
    deed_ids: list[int] = field(default_factory=list)
    # The columns of deeds just inserted by this block, by id, when the block has them at
    # hand: their digest is then computed without reading them back.
    deed_rows: dict[int, deed_repo.DeedColumns] = field(default_factory=dict)
    # Or their digest itself, taken as they were inserted (an import lets its rows go).
    deed_digest: str | None = None
    # False when the block wrote its own entries (`record`) and wants no summary entry.
    summary: bool = True
    village_id: int = 0
    at: str = ""

    @property
    def actor_name(self) -> str:
        return self.actor.name if self.actor is not None else ""

    def require(self, action: Action, target: Target = NO_TARGET) -> None:
        """The authority check inside the transaction, on the person as the ledger says now."""
        problems = refusals(self.actor, action, target)
        if problems:
            raise InputError(problems)

    def record(self, action: str, entity: str, entity_id: str | None,
               details: dict[str, Any]) -> None:
        """One more audit entry in this transaction (approving many: one entry a deed)."""
        audit.append(self.conn, village_id=self.village_id, at=self.at,
                     actor=self.actor_name, action=action, entity=entity,
                     entity_id=entity_id, details=details)


# `write(..., needs=SIGNED_IN)`: the verb checks authority itself once it has read what the
# action is about (voiding: whose deed, which month), with `w.require` in the block.
SIGNED_IN: Final = "signed_in"


@contextmanager
def write(ledger: Ledger, action: str, entity: str, *,
          needs: Action | Literal["signed_in"] | None) -> Iterator[Write]:
    """One transaction and one audit entry for one user action, by the signed-in person.

    `needs` is the authority the action takes (invariant 8), checked in the transaction on
    the person as the ledger says now; checks that depend on what is written (a resident's
    area, a deed's recorder) call `w.require` in the block. `needs=None` is only for what a
    village does before anyone can sign in (naming the first secretary, a wrong PIN).
    Deeds written in the block are listed in the audit entry with a digest of their content, so
    `verify` can tell if a deed row was changed behind the program's back (invariants 2 and 4).
    """
    with _tx(ledger.engine) as conn:
        w = Write(conn, village_id=ledger.village_id, at=ledger.now_text())
        if needs is not None:
            w.actor = present(conn, ledger)
            if needs != SIGNED_IN:
                w.require(Action(needs))
        yield w
        if not w.summary:
            return
        details = dict(w.details)
        if w.deed_ids:
            runs = audit.deed_ranges(w.deed_ids)
            details["deeds"] = runs
            if w.deed_digest is not None:
                details["digest"] = w.deed_digest
            elif set(w.deed_rows) == set(w.deed_ids):
                details["digest"] = audit.deed_digest(
                    audit.deed_row(i, w.deed_rows[i]) for i in sorted(w.deed_ids))
            else:
                details["digest"] = audit.deeds_digest(conn, runs)
        audit.append(conn, village_id=ledger.village_id, at=w.at, actor=w.actor_name,
                     action=action, entity=entity, entity_id=w.entity_id, details=details)


def present(conn: Connection, ledger: Ledger) -> Person | None:
    """The signed-in person as stored now (None if nobody is signed in)."""
    if ledger.actor is None:
        return None
    found = people_repo.people(conn, ledger.village_id, person_id=ledger.actor.id)
    return found[0] if found else None


@contextmanager
def read(ledger: Ledger) -> Iterator[Connection]:
    try:
        with ledger.engine.connect() as conn:
            yield conn
    except StoreError as exc:  # pragma: no cover - environment faults on read
        raise EnvironmentFault(exc.code, **exc.params) from None
