"""Blank paper forms drawn from their definitions (forms/*.toml): the gatherer's field sheet and
the quarterly inspection sheet."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.colors import Color, black
from reportlab.lib.pagesizes import landscape, portrait
from reportlab.pdfgen.canvas import Canvas

from village_tally.core.form import FormColumn, FormSpec
from village_tally.core.rule import Rule
from village_tally.core.scheme import Category
from village_tally.i18n import tr
from village_tally.printing import art, fonts, page, wall

HEAD_BG = Color(0.96, 0.90, 0.89)
RULE_GREY = Color(0.55, 0.55, 0.55)


@dataclass(frozen=True, slots=True)
class FieldSheets:
    village: str
    area: str
    spec: FormSpec
    numbers: tuple[str, ...]  # one pre-printed sheet number per sheet
    rules: tuple[Rule, ...]
    printed: str
    document_required: bool = False  # the scheme wants a document number on every line


@dataclass(frozen=True, slots=True)
class InspectionRow:
    household: str
    head: str
    door_plate: str


@dataclass(frozen=True, slots=True)
class Inspection:
    village: str
    area: str
    spec: FormSpec
    categories: tuple[Category, ...]
    households: tuple[InspectionRow, ...]
    quarter: str | None
    printed: str


def _size(spec: FormSpec) -> tuple[float, float]:
    size = page.PAPERS.get(spec.paper, page.PAPERS["A4"])
    w, h = landscape(size) if spec.orientation == "landscape" else portrait(size)
    return float(w), float(h)


def _header(c: Canvas, spec: FormSpec, size: tuple[float, float], values: dict[str, str],
            lang: str) -> float:
    """Title and the header fields (blank ones with a line to write on); returns y below."""
    w, h = size
    c.setFillColor(art.RED)
    page.heading(c, w / 2, h - page.MARGIN - 20, spec.title(lang), 18, align="centre")
    c.setFillColor(black)
    labels = {"village": ("村", "Village"), "area": ("片区", "Area"),
              "gatherer": ("信息员", "Gatherer"), "sheet_no": ("单号", "Sheet no."),
              "month": ("月份", "Month"), "quarter": ("季度", "Quarter"),
              "inspector": ("评议人", "Inspector"), "date": ("日期", "Date")}
    y = h - page.MARGIN - 44
    slot = (w - 2 * page.MARGIN) / max(1, len(spec.header))
    for i, key in enumerate(spec.header):
        x = page.MARGIN + i * slot
        zh, en = labels[key]
        label = (zh + "：") if lang == "zh" else (en + ": ")
        end = fonts.draw(c, x, y, label, 10)
        value = values.get(key, "")
        if value:
            size_ = fonts.fit(value, 10.5, x + slot - end - 6, 7.0)
            fonts.draw(c, end, y, value, size_)
        else:
            c.setStrokeColor(RULE_GREY)
            c.setLineWidth(0.5)
            c.line(end, y - 2, x + slot - 8, y - 2)
    return y - 14


def _cell_lines(c: Canvas, text: str, x: float, y: float, *, room: float, size: float,
                centred: bool = False, measure: bool = False) -> int:
    """Text in a cell: shrunk to fit down to 7.5 pt, then wrapped (a long name or an English
    category title), lines 9 points apart from the baseline `y` down. Returns the lines."""
    size = fonts.fit(text, size, room, 7.5)
    lines = wall.wrap(text, size, room)
    if measure:
        return len(lines)
    for k, line in enumerate(lines):
        if centred:
            fonts.draw_centred(c, x, y - k * 9, line, size)
        else:
            fonts.draw(c, x, y - k * 9, line, size)
    return len(lines)


def _grid(c: Canvas, x0: float, top: float, widths: list[float], heights: list[float]) -> None:
    c.setStrokeColor(RULE_GREY)
    c.setLineWidth(0.5)
    total_w, total_h = sum(widths), sum(heights)
    y = top
    c.line(x0, y, x0 + total_w, y)
    for hgt in heights:
        y -= hgt
        c.line(x0, y, x0 + total_w, y)
    x = x0
    c.line(x, top, x, top - total_h)
    for wd in widths:
        x += wd
        c.line(x, top, x, top - total_h)


def _widths(columns: list[FormColumn], room: float) -> list[float]:
    scale = room / sum(col.width for col in columns)
    return [col.width * scale for col in columns]


def rule_lines(rules: tuple[Rule, ...], lang: str) -> list[str]:
    out = []
    for r in rules:
        if not r.active:
            continue
        text = tr("print.form.rule_line", lang, code=r.code, title=r.title(lang),
                  points=r.points.signed(), unit=r.unit(lang))
        if r.monthly_cap is not None:
            text += tr("print.form.cap", lang, cap=format(r.monthly_cap.normalize(), "f"))
        if r.grade_cap is not None:
            text += tr("print.form.grade_cap", lang, grade=r.grade_cap.grade,
                       months=r.grade_cap.months)
        out.append(text)
    return out


def _rule_columns(w: float) -> int:
    return 2 if w < 600 else 3


def rules_wrapped(rules: tuple[Rule, ...], lang: str, w: float,
                  size: float) -> list[list[str]]:
    """Each rule line wrapped to its column of the box (never cut short with …)."""
    colw = (w - 12) / _rule_columns(w) - 6
    return [wall.wrap(text, size, colw) for text in rule_lines(rules, lang)]


def rules_height(rules: tuple[Rule, ...], lang: str, w: float, size: float = 8.5) -> float:
    wrapped = rules_wrapped(rules, lang, w, size)
    cols = _rule_columns(w)
    per = -(-len(wrapped) // cols)
    tallest = max((sum(len(x) for x in wrapped[c * per:(c + 1) * per]) for c in range(cols)),
                  default=0)
    return 18 + tallest * (size + 4) + 4


def _rules_box(c: Canvas, rules: tuple[Rule, ...], x: float, top: float, *, w: float,
               lang: str, size: float = 8.5) -> float:
    wrapped = rules_wrapped(rules, lang, w, size)
    cols = _rule_columns(w)
    per = -(-len(wrapped) // cols)
    height = rules_height(rules, lang, w, size)
    c.setStrokeColor(art.RED)
    c.setLineWidth(0.6)
    c.rect(x, top - height, w, height, stroke=1, fill=0)
    c.setFillColor(art.RED)
    fonts.draw(c, x + 6, top - 12, tr("print.form.rules", lang), 9)
    c.setFillColor(black)
    colw = (w - 12) / cols
    for col in range(cols):
        y = top - 26
        for lines in wrapped[col * per:(col + 1) * per]:
            for k, line in enumerate(lines):
                fonts.draw(c, x + 6 + col * colw + (size if k else 0), y, line, size)
                y -= size + 4
    return height


def draw_field_sheets(data: FieldSheets, out: Path | str, *, lang: str = "zh",
                      step: Callable[[int, int], None] | None = None) -> int:
    """One blank field sheet per pre-printed number; returns the pages written."""
    spec = data.spec
    size = _size(spec)
    w, _ = size
    c = page.new_canvas(out, size, spec.title(lang))
    per_sheet = 2 if spec.rules == "back" else 1
    pages = len(data.numbers) * per_sheet
    foot = page.Footer(data.printed, None, lang)
    columns = [col for col in spec.columns
               if not col.when or (col.when == "document_required" and data.document_required)]
    widths = _widths(columns, w - 2 * page.MARGIN)
    n = 0
    for k, number in enumerate(data.numbers, start=1):
        values = {"village": data.village, "area": data.area, "sheet_no": number}
        y = _header(c, spec, size, values, lang)
        bottom = page.MARGIN + page.FOOTER
        if spec.rules == "foot":
            bottom += rules_height(data.rules, lang, w - 2 * page.MARGIN) + 8
        head_h = 18.0
        row_h = min(30.0, (y - bottom - head_h) / spec.lines)
        c.setFillColor(HEAD_BG)
        c.rect(page.MARGIN, y - head_h, sum(widths), head_h, stroke=0, fill=1)
        c.setFillColor(black)
        _grid(c, page.MARGIN, y, widths, [head_h] + [row_h] * spec.lines)
        x = page.MARGIN
        for col, wd in zip(columns, widths, strict=True):
            title = col.title(lang)
            fonts.draw_centred(c, x + wd / 2, y - 12.5, title, fonts.fit(title, 9, wd - 4, 6.0))
            x += wd
        line_col = next((i for i, col in enumerate(columns) if col.kind == "line"), None)
        if line_col is not None:
            lx = page.MARGIN + sum(widths[:line_col]) + widths[line_col] / 2
            c.setFillColor(art.GREY)
            for line in range(1, spec.lines + 1):
                fonts.draw_centred(c, lx, y - head_h - line * row_h + row_h / 2 - 3.5,
                                   str(line), 9)
            c.setFillColor(black)
        if spec.rules == "foot":
            _rules_box(c, data.rules, page.MARGIN, bottom - 8, w=w - 2 * page.MARGIN, lang=lang)
        n += 1
        page.footer(c, size, foot, n, pages)
        c.showPage()
        if spec.rules == "back":
            y = _header(c, spec, size, values, lang)
            _rules_box(c, data.rules, page.MARGIN, y - 6, w=w - 2 * page.MARGIN, lang=lang, size=11)
            n += 1
            page.footer(c, size, foot, n, pages)
            c.showPage()
        if step is not None:
            step(k, len(data.numbers))
    c.save()
    return pages


def _boxes(c: Canvas, x: float, y: float, wd: float, boxes: int) -> None:
    """Tick boxes numbered 1..boxes, spread across a cell centred on y."""
    slot = wd / boxes
    side = min(8.0, slot * 0.45)
    c.setStrokeColor(black)
    c.setLineWidth(0.5)
    for i in range(boxes):
        bx = x + i * slot + 2
        c.rect(bx, y - side / 2, side, side, stroke=1, fill=0)
        fonts.draw(c, bx + side + 1.5, y - 3, str(i + 1), 7)


def inspection_pages(data: Inspection) -> list[tuple[InspectionRow, ...]]:
    """Households per page: as many rows as fit, never more than 20."""
    per = rows_per_page(data)
    rows = data.households
    return [rows[i:i + per] for i in range(0, len(rows), per)] or [()]


ROW_H = 24.0


def rows_per_page(data: Inspection) -> int:
    _, h = _size(data.spec)
    room = h - 2 * page.MARGIN - page.FOOTER - 44 - 14 - 32
    return max(1, min(20, int(room // ROW_H)))


def draw_inspection(data: Inspection, out: Path | str, *, lang: str = "zh",
                    step: Callable[[int, int], None] | None = None) -> int:
    spec = data.spec
    size = _size(spec)
    w, _ = size
    columns: list[FormColumn] = []
    for col in spec.columns:
        if col.kind == "ratings":
            columns += [FormColumn(cat.code, cat.title_zh, cat.title_en, col.width, "ratings")
                        for cat in data.categories]
        else:
            columns.append(col)
    widths = _widths(columns, w - 2 * page.MARGIN)
    groups = inspection_pages(data)
    c = page.new_canvas(out, size, spec.title(lang))
    foot = page.Footer(data.printed, None, lang)
    quarter = ""
    if data.quarter:
        year, q = data.quarter.split("-Q")
        quarter = tr("print.sign.quarter", lang, year=year, q=q)
    for number, group in enumerate(groups, start=1):
        values = {"village": data.village, "area": data.area, "quarter": quarter}
        y = _header(c, spec, size, values, lang)
        head_h = 32.0
        c.setFillColor(HEAD_BG)
        c.rect(page.MARGIN, y - head_h, sum(widths), head_h, stroke=0, fill=1)
        c.setFillColor(black)
        _grid(c, page.MARGIN, y, widths, [head_h] + [ROW_H] * len(group))
        x = page.MARGIN
        for col, wd in zip(columns, widths, strict=True):
            _cell_lines(c, col.title(lang), x + wd / 2, y - 10, room=wd - 4, size=9.5,
                        centred=True)
            if col.kind == "ratings":
                c.setFillColor(art.GREY)
                fonts.draw_centred(c, x + wd / 2, y - 29, f"1 – {spec.boxes}", 7)
                c.setFillColor(black)
            x += wd
        for i, row in enumerate(group):
            cy = y - head_h - i * ROW_H - ROW_H / 2
            x = page.MARGIN
            values_row = {"household": row.household, "head": row.head,
                          "door_plate": row.door_plate}
            for col, wd in zip(columns, widths, strict=True):
                if col.kind == "prefilled":
                    text = values_row.get(col.key, "")
                    lines = _cell_lines(c, text, x + 4, cy, room=wd - 8, size=10, measure=True)
                    _cell_lines(c, text, x + 4, cy + (lines - 1) * 4.5 - 3.5, room=wd - 8,
                                size=10)
                elif col.kind == "ratings":
                    _boxes(c, x + 2, cy, wd - 4, spec.boxes)
                x += wd
        page.footer(c, size, foot, number, len(groups))
        c.showPage()
        if step is not None:
            step(number, len(groups))
    c.save()
    return len(groups)
