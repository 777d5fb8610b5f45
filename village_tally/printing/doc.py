"""Flowing documents (statement, tally sheet, rewards list): platypus with our fonts and footer.

Pages are numbered 'n of N' by holding each page until the document ends, then drawing the
footer (and the draft mark of an open month) on every page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate

from village_tally.printing import fonts, page


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


def _canvas_class(decor: Decor, counter: list[int]) -> type[Canvas]:
    class NumberedCanvas(Canvas):  # type: ignore[misc]  # reportlab has no type hints
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
                page.footer(self, size, decor.foot, number, total)
                Canvas.showPage(self)
            Canvas.save(self)

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
        leftMargin=page.MARGIN, rightMargin=page.MARGIN, topMargin=page.MARGIN,
        bottomMargin=page.MARGIN + page.FOOTER, initialFontName=fonts.MAIN,
        initialFontSize=10)

    def on_page(canvas: Canvas, _doc: SimpleDocTemplate) -> None:
        if step is not None:
            step(canvas.getPageNumber(), 0)

    doc.build(list(story), onFirstPage=on_page, onLaterPages=on_page,
              canvasmaker=_canvas_class(decor, counter))
    return counter[0] if counter else 0
