"""A resident's statement: every entry that changed their points, month by month, with who
recorded it, where it came from, approvals, voids and corrections, and how to object."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from village_tally.core.deed import Deed, Resident, Status
from village_tally.core.kiosk import KIOSK
from village_tally.core.month import Month
from village_tally.core.objection import Objection
from village_tally.core.points import ZERO, Points
from village_tally.core.scheme import JIAKUANG_MAJIA, Scheme
from village_tally.core.tally import grade_for, score_for
from village_tally.i18n import aside, tr
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
    scheme: Scheme = JIAKUANG_MAJIA
    # Deductions that no longer count (信用修复): deed id → the month from which they do not.
    lapses: Mapping[int, Month] = field(default_factory=dict)
    bonus: Points = ZERO  # what the household's door sign adds to the score (Yangqiao)
    objections: tuple[Objection, ...] = ()  # to the resident's deeds, oldest first
    # The newest closed month and its verification code: the ledger this statement comes from
    # is the one that month's paper on the wall witnesses.
    sealed: tuple[str, str] | None = None


@dataclass(frozen=True, slots=True)
class MonthBlock:
    month: Month
    deeds: tuple[Deed, ...]
    counted: Points
    running: Points
    lapsed: tuple[Deed, ...] = ()  # deductions that stop counting this month, given back


def counts(deed: Deed) -> bool:
    """Whether a deed is in the totals: approved, not void, not waiting for approval."""
    return deed.status == Status.APPROVED


def months_of(deeds: tuple[Deed, ...], lapses: Mapping[int, Month] | None = None
              ) -> list[MonthBlock]:
    """Deeds grouped by month (oldest first), each with its counted points and running total;
    a deduction that lapsed is given back in the month it stopped counting."""
    by_month: dict[Month, list[Deed]] = {}
    gone: dict[Month, list[Deed]] = {}
    for d in deeds:
        by_month.setdefault(d.month, []).append(d)
        if lapses and d.id in lapses:
            gone.setdefault(lapses[d.id], []).append(d)
    out, running = [], ZERO
    for month in sorted(by_month.keys() | gone.keys()):
        items = sorted(by_month.get(month, ()), key=lambda d: (d.date, d.id))  # the day
        back = tuple(gone.get(month, ()))
        counted = sum((d.points for d in items if counts(d)), ZERO) - sum(
            (d.points for d in back), ZERO)
        running = running + counted
        out.append(MonthBlock(month, tuple(items), counted, running, back))
    return out


@dataclass(frozen=True, slots=True)
class Capped:
    """A deed holding the grade down: its rule's title, the grade, the last month it holds."""

    title: str
    grade: str
    until: str


def caps_in(data: StatementData, month: Month, lang: str) -> list[Capped]:
    """The grade caps in force in `month` from the resident's deeds (drunk driving: C, 12)."""
    rules = {r.code: r for r in data.scheme.rules}
    out = []
    for d in data.deeds:
        rule = rules.get(d.rule_code or "")
        if rule is None or rule.grade_cap is None or d.status == Status.VOID:
            continue
        until = d.month + (rule.grade_cap.months - 1)
        if d.month <= month <= until:
            out.append(Capped(rule.title(lang), rule.grade_cap.grade, str(until)))
    return out


def score_text(data: StatementData, running: Points, month: Month, lang: str) -> str:
    """'score 60' (and ', grade A') for a scheme with a score; '' for one without."""
    score = score_for(running, data.scheme, data.bonus)
    if score is None:
        return ""
    caps = caps_in(data, month, lang)
    text = tr("print.statement.score", lang, score=str(score))
    grade = grade_for(score, data.scheme, [c.grade for c in caps])
    if grade is not None:
        text += tr("print.statement.grade", lang, grade=grade)
        for cap in caps:
            text += tr("print.statement.capped", lang, title=cap.title, grade=cap.grade,
                       until=cap.until)
    return text


def source_text(d: Deed, lang: str) -> str:
    s = d.source
    if s.sheet == KIOSK and s.line is None:
        return tr("print.source.kiosk", lang)
    if s.file:
        return tr("print.source.file", lang, file=s.file, row=s.row if s.row is not None else "")
    if s.sheet and s.line is not None:
        return tr("print.source.sheet", lang, sheet=s.sheet, line=s.line)
    if s.sheet:
        return tr("print.source.sheet_only", lang, sheet=s.sheet)
    return tr("print.source.none", lang)


def recorder_text(d: Deed, lang: str) -> str:
    """Whose paper sheet it came from, and who typed it in when that was someone else."""
    if d.typist == KIOSK:
        return tr("print.statement.reported", lang, recorder=d.recorder)
    if d.typist and d.typist != d.recorder:
        return tr("print.statement.typed_by", lang, recorder=d.recorder, typist=d.typist)
    return d.recorder


def status_text(d: Deed, lang: str, lapsed: Month | None = None, *,
                open_ids: frozenset[int] = frozenset()) -> str:
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
    if lapsed is not None:  # it counted until then: the lapse is what a reader needs now
        parts[0] = tr("print.status.lapsed", lang, month=str(lapsed))
    if d.id in open_ids:  # an open objection is marked on the deed until answered
        parts.append(tr("objection.open_mark", lang))
    return "；".join(parts) if lang == "zh" else "; ".join(parts)


def deed_text(d: Deed, titles: Mapping[str, str], lang: str) -> str:
    """The deed as the statement says it: code, title in the reader's language
    (Scheme.deed_titles), quantity, note."""
    text = titles.get(d.rule_code or "", d.title)
    if d.rule_code:
        text = f"{d.rule_code} {text}"
        if d.quantity != 1:
            text += f" ×{format(d.quantity.normalize(), 'f')}"
    if d.note:
        text = aside(text, d.note, lang)
    return text


COLS = ("no", "date", "deed", "points", "recorder", "source", "status")
WIDTHS = (38, 56, 138, 36, 50, 92, 129)


def _summary(data: StatementData, block: MonthBlock, lang: str) -> str:
    score = score_text(data, block.running, block.month, lang)
    if score:
        return tr("print.statement.month_score", lang, points=block.counted.signed(),
                  score=score)
    return tr("print.statement.month_total", lang, points=block.counted.signed(),
              total=str(block.running))


def _table(data: StatementData, block: MonthBlock, lang: str) -> Table:
    """A month's entries under its heading; a month longer than a page goes on over the next,
    its heading and column titles repeated at the top."""
    st = doc.style(8)
    grey = doc.style(8, color=VOID)
    right = doc.style(8, align=TA_RIGHT)
    title = doc.para(f"{month_title(block.month, lang)}　{_summary(data, block, lang)}",
                     doc.style(10.5, color=art.RED))
    head = [doc.para(tr("print.statement.no" if c == "no" else f"print.statement.col.{c}",
                        lang), st) for c in COLS]
    rows: list[list[Flowable | str]] = [[title] + [""] * (len(COLS) - 1), head]
    titles = data.scheme.deed_titles(lang)
    open_ids = frozenset(o.deed_id for o in data.objections if o.open)
    for d in block.deeds:
        s = st if counts(d) else grey
        rows.append([doc.para(str(d.id), s), doc.para(d.date.isoformat(), s),
                     doc.para(deed_text(d, titles, lang), s),
                     doc.para(d.points.signed(), right if counts(d) else grey),
                     doc.para(recorder_text(d, lang), s), doc.para(source_text(d, lang), s),
                     doc.para(status_text(d, lang, data.lapses.get(d.id), open_ids=open_ids),
                              s)])
    for d in block.lapsed:  # given back: the deduction stops counting (信用修复)
        rows.append([doc.para(str(d.id), st), doc.para(str(block.month), st),
                     doc.para(tr("print.statement.lapse", lang, id=d.id,
                                 deed=deed_text(d, titles, lang)), st),
                     doc.para((-d.points).signed(), right), "", "",
                     doc.para(tr("print.status.lapsed", lang, month=str(block.month)), st)])
    table = Table(rows, colWidths=WIDTHS, repeatRows=2)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), fonts.MAIN),  # else Helvetica, not embedded
        ("SPAN", (0, 0), (-1, 0)),
        ("GRID", (0, 1), (-1, -1), 0.4, GRID),
        ("BACKGROUND", (0, 1), (-1, 1), HEAD_BG),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (0, 0), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, 0), 4),
    ]))
    return table


def _final(data: StatementData, total: Points, pending: Points, lang: str) -> str:
    score = score_text(data, total, Month.parse(data.printed[:7]), lang)
    if not score:
        return tr("print.statement.total", lang, total=str(total), pending=str(pending))
    s = data.scheme
    limits = ""
    if s.floor is not None and s.ceiling is not None:
        limits = tr("print.statement.limits", lang, floor=str(s.floor), ceiling=str(s.ceiling))
    return tr("print.statement.score_total", lang, score=score, base=str(s.base),
              total=total.signed(), limits=limits, pending=str(pending))


def story(data: StatementData, lang: str) -> list[Flowable]:
    r = data.resident
    title = doc.style(18, leading=24, color=art.RED)
    out: list[Flowable] = [
        doc.para(f"{data.village} {tr('print.statement.title', lang)}", title),
        doc.para(tr("print.statement.who", lang, name=r.name, household=r.household,
                    area=r.area or tr("print.no_area", lang)), doc.style(12, space_after=6)),
    ]
    blocks = months_of(data.deeds, data.lapses)
    if not blocks:
        out.append(doc.para(tr("print.statement.none", lang), doc.style(10)))
    for block in blocks:
        out += [Spacer(1, 6), _table(data, block, lang)]
    total = blocks[-1].running if blocks else ZERO
    pending = sum((d.points for d in data.deeds if d.status == Status.PENDING), ZERO)
    out += [Spacer(1, 10),
            doc.para(_final(data, total, pending, lang), doc.style(11, space_after=8))]
    out += _objections(data, lang)
    out.append(_objection(lang))
    return out


def _objections(data: StatementData, lang: str) -> list[Flowable]:
    """Each objection to the resident's deeds and its answer (DESIGN: the statement shows
    them)."""
    if not data.objections:
        return []
    st = doc.style(8)
    head = [doc.para(tr(f"col.{c}", lang), st)
            for c in ("objection", "deed", "raised_on", "says", "answer")]
    rows: list[list[Flowable | str]] = [head]
    for o in data.objections:
        if o.answer is None:
            said = tr("print.objection.waiting", lang, due=o.due.isoformat())
        else:
            said = tr("print.objection.answered", lang, verdict=tr(
                "objection.upheld" if o.answer.upheld else "objection.rejected", lang),
                reason=o.answer.reason, by=o.answer.by, at=o.answer.at[:10])
        rows.append([doc.para(f"#{o.id}", st), doc.para(f"#{o.deed_id}", st),
                     doc.para(f"{o.raised_on.isoformat()} {o.raised_by}", st),
                     doc.para(o.text, st), doc.para(said, st)])
    table = Table(rows, colWidths=[34, 52, 110, 150, 193], repeatRows=1)  # deed ids of 7 digits
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), fonts.MAIN),
                               ("GRID", (0, 0), (-1, -1), 0.4, GRID),
                               ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return [doc.para(tr("print.objection.title", lang), doc.style(10.5, color=art.RED)),
            table, Spacer(1, 8)]


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
                     decor=doc.Decor(page.Footer(
                         data.printed, None, lang, code=data.sealed[1] if data.sealed else None,
                         code_month=data.sealed[0] if data.sealed else None)), pagesize=A4,
                     step=step)
