"""Flowing documents (statement, tally sheet, rewards list): platypus with our fonts and footer.

Pages are numbered 'n of N' by holding each page until the document ends, then drawing the
footer (and the draft mark of an open month) on every page, and a running head (the document's
title) on every page after the first. Tables size their columns to the words they hold, so no
heading breaks inside a word.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    LongTable,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from village_tally.core.notice import Notice
from village_tally.printing import art, fonts, page, wall

GRID = Color(0.7, 0.7, 0.7)
HEAD_BG = Color(0.96, 0.90, 0.89)
RUNNING = 16.0  # room above the content for the running head of later pages
PAD = 3.0  # a table cell's left and right padding


def style(size: float = 9.0, *, leading: float | None = None, color: Color | None = None,
          align: int = 0, space_after: float = 0.0) -> ParagraphStyle:
    fonts.register()
    return ParagraphStyle(
        f"vt{size}-{align}", fontName=fonts.MAIN, fontSize=size,
        leading=leading or size * 1.3, wordWrap="CJK", alignment=align,
        textColor=color or Color(0, 0, 0), spaceAfter=space_after)


def para(text: str, st: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text (escaped; rare characters in the fallback font)."""
    return Paragraph(fonts.markup(text), st)


@dataclass(frozen=True, slots=True)
class Decor:
    """What goes on every page besides the flowing content."""

    foot: page.Footer
    draft: bool = False
    running: str = ""  # the title again at the head of every page after the first


def _canvas_class(decor: Decor, counter: list[int]) -> type[Canvas]:
    class NumberedCanvas(fonts.SafeCanvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held)
            counter.append(total)
            for number, state in enumerate(self._held, start=1):
                self.__dict__.update(state)
                size = (self._pagesize[0], self._pagesize[1])
                if decor.draft:
                    page.draft_mark(self, size, decor.foot.lang)
                if decor.running and number > 1:
                    _running_head(self, size, decor.running)
                page.footer(self, size, decor.foot, number, total)
                Canvas.showPage(self)
            fonts.SafeCanvas.save(self)

    return NumberedCanvas


def build(out: Path | str, story: Sequence[Flowable], *, title: str, decor: Decor,
          pagesize: tuple[float, float] = A4,
          step: Callable[[int, int], None] | None = None) -> int:
    """Write the story to `out` (invariant mode: same data, same bytes); returns the pages."""
    fonts.register()
    counter: list[int] = []
    doc = SimpleDocTemplate(
        str(out), pagesize=pagesize, invariant=1, pageCompression=1, title=title,
        author="", creator="Village Tally", producer="Village Tally (reportlab)",
        leftMargin=page.MARGIN, rightMargin=page.MARGIN, topMargin=page.MARGIN + RUNNING,
        bottomMargin=page.MARGIN + page.FOOTER, initialFontName=fonts.MAIN,
        initialFontSize=10)

    def on_page(canvas: Canvas, _doc: SimpleDocTemplate) -> None:
        if step is not None:
            step(canvas.getPageNumber(), 0)

    doc.build(list(story), onFirstPage=on_page, onLaterPages=on_page,
              canvasmaker=_canvas_class(decor, counter))
    return counter[0] if counter else 0


def _running_head(c: Canvas, size: tuple[float, float], text: str) -> None:
    w, h = size
    y = h - page.MARGIN - 8
    c.setFillColor(art.RED)
    fonts.draw(c, page.MARGIN, y, text, fonts.fit(text, 9, w - 2 * page.MARGIN, 6.0))
    c.setStrokeColor(art.LIGHT)
    c.setLineWidth(0.5)
    c.line(page.MARGIN, y - 4, w - page.MARGIN, y - 4)
    c.setFillColor(Color(0, 0, 0))


def notice_box(notice: Notice | None, lang: str, width: float) -> list[Flowable]:
    """The public-notice period in a red box, or nothing when the month is not on notice."""
    if notice is None:
        return []
    box = Table([[para(page.notice_text(notice, lang), style(9.5, leading=13))]],
                colWidths=[width])
    box.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), fonts.MAIN),
                             ("BOX", (0, 0), (-1, -1), 0.8, art.RED),
                             ("BACKGROUND", (0, 0), (-1, -1), art.PALE_RED),
                             ("LEFTPADDING", (0, 0), (-1, -1), 6),
                             ("TOPPADDING", (0, 0), (-1, -1), 4),
                             ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]))
    return [box, Spacer(1, 6)]


def _pieces(text: str) -> list[str]:
    """A heading's words: it may break at a space or before an opening bracket, nowhere else."""
    out = []
    for word in text.split(" "):
        out += [p for p in word.replace("（", "\n（").replace("(", "\n(").split("\n") if p]
    return out or [""]


def _natural(head: str, cells: list[str], size: float) -> float:
    widest = max([fonts.width(p, size) for p in _pieces(head)]
                 + [fonts.width(t, size) for t in cells])
    return widest + 2 * PAD + 1


def fitted_widths(head: Sequence[str], rows: Sequence[Sequence[str]], room: float,
                  size: float, *, flexible: int, least: float = 0.0) -> list[float]:
    """Column widths that hold each heading's longest word and each cell whole; what is left
    of `room` goes to the `flexible` column (a name or a signature), at least `least` wide.
    Wider than the room, the flexible column gives way (its text wraps)."""
    widths = [_natural(h, [r[j] for r in rows], size) for j, h in enumerate(head)]
    widths[flexible] = max(widths[flexible], least)
    spare = room - sum(widths)
    widths[flexible] = max(_natural(head[flexible], [], size), widths[flexible] + spare)
    return widths


def _head_para(text: str, st: ParagraphStyle, width: float) -> Paragraph:
    lines = wall.wrap(text, st.fontSize, width - 2 * PAD - 0.5)
    return Paragraph("<br/>".join(fonts.markup(line) for line in lines), st)


def grid(head: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float],
         numeric: set[int], *, size: float = 7.5, wrap_cols: set[int] | None = None) -> LongTable:
    """A ruled table whose heading repeats on every page. Cells are pre-wrapped at good breaks
    (a name at its middle dot, never inside a word); numeric columns are right-aligned."""
    st, right = style(size), style(size, align=TA_RIGHT)
    cells: list[list[Flowable]] = [[_head_para(h, st, w) for h, w in zip(head, widths,
                                                                          strict=True)]]
    for row in rows:
        cells.append([_head_para(t, right if j in numeric else st, widths[j])
                      if wrap_cols is None or j in wrap_cols else
                      para(t, right if j in numeric else st) for j, t in enumerate(row)])
    table = LongTable(cells, colWidths=list(widths), repeatRows=1)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), fonts.MAIN),  # else Helvetica, not embedded
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]))
    return table
