"""The rows that decide points or their meaning, bound to the audit chain.

Every write that changes such a row records, in its own audit entry, the row as it is after the
change (`recorded`); `verify` replays the entries into the rows the tables must hold and compares
(store/verify.py). The repository marks what it writes (`touch`), so no service can forget.
Deeds are bound by their digest instead (store/digest.py), months by their close (seals).

Adding a table is one line in BOUND (and `touch` where the repository writes it).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, CursorResult, Table, func, insert, select

from village_tally.core.problem import Phrase
from village_tally.store.schema import (
    approval,
    area,
    household,
    rating,
    resident,
    rule,
    user,
    village,
    void,
)


@dataclass(frozen=True, slots=True)
class Bound:
    """A table bound to the chain, and how a report names one of its rows: the message code
    (`verify.what.<table>`) and its parameters, each taken from a column."""

    table: Table
    label: tuple[tuple[str, str], ...]

    @property
    def name(self) -> str:
        return self.table.name

    def phrase(self, row: Mapping[str, Any]) -> Phrase:
        return Phrase.of(f"verify.what.{self.name}",
                         **{param: row.get(col) for param, col in self.label})


BOUND: tuple[Bound, ...] = (
    Bound(village, (("name", "name"),)),
    Bound(rule, (("code", "code"),)),
    Bound(area, (("name", "name"),)),
    Bound(household, (("code", "code"),)),
    Bound(resident, (("name", "name"), ("id", "id"))),
    Bound(user, (("name", "name"),)),
    Bound(void, (("deed", "deed_id"),)),
    Bound(approval, (("deed", "deed_id"),)),
    Bound(rating, (("household", "household_id"), ("quarter", "quarter"),
                   ("category", "category"))),
)
BY_NAME = {b.name: b for b in BOUND}

_TOUCHED = "vt_touched"  # in the connection's info: table name -> ids written


def begin(conn: Connection) -> None:
    """Start a write: nothing touched yet."""
    conn.info.pop(_TOUCHED, None)


def touch(conn: Connection, table: Table, ids: Iterable[int]) -> None:
    """The repository wrote these rows (inserted or changed) in this transaction."""
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


def rows_of(conn: Connection, table: Table, ids: Iterable[int] | None = None
            ) -> list[list[Any]]:
    """The rows as an audit entry records them: the column names, then each row's values."""
    names = [c.name for c in table.columns]
    out: list[list[Any]] = [names]
    if ids is None:
        out += [list(r) for r in conn.execute(select(table).order_by(table.c.id))]
        return out
    wanted = sorted(ids)
    for start in range(0, len(wanted), 500):
        out += [list(r) for r in conn.execute(
            select(table).where(table.c.id.in_(wanted[start:start + 500]))
            .order_by(table.c.id))]
    return out


def recorded(conn: Connection) -> dict[str, list[list[Any]]]:
    """The rows this transaction touched, as they are now, by table: the `state` of its audit
    entry. Clears the marks."""
    touched: dict[str, set[int]] = conn.info.pop(_TOUCHED, {})
    return {b.name: rows_of(conn, b.table, touched[b.name])
            for b in BOUND if touched.get(b.name)}


def everything(conn: Connection) -> dict[str, list[list[Any]]]:
    """Every bound row (a baseline)."""
    return {b.name: rows_of(conn, b.table) for b in BOUND}
