"""The roster as Qt tables: residents (searchable by name, initials, household or area) and
households."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from village_tally.core.deed import Household, Resident
from village_tally.core.names import matches
from village_tally.i18n import tr

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
RESIDENT_HEADERS = ("col.name", "col.household", "col.area", "ui.roster.door_plate",
                    "ui.roster.head", "ui.roster.status")
HOUSEHOLD_HEADERS = ("col.household", "ui.roster.door_plate", "col.area", "ui.roster.head",
                     "ui.roster.members")


class _ListModel(QAbstractTableModel):
    headers: tuple[str, ...] = ()

    def __init__(self, lang: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.items: list[Any] = []

    def set_items(self, items: list[Any]) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.endResetModel()

    def rowCount(self, parent: Index = ROOT) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = ROOT) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self.headers):
            return tr(self.headers[section], self.lang)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or not index.isValid() \
                or index.row() >= len(self.items) or index.column() >= len(self.headers):
            return None
        return self.cells(self.items[index.row()])[index.column()]

    def cells(self, item: Any) -> tuple[str, ...]:
        raise NotImplementedError

    def item_at(self, row: int) -> Any:
        return self.items[row] if 0 <= row < len(self.items) else None


class ResidentTableModel(_ListModel):
    headers = RESIDENT_HEADERS

    def cells(self, item: Resident) -> tuple[str, ...]:
        return (item.name, item.household, item.area, item.door_plate or "",
                tr("ui.entry.head", self.lang) if item.is_head else "",
                tr(f"ui.roster.status.{item.status}", self.lang))


class HouseholdTableModel(_ListModel):
    headers = HOUSEHOLD_HEADERS

    def cells(self, item: Household) -> tuple[str, ...]:
        return (item.code, item.door_plate or "", item.area, item.head or "",
                "、".join(item.members))


class ResidentFilter(QSortFilterProxyModel):
    """Rows whose name holds the query or whose initials start with it (msj → 马少军), or whose
    household or area is the query."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.query = ""

    def set_query(self, query: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9+: invalidateFilter is deprecated
            self.beginFilterChange()
            self.query = query.strip()
            self.endFilterChange()
        else:  # pragma: no cover - older Qt
            self.query = query.strip()
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:  # noqa: N802 - Qt override
        if not self.query:
            return True
        model = self.sourceModel()
        assert isinstance(model, ResidentTableModel)
        r: Resident = model.items[row]
        return matches(self.query, r.name, r.initials) or self.query in (r.household, r.area)
