"""The roster: areas, households and residents."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection

from village_tally.core.authority import Action
from village_tally.core.deed import Household, Resident
from village_tally.core.names import NameIndex, normalize_name
from village_tally.core.problem import Field, Problem, Where
from village_tally.core.text import text_problems
from village_tally.services.changes import ROSTER, Changes
from village_tally.services.errors import InputError, refuse
from village_tally.services.session import Ledger, read, write
from village_tally.store import roster as roster_repo

STATUSES = ("active", "moved", "deceased")


@dataclass(frozen=True, slots=True)
class NewResident:
    """A roster line: a person in a household (and the household's area and door plate)."""

    name: str
    household: str
    area: str | None = None
    head: bool = False
    door_plate: str | None = None
    note: str | None = None


def roster_problems(person: NewResident, where: Where = Where()) -> list[Problem]:
    """What is wrong with a roster line, each problem naming its field."""
    problems = text_problems({Field.NAME: person.name, Field.HOUSEHOLD: person.household,
                              Field.AREA: person.area, Field.DOOR_PLATE: person.door_plate,
                              Field.NOTE: person.note}, where)
    at_name = where.about(Field.NAME)
    if not normalize_name(person.name):
        problems.append(Problem.at("name.empty", at_name))
    elif "?" in person.name or "\ufffd" in person.name:
        problems.append(Problem.at("name.lost_character", at_name, value=person.name))
    if not normalize_name(person.household):
        problems.append(Problem.at("household.empty", where.about(Field.HOUSEHOLD)))
    return problems


def add_residents_in(conn: Connection, ledger: Ledger, people: list[NewResident]) -> int:
    """Add residents inside a caller's write; existing (household, name) pairs are skipped.

    Returns how many were added. Used by `add_resident` and the roster import."""
    added = 0
    for p in people:
        name, code = normalize_name(p.name), normalize_name(p.household)
        area_id = (roster_repo.area_id(conn, ledger.village_id, normalize_name(p.area), create=True)
                   if p.area and normalize_name(p.area) else None)
        hh = roster_repo.household_row(conn, ledger.village_id, code)
        if hh is None:
            hh_id = roster_repo.insert_household(conn, ledger.village_id, code, area_id=area_id,
                                          door_plate=p.door_plate)
        else:
            hh_id = hh.id
            if area_id is not None and hh.area_id is None:
                roster_repo.update_household(conn, hh_id, area_id=area_id)
            if p.door_plate and not hh.door_plate:
                roster_repo.update_household(conn, hh_id, door_plate=p.door_plate)
        if roster_repo.residents(conn, ledger.village_id, name=name, household_code=code):
            continue
        roster_repo.insert_resident(conn, ledger.village_id, hh_id, name=name, is_head=p.head,
                             at=ledger.now_text(), note=p.note)
        added += 1
    return added


def add_resident(ledger: Ledger, person: NewResident) -> tuple[Resident, Changes]:
    problems = roster_problems(person)
    if problems:
        raise InputError(problems)
    name, code = normalize_name(person.name), normalize_name(person.household)
    with write(ledger, "add", "resident", needs=Action.ROSTER) as w:
        if roster_repo.residents(w.conn, ledger.village_id, name=name, household_code=code):
            raise InputError([Problem.at("resident.exists", Where(field=Field.NAME), name=name,
                                         household=code)])
        add_residents_in(w.conn, ledger, [person])
        found = roster_repo.residents(w.conn, ledger.village_id, name=name, household_code=code)[0]
        w.entity_id = str(found.id)
        w.details = {"name": name, "household": code, "area": person.area, "head": person.head}
    return found, ROSTER


def list_residents(ledger: Ledger) -> list[Resident]:
    with read(ledger) as conn:
        return roster_repo.residents(conn, ledger.village_id)


def get_resident(ledger: Ledger, resident_id: int) -> Resident | None:
    with read(ledger) as conn:
        found = roster_repo.residents(conn, ledger.village_id, resident_id=resident_id)
    return found[0] if found else None


@dataclass(frozen=True, slots=True)
class ResidentFinder:
    """The roster held for searching as a gatherer types: `find_residents` without a database
    read per key (a 5,000-resident roster is read once, off the GUI thread)."""

    residents: tuple[Resident, ...]  # in the order ties take: shorter names, then by name
    index: NameIndex

    def find(self, query: str, *, limit: int = 20) -> list[Resident]:
        """As `find_residents`: the best matches first, namesakes side by side."""
        return [self.residents[i] for _rank, i in self.index.find(query, limit)]


def resident_finder(ledger: Ledger, *, include_inactive: bool = False) -> ResidentFinder:
    """The residents to search among (the active ones unless `include_inactive`)."""
    people = sorted((r for r in list_residents(ledger)
                     if include_inactive or r.status == "active"),
                    key=lambda r: (len(r.name), r.name, r.household))
    return ResidentFinder(tuple(people), NameIndex((r.name, r.initials) for r in people))


def find_residents(ledger: Ledger, query: str, *, limit: int = 20,
                   include_inactive: bool = False) -> list[Resident]:
    """Residents whose name holds the query or whose pinyin initials start with it; the best
    matches first (the name itself, then all its initials: msj → 马少军), and namesakes side
    by side, by household, so the second 马少军 is never below a mere partial match."""
    return resident_finder(ledger, include_inactive=include_inactive).find(query, limit=limit)


def list_households(ledger: Ledger) -> list[Household]:
    people = list_residents(ledger)
    with read(ledger) as conn:
        rows = roster_repo.households(conn, ledger.village_id)
    members: dict[str, list[Resident]] = {}
    for person in people:
        members.setdefault(person.household, []).append(person)
    out = []
    for row in rows:
        mine = members.get(row.code, [])
        head = next((r.name for r in mine if r.is_head), mine[0].name if mine else None)
        out.append(Household(row.code, row.door_plate, row.area or "", head,
                             tuple(r.name for r in mine)))
    return out


def list_areas(ledger: Ledger) -> list[str]:
    with read(ledger) as conn:
        return roster_repo.areas(conn, ledger.village_id)


def add_area(ledger: Ledger, name: str) -> Changes:
    """A new area (a gatherer's corner of the village), before any household is in it."""
    refuse(text_problems({Field.AREA: name}))
    area = normalize_name(name)
    if not area:
        raise InputError([Problem.at("area.empty", Where(field=Field.AREA))])
    with write(ledger, "add", "area", needs=Action.ROSTER) as w:
        if roster_repo.area_id(w.conn, ledger.village_id, area, create=False) is not None:
            raise InputError([Problem.at("area.exists", Where(field=Field.AREA), name=area)])
        roster_repo.area_id(w.conn, ledger.village_id, area, create=True)
        w.entity_id = area
        w.details = {"name": area}
    return ROSTER


def _area_named(conn: Connection, ledger: Ledger, name: str, problems: list[Problem]
                ) -> int | None:
    """The id of an existing area; a problem (empty or unknown, with the choices) if none."""
    if not name:
        problems.append(Problem.at("area.empty", Where(field=Field.AREA)))
        return None
    found = roster_repo.area_id(conn, ledger.village_id, name, create=False)
    if found is None:
        problems.append(Problem.at("area.unknown", Where(field=Field.AREA), name=name,
                                   choices=", ".join(roster_repo.areas(conn, ledger.village_id))))
    return found


def set_household_area(ledger: Ledger, household_code: str, area: str, *,
                       reason: str) -> Changes:
    """Move a household (its people and their deeds) to another existing area.

    The area must exist already: a misspelt name would otherwise make a new area of its own
    on the board. New areas are added on purpose (`add_area`)."""
    refuse(text_problems({Field.HOUSEHOLD: household_code, Field.AREA: area,
                           Field.REASON: reason}))
    code, name, reason = normalize_name(household_code), normalize_name(area), reason.strip()
    with write(ledger, "move", "household", needs=Action.ROSTER) as w:
        problems: list[Problem] = []
        hh = roster_repo.household_row(w.conn, ledger.village_id, code)
        if hh is None:
            problems.append(Problem.at("household.unknown", Where(field=Field.HOUSEHOLD),
                                       value=code))
        area_id = _area_named(w.conn, ledger, name, problems)
        if hh is not None and area_id is not None and hh.area_id == area_id:
            problems.append(Problem.at("household.same_area", Where(field=Field.AREA),
                                       household=code, area=name))
        if not reason:
            problems.append(Problem.at("deed.reason_missing", Where(field=Field.REASON)))
        if problems or hh is None:
            raise InputError(problems)
        roster_repo.update_household(w.conn, hh.id, area_id=area_id)
        w.entity_id = code
        w.details = {"from": hh.area, "to": name, "reason": reason}
    return ROSTER


def rename_area(ledger: Ledger, old: str, new: str) -> Changes:
    """Give an area a new name; its households, their deeds and the boards follow it."""
    refuse(text_problems({Field.AREA: old, Field.NEW_NAME: new}))
    old_name, new_name = normalize_name(old), normalize_name(new)
    with write(ledger, "rename", "area", needs=Action.ROSTER) as w:
        problems: list[Problem] = []
        area_id = _area_named(w.conn, ledger, old_name, problems)
        at_new = Where(field=Field.NEW_NAME)
        if not new_name:
            problems.append(Problem.at("area.empty", at_new))
        elif new_name == old_name:
            problems.append(Problem.at("area.same_name", at_new, name=new_name))
        elif roster_repo.area_id(w.conn, ledger.village_id, new_name, create=False) is not None:
            problems.append(Problem.at("area.exists", at_new, name=new_name))
        if problems or area_id is None:
            raise InputError(problems)
        roster_repo.rename_area(w.conn, area_id, new_name)
        w.entity_id = old_name  # the name the area had: "what became of 二片" finds it
        w.details = {"from": old_name, "to": new_name}
    return ROSTER


def set_resident_status(ledger: Ledger, resident_id: int, status: str, *,
                        reason: str) -> Changes:
    """Mark a resident moved away or deceased (or active again); their history stays."""
    if status not in STATUSES:
        raise InputError([Problem.at("resident.status_invalid", value=status)])
    refuse(text_problems({Field.REASON: reason}))
    with write(ledger, "status", "resident", needs=Action.ROSTER) as w:
        roster_repo.set_resident(w.conn, resident_id, status=status)
        w.entity_id = str(resident_id)
        w.details = {"status": status, "reason": reason}
    return ROSTER


def move_household(ledger: Ledger, resident_id: int, household: str, *, reason: str) -> Changes:
    """Move a resident to another household (created if new); the deeds stay theirs."""
    refuse(text_problems({Field.HOUSEHOLD: household, Field.REASON: reason}))
    code = normalize_name(household)
    if not code:
        raise InputError([Problem.at("household.empty", Where(field=Field.HOUSEHOLD))])
    with write(ledger, "move", "resident", needs=Action.ROSTER) as w:
        hh = roster_repo.household_row(w.conn, ledger.village_id, code)
        hh_id = hh.id if hh else roster_repo.insert_household(w.conn, ledger.village_id, code,
                                                       area_id=None, door_plate=None)
        roster_repo.set_resident(w.conn, resident_id, household_id=hh_id, is_head=False)
        w.entity_id = str(resident_id)
        w.details = {"household": code, "reason": reason}
    return ROSTER
