"""The month's bulletin board: what it shows and where (`layout`, pure); `board_draw` paints it.

Every resident is on the board by area (areas in natural order) or by household; the rank order
lists only totals above zero, ties sharing a rank (DESIGN: no public shaming). The type is sized
for the paper (`wall.SCALES`) and the columns are recomputed for it. A household is never split
across columns or pages (unless it alone is taller than a column); an area that continues onto
a new column or page is headed again there.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from village_tally.core.month import Month
from village_tally.core.notice import Notice
from village_tally.core.order import band, natural_key, ranked
from village_tally.core.points import ZERO, Points
from village_tally.core.scheme import Scheme
from village_tally.core.tally import TallyRow
from village_tally.i18n import tr
from village_tally.printing import fonts, page, wall

ORDERS = ("area", "household", "rank")
PAPERS = tuple(wall.SCALES)
DEFAULT_PAPER = "A3"
BAND = 10  # role models at most (village's choice: 十佳); ties at the cut all in or all out
MIN_SLOTS = 8  # marks a column line holds at least; more columns only if this still fits
SEAL = 42 * wall.MM  # a villagers' committee seal is round, 42 mm across


@dataclass(frozen=True, slots=True)
class BoardData:
    """What a board shows; `printed` is the print date as data (no clock read here).
    `did` says what each role model did (deed titles in the board's language, with counts);
    `notice` is the public-notice period, printed when given."""

    village: str
    month: Month
    closed: bool
    checksum: str | None
    rows: tuple[TallyRow, ...]
    scheme: Scheme
    printed: str
    door_plates: Mapping[str, str] = field(default_factory=dict)
    did: Mapping[int, tuple[tuple[str, int], ...]] = field(default_factory=dict)
    notice: Notice | None = None
    code: str | None = None  # a closed month's verification code (core.witness)


@dataclass(frozen=True, slots=True)
class Item:
    """One placed thing; (x, y) is its top-left corner and `height` how far down it reaches.

    kind: "colhead", "area", "household", "row" (a resident), "model" (a role model), "did"
    (what a role model did) or "closing" (how to get a statement, the committee and its seal).
    A row's name is drawn as `name_lines` at `name_size`, then `sub` (a namesake's household)
    in small type; `lines` is how many lines the row takes."""

    kind: str
    x: float
    y: float
    width: float
    height: float
    text: str
    total: str = ""
    flags: int = 0
    stars: int = 0
    rank: int | None = None
    resident_id: int | None = None
    lines: int = 1
    change: str = ""
    score: str = ""
    grade: str = ""
    name_lines: tuple[str, ...] = ()
    name_size: float = 0.0
    sub: str = ""


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
class Geometry:
    """Columns and the x of each field within a column, for one paper and one board's data."""

    scale: wall.Scale
    w: float
    h: float
    cols: int
    col_w: float
    rank_w: float
    name_w: float
    total_w: float
    change_w: float
    score_w: float
    grade_w: float
    slots: int

    @property
    def marks_x(self) -> float:
        return self.rank_w + self.name_w

    @property
    def grade_x(self) -> float:
        return self.col_w - self.grade_w

    @property
    def score_x(self) -> float:
        return self.grade_x - self.score_w

    @property
    def change_x(self) -> float:
        return self.score_x - self.change_w

    @property
    def total_x(self) -> float:
        """The right edge of the total."""
        return self.change_x - self.scale.size * 0.35


def _widest(texts: list[str], size: float, least: str) -> float:
    return max(fonts.width(t, size) for t in {*texts, least})


def geometry(data: BoardData, paper: str, lang: str = "zh") -> Geometry:
    """As many columns as fit with at least MIN_SLOTS marks a line, the fields sized to the
    widest text they hold."""
    s = wall.SCALES[paper]
    w, h = page.PAPERS[paper]
    rows = data.rows
    rank_w = _widest([f"{len(rows)}."], s.size, "10.") + s.size * 0.3
    name_w = s.size * 4.6
    total_w = _widest([total_text(r) for r in rows], s.size, "99") + s.size * 0.35
    change_w = _widest([change_text(r, lang) for r in rows], s.small,
                       tr("print.board.col.change", lang)) + s.size * 0.5
    score_w = grade_w = 0.0
    if data.scheme.has_score:
        score_w = _widest([score_text(r) for r in rows], s.size, "100") + s.size * 0.6
    if data.scheme.grades:
        grade_w = _widest([r.grade or "" for r in rows], s.size, "AAA") + s.size * 0.5
    fixed = rank_w + name_w + total_w + change_w + score_w + grade_w + s.size * 0.35
    room = w - 2 * page.MARGIN
    cols = max(1, int((room + s.gutter) // (fixed + MIN_SLOTS * s.slot + s.gutter)))
    col_w = (room - (cols - 1) * s.gutter) / cols
    slots = max(1, int((col_w - fixed) // s.slot))
    return Geometry(s, w, h, cols, col_w, rank_w, name_w, total_w, change_w, score_w,
                    grade_w, slots)


def total_text(row: TallyRow) -> str:
    # No public deductions: a total at or below zero shows a dash, never the number.
    return str(row.total_points) if row.total_points.hundredths > 0 else "—"


def change_text(row: TallyRow, lang: str) -> str:
    """The month's change beside a total above zero, when the month added to it."""
    if row.total_points.hundredths <= 0 or row.month_points.hundredths <= 0:
        return ""
    return tr("print.board.change", lang, points=row.month_points.signed())


def score_text(row: TallyRow) -> str:
    return str(row.score) if row.score is not None and row.total_points.hundredths > 0 else ""


def grade_text(row: TallyRow) -> str:
    return row.grade or "" if row.total_points.hundredths > 0 else ""


def _marks_lines(row: TallyRow, slots: int) -> int:
    return max(1, math.ceil((row.flags + row.stars) / slots))


def _row(row: TallyRow, kind: str, g: Geometry, lang: str, *, rank: int | None = None,
         ranked_column: bool = False, sub: str = "") -> Item:
    """A resident's row. `sub` (a namesake's household) follows the name in small type, on
    the name's line if it fits there, else on the next."""
    s = g.scale
    room = g.name_w - s.size * 0.25 + (0 if ranked_column else g.rank_w)
    size, names = wall.fit_name(row.name, s, room)
    extra = 0
    if sub and fonts.width(names[-1], size) + s.size * 0.2 + fonts.width(sub, s.small) > room:
        extra = 1
    lines = max(len(names) + extra, _marks_lines(row, g.slots))
    return Item(kind, 0, 0, g.col_w, lines * s.line, row.name, total_text(row),
                row.flags, row.stars, rank, row.resident_id, lines, change_text(row, lang),
                score_text(row), grade_text(row), names, size, sub)


def _small(kind: str, text: str, g: Geometry, height: float) -> Item:
    return Item(kind, 0, 0, g.col_w, height, text)


def _at(item: Item, x: float, y: float) -> Item:
    """The item placed at (x, y) (built directly: dataclasses.replace is slow on a big board)."""
    return Item(item.kind, x, y, item.width, item.height, item.text, item.total, item.flags,
                item.stars, item.rank, item.resident_id, item.lines, item.change, item.score,
                item.grade, item.name_lines, item.name_size, item.sub)


def _shift(item: Item, dy: float, x: float | None = None) -> Item:
    return _at(item, item.x if x is None else x, item.y + dy)


@dataclass(frozen=True, slots=True)
class _Block:
    """Items kept together (y relative to the block's top, 0 down to -height)."""

    height: float
    items: tuple[Item, ...]
    household: str | None
    area: str | None = None


def _stack(items: list[Item]) -> tuple[float, tuple[Item, ...]]:
    y, out = 0.0, []
    for item in items:
        out.append(_at(item, item.x, y))
        y -= item.height
    return -y, tuple(out)


def namesakes(rows: tuple[TallyRow, ...]) -> set[str]:
    """Names more than one resident on the board holds: shown with their household."""
    return {name for name, n in Counter(r.name for r in rows).items() if n > 1}


def sub_label(row: TallyRow, same: set[str], lang: str) -> str:
    """A namesake's household, so two 马秀华 can be told apart; nothing for a unique name."""
    if row.name in same:
        return tr("print.board.namesake", lang, household=row.household)
    return ""


def household_total(members: list[TallyRow]) -> Points:
    """The members' totals as the board shows them (one at or below zero counts as none), so
    the household's figure says nothing about anyone's deductions."""
    return sum((r.total_points for r in members if r.total_points.hundredths > 0), ZERO)


def _household_line(data: BoardData, code: str, members: list[TallyRow], order: str,
                    lang: str) -> str:
    parts = [tr("print.household", lang, code=code)]
    plate = data.door_plates.get(code)
    if plate:
        parts.append(tr("print.door_plate", lang, plate=plate))
    if order == "household":
        parts.append(members[0].area or tr("print.no_area", lang))
    if data.scheme.household_total:
        total = household_total(members)
        if total.hundredths > 0:
            parts.append(tr("print.board.household_total", lang, points=str(total)))
    return " · ".join(parts)


def _blocks(data: BoardData, order: str, g: Geometry, lang: str) -> list[_Block]:
    s = g.scale
    if order == "rank":
        same = namesakes(data.rows)
        return [_Block(item.height, (item,), None) for item in (
            _row(r, "row", g, lang, rank=k, ranked_column=True, sub=sub_label(r, same, lang))
            for k, r in ranked(data.rows, lambda r: r.total_points))]
    groups: dict[str, list[TallyRow]] = {}
    for row in data.rows:
        groups.setdefault(row.household, []).append(row)
    if order == "area":
        codes = sorted(groups, key=lambda c: (natural_key(groups[c][0].area), natural_key(c)))
    else:
        codes = sorted(groups, key=natural_key)
    blocks: list[_Block] = []
    area: str | None = None
    for code in codes:
        members = groups[code]
        items: list[Item] = []
        starts = order == "area" and (not blocks or members[0].area != area)
        if starts:
            area = members[0].area
            items.append(_small("area", area or tr("print.no_area", lang), g, s.size * 1.9))
        items.append(_small("household", _household_line(data, code, members, order, lang), g,
                            s.small * 1.55))
        items += [_row(r, "row", g, lang) for r in members]
        height, placed = _stack(items)
        blocks.append(_Block(height, placed, code, area if order == "area" else None))
    return blocks


def _split_tall(blocks: list[_Block], room: float) -> list[_Block]:
    """A household taller than a whole column is the one case that must be cut."""
    out = []
    for b in blocks:
        if b.height <= room:
            out.append(b)
            continue
        part: list[Item] = []
        for item in b.items:
            if part and sum(i.height for i in part) + item.height > room:
                out.append(_Block(*_stack(part), b.household, b.area))
                part = []
            part.append(item)
        out.append(_Block(*_stack(part), b.household, b.area))
    return out


def did_text(did: tuple[tuple[str, int], ...], lang: str) -> str:
    parts = [title if n == 1 else tr("print.board.did_item", lang, title=title, n=n)
             for title, n in did]
    return tr("print.board.did", lang, items=("、" if lang == "zh" else "; ").join(parts))


def _band(data: BoardData, g: Geometry, top: float, lang: str) -> tuple[list[Item], float]:
    """The role-model band under the first page's heading: its items and its height."""
    s = g.scale
    models = band(data.rows, lambda r: r.total_points, BAND)
    if not models:
        return [], 0.0
    same = namesakes(data.rows)
    items: list[Item] = []
    title_h = s.size * 1.5
    y = top - title_h
    for start in range(0, len(models), g.cols):
        chunk = models[start:start + g.cols]
        cells = []
        for rank, row in chunk:
            cell = [_row(row, "model", g, lang, rank=rank, ranked_column=True,
                         sub=sub_label(row, same, lang))]
            did = data.did.get(row.resident_id)
            if did:
                lines = wall.wrap(did_text(did, lang), s.small, g.col_w - g.rank_w)
                cell.append(Item("did", 0, 0, g.col_w, len(lines) * s.small * 1.3, "",
                                 name_lines=tuple(lines), name_size=s.small))
            cells.append(_stack(cell))
        for i, (_, placed) in enumerate(cells):
            x = page.MARGIN + i * (g.col_w + s.gutter)
            items += [_shift(item, y, x) for item in placed]
        y -= max(height for height, _ in cells) + s.size * 0.3
    return items, top - y + s.size * 0.4


def first_head(g: Geometry) -> float:
    """Height of the first page's heading: title, month and status, basis, legend."""
    return g.scale.size * 6.4


def run_head(g: Geometry) -> float:
    return g.scale.size * 1.9


def notice_lines(data: BoardData, g: Geometry, lang: str) -> list[str]:
    if data.notice is None:
        return []
    s = g.scale
    return wall.wrap(page.notice_text(data.notice, lang), s.small * 1.15,
                     g.w - 2 * page.MARGIN - s.size * 1.2)


def notice_height(data: BoardData, g: Geometry, lang: str) -> float:
    lines = notice_lines(data, g, lang)
    s = g.scale
    return len(lines) * s.small * 1.15 * 1.4 + s.size * 1.2 if lines else 0.0


def closing_lines(g: Geometry, lang: str) -> list[str]:
    return wall.wrap(tr("print.board.statement_how", lang), g.scale.small, g.col_w)


def _closing(data: BoardData, g: Geometry, lang: str) -> _Block:
    """How to get one's own statement; the committee that issues the board and its seal."""
    s = g.scale
    height = len(closing_lines(g, lang)) * s.small * 1.4 + SEAL + s.size * 1.2
    item = Item("closing", 0, 0, g.col_w, height, page.issuer(data.village, lang))
    return _Block(height, (item,), None)


def _colhead(g: Geometry) -> Item:
    return Item("colhead", 0, 0, g.col_w, g.scale.small * 1.8, "")


def layout(data: BoardData, paper: str = DEFAULT_PAPER, order: str = "area",
           lang: str = "zh") -> list[BoardPage]:
    """Place the board on pages: columns filled top to bottom, households kept whole."""
    g = geometry(data, paper, lang)
    s = g.scale
    top = g.h - page.MARGIN
    band_top = top - first_head(g) - notice_height(data, g, lang)
    band_items, band_h = _band(data, g, band_top, lang)
    bottom = page.MARGIN + page.FOOTER
    first_top, later_top = band_top - band_h, top - run_head(g)
    head = _colhead(g).height
    blocks = _split_tall(_blocks(data, order, g, lang), first_top - bottom - head - s.size * 2)
    blocks.append(_closing(data, g, lang))
    pages: list[BoardPage] = []
    items: list[Item] = list(band_items)
    households: list[str] = []
    col, col_top = 0, first_top
    y = _start_column(items, g, 0, col_top)
    area: str | None = None
    for block in blocks:
        if y - block.height < bottom and y < col_top - head - 0.01:
            col += 1
            if col == g.cols:
                pages.append(BoardPage(len(pages) + 1, tuple(items), tuple(households)))
                items, households, col, col_top = [], [], 0, later_top
            y = _start_column(items, g, col, col_top)
            if block.area is not None and block.area == area and block.items[0].kind != "area":
                text = tr("print.board.continued", lang, area=area or tr("print.no_area", lang))
                items.append(_shift(_small("area", text, g, s.size * 1.9), y,
                                    page.MARGIN + col * (g.col_w + s.gutter)))
                y -= s.size * 1.9
        x = page.MARGIN + col * (g.col_w + s.gutter)
        items.extend(_shift(i, y, x) for i in block.items)
        if block.household is not None:
            households.append(block.household)
        area = block.area
        y -= block.height
    pages.append(BoardPage(len(pages) + 1, tuple(items), tuple(households)))
    return pages


def _start_column(items: list[Item], g: Geometry, col: int, top: float) -> float:
    head = _colhead(g)
    items.append(_shift(head, top, page.MARGIN + col * (g.col_w + g.scale.gutter)))
    return top - head.height


def month_title(month: Month, lang: str) -> str:
    return tr("print.month", lang, year=f"{month.year:04d}", month=month.number, ym=str(month))
