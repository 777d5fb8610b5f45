"""Exporting: the whole ledger as one workbook, and a month's tally sheet for printing.

- `export_workbook(ledger, path, *, lang, job)` writes the roster, rules, deeds (status, voids,
  approvals, sources, recorder), ratings and the closed months' stored tallies, with headers
  that `import roster|deeds|ratings` reads back to the same ledger. Returns an `Exported`.
- `write_tally_xlsx(ledger, month, path, *, lang)` writes the month's single sheet: one row per
  resident in the tally's columns (`core.tally_column`, as on screen and on the command line),
  the columns that add up totalled at the bottom, laid out for A4 landscape.

Both are inert (no formulas, see exchange.writer) and replace the target only once complete.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from village_tally.core.authority import Action
from village_tally.core.month import Month
from village_tally.core.points import ZERO, Points
from village_tally.core.scheme import Scheme
from village_tally.core.tally import TallyRow
from village_tally.core.tally_column import ColumnKind, TallyColumn, tally_columns
from village_tally.exchange.writer import XlsxWriter, number_h, timestamp
from village_tally.i18n import tr
from village_tally.services import months
from village_tally.services.jobs import NO_JOB, JobControl
from village_tally.services.output import output
from village_tally.services.session import Ledger, read, snapshot
from village_tally.store import deeds as deed_repo
from village_tally.store import exchange as bulk
from village_tally.store import months as month_repo
from village_tally.store import ratings as rating_repo
from village_tally.store import roster as roster_repo

STEP = 2000
DEED_COLUMNS = ("id", "date", "name", "household", "rule", "deed", "quantity", "points",
                "recorder", "sheet", "line", "note", "status", "approved_by", "void_reason",
                "voided_by", "voided_at", "override", "adjusts", "replaces", "source_file",
                "source_row", "created_at")
DEED_WIDTHS = (8, 11, 10, 8, 7, 22, 7, 7, 10, 8, 6, 20, 8, 10, 16, 10, 20, 14, 8, 8, 16, 7, 20)


@dataclass(frozen=True, slots=True)
class Exported:
    path: str
    residents: int
    deeds: int
    ratings: int
    closed_months: int


def export_workbook(ledger: Ledger, path: str | Path, *, lang: str = "zh",
                    job: JobControl = NO_JOB) -> Exported:
    """The whole ledger in one workbook (see the module docstring): personal data, for the
    committee and the secretary."""
    ledger.require(Action.EXPORT)
    with output(path) as target, XlsxWriter() as book:
        # one moment (PostgreSQL's default sees each statement's own): the count, the deeds
        # and the roster agree while gatherers save deeds
        with snapshot(ledger) as now, read(now) as conn:
            people = roster_repo.residents(conn, ledger.village_id)
            total = deed_repo.count_deeds(conn, ledger.village_id)
            job.step(0, total)
            _roster_sheet(book, people, lang)
            _rules_sheet(book, ledger.scheme, lang)
            count = _deeds_sheet(book, bulk.export_deeds(conn, ledger.village_id), lang, job,
                                 total)
            ratings = _ratings_sheet(book, conn, ledger, lang)
            closed = month_repo.closed_months(conn, ledger.village_id)
            _months_sheet(book, closed, lang)
        about = book.sheet(tr("sheet.about", lang), [90])
        book.rows(about, [[tr("export.about", lang, village=ledger.village_name,
                              scheme=ledger.scheme.preset,
                              at=ledger.now().strftime("%Y-%m-%d %H:%M"))]])
        job.step(total, total)
        book.save(target)
    return Exported(str(path), len(people), count, ratings, len(closed))


def _t(key: str, lang: str) -> str:
    return tr(f"xcol.{key}", lang)


# Column widths (characters) of the tally sheet by what a column holds; names are wider.
_WIDTHS = {ColumnKind.TEXT: 9, ColumnKind.POINTS: 11, ColumnKind.CHANGE: 11,
           ColumnKind.COUNT: 6, ColumnKind.SCORE: 9}


def _column_total(column: TallyColumn, rows: tuple[TallyRow, ...]) -> Points | int | None:
    """The footer cell of a column that adds up (points, flags, stars); None for the rest."""
    if not column.adds_up:
        return None
    values = [column.value(r) for r in rows]
    if column.kind is ColumnKind.COUNT:
        return sum(v for v in values if isinstance(v, int))
    return sum((v for v in values if isinstance(v, Points)), ZERO)


def _roster_sheet(book: XlsxWriter, people: list[Any], lang: str) -> None:
    ws = book.sheet(tr("sheet.roster", lang), [12, 10, 16, 6, 10, 8, 24])
    book.header(ws, [_t(k, lang) for k in ("name", "household", "door_plate", "head", "area",
                                           "status", "note")])
    yes = tr("exchange.yes", lang)
    book.rows(ws, ([p.name, p.household, p.door_plate, yes if p.is_head else None,
                    p.area or None, tr(f"status.{p.status}", lang), p.note] for p in people))


def _rules_sheet(book: XlsxWriter, scheme: Scheme, lang: str) -> None:
    ws = book.sheet(tr("sheet.rules", lang), [7, 24, 36, 7, 10, 9, 9])
    book.header(ws, [_t(k, lang) for k in ("rule", "title_zh", "title_en", "points", "unit",
                                           "cap", "approval")])
    book.rows(ws, ([r.code, r.title_zh, r.title_en, r.points, r.unit(lang),
                    r.monthly_cap, r.approval_above] for r in scheme.rules))


def _deeds_sheet(book: XlsxWriter, rows: Any, lang: str, job: JobControl, total: int) -> int:
    ws = book.sheet(tr("sheet.deeds", lang), DEED_WIDTHS)
    book.header(ws, [_t(k, lang) for k in DEED_COLUMNS])
    words = {s: tr(f"status.{s}", lang) for s in ("approved", "pending", "void")}
    count = 0

    approved, pending, void = words["approved"], words["pending"], words["void"]
    fromiso = dt.date.fromisoformat
    stamp = timestamp

    def values() -> Any:
        nonlocal count
        # Plain tuple unpacking: the export is mostly openpyxl's own time (bench_export).
        for (deed_id, day, name, code, rule, title, qty, pts, recorder, sheet, line, note,
             needs, approved_by, void_reason, voided_by, voided_at, override, adjusts,
             replaces, source_file, source_row, created_at) in rows:
            if count % STEP == 0:
                job.step(count, total)
            count += 1
            if void_reason is not None:
                status = void
            elif needs and approved_by is None:
                status = pending
            else:
                status = approved
            yield [deed_id, fromiso(day), name, code, rule, title, number_h(qty),
                   number_h(pts), recorder, sheet, line, note, status, approved_by,
                   void_reason, voided_by, stamp(voided_at), override, adjusts, replaces,
                   source_file, source_row, stamp(created_at)]

    book.rows(ws, values())
    return count


def _ratings_sheet(book: XlsxWriter, conn: Any, ledger: Ledger, lang: str) -> int:
    cats = ledger.scheme.categories
    ws = book.sheet(tr("sheet.ratings", lang), [10, 10] + [12] * len(cats))
    book.header(ws, [_t("household", lang), _t("quarter", lang)]
                + [c.title_zh if lang == "zh" else c.title_en for c in cats])
    count = 0
    for quarter in bulk.rating_quarters(conn, ledger.village_id):
        current = rating_repo.current_ratings(conn, ledger.village_id, quarter)
        for code in sorted(current):
            stars = current[code]
            book.rows(ws, [[code, quarter] + [stars.get(c.code) for c in cats]])
            count += len(stars)
    return count


def _months_sheet(book: XlsxWriter, closed: list[month_repo.MonthState], lang: str) -> None:
    keys = ("month", "name", "household", "area", "previous", "added", "deducted", "total",
            "stars", "flags", "score", "grade", "pending", "checksum")
    ws = book.sheet(tr("sheet.months", lang), [9, 10, 8, 8, 9, 9, 9, 9, 6, 6, 8, 6, 8, 66])
    book.header(ws, [_t(k, lang) for k in keys])
    for m in closed:
        stored = json.loads(m.tally) if m.tally else []
        book.rows(ws, ([str(m.month), r["name"], r["household"], r.get("area") or None,
                        Points.of(r["previous_total"]), Points.of(r["added"]),
                        Points.of(r["deducted"]), Points.of(r["total_points"]),
                        r["star_total"], r["flags"],
                        Points.of(r["score"]) if "score" in r else None, r.get("grade"),
                        Points.of(r["pending_points"]), m.checksum] for r in stored))


# --- the month's tally sheet ---------------------------------------------------------------

def write_tally_xlsx(ledger: Ledger, month: Month, path: str | Path, *, lang: str = "zh"
                     ) -> Path:
    """The month's single tally sheet (see the module docstring), laid out for A4 landscape."""
    result = months.tally(ledger, month)
    with output(path) as target, XlsxWriter() as book:
        _tally_book(book, result, lang)
        book.save(target)
    return target


def _tally_book(book: XlsxWriter, result: months.Tally, lang: str) -> None:
    columns = tally_columns(result.scheme)
    widths = [12 if c.key == "name" else _WIDTHS[c.kind] for c in columns]
    ws = book.sheet(str(result.month), widths, freeze="A4", landscape=True)
    book.title(ws, tr("export.tally_title", lang, village=result.village,
                      month=str(result.month)))
    state = (tr("export.tally_closed", lang, checksum=result.checksum) if result.closed
             else tr("export.tally_open", lang))
    book.rows(ws, [[state]])
    book.header(ws, [tr(c.label, lang) for c in columns])
    book.rows(ws, ([c.value(r) or None if c.kind is ColumnKind.TEXT else c.value(r)
                    for c in columns] for r in result.rows))
    footer: list[Any] = [_column_total(c, result.rows) for c in columns]
    footer[0] = _t("totals", lang)
    book.rows(ws, [footer])
    book.print_layout(ws, width=len(columns), height=len(result.rows) + 4, title_rows="3:3")
