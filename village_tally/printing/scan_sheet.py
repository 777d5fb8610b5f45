"""Scan sheets (forms/scan_sheet.toml): the field sheet as a fill-in form the program reads
back. Front: corner markers, a QR code and the sheet number at top and bottom, per line the
bubbles, a name box and a note box. Back: the area's residents and rules, numbered.

Every position comes from core.scan_form's layout, the one the reader measures. Markers are
drawn from their bits as vector squares and the QR with reportlab's own widget: printing
needs no OpenCV."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.colors import Color, black, white
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from village_tally.core.scan_form import Bubble, MarkerPlace, Rect, ScanForm, SheetLayout
from village_tally.i18n import tr
from village_tally.printing import art, fonts, page

DIGIT_GREY = Color(0.62, 0.62, 0.62)
LINE_GREY = Color(0.70, 0.70, 0.70)


@dataclass(frozen=True, slots=True)
class ScanSheet:
    """One sheet: its number, what its QR codes say (front and back)."""

    number: str
    qr_front: str
    qr_back: str


@dataclass(frozen=True, slots=True)
class ScanSheets:
    village: str
    area: str
    month: str
    form: ScanForm
    layout: SheetLayout
    sheets: tuple[ScanSheet, ...]
    residents: tuple[str, ...]  # "name (household)", row 1 first
    rules: tuple[str, ...]  # the rule's line, bubble 1 first
    printed: str


class _Page:
    """Millimetres from the top-left, as the layout speaks, onto reportlab's points."""

    def __init__(self, c: Canvas, height_mm: float) -> None:
        self.c = c
        self.h = height_mm

    def x(self, v: float) -> float:
        return float(v * mm)

    def y(self, v: float) -> float:
        return float((self.h - v) * mm)

    def rect(self, r: Rect, *, fill: int = 0, stroke: int = 1) -> None:
        self.c.rect(r.x * mm, (self.h - r.y - r.h) * mm, r.w * mm, r.h * mm, fill=fill,
                    stroke=stroke)


def _marker(p: _Page, place: MarkerPlace) -> None:
    """A 6x6-cell ArUco marker: a black border one cell wide around its 4x4 bits."""
    c, box = p.c, place.box
    cell = box.w / 6
    c.setFillColor(black)
    p.rect(box, fill=1, stroke=0)
    c.setFillColor(white)
    for r, row in enumerate(place.marker.bits):
        for col, bit in enumerate(row):
            if bit:
                p.rect(Rect(box.x + (col + 1) * cell, box.y + (r + 1) * cell, cell, cell),
                       fill=1, stroke=0)
    c.setFillColor(black)


def _qr(p: _Page, value: str, box: Rect) -> None:
    page.qr(p.c, value, p.x(box.x), p.y(box.y + box.h), box.w * mm)


def _bubble(p: _Page, b: Bubble, radius: float) -> None:
    c = p.c
    c.setStrokeColor(black)
    c.setLineWidth(0.6)
    c.circle(p.x(b.x), p.y(b.y), radius * mm, stroke=1, fill=0)
    c.setFillColor(DIGIT_GREY)
    fonts.draw_centred(c, p.x(b.x), p.y(b.y) - 1.9, str(b.value), 5.5)
    c.setFillColor(black)


def _header(p: _Page, data: ScanSheets, sheet: ScanSheet, lang: str) -> None:
    c, lay, g = p.c, data.layout, data.form.geometry
    w = lay.width
    c.setFillColor(art.RED)
    page.heading(c, p.x(w / 2), p.y(g.margin + 6), data.form.spec.title(lang), 15,
                 align="centre")
    c.setFillColor(black)
    left = g.margin + g.marker + 4
    fields = [tr("print.form.village", lang, village=data.village),
              tr("print.form.area", lang, area=data.area),
              tr("print.scan.month", lang, month=data.month),
              tr("print.scan.gatherer", lang)]
    x = left
    room = lay.qr_top.x - 4 - left
    for text in fields:
        size = fonts.fit(text, 9.5, room / 4 * mm)
        fonts.draw(c, p.x(x), p.y(g.margin + 17), text, size)
        x += room / 4
    number = tr("print.form.sheet_no", lang, number=sheet.number)
    fonts.draw(c, p.x(left), p.y(g.margin + 25), number, 12)
    c.setFillColor(art.RED)
    instruction = tr("print.scan.instruction", lang)
    fonts.draw(c, p.x(left), p.y(g.top - 4),
               instruction, fonts.fit(instruction, 8.5, (w - left - g.margin - 2) * mm))
    c.setFillColor(black)


def _columns(p: _Page, data: ScanSheets, lang: str) -> None:
    c, lay = p.c, data.layout
    y = lay.header_y
    for key, x0, x1 in lay.columns:
        col = data.form.spec.column(key)
        title = col.title(lang) if col else key
        if key == "resident" and lay.resident_digits > 1:
            title += tr("print.scan.digits", lang, rows=lay.resident_digits)
        elif key == "rule" and lay.rule_digits:
            title += tr("print.scan.digits", lang, rows=lay.rule_digits)
        fonts.draw_centred(c, p.x((x0 + x1) / 2), p.y(y + 5),
                           title, fonts.fit(title, 7.5, (x1 - x0) * mm))


def _lines(p: _Page, data: ScanSheets) -> None:
    c, g = p.c, data.form.geometry
    radius = g.bubble / 2
    for line in data.layout.lines:
        c.setStrokeColor(LINE_GREY)
        c.setLineWidth(0.4)
        bottom = line.box.y + line.box.h
        c.line(p.x(line.box.x), p.y(bottom), p.x(line.box.x + line.box.w), p.y(bottom))
        c.setFillColor(black)
        mid = line.name.y + line.name.h / 2
        fonts.draw_centred(c, p.x(line.box.x + 3), p.y(mid) - 3.5, str(line.line), 10)
        for group in line.groups:
            for b in group.bubbles:
                _bubble(p, b, radius)
        c.setStrokeColor(LINE_GREY)
        c.setLineWidth(0.5)
        p.rect(line.name)
        p.rect(line.note)


def _front(p: _Page, data: ScanSheets, sheet: ScanSheet, lang: str) -> None:
    lay = data.layout
    for place in lay.markers:
        _marker(p, place)
    _qr(p, sheet.qr_front, lay.qr_top)
    _qr(p, sheet.qr_front, lay.qr_bottom)
    _header(p, data, sheet, lang)
    _columns(p, data, lang)
    _lines(p, data)
    number = tr("print.form.sheet_no", lang, number=sheet.number)
    q = lay.qr_bottom
    fonts.draw(p.c, p.x(q.x + q.w + 4), p.y(q.y + q.h / 2) - 4, number, 12)


def _list(p: _Page, items: tuple[str, ...], top: float, bottom: float, *, left: float,
          right: float, label: Callable[[int], str]) -> float:
    """Numbered items in as many columns as they need; returns the y below them."""
    c = p.c
    if not items:
        return top
    size = 9.0
    pitch = size * 1.45 / mm
    rows_fit = max(1, int((bottom - top) // pitch))
    cols = -(-len(items) // rows_fit)
    while cols * 38 > right - left and size > 5.5:
        size -= 0.5
        pitch = size * 1.45 / mm
        rows_fit = max(1, int((bottom - top) // pitch))
        cols = -(-len(items) // rows_fit)
    per = -(-len(items) // cols)
    colw = (right - left) / cols
    for i, text in enumerate(items):
        col, row = divmod(i, per)
        x, y = left + col * colw, top + (row + 1) * pitch
        c.setFillColor(art.RED)
        end = fonts.draw(c, p.x(x), p.y(y), label(i + 1), size)
        c.setFillColor(black)
        fonts.draw(c, end + 3, p.y(y), fonts.clip(text, size, colw * mm - (end - p.x(x)) - 6),
                   size)
    return float(top + per * pitch)


def _back(p: _Page, data: ScanSheets, sheet: ScanSheet, lang: str) -> None:
    lay, g = data.layout, data.form.geometry
    c = p.c
    _qr(p, sheet.qr_back, lay.qr_top)
    left, right = g.margin + 2, lay.width - g.margin - 2
    c.setFillColor(art.RED)
    page.heading(c, p.x(left), p.y(g.margin + 8), tr("print.scan.back", lang), 14)
    c.setFillColor(black)
    fonts.draw(c, p.x(left), p.y(g.margin + 17),
               tr("print.form.sheet_no", lang, number=sheet.number), 11)
    fonts.draw(c, p.x(left), p.y(g.margin + 24),
               f"{data.village}  {data.area}  {data.month}", 10)
    top = g.margin + g.qr + 13
    digits = lay.resident_digits
    fonts.draw(c, p.x(left), p.y(top), tr("print.scan.residents", lang), 11)
    rules_h = 14 + len(data.rules) * 5.0
    end = _list(p, data.residents, top + 2, lay.height - 20 - rules_h, left=left, right=right,
                label=lambda n: f"{n:0{digits}d}")
    top = end + 8
    fonts.draw(c, p.x(left), p.y(top), tr("print.scan.rules", lang), 11)
    rd = max(1, lay.rule_digits)
    _list(p, data.rules, top + 2, lay.height - 16, left=left, right=right,
          label=lambda n: f"{n:0{rd}d}")


def draw_scan_sheets(groups: Sequence[ScanSheets], out: Path | str, *, lang: str = "zh",
                     step: Callable[[int, int], None] | None = None) -> int:
    """Front and back of every sheet of every area; returns the pages written."""
    first = groups[0]
    size = (first.layout.width * mm, first.layout.height * mm)
    c = page.new_canvas(out, size, first.form.spec.title(lang))
    p = _Page(c, first.layout.height)
    total = sum(len(g.sheets) for g in groups)
    n = 0
    for data in groups:
        foot = page.Footer(data.printed, None, lang)
        for sheet in data.sheets:
            _front(p, data, sheet, lang)
            c.showPage()
            _back(p, data, sheet, lang)
            page.footer(c, size, foot, 2 * n + 2, 2 * total)
            c.showPage()
            n += 1
            if step is not None:
                step(n, total)
    c.save()
    return 2 * total
