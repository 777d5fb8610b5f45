"""What the three imports (roster, deeds, ratings) share: the plan of a checked file, problems
pointed at their column, and household codes that a number cell lost its zeros from."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from village_tally.core.problem import Problem
from village_tally.exchange.header import Table
from village_tally.exchange.rows import Row, place
from village_tally.services.changes import Changes

# Which column a problem from the shared checks is about.
FIELD_OF = {
    "resident.unknown": "name", "resident.ambiguous": "name", "resident.inactive": "name",
    "resident.not_in_household": "household", "name.empty": "name",
    "name.lost_character": "name", "date.future": "date", "deed.month_closed": "date",
    "deed.recorder_missing": "recorder", "rule.unknown": "rule", "rule.inactive": "rule",
    "deed.quantity_too_fine": "quantity", "deed.points_mismatch": "points",
    "deed.rule_or_points": "rule", "deed.text_missing": "deed", "deed.cap_reached": "quantity",
    "deed.duplicate_line": "line", "deed.line_without_sheet": "sheet",
    "deed.line_invalid": "line", "deed.document_required": "sheet",
    "household.empty": "household", "household.unknown": "household",
    "quarter.invalid": "quarter",
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
class Plan:
    table: Table
    rows: list[Row]

    @property
    def problems(self) -> list[Problem]:
        return [p for r in self.rows for p in r.problems]


def relocate(table: Table, r: Row, problems: Sequence[Problem]) -> list[Problem]:
    """Problems from the shared checks, pointed at the column they are about."""
    out = []
    for p in problems:
        name = FIELD_OF.get(p.code)
        if name is None and p.code.startswith("rating."):
            name = p.params.get("field")
        if name and name in table.columns:
            params = dict(p.params)
            params.setdefault("cell", r.cells.get(name, ""))
            out.append(Problem.at(p.code, place(table, r.row, name), **params))
        else:
            out.append(p)
    return out


def count(plan: Plan, status: str) -> int:
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
