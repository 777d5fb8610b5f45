"""The roster: areas, households, residents, and the people who record and approve."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    Connection,
    Select,
    bindparam,
    func,
    insert,
    select,
    update,
)

from village_tally.core.deed import Resident, ResidentId
from village_tally.core.names import name_initials, normalize_name
from village_tally.core.tally import Named, ResidentRef
from village_tally.store.bound import insert_many, inserted, touch
from village_tally.store.plain import plain_rows
from village_tally.store.schema import (
    area,
    household,
    resident,
)


def area_id(conn: Connection, village_id: int, name: str, *, create: bool) -> int | None:
    found = conn.execute(select(area.c.id).where(area.c.village_id == village_id,
                                                 area.c.name == name)).scalar()
    if found is not None or not create:
        return found
    result = conn.execute(insert(area).values(village_id=village_id, name=name))
    return inserted(conn, area, result)


def rename_area(conn: Connection, area_id: int, name: str) -> None:
    conn.execute(update(area).where(area.c.id == area_id).values(name=name))
    touch(conn, area, [area_id])


def household_row(conn: Connection, village_id: int, code: str) -> Any:
    """The household's row, with its area's name as `area` (None if in no area)."""
    return conn.execute(select(household, area.c.name.label("area"))
                        .outerjoin(area, area.c.id == household.c.area_id)
                        .where(household.c.village_id == village_id,
                               household.c.code == code)).first()


def insert_household(conn: Connection, village_id: int, code: str, *, area_id: int | None,
                     door_plate: str | None) -> int:
    result = conn.execute(insert(household).values(village_id=village_id, code=code,
                                                   area_id=area_id, door_plate=door_plate))
    return inserted(conn, household, result)


def update_household(conn: Connection, household_id: int, **values: Any) -> None:
    conn.execute(update(household).where(household.c.id == household_id).values(**values))
    touch(conn, household, [household_id])


def insert_resident(conn: Connection, village_id: int, household_id: int, *, name: str,
                    is_head: bool, at: str, note: str | None = None) -> int:
    result = conn.execute(insert(resident).values(
        village_id=village_id, household_id=household_id, name=name,
        initials=" ".join(sorted(name_initials(name))), is_head=is_head, status="active",
        note=note, created_at=at))
    return inserted(conn, resident, result)


def insert_residents(conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
    insert_many(conn, resident, rows)


def set_resident(conn: Connection, resident_id: int, **values: Any) -> None:
    conn.execute(update(resident).where(resident.c.id == resident_id).values(**values))
    touch(conn, resident, [resident_id])


def _resident_select() -> Select[Any]:
    return (select(resident.c.id, resident.c.name, household.c.code.label("household"),
                   area.c.name.label("area"), resident.c.is_head, resident.c.status,
                   resident.c.initials, household.c.door_plate, resident.c.note)
            .join(household, household.c.id == resident.c.household_id)
            .outerjoin(area, area.c.id == household.c.area_id))


def _resident_from(row: Any) -> Resident:
    return Resident(id=ResidentId(row.id), name=row.name, household=row.household,
                    area=row.area or "", is_head=bool(row.is_head), status=row.status,
                    initials=frozenset(row.initials.split()), door_plate=row.door_plate,
                    note=row.note)


_RESIDENT_BY_ID = _resident_select().where(resident.c.village_id == bindparam("village_id"),
                                           resident.c.id == bindparam("resident_id"))


def residents(conn: Connection, village_id: int, *, name: str | None = None,
              household_code: str | None = None, resident_id: int | None = None
              ) -> list[Resident]:
    if resident_id is not None and name is None and household_code is None:
        # One resident (each deed checked on the entry screen): the statement built once.
        return [_resident_from(r) for r in conn.execute(
            _RESIDENT_BY_ID, {"village_id": village_id, "resident_id": resident_id})]
    query = _resident_select().where(resident.c.village_id == village_id)
    if name is not None:
        query = query.where(resident.c.name == normalize_name(name))
    if household_code is not None:
        query = query.where(household.c.code == household_code)
    if resident_id is not None:
        query = query.where(resident.c.id == resident_id)
    rows = conn.execute(query.order_by(area.c.name, household.c.code, resident.c.is_head.desc(),
                                       resident.c.id))
    return [_resident_from(r) for r in rows]


# The roster in board order (area, household, head first) with only the columns a tally row
# names; built once, not per tally (bench/bench_tally.py).
_NAMED = (select(resident.c.id, resident.c.name, household.c.code,
                 func.coalesce(area.c.name, ""))
          .join(household, household.c.id == resident.c.household_id)
          .outerjoin(area, area.c.id == household.c.area_id)
          .where(resident.c.village_id == bindparam("village"))
          .order_by(area.c.name, household.c.code, resident.c.is_head.desc(), resident.c.id))
_REFS = _NAMED.add_columns(resident.c.status)


def named(conn: Connection, village_id: int) -> list[Named]:
    """The roster as the tally names it (core.tally.Named), in board order."""
    return plain_rows(conn, _NAMED, {"village": village_id})


def resident_refs(conn: Connection, village_id: int) -> list[ResidentRef]:
    """The roster in board order, with each resident's status."""
    return [ResidentRef(*row) for row in conn.execute(_REFS, {"village": village_id})]


def active_ids(conn: Connection, village_id: int) -> set[int]:
    """The residents still living in the village (the board shows only them)."""
    return {rid for rid, in plain_rows(conn, select(resident.c.id).where(
        resident.c.village_id == bindparam("village"), resident.c.status == "active"),
        {"village": village_id})}


def door_plates(conn: Connection, village_id: int) -> dict[str, str]:
    """Each household's door plate, by household code; households without one left out."""
    return dict(plain_rows(conn, select(household.c.code, household.c.door_plate).where(
        household.c.village_id == bindparam("village"), household.c.door_plate.is_not(None),
        household.c.door_plate != ""), {"village": village_id}))


def areas(conn: Connection, village_id: int) -> list[str]:
    return list(conn.execute(select(area.c.name).where(area.c.village_id == village_id)
                             .order_by(area.c.name)).scalars())


def households(conn: Connection, village_id: int) -> list[Any]:
    return list(conn.execute(
        select(household.c.id, household.c.code, household.c.door_plate,
               area.c.name.label("area"))
        .outerjoin(area, area.c.id == household.c.area_id)
        .where(household.c.village_id == village_id).order_by(household.c.code)))
