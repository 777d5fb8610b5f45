"""Household door signs: head, door number, the scheme's categories with 1–5 stars each.

A sign is drawn in a box of A5 landscape; two fit an A4 sheet (with cut marks between them),
or one fills an A4 landscape sheet.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.colors import black, white
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

from village_tally.core.scheme import Category
from village_tally.i18n import tr
from village_tally.printing import art, fonts, page

SIGN_W, SIGN_H = A4[0], A4[1] / 2  # A5 landscape: 595 x 421 points
STARS = 5


@dataclass(frozen=True, slots=True)
class SignHousehold:
    code: str
    head: str
    door_plate: str | None
    area: str
    stars: Mapping[str, int] = field(default_factory=dict)  # category code -> 1..5

    @property
    def rated(self) -> bool:
        return bool(self.stars)


@dataclass(frozen=True, slots=True)
class SignData:
    village: str
    quarter: str
    categories: tuple[Category, ...]
    households: tuple[SignHousehold, ...]
    printed: str


@dataclass(frozen=True, slots=True)
class SignPage:
    number: int
    households: tuple[str, ...]
    filled: int
    empty: int


def counts(h: SignHousehold, categories: tuple[Category, ...]) -> tuple[int, int]:
    """(filled, empty) stars on a household's sign; an unrated sign draws none."""
    if not h.rated:
        return 0, 0
    filled = sum(min(STARS, max(0, h.stars.get(c.code, 0))) for c in categories)
    return filled, STARS * sum(1 for c in categories if c.code in h.stars) - filled


def layout(data: SignData, per_sheet: int = 2) -> list[SignPage]:
    pages: list[SignPage] = []
    for start in range(0, len(data.households), per_sheet):
        chunk = data.households[start:start + per_sheet]
        marks = [counts(h, data.categories) for h in chunk]
        pages.append(SignPage(len(pages) + 1, tuple(h.code for h in chunk),
                              sum(f for f, _ in marks), sum(e for _, e in marks)))
    return pages


def quarter_title(quarter: str, lang: str) -> str:
    year, q = quarter.split("-Q")
    return tr("print.sign.quarter", lang, year=year, q=q)


def _sign(c: Canvas, data: SignData, h: SignHousehold, lang: str) -> None:
    """One sign in the SIGN_W x SIGN_H box at the current origin."""
    w, ht = SIGN_W, SIGN_H
    c.setStrokeColor(art.RED)
    c.setLineWidth(2.4)
    c.roundRect(16, 16, w - 32, ht - 32, 10, stroke=1, fill=0)
    c.setLineWidth(0.7)
    c.roundRect(22, 22, w - 44, ht - 44, 7, stroke=1, fill=0)
    c.setFillColor(art.RED)
    c.roundRect(22, ht - 84, w - 44, 62, 7, stroke=0, fill=1)
    c.setFillColor(white)
    page.heading(c, w / 2, ht - 62, tr("print.sign.title", lang), 26, align="centre")
    fonts.draw_centred(c, w / 2, ht - 78, data.village, 11)
    c.setFillColor(black)
    head = tr("print.sign.head", lang, name=h.head)
    fonts.draw(c, 44, ht - 112, head, fonts.fit(head, 18, w / 2 - 50))
    right = tr("print.sign.door", lang, plate=h.door_plate) if h.door_plate else ""
    right = (right + "  " if right else "") + tr("print.sign.code", lang, code=h.code)
    fonts.draw_right(c, w - 44, ht - 110, right, fonts.fit(right, 12, w / 2 - 60))
    c.setStrokeColor(art.LIGHT)
    c.line(44, ht - 122, w - 44, ht - 122)
    top, bottom = ht - 130, 62
    n = max(1, len(data.categories))
    row = min(50.0, (top - bottom) / n)
    star = min(26.0, row * 0.62)
    for i, cat in enumerate(data.categories):
        y = top - row * (i + 0.5)
        title = cat.title_zh if lang == "zh" else cat.title_en
        c.setFillColor(black)
        fonts.draw(c, 60, y - 6, title, fonts.fit(title, 17, w / 2 - 70))
        left = w - 60 - STARS * (star + 6)
        if not h.rated:
            c.setFillColor(art.GREY)
            fonts.draw(c, left, y - 5, tr("print.sign.unrated", lang), 12)
            continue
        if cat.code not in h.stars:
            continue
        value = h.stars[cat.code]
        for k in range(STARS):
            form = art.STAR if k < value else art.EMPTY_STAR
            art.place(c, form, left + k * (star + 6), y - star / 2, star)
    c.setFillColor(art.RED)
    page.heading(c, w / 2, 38, quarter_title(data.quarter, lang), 14, align="centre")
    c.setFillColor(art.GREY)
    fonts.draw_right(c, w - 34, 28, tr("print.printed", lang, date=data.printed), 6)
    c.setFillColor(black)


def _cut_marks(c: Canvas, w: float, y: float, lang: str) -> None:
    c.saveState()
    c.setStrokeColor(art.GREY)
    c.setLineWidth(0.4)
    c.setDash(4, 3)
    c.line(10, y, w - 10, y)
    c.setDash()
    c.setLineWidth(0.8)
    for x in (0, w - 12):
        c.line(x, y, x + 12, y)
    c.setFillColor(art.GREY)
    fonts.draw(c, 14, y + 2, tr("print.sign.cut", lang), 5.5)
    c.restoreState()


def draw(data: SignData, pages: list[SignPage], out: Path | str, *, per_sheet: int = 2,
         lang: str = "zh", step: Callable[[int, int], None] | None = None) -> None:
    size = A4 if per_sheet == 2 else landscape(A4)
    by_code = {h.code: h for h in data.households}
    c = page.new_canvas(out, size, tr("print.sign.title", lang) + " " + data.quarter)
    for p in pages:
        for i, code in enumerate(p.households):
            c.saveState()
            if per_sheet == 2:
                c.translate(0, SIGN_H if i == 0 else 0)
            else:
                s = min(size[0] / SIGN_W, size[1] / SIGN_H)
                c.translate((size[0] - SIGN_W * s) / 2, (size[1] - SIGN_H * s) / 2)
                c.scale(s, s)
            _sign(c, data, by_code[code], lang)
            c.restoreState()
        if per_sheet == 2:
            _cut_marks(c, size[0], SIGN_H, lang)
        c.showPage()
        if step is not None:
            step(p.number, len(pages))
    c.save()
