"""The rows of an import preview as a Qt table: the spreadsheet row, what will happen to it,
its cells as read, and its problems (file, sheet, row, column)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from village_tally.core.problem import Problem
from village_tally.i18n import has_message, tr
from village_tally.services import importing
from village_tally.services.importing import Candidate, Preview
from village_tally.ui.words import field_words

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
# The row and its fate, then one column per field read from COL_FIRST_CELL on, then problems.
COL_ROW, COL_STATUS, COL_FIRST_CELL = range(3)
STATUS_COLOURS = {"new": "#1b6e20", "present": "#777777", "rejected": "#b00020",
                  "imported": "#1b6e20"}
IMPORTED = "imported"  # a row the import took (shown after it, where 'new' was)


def row_problem_text(problem: Problem, lang: str) -> str:
    """A problem of an imported file in words: file, sheet, row, column, the cell's value, and
    a domain field by its label."""
    return importing.problem_text(problem, lang, field_words(lang))


class CandidateModel(QAbstractTableModel):
    """The preview's rows: spreadsheet row, what will happen, the cells, the problems."""

    def __init__(self, lang: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.rows: tuple[Candidate, ...] = ()
        self.fields: tuple[str, ...] = ()

    def set_preview(self, preview: Preview | None) -> None:
        self.beginResetModel()
        self.rows = preview.rows if preview else ()
        self.fields = tuple(f for f, _col, _header in preview.columns) if preview else ()
        self.endResetModel()

    def mark_imported(self) -> None:
        """The import is done: the rows it took say so, not that they will be imported."""
        self.rows = tuple(replace(c, status=IMPORTED) if c.status == "new" else c
                          for c in self.rows)
        if self.rows:
            self.dataChanged.emit(self.index(0, COL_STATUS),
                                  self.index(len(self.rows) - 1, COL_STATUS))

    def rowCount(self, parent: Index = ROOT) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = ROOT) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else self.problems_column() + 1

    def problems_column(self) -> int:
        """The last column: the row's problems."""
        return COL_FIRST_CELL + len(self.fields)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if section == COL_ROW:
            return tr("ui.import.row", self.lang)
        if section == COL_STATUS:
            return tr("ui.deed.status", self.lang)
        if COL_FIRST_CELL <= section < self.problems_column():
            key = self.fields[section - COL_FIRST_CELL]
            code = f"ui.field.{key}"
            return tr(code, self.lang) if has_message(code) else key
        if section == self.problems_column():
            return tr("ui.import.problems", self.lang)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows) \
                or index.column() >= self.columnCount():
            return None
        c = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_STATUS:
            return QBrush(QColor(STATUS_COLOURS.get(c.status, "#000000")))
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return self._text(c, col)

    def _text(self, c: Candidate, col: int) -> str:
        if col == COL_ROW:
            return str(c.row)
        if col == COL_STATUS:
            return tr(f"ui.import.status.{c.status}", self.lang)
        if col < self.problems_column():
            return c.cells.get(self.fields[col - COL_FIRST_CELL], "")
        return "；".join(row_problem_text(p, self.lang) for p in c.problems)
