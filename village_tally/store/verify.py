"""The ledger against its own record, in one pass over history (invariants 2, 3 and 4).

The audit chain is replayed into what the tables must hold (store/record.py); then every deed is
read once, in id order, against the entry that wrote it (store/digest.py); every bound row is
compared with its recorded state; the deeds' per-month sums are read once and every closed
month's points are held against its seal (store/seal.py), its row and stored tally and roster
against the same seal; a deed's month must agree with its date; and the guards must be as the
migrations define them (store/guards.py). Every difference is a Problem naming what it is.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, bindparam, case, func, select

from village_tally.core.problem import Moment, Phrase, Problem
from village_tally.core.tally import points_digest
from village_tally.store import digest, guards, scans
from village_tally.store.bound import BOUND, Bound
from village_tally.store.plain import plain_rows
from village_tally.store.record import Close, Record, replay
from village_tally.store.schema import approval, deed, lapse, month, resident, snapshot, void
from village_tally.store.seal import stored_points, text_digest

# At most this many of one kind of difference are listed one by one; the rest are counted.
LISTED = 20


@dataclass(frozen=True, slots=True)
class Verified:
    """What verify found: counts, every difference, and each close (for verification codes)."""

    entries: int
    months: int
    deeds: int
    problems: tuple[Problem, ...]
    acknowledged: frozenset[str]
    closes: tuple[Close, ...]


def verify(conn: Connection, village_id: int) -> Verified:
    record = replay(conn)
    problems = list(record.problems)
    count = _deeds(conn, record, problems)
    problems += _dates(conn)
    problems += _images(conn, record)
    problems += _rows(conn, record)
    sums = month_sums(conn, village_id)
    problems += _orphans(conn, sums)
    problems += _months(conn, village_id, record, sums, lapsed_sums(conn, village_id))
    problems += [Problem.at(f"verify.guard_{d.change}", kind=Phrase.of(f"verify.kind.{d.kind}"),
                            name=d.name) for d in guards.differences(conn)]
    closes = tuple(c for cs in record.closes.values() for c in cs)
    return Verified(record.entries, len(record.seals), count, tuple(problems),
                    frozenset(record.acknowledged), closes)


# --- deeds ---------------------------------------------------------------------------------------

# Spans of at least this many deeds are read joined by the database; smaller ones (a deed
# entered by hand) a row at a time, in regions of neighbouring small spans.
BIG_SPAN = 256


def _deeds(conn: Connection, record: Record, problems: list[Problem]) -> int:
    """Every deed once, into the digest of the entry that wrote it; then what no entry
    wrote, and what an entry wrote that is gone or changed."""
    shas: dict[int, Any] = defaultdict(hashlib.sha256)
    seen: dict[int, int] = defaultdict(int)
    spans = sorted(record.spans)
    region: list[tuple[int, int, int]] = []
    for span in spans:
        first, last, entry = span
        if last - first + 1 < BIG_SPAN:
            region.append(span)
            continue
        _small(conn, region, shas, seen)
        region = []
        for start in range(first, last + 1, digest.CHUNK):
            found, lines = digest.chunk(conn, start, min(last, start + digest.CHUNK - 1))
            if found:
                shas[entry].update(lines)
                shas[entry].update(b"\n")
                seen[entry] += found
    _small(conn, region, shas, seen)
    total = digest.count(conn)
    if total != sum(seen.values()):
        _unaudited(conn, spans, problems)
    for entry, wanted in record.digests.items():
        runs = record.runs[entry]
        if seen[entry] != sum(last - first + 1 for first, last in runs):
            problems += _missing(conn, entry, runs, record)
        elif shas[entry].hexdigest() != wanted:
            problems.append(Problem.at("verify.deed_changed", first=runs[0][0],
                                       last=runs[-1][1], **record.who(entry)))
    return total


def _small(conn: Connection, spans: list[tuple[int, int, int]], shas: dict[int, Any],
           seen: dict[int, int]) -> None:
    """Small spans (deeds entered one by one): their region read a row at a time."""
    if not spans:
        return
    i = 0
    for deed_id, text in digest.stream(conn, spans[0][0], spans[-1][1]):
        while i < len(spans) and spans[i][1] < deed_id:
            i += 1
        if i < len(spans) and spans[i][0] <= deed_id:
            entry = spans[i][2]
            shas[entry].update(text.encode("utf-8", "surrogateescape") + b"\n")
            seen[entry] += 1


def _unaudited(conn: Connection, spans: list[tuple[int, int, int]], problems: list[Problem]
               ) -> None:
    """The deeds no entry wrote (read only when the counts say there are some)."""
    unaudited: list[int] = []
    i = 0
    for deed_id in digest.ids(conn):
        while i < len(spans) and spans[i][1] < deed_id:
            i += 1
        if not (i < len(spans) and spans[i][0] <= deed_id):
            unaudited.append(deed_id)
    if unaudited:
        problems.append(Problem.at("verify.deed_unaudited", deed_id=unaudited[0],
                                   more=len(unaudited) - 1))


def _missing(conn: Connection, entry: int, runs: list[list[int]], record: Record
             ) -> Iterator[Problem]:
    present: set[int] = set()
    for first, last in runs:
        present |= set(conn.execute(select(deed.c.id).where(deed.c.id.between(first, last)))
                       .scalars())
    gone = [i for first, last in runs for i in range(first, last + 1) if i not in present]
    for deed_id in gone[:LISTED]:
        yield Problem.at("verify.deed_missing", deed_id=deed_id, **record.who(entry))
    if len(gone) > LISTED:
        yield Problem.at("verify.more", count=len(gone) - LISTED)


def _dates(conn: Connection) -> Iterator[Problem]:
    """A deed's month agrees with its date (the database refuses others since 0002)."""
    wrong = conn.execute(select(deed.c.id, deed.c.date, deed.c.month)
                         .where(deed.c.month.is_distinct_from(func.substr(deed.c.date, 1, 7)))
                         .order_by(deed.c.id).limit(LISTED + 1)).all()
    for row in wrong[:LISTED]:
        yield Problem.at("verify.deed_month_date", deed_id=row.id, date=row.date,
                         month=row.month)
    if len(wrong) > LISTED:
        yield Problem.at("verify.more", count=len(wrong) - LISTED)


def _images(conn: Connection, record: Record) -> Iterator[Problem]:
    """Each scanned line's picture is the one its entry named; no picture without an entry."""
    for deed_id in scans.changed_images(conn, record.images)[:LISTED]:
        yield Problem.at("verify.image_changed", deed_id=deed_id)
    for deed_id in [i for i in scans.image_ids(conn) if str(i) not in record.images][:LISTED]:
        yield Problem.at("verify.image_unaudited", deed_id=deed_id)


# --- bound rows ----------------------------------------------------------------------------------

def _rows(conn: Connection, record: Record) -> Iterator[Problem]:
    """Every bound row against the state the chain leaves: missing, unrecorded, changed."""
    names: dict[str, dict[Any, Any]] = {}
    for b in BOUND:
        expected = record.state.get(b.name, {})
        result = conn.execute(select(b.table))
        columns = tuple(result.keys())
        rows = [dict(zip(columns, r, strict=True)) for r in result]
        actual = {b.key_of(r): b.recorded_row(r) if b.secret else r for r in rows}
        if actual == expected:
            continue  # the whole table as recorded (the usual case): one comparison
        listed = 0
        for key in sorted(expected.keys() | actual.keys()):
            was, now = expected.get(key), actual.get(key)
            if was == now:
                continue  # as recorded (most rows): nothing to name
            what = b.phrase(_named(conn, b, was or now or {}, names))
            for problem in _row_changes(what, was, now):
                listed += 1
                if listed <= LISTED:
                    yield problem
        if listed > LISTED:
            yield Problem.at("verify.more", count=listed - LISTED)


def _named(conn: Connection, b: Bound, row: dict[str, Any], names: dict[str, dict[Any, Any]]
           ) -> dict[str, Any]:
    """The row with the names its id columns point at (`person_id:name`), for the report."""
    if not b.names:
        return row
    out = dict(row)
    for column, table in b.names:
        if table.name not in names:
            names[table.name] = dict(conn.execute(select(table.c.id, table.c.name)).all())
        value = row.get(column)
        out[f"{column}:name"] = names[table.name].get(value, f"#{value}")
    return out


# Columns whose values a report never shows (a PIN's or the recovery code's hash).
SECRET = frozenset({"hash"})


def _row_changes(what: Phrase, was: dict[str, Any] | None, now: dict[str, Any] | None
                 ) -> Iterator[Problem]:
    if now is None:
        yield Problem.at("verify.row_missing", what=what)
    elif was is None:
        yield Problem.at("verify.row_unrecorded", what=what)
    else:
        for column, value in was.items():
            if now.get(column) == value:
                continue
            if column in SECRET:
                yield Problem.at("verify.secret_changed", what=what)
            else:
                yield Problem.at("verify.row_changed", what=what,
                                 column=Phrase.of(f"verify.column.{column}"),
                                 recorded=_shown(value), now=_shown(now.get(column)))


def _shown(value: Any) -> str:
    text = "—" if value is None else str(value)
    return text if len(text) <= 40 else text[:39] + "…"


# --- months --------------------------------------------------------------------------------------

Sums = dict[str, dict[int, list[int]]]  # month -> resident -> [total, added]


def month_sums(conn: Connection, village_id: int) -> Sums:
    """Counted points per month and resident, in one pass over the tally index: every deed,
    less the voided and the still pending (few, read apart)."""
    positive = func.sum(case((deed.c.points_h > 0, deed.c.points_h), else_=0))
    sums: Sums = defaultdict(dict)
    for mon, rid, total, added in plain_rows(
            conn, select(deed.c.month, deed.c.resident_id, func.sum(deed.c.points_h), positive)
            .where(deed.c.village_id == bindparam("village"))
            .group_by(deed.c.month, deed.c.resident_id), {"village": village_id}):
        sums[mon][rid] = [int(total), int(added)]
    voided = (select(deed.c.month, deed.c.resident_id, deed.c.points_h)
              .join(void, void.c.deed_id == deed.c.id).where(deed.c.village_id == village_id))
    pending = (select(deed.c.month, deed.c.resident_id, deed.c.points_h)
               .outerjoin(approval, approval.c.deed_id == deed.c.id)
               .outerjoin(void, void.c.deed_id == deed.c.id)
               .where(deed.c.needs_approval.is_(True), approval.c.id.is_(None),
                      void.c.id.is_(None), deed.c.village_id == village_id))
    for query in (voided, pending):
        for mon, rid, points in plain_rows(conn, query, {}):
            slot = sums[mon].setdefault(rid, [0, 0])
            slot[0] -= points
            if points > 0:
                slot[1] -= points
    return sums


Lapsed = dict[str, dict[int, int]]  # month -> resident -> points given back from that month


def lapsed_sums(conn: Connection, village_id: int) -> Lapsed:
    """What the lapses closed months took into account give back (信用修复), by the month
    from which each counts: in the running total from then on, never in a month's own added
    or deducted."""
    out: Lapsed = defaultdict(lambda: defaultdict(int))
    for mon, rid, points in plain_rows(
            conn, select(lapse.c.month, deed.c.resident_id, deed.c.points_h)
            .join(deed, deed.c.id == lapse.c.deed_id).where(lapse.c.village_id == village_id), {}):
        out[mon][rid] -= points
    return out


def _orphans(conn: Connection, sums: Sums) -> Iterator[Problem]:
    """Deeds of a resident who is not on the roster (deleted with foreign keys off)."""
    known = {rid for rid, in plain_rows(conn, select(resident.c.id), {})}
    lost = sorted({rid for per in sums.values() for rid in per} - known)
    for rid in lost[:LISTED]:
        yield Problem.at("verify.deed_orphan", resident_id=rid)
    if len(lost) > LISTED:
        yield Problem.at("verify.more", count=len(lost) - LISTED)


def _months(conn: Connection, village_id: int, record: Record, sums: Sums, lapsed: Lapsed
            ) -> Iterator[Problem]:
    names = dict(plain_rows(conn, select(resident.c.id, resident.c.name), {}))
    # the stored tallies and rosters as their UTF-8 bytes: digested as stored, never decoded
    columns = [c for c in month.c if c.name != "tally"]
    rows = {r.month: r for r in conn.execute(
        select(*columns, digest.utf8(conn, month.c.tally).label("tally"))
        .where(month.c.village_id == village_id))}
    rosters = dict(conn.execute(select(snapshot.c.month, digest.utf8(conn, snapshot.c.roster))
                                .where(snapshot.c.village_id == village_id)).all())
    for mon, closes in sorted(record.closes.items()):
        if len(closes) > 1:
            yield Problem.at("verify.month_closed_twice", month=mon, first=closes[0].at,
                             second=closes[-1].at, times=len(closes))
    for mon, seal in sorted(record.seals.items()):
        row = rows.get(mon)
        if row is None:
            yield Problem.at("verify.month_missing", month=mon,
                             at=Moment(seal.get("closed_at") or ""))
            continue
        if not row.closed:
            yield Problem.at("verify.month_reopened", month=mon)
        yield from _held(mon, seal, row, rosters.get(mon))
    for mon, row in sorted(rows.items()):
        if row.closed and mon not in record.seals:
            yield Problem.at("verify.month_unrecorded", month=mon)
    yield from _points(record, rows, sums, lapsed, names)


def _held(mon: str, seal: dict[str, Any], row: Any, roster: bytes | None
          ) -> Iterator[Problem]:
    """The month row, its stored tally and its roster snapshot against the seal."""
    now = {"checksum": row.checksum, "tally": text_digest(row.tally),
           "roster": text_digest(roster), "closed_at": row.closed_at,
           "closed_by": row.closed_by}
    for key, value in now.items():
        if key in seal and seal[key] != value:
            yield Problem.at("verify.month_changed", month=mon,
                             what=Phrase.of(f"verify.sealed.{key}"))


def _points(record: Record, rows: dict[str, Any], sums: Sums, lapsed: Lapsed,
            names: dict[int, str]) -> Iterator[Problem]:
    """Each closed month's points as the deeds (and the lapses kept) give them now against its
    seal: totals run through the months once (linear in history). A change that carries into
    the later months' totals is one difference naming the first and last of them."""
    running: dict[int, int] = defaultdict(int)
    sealed = sorted(record.seals)
    runs: list[tuple[str, str, tuple[int, ...]]] = []  # first month, last month, residents
    for mon in sorted(set(sums) | set(sealed) | set(lapsed)):
        if not sealed or mon > sealed[-1]:
            break
        this = sums.get(mon, {})
        for rid, (total, _added) in this.items():
            running[rid] += total
        for rid, back in lapsed.get(mon, {}).items():
            running[rid] += back
        seal = record.seals.get(mon)
        if seal is None:
            continue
        items = _items(running, this)
        if points_digest(items) == seal.get("points"):
            continue
        who = _who_differs(rows.get(mon), {i[0]: i[1:] for i in items})
        if runs and runs[-1][2] == who:
            runs[-1] = (runs[-1][0], mon, who)
        else:
            runs.append((mon, mon, who))
    for first, last, who in runs:
        shown = tuple(f"{names.get(rid, '?')} #{rid}" for rid in who[:LISTED])
        yield Problem.at("verify.month_points" if first == last else "verify.months_points",
                         month=first, last=last, residents=shown, count=len(who))


def _items(running: dict[int, int], month: dict[int, list[int]]
           ) -> list[tuple[int, int, int, int]]:
    """(resident, running total, added, deducted) of every resident with a running total, from
    the month's (total, added): a resident without deeds that month added and deducted none."""
    items = [(rid, t, 0, 0) for rid, t in running.items() if rid not in month]
    items += [(rid, running[rid], added, total - added) for rid, (total, added) in month.items()]
    return items


def _who_differs(row: Any, now: dict[int, tuple[int, int, int]]) -> tuple[int, ...]:
    """The residents whose points differ: the stored tally read back (only when the
    fingerprint does not agree); none named if it cannot be read (the seal says so)."""
    try:
        stored = ({rid: rest for rid, *rest in stored_points(
            bytes(row.tally).decode("utf-8", "surrogateescape"))} if row else {})
    except (ValueError, TypeError, KeyError, ArithmeticError):
        return ()
    return tuple(sorted(rid for rid in stored.keys() | now.keys()
                        if tuple(stored.get(rid, (0, 0, 0))) != tuple(now.get(rid, (0, 0, 0)))))
