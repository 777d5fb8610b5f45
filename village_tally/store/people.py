"""People who sign in: their rows, areas, PIN hashes, lockouts and the recovery code."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import (
    Connection,
    Text,
    bindparam,
    delete,
    func,
    insert,
    literal,
    select,
    union,
    update,
)

from village_tally.core.deed import ResidentId
from village_tally.core.person import Person, PersonId, Role
from village_tally.store.bound import inserted, touch
from village_tally.store.schema import (
    approval,
    area,
    deed,
    household,
    lockout,
    month,
    person,
    person_area,
    pin,
    rating,
    recovery,
    resident,
    void,
)


def insert_person(conn: Connection, village_id: int, *, name: str, role: Role,
                  resident_id: int | None, at: str) -> PersonId:
    result = conn.execute(insert(person).values(village_id=village_id, name=name,
                                                role=role.value, resident_id=resident_id,
                                                created_at=at))
    return PersonId(inserted(conn, person, result))


def update_person(conn: Connection, person_id: int, **values: Any) -> None:
    conn.execute(update(person).where(person.c.id == person_id).values(**values))
    touch(conn, person, [person_id])


def set_areas(conn: Connection, person_id: int, area_ids: list[int]) -> None:
    conn.execute(delete(person_area).where(person_area.c.person_id == person_id))
    touch(conn, person_area, [person_id])
    if area_ids:
        conn.execute(insert(person_area), [{"person_id": person_id, "area_id": a}
                                           for a in sorted(set(area_ids))])


# Built once: each deed checked on the entry screen reads the person at the keyboard, and
# building the statement cost as much as running it (bench/bench_gui.py, saving a line).
_PEOPLE = (select(person, household.c.code.label("household"),
                  pin.c.person_id.label("has_pin"))
           .outerjoin(resident, resident.c.id == person.c.resident_id)
           .outerjoin(household, household.c.id == resident.c.household_id)
           .outerjoin(pin, pin.c.person_id == person.c.id)
           .where(person.c.village_id == bindparam("village_id")))
_PERSON_BY_ID = _PEOPLE.where(person.c.id == bindparam("person_id"))
_AREAS_OF = (select(person_area.c.person_id, area.c.name)
             .join(area, area.c.id == person_area.c.area_id)
             .where(person_area.c.person_id.in_(bindparam("ids", expanding=True))))


def people(conn: Connection, village_id: int, *, name: str | None = None,
           person_id: int | None = None) -> list[Person]:
    """People of the village (retired ones last), secretaries first, then by name."""
    query, params = _PEOPLE, {"village_id": village_id}
    if person_id is not None:
        query, params = _PERSON_BY_ID, {**params, "person_id": person_id}
    if name is not None:
        query = query.where(person.c.name == name)
    rows = list(conn.execute(query.order_by(person.c.id), params))
    areas = _areas_of(conn, [r.id for r in rows])
    found = [Person(id=PersonId(r.id), name=r.name, role=Role(r.role),
                    areas=frozenset(areas.get(r.id, ())),
                    resident_id=None if r.resident_id is None else ResidentId(r.resident_id),
                    household=r.household, retired=r.retired_at is not None,
                    pin_set=r.has_pin is not None) for r in rows]
    return sorted(found, key=lambda p: (p.retired, _ORDER.index(p.role), p.name))


_ORDER = (Role.SECRETARY, Role.COMMITTEE, Role.GATHERER)  # how lists show people


def _areas_of(conn: Connection, ids: list[int]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = defaultdict(list)
    if not ids:
        return out
    rows = conn.execute(_AREAS_OF, {"ids": ids})
    for person_id, name in rows:
        out[person_id].append(name)
    return out


def has_secretary(conn: Connection, village_id: int) -> bool:
    """Is there an active secretary who can sign in (a PIN set)?"""
    query = (select(func.count()).select_from(person).join(pin, pin.c.person_id == person.c.id)
             .where(person.c.village_id == village_id, person.c.role == Role.SECRETARY.value,
                    person.c.retired_at.is_(None)))
    return bool(conn.execute(query).scalar_one())


# --- PINs, lockouts, the recovery code ----------------------------------------------------------

def pin_hash(conn: Connection, person_id: int) -> str | None:
    return conn.execute(select(pin.c.hash).where(pin.c.person_id == person_id)).scalar()


def set_pin(conn: Connection, person_id: int, hashed: str, at: str) -> None:
    if pin_hash(conn, person_id) is None:
        conn.execute(insert(pin).values(person_id=person_id, hash=hashed, set_at=at))
    else:
        conn.execute(update(pin).where(pin.c.person_id == person_id)
                     .values(hash=hashed, set_at=at))
    touch(conn, pin, [person_id])


def lockout_state(conn: Connection, person_id: int) -> tuple[int, str | None]:
    """(wrong PINs in a row, locked until) for a person; (0, None) when clean."""
    row = conn.execute(select(lockout.c.failures, lockout.c.locked_until)
                       .where(lockout.c.person_id == person_id)).first()
    return (0, None) if row is None else (int(row.failures), row.locked_until)


def set_lockout(conn: Connection, person_id: int, failures: int, locked_until: str | None
                ) -> None:
    conn.execute(delete(lockout).where(lockout.c.person_id == person_id))
    if failures:
        conn.execute(insert(lockout).values(person_id=person_id, failures=failures,
                                            locked_until=locked_until))


def recovery_hash(conn: Connection, village_id: int) -> str | None:
    return conn.execute(select(recovery.c.hash)
                        .where(recovery.c.village_id == village_id)).scalar()


def set_recovery(conn: Connection, village_id: int, hashed: str, at: str) -> None:
    conn.execute(delete(recovery).where(recovery.c.village_id == village_id))
    conn.execute(insert(recovery).values(village_id=village_id, hash=hashed, set_at=at))
    touch(conn, recovery, [village_id])


# --- names recorded before people signed in (an old village file) --------------------------------

def recorded_names(conn: Connection, village_id: int) -> dict[str, set[str]]:
    """Every name the ledger has recorded someone by, with what they did: `recorded`
    (recorder or typist), `approved` (approvals, voids, ratings) or `closed` (a month)."""
    in_village = deed.c.village_id == village_id
    recorded, approved = literal("recorded", Text), literal("approved", Text)
    kinds = union(
        select(deed.c.recorder, recorded).where(in_village),
        select(deed.c.created_by, recorded).where(in_village),
        select(approval.c.by, approved).join(deed, deed.c.id == approval.c.deed_id)
        .where(in_village),
        select(void.c.by, approved).join(deed, deed.c.id == void.c.deed_id).where(in_village),
        select(rating.c.by, approved).where(rating.c.village_id == village_id),
        select(month.c.closed_by, literal("closed", Text))
        .where(month.c.village_id == village_id, month.c.closed_by.is_not(None)),
    )
    out: dict[str, set[str]] = defaultdict(set)
    for name, kind in conn.execute(kinds):
        out[name].add(kind)
    return out


def areas_recorded_for(conn: Connection, village_id: int, recorder: str) -> list[int]:
    """The areas of the residents a recorder's deeds were for (a gatherer's areas, guessed)."""
    query = (select(household.c.area_id).distinct()
             .join(resident, resident.c.household_id == household.c.id)
             .join(deed, deed.c.resident_id == resident.c.id)
             .where(deed.c.village_id == village_id, deed.c.recorder == recorder,
                    household.c.area_id.is_not(None)))
    return sorted(int(a) for a in conn.execute(query).scalars())
