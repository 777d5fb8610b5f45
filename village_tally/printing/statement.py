"""A resident's statement: every entry that changed their points, month by month, with who
recorded it, where it came from, approvals, voids and corrections, and how to object."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from village_tally.core.deed import Deed, Resident, Status
from village_tally.core.points import ZERO, Points
from village_tally.i18n import tr
from village_tally.printing import art, doc, fonts, page
from village_tally.printing.board import month_title

GRID = Color(0.75, 0.75, 0.75)
HEAD_BG = Color(0.96, 0.90, 0.89)
VOID = Color(0.5, 0.5, 0.5)


@dataclass(frozen=True, slots=True)
class StatementData:
    village: str
    resident: Resident
    deeds: tuple[Deed, ...]  # oldest first
    printed: str


@dataclass(frozen=True, slots=True)
class MonthBlock:
    month: str
    deeds: tuple[Deed, ...]
    counted: Points
    running: Points


def counts(deed: Deed) -> bool:
    """Whether a deed is in the totals: approved, not void, not waiting for approval."""
    return deed.status == Status.APPROVED


def months_of(deeds: tuple[Deed, ...]) -> list[MonthBlock]:
    """Deeds grouped by month (oldest first), each with its counted points and running total."""
    by_month: dict[str, list[Deed]] = {}
    for d in deeds:
        by_month.setdefault(d.month, []).append(d)
    out, running = [], ZERO
    for month in sorted(by_month):
        items = by_month[month]
        counted = sum((d.points for d in items if counts(d)), ZERO)
        running = running + counted
        out.append(MonthBlock(month, tuple(items), counted, running))
    return out


def source_text(d: Deed, lang: str) -> str:
    s = d.source
    if s.file:
        return tr("print.source.file", lang, file=s.file, row=s.row if s.row is not None else "")
    if s.sheet and s.line is not None:
        return tr("print.source.sheet", lang, sheet=s.sheet, line=s.line)
    if s.sheet:
        return tr("print.source.sheet_only", lang, sheet=s.sheet)
    return tr("print.source.none", lang)


def status_text(d: Deed, lang: str) -> str:
    if d.status == Status.VOID:
        parts = [tr("print.status.void", lang, reason=d.void_reason or "",
                    by=d.voided_by or "")]
    elif d.status == Status.PENDING:
        parts = [tr("print.status.pending", lang)]
    elif d.approved_by:
        parts = [tr("print.status.approved_by", lang, by=d.approved_by)]
    else:
        parts = [tr("print.status.approved", lang)]
    if d.adjusts is not None:
        parts.append(tr("print.status.adjusts", lang, id=d.adjusts))
    if d.replaces is not None:
        parts.append(tr("print.status.replaces", lang, id=d.replaces))
    if d.override_reason:
        parts.append(tr("print.status.override", lang, reason=d.override_reason))
    return "；".join(parts) if lang == "zh" else "; ".join(parts)


def deed_text(d: Deed) -> str:
    text = d.title
    if d.rule_code:
        text = f"{d.rule_code} {text}"
        if d.quantity != 1:
            text += f" ×{format(d.quantity.normalize(), 'f')}"
    if d.note:
        text += f"（{d.note}）"
    return text


COLS = ("no", "date", "deed", "points", "recorder", "source", "status")
WIDTHS = (38, 56, 138, 36, 50, 92, 129)


def _table(block: MonthBlock, lang: str) -> Table:
    st = doc.style(8)
    grey = doc.style(8, color=VOID)
    right = doc.style(8, align=TA_RIGHT)
    head = [doc.para(tr("print.statement.no" if c == "no" else f"print.statement.col.{c}",
                        lang), st) for c in COLS]
    rows: list[list[Flowable]] = [head]
    for d in block.deeds:
        s = st if counts(d) else grey
        rows.append([doc.para(str(d.id), s), doc.para(d.date.isoformat(), s),
                     doc.para(deed_text(d), s),
                     doc.para(d.points.signed(), right if counts(d) else grey),
                     doc.para(d.recorder, s), doc.para(source_text(d, lang), s),
                     doc.para(status_text(d, lang), s)])
    table = Table(rows, colWidths=WIDTHS, repeatRows=1)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), fonts.MAIN),  # else Helvetica, not embedded
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]))
    return table


def story(data: StatementData, lang: str) -> list[Flowable]:
    r = data.resident
    title = doc.style(18, leading=24, color=art.RED)
    out: list[Flowable] = [
        doc.para(f"{data.village} {tr('print.statement.title', lang)}", title),
        doc.para(tr("print.statement.who", lang, name=r.name, household=r.household,
                    area=r.area or tr("print.no_area", lang)), doc.style(12, space_after=6)),
    ]
    blocks = months_of(data.deeds)
    if not blocks:
        out.append(doc.para(tr("print.statement.none", lang), doc.style(10)))
    for block in blocks:
        summary = tr("print.statement.month_total", lang, points=block.counted.signed(),
                     total=str(block.running))
        out.append(KeepTogether([
            Spacer(1, 6),
            doc.para(f"{month_title(block.month, lang)}　{summary}",
                     doc.style(10.5, color=art.RED, space_after=3)),
            _table(block, lang),
        ]))
    total = blocks[-1].running if blocks else ZERO
    pending = sum((d.points for d in data.deeds if d.status == Status.PENDING), ZERO)
    out += [Spacer(1, 10),
            doc.para(tr("print.statement.total", lang, total=str(total), pending=str(pending)),
                     doc.style(11, space_after=8)),
            _objection(lang)]
    return out


def _objection(lang: str) -> Flowable:
    box = Table([[doc.para(tr("print.statement.object", lang), doc.style(9, leading=13))]],
                colWidths=[sum(WIDTHS)])
    box.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), fonts.MAIN),
                             ("BOX", (0, 0), (-1, -1), 0.8, art.RED),
                             ("BACKGROUND", (0, 0), (-1, -1), art.PALE_RED),
                             ("LEFTPADDING", (0, 0), (-1, -1), 8),
                             ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                             ("TOPPADDING", (0, 0), (-1, -1), 6),
                             ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]))
    return KeepTogether([box])


def draw(data: StatementData, out: Path | str, *, lang: str = "zh",
         step: Callable[[int, int], None] | None = None) -> int:
    """Write the statement; returns its number of pages."""
    title = f"{tr('print.statement.title', lang)} {data.resident.name}"
    return doc.build(out, story(data, lang), title=title,
                     decor=doc.Decor(page.Footer(data.printed, None, lang)), pagesize=A4,
                     step=step)
