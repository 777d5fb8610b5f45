"""A month's tally as a Qt table: one row per resident, sortable by number, searchable.

The model sorts and searches itself, in Python, once per click or key: behind a
QSortFilterProxyModel, every cell Qt painted or measured cost two calls into Python per role
(the proxy asks the model for the cell's index each time it reads a role), a sorted tally was
sorted again by 60,000 calls into Python each time it was read anew, and each key in the
search asked every cell of 5,000 rows for its text (bench/bench_gui.py)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from village_tally.core.points import Points
from village_tally.core.scheme import Scheme
from village_tally.core.tally import TallyRow
from village_tally.core.tally_column import (
    TALLY_COLUMNS,
    ColumnKind,
    Shown,
    TallyColumn,
    tally_columns,
)
from village_tally.i18n import tr

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
SortRole = Qt.ItemDataRole.UserRole + 2
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
OBJECTED = QColor("#fde7c2")  # a pale amber behind a name with an unanswered objection
MARKS = frozenset({Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.BackgroundRole})
ANSWERED = frozenset({Qt.ItemDataRole.DisplayRole, SortRole,
                      Qt.ItemDataRole.TextAlignmentRole}) | MARKS

# The columns are the tally's, defined once in core.tally_column; these are always there, in
# this order (score, grade and pending follow where the scheme has them: `column_of`).
COL_NAME, COL_HOUSEHOLD, COL_AREA, COL_PREVIOUS, COL_ADDED, COL_DEDUCTED, COL_MONTH, \
    COL_TOTAL, COL_FLAGS, COL_STARS = range(10)


def search_texts(rows: Sequence[TallyRow], scheme: Scheme) -> list[str]:
    """Each row's cells as the search looks at them (lower case, one string a row): made
    with the tally, off the GUI thread."""
    return _texts(rows, tally_columns(scheme))


def _texts(rows: Sequence[TallyRow], columns: Sequence[TallyColumn]) -> list[str]:
    return ["\0".join(c.text(row) for c in columns).lower() for row in rows]


def _sort_key(column: TallyColumn) -> Callable[[TallyRow], tuple[int, Any]]:
    """Numbers as numbers; an empty cell (no score, no grade) before any value."""
    def key(row: TallyRow) -> tuple[int, Any]:
        value = column.value(row)
        if value is None:
            return (0, 0)
        return (1, value.hundredths if isinstance(value, Points) else value)
    return key


class TallyModel(QAbstractTableModel):
    """Rows of a `months.Tally`, in board order until sorted (`sort`, as the table's header
    asks) and searched (`set_query`: rows with a cell holding the text, any case)."""

    def __init__(self, lang: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.rows: tuple[TallyRow, ...] = ()  # the tally, in board order
        self.shown: list[int] = []  # positions in `rows`, in the order the table shows them
        self.objected: Mapping[int, int] = {}  # open objections per resident: rows marked
        self.columns: tuple[TallyColumn, ...] = tuple(
            c for c in TALLY_COLUMNS if c.shown is Shown.ALWAYS)
        self.sorted_by: tuple[int, Qt.SortOrder] | None = None
        self.query = ""
        self._texts: list[str] | None = None  # for the search, made when first asked for

    def set_rows(self, rows: tuple[TallyRow, ...], scheme: Scheme,
                 objected: Mapping[int, int] | None = None,
                 texts: list[str] | None = None) -> None:
        """A new tally (`texts`: its `search_texts`, if made already), sorted and searched
        as the last one was."""
        self.beginResetModel()
        self.rows = rows
        self.objected = objected or {}
        self.columns = tally_columns(scheme)
        self._texts = texts
        self.shown = self._arranged()
        self.endResetModel()

    def _arranged(self) -> list[int]:
        shown = list(range(len(self.rows)))
        if self.query:
            if self._texts is None:
                self._texts = _texts(self.rows, self.columns)
            query, texts = self.query, self._texts
            shown = [i for i in shown if query in texts[i]]
        if self.sorted_by is not None and 0 <= self.sorted_by[0] < len(self.columns):
            column, order = self.sorted_by
            key, rows = _sort_key(self.columns[column]), self.rows
            shown.sort(key=lambda i: key(rows[i]),
                       reverse=order == Qt.SortOrder.DescendingOrder)
        return shown

    def _rearrange(self) -> None:
        """The rows again in the order and search asked for, the selection kept."""
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        kept = [self.shown[i.row()] if 0 <= i.row() < len(self.shown) else -1 for i in before]
        self.shown = self._arranged()
        where = {position: row for row, position in enumerate(self.shown)}
        self.changePersistentIndexList(before, [
            self.createIndex(where[p], i.column()) if p in where else QModelIndex()
            for p, i in zip(kept, before, strict=True)])
        self.layoutChanged.emit()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Qt override (the header's clicks); column -1: board order."""
        self.sorted_by = (column, order) if column >= 0 else None
        self._rearrange()

    def set_query(self, text: str) -> None:
        """Only the rows with a cell holding `text` (any case); empty: every row."""
        query = text.strip().lower()
        if query != self.query:
            self.query = query
            self._rearrange()

    def column_of(self, key: str) -> int:
        """The index of a column by the TallyRow field it shows ('score', 'pending_points');
        -1 if this scheme does not show it."""
        return next((i for i, c in enumerate(self.columns) if c.key == key), -1)

    def index(self, row: int, column: int, parent: Index = ROOT) -> QModelIndex:
        # One call into Python per cell, where Qt's own (through hasIndex) made two, rowCount
        # and columnCount.
        if 0 <= row < len(self.shown) and 0 <= column < len(self.columns) \
                and not parent.isValid():
            return self.createIndex(row, column)
        return QModelIndex()

    def rowCount(self, parent: Index = ROOT) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self.shown)

    def columnCount(self, parent: Index = ROOT) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self.columns):
            return tr(self.columns[section].label, self.lang)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Qt asks every cell for a dozen roles while it measures and paints; those this model
        # does not answer are turned away first (fitting the columns: bench/bench_gui.py).
        r, c = index.row(), index.column()
        if role not in ANSWERED or not index.isValid() or r >= len(self.shown) \
                or c >= len(self.columns):
            return None
        row = self.rows[self.shown[r]]
        column = self.columns[c]
        if role in MARKS:  # the name of a resident with an unanswered objection
            marked = row.resident_id in self.objected and c == 0
            return self._objected(row, role) if marked else None
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == SortRole:
            value = column.value(row)
            if isinstance(value, Points):
                return value.hundredths
            return value if value is not None else ""
        return RIGHT if column.kind is not ColumnKind.TEXT else None

    def _objected(self, row: TallyRow, role: int) -> Any:
        """A resident with an unanswered objection: marked on the name (DESIGN)."""
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{tr('objection.open_mark', self.lang)} ×{self.objected[row.resident_id]}"
        return QBrush(OBJECTED)

    def row_at(self, row: int) -> TallyRow | None:
        """The tally row the table shows at `row`."""
        return self.rows[self.shown[row]] if 0 <= row < len(self.shown) else None
