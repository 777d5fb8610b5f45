"""A month's tally as a Qt table: one row per resident, sortable by number, searchable."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from village_tally.core.points import Points
from village_tally.core.scheme import Scheme
from village_tally.core.tally import TallyRow
from village_tally.i18n import tr

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
SortRole = Qt.ItemDataRole.UserRole + 2
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

# The columns every scheme shows, in this order; score and grade follow where the scheme has
# them, and the pending points come last (`TallyModel.column_of` finds those).
COL_NAME, COL_HOUSEHOLD, COL_AREA, COL_PREVIOUS, COL_ADDED, COL_DEDUCTED, COL_MONTH, COL_TOTAL, \
    COL_FLAGS, COL_STARS = range(10)
Column = tuple[str, Callable[[TallyRow], str | int | Points | None]]
BASE_COLUMNS: tuple[Column, ...] = (
    ("col.name", lambda r: r.name), ("col.household", lambda r: r.household),
    ("col.area", lambda r: r.area), ("col.previous", lambda r: r.previous_total),
    ("col.added", lambda r: r.added), ("col.deducted", lambda r: r.deducted),
    ("col.month", lambda r: r.month_points), ("col.total", lambda r: r.total_points),
    ("col.flags", lambda r: r.flags), ("col.stars", lambda r: r.stars),
)
SCORE_COLUMNS: tuple[Column, ...] = (("col.score", lambda r: r.score),)
GRADE_COLUMNS: tuple[Column, ...] = (("col.grade", lambda r: r.grade),)
PENDING_COLUMN: Column = ("col.pending", lambda r: r.pending_points)
KEYS = {"score": "col.score", "grade": "col.grade", "pending_points": "col.pending"}


def columns_for(scheme: Scheme | None) -> tuple[Column, ...]:
    cols = BASE_COLUMNS
    if scheme is not None and scheme.has_score:
        cols += SCORE_COLUMNS
    if scheme is not None and scheme.grades:
        cols += GRADE_COLUMNS
    return (*cols, PENDING_COLUMN)


class TallyModel(QAbstractTableModel):
    """Rows of a `months.Tally`; numbers sort as numbers through `SortRole`."""

    def __init__(self, lang: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.rows: tuple[TallyRow, ...] = ()
        self.columns = columns_for(None)

    def set_rows(self, rows: tuple[TallyRow, ...], scheme: Scheme) -> None:
        self.beginResetModel()
        self.rows = rows
        self.columns = columns_for(scheme)
        self.endResetModel()

    def rowCount(self, parent: Index = ROOT) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = ROOT) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self.columns):
            return tr(self.columns[section][0], self.lang)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows) \
                or index.column() >= len(self.columns):
            return None
        value = self.columns[index.column()][1](self.rows[index.row()])
        if role == Qt.ItemDataRole.DisplayRole:
            return "" if value is None else str(value)
        if role == SortRole:
            if isinstance(value, Points):
                return value.hundredths
            return value if value is not None else ""
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= COL_PREVIOUS:
            return RIGHT
        return None

    def column_of(self, key: str) -> int:
        """The index of a column by the TallyRow field it shows ('score', 'pending_points');
        -1 if this scheme does not show it."""
        return next((i for i, (c, _) in enumerate(self.columns) if c == KEYS.get(key)), -1)

    def row_at(self, row: int) -> TallyRow | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None


def sorted_searchable(model: TallyModel, parent: QObject) -> QSortFilterProxyModel:
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SortRole)
    proxy.setFilterKeyColumn(-1)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    return proxy
