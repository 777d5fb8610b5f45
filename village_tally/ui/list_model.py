"""A Qt table of a list of items, one row each, for the tables that show a plain list (rules,
residents, households)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from village_tally.i18n import tr

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()


class ListModel(QAbstractTableModel):
    """A table of items, one row each; a subclass gives its `headers` (message codes) and
    the `cells` of an item."""

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
