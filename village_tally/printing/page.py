"""What every printed page shares: paper sizes, a byte-stable canvas, the footer, the draft mark,
the issuing committee with a place for its seal, and the public-notice text."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.lib.colors import Color, black
from reportlab.lib.pagesizes import A2, A3, A4
from reportlab.pdfgen.canvas import Canvas

from village_tally.core.notice import Notice
from village_tally.i18n import tr
from village_tally.printing import art, fonts

PAPERS: dict[str, tuple[float, float]] = {"A4": A4, "A3": A3, "A2": A2}
MARGIN = 28.0
FOOTER = 26.0
# Many printers cannot print the outer 6.35 mm (a quarter inch) of a sheet: no text goes there.
PRINTABLE = 6.35 * 72 / 25.4
DRAFT_RED = Color(0.85, 0.15, 0.15, alpha=0.13)


@dataclass(frozen=True, slots=True)
class Footer:
    """What the foot of a page says: print date, and the closed month's checksum if any;
    `code` is the verification code of the close of `code_month` (core.witness), printed
    with a QR code of it."""

    printed: str
    checksum: str | None = None
    lang: str = "zh"
    paper: str | None = None  # said in the footer where a document offers more than one
    size: float = 7.0
    code: str | None = None
    code_month: str | None = None


QR = 34.0  # the verification code's QR code, quiet zone included (12 mm: 0.41 mm modules)


def new_canvas(out: Path | str, size: tuple[float, float], title: str) -> Canvas:
    """A canvas in reportlab's invariant mode (same data, same bytes: invariant 7)."""
    fonts.register()
    c = fonts.SafeCanvas(str(out), pagesize=size, invariant=1, pageCompression=1,
               initialFontName=fonts.MAIN, initialFontSize=10)
    c.setTitle(title)
    c.setCreator("Village Tally")
    c.setAuthor("")
    c.setProducer("Village Tally (reportlab)")
    art.define(c)
    return c


def footer(c: Canvas, size: tuple[float, float], foot: Footer, page: int, pages: int) -> None:
    """Page n of N and the print date; the checksum of a closed month so a reprint can be
    checked against `verify` (invariant 3)."""
    w, _ = size
    fs = foot.size
    y = PRINTABLE + fs * 0.3 + 2  # the descenders stay inside the printable area
    end = w - MARGIN  # where the footer's text ends on the right
    if foot.code:  # the QR code in the corner, its text above the rule beside it
        qr(c, foot.code, w - MARGIN - QR, PRINTABLE, QR)
        end -= QR + fs * 0.6
    c.setStrokeColor(art.LIGHT)
    c.setLineWidth(0.5)
    c.line(MARGIN, y + fs * 1.4, end, y + fs * 1.4)
    c.setFillColor(art.GREY)
    lang = foot.lang
    left = tr("print.printed", lang, date=foot.printed)
    if foot.paper:
        left = tr("print.paper_note", lang, paper=foot.paper) + " · " + left
    right = tr("print.page", lang, page=page, pages=pages)
    fonts.draw(c, MARGIN, y, left, fs)
    fonts.draw_right(c, end, y, right, fs)
    if foot.checksum:
        text = tr("print.checksum", lang, checksum=foot.checksum)
        room = end - MARGIN - fonts.width(left, fs) - fonts.width(right, fs) - 4 * fs
        fonts.draw_centred(c, (MARGIN + end) / 2, y, text, fonts.fit(text, fs * 0.93, room, 6.0))
    if foot.code:
        c.setFillColor(black)
        text = tr("print.code", lang, code=foot.code, month=foot.code_month or "")
        fonts.draw_right(c, end, y + fs * 1.4 + fs * 0.5, text, fs)
    c.setFillColor(black)


def qr(c: Canvas, value: str, left: float, bottom: float, size: float) -> None:
    """reportlab's QR widget, its modules drawn straight on the page (renderPDF would set a
    Helvetica font that is never embedded), `size` points square with four modules of quiet
    zone, its lower left corner at (left, bottom)."""
    widget = QrCodeWidget(value, barLevel="M")
    x0, y0, x1, _ = widget.getBounds()
    scale = size / (x1 - x0)
    c.saveState()
    c.setFillColor(black)
    for shape in widget.draw().contents:
        if shape.fillColor is None and shape.width > (x1 - x0) * 0.9:
            continue  # the background
        c.rect(left + (shape.x - x0) * scale, bottom + (shape.y - y0) * scale,
               shape.width * scale, shape.height * scale, stroke=0, fill=1)
    c.restoreState()


def draft_mark(c: Canvas, size: tuple[float, float], lang: str) -> None:
    """A large diagonal 'draft — for public notice' across a page of an open month."""
    w, h = size
    text = tr("print.draft", lang)
    c.saveState()
    c.setFillColor(DRAFT_RED)
    c.translate(w / 2, h / 2)
    c.rotate(35)
    fonts.draw_centred(c, 0, 0, text, fonts.fit(text, w / 9, w * 0.95))
    c.restoreState()


def heading(c: Canvas, x: float, y: float, text: str, size: float, *,
            align: str = "left") -> float:
    """A heading: the regular face filled and lightly stroked, since the font has no bold.
    Returns the x where it ends."""
    wide = fonts.width(text, size)
    if align != "left":
        x -= wide / (2 if align == "centre" else 1)
    c.saveState()
    c.setLineWidth(size / 40)
    t = c.beginText(x, y)
    t.setTextRenderMode(2)
    for font, run in fonts.runs(text):
        t.setFont(font, size)
        t.textOut(run)
    c.drawText(t)
    c.restoreState()
    return x + wide


def issuer(village: str, lang: str) -> str:
    """The villagers' committee that issues a board or a sign: the village's name + 村民委员会."""
    return tr("print.issuer", lang, village=village)


def seal(c: Canvas, cx: float, cy: float, lang: str, *, label_size: float = 7.0) -> None:
    """A dashed circle the size of the committee's seal (42 mm) where it is to be stamped."""
    r = 21 * 72 / 25.4
    c.saveState()
    c.setStrokeColor(art.RED)
    c.setLineWidth(0.6)
    c.setDash(3, 3)
    c.circle(cx, cy, r, stroke=1, fill=0)
    c.restoreState()
    c.setFillColor(art.GREY)
    fonts.draw_centred(c, cx, cy + r * 0.62, tr("print.seal", lang), label_size)
    c.setFillColor(black)


def date_text(day: dt.date, lang: str) -> str:
    return tr("print.date", lang, year=day.year, month=day.month, day=day.day,
              iso=day.isoformat())


def notice_text(notice: Notice, lang: str) -> str:
    """The notice period, where and to whom objections go, and until when."""
    return tr("print.notice", lang, start=date_text(notice.start, lang),
              end=date_text(notice.end, lang), contact=notice.contact, place=notice.place,
              until=date_text(notice.objections_until, lang))
