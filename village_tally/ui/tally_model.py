"""A month's tally as a Qt table: one row per resident, sortable by number, searchable."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
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


class TallyModel(QAbstractTableModel):
    """Rows of a `months.Tally`; numbers sort as numbers through `SortRole`."""

    def __init__(self, lang: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.rows: tuple[TallyRow, ...] = ()
        self.objected: Mapping[int, int] = {}  # open objections per resident: rows marked
        self.columns: tuple[TallyColumn, ...] = tuple(
            c for c in TALLY_COLUMNS if c.shown is Shown.ALWAYS)

    def set_rows(self, rows: tuple[TallyRow, ...], scheme: Scheme,
                 objected: Mapping[int, int] | None = None) -> None:
        self.beginResetModel()
        self.rows = rows
        self.objected = objected or {}
        self.columns = tally_columns(scheme)
        self.endResetModel()

    def column_of(self, key: str) -> int:
        """The index of a column by the TallyRow field it shows ('score', 'pending_points');
        -1 if this scheme does not show it."""
        return next((i for i, c in enumerate(self.columns) if c.key == key), -1)

    def rowCount(self, parent: Index = ROOT) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self.rows)

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
        if role not in ANSWERED or not index.isValid() or r >= len(self.rows) \
                or c >= len(self.columns):
            return None
        column = self.columns[c]
        if role in MARKS:  # the name of a resident with an unanswered objection
            marked = self.rows[r].resident_id in self.objected and c == 0
            return self._objected(self.rows[r], role) if marked else None
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(self.rows[r])
        if role == SortRole:
            value = column.value(self.rows[r])
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
        return self.rows[row] if 0 <= row < len(self.rows) else None


def sorted_searchable(model: TallyModel, parent: QObject) -> QSortFilterProxyModel:
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SortRole)
    proxy.setFilterKeyColumn(-1)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    return proxy
