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
from sqlalchemy.exc import DBAPIError

from village_tally.core.names import normalize_name
from village_tally.core.problem import Field, Phrase, Problem, Where
from village_tally.core.rule import Rule
from village_tally.core.scheme import DEFAULT_PRESET, PRESETS, Scheme
from village_tally.core.text import text_problems
from village_tally.services.errors import EnvironmentFault, InputError
from village_tally.store import audit, bound, codec
from village_tally.store import db as store_db
from village_tally.store import village as village_repo
from village_tally.store.damage import reading
from village_tally.store.db import StoreError, open_store, transaction
from village_tally.store.place import display_name

Clock = Callable[[], dt.datetime]


def system_clock() -> dt.datetime:
    return dt.datetime.now().astimezone()


@dataclass
class Ledger:
    """One village in one database, opened by one person (the actor).

    `differences`: how the ledger did not match its own record when it was opened (verify,
    acknowledged ones left out). While there are any, every write is refused (`write`) until
    a secretary restores a verified backup or records that they are understood
    (services/proof.py)."""

    engine: Engine
    village_id: int
    village_name: str
    scheme: Scheme
    rule_ids: dict[str, int]
    actor: str = "system"
    clock: Clock = field(default=system_clock)
    differences: tuple[Problem, ...] = ()

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
        with faults(self.engine), self.engine.connect() as conn:
            row = village_repo.find_village(conn)
            self.scheme, self.rule_ids = _scheme(conn, row)

    def close(self) -> None:
        self.engine.dispose()


def _scheme(conn: Connection, row: Any) -> tuple[Scheme, dict[str, int]]:
    """The village's scheme and rules as stored; `db.damaged` if they cannot be read."""
    rules = village_repo.load_rules(conn, row.id)
    try:
        scheme = codec.scheme_from(row.preset, row.settings, tuple(r for _, r in rules))
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, ArithmeticError):
        raise StoreError("db.damaged", place=Phrase.of("damage.settings")) from None
    return scheme, {r.code: rid for rid, r in rules}


def _open_engine(db: str, *, create: bool, today: dt.date | None = None) -> Engine:
    try:
        return open_store(db, create=create, today=today)
    except StoreError as exc:
        raise EnvironmentFault(exc.code, **exc.params) from None


def open_ledger(db: str, *, actor: str = "system", clock: Clock = system_clock,
                create: bool = False, check: bool = True) -> Ledger:
    """Open the village in a database; EnvironmentFault('village.missing') if there is none.
    Verifies it (unless `check` is False): what differs from its record is in `differences`."""
    engine = _open_engine(db, create=create, today=clock().date())
    try:
        with faults(engine), engine.connect() as conn:
            row = village_repo.find_village(conn)
            if row is None:
                raise EnvironmentFault("village.missing", path=display_name(db))
            scheme, rule_ids = _scheme(conn, row)
    except BaseException:
        engine.dispose()
        raise
    ledger = Ledger(engine, row.id, row.name, scheme, rule_ids, actor, clock)
    if check:
        from village_tally.services.audit import verify  # verify reads through this module

        ledger.differences = verify(ledger).problems
    return ledger


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
        existing = village_repo.find_village(conn)
    if existing is not None:
        engine.dispose()
        raise InputError([Problem.at("village.exists", Where(field=Field.DATABASE),
                                     name=existing.name)])
    with _tx(engine) as conn:
        bound.begin(conn)
        village_id = village_repo.insert_village(conn, name=name, preset=preset,
                                         settings=codec.scheme_settings(scheme), at=at)
        for r in scheme.rules:
            village_repo.insert_rule(conn, village_id, r)
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
    with faults(engine), transaction(engine) as conn:
        yield conn


@dataclass
class Write:
    """What a write block fills in for its audit entry."""

    conn: Connection
    entity_id: str | None = None
    details: dict[str, Any] = field(default_factory=dict)
    deed_ids: list[int] = field(default_factory=list)


def refuse_if_unverified(ledger: Ledger) -> None:
    """InputError while the ledger does not match its own record (as found when opened)."""
    if ledger.differences:
        first = ledger.differences[0]
        raise InputError([Problem.at("ledger.unverified", count=len(ledger.differences),
                                     first=Phrase.of(first.code, **first.params))])


@contextmanager
def write(ledger: Ledger, action: str, entity: str, *,
          despite_differences: bool = False) -> Iterator[Write]:
    """One transaction and one audit entry for one user action; refused while the ledger does
    not match its own record, but for what settles that (`despite_differences`).

    Deeds written in the block are listed in the audit entry with a digest of their content,
    and every other row that decides points (roster, rules, voids, approvals …) as it now is,
    so `verify` can tell if a row was changed behind the program's back (invariants 2 and 4).
    """
    if not despite_differences:
        refuse_if_unverified(ledger)
    with _tx(ledger.engine) as conn:
        bound.begin(conn)
        w = Write(conn)
        yield w
        audit.record(conn, village_id=ledger.village_id, at=ledger.now_text(),
                     actor=ledger.actor, action=action, entity=entity, entity_id=w.entity_id,
                     details=w.details, deed_ids=w.deed_ids)


@contextmanager
def read(ledger: Ledger) -> Iterator[Connection]:
    """A connection to read through; a damaged, locked or vanished file is said plainly."""
    with faults(ledger.engine), ledger.engine.connect() as conn:
        yield conn


@contextmanager
def faults(engine: Engine) -> Iterator[None]:
    """Database errors of the environment (locked, damaged, unreachable) as EnvironmentFault;
    a stored text or setting that cannot be read is `db.damaged`, naming where."""
    try:
        yield
    except DBAPIError as exc:
        raise _fault(store_db.fault(exc, engine)) from None
    except StoreError as exc:
        raise _fault(exc) from None
    except UnicodeDecodeError:  # SQLite's error quoting a damaged schema's broken bytes
        raise EnvironmentFault("db.damaged", place=Phrase.of(
            "damage.file", detail="sqlite_master")) from None


@contextmanager
def stored(place: Phrase) -> Iterator[None]:
    """Reading a value the ledger stored (JSON, a date, a setting): if it cannot be read, the
    village file is damaged there (EnvironmentFault `db.damaged`), never a traceback."""
    try:
        with reading(place):
            yield
    except StoreError as exc:
        raise _fault(exc) from None


def _fault(exc: StoreError) -> EnvironmentFault:
    return EnvironmentFault(exc.code, **exc.params)
