"""Finding the header of a real committee sheet and mapping its columns to fields.

Headers match in Chinese or English, ignoring case, spaces, full-width forms and unit suffixes
such as （分）. Title rows above the header are skipped, two-level merged headers are read,
vertically merged cells (片区 over several rows) are filled down, and footers (制表人, 合计)
end the data.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from village_tally.core.problem import ParseError, Terms
from village_tally.exchange.sheet import Cell, Grid, column_letter

HEADER_SCAN_ROWS = 30
_UNIT_SUFFIX = re.compile(r"[(\[（【<《].*?[)\]）】>》]$")
_DECORATION = re.compile(r"[\s*:：_\-—]+")
FOOTER_WORDS = ("合计", "总计", "小计", "制表", "填表", "审核", "负责人", "签字", "签名", "盖章",
                "total", "prepared by", "checked by")

ROSTER_FIELDS: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "村民姓名", "name"),
    "household": ("户号", "户编号", "household", "household code", "户"),
    "door_plate": ("门牌号", "门牌", "住址", "地址", "家庭住址", "address", "door plate"),
    "head": ("户主", "是否户主", "与户主关系", "head", "relationship"),
    "area": ("片区", "网格", "组", "村民小组", "area", "grid"),
    "note": ("备注", "note", "notes"),
    "status": ("状态", "status"),
}
DEED_FIELDS: dict[str, tuple[str, ...]] = {
    "date": ("日期", "date"),
    "name": ("姓名", "村民姓名", "name"),
    "household": ("户号", "户编号", "household"),
    "rule": ("编码", "细则编号", "细则编码", "细则", "rule", "rule code", "code"),
    "deed": ("事项", "事由", "积分事项", "deed", "title"),
    "quantity": ("数量", "quantity"),
    "points": ("积分", "分值", "分数", "得分", "points"),
    "recorder": ("记录人", "信息员", "recorder"),
    "sheet": ("单号", "sheet"),
    "line": ("行号", "line"),
    "note": ("备注", "note", "notes"),
    "id": ("id",),
    # Columns our own export writes, so that export → import gives the same ledger.
    "status": ("状态", "status"),
    "approved_by": ("审批人", "approved by"),
    "void_reason": ("作废原因", "void reason"),
    "voided_by": ("作废人", "voided by"),
    "override": ("超限原因", "override"),
    "adjusts": ("调整记录", "adjusts"),
    "replaces": ("替换记录", "replaces"),
    "source_file": ("来源文件", "source file"),
    "source_row": ("来源行", "source row"),
}
RATING_FIELDS: dict[str, tuple[str, ...]] = {
    "household": ("户号", "户编号", "household"),
    "quarter": ("季度", "quarter"),
}
REQUIRED: Mapping[str, tuple[str, ...]] = {
    "roster": ("name", "household"),
    "deeds": ("date", "name"),
    "ratings": ("household", "quarter"),
}


def needed_columns(kind: str) -> Terms:
    """The columns a kind of sheet cannot do without, as words a reader knows (姓名、户号)."""
    return Terms(tuple(f"xcol.{name}" for name in REQUIRED[kind]))


def normalize_header(text: str) -> str:
    """'积分（分）' → '积分', '姓 名' → '姓名', 'Points (pts)' → 'points'."""
    cleaned = unicodedata.normalize("NFKC", text).strip().lower()
    cleaned = _UNIT_SUFFIX.sub("", cleaned).strip() or cleaned
    return _DECORATION.sub("", cleaned.replace(" ", ""))


def lookup_table(fields: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    return {normalize_header(word): name for name, words in fields.items() for word in words}


@dataclass(frozen=True, slots=True)
class Column:
    field: str
    index: int
    letter: str
    header: str


@dataclass(frozen=True, slots=True)
class Table:
    """The data of one sheet under its header: rows keep their spreadsheet numbers."""

    file: str
    sheet: str | None
    header_row: int
    columns: Mapping[str, Column]
    ignored: tuple[str, ...]
    rows: list[tuple[int, list[Cell]]]
    hidden_rows: frozenset[int]
    date1904: bool
    footer_row: int | None

    def cell(self, row: list[Cell], name: str) -> Cell:
        column = self.columns.get(name)
        if column is None or column.index >= len(row):
            return None
        return row[column.index]


def read_table(grid: Grid, kind: str, lookup: Mapping[str, str]) -> Table:
    """The header row(s) and the data rows under them; ParseError if no header is found."""
    rows = grid.rows
    # The header is looked for in a copy of the top rows with every merged range filled in
    # both ways (a two-level header, 姓名 merged over two rows); the data below only has its
    # vertical merges filled down (片区 over several households).
    top = [list(r) for r in rows[:HEADER_SCAN_ROWS + 1]]
    _fill(top, grid.merges, down_only=False, start=0)
    best: tuple[int, int, int, dict[str, Column]] | None = None  # score, -rows, -start
    for start in range(min(HEADER_SCAN_ROWS, len(top))):
        for depth in (1, 2):
            if start + depth > len(top):
                continue
            columns = _columns(top[start:start + depth], lookup)
            if not all(f in columns for f in REQUIRED[kind]):
                continue
            key = (len(columns), -depth, -start)
            if best is None or key > best[:3]:
                best = (*key, columns)
    if best is None:
        raise ParseError("file.no_header", needed=needed_columns(kind))
    _, neg_depth, neg_start, columns = best
    header_end = -neg_start - neg_depth  # index of the first data row
    used = {c.index for c in columns.values()}
    ignored = tuple(dict.fromkeys(
        h for j, h in enumerate(_header_texts(top[-neg_start:header_end]))
        if j not in used and h))
    _fill(rows, grid.merges, down_only=True, start=header_end)
    data, footer = _data_rows(rows, header_end)
    return Table(grid.file, grid.sheet, header_end, columns, ignored, data,
                 grid.hidden_rows, grid.date1904, footer)


def _header_texts(block: list[list[Cell]]) -> list[str]:
    width = max(len(r) for r in block)
    out = []
    for j in range(width):
        parts = [_text(r[j]) if j < len(r) else "" for r in block]
        unique = list(dict.fromkeys(p for p in parts if p))
        out.append(" / ".join(unique))
    return out


def _columns(block: list[list[Cell]], lookup: Mapping[str, str]) -> dict[str, Column]:
    """Fields found in a one- or two-row header: the lower row wins, the upper fills in."""
    width = max(len(r) for r in block)
    found: dict[str, Column] = {}
    for j in range(width):
        parts = [_text(r[j]) if j < len(r) else "" for r in block]
        candidates = list(reversed(parts)) + ["".join(parts)]
        for text in candidates:
            name = lookup.get(normalize_header(text)) if text else None
            if name is not None:
                if name not in found:
                    found[name] = Column(name, j, column_letter(j), text)
                break
    return found


def _text(cell: Cell) -> str:
    if cell is None:
        return ""
    return str(cell).strip() if isinstance(cell, str) else ""


def _fill(rows: list[list[Cell]], merges: tuple[tuple[tuple[int, int], tuple[int, int]], ...],
          *, down_only: bool, start: int) -> None:
    """Copy each merged range's value into its cells from row `start` on: into every cell,
    or (for data) only down its first column; a merge across columns in the data is left
    as written, so a note spread over two cells never lands in a neighbouring field."""
    for (r0, c0), (r1, c1) in merges:
        if r0 >= len(rows) or c0 >= len(rows[r0]):
            continue
        value = rows[r0][c0]
        for r in range(max(r0, start), min(r1, len(rows) - 1) + 1):
            for c in range(c0, (c0 if down_only else c1) + 1):
                if (r, c) == (r0, c0):
                    continue
                row = rows[r]
                while len(row) <= c:
                    row.append("")
                row[c] = value


def _data_rows(rows: list[list[Cell]], start: int
               ) -> tuple[list[tuple[int, list[Cell]]], int | None]:
    data: list[tuple[int, list[Cell]]] = []
    for i in range(start, len(rows)):
        row = rows[i]
        first = row[0] if row else None  # most rows start with a cell (no scan for one)
        if first is None or (type(first) is str and not first.strip()):
            first = next((c for c in row if not _blank(c)), None)
        if first is None:
            continue
        if isinstance(first, str) and _is_footer(first):
            return data, i + 1
        data.append((i + 1, row))
    return data, None


def _blank(cell: Cell) -> bool:
    return cell is None or cell == "" or (isinstance(cell, str) and not cell.strip())


def _is_footer(text: str) -> bool:
    cleaned = unicodedata.normalize("NFKC", text).strip().lower().replace(" ", "")
    return cleaned.startswith(FOOTER_WORDS)
