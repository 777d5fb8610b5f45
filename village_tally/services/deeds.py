"""Deeds: check, enter, approve, void (or adjust a closed month), undo; and reading them back."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeVar, cast

from sqlalchemy import Connection

from village_tally.core.authority import NO_TARGET, Action, Target, may, must_wait, refusals
from village_tally.core.deed import (
    MAX_ID,
    Deed,
    DeedId,
    NewDeed,
    Resident,
    ResidentId,
    RuleId,
    Source,
    Status,
)
from village_tally.core.month import Month
from village_tally.core.names import normalize_name
from village_tally.core.person import Person, Role
from village_tally.core.points import MAX_POINTS, MAX_QUANTITY, Points
from village_tally.core.problem import Field, ParseError, Problem, Where
from village_tally.core.rule import Rule
from village_tally.core.text import text_problems
from village_tally.i18n import tr
from village_tally.services.changes import DEEDS, Changes
from village_tally.services.errors import InputError, refuse
from village_tally.services.session import SIGNED_IN, Ledger, Write, present, read, write
from village_tally.store import deeds as deed_repo
from village_tally.store import months as month_repo
from village_tally.store import people as people_repo
from village_tally.store import roster as roster_repo
from village_tally.store.codec import from_hundredths, hundredths
from village_tally.store.deeds import DeedFilter as DeedFilter  # noqa: PLC0414 - the shells filter with it

ONE = Decimal(1)
# The cap's message says its period: "this month" (as it always did), "this quarter", "this year".
_PERIOD_CODES = {"month": "", "quarter": "_quarter", "year": "_year"}
# Past a cap, whatever its period: a line may still go in with a reason (an override).
CAP_CODES = frozenset(f"deed.cap_reached{suffix}" for suffix in _PERIOD_CODES.values())
_T = TypeVar("_T")
HAND_ENTRY = "(entered by hand)"


@dataclass(frozen=True, slots=True)
class DeedInput:
    """A deed as a person or a file gives it, before it is checked."""

    resident: str | ResidentId
    date: dt.date
    household: str | None = None
    rule: str | None = None
    quantity: Decimal = ONE
    points: Points | None = None
    deed_text: str | None = None
    recorder: str = ""
    source: Source = Source()
    note: str | None = None
    override: str | None = None
    replaces: DeedId | None = None
    import_key: str | None = None


@dataclass(frozen=True, slots=True)
class Checked:
    """The outcome of checking a deed: blocking problems, or the deed that would be written."""

    problems: tuple[Problem, ...]
    deed: NewDeed | None = None
    resident: Resident | None = None
    rule: Rule | None = None
    pending: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems


class Lookups:
    """The ledger facts a deed check reads, one query each. An import checking many rows in
    one transaction passes a subclass that loads them once (services.importing)."""

    def __init__(self, conn: Connection, village_id: int) -> None:
        self.conn = conn
        self.village_id = village_id
        # What a check found with no problem, by what it was given (the resident a name and
        # household mean, the recorder, a rule's points): an import's rows ask the same few
        # questions over and over. Only answers without problems are kept, so each refused
        # row is still checked in full and its problems name its own row and column.
        self.memo: dict[tuple[Any, ...], Any] = {}

    def residents_named(self, name: str) -> list[Resident]:
        return roster_repo.residents(self.conn, self.village_id, name=name)

    def last_closed(self) -> Month | None:
        return month_repo.last_closed_month(self.conn, self.village_id)

    def cap_used(self, resident_id: int, rule_id: int, first: Month, last: Month) -> int:
        return deed_repo.cap_used(self.conn, resident_id, rule_id, first, last)

    def line_taken(self, sheet: str, line: int) -> int | None:
        return deed_repo.line_taken(self.conn, self.village_id, sheet, line)

    def points_used(self, resident_id: int, rule_id: int, month: Month) -> int:
        return deed_repo.rule_points_used(self.conn, resident_id, rule_id, month)

    def person_named(self, name: str) -> Person | None:
        found = people_repo.people(self.conn, self.village_id, name=name)
        return found[0] if found else None


def resolve_resident(conn: Connection, ledger: Ledger, who: str | ResidentId,
                     household: str | None, where: Where = Where(), *,
                     lookups: Lookups | None = None) -> tuple[Resident | None, list[Problem]]:
    """Find the one resident meant by a name (and household); namesakes need the household.
    A problem names the field it is about (the name, or the household)."""
    if isinstance(who, int):
        return _resident_by_id(conn, ledger, who, where.about(Field.NAME))
    key = ("resident", who, household)
    if lookups is not None and key in lookups.memo:
        return lookups.memo[key], []
    found, problems = _resolve_named(conn, ledger, who, household, where=where,
                                     lookups=lookups)
    if lookups is not None and found is not None:
        lookups.memo[key] = found
    return found, problems


def _resolve_named(conn: Connection, ledger: Ledger, who: str, household: str | None, *,
                   where: Where, lookups: Lookups | None
                   ) -> tuple[Resident | None, list[Problem]]:
    at_name = where.about(Field.NAME)
    garbled = text_problems({Field.NAME: who, Field.HOUSEHOLD: household}, where)
    name = normalize_name(who)
    if garbled or not name:  # a name with control characters is not looked for
        return None, garbled or [Problem.at("name.empty", at_name)]
    code = normalize_name(household) if household else None
    candidates = (lookups.residents_named(name) if lookups is not None
                  else roster_repo.residents(conn, ledger.village_id, name=name))
    if code:
        chosen = [r for r in candidates if r.household == code]
        if not chosen and candidates:
            return None, [Problem.at("resident.not_in_household",
                                     where.about(Field.HOUSEHOLD), name=name,
                                     household=code)]
        candidates = chosen
    if not candidates:
        return None, [Problem.at("resident.unknown", at_name, name=name)]
    if len(candidates) > 1:
        listed = ", ".join(f"{r.name} ({r.household}{', ' + r.area if r.area else ''})"
                           for r in candidates)
        return None, [Problem.at("resident.ambiguous", at_name, name=name, candidates=listed)]
    return candidates[0], []


def _resident_by_id(conn: Connection, ledger: Ledger, who: ResidentId, where: Where
                    ) -> tuple[Resident | None, list[Problem]]:
    found = roster_repo.residents(conn, ledger.village_id, resident_id=who)
    return (found[0], []) if found else (None, [Problem.at("resident.unknown", where,
                                                           name=str(who))])


@dataclass
class Running:
    """What earlier deeds of the same file add, per (resident, rule id, month): units towards
    a cap, and points towards the approval threshold (imports count across their rows)."""

    units: dict[tuple[int, int, Month], int] = field(default_factory=dict)
    points: dict[tuple[int, int, Month], int] = field(default_factory=dict)

    def add(self, new: NewDeed) -> None:
        if new.rule is None:
            return
        key = (new.resident, new.rule, new.month)
        self.units[key] = self.units.get(key, 0) + hundredths(new.quantity)
        self.points[key] = self.points.get(key, 0) + new.points.hundredths


@dataclass
class _Checking:
    """One deed being checked: its input, where it stands, and the problems found so far."""

    ledger: Ledger
    d: DeedInput
    where: Where
    q: Lookups
    running: Running
    problems: list[Problem] = field(default_factory=list)
    over_cap: bool = False  # beyond a rule's monthly cap (allowed with an override reason)

    def add(self, code: str, about: Field, /, **params: Any) -> None:
        """A problem with the deed, naming the field it is about."""
        self.problems.append(Problem.at(code, self.where.about(about), **params))

    def at(self, about: Field) -> Where:
        return self.where.about(about)


def check_in(conn: Connection, ledger: Ledger, d: DeedInput, where: Where,
             running: Running | None = None, *, lookups: Lookups | None = None,
             historical: bool = False, action: Action = Action.ENTER) -> Checked:
    """Every problem with one deed, or the deed to write, inside a caller's transaction (an
    import checks every row of a file in its one). The signed-in person types it (the
    typist, `action` their authority); `d.recorder` is the gatherer whose paper sheet it came
    from (default: the typist). `running` adds what earlier rows of the same file count
    towards caps and approval thresholds; `historical` (imports of past sheets) accepts
    deeds of residents who have since moved away or died, and recorders since retired,
    which hand entry does not."""
    c = _Checking(ledger, d, where, lookups if lookups is not None
                  else Lookups(conn, ledger.village_id), running or Running())
    c.problems += text_problems({Field.RECORDER: d.recorder, Field.TEXT: d.deed_text,
                                 Field.NOTE: d.note, Field.OVERRIDE: d.override,
                                 Field.SHEET: d.source.sheet}, where)
    person, found = resolve_resident(conn, ledger, d.resident, d.household, where, lookups=c.q)
    c.problems += found
    if person is not None and person.status != "active" and not historical:
        c.add("resident.inactive", Field.NAME, name=person.name, status=person.status)
    month = _check_when(c)
    recorder = _remembered(c, people_key(ledger, action, historical,
                                         person.area if person is not None else None,
                                         d.recorder),
                           lambda: _check_people(c, person, action, historical))
    rule, points = _remembered(c, ("points", d.rule, d.quantity, d.points,
                                   bool(_text(d.deed_text))), lambda: _check_points(c))
    if rule is not None and person is not None:
        _check_cap(c, rule, person, month)
    source = _check_source(c, rule)
    if c.problems or person is None or points is None:
        return Checked(tuple(c.problems))
    pending = _waits(c, rule, points, person, month=month, recorder=recorder)
    new = NewDeed(
        resident=person.id, date=d.date, month=month,
        rule=RuleId(ledger.rule_ids[rule.code]) if rule else None,
        rule_code=rule.code if rule else None,
        title=rule.title_zh if rule is not None else normalize_name(d.deed_text or ""),
        quantity=d.quantity, points=points, needs_approval=pending,
        recorder=_recorder_name(c), source=source, created_at=ledger.now_text(),
        created_by=ledger.actor_name, note=_text(d.note), override=_text(d.override),
        replaces=d.replaces, import_key=d.import_key)
    return Checked((), new, person, rule, pending)


def people_key(ledger: Ledger, action: Action, historical: bool, area: str | None,
               recorder: str) -> tuple[Any, ...]:
    """What the check of who types and whose paper it is depends on (its key in
    `Lookups.memo`, where the recorder it found is kept)."""
    return ("people", ledger.actor, action, historical, area, recorder)


def _remembered(c: _Checking, key: tuple[Any, ...], check: Callable[[], _T]) -> _T:
    """A part of the check that depends only on `key`: remembered (c.q.memo) when it found
    no problem in a deed that had none before it, so a row with any problem is checked in
    full."""
    if c.problems:
        return check()
    if key in c.q.memo:
        return cast(_T, c.q.memo[key])
    found = check()
    if not c.problems:
        c.q.memo[key] = found
    return found


def _recorder_name(c: _Checking) -> str:
    return normalize_name(c.d.recorder) or c.ledger.actor_name


def _check_people(c: _Checking, resident: Resident | None, action: Action,
                  historical: bool) -> Person | None:
    """Who types and whose paper it is (invariant 8): the typist's authority, a gatherer's
    areas, and a recorder who is one of the village's people. Returns the recorder."""
    typist = c.ledger.actor
    refused = refusals(typist, action, NO_TARGET, c.at(Field.PERSON))
    c.problems += refused
    name = _recorder_name(c)
    if any(p.where.field == Field.RECORDER for p in c.problems):
        return None  # a name with control characters is not looked for
    if refused or not name:
        if not name:
            c.add("deed.recorder_missing", Field.RECORDER)
        return None
    assert typist is not None
    area = Target(area=resident.area) if resident is not None else NO_TARGET
    c.problems += refusals(typist, action, area, c.at(Field.NAME))
    if name == typist.name:
        return typist
    if historical and may(typist, Action.RESTORE):
        return c.q.person_named(name)  # another ledger's history, moved by the secretary
    recorder = c.q.person_named(name)
    if recorder is None or (recorder.retired and not historical):
        c.add("deed.recorder_unknown", Field.RECORDER, name=name)
        return None
    if typist.role is Role.GATHERER:
        c.add("authority.gatherer_own_sheets", Field.RECORDER, name=typist.name,
              recorder=name)
    elif recorder.role is Role.GATHERER and resident is not None:
        c.problems += refusals(recorder, Action.ENTER, Target(area=resident.area),
                               c.at(Field.NAME))
    return recorder


def _waits(c: _Checking, rule: Rule | None, points: Points, person: Resident, *, month: Month,
           recorder: Person | None) -> bool:
    """Does the deed wait for approval? Free points, a deed beyond its rule's cap (entered with
    an override reason), a deed recorded or typed for oneself or one's household always do;
    a rule's threshold counts the resident's points under the rule this month, so an award
    split in parts waits like a whole one."""
    if rule is None or c.over_cap:
        return True
    if must_wait(person.id, person.household, recorder, c.ledger.actor):
        return True
    if rule.approval_above is None:
        return False
    return over_threshold(c.q, c.running, rule, (person.id, c.ledger.rule_ids[rule.code], month),
                          points.hundredths)


def _text(value: str | None) -> str | None:
    return value.strip() if value and value.strip() else None


def _check_when(c: _Checking) -> Month:
    """Not in the future, not in a closed month (invariant 3). Returns the deed's month."""
    month = Month.of(c.d.date)
    if c.d.date > c.ledger.today():
        c.add("date.future", Field.DATE, value=c.d.date.isoformat())
    last_closed = c.q.last_closed()
    if last_closed is not None and month <= last_closed:
        c.add("deed.month_closed", Field.DATE, month=str(month))
    return month


def _check_points(c: _Checking) -> tuple[Rule | None, Points | None]:
    """The rule and the points it gives for the quantity, or free points with the deed
    written out; never beyond the scheme's largest deed."""
    rule, points = _points_of(c)
    limit = c.ledger.scheme.max_deed_points
    if points is not None and abs(points.hundredths) > limit.hundredths:
        about = Field.POINTS if rule is None or c.d.points is not None else Field.QUANTITY
        c.add("deed.beyond_scheme_limit", about, points=points.signed(), limit=str(limit))
        return rule, None
    return rule, points


def _points_of(c: _Checking) -> tuple[Rule | None, Points | None]:
    d = c.d
    if _too_large(c):
        return None, None
    if not d.rule:
        if d.points is None:
            c.add("deed.rule_or_points", Field.RULE)
        elif not _text(d.deed_text):
            c.add("deed.text_missing", Field.TEXT)
        return None, d.points
    rule = c.ledger.rule(d.rule)
    if rule is None:
        c.add("rule.unknown", Field.RULE, code=d.rule)
        return None, d.points
    if not rule.active:
        c.add("rule.inactive", Field.RULE, code=rule.code)
        return rule, d.points
    expected = _rule_points(c, rule)
    if expected is None:
        return rule, None
    if d.points is not None and d.points != expected:
        c.add("deed.points_mismatch", Field.POINTS, points=d.points, expected=expected,
              code=rule.code)
    return rule, expected


def _too_large(c: _Checking) -> bool:
    """Points or a quantity beyond what one deed holds (a file's cell, a typed number)."""
    if c.d.points is not None and abs(c.d.points.decimal) > MAX_POINTS:
        c.add("points.too_large", Field.POINTS, value=str(c.d.points), limit=MAX_POINTS)
    elif c.d.quantity > MAX_QUANTITY:
        c.add("quantity.too_large", Field.QUANTITY, value=str(c.d.quantity),
              limit=MAX_QUANTITY)
    else:
        return False
    return True


def _rule_points(c: _Checking, rule: Rule) -> Points | None:
    """The points a rule gives for the deed's quantity: exact to 0.01 and within a deed's
    limit, else None and a problem with the quantity."""
    try:
        expected = rule.points.times(c.d.quantity)
    except ParseError:
        c.add("deed.quantity_too_fine", Field.QUANTITY, quantity=c.d.quantity, per=rule.points)
        return None
    if abs(expected.decimal) > MAX_POINTS:
        c.add("deed.points_too_large", Field.QUANTITY, quantity=c.d.quantity,
              per=rule.points, limit=MAX_POINTS)
        return None
    return expected


def _check_cap(c: _Checking, rule: Rule, person: Resident, month: Month) -> None:
    """A rule's cap per resident in its month, quarter or year; beyond it only with a reason
    (the override)."""
    if rule.monthly_cap is None:
        return
    used, cap, c.over_cap = cap_counted(c.q, c.running, rule,
                                        (person.id, c.ledger.rule_ids[rule.code], month),
                                        hundredths(c.d.quantity))
    if c.over_cap and not _text(c.d.override):
        c.add(f"deed.cap_reached{_PERIOD_CODES[rule.cap_period]}", Field.QUANTITY,
              name=person.name, code=rule.code, used=_qty(used), cap=_qty(cap),
              unit=rule.unit("zh"))


def cap_counted(q: Lookups, running: Running, rule: Rule, key: tuple[int, int, Month],
                quantity_h: int) -> tuple[int, int, bool]:
    """A capped rule's units already counted for the resident in the cap's window (the
    ledger's and the file's earlier rows), the cap, and whether this deed goes beyond it
    (`key`: resident, rule id, the deed's month)."""
    assert rule.monthly_cap is not None
    resident_id, rule_id, month = key
    first, last = rule.cap_window(month)
    used = q.cap_used(resident_id, rule_id, first, last)
    used += sum(running.units.get((resident_id, rule_id, first + i), 0)
                for i in range(last.since(first) + 1))
    cap = hundredths(rule.monthly_cap)
    return used, cap, used + quantity_h > cap


def over_threshold(q: Lookups, running: Running, rule: Rule, key: tuple[int, int, Month],
                   points_h: int) -> bool:
    """Do the resident's points under a rule this month, with this deed's, pass the rule's
    approval threshold? (`key`: resident, rule id, month.)"""
    used = q.points_used(*key) + running.points.get(key, 0)
    return rule.needs_approval_h(used + points_h)


def _check_source(c: _Checking, rule: Rule | None) -> Source:
    """Where the deed came from (invariant 6): a paper line entered once, a document where
    the scheme needs one. Returns the source to store."""
    d = c.d
    sheet = normalize_name(d.source.sheet) if d.source.sheet else None
    # A deed typed without a paper sheet still says where it came from.
    source_file = d.source.file if (sheet or d.source.file) else HAND_ENTRY
    if d.source.line is not None:
        if not sheet:
            c.add("deed.line_without_sheet", Field.SHEET)
        elif not 1 <= d.source.line <= MAX_ID:
            c.add("deed.line_invalid", Field.LINE, value=d.source.line)
        else:
            taken = c.q.line_taken(sheet, d.source.line)
            if taken is not None and taken != d.replaces:
                c.add("deed.duplicate_line", Field.LINE, sheet=sheet, line=d.source.line,
                      deed_id=taken)
    needs_document = c.ledger.scheme.document_required or (rule is not None
                                                            and rule.document_required)
    if needs_document and not (sheet or d.source.file):
        c.add("deed.document_required", Field.SHEET)
    if sheet == d.source.sheet and source_file == d.source.file:
        return d.source  # as given (an import's rows): no new object per row
    return Source(sheet, d.source.line, source_file, d.source.row)


def _qty(value_h: int) -> str:
    return str(Points(value_h))


def check_deed(ledger: Ledger, deed: DeedInput, *, where: Where = Where()) -> Checked:
    """Check a deed without writing it: what the entry screen shows as the gatherer types."""
    with read(ledger) as conn:
        return check_in(conn, ledger.acting_as(present(conn, ledger)), deed, where)


def enter_deed(ledger: Ledger, deed: DeedInput) -> tuple[Deed, Changes]:
    """Write one deed durably, typed by the signed-in person. Raises InputError with every
    problem (authority included) if it cannot be entered."""
    with write(ledger, "enter", "deed", needs=Action.ENTER) as w:
        checked = check_in(w.conn, ledger.acting_as(w.actor), deed, Where())
        if checked.deed is None or checked.resident is None:
            raise InputError(checked.problems)
        deed_id = insert_new(w, ledger, checked.deed)
        w.entity_id = str(deed_id)
    return as_deed(deed_id, checked.deed, checked.resident), DEEDS


def insert_new(w: Write, ledger: Ledger, new: NewDeed) -> DeedId:
    """Write one deed in a write block (its digest goes into the block's audit entry)."""
    columns = deed_repo.deed_columns(ledger.village_id, new)
    deed_id = deed_repo.insert_deed(w.conn, columns)
    w.deed_ids.append(deed_id)
    return DeedId(deed_id)


def as_deed(deed_id: DeedId, new: NewDeed, person: Resident) -> Deed:
    """The deed just written, from what was written (saves reading it back)."""
    return Deed(
        id=deed_id, resident_id=person.id, name=person.name, household=person.household,
        area=person.area, date=new.date, month=new.month, rule_code=new.rule_code,
        title=new.title, quantity=from_hundredths(hundredths(new.quantity)),
        points=new.points, recorder=new.recorder,
        source=new.source, note=new.note,
        status=Status.PENDING if new.needs_approval else Status.APPROVED,
        needs_approval=new.needs_approval, override_reason=new.override,
        replaces=new.replaces, created_at=new.created_at, typist=new.created_by)


def get_target(conn: Connection, ledger: Ledger, deed_id: int) -> Deed:
    """The deed an action is about, in a caller's transaction (`deed.unknown` if none)."""
    # A number beyond what the database stores names no deed (and would not fit the query).
    found = (deed_repo.deed_by_id(conn, ledger.village_id, deed_id) if 1 <= deed_id <= MAX_ID
             else None)
    if found is None:
        raise InputError([Problem.at("deed.unknown", Where(field=Field.DEED),
                                     deed_id=deed_id)])
    return found


def target_of(deed: Deed, *, closed: bool = False) -> Target:
    """What authority needs to know of a deed: whose it is, who recorded and typed it."""
    return Target(area=deed.area, resident_id=deed.resident_id, household=deed.household,
                  recorder=deed.recorder, typist=deed.typist,
                  deduction=deed.points.hundredths < 0, closed=closed)


@dataclass(frozen=True, slots=True)
class Approved:
    """Approving many: the deeds approved, and why each other one was not."""

    approved: tuple[DeedId, ...]
    refused: tuple[Problem, ...]
    changes: Changes


def approve_deeds(ledger: Ledger, deed_ids: list[int], *, valid_only: bool = False
                  ) -> Approved:
    """Approve pending deeds as the signed-in person, one audit entry each, in one
    transaction. Nobody approves a deed they recorded or typed, or one for themselves or their
    household. If any deed cannot be approved, none is (every reason listed, each naming its
    deed) unless `valid_only`, which approves the others and returns the reasons."""
    with write(ledger, "approve", "deed", needs=Action.APPROVE) as w:
        w.summary = False
        refused: list[Problem] = []
        good: list[DeedId] = []
        for deed_id in dict.fromkeys(deed_ids):  # each deed once, in the order given
            problems = _approval_problems(w, ledger, deed_id)
            refused += problems
            if not problems:
                good.append(DeedId(deed_id))
        if refused and not valid_only:
            raise InputError(refused)
        for deed_id in good:
            deed_repo.insert_approval(w.conn, deed_id, by=w.actor_name, at=w.at)
            w.record("approve", "deed", str(deed_id), {"by": w.actor_name})
    return Approved(tuple(good), tuple(refused), DEEDS if good else Changes())


def _approval_problems(w: Write, ledger: Ledger, deed_id: int) -> list[Problem]:
    where = Where(field=Field.DEED)
    # A number beyond what the database stores names no deed (and would not fit the query).
    target = (deed_repo.deed_by_id(w.conn, ledger.village_id, deed_id) if 1 <= deed_id <= MAX_ID
              else None)
    if target is None:
        return [Problem.at("deed.unknown", where, deed_id=deed_id)]
    if target.status is not Status.PENDING:
        return [Problem.at("deed.not_pending", where, deed_id=deed_id)]
    return approval_refusals(w.actor, target, where)


def approval_refusals(person: Person | None, deed: Deed,
                      where: Where = Where(field=Field.DEED)) -> list[Problem]:
    """Why `person` may not approve `deed` (each problem naming the deed); empty: they may."""
    return [Problem.at(p.code, where, **p.params, deed_id=deed.id)
            for p in refusals(person, Action.APPROVE, target_of(deed), where)]


def approve_deed(ledger: Ledger, deed_id: int) -> Changes:
    """Approve one pending deed as the signed-in person (see `approve_deeds`)."""
    return approve_deeds(ledger, [deed_id]).changes


@dataclass(frozen=True, slots=True)
class Voided:
    deed_id: DeedId
    adjustment: Deed | None
    changes: Changes


def void_deed(ledger: Ledger, deed_id: int, *, reason: str, action: str = "void") -> Voided:
    """Void a deed with a reason, as the signed-in person (a gatherer: her own lines in the
    open month; committee and secretary: any). A deed of a closed month stays as it is
    (invariant 3): an adjustment in the open month takes its points back and names it."""
    refuse(text_problems({Field.REASON: reason}))
    reason = reason.strip()
    with write(ledger, action, "deed", needs=SIGNED_IN) as w:
        target = get_target(w.conn, ledger, deed_id)
        w.entity_id = str(deed_id)
        closed = month_closed(w.conn, ledger, target.month)
        w.require(Action.VOID_ANY, target_of(target, closed=closed))
        if not reason:
            raise InputError([Problem.at("deed.reason_missing", Where(field=Field.REASON))])
        w.details = {"reason": reason, "by": w.actor_name}
        adjustment = void_in(w, ledger, target, reason=reason)
        if adjustment is not None:
            w.details["adjustment"] = adjustment.id
    return Voided(target.id, adjustment, DEEDS)


def month_closed(conn: Connection, ledger: Ledger, month: Month) -> bool:
    """Is the month closed (at or before the last closed month: invariant 3)?"""
    last_closed = month_repo.last_closed_month(conn, ledger.village_id)
    return last_closed is not None and month <= last_closed


def void_in(w: Write, ledger: Ledger, target: Deed, *, reason: str) -> Deed | None:
    """Void a deed inside a caller's write block (authority already checked): a void row in
    the open month, else an adjustment in the open month that names it (returned)."""
    if target.status.value == "void" or deed_repo.adjustment_for(w.conn, target.id) is not None:
        raise InputError([Problem.at("deed.already_voided", Where(field=Field.DEED),
                                     deed_id=target.id)])
    lapsed = month_repo.lapse_month(w.conn, target.id)
    if lapsed is not None:  # it counts no more: taking its points back would give them twice
        raise InputError([Problem.at("deed.lapsed", Where(field=Field.DEED),
                                     deed_id=target.id, month=str(lapsed))])
    by = w.actor_name
    if not month_closed(w.conn, ledger, target.month):
        deed_repo.insert_void(w.conn, target.id, reason=reason, by=by, at=w.at)
        return None
    today = ledger.today()
    if month_closed(w.conn, ledger, Month.of(today)):
        raise InputError([Problem.at("month.no_open")])
    adj_id = insert_new(w, ledger, NewDeed(
        resident=target.resident_id, date=today, month=Month.of(today), rule=None,
        rule_code=target.rule_code, title=target.title, quantity=target.quantity,
        points=-target.points, needs_approval=False, recorder=by, source=Source(),
        created_at=ledger.now_text(), created_by=by, note=reason, adjusts=target.id))
    return deed_repo.deed_by_id(w.conn, ledger.village_id, adj_id)


def undo_last(ledger: Ledger, *, lang: str = "zh") -> Voided:
    """Undo the last live line the signed-in person typed (Ctrl+Z on the entry screen): a void
    underneath, its reason written in the person's language (撤销本行)."""
    typist = ledger.actor_name
    with read(ledger) as conn:
        last = (deed_repo.last_live_deed_typed_by(conn, ledger.village_id, typist)
                if typist else None)
        closed = month_repo.last_closed_month(conn, ledger.village_id)
        target = None if last is None else deed_repo.deed_by_id(conn, ledger.village_id, last)
    if target is None or (closed is not None and target.month <= closed):
        if ledger.actor is None:  # nobody signed in: say that, not "nothing to undo"
            ledger.require(Action.VOID_OWN)
        raise InputError([Problem.at("deed.nothing_to_undo", recorder=typist)])
    return void_deed(ledger, target.id, reason=tr("deed.undo_reason", lang), action="undo")


def list_deeds(ledger: Ledger, filters: DeedFilter = DeedFilter(), *, offset: int = 0,
               limit: int | None = None, newest_first: bool = True) -> list[Deed]:
    with read(ledger) as conn:
        return deed_repo.deeds(conn, ledger.village_id, filters, offset=offset, limit=limit,
                          newest_first=newest_first)


def count_deeds(ledger: Ledger, filters: DeedFilter = DeedFilter()) -> int:
    with read(ledger) as conn:
        return deed_repo.count_deeds(conn, ledger.village_id, filters)


def get_deed(ledger: Ledger, deed_id: int) -> Deed:
    with read(ledger) as conn:
        return get_target(conn, ledger, deed_id)
