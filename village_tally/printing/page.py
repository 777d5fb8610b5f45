"""What every printed page shares: paper sizes, a byte-stable canvas, the footer, the draft mark."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.colors import Color, black
from reportlab.lib.pagesizes import A2, A3, A4
from reportlab.pdfgen.canvas import Canvas

from village_tally.i18n import tr
from village_tally.printing import art, fonts

PAPERS: dict[str, tuple[float, float]] = {"A4": A4, "A3": A3, "A2": A2}
MARGIN = 28.0
FOOTER = 26.0
DRAFT_RED = Color(0.85, 0.15, 0.15, alpha=0.13)


@dataclass(frozen=True, slots=True)
class Footer:
    """What the foot of a page says: print date, and the closed month's checksum if any."""

    printed: str
    checksum: str | None = None
    lang: str = "zh"


def new_canvas(out: Path | str, size: tuple[float, float], title: str) -> Canvas:
    """A canvas in reportlab's invariant mode (same data, same bytes: invariant 7)."""
    fonts.register()
    c = Canvas(str(out), pagesize=size, invariant=1, pageCompression=1,
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
    y = MARGIN * 0.55
    c.setStrokeColor(art.LIGHT)
    c.setLineWidth(0.5)
    c.line(MARGIN, y + 11, w - MARGIN, y + 11)
    c.setFillColor(art.GREY)
    lang = foot.lang
    fonts.draw(c, MARGIN, y, tr("print.printed", lang, date=foot.printed), 7)
    fonts.draw_right(c, w - MARGIN, y, tr("print.page", lang, page=page, pages=pages), 7)
    if foot.checksum:
        text = tr("print.checksum", lang, checksum=foot.checksum)
        fonts.draw_centred(c, w / 2, y, text, fonts.fit(text, 6.5, w - 2 * MARGIN - 170))
    c.setFillColor(black)


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
            align: str = "left") -> None:
    """A heading: the regular face filled and lightly stroked, since the font has no bold."""
    if align != "left":
        x -= fonts.width(text, size) / (2 if align == "centre" else 1)
    c.saveState()
    c.setLineWidth(size / 40)
    t = c.beginText(x, y)
    t.setTextRenderMode(2)
    for font, run in fonts.runs(text):
        t.setFont(font, size)
        t.textOut(run)
    c.drawText(t)
    c.restoreState()
