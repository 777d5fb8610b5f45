"""Reading one sheet into a grid of raw cells: xlsx/xls/ods through python-calamine, CSV by hand.

The grid keeps spreadsheet coordinates (row 1 is the first row, column A the first column) so
every problem can name the row and column a person sees. Merged ranges are reported so the
header finder can read two-level headers and fill merged cells down.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import python_calamine as calamine
from defusedxml import ElementTree

from village_tally.core.problem import ParseError
from village_tally.exchange.sniff import STANDARD_WORKBOOK, Sniffed, member_names, sniff

Cell = Any
Merge = tuple[tuple[int, int], tuple[int, int]]  # ((row0, col0), (row1, col1)), 0-based
_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_HIDDEN_ROW = re.compile(rb"<row\b[^>]*>")
_ROW_NUMBER = re.compile(rb'\br="([0-9]+)"')
_ROW_HIDDEN = re.compile(rb'\bhidden="(?:1|true)"')


@dataclass(frozen=True, slots=True)
class Grid:
    """One sheet's cells: `rows[i][j]` is row i+1, column j (0 = A)."""

    file: str
    sheet: str | None  # None for CSV
    rows: list[list[Cell]]
    merges: tuple[Merge, ...] = ()
    hidden_rows: frozenset[int] = frozenset()  # 1-based row numbers
    date1904: bool = False
    hidden_sheets: tuple[str, ...] = ()
    sheets: tuple[str, ...] = field(default=())


def read_grid(path: Path, *, sheet: str | None = None,
              prefer: tuple[str, ...] = ()) -> Grid:
    """Read the sheet a person means: `sheet` by name, else a visible sheet named in `prefer`
    (the names our own export uses), else the active visible sheet. Hidden sheets are read
    only when named."""
    sniffed = sniff(path)
    if sniffed.kind == "csv":
        if sheet is not None:
            raise ParseError("file.csv_has_no_sheets", file=path.name, sheet=sheet)
        return Grid(path.name, None, read_csv_rows(path))
    return _read_workbook(sniffed, sheet, prefer)


def _read_workbook(sniffed: Sniffed, sheet: str | None, prefer: tuple[str, ...]) -> Grid:
    path, name = sniffed.path, sniffed.path.name
    meta = _XlsxMeta.read(path, sniffed.workbook) if sniffed.kind == "xlsx" else _XlsxMeta()
    # The hidden rows are scanned on a thread of their own while calamine parses the sheet
    # (it lets Python run meanwhile): the scan inflates the sheet's XML a second time.
    with ThreadPoolExecutor(max_workers=1) as pool:
        try:
            with _open_book(sniffed) as wb:
                sheets = [_Tab(m.name, m.visible == calamine.SheetVisibleEnum.Visible,
                               m.typ == calamine.SheetTypeEnum.WorkSheet)
                          for m in wb.sheets_metadata]
                chosen = _choose(name, sheets, sheet, prefer, meta.active)
                scan = pool.submit(meta.hidden_rows, path, chosen) \
                    if sniffed.kind == "xlsx" else None
                data = wb.get_sheet_by_name(chosen)
                rows = data.to_python(skip_empty_area=False)
                merges = tuple(data.merged_cell_ranges or ())
        except ParseError:
            raise
        except calamine.PasswordError:
            raise ParseError("file.encrypted", file=name) from None
        except (calamine.CalamineError, OSError, ValueError, RuntimeError, OverflowError):
            # A zip laid out as other systems write it, which calamine could not follow
            # either: saving it again in WPS or Excel writes it the usual way.
            code = "file.damaged" if sniffed.standard else "file.resave"
            raise ParseError(code, file=name) from None
        hidden = scan.result() if scan is not None else frozenset()
    return Grid(name, chosen, rows, merges, hidden, meta.date1904,
                tuple(t.name for t in sheets if not t.visible), tuple(t.name for t in sheets))


def _open_book(sniffed: Sniffed) -> calamine.CalamineWorkbook:
    """The workbook read as what its bytes are: calamine picks its reader by the file's
    suffix, so a real .xls named .xlsx (or the other way round) is handed over as bytes, and
    calamine tells the format from them."""
    if sniffed.named_right:
        return calamine.CalamineWorkbook.from_path(str(sniffed.path))
    with sniffed.path.open("rb") as fh:
        return calamine.CalamineWorkbook.from_filelike(fh)


@dataclass(frozen=True, slots=True)
class _Tab:
    """A sheet tab: hidden or not, and whether it holds cells (a chart sheet does not)."""

    name: str
    visible: bool
    cells: bool


def _choose(file: str, sheets: list[_Tab], wanted: str | None,
            prefer: tuple[str, ...], active: int) -> str:
    names = [t.name for t in sheets if t.cells]
    if wanted is not None:
        if wanted in names:
            return wanted
        raise ParseError("file.sheet_missing", file=file, sheet=wanted, choices=tuple(names))
    visible = [t.name for t in sheets if t.visible and t.cells]
    if not visible:
        raise ParseError("file.no_visible_sheet", file=file)
    for candidate in prefer:
        if candidate in visible:
            return candidate
    if 0 <= active < len(sheets) and sheets[active].name in visible:
        return sheets[active].name
    return visible[0]


@dataclass(frozen=True, slots=True)
class _XlsxMeta:
    """What calamine does not tell: the active tab, the date system, the sheet files."""

    active: int = 0
    date1904: bool = False
    targets: tuple[tuple[str, str], ...] = ()

    @classmethod
    def read(cls, path: Path, workbook: str | None) -> _XlsxMeta:
        part = PurePosixPath(workbook or STANDARD_WORKBOOK)
        try:
            with zipfile.ZipFile(path) as zf:
                names = member_names(zf)
                book = ElementTree.fromstring(zf.read(names[str(part)]))
                rels = ElementTree.fromstring(
                    zf.read(names[str(part.parent / "_rels" / f"{part.name}.rels")]))
        except (KeyError, zipfile.BadZipFile, OSError, ElementTree.ParseError):
            return cls()
        except Exception:  # defusedxml refuses DTDs and entities (also checked in sniff)
            raise ParseError("file.xml_entities", file=path.name, member=str(part)) from None
        pr = book.find(f"{_NS}workbookPr")
        date1904 = pr is not None and pr.get("date1904", "0").lower() in ("1", "true")
        view = book.find(f"{_NS}bookViews/{_NS}workbookView")
        active = int(view.get("activeTab", "0")) if view is not None else 0
        by_id = {r.get("Id"): r.get("Target", "") for r in rels}
        targets = []
        for s in book.iterfind(f"{_NS}sheets/{_NS}sheet"):
            target = by_id.get(s.get(f"{_REL_NS}id"), "").replace("\\", "/")
            target = target.lstrip("/") if target.startswith("/") else f"{part.parent}/{target}"
            targets.append((s.get("name", ""), _normal(target)))
        return cls(active, date1904, tuple(targets))

    def hidden_rows(self, path: Path, sheet: str) -> frozenset[int]:
        """Row numbers marked hidden in the sheet's XML, found by a streaming scan."""
        target = dict(self.targets).get(sheet)
        if target is None:
            return frozenset()
        found: set[int] = set()
        try:
            with zipfile.ZipFile(path) as zf, zf.open(member_names(zf)[target]) as member:
                _scan_rows(member.read, found)
        except (KeyError, zipfile.BadZipFile, OSError):
            return frozenset()
        return frozenset(found)


def _normal(target: str) -> str:
    """A package path with '..' and '.' resolved ('xl/../sheet1.xml' → 'sheet1.xml')."""
    parts: list[str] = []
    for piece in target.split("/"):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece not in ("", "."):
            parts.append(piece)
    return "/".join(parts)


def _scan_rows(read: Callable[[int], bytes], found: set[int]) -> None:
    tail = b""
    while True:
        chunk = read(1 << 20)
        if not chunk:
            break
        data = tail + chunk
        cut = data.rfind(b"<")
        data, tail = data[:cut], data[cut:]
        if b"hidden" not in data:
            continue
        for m in _HIDDEN_ROW.finditer(data):
            tag = m.group(0)
            if _ROW_HIDDEN.search(tag):
                number = _ROW_NUMBER.search(tag)
                if number:
                    found.add(int(number.group(1)))


# --- CSV ---------------------------------------------------------------------------------------

BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def decode_text(data: bytes, file: str) -> str:
    """Strict decoding: a BOM decides; else UTF-8; else GB18030 (GBK's superset, what Excel
    and WPS write on Chinese Windows). Bytes that fit neither are refused, never guessed."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise ParseError("file.encoding", file=file) from None
    if b"\x00" in data:
        raise ParseError("file.encoding", file=file)
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ParseError("file.encoding", file=file)


def read_csv_rows(path: Path) -> list[list[Cell]]:
    text = decode_text(path.read_bytes(), path.name)
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    try:
        return [list(row) for row in csv.reader(io.StringIO(text, newline=""),
                                                 delimiter=delimiter)]
    except csv.Error:
        raise ParseError("file.damaged", file=path.name) from None


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters
