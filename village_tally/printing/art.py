"""Stars and flags: red vector shapes defined once per PDF as Form XObjects and reused.

No font has a flag glyph, and 50,000 inline paths would be slow and large (TECH-NOTES), so each
shape is drawn once in a 10 x 10 point box and placed with `place`. A board row of n flags (or
n stars) is one form too, `vtFlag<n>` / `vtStar<n>`, defined once and placed with one `Do`:
placing each mark costs a matrix (six numbers formatted by reportlab in pure Python), which
made a 5,000-resident board 1.45x slower than a bare script. Tests read the count n from each
`Do` operator's form name.
"""

from __future__ import annotations

import math

from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas

STAR = "vtStar"
EMPTY_STAR = "vtStarEmpty"
FLAG = "vtFlag"
BOX = 10.0
RED = Color(0.80, 0.07, 0.11)
GOLD = Color(1.0, 0.82, 0.0)
POLE = Color(0.35, 0.27, 0.20)
PALE_RED = Color(0.99, 0.93, 0.92)
GREY = Color(0.45, 0.45, 0.45)
LIGHT = Color(0.80, 0.80, 0.80)


def star_points(cx: float, cy: float, outer: float) -> list[tuple[float, float]]:
    """The ten corners of a five-pointed star, point up."""
    inner = outer * math.sin(math.radians(18)) / math.sin(math.radians(54))
    pts = []
    for i in range(10):
        r = outer if i % 2 == 0 else inner
        a = math.radians(90 + 36 * i)
        pts.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    return pts


def _star_path(c: Canvas, cx: float, cy: float, outer: float) -> object:
    path = c.beginPath()
    pts = star_points(cx, cy, outer)
    path.moveTo(*pts[0])
    for p in pts[1:]:
        path.lineTo(*p)
    path.close()
    return path


def _star(c: Canvas, dx: float = 0.0) -> None:
    c.setFillColor(RED)
    c.drawPath(_star_path(c, dx + 5, 4.7, 5), stroke=0, fill=1)


def _flag(c: Canvas, dx: float = 0.0) -> None:
    c.setFillColor(POLE)
    c.rect(dx + 1.0, 0, 0.9, 10, stroke=0, fill=1)
    c.setFillColor(RED)
    path = c.beginPath()
    path.moveTo(dx + 1.9, 9.6)
    path.curveTo(dx + 4.5, 10.4, dx + 6.5, 8.6, dx + 9.6, 9.4)
    path.lineTo(dx + 9.6, 4.6)
    path.curveTo(dx + 6.5, 3.8, dx + 4.5, 5.6, dx + 1.9, 4.8)
    path.close()
    c.drawPath(path, stroke=0, fill=1)
    c.setFillColor(GOLD)
    c.drawPath(_star_path(c, dx + 4.2, 7.2, 1.4), stroke=0, fill=1)


def run_name(form: str, n: int) -> str:
    return f"{form}{n}"


def define_runs(c: Canvas, runs: set[tuple[str, int]], step: float) -> None:
    """Forms of n flags or n stars side by side, `step` box units apart (one `Do` per run)."""
    for form, n in sorted(runs):
        c.beginForm(run_name(form, n), 0, 0, step * (n - 1) + BOX, BOX)
        for k in range(n):
            (_flag if form == FLAG else _star)(c, k * step)
        c.endForm()


def define(c: Canvas) -> None:
    """Define the star, empty star and flag forms on this canvas (once per document)."""
    c.beginForm(STAR, 0, 0, BOX, BOX)
    _star(c)
    c.endForm()

    c.beginForm(EMPTY_STAR, 0, 0, BOX, BOX)
    c.setStrokeColor(RED)
    c.setLineWidth(0.7)
    c.setLineJoin(1)
    c.drawPath(_star_path(c, 5, 4.7, 4.5), stroke=1, fill=0)
    c.endForm()

    c.beginForm(FLAG, 0, 0, BOX, BOX)
    _flag(c)
    c.endForm()


def place(c: Canvas, form: str, x: float, y: float, size: float) -> None:
    """Draw a mark with its box's lower-left corner at (x, y), `size` points square."""
    s = size / BOX
    c.saveState()
    c.transform(s, 0, 0, s, x, y)
    c.doForm(form)
    c.restoreState()
