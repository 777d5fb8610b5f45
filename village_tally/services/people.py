"""People and signing in: who may act on the ledger, in which role and areas, with which PIN.

Every change to a person is one audit entry (entity `person`) whose details give the person's
whole new state (name, role, areas, resident, retired) and "pin": "set" when a PIN was set;
never the PIN or its hash."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, NoReturn

from sqlalchemy import Connection

from village_tally.core.authority import Action, role_term
from village_tally.core.deed import ResidentId
from village_tally.core.names import normalize_name
from village_tally.core.person import Person, PersonId, Role, lock_after, parse_pin
from village_tally.core.problem import Field, ParseError, Problem, Terms, Where
from village_tally.core.text import text_problems
from village_tally.services import pins
from village_tally.services.changes import PEOPLE, Changes
from village_tally.services.errors import InputError, refuse
from village_tally.services.session import Ledger, Write, read, write
from village_tally.store import people as people_repo
from village_tally.store import roster as roster_repo

AT_PERSON = Where(field=Field.PERSON)
AT_PIN = Where(field=Field.PIN)


@dataclass(frozen=True, slots=True)
class NewPerson:
    """A person as the secretary names them. `resident` (with `household` for namesakes)
    links the person to their own entry on the roster."""

    name: str
    role: Role | str
    areas: tuple[str, ...] = ()
    resident: str | None = None
    household: str | None = None


@dataclass(frozen=True, slots=True)
class Secretary:
    """A secretary just named (or whose PIN was just recovered): the ledger signed in as
    them, the new one-time recovery code (shown once, stored only as its hash), and the
    names recorded before people signed in, now people for the secretary to confirm."""

    ledger: Ledger
    recovery_code: str
    brought_in: tuple[Person, ...] = ()
    changes: Changes = PEOPLE


# --- reading ----------------------------------------------------------------------------------

def list_people(ledger: Ledger) -> list[Person]:
    """Everybody who has signed in or may (retired people last): for the sign-in screen's
    list of names, the People screen and the gatherer box. Needs no sign-in."""
    with read(ledger) as conn:
        return people_repo.people(conn, ledger.village_id)


def find_person(ledger: Ledger, name: str) -> Person | None:
    """The person of this name, compared after the one normalisation."""
    with read(ledger) as conn:
        found = people_repo.people(conn, ledger.village_id, name=normalize_name(name))
    return found[0] if found else None


def needs_secretary(ledger: Ledger) -> bool:
    """The village's set-up state: no secretary who can sign in. Only naming the first
    secretary is possible then (an old village file opens this way)."""
    with read(ledger) as conn:
        return not people_repo.has_secretary(conn, ledger.village_id)


# --- signing in -------------------------------------------------------------------------------

def sign_in(ledger: Ledger, name: str, pin: str) -> Ledger:
    """The ledger bound to the person whose name and PIN these are. The PIN is checked here,
    once (about 0.2 s), never per deed. Wrong PINs lock the person out for a growing time,
    kept in the ledger and audited; a locked person is refused without a check."""
    refuse(text_problems({Field.PERSON: name}))
    person = _signing_in(ledger, name)
    with read(ledger) as conn:
        hashed = people_repo.pin_hash(conn, person.id)
        failures, until = people_repo.lockout_state(conn, person.id)
    _refuse_if_locked(ledger, person, until)
    try:
        typed = parse_pin(pin)
    except ParseError as exc:
        raise InputError([exc.problem(AT_PIN)]) from None
    if hashed is None or not pins.check_secret(typed, hashed):
        _wrong(ledger, person, "sign_in_failed")
    if failures or pins.outdated(hashed):
        with write(ledger, "sign_in", "person", needs=None) as w:
            w.summary = False  # a PIN hashed anew is recorded (store.bound), a reset count not
            w.entity_id, w.details = str(person.id), {"name": person.name}
            people_repo.set_lockout(w.conn, person.id, 0, None)
            if pins.outdated(hashed):  # parameters grow: hash again with today's
                people_repo.set_pin(w.conn, person.id, pins.hash_secret(typed), w.at)
    return ledger.acting_as(person)


def _signing_in(ledger: Ledger, name: str) -> Person:
    """The person signing in, or why they cannot."""
    person = find_person(ledger, name)
    if person is None:
        raise InputError([Problem.at("person.unknown", AT_PERSON, name=normalize_name(name))])
    if person.retired:
        raise InputError([Problem.at("authority.retired", AT_PERSON, name=person.name)])
    if not person.pin_set:
        raise InputError([Problem.at("person.no_pin", AT_PERSON, name=person.name)])
    return person


def _refuse_if_locked(ledger: Ledger, person: Person, until: str | None) -> None:
    if until is not None and dt.datetime.fromisoformat(until) > ledger.now():
        raise InputError([_locked(ledger, person, until)])


def _locked(ledger: Ledger, person: Person, until: str) -> Problem:
    when = dt.datetime.fromisoformat(until)
    local = when.astimezone(ledger.now().tzinfo)
    return Problem.at("signin.locked", AT_PERSON, name=person.name,
                      until=local.strftime("%H:%M:%S"),
                      seconds=max(1, int((when - ledger.now()).total_seconds() + 0.999)))


def _wrong(ledger: Ledger, person: Person, action: str) -> NoReturn:
    """Count a wrong PIN (or recovery code), lock out when it is time, audit it, refuse."""
    with write(ledger, action, "person", needs=None) as w:
        failures, _ = people_repo.lockout_state(w.conn, person.id)
        failures += 1
        lock = lock_after(failures)
        until = None if lock is None else (ledger.now() + lock).isoformat(timespec="seconds")
        people_repo.set_lockout(w.conn, person.id, failures, until)
        w.entity_id = str(person.id)
        w.details = {"name": person.name, "failures": failures, "locked_until": until}
    if until is not None:
        raise InputError([_locked(ledger, person, until)])
    if action == "recovery_failed":
        raise InputError([Problem.at("signin.wrong_recovery", Where(field=Field.RECOVERY_CODE),
                                     name=person.name, left=tries_left(failures))])
    raise InputError([Problem.at("signin.wrong_pin", AT_PIN, name=person.name,
                                 left=tries_left(failures))])


def tries_left(failures: int) -> int:
    """Wrong PINs left before a lockout."""
    n = failures
    while lock_after(n) is None:
        n += 1
    return n - failures


# --- the first secretary ----------------------------------------------------------------------

def name_first_secretary(ledger: Ledger, *, name: str, pin: str, resident: str | None = None,
                         household: str | None = None) -> Secretary:
    """Name the village's first secretary with a PIN (the set-up state: a new village, or an
    old file from before people signed in). The names the ledger recorded so far (recorders,
    typists, approvers, closers, the old user list) become people with a suggested role —
    committee for those who approved, voided, rated or closed, else gatherer with the areas
    they recorded for —, without a PIN until the secretary sets one. No deed changes."""
    new = NewPerson(name, Role.SECRETARY, (), resident, household)
    problems = secretary_problems(name, pin)
    if problems:
        raise InputError(problems)
    typed = parse_pin(pin)
    hashed = pins.hash_secret(typed)
    code = pins.new_recovery_code()
    code_hash = pins.hash_secret(pins.recovery_digits(code))
    with write(ledger, "add_person", "person", needs=None) as w:
        w.summary = False
        if people_repo.has_secretary(w.conn, ledger.village_id):
            raise InputError([Problem.at("person.secretary_exists", AT_PERSON)])
        resident_id = _resident_id(w.conn, ledger, new)
        existing = people_repo.people(w.conn, ledger.village_id, name=normalize_name(name))
        if existing:
            person_id = existing[0].id
            people_repo.update_person(w.conn, person_id, role=Role.SECRETARY.value,
                                      resident_id=resident_id, retired_at=None)
        else:
            person_id = people_repo.insert_person(
                w.conn, ledger.village_id, name=normalize_name(name), role=Role.SECRETARY,
                resident_id=resident_id, at=w.at)
        people_repo.set_pin(w.conn, person_id, hashed, w.at)
        people_repo.set_recovery(w.conn, ledger.village_id, code_hash, w.at)
        secretary = _record(w, "add_person", person_id, pin="set", recovery="set")
        w.actor = secretary
        brought = _bring_in(w, ledger, skip=person_id)
    return Secretary(ledger.acting_as(secretary), code, brought)


def secretary_problems(name: str, pin: str) -> list[Problem]:
    """What is wrong with a first secretary's name and PIN (checked before a village is
    made, so `init` writes nothing when they are wrong)."""
    problems = _person_problems(NewPerson(name, Role.SECRETARY))
    _new_pin(pin, problems)
    return problems


def _bring_in(w: Write, ledger: Ledger, *, skip: PersonId) -> tuple[Person, ...]:
    """Every name the ledger recorded someone by becomes a person (if not one already), each
    with an audit entry; so do the people an old file's user list held."""
    known = {p.name: p for p in people_repo.people(w.conn, ledger.village_id)}
    brought: list[Person] = []
    for p in known.values():  # from the old user list (migration 0002): audited now
        if p.id != skip:
            brought.append(_record(w, "bring_in", p.id))
    for raw, kinds in sorted(people_repo.recorded_names(w.conn, ledger.village_id).items()):
        name = normalize_name(raw or "")
        if not name or name in known:
            continue
        role = Role.GATHERER if kinds == {"recorded"} else Role.COMMITTEE
        person_id = people_repo.insert_person(w.conn, ledger.village_id, name=name, role=role,
                                              resident_id=None, at=w.at)
        if role is Role.GATHERER:
            people_repo.set_areas(w.conn, person_id,
                                  people_repo.areas_recorded_for(w.conn, ledger.village_id, raw))
        known[name] = person = _record(w, "bring_in", person_id)
        brought.append(person)
    return tuple(brought)


def recover_secretary(ledger: Ledger, *, name: str, code: str, pin: str) -> Secretary:
    """A secretary who forgot their PIN sets a new one with the one-time recovery code; a new
    code replaces it (shown once). A wrong code counts as a wrong PIN."""
    refuse(text_problems({Field.PERSON: name, Field.PIN: code}))
    person = find_person(ledger, name)
    if person is None or person.role is not Role.SECRETARY or person.retired:
        raise InputError([Problem.at("person.not_secretary", AT_PERSON,
                                     name=normalize_name(name))])
    problems: list[Problem] = []
    typed = _new_pin(pin, problems)
    if problems:
        raise InputError(problems)
    with read(ledger) as conn:
        _, until = people_repo.lockout_state(conn, person.id)
        stored = people_repo.recovery_hash(conn, ledger.village_id)
    _refuse_if_locked(ledger, person, until)
    if stored is None or not pins.check_secret(pins.recovery_digits(code), stored):
        _wrong(ledger, person, "recovery_failed")
    fresh = pins.new_recovery_code()
    hashes = pins.hash_secret(typed), pins.hash_secret(pins.recovery_digits(fresh))
    with write(ledger, "recover", "person", needs=None) as w:
        w.summary = False
        people_repo.set_pin(w.conn, person.id, hashes[0], w.at)
        people_repo.set_recovery(w.conn, ledger.village_id, hashes[1], w.at)
        people_repo.set_lockout(w.conn, person.id, 0, None)
        secretary = _record(w, "recover", person.id, pin="set", recovery="set")
    return Secretary(ledger.acting_as(secretary), fresh)


# --- the secretary's verbs ---------------------------------------------------------------------

def add_person(ledger: Ledger, new: NewPerson, *, pin: str | None = None
               ) -> tuple[Person, Changes]:
    """Add a gatherer (with her areas), a committee member or a secretary; a PIN may be set
    at once (else the person cannot sign in until one is)."""
    problems = _person_problems(new)
    typed = _new_pin(pin, problems) if pin is not None else None
    if problems:
        raise InputError(problems)
    hashed = pins.hash_secret(typed) if typed is not None else None
    with write(ledger, "add_person", "person", needs=Action.PEOPLE) as w:
        w.summary = False
        (person,) = add_people_in(w, ledger, [new], pin_hash=hashed)
    return person, PEOPLE


def add_people_in(w: Write, ledger: Ledger, people: list[NewPerson], *,
                  pin_hash: str | None) -> list[Person]:
    """Add people inside a caller's write (`add_person`, the demo village), one audit entry
    each; `pin_hash` (from `pins.hash_secret`) is set as every one's PIN when given."""
    added = []
    for new in people:
        name = normalize_name(new.name)
        if people_repo.people(w.conn, ledger.village_id, name=name):
            raise InputError([Problem.at("person.exists", Where(field=Field.NAME), name=name)])
        person_id = people_repo.insert_person(w.conn, ledger.village_id, name=name,
                                              role=Role(new.role),
                                              resident_id=_resident_id(w.conn, ledger, new),
                                              at=w.at)
        people_repo.set_areas(w.conn, person_id, _area_ids(w.conn, ledger, new.areas))
        if pin_hash is not None:
            people_repo.set_pin(w.conn, person_id, pin_hash, w.at)
        added.append(_record(w, "add_person", person_id,
                             **({"pin": "set"} if pin_hash is not None else {})))
    return added


def set_pin(ledger: Ledger, name: str, pin: str) -> Changes:
    """Set or reset a person's PIN: the secretary for anyone, a person for themselves. It
    lifts a lockout."""
    problems: list[Problem] = []
    typed = _new_pin(pin, problems)
    if problems:
        raise InputError(problems)
    hashed = pins.hash_secret(typed)
    own = ledger.actor is not None and ledger.actor.name == normalize_name(name)
    with write(ledger, "set_pin", "person", needs=None if own else Action.PEOPLE) as w:
        w.summary = False
        target = _existing(w.conn, ledger, name)
        if own:  # one's own PIN: still oneself, and still active
            if target.retired or ledger.actor is None or target.id != ledger.actor.id:
                raise InputError([Problem.at("authority.retired", AT_PERSON, name=target.name)])
            w.actor = target
        people_repo.set_pin(w.conn, target.id, hashed, w.at)
        people_repo.set_lockout(w.conn, target.id, 0, None)
        _record(w, "set_pin", target.id, pin="set")
    return PEOPLE


def set_role(ledger: Ledger, name: str, role: Role | str) -> Changes:
    """Give a person another role; the last secretary keeps theirs."""
    role = _role(role)
    with write(ledger, "set_role", "person", needs=Action.PEOPLE) as w:
        w.summary = False
        target = _existing(w.conn, ledger, name)
        if target.role is Role.SECRETARY and role is not Role.SECRETARY:
            _keep_a_secretary(w.conn, ledger, target)
        people_repo.update_person(w.conn, target.id, role=role.value)
        _record(w, "set_role", target.id)
    return PEOPLE


def set_areas(ledger: Ledger, name: str, areas: Iterable[str]) -> Changes:
    """The areas a gatherer enters deeds for (an area named for the first time is made)."""
    with write(ledger, "set_areas", "person", needs=Action.PEOPLE) as w:
        w.summary = False
        target = _existing(w.conn, ledger, name)
        people_repo.set_areas(w.conn, target.id, _area_ids(w.conn, ledger, tuple(areas)))
        _record(w, "set_areas", target.id)
    return PEOPLE


def set_resident(ledger: Ledger, name: str, resident: str | None,
                 household: str | None = None) -> Changes:
    """Say which resident a person is (None: not a resident): their own deeds and their
    household's always wait for someone else's approval."""
    with write(ledger, "set_resident", "person", needs=Action.PEOPLE) as w:
        w.summary = False
        target = _existing(w.conn, ledger, name)
        resident_id = _resident_id(w.conn, ledger, NewPerson(name, target.role, (), resident,
                                                             household))
        people_repo.update_person(w.conn, target.id, resident_id=resident_id)
        _record(w, "set_resident", target.id)
    return PEOPLE


def retire_person(ledger: Ledger, name: str, *, retired: bool = True) -> Changes:
    """Retire a person (they can no longer sign in; their name stays on every deed) or bring
    them back. The last secretary cannot be retired."""
    with write(ledger, "retire" if retired else "reinstate", "person",
               needs=Action.PEOPLE) as w:
        w.summary = False
        target = _existing(w.conn, ledger, name)
        if retired and target.role is Role.SECRETARY:
            _keep_a_secretary(w.conn, ledger, target)
        people_repo.update_person(w.conn, target.id, retired_at=w.at if retired else None)
        _record(w, "retire" if retired else "reinstate", target.id)
    return PEOPLE


# --- helpers ----------------------------------------------------------------------------------

def state(person: Person) -> dict[str, Any]:
    """A person's state as audit details say it (#12 checks people and roles against these)."""
    return {"name": person.name, "role": person.role.value, "areas": sorted(person.areas),
            "resident_id": person.resident_id, "retired": person.retired}


def _record(w: Write, action: str, person_id: PersonId, **extra: str) -> Person:
    """The audit entry for a change to a person, with their whole new state; returns them."""
    (person,) = people_repo.people(w.conn, w.village_id, person_id=person_id)
    w.record(action, "person", str(person_id), {**state(person), **extra})
    return person


def _existing(conn: Connection, ledger: Ledger, name: str) -> Person:
    refuse(text_problems({Field.NAME: name}))
    found = people_repo.people(conn, ledger.village_id, name=normalize_name(name))
    if not found:
        raise InputError([Problem.at("person.unknown", Where(field=Field.NAME),
                                     name=normalize_name(name))])
    return found[0]


def _keep_a_secretary(conn: Connection, ledger: Ledger, leaving: Person) -> None:
    others = [p for p in people_repo.people(conn, ledger.village_id)
              if p.role is Role.SECRETARY and not p.retired and p.pin_set and p.id != leaving.id]
    if not others:
        raise InputError([Problem.at("person.last_secretary", Where(field=Field.NAME),
                                     name=leaving.name)])


def _role(role: Role | str) -> Role:
    try:
        return Role(role)
    except ValueError:
        raise InputError([_role_unknown(role)]) from None


def _role_unknown(role: object) -> Problem:
    """Not a role: the roles named in the reader's language (信息员、村委委员、文书)."""
    return Problem.at("person.role_unknown", Where(field=Field.ROLE), value=str(role),
                      choices=Terms(tuple(code for r in Role for code in role_term(r).codes)))


def _person_problems(new: NewPerson) -> list[Problem]:
    problems = text_problems({Field.NAME: new.name, Field.HOUSEHOLD: new.household})
    for area in new.areas:
        problems += text_problems({Field.AREA: area})
    if problems:  # control characters, bidi overrides, overlong text: nothing else is looked at
        return problems
    if not normalize_name(new.name):
        problems.append(Problem.at("name.empty", Where(field=Field.NAME)))
    try:
        Role(new.role)
    except ValueError:
        problems.append(_role_unknown(new.role))
    if any(not normalize_name(a) for a in new.areas):
        problems.append(Problem.at("area.empty", Where(field=Field.AREA)))
    return problems


def _new_pin(pin: str, problems: list[Problem]) -> str:
    try:
        return parse_pin(pin)
    except ParseError as exc:
        problems.append(exc.problem(AT_PIN))
        return ""


def _resident_id(conn: Connection, ledger: Ledger, new: NewPerson) -> ResidentId | None:
    if not new.resident:
        return None
    from village_tally.services.deeds import resolve_resident

    found, problems = resolve_resident(conn, ledger, new.resident, new.household)
    if problems or found is None:
        raise InputError(problems)
    return found.id


def _area_ids(conn: Connection, ledger: Ledger, areas: tuple[str, ...]) -> list[int]:
    ids = []
    for name in areas:
        area_id = roster_repo.area_id(conn, ledger.village_id, normalize_name(name), create=True)
        assert area_id is not None
        ids.append(area_id)
    return ids
