"""The month: its tally, and closing it (invariant 3: a closed month never changes)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection

from village_tally.core import lapse
from village_tally.core.authority import Action
from village_tally.core.deed import Resident
from village_tally.core.month import Month
from village_tally.core.points import Points
from village_tally.core.problem import Field, Phrase, Problem, Where
from village_tally.core.scheme import Scheme
from village_tally.core.tally import (
    TallyRow,
    checksum,
    points_digest,
    rating_bonus,
    row_from_stored,
    row_points,
    stored_rows,
    stored_totals,
    tally_rows,
)
from village_tally.services import hand_tally
from village_tally.services.changes import MONTHS, Changes
from village_tally.services.errors import InputError
from village_tally.services.hand_tally import HandTotal
from village_tally.services.jobs import NO_JOB, JobControl
from village_tally.services.session import Ledger, Write, backup, read, stored, write
from village_tally.store import months as month_repo
from village_tally.store import notices as notice_repo
from village_tally.store import ratings as rating_repo
from village_tally.store import roster as roster_repo
from village_tally.store import snapshot
from village_tally.store.seal import seal


@dataclass(frozen=True, slots=True)
class Tally:
    """A month's tally: one row per resident on the roster, and the month's state."""

    village: str
    month: Month
    closed: bool
    checksum: str | None
    rows: tuple[TallyRow, ...]
    scheme: Scheme
    # A closed month as it was closed (`as_closed`): the roster kept at its close, in board
    # order; None when the tally is today's (or the month closed before rosters were kept).
    roster: tuple[Resident, ...] | None = None


def span(ledger: Ledger) -> tuple[Month, Month]:
    """The months the ledger has: from its first (`store.first_month`) to this one."""
    with read(ledger) as conn:
        return month_repo.first_month(conn, ledger.village_id), Month.of(ledger.today())


def _in_ledger(conn: Connection, ledger: Ledger, month: Month) -> None:
    """A month before the ledger began or after this one has no data: its tally (and a board
    or a sheet printed from it) would show everyone at nothing. Refused, naming the range."""
    first, last = month_repo.first_month(conn, ledger.village_id), Month.of(ledger.today())
    if not first <= month <= last:
        raise InputError([Problem.at("month.outside_ledger", Where(field=Field.MONTH),
                                     month=str(month), first=str(first), last=str(last))])


def _caps(conn: Connection, ledger: Ledger, month: Month) -> dict[int, list[str]]:
    longest = max((r.grade_cap.months for r in ledger.scheme.rules if r.grade_cap), default=0)
    if not longest:
        return {}
    found = month_repo.grade_caps(conn, ledger.village_id, month, month - (longest - 1))
    caps: dict[int, list[str]] = {}
    for resident_id, grade, months, deed_month in found:
        if deed_month + (months - 1) >= month:
            caps.setdefault(resident_id, []).append(grade)
    return caps


def lapses_by(conn: Connection, ledger: Ledger, month: Month) -> list[lapse.Lapse]:
    """The deductions that no longer count by the end of `month` (信用修复): those closed
    months took into account, as they were kept (invariant 3), and for a month after the last
    closed one those fallen due since under the handbook's rules as they are now."""
    last = month_repo.last_closed_month(conn, ledger.village_id)
    if last is not None and month <= last:
        return month_repo.recorded_lapses(conn, ledger.village_id, upto=month)
    kept = month_repo.recorded_lapses(conn, ledger.village_id)
    months = {ledger.rule_ids[r.code]: r.lapse_months for r in ledger.scheme.rules
              if r.lapse_months}
    if not months:
        return kept
    done = {x.deed_id for x in kept}
    found = month_repo.lapsing_deductions(conn, ledger.village_id, list(months), month)
    due = lapse.due_by(found, months, month, None if last is None else last + 1)
    return kept + [x for x in due if x.deed_id not in done]


def bonuses(conn: Connection, ledger: Ledger, month: Month) -> dict[str, Points]:
    """What each household's door sign adds to its residents' scores in `month` (Yangqiao):
    its latest rated quarter up to the month's (`core.tally.rating_bonus`)."""
    if not (ledger.scheme.categories and ledger.scheme.has_score):
        return {}
    found = rating_repo.latest_ratings(conn, ledger.village_id, month.quarter)
    return {code: rating_bonus(stars, ledger.scheme) for code, stars in found.items()}


def month_rows(conn: Connection, ledger: Ledger, month: Month, *,
               from_scratch: bool = False) -> list[TallyRow]:
    """The month's tally rows inside a caller's transaction (closing a month, verifying).
    Totals start from the newest closed month's stored tally, which never changes
    (invariant 3), unless `from_scratch` (verify recomputes everything)."""
    named = roster_repo.named(conn, ledger.village_id)
    checkpoint = None if from_scratch else month_repo.closed_before(conn, ledger.village_id, month)
    if checkpoint is None:
        sums = month_repo.tally_sums(conn, ledger.village_id, month)
    else:
        with stored(Phrase.of("damage.tally", month=str(checkpoint.month))):
            base = stored_totals(checkpoint.tally or "[]")
        sums = month_repo.tally_sums(conn, ledger.village_id, month, after=checkpoint.month,
                                     base=base)
    counted, lapsed = lapse.with_lapses(sums, lapses_by(conn, ledger, month), month,
                                        None if checkpoint is None else checkpoint.month)
    return tally_rows(named, counted, ledger.scheme, _caps(conn, ledger, month),
                      bonuses=bonuses(conn, ledger, month), lapsed=lapsed)


def tally(ledger: Ledger, month: Month, *, from_scratch: bool = False) -> Tally:
    """Every resident's points for the month and in total, with stars, flags, score, grade.
    A month outside the ledger (`span`) is refused: `month.outside_ledger`."""
    with read(ledger) as conn:
        _in_ledger(conn, ledger, month)
        rows = month_rows(conn, ledger, month, from_scratch=from_scratch)
        state = month_repo.month_row(conn, ledger.village_id, month)
    closed = state is not None and state.closed
    return Tally(ledger.village_name, month, closed,
                 state.checksum if state is not None and closed else None, tuple(rows),
                 ledger.scheme)


def as_closed(ledger: Ledger, month: Month) -> Tally:
    """A closed month exactly as it was closed, for its papers (invariant 7): the stored
    tally's rows — names, households, areas, points, marks, score and grade of that day — in
    the roster order of its close, with the village, scheme and roster kept then. A month
    closed before rosters were kept has only its stored rows, in today's roster order. An open
    month is today's tally."""
    with read(ledger) as conn:
        state = month_repo.month_row(conn, ledger.village_id, month)
        if state is None or not state.closed:
            return tally(ledger, month)
        kept = snapshot.load(conn, ledger.village_id, month)
        order = ([r.id for r in kept.residents] if kept is not None
                 else [r.resident_id for r in roster_repo.resident_refs(conn,
                                                                        ledger.village_id)])
    with stored(Phrase.of("damage.tally", month=str(month))):
        rows = [row_from_stored(r) for r in json.loads(state.tally or "")]
    place = {rid: i for i, rid in enumerate(order)}
    rows.sort(key=lambda r: (place.get(r.resident_id, len(place)), r.resident_id))
    if kept is None:
        return Tally(ledger.village_name, month, True, state.checksum, tuple(rows),
                     ledger.scheme)
    return Tally(kept.village, month, True, state.checksum, tuple(rows), kept.scheme,
                 kept.residents)


def close_month(ledger: Ledger, month: Month, *, hand: Sequence[HandTotal] = (),
                explanations: Mapping[str, str] | None = None,
                job: JobControl = NO_JOB) -> tuple[str, Changes]:
    """Close a month (a secretary): refused while deeds wait for approval, before it has
    ended, while an earlier month with deeds is open, or when a later month is closed already
    (an earlier one closed with it); and — the villager's side — while its notice period runs,
    while an objection to one of its deeds is unanswered, or while a hand total differs from
    the ledger unexplained. `hand` and `explanations` are written with the close, or not at
    all. Nothing in it can change afterwards; corrections land in the open month. Stores the
    tally with its checksum; backs up first. Stopped (`job`) before it begins, it does
    nothing; once begun it is one transaction and ends as it would have."""
    ledger.require(Action.CLOSE_MONTH)
    job.step(0, 1)
    hand_tally.check_given(hand)
    with read(ledger) as conn:  # refused before the backup when it can be told already
        problems = _close_problems(conn, ledger, month)
    if problems:
        raise InputError(problems)
    backup(ledger, f"close-{month}")
    with write(ledger, "close", "month", needs=Action.CLOSE_MONTH) as w:
        problems = _close_problems(w.conn, ledger, month)
        if problems:
            raise InputError(problems)
        # the hand totals and explanations given with the close are written with it or not
        # at all (a refusal rolls them back with everything else)
        hand_tally.record_totals(w, ledger, month, hand)
        hand_tally.record_explanations(w, ledger, month, explanations or {})
        problems = (_notice_problems(w.conn, ledger, month)
                    + hand_tally.unsettled_problems(w.conn, ledger, month))
        if problems:
            raise InputError(problems)
        digest = close_in(w, ledger, month, by=w.actor_name, at=w.at)
    return digest, MONTHS


def close_in(w: Write, ledger: Ledger, month: Month, *, by: str, at: str) -> str:
    """Close the month inside a write: its tally stored with its checksum, the roster as it
    stands kept with it, the lapses it took into account kept (store.months.record_lapses),
    and the close's audit entry sealing them all (store.seal; the lapses as bound rows)."""
    rows = month_rows(w.conn, ledger, month)
    # The lapses this month takes into account are kept as they are now: a rule changed later
    # does not change a closed month (invariant 3). Bound rows: the close's entry records them.
    kept = {x.deed_id for x in month_repo.recorded_lapses(w.conn, ledger.village_id)}
    month_repo.record_lapses(w.conn, ledger.village_id,
                             [x for x in lapses_by(w.conn, ledger, month)
                              if x.deed_id not in kept], at=at)
    digest = checksum(month, rows)
    payload = json.dumps(stored_rows(rows), ensure_ascii=False, sort_keys=True)
    roster = snapshot.take(w.conn, ledger.village_id)
    month_repo.close_month(w.conn, ledger.village_id, month, at=at, by=by, checksum=digest,
                           tally=payload)
    snapshot.keep(w.conn, ledger.village_id, month, roster)
    w.entity_id = str(month)
    w.details = seal(checksum=digest, tally=payload, roster=roster,
                     points=points_digest(row_points(rows)), closed_at=at, closed_by=by)
    return digest


def _notice_problems(conn: Connection, ledger: Ledger, month: Month) -> list[Problem]:
    """The villager's side of closing: the notice period over (or shortened), and every
    objection to the month's deeds answered. A month never published closes as before."""
    where = Where(field=Field.MONTH)
    problems = []
    period = notice_repo.period(conn, ledger.village_id, month)
    if period is not None and not period.over(ledger.today()):
        problems.append(Problem.at("month.on_notice", where, month=str(month),
                                   ends=period.ends.isoformat()))
    waiting = [o for o in notice_repo.objections(conn, ledger.village_id, open_only=True)
               if o.deed_month == month]
    if waiting:
        problems.append(Problem.at("month.open_objections", where, month=str(month),
                                   count=len(waiting),
                                   ids=", ".join(f"#{o.id}" for o in waiting)))
    return problems


def _close_problems(conn: Connection, ledger: Ledger, month: Month) -> list[Problem]:
    where = Where(field=Field.MONTH)
    state = month_repo.month_row(conn, ledger.village_id, month)
    if state is not None and state.closed:
        return [Problem.at("month.already_closed", where, month=str(month))]
    if snapshot.text_of(conn, ledger.village_id, month) is not None:  # reopened by hand
        return [Problem.at("month.closed_before", where, month=str(month))]
    last = month_repo.last_closed_month(conn, ledger.village_id)
    if last is not None and month < last:  # nothing goes into it since `last` closed
        return [Problem.at("month.before_closed", where, month=str(month), last=str(last))]
    problems = []
    if month >= Month.of(ledger.today()):
        problems.append(Problem.at("month.future", where, month=str(month)))
    earlier = [m for m in month_repo.months_with_deeds(conn, ledger.village_id)
               if m < month and (last is None or m > last)]
    if earlier:
        problems.append(Problem.at("month.earlier_open", where, earlier=str(earlier[0])))
    pending = month_repo.pending_count(conn, ledger.village_id, month)
    if pending:
        problems.append(Problem.at("month.pending", where, month=str(month), count=pending))
    return problems


def open_month(ledger: Ledger) -> Month:
    """The month new deeds go into by default: this calendar month."""
    return Month.of(ledger.today())


@dataclass(frozen=True, slots=True)
class MonthInfo:
    month: Month
    closed: bool
    checksum: str | None
    closed_at: str | None
    closed_by: str | None


def closed_months(ledger: Ledger) -> list[MonthInfo]:
    with read(ledger) as conn:
        return [MonthInfo(r.month, True, r.checksum, r.closed_at, r.closed_by)
                for r in month_repo.closed_months(conn, ledger.village_id)]


def month_info(ledger: Ledger, month: Month) -> MonthInfo:
    with read(ledger) as conn:
        r = month_repo.month_row(conn, ledger.village_id, month)
    if r is None or not r.closed:
        return MonthInfo(month, False, None, None, None)
    return MonthInfo(r.month, True, r.checksum, r.closed_at, r.closed_by)
