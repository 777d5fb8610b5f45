"""What the three imports (roster, deeds, ratings) share: the plan of a checked file, problems
pointed at their column, and household codes that a number cell lost its zeros from."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic

from village_tally.core.problem import Field, Problem
from village_tally.exchange.header import Table
from village_tally.exchange.rows import P, Row, place, rejects_path, write_rejects
from village_tally.services.changes import Changes
from village_tally.services.output import output

# The column of an imported sheet (exchange.header's field keys) that holds a domain field:
# a problem from the shared checks is shown at that column of its row.
COLUMN_OF: dict[Field, str] = {
    Field.NAME: "name", Field.HOUSEHOLD: "household", Field.DATE: "date", Field.RULE: "rule",
    Field.TEXT: "deed", Field.QUANTITY: "quantity", Field.POINTS: "points",
    Field.RECORDER: "recorder", Field.SHEET: "sheet", Field.LINE: "line", Field.NOTE: "note",
    Field.OVERRIDE: "override", Field.AREA: "area", Field.DOOR_PLATE: "door_plate",
    Field.QUARTER: "quarter",
}


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import wrote."""

    kind: str
    file: str
    sheet: str | None
    added: int
    present: int
    rejected: int
    rejects_file: str | None
    backup_file: str | None
    deed_ids: tuple[int, ...]
    ignored: tuple[str, ...]
    changes: Changes


@dataclass
class Plan(Generic[P]):
    """A checked file: its table and its rows, each with what to write if it is good (an
    import of deeds keeps no row for a deed it handed to its sink by column: only the rows
    present, refused or checked in full; the sink counts what it wrote)."""

    table: Table
    rows: list[Row[P]]

    @property
    def problems(self) -> list[Problem]:
        return [p for r in self.rows for p in r.problems]


def relocate(table: Table, r: Row[Any], problems: Sequence[Problem]) -> list[Problem]:
    """Problems from the shared checks, each at its row and at the column of the field it
    names (with the cell's text), or at the row alone when the sheet has no such column."""
    out = []
    for p in problems:
        name = COLUMN_OF.get(p.where.field) if p.where.field else None
        if name is None or name not in table.columns:
            out.append(Problem.at(p.code, place(table, r.row), **p.params))
            continue
        params = dict(p.params)
        params.setdefault("cell", r.cells.get(name, ""))
        out.append(Problem.at(p.code, place(table, r.row, name), **params))
    return out


def write_rejected(source: Path, table: Table, rejected: list[Row[Any]], lang: str) -> str:
    """The rejected rows with their reasons, beside the source (--valid-only); a source on a
    read-only or full disk is said plainly, and the import writes nothing."""
    with output(rejects_path(source), Field.FILE):
        return str(write_rejects(source, table, rejected, lang))


def count(plan: Plan[Any], status: str) -> int:
    return sum(1 for r in plan.rows if r.status == status)


def number_index(codes: set[str]) -> dict[str, list[str]]:
    """Household codes by their number without leading zeros ('0012' under '12')."""
    index: dict[str, list[str]] = {}
    for code in codes:
        if code.isdigit():
            index.setdefault(code.lstrip("0"), []).append(code)
    return index


def unpadded(codes: set[str], index: dict[str, list[str]], number: str) -> str:
    """Match a household code that a number cell lost its leading zeros from."""
    if number in codes or not number.isdigit():
        return number
    found = index.get(number.lstrip("0"), [])
    return found[0] if len(found) == 1 else number
