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
from typing import NamedTuple

from village_tally.core.month import Month
from village_tally.core.notice import Notice
from village_tally.core.order import band, natural_key, ranked
from village_tally.core.points import Points, hundredths
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


class Item(NamedTuple):
    """One placed thing; (x, y) is its top-left corner and `height` how far down it reaches.
    A named tuple, immutable as a frozen dataclass is but made ten times faster: a board
    places thousands (bench/bench_board.py).

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
    """A page's items and the households on it; `geometry` is the columns it was laid out in
    (the same for every page of a board: drawing needs it, not worked out again)."""

    number: int
    items: tuple[Item, ...]
    households: tuple[str, ...]
    geometry: Geometry

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


def geometry(data: BoardData, paper: str, lang: str = "zh",
             texts: Mapping[int, RowTexts] | None = None) -> Geometry:
    """As many columns as fit with at least MIN_SLOTS marks a line, the fields sized to the
    widest text they hold (`texts`: the rows' `row_texts`, when already made)."""
    s = wall.SCALES[paper]
    w, h = page.PAPERS[paper]
    rows = data.rows
    said = list((texts or row_texts(rows, lang)).values())
    rank_w = _widest([f"{len(rows)}."], s.size, "10.") + s.size * 0.3
    name_w = s.size * 4.6
    total_w = _widest([t.total for t in said], s.size, "99") + s.size * 0.35
    change_w = _widest([t.change for t in said], s.small,
                       tr("print.board.col.change", lang)) + s.size * 0.5
    score_w = grade_w = 0.0
    if data.scheme.has_score:
        score_w = _widest([t.score for t in said], s.size, "100") + s.size * 0.6
    if data.scheme.grades:
        grade_w = _widest([t.grade for t in said], s.size, "AAA") + s.size * 0.5
    fixed = rank_w + name_w + total_w + change_w + score_w + grade_w + s.size * 0.35
    room = w - 2 * page.MARGIN
    cols = max(1, int((room + s.gutter) // (fixed + MIN_SLOTS * s.slot + s.gutter)))
    col_w = (room - (cols - 1) * s.gutter) / cols
    slots = max(1, int((col_w - fixed) // s.slot))
    return Geometry(s, w, h, cols, col_w, rank_w, name_w, total_w, change_w, score_w,
                    grade_w, slots)


DASH = "—"


def total_text(row: TallyRow) -> str:
    # No public deductions: a total at or below zero shows a dash, never the number.
    return str(row.total_points) if row.total_h > 0 else DASH


class RowTexts(NamedTuple):
    """What a resident's row says beside the name. No public deductions: a total at or below
    zero shows a dash and nothing else (no change, score or grade)."""

    total: str
    change: str = ""  # the month's change, when the month added to a total above zero
    score: str = ""
    grade: str = ""


def words_around(code: str, lang: str, key: str) -> tuple[str, str]:
    """The words of a one-parameter message before and after its parameter, looked up once
    for a board that says it thousands of times."""
    before, after = tr(code, lang, **{key: "\0"}).split("\0")
    return before, after


def row_texts(rows: tuple[TallyRow, ...], lang: str) -> dict[int, RowTexts]:
    """What each resident's row says, by resident."""
    before, after = words_around("print.board.change", lang, "points")
    out = {}
    dash = RowTexts(DASH)
    for r in rows:
        if r.total_h <= 0:
            out[r.resident_id] = dash
            continue
        change = f"{before}{r.month_points.signed()}{after}" if r.month_h > 0 else ""
        out[r.resident_id] = RowTexts(total_text(r), change,
                                      "" if r.score is None else str(r.score), r.grade or "")
    return out


def _marks_lines(row: TallyRow, slots: int) -> int:
    return max(1, math.ceil((row.flags + row.stars) / slots))


def _row(row: TallyRow, kind: str, g: Geometry, says: RowTexts, *, rank: int | None = None,
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
    return Item(kind, 0, 0, g.col_w, lines * s.line, row.name, says.total, row.flags,
                row.stars, rank, row.resident_id, lines, says.change, says.score, says.grade,
                names, size, sub)


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
    """Items kept together, not yet placed: each item's top is `offsets` below the block's
    (0 down to -height). Each item is built once more, where it is placed (a big board has
    thousands: bench/bench_board.py)."""

    height: float
    items: tuple[Item, ...]
    offsets: tuple[float, ...]
    household: str | None
    area: str | None = None


def _stack(items: list[Item]) -> tuple[float, tuple[Item, ...], tuple[float, ...]]:
    """The items one under the other: their height, the items, and each one's offset."""
    y, offsets = 0.0, []
    for item in items:
        offsets.append(y)
        y -= item.height
    return -y, tuple(items), tuple(offsets)


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
    return hundredths(sum(r.total_h for r in members if r.total_h > 0))


class _Words(NamedTuple):
    """The words of the board's messages said once per household or row, looked up once per
    layout; `texts` is what each resident's row says (`row_texts`)."""

    lang: str
    texts: dict[int, RowTexts]
    household: tuple[str, str]
    plate: tuple[str, str]
    total: tuple[str, str]
    no_area: str


def _words(data: BoardData, lang: str) -> _Words:
    return _Words(lang, row_texts(data.rows, lang), words_around("print.household", lang, "code"),
                  words_around("print.door_plate", lang, "plate"),
                  words_around("print.board.household_total", lang, "points"),
                  tr("print.no_area", lang))


def _household_line(data: BoardData, code: str, members: list[TallyRow], order: str,
                    words: _Words) -> str:
    before, after = words.household
    parts = [f"{before}{code}{after}"]
    plate = data.door_plates.get(code)
    if plate:
        before, after = words.plate
        parts.append(f"{before}{plate}{after}")
    if order == "household":
        parts.append(members[0].area or words.no_area)
    if data.scheme.household_total:
        total = household_total(members)
        if total.hundredths > 0:
            before, after = words.total
            parts.append(f"{before}{total}{after}")
    return " · ".join(parts)


def _blocks(data: BoardData, order: str, g: Geometry, words: _Words) -> list[_Block]:
    s = g.scale
    lang, texts = words.lang, words.texts
    if order == "rank":
        same = namesakes(data.rows)
        return [_Block(item.height, (item,), (0.0,), None) for item in (
            _row(r, "row", g, texts[r.resident_id], rank=k, ranked_column=True,
                 sub=sub_label(r, same, lang))
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
            items.append(_small("area", area or words.no_area, g, s.size * 1.9))
        items.append(_small("household", _household_line(data, code, members, order, words),
                            g, s.small * 1.55))
        items += [_row(r, "row", g, texts[r.resident_id]) for r in members]
        blocks.append(_Block(*_stack(items), code, area if order == "area" else None))
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


def _band(data: BoardData, g: Geometry, top: float, words: _Words
          ) -> tuple[list[Item], float]:
    """The role-model band under the first page's heading: its items and its height."""
    s, lang = g.scale, words.lang
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
            cell = [_row(row, "model", g, words.texts[row.resident_id], rank=rank,
                         ranked_column=True, sub=sub_label(row, same, lang))]
            did = data.did.get(row.resident_id)
            if did:
                lines = wall.wrap(did_text(did, lang), s.small, g.col_w - g.rank_w)
                cell.append(Item("did", 0, 0, g.col_w, len(lines) * s.small * 1.3, "",
                                 name_lines=tuple(lines), name_size=s.small))
            cells.append(_stack(cell))
        for i, (_, placed, offsets) in enumerate(cells):
            x = page.MARGIN + i * (g.col_w + s.gutter)
            items += [_at(item, x, y + dy) for item, dy in zip(placed, offsets, strict=True)]
        y -= max(height for height, _, _ in cells) + s.size * 0.3
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
    return _Block(height, (item,), (0.0,), None)


def _colhead(g: Geometry) -> Item:
    return Item("colhead", 0, 0, g.col_w, g.scale.small * 1.8, "")


def layout(data: BoardData, paper: str = DEFAULT_PAPER, order: str = "area",
           lang: str = "zh") -> list[BoardPage]:
    """Place the board on pages: columns filled top to bottom, households kept whole."""
    words = _words(data, lang)
    g = geometry(data, paper, lang, words.texts)
    s = g.scale
    top = g.h - page.MARGIN
    band_top = top - first_head(g) - notice_height(data, g, lang)
    band_items, band_h = _band(data, g, band_top, words)
    bottom = page.MARGIN + page.FOOTER
    first_top, later_top = band_top - band_h, top - run_head(g)
    head = _colhead(g).height
    blocks = _split_tall(_blocks(data, order, g, words), first_top - bottom - head - s.size * 2)
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
                pages.append(BoardPage(len(pages) + 1, tuple(items), tuple(households), g))
                items, households, col, col_top = [], [], 0, later_top
            y = _start_column(items, g, col, col_top)
            if block.area is not None and block.area == area and block.items[0].kind != "area":
                text = tr("print.board.continued", lang, area=area or tr("print.no_area", lang))
                items.append(_shift(_small("area", text, g, s.size * 1.9), y,
                                    page.MARGIN + col * (g.col_w + s.gutter)))
                y -= s.size * 1.9
        x = page.MARGIN + col * (g.col_w + s.gutter)
        items.extend(_at(i, x, y + dy) for i, dy in zip(block.items, block.offsets, strict=True))
        if block.household is not None:
            households.append(block.household)
        area = block.area
        y -= block.height
    pages.append(BoardPage(len(pages) + 1, tuple(items), tuple(households), g))
    return pages


def _start_column(items: list[Item], g: Geometry, col: int, top: float) -> float:
    head = _colhead(g)
    items.append(_shift(head, top, page.MARGIN + col * (g.col_w + g.scale.gutter)))
    return top - head.height


def month_title(month: Month, lang: str) -> str:
    return tr("print.month", lang, year=f"{month.year:04d}", month=month.number, ym=str(month))
