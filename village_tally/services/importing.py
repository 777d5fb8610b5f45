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

Deeds are checked by `services.deeds._check` (the hand-entry rules), with caps counted across
earlier rows of the same file. Imports are idempotent: each deed carries an import key (the
file's ID column plus the deed's content, else a hash of the content, the file name and the
sheet), and keys the ledger already holds are skipped as 'present'. `job.step` reports progress
and raises `Cancelled` before anything is committed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from village_tally.core.deed import Resident, Source
from village_tally.core.month import month_of
from village_tally.core.names import normalize_name
from village_tally.core.problem import ParseError, Problem, Where
from village_tally.core.rating import Rating
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
    import_key,
    new_row,
    place,
    problem_text,
    rejects_path,
    spots,
    start_rows,
    write_rejects,
)
from village_tally.exchange.sheet import read_grid
from village_tally.services import ratings as rating_service
from village_tally.services.changes import DEEDS, NOTHING, ROSTER, Changes
from village_tally.services.deeds import ONE, DeedInput, Lookups, _check
from village_tally.services.errors import InputError
from village_tally.services.jobs import NO_JOB, JobControl
from village_tally.services.roster import NewResident, add_residents_in, roster_problems
from village_tally.services.session import Ledger, read, write
from village_tally.store import exchange as bulk
from village_tally.store import ledger as repo
from village_tally.store.db import backup

KINDS = ("roster", "deeds", "ratings")
CHUNK = 2000
_NO_CELLS: dict[str, str] = {}
EXPORT_SHEETS = {"roster": ("村民", "Roster"), "deeds": ("积分记录", "Deeds"),
                 "ratings": ("评星", "Ratings")}
_VOID_WORDS = {"void", "已作废", "作废"}
_STATUS_WORDS = {"approved", "pending", "已审批", "待审批", "审批", ""} | _VOID_WORDS
_RESIDENT_STATUS = {"moved": "moved", "迁出": "moved", "moved away": "moved",
                    "deceased": "deceased", "died": "deceased", "去世": "deceased",
                    "active": "active", "在册": "active", "": "active"}
# Which column a problem from the shared checks is about.
_FIELD_OF = {
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
class _Plan:
    table: Table
    rows: list[Row]
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def problems(self) -> list[Problem]:
        return [p for r in self.rows for p in r.problems]


# --- public verbs --------------------------------------------------------------------------

def preview_import(ledger: Ledger, kind: str, path: str | Path, *, sheet: str | None = None,
                   job: JobControl = NO_JOB, approve_as: str | None = None) -> Preview:
    """Read and check a file without writing: the rows to be imported and every problem."""
    table = _load(ledger, kind, Path(path), sheet)
    with read(ledger) as conn:
        plan = _plan(conn, ledger, kind, table, job=job, approve_as=approve_as)
    return _preview(kind, plan)


def import_file(ledger: Ledger, kind: str, path: str | Path, *, sheet: str | None = None,
                valid_only: bool = False, approve_as: str | None = None,
                job: JobControl = NO_JOB, lang: str = "zh") -> ImportResult:
    """Import a file atomically (see the module docstring)."""
    source = Path(path)
    table = _load(ledger, kind, source, sheet)
    at = ledger.now()
    ledger = replace(ledger, clock=lambda: at)  # one import, one timestamp
    made = backup(ledger.engine, f"import-{kind}", ledger.now())
    rejects: str | None = None
    if kind == "ratings":
        return _import_ratings(ledger, source, table, valid_only=valid_only, job=job,
                               lang=lang, made=made)
    with write(ledger, "import", kind) as w:
        sink = _DeedSink(w.conn, ledger) if kind == "deeds" else None
        plan = _plan(w.conn, ledger, kind, table, job=job, approve_as=approve_as, sink=sink)
        if sink is not None:
            sink.finish(plan)
        rejected = [r for r in plan.rows if r.status == REJECTED]
        if rejected and not valid_only:
            raise InputError(plan.problems)  # nothing is committed (invariant 5)
        job.step(len(plan.rows), len(plan.rows))
        if sink is None:
            good = [r for r in plan.rows if r.status == NEW]
            added, ids, changes = _write_roster(w.conn, ledger, good), [], ROSTER
        else:
            ids = sink.ids
            w.deed_ids.extend(ids)
            added, changes = len(ids), DEEDS
        if rejected:
            rejects = str(write_rejects(source, table, rejected, lang))
        w.entity_id = source.name
        w.details = {"file": source.name, "sheet": table.sheet, "added": added,
                     "present": _count(plan, PRESENT), "rejected": len(rejected),
                     "approve_as": normalize_name(approve_as) if approve_as else None}
    return ImportResult(kind, source.name, table.sheet, added, _count(plan, PRESENT),
                        len(rejected), rejects, str(made) if made else None, tuple(ids),
                        table.ignored, changes if added else NOTHING)


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
    raise InputError([Problem.at("import.kind_unknown", Where(field="KIND"), value=kind)])


def _load(ledger: Ledger, kind: str, path: Path, sheet: str | None) -> Table:
    lookup = _lookup(ledger, kind)
    try:
        grid = read_grid(path, sheet=sheet, prefer=EXPORT_SHEETS[kind])
    except ParseError as exc:
        raise InputError([exc.problem()]) from None  # the message names the file
    try:
        return read_table(grid, kind, lookup)
    except ParseError as exc:
        if sheet is None and grid.hidden_sheets:  # say which sheets were not read, and why
            raise InputError([Problem.at("file.no_header_hidden", **exc.params,
                                         hidden=", ".join(grid.hidden_sheets))]) from None
        raise InputError([exc.problem()]) from None


def _relocate(table: Table, r: Row, problems: Sequence[Problem]) -> list[Problem]:
    """Problems from the shared checks, pointed at the column they are about."""
    out = []
    for p in problems:
        name = _FIELD_OF.get(p.code)
        if name is None and p.code.startswith("rating."):
            name = p.params.get("field")
        if name and name in table.columns:
            params = dict(p.params)
            params.setdefault("cell", r.cells.get(name, ""))
            out.append(Problem.at(p.code, place(table, r.row, name), **params))
        else:
            out.append(p)
    return out


def _plan(conn: Connection, ledger: Ledger, kind: str, table: Table, *, job: JobControl,
          approve_as: str | None, sink: _DeedSink | None = None) -> _Plan:
    if kind == "roster":
        plan = _plan_roster(conn, ledger, table, job)
    elif kind == "deeds":
        plan = _plan_deeds(conn, ledger, table, job=job, approve_as=approve_as, sink=sink)
    else:
        plan = _plan_ratings(conn, ledger, table, job)
    for r in plan.rows:
        if r.problems:
            r.status = REJECTED
    return plan


def _preview(kind: str, plan: _Plan) -> Preview:
    t = plan.table
    return Preview(kind, t.file, t.sheet, t.header_row,
                   tuple((c.field, c.letter, c.header) for c in t.columns.values()), t.ignored,
                   tuple(Candidate(r.row, dict(r.cells), r.status, tuple(r.problems))
                         for r in plan.rows), tuple(plan.problems))


def _count(plan: _Plan, status: str) -> int:
    return sum(1 for r in plan.rows if r.status == status)


# --- roster --------------------------------------------------------------------------------

def _plan_roster(conn: Connection, ledger: Ledger, table: Table, job: JobControl) -> _Plan:
    known = {(p.name, p.household) for p in repo.residents(conn, ledger.village_id)}
    seen: set[tuple[str, str]] = set()
    rows = []
    for r, raw in start_rows(table, job.step):
        name = cells.text(table.cell(raw, "name"))
        code = cells.household(table.cell(raw, "household"))
        head = cell_value(table, r, raw, "head", _head) or False
        status = cell_value(table, r, raw, "status", _resident_status) or "active"
        person = NewResident(name=name, household=code,
                             area=r.cells.get("area") or None, head=head,
                             door_plate=r.cells.get("door_plate") or None,
                             note=r.cells.get("note") or None)
        r.problems += _relocate(table, r, roster_problems(person, place(table, r.row)))
        key = (normalize_name(name), normalize_name(code))
        if not r.problems and (key in known or key in seen):
            r.status = PRESENT
        seen.add(key)
        r.payload = (person, status)
        rows.append(r)
    return _Plan(table, rows)


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


def _write_roster(conn: Connection, ledger: Ledger, good: list[Row]) -> int:
    added = add_residents_in(conn, ledger, [r.payload[0] for r in good])
    for r in good:
        person, status = r.payload
        if status != "active":
            for found in repo.residents(conn, ledger.village_id, name=person.name,
                                        household_code=normalize_name(person.household)):
                repo.set_resident(conn, found.id, status=status)
    return added


# --- deeds ---------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _DeedPlan:
    values: dict[str, Any]
    approve_by: str | None
    void: tuple[str, str] | None  # (reason, by)
    file_id: str | None
    adjusts: str | None
    replaces: str | None


class _BulkLookups(Lookups):
    """The facts `_check` reads, loaded in bulk (the roster once; caps and paper lines per
    chunk of rows) inside the import's transaction, instead of four queries per row."""

    def __init__(self, conn: Connection, ledger: Ledger) -> None:
        super().__init__(conn, ledger.village_id)
        self._people: dict[str, list[Resident]] = {}
        for person in repo.residents(conn, ledger.village_id):
            self._people.setdefault(person.name, []).append(person)
        self._codes = {p.household for group in self._people.values() for p in group}
        self._by_number = number_index(self._codes)
        self._closed = repo.last_closed_month(conn, ledger.village_id)
        self._capped = [ledger.rule_ids[r.code] for r in ledger.scheme.rules
                        if r.monthly_cap is not None]
        self._caps: dict[tuple[int, int, str], int] = {}
        self._lines: dict[tuple[str, int], int] = {}
        self._months: set[str] = set()
        self._sheets: set[str] = set()

    def prefetch(self, deeds: list[DeedInput]) -> None:
        months = {month_of(d.date) for d in deeds} - self._months
        sheets = {normalize_name(d.source.sheet) for d in deeds if d.source.sheet}
        sheets -= self._sheets
        if months:
            self._caps.update(bulk.cap_usage(self.conn, self.village_id, sorted(months),
                                             self._capped))
            self._months |= months
        if sheets:
            self._lines.update(bulk.lines_taken(self.conn, self.village_id, sorted(sheets)))
            self._sheets |= sheets

    def residents_named(self, name: str) -> list[Resident]:
        return self._people.get(name, [])

    def household_code(self, number: str) -> str:
        """The roster's code for a household written as a number cell: 12 → '0012' when
        exactly one code reads as 12 and none is '12' itself."""
        return unpadded(self._codes, self._by_number, number)

    def last_closed(self) -> str | None:
        return self._closed

    def cap_used(self, resident_id: int, rule_id: int, month: str) -> int:
        return self._caps.get((resident_id, rule_id, month), 0)

    def line_taken(self, sheet: str, line: int) -> int | None:
        return self._lines.get((sheet, line))


@dataclass
class _DeedState:
    """What earlier rows of the same file add to the checks of later ones."""

    lookups: Lookups
    approver: str | None
    extra_cap: dict[tuple[int, int, str], int] = field(default_factory=dict)
    lines: dict[tuple[str, int], int] = field(default_factory=dict)
    ids: dict[str, int] = field(default_factory=dict)


def _plan_deeds(conn: Connection, ledger: Ledger, table: Table, *, job: JobControl,
                approve_as: str | None, sink: _DeedSink | None) -> _Plan:
    """Check the rows chunk by chunk; with a sink (an import, not a preview) the good rows of
    each chunk are written at once and their raw cells let go, so a 200,000-row file never
    holds more than one chunk of pending work (the transaction still commits at the end)."""
    lookups = _BulkLookups(conn, ledger)
    state = _DeedState(lookups, normalize_name(approve_as) if approve_as else None)
    occurrences: dict[str, int] = {}
    places = spots(table)
    rows: list[Row] = []
    total = len(table.rows)
    for start in range(0, total, CHUNK):
        job.step(start, total)
        chunk = []
        for i in range(start, min(start + CHUNK, total)):
            number, raw = table.rows[i]
            r = new_row(table, number, raw, places)
            chunk.append((r, raw, import_key(table, r, occurrences)))
            if sink is not None:
                table.rows[i] = (number, [])  # the raw cells are not needed after this
        keys = [key for _, _, key in chunk]
        same = _same_deeds_by_id(conn, ledger, table, [(r, raw) for r, raw, _ in chunk])
        present = repo.import_keys(conn, keys)
        inputs = [None if key in present or r.cells.get("id") in same
                  else _deed_input(table, r, raw, key, lookups) for r, raw, key in chunk]
        lookups.prefetch([d for d in inputs if d is not None])
        for (r, _, key), deed in zip(chunk, inputs, strict=True):
            if key in present or r.cells.get("id") in same:
                r.status = PRESENT
                continue
            _plan_deed(conn, ledger, table, state, r, deed=deed)
            if r.problems:
                r.status = REJECTED
        rows.extend(r for r, _, _ in chunk)
        if sink is not None:
            sink.write([r for r, _, _ in chunk if r.status == NEW])
    return _Plan(table, rows)


def _plan_deed(conn: Connection, ledger: Ledger, table: Table, state: _DeedState, r: Row,
               *, deed: DeedInput | None) -> None:
    """Check one row against the hand-entry rules and the rows before it in the file."""
    void = _void_of(table, r)
    adjusts, replaces, file_id = _references(table, r, state)
    if deed is None:
        return
    if adjusts is not None:  # a correction of a closed month: free points, no approval
        deed = replace(deed, rule=None, deed_text=deed.deed_text or r.cells.get("rule"))
    checked = _check(conn, ledger, deed, place(table, r.row), state.extra_cap, historical=True,
                     lookups=state.lookups)
    r.problems += _relocate(table, r, checked.problems)
    line_key = _line_key(deed)
    if line_key is not None and void is None:
        if line_key in state.lines:
            r.problems.append(Problem.at(
                "import.duplicate_line", place(table, r.row, "line"), sheet=line_key[0],
                line=line_key[1], first=state.lines[line_key], cell=r.cells.get("line", "")))
        else:
            state.lines[line_key] = r.row
    if r.problems:
        return
    values = checked.values  # a fresh dict of this row's own
    if adjusts is not None:
        values["needs_approval"] = False
        values["rule_code"] = normalize_name(r.cells.get("rule", "")).upper() or None
    approve_by = None
    if values["needs_approval"]:
        approve_by = normalize_name(r.cells.get("approved_by", "")) or state.approver
        if approve_by and approve_by == values["recorder"]:
            r.problems.append(Problem.at("import.approver_is_recorder",
                                         place(table, r.row, "recorder"), by=approve_by,
                                         cell=values["recorder"]))
            return
    rule, person = checked.rule, checked.resident
    if void is None and rule is not None and person is not None and rule.monthly_cap:
        cap_key = (person.id, values["rule_id"], values["month"])
        state.extra_cap[cap_key] = state.extra_cap.get(cap_key, 0) + values["quantity_h"]
    r.payload = _DeedPlan(values, approve_by, void, file_id, adjusts, replaces)


def _references(table: Table, r: Row, state: _DeedState
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


def _deed_input(table: Table, r: Row, raw: list[Any], key: str,
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
    points = cell_value(table, r, raw, "points", cells.points)
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


def _source(r: Row, line: int | None, file: str) -> Source:
    """Where the deed came from (invariant 6): this file and row; a deed exported from another
    ledger keeps the source it had there (the file and row it was first imported from, or
    the mark of hand entry); the import's audit entry names this file."""
    sheet = r.cells.get("sheet") or None
    first_file = r.cells.get("source_file") or None
    first_row = r.cells.get("source_row", "")
    if first_file:
        return Source(sheet=sheet, line=line, file=first_file,
                      row=int(first_row) if first_row.isdigit() else None)
    return Source(sheet=sheet, line=line, file=file, row=r.row)


def _void_of(table: Table, r: Row) -> tuple[str, str] | None:
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
                      started: list[tuple[Row, list[Any]]]) -> set[str]:
    """File IDs that are deeds of this very ledger with the same person, date and points (an
    export of this village imported back into it adds nothing)."""
    if "id" not in table.columns:
        return set()
    wanted: dict[int, Row] = {}
    for r, _ in started:
        text = r.cells.get("id", "")
        if text.isdigit():
            wanted[int(text)] = r
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


class _DeedSink:
    """Writes checked deeds inside the import's transaction as chunks finish; deeds that point
    at another row of the file (adjustments, replacements) wait until the end, when their
    targets have ids. Approvals and voids from the file (or --approve-as) go in alongside."""

    def __init__(self, conn: Connection, ledger: Ledger) -> None:
        self.conn = conn
        self.ledger = ledger
        self.ids: list[int] = []
        self.id_of: dict[str, int] = {}
        self.later: list[Row] = []

    def write(self, good: list[Row]) -> None:
        now: list[Row] = []
        for r in good:
            plan = r.payload
            (self.later if plan.adjusts is not None or plan.replaces is not None
             else now).append(r)
        self._insert(now)

    def finish(self, plan: _Plan) -> None:
        ready = []
        for r in self.later:
            p = r.payload
            missing = [ref for ref, name in ((p.adjusts, "adjusts"), (p.replaces, "replaces"))
                       if ref is not None and ref not in self.id_of]
            for ref in missing:
                r.problems.append(Problem.at("import.reference_unknown",
                                             place(plan.table, r.row), value=ref, cell=ref))
            if missing:
                r.status = REJECTED
                continue
            if p.adjusts is not None:
                p.values["adjusts_deed_id"] = self.id_of[p.adjusts]
            if p.replaces is not None:
                p.values["replaces_deed_id"] = self.id_of[p.replaces]
            ready.append(r)
        self._insert(ready)

    def _insert(self, rows: list[Row]) -> None:
        if not rows:
            return
        ids = repo.insert_deeds_fast(self.conn, [r.payload.values for r in rows])
        self.ids += ids
        at = self.ledger.now_text()
        approvals, voids = [], []
        for r, deed_id in zip(rows, ids, strict=True):
            p = r.payload
            if p.file_id is not None:
                self.id_of[p.file_id] = deed_id
            if p.approve_by:
                approvals.append({"deed_id": deed_id, "by": p.approve_by, "at": at})
            if p.void is not None:
                voids.append({"deed_id": deed_id, "reason": p.void[0],
                              "by": p.void[1] or self.ledger.actor, "at": at})
            r.payload = None  # written: let the row's values go
            r.cells = _NO_CELLS
        repo.insert_approvals(self.conn, approvals)
        repo.insert_voids(self.conn, voids)


# --- ratings -------------------------------------------------------------------------------

def _plan_ratings(conn: Connection, ledger: Ledger, table: Table, job: JobControl) -> _Plan:
    categories = [f for f in table.columns if f.startswith("cat:")]
    if not categories:
        choices = ", ".join(c.title_zh for c in ledger.scheme.categories) or "-"
        raise InputError([Problem.at("import.no_ratings", Where(file=table.file,
                                                                 sheet=table.sheet),
                                     choices=choices)])
    households = {row.code for row in repo.households(conn, ledger.village_id)}
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
            current[quarter] = repo.current_ratings(conn, ledger.village_id, quarter)
        now = current[quarter].get(code, {})
        fresh = [(rt, w) for rt, w in found if now.get(rt.category) != rt.stars]
        if not fresh:
            r.status = PRESENT
        r.payload = fresh
    return _Plan(table, rows)


def rating_problems_at(ledger: Ledger, rating: Rating, where: Where) -> list[Problem]:
    return [Problem.at(p.code, where, **{**p.params, "cell": str(rating.stars)})
            for p in rating_service.rating_problems(ledger, rating, where)]


def _import_ratings(ledger: Ledger, source: Path, table: Table, *, valid_only: bool,
                    job: JobControl, lang: str, made: Path | None) -> ImportResult:
    with read(ledger) as conn:
        plan = _plan_ratings(conn, ledger, table, job)
    for r in plan.rows:
        if r.problems:
            r.status = REJECTED
    rejected = [r for r in plan.rows if r.status == REJECTED]
    if rejected and not valid_only:
        raise InputError(plan.problems)
    job.step(len(plan.rows), len(plan.rows))
    good = [pair for r in plan.rows if r.status == NEW for pair in r.payload]
    rejects = str(write_rejects(source, table, rejected, lang)) if rejected else None
    changes = NOTHING
    if good:
        changes = rating_service.set_ratings(ledger, [g[0] for g in good], by=ledger.actor,
                                             source=source.name, wheres=[g[1] for g in good])
    return ImportResult("ratings", source.name, table.sheet, _count(plan, NEW),
                        _count(plan, PRESENT), len(rejected), rejects,
                        str(made) if made else None, (), table.ignored,
                        changes if good else NOTHING)


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




__all__ = ["KINDS", "Candidate", "ImportResult", "Preview", "import_file", "preview_import",
           "problem_text", "rejects_path", "write_rejects"]
