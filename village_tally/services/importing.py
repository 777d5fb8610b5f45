"""Importing the roster, deeds and ratings from .xlsx, .xls, .ods and .csv files.

Two verbs, both keyword-only after the file:

- `preview_import(ledger, kind, path, *, sheet=None, job)` reads and checks without writing and
  returns a `Preview`: the columns found, the ignored headers, one `Candidate` per data row
  (its cell texts, its status 'new' | 'present' | 'rejected', its problems) and every `Problem`,
  each with file, sheet, row, column letter and header (and the cell text as `cell`).
- `import_file(ledger, kind, path, *, sheet, valid_only, approve_as, job, lang)` backs up the
  village file, then reads, checks and writes inside ONE `session.write` block (one transaction,
  one audit entry naming the deeds) and returns an `ImportResult`. Problems raise `InputError`
  with all of them and nothing is written, unless `valid_only`: then the good rows go in and the
  rejected ones are written with their reasons to `<name>.rejected.xlsx` beside the source.
  `approve_as` is a ledger signed in as the person who approves the deeds that need it (not
  the importer).

Each kind takes the authority of the hand-made change (IMPORT_ACTIONS); a gatherer imports
only deeds for residents of her areas, recorded by herself. Deeds are checked by
`services.deeds.check_in` (the hand-entry rules), with caps and approval thresholds counted
across earlier rows of the same file. Imports are idempotent: each deed carries an import key (the
file's ID column plus the deed's content, else a hash of the content, the file name and the
sheet), and keys the ledger already holds are skipped as 'present'. `job.step` reports progress
and raises `Cancelled` before anything is committed.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import nullcontext
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from village_tally.core.authority import Action
from village_tally.core.names import normalize_name
from village_tally.core.person import Person
from village_tally.core.problem import Field, ParseError, Problem, Where
from village_tally.exchange import cell as cells
from village_tally.exchange.header import (
    DEED_FIELDS,
    RATING_FIELDS,
    ROSTER_FIELDS,
    Table,
    lookup_table,
    normalize_header,
    read_table,
)
from village_tally.exchange.rows import (
    NEW,
    PRESENT,
    REJECTED,
    Row,
    cell_value,
    place,
    problem_text,
    rejects_path,
    start_rows,
    write_rejects,
)
from village_tally.exchange.sheet import read_grid
from village_tally.services import collector
from village_tally.services.changes import DEEDS, NOTHING, ROSTER
from village_tally.services.errors import InputError, refuse
from village_tally.services.import_common import (
    ImportResult,
    Plan,
    count,
    relocate,
    write_rejected,
)
from village_tally.services.import_deeds import DeedSink, deed_columns_problems, plan_deeds
from village_tally.services.import_ratings import import_ratings, plan_ratings
from village_tally.services.jobs import NO_JOB, JobControl
from village_tally.services.roster import NewResident, add_residents_in, roster_problems
from village_tally.services.session import FixedClock, Ledger, backup, read, write
from village_tally.store import roster as roster_repo

KINDS = ("roster", "deeds", "ratings")
EXPORT_SHEETS = {"roster": ("村民", "Roster"), "deeds": ("积分记录", "Deeds"),
                 "ratings": ("评星", "Ratings")}
_RESIDENT_STATUS = {"moved": "moved", "迁出": "moved", "moved away": "moved",
                    "deceased": "deceased", "died": "deceased", "去世": "deceased",
                    "active": "active", "在册": "active", "": "active"}


@dataclass(frozen=True, slots=True)
class Candidate:
    """One data row: its spreadsheet row number, its cells as text by field, what happens."""

    row: int
    cells: Mapping[str, str]
    status: str  # new | present | rejected
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True, slots=True)
class Preview:
    """What an import would do, without writing anything."""

    kind: str
    file: str
    sheet: str | None
    header_row: int
    columns: tuple[tuple[str, str, str], ...]  # (field, column letter, header as written)
    ignored: tuple[str, ...]
    rows: tuple[Candidate, ...]
    problems: tuple[Problem, ...]

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r.status == status)


# What each kind of import takes (invariant 8): the same authority as the hand-made change.
IMPORT_ACTIONS = {"roster": Action.IMPORT_ROSTER, "deeds": Action.IMPORT_DEEDS,
                  "ratings": Action.IMPORT_RATINGS}


# --- public verbs --------------------------------------------------------------------------

# Python's cycle collector paused while a file is checked (preview) or imported. Both make
# millions of objects that live until they end (the sheet's cells, a Row per data row) and
# almost no cycles, so each collection walks them all for nothing: a seventh of a 200,000-row
# import (bench/bench_import.py), with the same peak memory.
@collector.paused
def preview_import(ledger: Ledger, kind: str, path: str | Path, *, sheet: str | None = None,
                   job: JobControl = NO_JOB, approve_as: Ledger | None = None,
                   repeats: bool = False) -> Preview:
    """Read and check a file without writing: the rows to be imported and every problem."""
    table = _load(ledger, kind, Path(path), sheet)
    with read(ledger) as conn:
        plan = _plan(conn, ledger, kind, table, job=job, approver=_approver(ledger, approve_as),
                     repeats=repeats)
    return _preview(kind, plan)


@collector.paused
def import_file(ledger: Ledger, kind: str, path: str | Path, *, sheet: str | None = None,
                valid_only: bool = False, approve_as: Ledger | None = None,
                repeats: bool = False, job: JobControl = NO_JOB, lang: str = "zh"
                ) -> ImportResult:
    """Import a file atomically (see the module docstring). `repeats`: deeds on rows
    identical to an earlier row are each a deed of their own (else such a row is refused,
    naming the row it repeats)."""
    needs = IMPORT_ACTIONS.get(kind)
    if needs is not None:  # before the file is read: a refusal says so at once
        ledger.require(needs)
    approver = _approver(ledger, approve_as)
    source = Path(path)
    table = _load(ledger, kind, source, sheet)
    at = ledger.now()
    ledger = replace(ledger, clock=FixedClock.of(at))  # one import, one timestamp
    job.step(0, len(table.rows))  # stopped already (the window closing): not even a backup
    made = backup(ledger, f"import-{kind}")
    rejects: str | None = None
    if kind == "ratings":
        return import_ratings(ledger, source, table, valid_only=valid_only, job=job,
                               lang=lang, made=made)
    with write(ledger, "import", kind, needs=IMPORT_ACTIONS[kind]) as w:
        ledger = ledger.acting_as(w.actor)  # the importer as the ledger says now
        # An error or a cancel stops the deeds' writer thread (if one runs) before the
        # transaction rolls back.
        with DeedSink(w.conn, ledger) if kind == "deeds" else nullcontext() as sink:
            plan = _plan(w.conn, ledger, kind, table, job=job, approver=approver, sink=sink,
                         repeats=repeats)
            if sink is not None:
                sink.finish(plan)
        rejected = [r for r in plan.rows if r.status == REJECTED]
        if rejected and not valid_only:
            raise InputError(plan.problems)  # nothing is committed (invariant 5)
        job.step(len(table.rows), len(table.rows))
        if sink is None:
            good = [r for r in plan.rows if r.status == NEW]
            added, ids, changes = _write_roster(w.conn, ledger, good), [], ROSTER
        else:
            ids = sink.ids
            w.deed_ids.extend(ids)
            w.deeds_digest = sink.digest.hexdigest()
            added, changes = len(ids), DEEDS
        if rejected:
            rejects = write_rejected(source, table, rejected, lang)
        w.entity_id = source.name
        w.details = {"file": source.name, "sheet": table.sheet, "added": added,
                     "present": count(plan, PRESENT), "rejected": len(rejected),
                     "approve_as": approver.name if approver is not None else None}
        if repeats:  # the person said identical rows are separate deeds: on the record
            w.details["repeats"] = True
    return ImportResult(kind, source.name, table.sheet, added, count(plan, PRESENT),
                        len(rejected), rejects, str(made) if made else None, tuple(ids),
                        table.ignored, changes if added else NOTHING)

def _approver(ledger: Ledger, approve_as: Ledger | None) -> Person | None:
    """The person signed in to approve the imported deeds that need it: someone who may
    approve, and never the importer (who typed them in)."""
    if approve_as is None:
        return None
    approve_as.require(Action.APPROVE)
    person = approve_as.actor
    assert person is not None
    if ledger.actor is not None and person.id == ledger.actor.id:
        raise InputError([Problem.at("import.approver_is_importer", Where(field=Field.PERSON),
                                     name=person.name)])
    return person


# --- reading -------------------------------------------------------------------------------

def _lookup(ledger: Ledger, kind: str) -> dict[str, str]:
    if kind == "roster":
        return lookup_table(ROSTER_FIELDS)
    if kind == "deeds":
        return lookup_table(DEED_FIELDS)
    if kind == "ratings":
        table = lookup_table(RATING_FIELDS)
        for c in ledger.scheme.categories:
            for word in (c.code, c.title_zh, c.title_en):
                table.setdefault(normalize_header(word), f"cat:{c.code}")
        return table
    raise InputError([Problem.at("import.kind_unknown", Where(field=Field.KIND), value=kind)])


def _load(ledger: Ledger, kind: str, path: Path, sheet: str | None) -> Table:
    lookup = _lookup(ledger, kind)
    try:
        grid = read_grid(path, sheet=sheet, prefer=EXPORT_SHEETS[kind])
    except ParseError as exc:
        raise InputError([exc.problem()]) from None  # the message names the file
    try:
        table = read_table(grid, kind, lookup)
    except ParseError as exc:
        where = Where(file=grid.file, sheet=grid.sheet)
        if sheet is None and grid.hidden_sheets:  # say which sheets were not read, and why
            raise InputError([Problem.at("file.no_header_hidden", where, **exc.params,
                                         hidden=grid.hidden_sheets)]) from None
        raise InputError([exc.problem(where)]) from None
    if kind == "deeds":
        refuse(deed_columns_problems(table))  # once for the sheet, not once per row
    return table




def _plan(conn: Connection, ledger: Ledger, kind: str, table: Table, *, job: JobControl,
          approver: Person | None, sink: DeedSink | None = None, repeats: bool = False
          ) -> Plan[Any]:
    plan: Plan[Any]
    if kind == "roster":
        plan = _plan_roster(conn, ledger, table, job)
    elif kind == "deeds":
        plan = plan_deeds(conn, ledger, table, job=job, approver=approver, sink=sink,
                          repeats=repeats)
    else:
        plan = plan_ratings(conn, ledger, table, job)
    for r in plan.rows:
        if r.problems:
            r.status = REJECTED
    return plan


def _preview(kind: str, plan: Plan[Any]) -> Preview:
    t = plan.table
    return Preview(kind, t.file, t.sheet, t.header_row,
                   tuple((c.field, c.letter, c.header) for c in t.columns.values()), t.ignored,
                   tuple(Candidate(r.row, dict(r.cells), r.status, tuple(r.problems))
                         for r in plan.rows), tuple(plan.problems))



# --- roster --------------------------------------------------------------------------------

# A roster row to write: the person, and their status ('active', 'moved', 'deceased').
_RosterLine = tuple[NewResident, str]


def _plan_roster(conn: Connection, ledger: Ledger, table: Table, job: JobControl
                 ) -> Plan[_RosterLine]:
    known = {(p.name, p.household) for p in roster_repo.residents(conn, ledger.village_id)}
    seen: dict[tuple[str, str], tuple[int, tuple[str, ...]]] = {}  # key → row, its cells
    rows: list[Row[_RosterLine]] = []
    for r, raw in start_rows(table, job.step):
        name = cells.text(table.cell(raw, "name"))
        code = cells.household(table.cell(raw, "household"))
        head = cell_value(table, r, raw, "head", _head) or False
        status = cell_value(table, r, raw, "status", _resident_status) or "active"
        person = NewResident(name=name, household=code,
                             area=r.cells.get("area") or None, head=head,
                             door_plate=r.cells.get("door_plate") or None,
                             note=r.cells.get("note") or None)
        r.problems += relocate(table, r, roster_problems(person, place(table, r.row)))
        key = (normalize_name(name), normalize_name(code))
        written = tuple(r.cells.get(f, "") for f in table.columns)
        if key in seen and not r.problems:  # the file names one person twice: say so
            first, before = seen[key]
            r.problems.append(Problem.at(
                "import.same_as_row" if written == before else "import.person_twice",
                place(table, r.row), first=first, name=key[0], household=key[1]))
        elif not r.problems and key in known:
            r.status = PRESENT
        seen.setdefault(key, (r.row, written))
        r.payload = (person, status)
        rows.append(r)
    return Plan(table, rows)


def _head(value: Any) -> bool:
    word = normalize_name(cells.text(value))
    if word in ("户主", "本人"):
        return True
    if word in ("妻", "夫", "子", "女", "父", "母", "儿子", "女儿", "配偶", "孙子", "孙女",
                "儿媳", "女婿", "母亲", "父亲", "之妻", "之子", "之女"):
        return False
    return cells.flag(value)


def _resident_status(value: Any) -> str:
    word = normalize_name(cells.text(value)).lower()
    if word not in _RESIDENT_STATUS:
        raise ParseError("cell.status_unknown", value=cells.text(value))
    return _RESIDENT_STATUS[word]


def _write_roster(conn: Connection, ledger: Ledger, good: list[Row[_RosterLine]]) -> int:
    lines = [r.payload for r in good if r.payload is not None]
    added = add_residents_in(conn, ledger, [person for person, _ in lines])
    for person, status in lines:
        if status != "active":
            for found in roster_repo.residents(conn, ledger.village_id, name=person.name,
                                        household_code=normalize_name(person.household)):
                roster_repo.set_resident(conn, found.id, status=status)
    return added

__all__ = ["KINDS", "Candidate", "ImportResult", "Preview", "import_file", "preview_import",
           "problem_text", "rejects_path", "write_rejects"]
