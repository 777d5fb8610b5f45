"""Objections: a villager's objection to one deed, recorded on their behalf, and its answer by
a committee member who neither recorded nor typed the deed (upheld: a void or an adjustment
that names the objection)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from village_tally.core.authority import Action
from village_tally.core.deed import Deed
from village_tally.core.month import Month
from village_tally.core.objection import Objection
from village_tally.core.problem import Field, Problem, Where
from village_tally.core.text import text_problems
from village_tally.i18n import tr
from village_tally.services.changes import DEEDS, MONTHS, Changes
from village_tally.services.deeds import (
    get_target,
    month_closed,
    resolve_resident,
    target_of,
    void_in,
)
from village_tally.services.errors import InputError, refuse
from village_tally.services.notices import record
from village_tally.services.session import Ledger, read, write
from village_tally.store import notices as notice_repo

AT_OBJECTION = Where(field=Field.OBJECTION)


@dataclass(frozen=True, slots=True)
class Objected:
    objection: Objection
    correction: Deed | None  # an upheld answer's adjustment (the deed's month was closed)
    changes: Changes


def object_to(ledger: Ledger, deed_id: int, *, raised_by: str, text: str,
              household: str | None = None, raised_on: dt.date | None = None) -> Objected:
    """Record a villager's objection to one deed (a committee member or secretary, on their
    behalf): who raised it, what they say, when (today unless given)."""
    refuse(text_problems({Field.TEXT: text}))
    text = text.strip()
    raised_on = raised_on or ledger.today()
    with write(ledger, "object", "objection", needs=Action.OBJECT) as w:
        target = get_target(w.conn, ledger, deed_id)
        who, problems = resolve_resident(w.conn, ledger, raised_by, household,
                                         Where(field=Field.RAISED_BY))
        problems = [Problem.at(p.code, Where(field=Field.RAISED_BY)
                               if p.where.field is Field.NAME else p.where, **p.params)
                    for p in problems]
        if not text:
            problems.append(Problem.at("objection.text_missing", Where(field=Field.TEXT)))
        if target.status.value == "void":
            problems.append(Problem.at("objection.deed_void", Where(field=Field.DEED),
                                       deed_id=deed_id))
        if raised_on > ledger.today():
            problems.append(Problem.at("objection.future", Where(field=Field.DATE),
                                       date=raised_on.isoformat()))
        if who is not None and any(o.open and o.raised_by == who.name for o in
                                   notice_repo.objections(w.conn, ledger.village_id,
                                                          deed_ids=[deed_id])):
            problems.append(Problem.at("objection.already_open", Where(field=Field.DEED),
                                       deed_id=deed_id, name=who.name))
        refuse(problems)
        assert who is not None
        row_id = record(w, "objection", {
            "village_id": ledger.village_id, "deed_id": deed_id, "resident_id": who.id,
            "raised_by": who.name, "household": who.household,
            "raised_on": raised_on.isoformat(), "text": text, "by": w.actor_name,
            "at": w.at})
        made = notice_repo.objections(w.conn, ledger.village_id, objection_id=row_id)[0]
    return Objected(made, None, MONTHS | DEEDS)


def answer(ledger: Ledger, objection_id: int, *, upheld: bool, reason: str,
           lang: str = "zh") -> Objected:
    """Answer an objection (a committee member who neither recorded nor typed the deed, and
    whom it does not benefit). Upheld voids the deed — or, its month closed, adjusts it in the
    open month — naming the objection."""
    refuse(text_problems({Field.REASON: reason}))
    reason = reason.strip()
    with write(ledger, "answer", "answer", needs=Action.ANSWER) as w:
        found = notice_repo.objections(w.conn, ledger.village_id, objection_id=objection_id)
        if not found:
            raise InputError([Problem.at("objection.unknown", AT_OBJECTION, id=objection_id)])
        objection = found[0]
        target = get_target(w.conn, ledger, objection.deed_id)
        closed = month_closed(w.conn, ledger, target.month)
        w.require(Action.ANSWER, target_of(target, closed=closed))
        if not objection.open:
            raise InputError([Problem.at("objection.answered", AT_OBJECTION, id=objection_id)])
        if not reason:
            raise InputError([Problem.at("deed.reason_missing", Where(field=Field.REASON))])
        correction = None
        if upheld:
            correction = void_in(w, ledger, target, reason=tr(
                "objection.void_reason", lang, id=objection_id, reason=reason))
        record(w, "answer", {
            "objection_id": objection_id, "upheld": upheld, "reason": reason,
            "correction_id": None if correction is None else correction.id,
            "by": w.actor_name, "at": w.at})
        w.details = {**w.details, "deed": target.id}
        done = notice_repo.objections(w.conn, ledger.village_id, objection_id=objection_id)[0]
    return Objected(done, correction, MONTHS | DEEDS)


def queue(ledger: Ledger, *, open_only: bool = True) -> list[Objection]:
    """The objections (open ones unless asked), oldest first: the committee's queue, each with
    its days left of 20 (`Objection.days_left(today)`)."""
    ledger.require(Action.OBJECT)
    with read(ledger) as conn:
        return notice_repo.objections(conn, ledger.village_id, open_only=open_only)


def for_resident(ledger: Ledger, resident_id: int) -> list[Objection]:
    """Every objection to a resident's deeds and its answer (their statement lists them)."""
    with read(ledger) as conn:
        return notice_repo.objections(conn, ledger.village_id, resident_id=resident_id)


def open_by_resident(ledger: Ledger, month: Month) -> dict[int, int]:
    """Unanswered objections per resident id, to deeds up to the month's end."""
    with read(ledger) as conn:
        return notice_repo.open_by_resident(conn, ledger.village_id, month)


def open_deeds(ledger: Ledger) -> set[int]:
    """The deeds with an unanswered objection: marked wherever a deed shows."""
    with read(ledger) as conn:
        return notice_repo.open_objection_deeds(conn, ledger.village_id)
