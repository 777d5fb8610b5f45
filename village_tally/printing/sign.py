"""Household door signs: the overall level, head, door number, the scheme's categories with
the stars each earned, the quarter, and the issuing committee with a place for its seal.

A sign is drawn in a box of A5 landscape; two fit an A4 sheet (with cut marks between them),
or one fills an A4 landscape sheet. Only rated households get a sign; a sign names a star
household from three stars overall and draws no empty stars, so none reads as a black mark.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.colors import black, white
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

from village_tally.core.rating import TITLED_FROM, overall_level
from village_tally.core.scheme import Category
from village_tally.i18n import tr
from village_tally.printing import art, fonts, page, wall

SIGN_W, SIGN_H = A4[0], A4[1] / 2  # A5 landscape: 595 x 421 points
STARS = 5


@dataclass(frozen=True, slots=True)
class SignHousehold:
    code: str
    head: str
    door_plate: str | None
    area: str
    stars: Mapping[str, int] = field(default_factory=dict)  # category code -> 1..5


@dataclass(frozen=True, slots=True)
class SignData:
    village: str
    quarter: str
    categories: tuple[Category, ...]
    households: tuple[SignHousehold, ...]  # the rated ones: an unrated household gets no sign
    printed: str
    unrated: tuple[str, ...] = ()  # household codes left out for want of a rating


@dataclass(frozen=True, slots=True)
class SignPage:
    number: int
    households: tuple[str, ...]
    filled: int  # red stars drawn: the categories' and the overall ones


def counts(h: SignHousehold, categories: tuple[Category, ...]) -> tuple[int, int]:
    """(filled stars, overall stars) on a household's sign. Only stars earned are drawn, no
    empty outlines beside them; the overall stars only from `TITLED_FROM` up."""
    filled = sum(min(STARS, max(0, h.stars.get(c.code, 0))) for c in categories)
    level = overall_level(h.stars)
    return filled, level if level >= TITLED_FROM else 0


def layout(data: SignData, per_sheet: int = 2) -> list[SignPage]:
    pages: list[SignPage] = []
    for start in range(0, len(data.households), per_sheet):
        chunk = data.households[start:start + per_sheet]
        marks = [counts(h, data.categories) for h in chunk]
        pages.append(SignPage(len(pages) + 1, tuple(h.code for h in chunk),
                              sum(f + o for f, o in marks)))
    return pages


def quarter_title(quarter: str, lang: str) -> str:
    year, q = quarter.split("-Q")
    return tr("print.sign.quarter", lang, year=year, q=q)


def level_title(level: int, lang: str) -> str:
    """三星级文明户 … 五星级文明户; below three stars, a household working towards it."""
    if level < TITLED_FROM:
        return tr("print.sign.working", lang)
    return tr("print.sign.level", lang, stars="零一二三四五"[level] if lang == "zh" else
              ("", "One", "Two", "Three", "Four", "Five")[level])


def _bar(c: Canvas, data: SignData, h: SignHousehold, lang: str) -> None:
    """The red bar: the household's overall title and the village; the overall stars below."""
    w, ht = SIGN_W, SIGN_H
    c.setFillColor(art.RED)
    c.roundRect(22, ht - 84, w - 44, 62, 7, stroke=0, fill=1)
    level = overall_level(h.stars)
    c.setFillColor(white)
    title = level_title(level, lang)
    page.heading(c, w / 2, ht - 60, title, fonts.fit(title, 26, w - 90), align="centre")
    fonts.draw_centred(c, w / 2, ht - 77, data.village, fonts.fit(data.village, 11, w - 90))
    if level >= TITLED_FROM:
        size = 22.0
        left = w / 2 - (level * (size + 6) - 6) / 2
        for k in range(level):
            art.place(c, art.STAR, left + k * (size + 6), ht - 114, size)


def _categories(c: Canvas, data: SignData, h: SignHousehold, lang: str) -> None:
    """Each category with the stars it earned (only those: no empty outlines)."""
    top, bottom, right = SIGN_H - 162, 64.0, SIGN_W - 190
    n = max(1, len(data.categories))
    row = min(46.0, (top - bottom) / n)
    star = min(20.0, row * 0.5)
    title_room = right - 60 - STARS * (star + 5) - 12
    c.setFillColor(black)
    for i, cat in enumerate(data.categories):
        y = top - row * (i + 0.5)
        title = cat.title_zh if lang == "zh" else cat.title_en
        size = fonts.fit(title, 15, title_room, 10.0)
        lines = wall.wrap(title, size, title_room)
        for k, line in enumerate(lines):
            fonts.draw(c, 60, y - 5 + (len(lines) - 1) * size * 0.6 - k * size * 1.2, line, size)
        left = right - STARS * (star + 5)
        for k in range(min(STARS, h.stars.get(cat.code, 0))):
            art.place(c, art.STAR, left + k * (star + 5), y - star / 2, star)


def _sign(c: Canvas, data: SignData, h: SignHousehold, lang: str) -> None:
    """One sign in the SIGN_W x SIGN_H box at the current origin."""
    w, ht = SIGN_W, SIGN_H
    c.setStrokeColor(art.RED)
    c.setLineWidth(2.4)
    c.roundRect(16, 16, w - 32, ht - 32, 10, stroke=1, fill=0)
    c.setLineWidth(0.7)
    c.roundRect(22, 22, w - 44, ht - 44, 7, stroke=1, fill=0)
    _bar(c, data, h, lang)
    c.setFillColor(black)
    head = tr("print.sign.head", lang, name=h.head)
    fonts.draw(c, 44, ht - 142, head, fonts.fit(head, 18, w / 2 - 50, 12.0))
    right = tr("print.sign.door", lang, plate=h.door_plate) if h.door_plate else ""
    right = (right + "  " if right else "") + tr("print.sign.code", lang, code=h.code)
    fonts.draw_right(c, w - 44, ht - 141, right, fonts.fit(right, 12, w / 2 - 60, 8.0))
    c.setStrokeColor(art.LIGHT)
    c.setLineWidth(0.5)
    c.line(44, ht - 152, w - 44, ht - 152)
    _categories(c, data, h, lang)
    c.setFillColor(art.RED)
    page.heading(c, 44, 36, quarter_title(data.quarter, lang), 14)
    cx, cy = w - 44 - 64, 36 + 64
    issuer = page.issuer(data.village, lang)
    c.setFillColor(black)
    fonts.draw_centred(c, cx, cy - 4, issuer, fonts.fit(issuer, 11, 108, 6.5))
    c.setFillColor(art.GREY)
    fonts.draw_centred(c, cx, cy - 18, tr("print.printed", lang, date=data.printed), 7)
    page.seal(c, cx, cy, lang, label_size=8)


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
    fonts.draw(c, 26, y + 3, tr("print.sign.cut", lang), 6.5)
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
