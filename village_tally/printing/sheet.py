"""The monthly tally sheet (the one the gatherer filled with a calculator) and the rewards list.

Both may be posted during the month's notice period, so they follow the board: a total at or
below zero prints as a dash (no score or grade beside it), and rows come by area and household
in natural order, never by points.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.platypus import Flowable, Spacer

from village_tally.core.order import natural_key
from village_tally.core.points import ZERO, Points
from village_tally.core.reward import Rewards, award, points_for
from village_tally.core.scheme import Scheme
from village_tally.core.tally import TallyRow
from village_tally.core.tally_column import TALLY_COLUMNS, ColumnKind, tally_columns
from village_tally.i18n import tr
from village_tally.printing import art, doc, page
from village_tally.printing.board import BoardData, month_title, total_text

ROOM = A4[0] - 2 * page.MARGIN
SIZE = 7.5
# The paper's own columns beside the tally's (core.tally_column): the line number, and flags
# and stars in one cell (2旗1星) so that the sheet fits A4.
PAPER_ONLY = ("no", "marks")


def paper_columns(scheme: Scheme) -> list[str]:
    """The tally's columns as the sheet prints them, left to right: numbered, with marks."""
    keys = [c.key for c in tally_columns(scheme)]
    at = keys.index("flags")
    keys[at:at + 2] = ["marks"]
    return ["no", *keys]


def _heads(cols: list[str], lang: str) -> list[str]:
    labels = {c.key: c.label for c in TALLY_COLUMNS}
    return [tr(f"print.tally.col.{c}", lang) if c in PAPER_ONLY else tr(labels[c], lang)
            for c in cols]


def _numeric(cols: list[str]) -> set[int]:
    words = {c.key for c in TALLY_COLUMNS if c.kind is ColumnKind.TEXT} | {"marks"}
    return {j for j, c in enumerate(cols) if c not in words}


def _marks(row: TallyRow, lang: str) -> str:
    """2旗1星, 2旗, 1星 (2F 1S in English); nothing for none."""
    parts = [f"{n}{word}" for n, word in ((row.flags, "旗" if lang == "zh" else "F"),
                                           (row.stars, "星" if lang == "zh" else "S")) if n]
    return ("" if lang == "zh" else " ").join(parts)


def _shown(p: Points) -> str:
    """A running total as posted: the number above zero, a dash at or below it."""
    return str(p) if p.hundredths > 0 else "—"


def _nz(p: Points) -> str:
    return str(p) if p else ""


def in_paper_order(rows: tuple[TallyRow, ...]) -> list[TallyRow]:
    """By area, then household, in natural order (一片 … 十片, 0002 before 0010)."""
    order = {r.resident_id: i for i, r in enumerate(rows)}
    return sorted(rows, key=lambda r: (natural_key(r.area), natural_key(r.household),
                                       order[r.resident_id]))


def tally_values(i: int, r: TallyRow, lang: str) -> dict[str, str]:
    above = r.total_points.hundredths > 0
    return {"no": str(i), "name": r.name, "household": r.household, "area": r.area,
            "previous_total": _shown(r.previous_total), "added": _nz(r.added),
            "deducted": _nz(r.deducted), "month_points": r.month_points.signed(),
            "total_points": total_text(r), "marks": _marks(r, lang),
            "score": str(r.score) if r.score is not None and above else "",
            "grade": (r.grade or "") if above else "", "pending_points": _nz(r.pending_points)}


def _sums(rows: list[TallyRow], lang: str) -> dict[str, str]:
    def total(key: str) -> Points:
        return sum((getattr(r, key) for r in rows), ZERO)

    return {"no": "", "name": tr("print.tally.sums", lang), "household": "", "area": "",
            "previous_total": str(total("previous_total")), "added": str(total("added")),
            "deducted": str(total("deducted")), "month_points": total("month_points").signed(),
            "total_points": str(total("total_points")), "marks": "", "score": "", "grade": "",
            "pending_points": _nz(total("pending_points"))}


def _heading(title: str, data: BoardData, lang: str) -> list[Flowable]:
    status = tr("print.board.closed" if data.closed else "print.board.draft_note", lang)
    return [doc.para(title, doc.style(16, color=art.RED)),
            doc.para(status, doc.style(9, space_after=6)),
            *doc.notice_box(data.notice, lang, ROOM)]


def tally_story(data: BoardData, lang: str) -> list[Flowable]:
    cols = paper_columns(data.scheme)
    rows = in_paper_order(data.rows)
    body = [[tally_values(i, r, lang)[c] for c in cols] for i, r in enumerate(rows, start=1)]
    body.append([_sums(rows, lang)[c] for c in cols])
    head = _heads(cols, lang)
    widths = doc.fitted_widths(head, body, ROOM, SIZE, flexible=cols.index("name"))
    numeric = _numeric(cols)
    title = tr("print.tally.title", lang, village=data.village,
               month=month_title(data.month, lang))
    return [*_heading(title, data, lang),
            doc.grid(head, body, widths, numeric, size=SIZE, wrap_cols={cols.index("name")}),
            Spacer(1, 18),
            doc.para(tr("print.tally.sign", lang), doc.style(10))]


def _decor(data: BoardData, title: str, lang: str) -> doc.Decor:
    return doc.Decor(page.Footer(data.printed, data.checksum, lang, code=data.code,
                                 code_month=str(data.month)), draft=not data.closed, running=title)


def draw_tally(data: BoardData, out: Path | str, *, lang: str = "zh",
               step: Callable[[int, int], None] | None = None) -> int:
    title = tr("print.tally.title", lang, village=data.village,
               month=month_title(data.month, lang))
    return doc.build(out, tally_story(data, lang), title=title,
                     decor=_decor(data, title, lang), step=step)


def goods(b_rice: int, b_oil: int, b_cash: int, lang: str) -> str:
    parts = [tr(f"print.rewards.{k}", lang, n=n)
             for k, n in (("rice", b_rice), ("oil", b_oil), ("cash", b_cash)) if n]
    return "、".join(parts) if lang == "zh" else ", ".join(parts)


REWARD_COLUMNS = ("no", "name", "household", "area", "points", "bracket", "rice", "oil", "cash",
                  "date", "signature")


def rewards_story(data: BoardData, rewards: Rewards, lang: str) -> list[Flowable]:
    basis = tr(f"print.rewards.basis.{rewards.basis}", lang)
    title = tr("print.rewards.title", lang, village=data.village,
               month=month_title(data.month, lang))
    out: list[Flowable] = [*_heading(title, data, lang),
                           doc.para(tr("print.rewards.brackets", lang),
                                    doc.style(10.5, space_after=2))]
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
    head = [basis[:1].upper() + basis[1:] if c == "points" else tr(f"print.rewards.col.{c}", lang)
            if c in ("bracket", "rice", "oil", "cash", "date", "signature")
            else tr(f"print.tally.col.{c}", lang) for c in REWARD_COLUMNS]
    body = [[str(i), r.name, r.household, r.area, str(points_for(r, rewards.basis)), b.name,
             str(b.rice or ""), str(b.oil or ""), str(b.cash or ""), "", ""]
            for i, (r, b) in enumerate(winners, start=1)]
    widths = doc.fitted_widths(head, body, ROOM, SIZE + 1, flexible=len(head) - 1, least=90)
    widths[-2] = max(widths[-2], 60.0)  # room to write a date by hand
    widths[-1] = ROOM - sum(widths[:-1])
    out += [doc.grid(head, body, widths, {0, 4, 6, 7, 8}, size=SIZE + 1,
                     wrap_cols={1}),
            Spacer(1, 8),
            doc.para(tr("print.rewards.sums", lang, people=len(winners),
                        rice=sum(b.rice for _, b in winners),
                        oil=sum(b.oil for _, b in winners),
                        cash=sum(b.cash for _, b in winners)), doc.style(10)),
            Spacer(1, 16),
            doc.para(tr("print.rewards.sign", lang), doc.style(10))]
    return out


def draw_rewards(data: BoardData, rewards: Rewards, out: Path | str, *, lang: str = "zh",
                 step: Callable[[int, int], None] | None = None) -> int:
    title = tr("print.rewards.title", lang, village=data.village,
               month=month_title(data.month, lang))
    return doc.build(out, rewards_story(data, rewards, lang), title=title,
                     decor=_decor(data, title, lang), step=step)
