"""Importing deeds: each row checked by the hand-entry rules (services.deeds.check_in) with the
roster, caps and paper lines loaded in bulk, caps counted across earlier rows of the same file,
and the good rows written chunk by chunk inside the import's one transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import Connection

from village_tally.core.authority import Action, Target, may, refusals
from village_tally.core.deed import DeedId, NewDeed, Resident, Source, id_number
from village_tally.core.month import Month
from village_tally.core.names import normalize_name
from village_tally.core.person import Person
from village_tally.core.problem import Field, ParseError, Problem, Where
from village_tally.core.text import text_problems
from village_tally.exchange import cell as cells
from village_tally.exchange.header import Table
from village_tally.exchange.rows import (
    NEW,
    PRESENT,
    REJECTED,
    Row,
    cell_value,
    import_key,
    new_row,
    place,
    spots,
)
from village_tally.services.deeds import ONE, DeedInput, Lookups, Running, check_in
from village_tally.services.import_common import Plan, number_index, relocate, unpadded
from village_tally.services.import_overlap import Overlap
from village_tally.services.import_plain import Chunk, PlainRows, plain_sheet
from village_tally.services.jobs import JobControl
from village_tally.services.session import Ledger
from village_tally.store import db as store_db
from village_tally.store import deeds as deed_repo
from village_tally.store import digest as store_digest
from village_tally.store import exchange as bulk
from village_tally.store import months as month_repo
from village_tally.store import people as people_repo
from village_tally.store import roster as roster_repo

CHUNK = 2000  # rows checked together (their keys, caps and lines looked up at once)
# Checked deeds written together. SQLite's cost per INSERT ... SELECT falls with its size
# (bench/bench_import.py's floor: 2,000 at a time is 40% slower than 50,000), but the last
# batch is written after the last row is checked, while the person waits: 20,000 halves
# that wait for a few statements more on the writer thread.
STAGE = 20_000
_NO_CELLS: dict[str, str] = {}
_VOID_WORDS = {"void", "已作废", "作废"}
_STATUS_WORDS = {"approved", "pending", "已审批", "待审批", "审批", ""} | _VOID_WORDS

@dataclass(frozen=True, slots=True)
class _DeedPlan:
    """A good row: the deed to write, and what the file says happened to it since."""

    deed: NewDeed
    approve_by: str | None
    void: tuple[str, str] | None  # (reason, by)
    file_id: str | None
    adjusts: str | None
    replaces: str | None


class _BulkLookups(Lookups):
    """The facts `check_in` reads, loaded in bulk (the roster once; caps and paper lines per
    chunk of rows) inside the import's transaction, instead of four queries per row."""

    def __init__(self, conn: Connection, ledger: Ledger) -> None:
        super().__init__(conn, ledger.village_id)
        self._people: dict[str, list[Resident]] = {}
        for person in roster_repo.residents(conn, ledger.village_id):
            self._people.setdefault(person.name, []).append(person)
        self._codes = {p.household for group in self._people.values() for p in group}
        self._by_number = number_index(self._codes)
        self._closed = month_repo.last_closed_month(conn, ledger.village_id)
        self._counted = [ledger.rule_ids[r.code] for r in ledger.scheme.rules
                         if r.monthly_cap is not None or r.approval_above is not None]
        self._capped = [r for r in ledger.scheme.rules
                        if r.monthly_cap is not None and r.cap_period != "month"]
        self._usage: dict[tuple[int, int, Month], tuple[int, int]] = {}
        self._persons = {p.name: p for p in people_repo.people(conn, ledger.village_id)}
        self._lines: dict[tuple[str, int], int] = {}
        self._months: set[Month] = set()
        self._sheets: set[str] = set()
        # Where caps' counts, lines taken and import keys are asked for: the import's own
        # connection, or beside it one that sees the ledger as it was before the import
        # (while the import's connection writes on a thread of its own; plan_deeds).
        self.reader = conn

    def prefetch(self, dates: Iterable[dt.date], sheets: Iterable[str]) -> None:
        """Read the caps' counts for the months of these dates and the lines taken on these
        paper sheets (once each)."""
        # a cap counts the months of its quarter or year: those are read too
        months = {w + i for m in {Month.of(d) for d in dates} for w, n in self._windows(m)
                  for i in range(n)} - self._months
        sheets = {normalize_name(s) for s in sheets} - self._sheets
        if months:
            self._usage.update(bulk.rule_usage(self.reader, self.village_id, sorted(months),
                                               self._counted))
            self._months |= months
        if sheets:
            self._lines.update(bulk.lines_taken(self.reader, self.village_id, sorted(sheets)))
            self._sheets |= sheets

    def _windows(self, month: Month) -> list[tuple[Month, int]]:
        return [(month, 1)] + [(first, last.since(first) + 1) for first, last in
                               {r.cap_window(month) for r in self._capped}]

    def residents_named(self, name: str) -> list[Resident]:
        return self._people.get(name, [])

    def household_code(self, number: str) -> str:
        """The roster's code for a household written as a number cell: 12 → '0012' when
        exactly one code reads as 12 and none is '12' itself."""
        return unpadded(self._codes, self._by_number, number)

    def last_closed(self) -> Month | None:
        return self._closed

    def cap_used(self, resident_id: int, rule_id: int, first: Month, last: Month) -> int:
        return sum(self._usage.get((resident_id, rule_id, first + i), (0, 0))[0]
                   for i in range(last.since(first) + 1))

    def line_taken(self, sheet: str, line: int) -> int | None:
        return self._lines.get((sheet, line))

    def points_used(self, resident_id: int, rule_id: int, month: Month) -> int:
        return self._usage.get((resident_id, rule_id, month), (0, 0))[1]

    def person_named(self, name: str) -> Person | None:
        return self._persons.get(name)


@dataclass
class _DeedState:
    """What earlier rows of the same file add to the checks of later ones."""

    lookups: Lookups
    importer: Person | None
    approver: Person | None  # signed in to approve what needs it (never the importer)
    running: Running = field(default_factory=Running)
    lines: dict[tuple[str, int], int] = field(default_factory=dict)
    ids: dict[str, int] = field(default_factory=dict)


def plan_deeds(conn: Connection, ledger: Ledger, table: Table, *, job: JobControl,
                approver: Person | None, sink: DeedSink | None, repeats: bool = False
                ) -> Plan[_DeedPlan]:
    """Check the rows chunk by chunk; with a sink (an import, not a preview) the good rows of
    each chunk are written at once and their raw cells let go, so a 200,000-row file never
    holds more than one chunk of pending work (the transaction still commits at the end).
    A row identical to an earlier one is refused, naming it, unless `repeats` (the person
    said each is a deed of its own)."""
    lookups = _BulkLookups(conn, ledger)
    state = _DeedState(lookups, ledger.actor, approver)
    occurrences: dict[str, tuple[int, int]] = {}
    places = spots(table)
    rows: list[Row[_DeedPlan]] = []
    total = len(table.rows)
    plain = (PlainRows(conn, ledger, table, lookups, running=state.running, lines=state.lines,
                       household_code=lookups.household_code)
             if plain_sheet(table, approver) else None)
    if plain is not None:
        return Plan(table, _plain_rows(conn, ledger, table, state, plain=plain, job=job,
                                       sink=sink, repeats=repeats))
    for start in range(0, total, CHUNK):
        job.step(start, total)
        chunk = []
        repeated: dict[int, int] = {}  # row → the earlier row it is identical to
        for i in range(start, min(start + CHUNK, total)):
            number, raw = table.rows[i]
            r = new_row(table, number, raw, places)
            key, first = import_key(table, r, occurrences)
            if first is not None and not repeats:
                repeated[number] = first
            chunk.append((r, raw, key))
            if sink is not None:
                table.rows[i] = (number, [])  # the raw cells are not needed after this
        keys = [key for _, _, key in chunk]
        same = _same_deeds_by_id(conn, ledger, table, [(r, raw) for r, raw, _ in chunk])
        present = deed_repo.import_keys(conn, keys)
        inputs = [None if key in present or r.cells.get("id") in same or r.row in repeated
                  else _deed_input(table, r, raw, key, lookups) for r, raw, key in chunk]
        lookups.prefetch((d.date for d in inputs if d is not None),
                         (d.source.sheet for d in inputs if d is not None and d.source.sheet))
        for (r, _, key), deed in zip(chunk, inputs, strict=True):
            if key in present or r.cells.get("id") in same:
                r.status = PRESENT
                continue
            if r.row in repeated:  # counted twice only when the person says so
                r.problems.append(Problem.at("import.same_as_row", place(table, r.row),
                                             first=repeated[r.row]))
            else:
                _plan_deed(conn, ledger, table, state, r, deed=deed)
            if r.problems:
                r.status = REJECTED
        rows.extend(r for r, _, _ in chunk)
        if sink is not None:
            sink.write([r for r, _, _ in chunk if r.status == NEW])
            sink.due(total - start - CHUNK)
    return Plan(table, rows)


def _beside(ledger: Ledger, sink: DeedSink | None
            ) -> AbstractContextManager[Connection | None]:
    """A second connection to a SQLite village file, for an import that writes: it sees the
    ledger as it was before the import (its import keys, caps' counts, paper lines: what the
    import's own rows add is counted in memory), so the import's connection can write on a
    thread of its own meanwhile. None for a preview, a server, or a database in memory."""
    if sink is None or store_db.sqlite_path(ledger.engine) is None:
        return nullcontext(None)
    return ledger.engine.connect()  # its faults are the import's (session.write)


def _plain_rows(conn: Connection, ledger: Ledger, table: Table, state: _DeedState, *,
                plain: PlainRows, job: JobControl, sink: DeedSink | None, repeats: bool
                ) -> list[Row[_DeedPlan]]:
    """A plain sheet chunk by chunk; in an import into a SQLite file, each batch of deeds is
    written on a thread of its own while the chunks after it are checked (their import keys,
    caps' counts and lines asked for on a second connection: `_beside`)."""
    assert isinstance(state.lookups, _BulkLookups)
    rows: list[Row[_DeedPlan]] = []
    occurrences: dict[str, tuple[int, int]] = {}
    with _beside(ledger, sink) as reader:
        if reader is not None and sink is not None:
            state.lookups.reader = reader
            sink.overlap()
        for start in range(0, len(table.rows), CHUNK):
            job.step(start, len(table.rows))
            rows += _plan_plain(conn, ledger, table, state, plain=plain, span=(start, CHUNK),
                                occurrences=occurrences, sink=sink, repeats=repeats)
            if sink is not None:
                sink.due(len(table.rows) - start - CHUNK)
        state.lookups.reader = conn
    return rows


def _plan_plain(conn: Connection, ledger: Ledger, table: Table, state: _DeedState, *,
                plain: PlainRows, span: tuple[int, int],
                occurrences: dict[str, tuple[int, int]], sink: DeedSink | None,
                repeats: bool) -> list[Row[_DeedPlan]]:
    """A chunk of a plain sheet (services.import_plain): by column, each row through the
    full check only when the column path cannot vouch for it."""
    part = table.rows[span[0]:span[0] + span[1]]
    chunk = Chunk(plain, part, occurrences)
    assert isinstance(state.lookups, _BulkLookups)
    present = deed_repo.import_keys(state.lookups.reader, chunk.keys)
    state.lookups.prefetch(*chunk.dates_and_sheets())
    places = spots(table)
    out = list[Row[_DeedPlan]]()
    after = 0  # the first row not yet in `out` or the sink
    for i, good in plain.vouch(chunk, present, table.hidden_rows, repeats=repeats):
        if sink is not None:  # in an import the sink holds their columns: no Row for them
            sink.add(good, plain.shared)
        else:
            out += [Row(chunk.numbers[j], chunk.cells(j)) for j in range(after, i)]
        after = i + 1
        if i == chunk.n:
            break
        number, raw = part[i]
        r: Row[_DeedPlan]
        if chunk.keys[i] in present:  # a hidden row is still said to be hidden
            r = (new_row(table, number, raw, places) if number in table.hidden_rows else
                 Row(number, _NO_CELLS if sink else chunk.cells(i)))
            r.status = PRESENT
        else:
            r = new_row(table, number, raw, places)
            _plain_in_full(conn, ledger, table, state, r, at=(plain, chunk, i), raw=raw,
                           first=None if repeats else chunk.firsts[i])
            if r.problems:
                r.status = REJECTED
            elif sink is not None:
                sink.write([r])
        out.append(r)
    if sink is not None:  # the raw cells are not needed after this
        table.rows[span[0]:span[0] + len(part)] = [(number, []) for number, _ in part]
    return out


def _plain_in_full(conn: Connection, ledger: Ledger, table: Table, state: _DeedState,
                   r: Row[_DeedPlan], *, at: tuple[PlainRows, Chunk, int], raw: list[Any],
                   first: int | None) -> None:
    """Row i of a plain chunk the column path did not vouch for (`at`: the path, the chunk,
    i): the earlier row it repeats named, or the full check, whose good answers teach the
    column path."""
    if first is not None:  # counted twice only when the person says so
        r.problems.append(Problem.at("import.same_as_row", place(table, r.row), first=first))
        return
    plain, chunk, i = at
    assert isinstance(state.lookups, _BulkLookups)
    deed = _deed_input(table, r, raw, chunk.keys[i], state.lookups)
    _plan_deed(conn, ledger, table, state, r, deed=deed)
    if deed is not None and r.payload is not None and not r.problems:
        plain.learn(chunk, i, deed, r.payload.deed)


def _plan_deed(conn: Connection, ledger: Ledger, table: Table, state: _DeedState,
               r: Row[_DeedPlan], *, deed: DeedInput | None) -> None:
    """Check one row against the hand-entry rules and the rows before it in the file."""
    void = _void_of(table, r)
    for name, about in _STORED_AS_IS:  # kept as written: checked here, not by check_in
        if name in table.columns:
            r.problems += text_problems({about: r.cells.get(name)}, place(table, r.row, name))
    adjusts, replaces, file_id = _references(table, r, state)
    if deed is None:
        return
    if adjusts is not None:  # a correction of a closed month: free points, no approval
        deed = replace(deed, rule=None, deed_text=deed.deed_text or r.cells.get("rule"))
    checked = check_in(conn, ledger, deed, place(table, r.row), state.running,
                       historical=True, lookups=state.lookups, action=Action.IMPORT_DEEDS)
    r.problems += relocate(table, r, checked.problems)
    line_key = _line_key(deed)
    if line_key is not None and void is None:
        if line_key in state.lines:
            r.problems.append(Problem.at(
                "import.duplicate_line", place(table, r.row, "line"), sheet=line_key[0],
                line=line_key[1], first=state.lines[line_key], cell=r.cells.get("line", "")))
        else:
            state.lines[line_key] = r.row
    new = checked.deed
    if r.problems or new is None:
        return
    if adjusts is not None:  # it takes back a deed of a closed month: never waits
        new = replace(new, needs_approval=False,
                      rule_code=normalize_name(r.cells.get("rule", "")).upper() or None)
    approve_by = (_approval(table, r, state, new, checked.resident)
                  if new.needs_approval else None)
    if r.problems:
        return
    if void is not None:
        void = (void[0], void[1] if may(state.importer, Action.RESTORE) else "")
    else:
        state.running.add(new)
    r.payload = _DeedPlan(new, approve_by, void, file_id, adjusts, replaces)


def _approval(table: Table, r: Row[_DeedPlan], state: _DeedState, new: NewDeed,
              resident: Resident | None) -> str | None:
    """Who approves a deed that needs it, on import: the person signed in to approve (never
    the importer, who typed it in), with the separation of hand approval; or the approval an
    exported ledger's file records, kept only when a secretary moves a ledger's history."""
    written = normalize_name(r.cells.get("approved_by", ""))
    if written:
        if may(state.importer, Action.RESTORE):
            return written
        r.problems.append(Problem.at("import.approval_in_file",
                                     place(table, r.row, "approved_by"), by=written,
                                     cell=written))
        return None
    if state.approver is None:
        return None
    target = Target(resident_id=new.resident,
                    household=resident.household if resident is not None else None,
                    recorder=new.recorder, typist=new.created_by)
    column = "recorder" if "recorder" in table.columns else "name"
    r.problems += [Problem.at(p.code, place(table, r.row, column), **p.params,
                              cell=r.cells.get(column, ""))
                   for p in refusals(state.approver, Action.APPROVE, target)]
    return state.approver.name


_STORED_AS_IS = (("void_reason", Field.REASON), ("voided_by", Field.PERSON),
                 ("approved_by", Field.PERSON))


def _references(table: Table, r: Row[_DeedPlan], state: _DeedState
                ) -> tuple[str | None, str | None, str | None]:
    """The row's own ID and the earlier rows it adjusts or replaces (export round trip)."""
    adjusts = r.cells.get("adjusts") or None
    replaces = r.cells.get("replaces") or None
    for ref, name in ((adjusts, "adjusts"), (replaces, "replaces")):
        if ref is not None and ref not in state.ids:
            r.problems.append(Problem.at("import.reference_unknown",
                                         place(table, r.row, name), value=ref, cell=ref))
    file_id = r.cells.get("id") or None
    if file_id is not None:
        if file_id in state.ids:
            r.problems.append(Problem.at("import.duplicate_id", place(table, r.row, "id"),
                                         value=file_id, first=state.ids[file_id],
                                         cell=file_id))
        else:
            state.ids[file_id] = r.row
    return adjusts, replaces, file_id


def deed_columns_problems(table: Table) -> list[Problem]:
    """A sheet of deeds says what each row is for: a rule's code, or the points and the deed
    in words. Without such columns every row would fail alike; it is said once, with the
    columns the sheet has."""
    if "rule" in table.columns or ("points" in table.columns and "deed" in table.columns):
        return []
    found = tuple(c.header for c in sorted(table.columns.values(), key=lambda c: c.index))
    return [Problem.at("import.no_rule_column",
                       Where(file=table.file, sheet=table.sheet, row=table.header_row),
                       found=found + table.ignored)]


def _deed_input(table: Table, r: Row[_DeedPlan], raw: list[Any], key: str,
                lookups: _BulkLookups) -> DeedInput | None:
    before = len(r.problems)
    date1904 = table.date1904
    day = cell_value(table, r, raw, "date", lambda v: cells.date(v, date1904=date1904),
               required=True)
    name = r.cells.get("name", "")
    if "?" in name or "\ufffd" in name:
        r.problems.append(Problem.at("name.lost_character", place(table, r.row, "name"),
                                     value=name, cell=name))
    quantity = cell_value(table, r, raw, "quantity", cells.quantity)
    # Without a rule column each row needs its points and its deed in words: an empty
    # cell is named by its column (not 'give a rule, or points and a deed').
    by_points = "rule" not in table.columns
    points = cell_value(table, r, raw, "points", cells.points, required=by_points)
    if by_points and not r.cells.get("deed"):
        r.problems.append(Problem.at("cell.required", place(table, r.row, "deed"), cell=""))
    line = cell_value(table, r, raw, "line", cells.whole)
    household = cell_value(table, r, raw, "household", cells.household)
    if household and cells.is_number(table.cell(raw, "household")):
        household = lookups.household_code(household)
    if len(r.problems) > before or day is None:
        return None
    return DeedInput(
        resident=name, date=day, household=household or None,
        rule=r.cells.get("rule") or None, quantity=quantity if quantity is not None else ONE,
        points=points, deed_text=r.cells.get("deed") or None,
        recorder=r.cells.get("recorder", ""),
        source=_source(r, line, table.file),
        note=r.cells.get("note") or None, override=r.cells.get("override") or None,
        import_key=key)


def _source(r: Row[_DeedPlan], line: int | None, file: str) -> Source:
    """Where the deed came from (invariant 6): this file and row; a deed exported from another
    ledger keeps the source it had there (the file and row it was first imported from, or
    the mark of hand entry); the import's audit entry names this file."""
    sheet = r.cells.get("sheet") or None
    first_file = r.cells.get("source_file") or None
    first_row = r.cells.get("source_row", "")
    if first_file:
        return Source(sheet=sheet, line=line, file=first_file,
                      row=id_number(first_row))
    return Source(sheet=sheet, line=line, file=file, row=r.row)


def _void_of(table: Table, r: Row[_DeedPlan]) -> tuple[str, str] | None:
    if "status" not in table.columns and "void_reason" not in table.columns:
        return None
    status = normalize_name(r.cells.get("status", "")).lower()
    if status not in _STATUS_WORDS:
        r.problems.append(Problem.at("cell.status_unknown", place(table, r.row, "status"),
                                     value=r.cells.get("status", ""),
                                     cell=r.cells.get("status", "")))
        return None
    reason = r.cells.get("void_reason", "").strip()
    if status not in _VOID_WORDS and not reason:
        return None
    if not reason:
        r.problems.append(Problem.at("import.void_reason_missing",
                                     place(table, r.row, "void_reason")))
        return None
    return reason, normalize_name(r.cells.get("voided_by", "")) or ""


def _line_key(deed: DeedInput) -> tuple[str, int] | None:
    if deed.source.sheet and deed.source.line is not None:
        return normalize_name(deed.source.sheet), deed.source.line
    return None


def _same_deeds_by_id(conn: Connection, ledger: Ledger, table: Table,
                      started: list[tuple[Row[_DeedPlan], list[Any]]]) -> set[str]:
    """File IDs that are deeds of this very ledger with the same person, date and points (an
    export of this village imported back into it adds nothing)."""
    if "id" not in table.columns:
        return set()
    wanted: dict[int, Row[_DeedPlan]] = {}
    for r, _ in started:
        text = r.cells.get("id", "")
        number = id_number(text)
        if number is not None:
            wanted[number] = r
    found = bulk.deed_fingerprints(conn, ledger.village_id, list(wanted))
    same = set()
    for deed_id, (name, day, points_h) in found.items():
        r = wanted[deed_id]
        try:
            points = cells.points(r.cells.get("points", "")).hundredths
        except ParseError:
            continue
        if normalize_name(r.cells.get("name", "")) == name and points == points_h and \
                _iso(r.cells.get("date", ""), table.date1904) == day:
            same.add(str(deed_id))
    return same


def _iso(text: str, date1904: bool) -> str | None:
    try:
        return cells.date(text, date1904=date1904).isoformat()
    except ParseError:
        return None


# What the file says happened to a written deed since: its ID there, its approver, its void.
_After = tuple[str | None, str | None, tuple[str, str] | None]
# A batch handed to the writer thread: how many deeds were staged, the lean ones' shared
# values, what happened to each since.
_Batch = tuple[int, deed_repo.Shared | None, list[_After]]


class DeedSink:
    """Writes checked deeds inside the import's transaction, STAGE at a time (SQLite's cost per
    INSERT ... SELECT falls with its size: bench/bench_import.py's floor); deeds that point
    at another row of the file (adjustments, replacements) wait until the end, when their
    targets have ids. Approvals and voids from the file (or --approve-as) go in alongside;
    the import's audit entry records them all, and the deeds' digest (store.audit.record).
    A row handed in is let go of at once (its cells and its deed): only its columns wait."""

    def __init__(self, conn: Connection, ledger: Ledger) -> None:
        self.conn = conn
        self.ledger = ledger
        self.ids: list[int] = []
        self.id_of: dict[str, int] = {}
        self.later: list[Row[_DeedPlan]] = []
        self._columns: list[deed_repo.DeedColumns | deed_repo.LeanColumns] = []
        self._shared: deed_repo.Shared | None = None  # the lean columns' shared values
        self._after: list[_After] = []
        self._writer: Overlap[_Batch] | None = None
        self.digest = store_digest.Running()  # of the deeds written, batch by batch

    def __enter__(self) -> DeedSink:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.abandon()  # after `finish` there is nothing to stop

    def write(self, good: list[Row[_DeedPlan]]) -> None:
        village = self.ledger.village_id
        for r in good:
            plan = _plan_of(r)
            if plan.adjusts is not None or plan.replaces is not None:
                self.later.append(r)
                continue
            self._columns.append(deed_repo.deed_columns(village, plan.deed))
            self._after.append((plan.file_id, plan.approve_by, plan.void))
            r.payload = None  # on its way: let the row's deed and cells go
            r.cells = _NO_CELLS
        if len(self._columns) >= STAGE:
            self._flush()

    def add(self, columns: list[deed_repo.LeanColumns], shared: deed_repo.Shared) -> None:
        """Deeds checked by column (services.import_plain), as their own columns; `shared`:
        the columns every deed of the import has alike."""
        if not columns:
            return
        if self._shared != shared:
            self._flush()  # a batch's lean rows share one set of values
            self._shared = shared
        self._columns += columns
        self._after += [(None, None, None)] * len(columns)
        if len(self._columns) >= STAGE:
            self._flush()

    def due(self, left: int) -> None:
        """`left` rows are still to be checked: the deeds waiting are written now if they are
        as many, so the batches shrink towards the end of the file and the last one, written
        while the person waits, is small (at most one chunk's)."""
        if 0 < left <= len(self._columns):
            self._flush()

    def finish(self, plan: Plan[_DeedPlan]) -> None:
        self._flush()
        self._join()
        for r in self.later:
            p = _plan_of(r)
            missing = [ref for ref in (p.adjusts, p.replaces)
                       if ref is not None and ref not in self.id_of]
            for ref in missing:
                r.problems.append(Problem.at("import.reference_unknown",
                                             place(plan.table, r.row), value=ref, cell=ref))
            if missing:
                r.status = REJECTED
                continue
            new = replace(p.deed, adjusts=self._id(p.adjusts), replaces=self._id(p.replaces))
            self._columns.append(deed_repo.deed_columns(self.ledger.village_id, new))
            self._after.append((p.file_id, p.approve_by, p.void))
            r.payload = None
            r.cells = _NO_CELLS
        self._flush()

    def _id(self, ref: str | None) -> DeedId | None:
        return None if ref is None else DeedId(self.id_of[ref])

    def overlap(self) -> None:
        """From now on each batch is written on a thread of its own while the rows after it
        are checked (services.import_overlap); the caller leaves the connection alone until
        `finish` (or `abandon`)."""
        self._writer = Overlap(self._write_staged)

    def abandon(self) -> None:
        """The import failed or was cancelled: the writer stopped before the rollback."""
        if self._writer is not None:
            self._writer.abandon()
            self._writer = None

    def _flush(self) -> None:
        if not self._columns:
            return
        columns, after, shared = self._columns, self._after, self._shared
        self._columns, self._after = [], []
        if self._writer is None:
            self._record(deed_repo.insert_deeds_fast(self.conn, columns, shared), after)
        else:
            self._writer.hand(lambda: deed_repo.stage_deeds(self.conn, columns),
                              (len(columns), shared, after))

    def _write_staged(self, item: _Batch) -> None:
        count, shared, after = item
        self._record(deed_repo.insert_staged(self.conn, count, shared), after)

    def _join(self) -> None:
        if self._writer is not None:
            writer, self._writer = self._writer, None
            writer.close()

    def _record(self, ids: list[int], after: list[_After]) -> None:
        assert not self.ids or ids[0] > self.ids[-1]
        self.ids += ids
        self.digest.add(self.conn, ids[0], ids[-1])  # on the writer thread, when one runs
        at = self.ledger.now_text()
        approvals, voids = [], []
        for (file_id, approve_by, void), deed_id in zip(after, ids, strict=True):
            if file_id is not None:
                self.id_of[file_id] = deed_id
            if approve_by:
                approvals.append({"deed_id": deed_id, "by": approve_by, "at": at})
            if void is not None:
                voids.append({"deed_id": deed_id, "reason": void[0],
                              "by": void[1] or self.ledger.actor_name, "at": at})
        deed_repo.insert_approvals(self.conn, approvals)
        deed_repo.insert_voids(self.conn, voids)


def _plan_of(r: Row[_DeedPlan]) -> _DeedPlan:
    """The plan of a row that was checked good (only those reach the sink)."""
    assert r.payload is not None
    return r.payload
