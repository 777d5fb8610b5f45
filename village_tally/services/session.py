"""The open ledger a service call works on, and the one way services write (one transaction,
one audit entry)."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Final, Literal

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DBAPIError

from village_tally.core.authority import NO_TARGET, Action, Target, refusals
from village_tally.core.names import normalize_name
from village_tally.core.person import Person
from village_tally.core.problem import Field, Phrase, Problem, Where
from village_tally.core.rule import Rule
from village_tally.core.scheme import DEFAULT_PRESET, PRESETS, Scheme
from village_tally.core.text import text_problems
from village_tally.services.errors import EnvironmentFault, InputError
from village_tally.store import audit, bound, codec
from village_tally.store import db as store_db
from village_tally.store import people as people_repo
from village_tally.store import village as village_repo
from village_tally.store.damage import reading
from village_tally.store.db import StoreError, open_store, transaction
from village_tally.store.place import display_name

Clock = Callable[[], dt.datetime]


def system_clock() -> dt.datetime:
    return dt.datetime.now().astimezone()


def _finished() -> threading.Event:
    finished = threading.Event()
    finished.set()
    return finished


@dataclass
class OpenCheck:
    """What verify found when the ledger was opened, shared by every copy of the ledger
    (`acting_as`): a check finished on a worker is seen by all of them. Until it is `done`
    (and if it `failed`), every write but signing in is refused, as while there are
    `differences`; `wait` blocks until it has run. Once the ledger is `closed` (a backup put
    in its place, another village opened), every write through any copy is refused: its file
    may be another by then."""

    differences: tuple[Problem, ...] = ()
    failed: bool = False
    closed: bool = False
    finished: threading.Event = field(default_factory=_finished)

    @property
    def done(self) -> bool:
        return self.finished.is_set() and not self.failed

    def wait(self) -> None:
        self.finished.wait()
@dataclass(frozen=True, slots=True)
class FixedClock:
    """A clock that stays at one moment (an import: one timestamp for all its deeds), with
    its text written once instead of once a deed."""

    at: dt.datetime
    text: str

    @classmethod
    def of(cls, at: dt.datetime) -> FixedClock:
        return cls(at, at.isoformat(timespec="seconds"))

    def __call__(self) -> dt.datetime:
        return self.at


@dataclass
class Ledger:
    """One village in one database, and the person signed in to it (`actor`; None until
    someone signs in: such a ledger reads but does not write).

    `differences`: how the ledger did not match its own record when it was opened (verify,
    acknowledged ones left out). While there are any, or while that check has not run yet
    (`open_ledger(check="later")`), every write is refused (`write`); differences stay until
    a secretary restores a verified backup or records that they are understood
    (services/proof.py)."""

    engine: Engine
    village_id: int
    village_name: str
    scheme: Scheme
    rule_ids: dict[str, int]
    actor: Person | None = None
    clock: Clock = field(default=system_clock)
    check: OpenCheck = field(default_factory=OpenCheck)
    # The rules by code as `rule` finds them, for the scheme they were read from.
    _rules: tuple[Scheme, dict[str, Rule]] | None = field(default=None, repr=False,
                                                          compare=False)
    # Set inside `snapshot`: every `read` of this ledger goes through this one connection.
    pinned: Connection | None = field(default=None, repr=False, compare=False)

    @property
    def differences(self) -> tuple[Problem, ...]:
        return self.check.differences

    @differences.setter
    def differences(self, found: tuple[Problem, ...]) -> None:
        self.check.differences = found

    @property
    def actor_name(self) -> str:
        """The signed-in person's name as the ledger records it ("" when nobody is)."""
        return self.actor.name if self.actor is not None else ""

    def now(self) -> dt.datetime:
        return self.clock()

    def today(self) -> dt.date:
        return self.clock().date()

    def now_text(self) -> str:
        clock = self.clock
        if isinstance(clock, FixedClock):
            return clock.text
        return clock().isoformat(timespec="seconds")

    def rule(self, code: str) -> Rule | None:
        """The rule with this code as a person writes it (any case, stray spaces), found in a
        table built once per scheme: an import asks once a row."""
        if self._rules is None or self._rules[0] is not self.scheme:
            by_code: dict[str, Rule] = {}
            for r in self.scheme.rules:
                by_code.setdefault(r.code.upper(), r)
            self._rules = (self.scheme, by_code)
        return self._rules[1].get(normalize_name(code).upper())

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
        with faults(self.engine), self.engine.connect() as conn:
            row = village_repo.find_village(conn)
            self.scheme, self.rule_ids = _scheme(conn, row)

    def close(self) -> None:
        self.check.closed = True  # a write asked for later is refused, never lands elsewhere
        self.engine.dispose()


def _scheme(conn: Connection, row: Any) -> tuple[Scheme, dict[str, int]]:
    """The village's scheme and rules as stored; `db.damaged` if they cannot be read."""
    rules = village_repo.load_rules(conn, row.id)
    try:
        scheme = codec.scheme_from(row.preset, row.settings, tuple(r for _, r in rules))
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, ArithmeticError):
        raise StoreError("db.damaged", place=Phrase.of("damage.settings")) from None
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


def open_ledger(db: str, *, clock: Clock = system_clock, create: bool = False,
                check: bool | Literal["later"] = True) -> Ledger:
    """Open the village in a database; EnvironmentFault('village.missing') if there is none.
    Verifies it (unless `check` is False): what differs from its record is in `differences`.
    With "later" the ledger opens at once and refuses writes until `run_open_check` has run
    (the desktop program runs it on its writer thread while the sign-in screen shows)."""
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
    ledger = Ledger(engine, row.id, row.name, scheme, rule_ids, None, clock)
    if check == "later":
        ledger.check.finished.clear()
    elif check:
        run_open_check(ledger)
    return ledger


def run_open_check(ledger: Ledger) -> tuple[Problem, ...]:
    """Verify the ledger as opened: what differs from its record (acknowledged differences
    left out) is its `differences`, and writes are no longer refused for want of the check."""
    from village_tally.services.audit import verify  # verify reads through this module

    check = ledger.check
    try:
        check.differences = verify(ledger).problems
    except BaseException:
        check.failed = True  # a fault of ours or the environment: writes stay refused
        raise
    finally:
        check.finished.set()
    return check.differences


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
        bound.begin(conn)
        village_id = village_repo.insert_village(conn, name=name, preset=preset,
                                         settings=codec.scheme_settings(scheme), at=at)
        for r in scheme.rules:
            village_repo.insert_rule(conn, village_id, r)
        audit.record(conn, village_id=village_id, at=at, actor="", action="init",
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
    with faults(engine), transaction(engine) as conn:
        yield conn


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
    # Their digest, when whoever wrote them took it already (an import's writer thread).
    deeds_digest: str | None = None
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
        """One more audit entry in this transaction (approving many: one entry a deed), with
        the bound rows touched so far (store.bound)."""
        audit.record(self.conn, village_id=self.village_id, at=self.at,
                     actor=self.actor_name, action=action, entity=entity,
                     entity_id=entity_id, details=details)


def refuse_if_unverified(ledger: Ledger) -> None:
    """InputError while the ledger does not match its own record (as found when opened), or
    while the check on opening has not run yet."""
    if not ledger.check.done:
        raise InputError([Problem.at("ledger.unchecked" if ledger.check.failed
                                     else "ledger.checking")])
    if ledger.differences:
        first = ledger.differences[0]
        raise InputError([Problem.at("ledger.unverified", count=len(ledger.differences),
                                     first=Phrase.of(first.code, **first.params))])


# `write(..., needs=SIGNED_IN)`: the verb checks authority itself once it has read what the
# action is about (voiding: whose deed, which month), with `w.require` in the block.
SIGNED_IN: Final = "signed_in"


@contextmanager
def write(ledger: Ledger, action: str, entity: str, *,
          needs: Action | Literal["signed_in"] | None,
          despite_differences: bool = False) -> Iterator[Write]:
    """One transaction and one audit entry for one user action, by the signed-in person;
    refused while the ledger does not match its own record, but for what settles that
    (`despite_differences`).

    `needs` is the authority the action takes (invariant 8), checked in the transaction on
    the person as the ledger says now; checks that depend on what is written (a resident's
    area, a deed's recorder) call `w.require` in the block. `needs=None` is only for what a
    village does before anyone can sign in (naming the first secretary, a wrong PIN).
    Deeds written in the block are listed in the audit entry with a digest of their content,
    and every other row that decides points or who may do what (roster, rules, voids,
    approvals, people …) as it now is, so `verify` can tell if a row was changed behind the
    program's back (invariants 2 and 4).
    """
    if ledger.check.closed:
        raise EnvironmentFault("ledger.closed", village=ledger.village_name)
    if needs is not None and not despite_differences:
        refuse_if_unverified(ledger)  # signing in stays possible: a secretary settles it
    with _tx(ledger.engine) as conn:
        bound.begin(conn)
        w = Write(conn, village_id=ledger.village_id, at=ledger.now_text())
        if needs is not None:
            w.actor = present(conn, ledger)
            if needs != SIGNED_IN:
                w.require(Action(needs))
        yield w
        if not w.summary and not bound.pending(conn):
            return  # the block wrote its own entries (a PIN hashed anew still gets one)
        audit.record(conn, village_id=ledger.village_id, at=w.at, actor=w.actor_name,
                     action=action, entity=entity, entity_id=w.entity_id,
                     details=w.details, deed_ids=w.deed_ids, deeds_digest=w.deeds_digest)


def present(conn: Connection, ledger: Ledger) -> Person | None:
    """The signed-in person as stored now (None if nobody is signed in)."""
    if ledger.actor is None:
        return None
    found = people_repo.people(conn, ledger.village_id, person_id=ledger.actor.id)
    return found[0] if found else None


@contextmanager
def read(ledger: Ledger) -> Iterator[Connection]:
    """A connection to read through (a `snapshot`'s, inside one); a damaged, locked or
    vanished file is said plainly."""
    if ledger.pinned is not None:
        with faults(ledger.engine):
            yield ledger.pinned
        return
    with faults(ledger.engine), ledger.engine.connect() as conn:
        yield conn


@contextmanager
def snapshot(ledger: Ledger) -> Iterator[Ledger]:
    """The ledger as of one moment: every read through the ledger it yields is in one read
    transaction (store.db.read_snapshot), so what a page prints from several reads agrees
    even while gatherers save deeds. Only for reading, on one thread."""
    if ledger.pinned is not None:
        yield ledger
        return
    with faults(ledger.engine), store_db.read_snapshot(ledger.engine) as conn:
        yield replace(ledger, pinned=conn)


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
