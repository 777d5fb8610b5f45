"""The monthly tally sheet (the one the gatherer filled with a calculator) and the rewards list."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.platypus import Flowable, LongTable, Spacer, TableStyle

from village_tally.core.points import ZERO, Points
from village_tally.core.reward import Rewards, award, points_for
from village_tally.core.tally import TallyRow
from village_tally.i18n import tr
from village_tally.printing import art, doc, fonts, page
from village_tally.printing.board import BoardData, month_title

GRID = Color(0.7, 0.7, 0.7)
HEAD_BG = Color(0.96, 0.90, 0.89)


def _table(rows: list[list[str]], widths: Sequence[float], numeric: set[int],
           head_rows: int = 1) -> LongTable:
    st, right = doc.style(7.5), doc.style(7.5, align=TA_RIGHT)
    cells = [[doc.para(text, right if j in numeric and i >= head_rows else st)
              for j, text in enumerate(row)] for i, row in enumerate(rows)]
    table = LongTable(cells, colWidths=widths, repeatRows=head_rows)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), fonts.MAIN),  # else Helvetica, not embedded
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("BACKGROUND", (0, 0), (-1, head_rows - 1), HEAD_BG),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]))
    return table


def _marks(row: TallyRow, lang: str) -> str:
    if row.star_total == 0:
        return ""
    return f"{row.flags}旗{row.stars}星" if lang == "zh" else f"{row.flags}F {row.stars}S"


def tally_story(data: BoardData, lang: str) -> list[Flowable]:
    scored = data.scheme.has_score
    cols = ["no", "name", "household", "area", "previous", "added", "deducted", "month",
            "total", "marks"] + (["score", "grade"] if scored else []) + ["pending"]
    widths = {"no": 30, "name": 56, "household": 40, "area": 40, "previous": 44, "added": 42,
              "deducted": 42, "month": 42, "total": 44, "marks": 50, "score": 36, "grade": 30,
              "pending": 38}
    rows = [[tr(f"print.tally.col.{c}", lang) for c in cols]]
    sums = {k: ZERO for k in ("previous_total", "added", "deducted", "month_points",
                              "total_points", "pending_points")}
    for i, r in enumerate(data.rows, start=1):
        sums = {k: v + getattr(r, k) for k, v in sums.items()}
        values = {"no": str(i), "name": r.name, "household": r.household, "area": r.area,
                  "previous": str(r.previous_total), "added": str(r.added),
                  "deducted": str(r.deducted), "month": r.month_points.signed(),
                  "total": str(r.total_points), "marks": _marks(r, lang),
                  "score": str(r.score) if r.score is not None else "",
                  "grade": r.grade or "", "pending": _nz(r.pending_points)}
        rows.append([values[c] for c in cols])
    total_row = {"no": "", "name": tr("print.tally.sums", lang), "household": "", "area": "",
                 "previous": str(sums["previous_total"]), "added": str(sums["added"]),
                 "deducted": str(sums["deducted"]), "month": sums["month_points"].signed(),
                 "total": str(sums["total_points"]), "marks": "", "score": "", "grade": "",
                 "pending": _nz(sums["pending_points"])}
    rows.append([total_row[c] for c in cols])
    numeric = {j for j, c in enumerate(cols) if c not in ("name", "household", "area", "marks",
                                                           "grade")}
    scale = (A4[0] - 2 * page.MARGIN) / sum(widths[c] for c in cols)
    status = tr("print.board.closed" if data.closed else "print.board.draft_note", lang)
    return [
        doc.para(tr("print.tally.title", lang, village=data.village,
                    month=month_title(data.month, lang)), doc.style(16, color=art.RED)),
        doc.para(status, doc.style(9, space_after=6)),
        _table(rows, [widths[c] * scale for c in cols], numeric),
        Spacer(1, 18),
        doc.para(tr("print.tally.sign", lang), doc.style(10)),
    ]


def _nz(p: Points) -> str:
    return str(p) if p else ""


def draw_tally(data: BoardData, out: Path | str, *, lang: str = "zh",
               step: Callable[[int, int], None] | None = None) -> int:
    title = tr("print.tally.title", lang, village=data.village, month=data.month)
    decor = doc.Decor(page.Footer(data.printed, data.checksum, lang), draft=not data.closed)
    return doc.build(out, tally_story(data, lang), title=title, decor=decor, step=step)


def goods(b_rice: int, b_oil: int, b_cash: int, lang: str) -> str:
    parts = [tr(f"print.rewards.{k}", lang, n=n)
             for k, n in (("rice", b_rice), ("oil", b_oil), ("cash", b_cash)) if n]
    return "、".join(parts) if lang == "zh" else ", ".join(parts)


def rewards_story(data: BoardData, rewards: Rewards, lang: str) -> list[Flowable]:
    basis = tr(f"print.rewards.basis.{rewards.basis}", lang)
    out: list[Flowable] = [
        doc.para(tr("print.rewards.title", lang, village=data.village,
                    month=month_title(data.month, lang)), doc.style(16, color=art.RED)),
        doc.para(tr("print.board.closed" if data.closed else "print.board.draft_note", lang),
                 doc.style(9, space_after=6)),
        doc.para(tr("print.rewards.brackets", lang), doc.style(10.5, space_after=2)),
    ]
    for b in rewards.brackets:
        out.append(doc.para("· " + tr("print.rewards.bracket", lang, name=b.name, basis=basis,
                                      minimum=str(b.minimum),
                                      goods=goods(b.rice, b.oil, b.cash, lang)),
                            doc.style(9)))
    out.append(Spacer(1, 8))
    winners = award(data.rows, rewards)
    if not winners:
        out.append(doc.para(tr("print.rewards.nobody", lang), doc.style(10)))
        return out
    head = [tr("print.tally.col.no", lang), tr("print.tally.col.name", lang),
            tr("print.tally.col.household", lang), tr("print.tally.col.area", lang), basis,
            tr("print.rewards.col.bracket", lang), tr("print.rewards.col.rice", lang),
            tr("print.rewards.col.oil", lang), tr("print.rewards.col.cash", lang),
            tr("print.rewards.col.signature", lang)]
    rows = [head]
    for i, (r, b) in enumerate(winners, start=1):
        rows.append([str(i), r.name, r.household, r.area, str(points_for(r, rewards.basis)),
                     b.name, str(b.rice or ""), str(b.oil or ""), str(b.cash or ""), ""])
    widths = [28, 60, 44, 44, 52, 40, 48, 48, 48, 127]
    out.append(_table(rows, widths, {0, 4, 6, 7, 8}))
    out.append(Spacer(1, 8))
    out.append(doc.para(tr("print.rewards.sums", lang, people=len(winners),
                           rice=sum(b.rice for _, b in winners),
                           oil=sum(b.oil for _, b in winners),
                           cash=sum(b.cash for _, b in winners)), doc.style(10)))
    return out


def draw_rewards(data: BoardData, rewards: Rewards, out: Path | str, *, lang: str = "zh",
                 step: Callable[[int, int], None] | None = None) -> int:
    title = tr("print.rewards.title", lang, village=data.village, month=data.month)
    decor = doc.Decor(page.Footer(data.printed, data.checksum, lang), draft=not data.closed)
    return doc.build(out, rewards_story(data, rewards, lang), title=title, decor=decor,
                     step=step)
