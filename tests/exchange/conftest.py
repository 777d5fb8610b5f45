"""Builders for the workbooks committees really send, written in the tests themselves."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.utils.datetime import CALENDAR_MAC_1904

Rows = Sequence[Sequence[Any]]


def workbook(path: Path, sheets: dict[str, Rows], *, merges: dict[str, list[str]] | None = None,
             hidden_sheets: Sequence[str] = (), hidden_rows: dict[str, list[int]] | None = None,
             active: str | None = None, date1904: bool = False) -> Path:
    """An xlsx written by openpyxl: sheets in order, merged ranges, hidden sheets and rows."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    if date1904:
        wb.epoch = CALENDAR_MAC_1904
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(list(row))
        for ref in (merges or {}).get(title, []):
            ws.merge_cells(ref)
        for number in (hidden_rows or {}).get(title, []):
            ws.row_dimensions[number].hidden = True
        if title in hidden_sheets:
            ws.sheet_state = "hidden"
    if active is not None:
        wb.active = list(sheets).index(active)
    wb.save(path)
    return path


@pytest.fixture
def xlsx(tmp_path: Path) -> Callable[..., Path]:
    def make(name: str, sheets: dict[str, Rows], **kw: Any) -> Path:
        return workbook(tmp_path / name, sheets, **kw)

    return make


@pytest.fixture
def csv_file(tmp_path: Path) -> Callable[..., Path]:
    def make(name: str, text: str, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        return path

    return make
