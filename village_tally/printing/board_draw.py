"""Painting a laid-out board (`board.layout`) onto a PDF: heading, notice, role models, columns,
the closing block with the committee's seal, and the footer."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from reportlab.lib.colors import black
from reportlab.pdfgen.canvas import Canvas

from village_tally.core.scheme import Scheme
from village_tally.i18n import tr
from village_tally.printing import art, fonts, page
from village_tally.printing.board import (
    SEAL,
    BoardData,
    BoardPage,
    Geometry,
    Item,
    closing_lines,
    first_head,
    geometry,
    month_title,
    notice_height,
    notice_lines,
)


def _header(c: Canvas, data: BoardData, g: Geometry, *, first: bool, order: str,
            lang: str) -> None:
    s, w = g.scale, g.w
    top = g.h - page.MARGIN
    title = tr("print.board.title", lang, village=data.village)
    when = month_title(data.month, lang)
    c.setFillColor(art.RED)
    if not first:
        text = f"{title}  {when}"
        page.heading(c, page.MARGIN, top - s.size * 0.95,
                     text, fonts.fit(text, s.size * 0.95, w / 2 - page.MARGIN))
        legend(c, data.scheme, w - page.MARGIN, top - s.size * 0.9, s.small, lang=lang,
               right=True, rules=False)
        return
    page.heading(c, w / 2, top - s.size * 1.9, title,
                 fonts.fit(title, s.title, w - 2 * page.MARGIN), align="centre")
    c.setFillColor(black)
    status = tr("print.board.closed" if data.closed else "print.board.draft_note", lang)
    fonts.draw_centred(c, w / 2, top - s.size * 3.2, f"{when} · {status}", s.size * 0.85)
    basis = tr("print.board.basis", lang)
    if order == "rank":
        basis += tr("print.board.rank_note", lang)
    fonts.draw_centred(c, w / 2, top - s.size * 4.2, basis,
                       fonts.fit(basis, s.small, w - 2 * page.MARGIN, 6.0))
    legend(c, data.scheme, w / 2, top - s.size * 5.4, s.small, lang=lang, right=False)


def score_legend(scheme: Scheme, lang: str) -> str:
    """How the scheme's score and grade are made, for the heading of a scheme that has them."""
    if scheme.base is None:
        return ""
    text = tr("print.legend.score", lang, base=str(scheme.base))
    if scheme.floor is not None and scheme.ceiling is not None:
        text += tr("print.legend.range", lang, floor=str(scheme.floor),
                   ceiling=str(scheme.ceiling))
    if scheme.grades:
        text += tr("print.legend.grades", lang, grades=" ".join(
            f"{name}≥{minimum}" for name, minimum in scheme.grades[:-1])
            + f" {scheme.grades[-1][0]}")
    caps = [r for r in scheme.rules if r.grade_cap is not None and r.active]
    for r in caps:
        assert r.grade_cap is not None
        text += tr("print.legend.cap", lang, title=r.title(lang), grade=r.grade_cap.grade,
                   months=r.grade_cap.months)
    return text


def legend(c: Canvas, scheme: Scheme, x: float, y: float, size: float, *, lang: str,
           right: bool, rules: bool = True) -> None:
    """One star = n points, one flag = m stars; then, with `rules`, how score and grade are
    made (the first page says it; later pages' heads have room for the marks only)."""
    star = tr("print.legend.star", lang, points=str(scheme.points_per_star))
    flag = tr("print.legend.flag", lang, stars=scheme.stars_per_flag,
              points=str(scheme.points_per_star.times(Decimal(scheme.stars_per_flag))))
    extra = score_legend(scheme, lang) if rules else ""
    mark = size * 1.2
    gap = size * 1.6
    total = 2 * (mark + size * 0.3) + fonts.width(star, size) + fonts.width(flag, size) + gap
    if extra:
        total += gap + fonts.width(extra, size)
    left = x - total if right else x - total / 2
    c.setFillColor(black)
    art.place(c, art.STAR, left, y - size * 0.15, mark)
    end = fonts.draw(c, left + mark + size * 0.3, y, star, size)
    art.place(c, art.FLAG, end + gap, y - size * 0.15, mark)
    end = fonts.draw(c, end + gap + mark + size * 0.3, y, flag, size)
    if extra:
        fonts.draw(c, end + gap, y, extra, size)


def _notice(c: Canvas, data: BoardData, g: Geometry, lang: str) -> None:
    lines = notice_lines(data, g, lang)
    if not lines:
        return
    s = g.scale
    size = s.small * 1.15
    top = g.h - page.MARGIN - first_head(g)
    height = notice_height(data, g, lang) - s.size * 0.4
    c.setStrokeColor(art.RED)
    c.setFillColor(art.PALE_RED)
    c.setLineWidth(0.8)
    c.rect(page.MARGIN, top - height, g.w - 2 * page.MARGIN, height, stroke=1, fill=1)
    c.setFillColor(black)
    y = top - s.size * 0.4 - size
    for line in lines:
        fonts.draw(c, page.MARGIN + s.size * 0.6, y, line, size)
        y -= size * 1.4


def _band_frame(c: Canvas, g: Geometry, band: list[Item], lang: str) -> None:
    if not band:
        return
    s = g.scale
    top = max(i.y for i in band) + s.size * 1.5
    low = min(i.y - i.height for i in band) - s.size * 0.3
    c.setFillColor(art.PALE_RED)
    c.setStrokeColor(art.RED)
    c.setLineWidth(0.8)
    pad = min(page.MARGIN - page.PRINTABLE - 2, s.size * 0.4)
    c.roundRect(page.MARGIN - pad, low, g.w - 2 * page.MARGIN + 2 * pad, top - low,
                s.size * 0.4, stroke=1, fill=1)
    c.setFillColor(art.RED)
    title = tr("print.board.models", lang)
    end = page.heading(c, page.MARGIN + 2, top - s.size * 1.05, title, s.size * 0.95)
    c.setFillColor(art.GREY)
    fonts.draw(c, end + s.size * 0.6, top - s.size * 1.05, tr("print.board.models_note", lang),
               s.small)
    c.setFillColor(black)


RGB = tuple[float, float, float]
Text = tuple[RGB, float, float, str, float]  # its colour, where its baseline starts, it, its size
# The colours of the columns' texts as plain (r, g, b): reportlab sets a Color's alpha too, each
# time (a board changes colour thousands of times).
BLACK: RGB = (0.0, 0.0, 0.0)
RED: RGB = art.RED.rgb()
GREY: RGB = art.GREY.rgb()


class _Ink:
    """A page's texts in the columns, in reading order, written together (`write`): one text
    object, each string placed by a move from the one before, its colour set only where it
    changes. A text object per string, each with its own matrix, font, leading and colour, was
    most of the time a 5,000-resident board took to draw (bench/bench_board.py). The page looks
    the same, and reads in the same order (text extraction, a screen reader)."""

    __slots__ = ("texts",)

    def __init__(self) -> None:
        self.texts: list[Text] = []

    def write(self, c: Canvas) -> None:
        """Draw the texts gathered so far, and forget them."""
        if not self.texts:
            return
        t = c.beginText(0, 0)
        at_x = at_y = 0.0
        face = ("", 0.0)
        colour: RGB | None = None  # whatever was drawn before: the first text sets its own
        for ink, left, base, text, size in self.texts:
            if ink is not colour:
                t.setFillColor(ink)
                colour = ink
            # Kept to a hundredth of a point, so the moves add up to where each text belongs.
            x, y = round(left, 2), round(base, 2)
            t.moveCursor(x - at_x, at_y - y)
            at_x, at_y = x, y
            pieces = fonts.runs(text)
            last = len(pieces) - 1
            for k, (font, run) in enumerate(pieces):
                if (font, size) != face:
                    t.setFont(font, size, 0)  # no leading: a line's end leaves its start put
                    face = (font, size)
                if k == last:
                    t.textLine(run)
                else:
                    t.textOut(run)
        if colour is not BLACK:
            t.setFillColor(BLACK)  # as the rest of the page expects
        c.drawText(t)
        self.texts = []


def column_heads(lang: str) -> tuple[str, ...]:
    """The column headings: name, marks, total, the month's change, score, grade."""
    return tuple(tr(f"print.board.col.{k}", lang)
                 for k in ("name", "marks", "total", "change", "score", "grade"))


def _colhead(c: Canvas, item: Item, g: Geometry, heads: tuple[str, ...], ink: _Ink) -> None:
    s = g.scale
    small = s.small
    y = item.y - small * 1.1
    name, marks, total, change, score, grade = heads
    out, grey = ink.texts.append, GREY
    out((grey, item.x, y, name, small))
    out((grey, item.x + g.marks_x, y, marks, small))
    out((grey, item.x + g.total_x - fonts.width(total, small), y, total, small))
    out((grey, item.x + g.change_x, y, change, small))
    if g.score_w:
        out((grey, item.x + g.grade_x - s.size * 0.3 - fonts.width(score, small), y, score,
             small))
    if g.grade_w:
        out((grey, item.x + g.grade_x + s.size * 0.2, y, grade, small))
    c.setStrokeColor(art.LIGHT)
    c.setLineWidth(0.5)
    c.line(item.x, item.y - item.height + 2, item.x + item.width, item.y - item.height + 2)


def _row(c: Canvas, item: Item, g: Geometry, ink: _Ink) -> None:
    s = g.scale
    size = s.size
    base = item.y - size * 1.08
    x = item.x
    out = ink.texts.append
    width = fonts.width
    if item.rank is not None:
        rank = f"{item.rank}."
        out((BLACK, x + g.rank_w - size * 0.25 - width(rank, size), base, rank, size))
    name_x = x + (g.rank_w if item.rank is not None else 0)
    for k, text in enumerate(item.name_lines):
        out((BLACK, name_x, base - k * s.line, text, item.name_size))
    if item.sub:
        end = name_x + width(item.name_lines[-1], item.name_size)
        room = g.marks_x - (name_x - x) - size * 0.25
        if end - name_x + size * 0.2 + width(item.sub, s.small) <= room:
            last = base - (len(item.name_lines) - 1) * s.line
            out((GREY, end + size * 0.2, last, item.sub, s.small))
        else:
            out((GREY, name_x, base - len(item.name_lines) * s.line, item.sub, s.small))
    out((BLACK, x + g.total_x - width(item.total, size), base, item.total, size))
    if item.change:
        out((RED, x + g.change_x, base, item.change, s.small))
    if item.score:
        out((BLACK, x + g.grade_x - size * 0.3 - width(item.score, size), base, item.score, size))
    if item.grade:
        out((BLACK, x + g.grade_x + size * 0.2, base, item.grade, size))
    left = x + g.marks_x
    for line, slot, form, n in segments(item.flags, item.stars, g.slots):
        art.place(c, art.run_name(form, n), left + slot * s.slot,
                  base - size * 0.08 - line * s.line, s.mark)


def _closing(c: Canvas, item: Item, g: Geometry, data: BoardData, lang: str) -> None:
    s = g.scale
    y = item.y - s.small * 1.1
    c.setFillColor(art.GREY)
    for line in closing_lines(g, lang):
        fonts.draw(c, item.x, y, line, s.small)
        y -= s.small * 1.4
    c.setFillColor(black)
    cx = item.x + item.width - SEAL / 2 - 2
    cy = y - s.size * 0.4 - SEAL / 2
    size = fonts.fit(item.text, s.small * 1.2, item.width - 4)
    fonts.draw_right(c, item.x + item.width - 2, cy, item.text, size)
    fonts.draw_right(c, item.x + item.width - 2, cy - size * 1.5, data.printed, s.small)
    page.seal(c, cx, cy, lang, label_size=s.small)


def _draw_item(c: Canvas, item: Item, g: Geometry, data: BoardData, lang: str, *,
               heads: tuple[str, ...], ink: _Ink) -> None:
    s = g.scale
    kind = item.kind
    if kind in {"row", "model"}:
        _row(c, item, g, ink)
    elif kind == "household":
        ink.texts.append((GREY, item.x, item.y - s.small * 1.1, item.text,
                         fonts.fit(item.text, s.small, item.width, 6.0)))
    elif kind == "did":
        for k, line in enumerate(item.name_lines):
            ink.texts.append((GREY, item.x + g.rank_w, item.y - s.small * (1.0 + 1.3 * k), line,
                             s.small))
    elif kind == "area":
        ink.write(c)  # the heading is drawn apart: what comes before it is written first
        c.setFillColor(art.RED)
        page.heading(c, item.x, item.y - s.size * 1.3, item.text,
                     fonts.fit(item.text, s.size * 1.1, item.width))
        c.setStrokeColor(art.RED)
        c.setLineWidth(0.6)
        c.line(item.x, item.y - s.size * 1.6, item.x + item.width, item.y - s.size * 1.6)
        c.setFillColor(black)
    elif kind == "colhead":
        _colhead(c, item, g, heads, ink)
    elif kind == "closing":
        ink.write(c)
        _closing(c, item, g, data, lang)


@lru_cache(maxsize=4096)  # the same few counts on every row of a big board
def segments(flags: int, stars: int, slots: int) -> tuple[tuple[int, int, str, int], ...]:
    """Flags then stars, wrapped at `slots` a line: (line, first slot, form, how many)."""
    out = []
    n = 0
    for form, count in ((art.FLAG, flags), (art.STAR, stars)):
        left = count
        while left:
            line, slot = divmod(n, slots)
            take = min(left, slots - slot)
            out.append((line, slot, form, take))
            n += take
            left -= take
    return tuple(out)


def draw(data: BoardData, pages: list[BoardPage], out: Path | str, *, paper: str = "A3",
         order: str = "area", lang: str = "zh",
         step: Callable[[int, int], None] | None = None) -> None:
    """Paint the laid-out pages to a PDF at `out`. `step(done, total)` may raise to cancel."""
    g = pages[0].geometry if pages else geometry(data, paper, lang)
    size = (g.w, g.h)
    title = tr("print.board.title", lang, village=data.village) + f" {data.month}"
    c = page.new_canvas(out, size, title)
    needs = {(form, n) for p in pages for i in p.items if i.kind in ("row", "model")
             for _, _, form, n in segments(i.flags, i.stars, g.slots)}
    art.define_runs(c, needs, g.scale.slot / g.scale.mark * art.BOX)
    foot = page.Footer(data.printed, data.checksum, lang, paper, max(7.0, g.scale.size * 0.5),
                       data.code, str(data.month))
    heads = column_heads(lang)
    for p in pages:
        if not data.closed:
            page.draft_mark(c, size, lang)
        _header(c, data, g, first=p.number == 1, order=order, lang=lang)
        if p.number == 1:
            _notice(c, data, g, lang)
            _band_frame(c, g, [i for i in p.items if i.kind in ("model", "did")], lang)
        ink = _Ink()
        for item in p.items:
            _draw_item(c, item, g, data, lang, heads=heads, ink=ink)
        ink.write(c)
        page.footer(c, size, foot, p.number, len(pages))
        c.showPage()
        if step is not None:
            step(p.number, len(pages))
    c.save()

