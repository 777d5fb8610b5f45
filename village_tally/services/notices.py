"""Publishing a month for public notice (公示期): the period, shortening it, and the notice the
draft board, tally sheet and rewards list print while the month is on notice."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection

from village_tally.core.authority import Action
from village_tally.core.month import Month
from village_tally.core.notice import Notice
from village_tally.core.objection import Period
from village_tally.core.problem import Field, Problem, Where
from village_tally.core.scheme import MAX_NOTICE_DAYS
from village_tally.core.text import text_problems
from village_tally.i18n import tr
from village_tally.services.changes import MONTHS, Changes
from village_tally.services.errors import InputError, refuse
from village_tally.services.session import Ledger, Write, read, stored_scheme, write
from village_tally.store import months as month_repo
from village_tally.store import notices as notice_repo


@dataclass(frozen=True, slots=True)
class Published:
    """A month put on notice: its period, and the one it replaced (re-publishing restarts
    the period: `earlier` says so)."""

    period: Period
    earlier: Period | None
    changes: Changes


def period(ledger: Ledger, month: Month) -> Period | None:
    """The month's notice period as it stands, or None if it was never published."""
    with read(ledger) as conn:
        return notice_repo.period(conn, ledger.village_id, month)


def record(w: Write, table: str, values: dict[str, Any]) -> int:
    """Write one row of the notice tables, the block's audit entry naming it (and recording
    it as written: store.bound, which `verify` replays)."""
    row_id = notice_repo.insert_row(w.conn, table, values)
    w.entity_id = str(row_id)
    return row_id


def _open_month(conn: Connection, ledger: Ledger, month: Month) -> None:
    where = Where(field=Field.MONTH)
    state = month_repo.month_row(conn, ledger.village_id, month)
    if state is not None and state.closed:
        raise InputError([Problem.at("month.already_closed", where, month=str(month))])
    first = month_repo.first_month(conn, ledger.village_id)
    if not first <= month <= Month.of(ledger.today()):
        raise InputError([Problem.at("month.outside_ledger", where, month=str(month),
                                     first=str(first), last=str(Month.of(ledger.today())))])


def publish_month(ledger: Ledger, month: Month, *, days: int | None = None,
            contact: str | None = None, place: str | None = None) -> Published:
    """Put a month on public notice from today for `days` (the village's setting unless
    given), naming who takes objections and where. Publishing again restarts the period."""
    problems = text_problems({Field.CONTACT: contact, Field.PLACE: place})
    if days is not None and not 1 <= days <= MAX_NOTICE_DAYS:
        problems.append(Problem.at("notice.days", Where(field=Field.DAYS), value=days,
                                   most=MAX_NOTICE_DAYS))
    refuse(problems)
    today = ledger.today()
    with write(ledger, "publish", "notice", needs=Action.PUBLISH) as w:
        _open_month(w.conn, ledger, month)
        village = stored_scheme(w.conn, ledger)  # the village's settings as they are now
        days = village.notice_days if days is None else days
        earlier = notice_repo.period(w.conn, ledger.village_id, month)
        record(w, "notice", {
            "village_id": ledger.village_id, "month": str(month), "kind": "publish",
            "starts": today.isoformat(),
            "ends": (today + dt.timedelta(days=days - 1)).isoformat(),
            "contact": (contact if contact is not None else village.notice_contact).strip(),
            "place": (place if place is not None else village.notice_place).strip(),
            "reason": None, "by": w.actor_name, "at": w.at})
        now = notice_repo.period(w.conn, ledger.village_id, month)
    assert now is not None
    return Published(now, earlier, MONTHS)


def shorten(ledger: Ledger, month: Month, *, ends: dt.date, reason: str) -> Published:
    """End a month's notice period early (a secretary, with a reason, audited): it ends on
    `ends` (yesterday at the earliest lets the month close today)."""
    refuse(text_problems({Field.REASON: reason}))
    if not reason.strip():
        raise InputError([Problem.at("deed.reason_missing", Where(field=Field.REASON))])
    with write(ledger, "shorten", "notice", needs=Action.SHORTEN_NOTICE) as w:
        _open_month(w.conn, ledger, month)
        now = notice_repo.period(w.conn, ledger.village_id, month)
        where = Where(field=Field.ENDS)
        if now is None:
            raise InputError([Problem.at("notice.not_published", Where(field=Field.MONTH),
                                         month=str(month))])
        if not now.starts - dt.timedelta(days=1) <= ends < now.ends:
            raise InputError([Problem.at("notice.shorten_range", where, ends=ends.isoformat(),
                                         starts=now.starts.isoformat(),
                                         current=now.ends.isoformat())])
        record(w, "notice", {
            "village_id": ledger.village_id, "month": str(month), "kind": "shorten",
            "starts": now.starts.isoformat(), "ends": ends.isoformat(),
            "contact": now.contact, "place": now.place, "reason": reason.strip(),
            "by": w.actor_name, "at": w.at})
        after = notice_repo.period(w.conn, ledger.village_id, month)
    assert after is not None
    return Published(after, now, MONTHS)


def as_notice(p: Period, lang: str) -> Notice:
    """A period as the printed documents say it: the village's words, else the committee and
    its office."""
    return Notice(p.starts, p.ends, p.contact or tr("notice.default_contact", lang),
                  p.place or tr("notice.default_place", lang), p.ends)


def notice_for(ledger: Ledger, month: Month, lang: str) -> Notice | None:
    """What an open month's draft documents print about its notice period (None when the
    month was never published, or is closed)."""
    with read(ledger) as conn:
        state = month_repo.month_row(conn, ledger.village_id, month)
        if state is not None and state.closed:
            return None
        found = notice_repo.period(conn, ledger.village_id, month)
    return None if found is None else as_notice(found, lang)
