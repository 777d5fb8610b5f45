"""The month's bulletin board: every resident with flags, then stars, and their total.

`layout` is pure: it places every item on pages and columns and never splits a household
(unless one household alone is taller than a column). `draw` paints a layout. Tests read the
layout (households and marks per page) and count the marks actually drawn in the PDF.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from reportlab.lib.colors import black
from reportlab.pdfgen.canvas import Canvas

from village_tally.core.scheme import Scheme
from village_tally.core.tally import TallyRow
from village_tally.i18n import tr
from village_tally.printing import art, fonts, page

ORDERS = ("area", "household", "rank")
COLUMNS = {"A4": 2, "A3": 3, "A2": 4}
GUTTER = 14.0
MARK = 9.0
SLOT = 10.0
LINE = 15.0
NAME_W = 56.0
TOTAL_W = 30.0
RANK_W = 22.0
HOUSEHOLD_H = 12.0
AREA_H = 20.0
FIRST_HEAD = 92.0
HEAD = 34.0
BAND_TITLE = 18.0


@dataclass(frozen=True, slots=True)
class BoardData:
    """What a board shows; `printed` is the print date as data (no clock read here)."""

    village: str
    month: str
    closed: bool
    checksum: str | None
    rows: tuple[TallyRow, ...]
    scheme: Scheme
    printed: str
    door_plates: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Item:
    """One placed thing: an area heading, a household line, a resident row or a role model.

    (x, y) is the item's top-left corner; `lines` is how many lines its marks take."""

    kind: str
    x: float
    y: float
    width: float
    text: str
    total: str = ""
    flags: int = 0
    stars: int = 0
    rank: int | None = None
    resident_id: int | None = None
    lines: int = 1


@dataclass(frozen=True, slots=True)
class BoardPage:
    number: int
    items: tuple[Item, ...]
    households: tuple[str, ...]

    @property
    def flags(self) -> int:
        return sum(i.flags for i in self.items)

    @property
    def stars(self) -> int:
        return sum(i.stars for i in self.items)


@dataclass(frozen=True, slots=True)
class _Block:
    height: float
    items: tuple[Item, ...]  # y relative to the block's top (0, negative downwards)
    household: str | None


def _geometry(paper: str) -> tuple[float, float, int, float, int]:
    w, h = page.PAPERS[paper]
    cols = COLUMNS[paper]
    col_w = (w - 2 * page.MARGIN - (cols - 1) * GUTTER) / cols
    slots = int((col_w - NAME_W - TOTAL_W - 6) // SLOT)
    return w, h, cols, col_w, slots


def _lines(row: TallyRow, slots: int) -> int:
    return max(1, math.ceil((row.flags + row.stars) / slots))


def _total_text(row: TallyRow) -> str:
    # Invariant of the board: no public deductions, so a total at or below zero shows a dash.
    return str(row.total_points) if row.total_points.hundredths > 0 else "—"


def _row_item(row: TallyRow, kind: str, dy: float, width: float, *, slots: int,
              rank: int | None = None) -> Item:
    return Item(kind, 0, dy, width, row.name, _total_text(row), row.flags, row.stars, rank,
                row.resident_id, _lines(row, slots))


def _ranks(rows: list[TallyRow]) -> list[int]:
    """Competition ranking by total: 1, 1, 3 …"""
    out: list[int] = []
    for i, row in enumerate(rows):
        tie = i > 0 and rows[i - 1].total_points == row.total_points
        out.append(out[-1] if tie else i + 1)
    return out


def _by_rank(rows: tuple[TallyRow, ...]) -> list[TallyRow]:
    order = {r.resident_id: i for i, r in enumerate(rows)}
    return sorted(rows, key=lambda r: (-r.total_points.hundredths, order[r.resident_id]))


def _blocks(data: BoardData, order: str, width: float, slots: int, lang: str) -> list[_Block]:
    if order == "rank":
        ranked = _by_rank(data.rows)
        return [_Block(LINE * _lines(r, slots),
                       (_row_item(r, "row", 0, width, slots=slots, rank=k),), None)
                for r, k in zip(ranked, _ranks(ranked), strict=True)]
    groups: dict[str, list[TallyRow]] = {}
    for row in data.rows:
        groups.setdefault(row.household, []).append(row)
    codes = list(groups) if order == "area" else sorted(groups)
    blocks, area = [], None
    for code in codes:
        members = groups[code]
        items: list[Item] = []
        dy = 0.0
        if order == "area" and members[0].area != area:
            area = members[0].area
            items.append(Item("area", 0, dy, width, area or tr("print.no_area", lang)))
            dy -= AREA_H
        plate = data.door_plates.get(code)
        label = tr("print.household", lang, code=code)
        if plate:
            label += "  " + tr("print.door_plate", lang, plate=plate)
        items.append(Item("household", 0, dy, width, label))
        dy -= HOUSEHOLD_H
        for row in members:
            item = _row_item(row, "row", dy, width, slots=slots)
            items.append(item)
            dy -= LINE * item.lines
        blocks.append(_Block(-dy, tuple(items), code))
    return blocks


def _split_tall(blocks: list[_Block], room: float) -> list[_Block]:
    """A household taller than a whole column is the one case that must be cut."""
    out = []
    for b in blocks:
        if b.height <= room:
            out.append(b)
            continue
        part: list[Item] = []
        top = 0.0
        for item in b.items:
            bottom = item.y - (LINE * item.lines if item.kind == "row" else HOUSEHOLD_H)
            if part and top - bottom > room:
                out.append(_Block(-(part[-1].y - top) + LINE * part[-1].lines,
                                  tuple(_shift(i, -top) for i in part), b.household))
                part, top = [], item.y
            part.append(item)
        out.append(_Block(b.height + top, tuple(_shift(i, -top) for i in part), b.household))
    return out


def _shift(item: Item, dy: float, x: float | None = None) -> Item:
    return Item(item.kind, item.x if x is None else x, item.y + dy, item.width, item.text,
                item.total, item.flags, item.stars, item.rank, item.resident_id, item.lines)


def role_models(rows: tuple[TallyRow, ...], count: int) -> list[TallyRow]:
    """The highest totals (above zero), ties kept in roster order."""
    return [r for r in _by_rank(rows) if r.total_points.hundredths > 0][:count]


def _band(data: BoardData, paper: str) -> tuple[list[Item], float]:
    w, h, cols, col_w, slots = _geometry(paper)
    models = role_models(data.rows, cols * 3)
    if not models:
        return [], 0.0
    items = []
    top = h - page.MARGIN - FIRST_HEAD - BAND_TITLE
    y = top
    for start in range(0, len(models), cols):
        chunk = models[start:start + cols]
        lines = max(_lines(r, slots) for r in chunk)
        for i, row in enumerate(chunk):
            x = page.MARGIN + i * (col_w + GUTTER)
            item = _row_item(row, "model", 0, col_w, slots=slots, rank=start + i + 1)
            items.append(_shift(item, y, x))
        y -= LINE * lines
    return items, (top - y) + BAND_TITLE + 8


def layout(data: BoardData, paper: str = "A3", order: str = "area",
           lang: str = "zh") -> list[BoardPage]:
    """Place the board on pages: columns filled top to bottom, households kept whole."""
    w, h, cols, col_w, slots = _geometry(paper)
    band, band_h = _band(data, paper)
    bottom = page.MARGIN + page.FOOTER
    first_top = h - page.MARGIN - FIRST_HEAD - band_h
    top = h - page.MARGIN - HEAD
    blocks = _split_tall(_blocks(data, order, col_w, slots, lang), first_top - bottom)
    pages: list[BoardPage] = []
    items: list[Item] = list(band)
    households: list[str] = []
    col, y, col_top = 0, first_top, first_top
    for block in blocks:
        if y - block.height < bottom and y < col_top:
            col += 1
            if col == cols:
                pages.append(BoardPage(len(pages) + 1, tuple(items), tuple(households)))
                items, households, col = [], [], 0
                col_top = top
            y = col_top
        x = page.MARGIN + col * (col_w + GUTTER)
        items.extend(_shift(i, y, x) for i in block.items)
        if block.household is not None:
            households.append(block.household)
        y -= block.height
    pages.append(BoardPage(len(pages) + 1, tuple(items), tuple(households)))
    return pages


def month_title(month: str, lang: str) -> str:
    year, mon = month.split("-")
    return tr("print.month", lang, year=year, month=int(mon), ym=month)


def _header(c: Canvas, data: BoardData, size: tuple[float, float], first: bool,
            lang: str) -> None:
    w, h = size
    title = tr("print.board.title", lang, village=data.village)
    when = month_title(data.month, lang)
    c.setFillColor(art.RED)
    if not first:
        page.heading(c, page.MARGIN, h - page.MARGIN - 14, f"{title}  {when}", 13)
        _legend(c, data.scheme, w - page.MARGIN, h - page.MARGIN - 13, lang=lang, right=True)
        return
    page.heading(c, w / 2, h - page.MARGIN - 30, title, 28, align="centre")
    c.setFillColor(black)
    status = tr("print.board.closed" if data.closed else "print.board.draft_note", lang)
    fonts.draw_centred(c, w / 2, h - page.MARGIN - 52, f"{when} · {status}", 12)
    fonts.draw_centred(c, w / 2, h - page.MARGIN - 68, tr("print.board.basis", lang), 8)
    _legend(c, data.scheme, w / 2, h - page.MARGIN - 84, lang=lang, right=False)


def _legend(c: Canvas, scheme: Scheme, x: float, y: float, *, lang: str, right: bool) -> None:
    star = tr("print.legend.star", lang, points=str(scheme.points_per_star))
    flag = tr("print.legend.flag", lang, stars=scheme.stars_per_flag,
              points=str(scheme.points_per_star.times(Decimal(scheme.stars_per_flag))))
    size = 9.0
    total = 2 * (MARK + 3) + fonts.width(star, size) + fonts.width(flag, size) + 18
    left = x - total if right else x - total / 2
    c.setFillColor(black)
    art.place(c, art.STAR, left, y - 1, MARK)
    end = fonts.draw(c, left + MARK + 3, y, star, size)
    art.place(c, art.FLAG, end + 18, y - 1, MARK)
    fonts.draw(c, end + 18 + MARK + 3, y, flag, size)


def _band_frame(c: Canvas, size: tuple[float, float], band: list[Item], lang: str) -> None:
    if not band:
        return
    w, h = size
    top = h - page.MARGIN - FIRST_HEAD
    low = min(i.y - LINE * i.lines for i in band) - 4
    c.setFillColor(art.PALE_RED)
    c.setStrokeColor(art.RED)
    c.setLineWidth(0.8)
    c.roundRect(page.MARGIN - 4, low, w - 2 * page.MARGIN + 8, top - low, 6, stroke=1, fill=1)
    c.setFillColor(art.RED)
    page.heading(c, page.MARGIN + 2, top - 13, tr("print.board.models", lang), 11)
    c.setFillColor(black)


def _draw_item(c: Canvas, item: Item, slots: int) -> None:
    if item.kind == "area":
        c.setFillColor(art.RED)
        page.heading(c, item.x, item.y - 14, item.text, 12)
        c.setStrokeColor(art.RED)
        c.setLineWidth(0.6)
        c.line(item.x, item.y - 17, item.x + item.width, item.y - 17)
        c.setFillColor(black)
        return
    if item.kind == "household":
        c.setFillColor(art.GREY)
        fonts.draw(c, item.x, item.y - 9, item.text, 7.5)
        c.setFillColor(black)
        return
    base = item.y - 11
    x = item.x
    if item.rank is not None:
        fonts.draw_right(c, x + RANK_W - 4, base, f"{item.rank}.", 9)
        x += RANK_W
    name_w = NAME_W - (RANK_W if item.rank is not None else 0)
    fonts.draw(c, x, base, item.text, fonts.fit(item.text, 10.5, name_w - 3))
    fonts.draw_right(c, item.x + item.width, base, item.total, 10)
    left = item.x + NAME_W
    for line, slot, form, n in segments(item.flags, item.stars, slots):
        art.place(c, art.run_name(form, n), left + slot * SLOT, base - 1.5 - line * LINE, MARK)


def segments(flags: int, stars: int, slots: int) -> list[tuple[int, int, str, int]]:
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
    return out


def draw(data: BoardData, pages: list[BoardPage], out: Path | str, *, paper: str = "A3",
         lang: str = "zh", step: Callable[[int, int], None] | None = None) -> None:
    """Paint the laid-out pages to a PDF at `out`. `step(done, total)` may raise to cancel."""
    size = page.PAPERS[paper]
    _, _, _, _, slots = _geometry(paper)
    title = tr("print.board.title", lang, village=data.village) + " " + data.month
    c = page.new_canvas(out, size, title)
    needs = {(form, n) for p in pages for i in p.items if i.kind in ("row", "model")
             for _, _, form, n in segments(i.flags, i.stars, slots)}
    art.define_runs(c, needs, SLOT / MARK * art.BOX)
    foot = page.Footer(data.printed, data.checksum, lang)
    for p in pages:
        if not data.closed:
            page.draft_mark(c, size, lang)
        _header(c, data, size, p.number == 1, lang)
        if p.number == 1:
            _band_frame(c, size, [i for i in p.items if i.kind == "model"], lang)
        for item in p.items:
            _draw_item(c, item, slots)
        page.footer(c, size, foot, p.number, len(pages))
        c.showPage()
        if step is not None:
            step(p.number, len(pages))
    c.save()
