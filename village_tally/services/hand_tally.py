"""The hand tally at close: a gatherer's own calculator total for an area or a sheet, compared
with the ledger's; every difference is listed with the deeds behind it, and the month closes
only when each is resolved (the totals agree) or explained (audited)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import Connection

from village_tally.core.authority import Action, Target
from village_tally.core.deed import Deed
from village_tally.core.month import Month
from village_tally.core.objection import Difference
from village_tally.core.points import Points
from village_tally.core.problem import Field, Problem, Where
from village_tally.core.text import text_problems
from village_tally.services.changes import MONTHS, Changes
from village_tally.services.errors import InputError, refuse
from village_tally.services.session import Ledger, Write, read, write
from village_tally.store import deeds as deed_repo
from village_tally.store import months as month_repo
from village_tally.store import notices as notice_repo
from village_tally.store import roster as roster_repo

SCOPES = ("area", "sheet")
AT_HAND = Where(field=Field.HAND_TALLY)


@dataclass(frozen=True, slots=True)
class HandTotal:
    """A calculator total as the gatherer wrote it: for an area or a sheet, for a month."""

    scope: str  # area | sheet
    key: str  # the area's name or the sheet's number
    total: Points


def ledger_deeds(conn: Connection, ledger: Ledger, month: Month, scope: str, key: str
                 ) -> tuple[Deed, ...]:
    """The deeds that make the ledger's figure: the month's counted deeds of an area's
    residents, or from one paper sheet."""
    if scope == "area":
        f = deed_repo.DeedFilter(month=month, area=key, status="approved")
        return tuple(deed_repo.deeds(conn, ledger.village_id, f, newest_first=False))
    f = deed_repo.DeedFilter(month=month, status="approved")
    return tuple(d for d in deed_repo.deeds(conn, ledger.village_id, f, newest_first=False)
                 if d.source.sheet == key)


def _check(conn: Connection, ledger: Ledger, month: Month, totals: Iterable[HandTotal]
           ) -> list[Problem]:
    problems: list[Problem] = []
    state = month_repo.month_row(conn, ledger.village_id, month)
    if state is not None and state.closed:
        return [Problem.at("month.already_closed", Where(field=Field.MONTH), month=str(month))]
    areas = set(roster_repo.areas(conn, ledger.village_id))
    for t in totals:
        problems += text_problems({Field.HAND_TALLY: t.key})
        if t.scope not in SCOPES:
            problems.append(Problem.at("hand.scope", AT_HAND, scope=t.scope))
        elif t.scope == "area" and t.key not in areas:
            problems.append(Problem.at("hand.area_unknown", AT_HAND, area=t.key,
                                       choices="、".join(sorted(areas)) or "—"))
        elif t.scope == "sheet" and not t.key.strip():
            problems.append(Problem.at("hand.sheet_missing", AT_HAND))
    return problems


def record_totals(w: Write, ledger: Ledger, month: Month, totals: Iterable[HandTotal]) -> None:
    """Hand totals written in a caller's write block, each its own audit entry."""
    totals = list(totals)
    refuse(_check(w.conn, ledger, month, totals))
    for t in totals:
        w.require(Action.HAND_TALLY, Target(area=t.key if t.scope == "area" else None))
    for t in totals:
        values = {"village_id": ledger.village_id, "month": str(month), "scope": t.scope,
                  "key": t.key.strip(), "total_h": t.total.hundredths, "explanation": None,
                  "by": w.actor_name, "at": w.at}
        row_id = notice_repo.insert_row(w.conn, "hand_tally", values)
        w.record("hand_total", "hand_tally", str(row_id), {})  # the row: store.bound


def enter_totals(ledger: Ledger, month: Month, totals: Iterable[HandTotal]) -> Changes:
    """Enter gatherers' calculator totals before the close (a gatherer: her own areas)."""
    with write(ledger, "hand_total", "hand_tally", needs=Action.HAND_TALLY) as w:
        w.summary = False
        record_totals(w, ledger, month, totals)
    return MONTHS


def record_explanations(w: Write, ledger: Ledger, month: Month,
                        explanations: Mapping[str, str]) -> None:
    """Explanations written in a caller's write block: each names a hand total's area or
    sheet that differs, each its own audit entry."""
    if not explanations:
        return
    w.require(Action.EXPLAIN)
    found = {d.key: d for d in _differences(w.conn, ledger, month)}
    problems: list[Problem] = []
    for key, text in explanations.items():
        problems += text_problems({Field.EXPLANATION: text})
        if not text.strip():
            problems.append(Problem.at("hand.explanation_missing", Where(field=Field.EXPLANATION),
                                       key=key))
        elif key not in found:
            problems.append(Problem.at("hand.nothing_to_explain",
                                       Where(field=Field.EXPLANATION), key=key))
    refuse(problems)
    for key, text in explanations.items():
        d = found[key]
        values = {"village_id": ledger.village_id, "month": str(month), "scope": d.scope,
                  "key": key, "total_h": None, "explanation": text.strip(),
                  "by": w.actor_name, "at": w.at}
        row_id = notice_repo.insert_row(w.conn, "hand_tally", values)
        w.record("explain", "hand_tally", str(row_id), {})  # the row: store.bound


def explain(ledger: Ledger, month: Month, *, key: str, explanation: str) -> Changes:
    """Explain why an area's or sheet's hand total differs from the ledger's (a secretary)."""
    with write(ledger, "explain", "hand_tally", needs=Action.EXPLAIN) as w:
        w.summary = False
        record_explanations(w, ledger, month, {key: explanation})
    return MONTHS


def _differences(conn: Connection, ledger: Ledger, month: Month) -> list[Difference]:
    """Every hand total's comparison, newest total per area or sheet; an explanation counts
    when given after that total."""
    latest: dict[tuple[str, str], tuple[Points, str | None]] = {}
    for row in notice_repo.hand_rows(conn, ledger.village_id, month):
        k = (row.scope, row.key)
        if row.total_h is not None:
            latest[k] = (Points(row.total_h), None)
        elif k in latest:
            latest[k] = (latest[k][0], row.explanation)
    out = []
    for (scope, key), (hand, why) in latest.items():
        deeds = ledger_deeds(conn, ledger, month, scope, key)
        total = Points(sum(d.points.hundredths for d in deeds))
        out.append(Difference(scope, key, hand, total, deeds, why))
    return out


def differences(ledger: Ledger, month: Month) -> list[Difference]:
    """The month's hand totals against the ledger's, agreeing ones included (`settled`)."""
    with read(ledger) as conn:
        return _differences(conn, ledger, month)


def unsettled_problems(conn: Connection, ledger: Ledger, month: Month) -> list[Problem]:
    """A problem for each difference neither resolved nor explained, naming the deeds behind
    it (those whose points alone make up the gap first)."""
    problems = []
    for d in _differences(conn, ledger, month):
        if d.settled:
            continue
        behind = d.suspects() or d.deeds
        problems.append(Problem.at(
            "hand.differs", AT_HAND, key=d.key, hand=d.hand.signed(), ledger=d.ledger.signed(),
            gap=d.gap.signed(),
            deeds=", ".join(f"#{x.id} {x.name} {x.points.signed()}" for x in behind[:12])
            or "—"))
    return problems


def check_given(totals: Iterable[HandTotal]) -> None:
    """Refuse a total given twice for one area or sheet."""
    seen: set[tuple[str, str]] = set()
    for t in totals:
        if (t.scope, t.key) in seen:
            raise InputError([Problem.at("hand.twice", AT_HAND, key=t.key)])
        seen.add((t.scope, t.key))
