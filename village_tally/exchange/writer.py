"""Writing inert xlsx workbooks (openpyxl write-only) and guarded CSV cells.

Inert: no cell is ever a formula. openpyxl turns any str starting with '=' into a live formula,
so text that a spreadsheet could run (= + - @, tab, CR) is written as a forced string cell;
numbers stay numbers; Chinese text, non-BMP characters included, is written as is. Control
characters that xlsx cannot hold (a name typed before the program refused them, a rejected
row's cell) are written as U+FFFD, so the file is written and says a character was lost.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import secrets
from collections.abc import Iterable, Sequence
from contextlib import suppress
from decimal import Decimal
from pathlib import Path
from typing import Any
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.writer.excel import ExcelWriter

from village_tally.core.points import Points
from village_tally.core.text import FORMULA_START

Value = str | int | Decimal | dt.date | dt.datetime | Points | None


class XlsxWriter:
    """A write-only workbook; `save` writes to a temporary file and renames it into place, so a
    half-written export never replaces a good one."""

    def __init__(self) -> None:
        self.book = Workbook(write_only=True)
        self._bold = Font(bold=True)

    def __enter__(self) -> XlsxWriter:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        if kind is not None:  # cancelled, or a row could not be written: nothing left open
            self.abandon()

    def sheet(self, title: str, widths: Sequence[int] = (), *, freeze: str | None = None,
              landscape: bool = False) -> WriteOnlyWorksheet:
        """A new sheet; widths, frozen panes and page fitting go before its first row."""
        ws = self.book.create_sheet(title[:31])
        for i, width in enumerate(widths):
            ws.column_dimensions[_letter(i)].width = width
        if freeze:
            ws.freeze_panes = freeze
        if landscape:
            ws.page_setup.orientation = "landscape"
            ws.page_setup.paperSize = 9  # A4
            ws.page_setup.fitToWidth = 1
            ws.page_setup.fitToHeight = 0
            ws.sheet_properties.pageSetUpPr.fitToPage = True
            ws.print_options.horizontalCentered = True
        return ws

    def print_layout(self, ws: WriteOnlyWorksheet, *, width: int, height: int,
                     title_rows: str) -> None:
        """Print area and repeated header rows; the first row (the title) spans the width."""
        last = _letter(width - 1)
        ws.print_title_rows = title_rows
        ws.print_area = f"A1:{last}{height}"
        ws.merged_cells.add(f"A1:{last}1")

    def header(self, ws: WriteOnlyWorksheet, cells: Sequence[str]) -> None:
        row = []
        for text in cells:
            cell = WriteOnlyCell(ws, value=writable(text))
            cell.data_type = "s"
            cell.font = self._bold
            cell.alignment = Alignment(horizontal="center", wrap_text=True)
            row.append(cell)
        ws.append(row)

    def title(self, ws: WriteOnlyWorksheet, text: str, size: int = 14) -> None:
        cell = WriteOnlyCell(ws, value=writable(text))
        cell.data_type = "s"
        cell.font = Font(bold=True, size=size)
        ws.append([cell])

    def rows(self, ws: WriteOnlyWorksheet, rows: Iterable[Sequence[Value]]) -> None:
        append = ws.append
        for values in rows:
            append(inert_row(ws, values))

    def save(self, path: Path) -> None:
        """Write the workbook beside `path` and rename it into place. An OSError (a full or
        read-only disk) leaves no file behind and nothing of openpyxl's half-written state."""
        path = Path(path)
        tmp = new_file_beside(path, ".xlsx")
        archive = None
        try:
            archive = ZipFile(tmp, "w", ZIP_DEFLATED, allowZip64=True)
            ExcelWriter(self.book, archive).save()  # what Workbook.save does, archive in hand
            os.replace(tmp, path)
        except BaseException:
            self.abandon(archive)
            tmp.unlink(missing_ok=True)
            raise

    def abandon(self, archive: ZipFile | None = None) -> None:
        """Close, quietly, what a failed write left open: each sheet's row stream and
        temporary file, and the archive. Left to the garbage collector, each would try to
        finish writing and print "I/O operation on closed file" on the console."""
        for ws in self.book.worksheets:
            rows, writer = getattr(ws, "_rows", None), getattr(ws, "_writer", None)
            for close in (getattr(rows, "close", None), getattr(writer, "close", None),
                          getattr(writer, "cleanup", None)):
                if close is not None:
                    with suppress(Exception):
                        close()
        if archive is not None:
            with suppress(Exception):
                archive.close()


def new_file_beside(path: Path, suffix: str) -> Path:
    """A new empty file in the target's folder, created with the permissions any program's
    new file gets (0666 less the umask: a colleague can read the export) where mkstemp would
    keep it to its owner alone."""
    for _ in range(100):
        tmp = path.with_name(f".village-tally-{secrets.token_hex(6)}{suffix}")
        try:
            os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        except FileExistsError:
            continue
        return tmp
    raise FileExistsError(path)  # pragma: no cover - a hundred random names all taken


@functools.lru_cache(maxsize=4096)
def timestamp(text: str | None) -> dt.datetime | None:
    """A stored timestamp ('2026-11-30T02:03:52+00:00') as a date-time cell in this computer's
    local time (a spreadsheet cell has no time zone); cached, as one import's deeds share one."""
    if not text:
        return None
    at = dt.datetime.fromisoformat(text)
    return (at.astimezone() if at.tzinfo else at).replace(tzinfo=None)


def inert_row(ws: WriteOnlyWorksheet, values: Sequence[Value]) -> list[Any]:
    """Values ready for `append`: Points as numbers, risky text as forced string cells."""
    out: list[Any] = list(values)
    for i, value in enumerate(out):
        kind = type(value)
        if kind is str:
            text = value if value.isprintable() else writable(value)
            if text and text[0] in FORMULA_START:
                cell = WriteOnlyCell(ws, value=text)
                cell.data_type = "s"
                out[i] = cell
            else:
                out[i] = text
        elif kind is Points:
            out[i] = _number(value)
    return out


def writable(text: str) -> str:
    """Text an xlsx cell can hold: the control characters it cannot, as U+FFFD."""
    return str(ILLEGAL_CHARACTERS_RE.sub("\ufffd", text))


def _number(points: Points) -> int | Decimal:
    return number_h(points.hundredths)


def number_h(hundredths: int) -> int | Decimal:
    """Hundredths as the number a spreadsheet shows: 250 → 2.5, 300 → 3 (exact, no float)."""
    whole, frac = divmod(hundredths, 100)
    return whole if frac == 0 else Decimal(hundredths).scaleb(-2)


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(index + 1))
