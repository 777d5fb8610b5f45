"""The rows that decide points or their meaning, bound to the audit chain.

Every write that changes such a row records, in its own audit entry, the row as it is after the
change (`recorded`); `verify` replays the entries into the rows the tables must hold and compares
(store/verify.py). The repository marks what it writes (`touch`), so no service can forget.
Deeds are bound by their digest instead (store/digest.py), months by their close (seals).

Adding a table is one line in BOUND (and `touch` where the repository writes it). The lockout
counts of wrong PINs are not bound: they change without a person's action and decide nothing
about points (a wrong PIN is audited as it happens).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, CursorResult, Table, func, insert, select

from village_tally.core.problem import Phrase
from village_tally.store.schema import (
    answer,
    approval,
    area,
    hand_tally,
    household,
    lapse,
    notice,
    objection,
    person,
    person_area,
    pin,
    rating,
    recovery,
    resident,
    rule,
    village,
    void,
)


@dataclass(frozen=True, slots=True)
class Bound:
    """A table bound to the chain, and how a report names one of its rows: the message code
    (`verify.what.<table>`) and its parameters, each taken from a column (or, for a column in
    `names`, from the name of the row that column points at: a person's, an area's).

    `key` identifies a row; `group` is what a write touches it by: all the rows of a touched
    group are recorded as they are after the change, so a row the write removed (an area taken
    from a person) is gone from the record too. Rows of a table whose group is its key are
    never removed."""

    table: Table
    label: tuple[tuple[str, str], ...]
    key: tuple[str, ...] = ("id",)
    group: str = "id"
    names: tuple[tuple[str, Table], ...] = ()
    # Columns recorded as a digest of their value, never the value (a PIN's salted hash: the
    # audit log does not hold what a PIN could be guessed against).
    secret: tuple[str, ...] = ()
    # Columns a later migration added, with the value it gave every row already there: a row
    # recorded before them holds that value (verify compares it as recorded).
    added: tuple[tuple[str, Any], ...] = ()

    def as_recorded(self, row: dict[str, Any]) -> dict[str, Any]:
        """A row read back from an entry, with the columns added since it was written."""
        for column, value in self.added:
            row.setdefault(column, value)
        return row

    def recorded_row(self, row: Mapping[str, Any]) -> dict[str, Any]:
        """A row as an audit entry records it (secret columns as digests)."""
        if not self.secret:
            return dict(row)
        return {k: (secret_digest(v) if k in self.secret else v) for k, v in row.items()}

    @property
    def name(self) -> str:
        return self.table.name

    @property
    def grouped(self) -> bool:
        return self.key != (self.group,)

    def key_of(self, row: Mapping[str, Any]) -> tuple[Any, ...]:
        if len(self.key) == 1:  # most tables: read once per row by verify and the replay
            return (row[self.key[0]],)
        return tuple(row[k] for k in self.key)

    def phrase(self, row: Mapping[str, Any]) -> Phrase:
        return Phrase.of(f"verify.what.{self.name}",
                         **{param: row.get(col) for param, col in self.label})


BOUND: tuple[Bound, ...] = (
    Bound(village, (("name", "name"),)),
    # 0006: a cap's period and the months after which deductions lapse (信用修复)
    Bound(rule, (("code", "code"),), added=(("cap_period", "month"), ("lapse_months", None))),
    Bound(area, (("name", "name"),)),
    Bound(household, (("code", "code"),)),
    Bound(resident, (("name", "name"), ("id", "id"))),
    Bound(void, (("deed", "deed_id"),)),
    Bound(approval, (("deed", "deed_id"),)),
    Bound(lapse, (("deed", "deed_id"),)),  # written as a month closes: its close records them
    Bound(rating, (("household", "household_id"), ("quarter", "quarter"),
                   ("category", "category"))),
    # who may do what (#11): people and their roles, their areas, their PINs, the recovery code
    Bound(person, (("name", "name"),)),
    Bound(person_area, (("name", "person_id:name"), ("area", "area_id:name")),
          key=("person_id", "area_id"), group="person_id",
          names=(("person_id", person), ("area_id", area))),
    Bound(pin, (("name", "person_id:name"),), key=("person_id",), group="person_id",
          names=(("person_id", person),), secret=("hash",)),
    Bound(recovery, (), key=("village_id",), group="village_id", secret=("hash",)),
    # the villager's side (#13): notice periods, objections, their answers, hand totals
    Bound(notice, (("month", "month"), ("id", "id"))),
    Bound(objection, (("id", "id"), ("deed", "deed_id"), ("name", "raised_by"))),
    Bound(answer, (("objection", "objection_id"),)),
    Bound(hand_tally, (("month", "month"), ("key", "key"), ("id", "id"))),
)
BY_NAME = {b.name: b for b in BOUND}


def secret_digest(value: Any) -> str | None:
    """What the record keeps of a secret value: its SHA-256 (the salt inside it stays out)."""
    if value is None:
        return None
    return "sha256:" + hashlib.sha256(str(value).encode("utf-8", "surrogateescape")).hexdigest()
# An entry's key naming the groups of grouped tables it touched (their rows were replaced).
CLEARED = "cleared"

_TOUCHED = "vt_touched"  # in the connection's info: table name -> ids written


def begin(conn: Connection) -> None:
    """Start a write: nothing touched yet."""
    conn.info.pop(_TOUCHED, None)


def touch(conn: Connection, table: Table, ids: Iterable[Any]) -> None:
    """The repository wrote these rows (inserted, changed, or for a grouped table removed)
    in this transaction: their ids, or the groups they are in."""
    conn.info.setdefault(_TOUCHED, {}).setdefault(table.name, set()).update(ids)


def max_id(conn: Connection, table: Table) -> int:
    return int(conn.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one())


def touch_since(conn: Connection, table: Table, before: int) -> None:
    """Touch every row a bulk insert added (ids above `before`)."""
    touch(conn, table, conn.execute(select(table.c.id).where(table.c.id > before)).scalars())


def inserted(conn: Connection, table: Table, result: CursorResult[Any]) -> int:
    """The id of the row an insert added, touched for the audit entry."""
    row_id = int(result.inserted_primary_key[0])  # type: ignore[index]
    touch(conn, table, [row_id])
    return row_id


def insert_many(conn: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert rows in one statement, touching them for the audit entry."""
    if rows:
        before = max_id(conn, table)
        conn.execute(insert(table), [dict(r) for r in rows])
        touch_since(conn, table, before)


def rows_of(conn: Connection, b: Bound, groups: Iterable[Any] | None = None
            ) -> list[list[Any]]:
    """The rows as an audit entry records them: the column names, then each row's values (of
    the given groups, else all)."""
    table = b.table
    names = [c.name for c in table.columns]
    order = [table.c[k] for k in b.key]
    out: list[list[Any]] = [names]
    if groups is None:
        out += [_values(b, r) for r in conn.execute(select(table).order_by(*order))]
        return out
    wanted = sorted(groups)
    for start in range(0, len(wanted), 500):
        out += [_values(b, r) for r in conn.execute(
            select(table).where(table.c[b.group].in_(wanted[start:start + 500]))
            .order_by(*order))]
    return out


def _values(b: Bound, row: Any) -> list[Any]:
    if not b.secret:
        return list(row)
    return list(b.recorded_row(row._mapping).values())


def pending(conn: Connection) -> bool:
    """Rows touched in this transaction that no audit entry has recorded yet."""
    return bool(conn.info.get(_TOUCHED))


def recorded(conn: Connection) -> dict[str, Any]:
    """What this transaction touched, for its audit entry: `state`, the touched rows as they
    are now by table, and `cleared`, the groups of grouped tables whose rows those replace.
    Clears the marks."""
    touched: dict[str, set[Any]] = conn.info.pop(_TOUCHED, {})
    state = {b.name: rows_of(conn, b, touched[b.name]) for b in BOUND if touched.get(b.name)}
    cleared = {b.name: sorted(touched[b.name]) for b in BOUND
               if b.grouped and touched.get(b.name)}
    out: dict[str, Any] = {}
    if state:
        out["state"] = state
    if cleared:
        out[CLEARED] = cleared
    return out


def everything(conn: Connection) -> dict[str, list[list[Any]]]:
    """Every bound row (a baseline)."""
    return {b.name: rows_of(conn, b) for b in BOUND}
