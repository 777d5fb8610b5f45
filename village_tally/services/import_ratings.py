"""Importing household ratings: one row per household and quarter, one column per category;
a rating the ledger already holds is 'present'. Written through services.ratings."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Connection

from village_tally.core.problem import Problem, Where
from village_tally.core.rating import Rating
from village_tally.exchange import cell as cells
from village_tally.exchange.header import Table
from village_tally.exchange.rows import (
    NEW,
    PRESENT,
    REJECTED,
    cell_value,
    place,
    start_rows,
)
from village_tally.services import ratings as rating_service
from village_tally.services.changes import NOTHING
from village_tally.services.errors import InputError
from village_tally.services.import_common import (
    ImportResult,
    Plan,
    count,
    number_index,
    unpadded,
    write_rejected,
)
from village_tally.services.jobs import JobControl
from village_tally.services.session import Ledger, read
from village_tally.store import ratings as rating_repo
from village_tally.store import roster as roster_repo

# A ratings row to write: each new rating and where its cell is.
_Rated = list[tuple[Rating, Where]]


def plan_ratings(conn: Connection, ledger: Ledger, table: Table, job: JobControl
                 ) -> Plan[_Rated]:
    categories = [f for f in table.columns if f.startswith("cat:")]
    if not categories:
        choices = ", ".join(c.title_zh for c in ledger.scheme.categories) or "-"
        raise InputError([Problem.at("import.no_ratings", Where(file=table.file,
                                                                 sheet=table.sheet),
                                     choices=choices)])
    households = {row.code for row in roster_repo.households(conn, ledger.village_id)}
    by_number = number_index(households)
    current: dict[str, dict[str, dict[str, int]]] = {}
    rows = []
    for r, raw in start_rows(table, job.step):
        rows.append(r)
        code = cells.household(table.cell(raw, "household"))
        if code and cells.is_number(table.cell(raw, "household")):
            code = unpadded(households, by_number, code)
        quarter = cell_value(table, r, raw, "quarter", cells.quarter, required=True)
        if not code:
            r.problems.append(Problem.at("household.empty", place(table, r.row, "household")))
        elif code not in households:
            r.problems.append(Problem.at("household.unknown", place(table, r.row, "household"),
                                         value=code, cell=code))
        found: list[tuple[Rating, Where]] = []
        for name in categories:
            stars = cell_value(table, r, raw, name, cells.stars)
            if stars is None or quarter is None:
                continue
            rating = Rating(code, quarter, name[4:], stars)
            where = place(table, r.row, name)
            r.problems += rating_problems_at(ledger, rating, where)
            found.append((rating, where))
        if r.problems or quarter is None:
            continue
        if quarter not in current:
            current[quarter] = rating_repo.current_ratings(conn, ledger.village_id, quarter)
        now = current[quarter].get(code, {})
        fresh = [(rt, w) for rt, w in found if now.get(rt.category) != rt.stars]
        if not fresh:
            r.status = PRESENT
        r.payload = fresh
    return Plan(table, rows)


def rating_problems_at(ledger: Ledger, rating: Rating, where: Where) -> list[Problem]:
    return [Problem.at(p.code, where, **{**p.params, "cell": str(rating.stars)})
            for p in rating_service.rating_problems(ledger, rating, where)]


def import_ratings(ledger: Ledger, source: Path, table: Table, *, valid_only: bool,
                    job: JobControl, lang: str, made: Path | None) -> ImportResult:
    with read(ledger) as conn:
        plan = plan_ratings(conn, ledger, table, job)
    for r in plan.rows:
        if r.problems:
            r.status = REJECTED
    rejected = [r for r in plan.rows if r.status == REJECTED]
    if rejected and not valid_only:
        raise InputError(plan.problems)
    job.step(len(plan.rows), len(plan.rows))
    good = [pair for r in plan.rows if r.status == NEW and r.payload for pair in r.payload]
    rejects = write_rejected(source, table, rejected, lang) if rejected else None
    changes = NOTHING
    if good:
        changes = rating_service.set_ratings(ledger, [g[0] for g in good],
                                             source=source.name, wheres=[g[1] for g in good])
    return ImportResult("ratings", source.name, table.sheet, count(plan, NEW),
                        count(plan, PRESENT), len(rejected), rejects,
                        str(made) if made else None, (), table.ignored,
                        changes if good else NOTHING)
