"""Door-sign ratings as a Qt table: one row per household, one column per category of the
scheme, 1–5 stars typed in a cell; what is typed is kept until it is saved."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from village_tally.core.deed import Household
from village_tally.core.problem import ParseError
from village_tally.core.rating import Rating, parse_stars
from village_tally.core.scheme import Category
from village_tally.i18n import tr

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
# The household's columns, then one per category from COL_FIRST_CATEGORY on.
COL_HOUSEHOLD, COL_HEAD, COL_AREA, COL_FIRST_CATEGORY = range(4)
HEADERS = ("col.household", "ui.roster.head", "col.area")
EDITED = QColor("#fff4c2")  # typed but not saved yet


class RatingTableModel(QAbstractTableModel):
    """Households × categories; edits are kept until `changed_ratings` is saved."""

    def __init__(self, lang: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.households: list[Household] = []
        self.categories: tuple[Category, ...] = ()
        self.stars: dict[tuple[str, str], int] = {}
        self.edited: dict[tuple[str, str], int] = {}

    def load(self, households: list[Household], categories: tuple[Category, ...],
             stars: dict[str, dict[str, int]]) -> None:
        self.beginResetModel()
        self.households = households
        self.categories = categories
        self.stars = {(h, c): v for h, cats in stars.items() for c, v in cats.items()}
        self.edited = {}
        self.endResetModel()

    def rowCount(self, parent: Index = ROOT) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self.households)

    def columnCount(self, parent: Index = ROOT) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else COL_FIRST_CATEGORY + len(self.categories)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if section < COL_FIRST_CATEGORY:
            return tr(HEADERS[section], self.lang)
        if section < self.columnCount():
            c = self.categories[section - COL_FIRST_CATEGORY]
            return c.title_zh if self.lang == "zh" else c.title_en
        return None

    def _key(self, index: Index) -> tuple[str, str] | None:
        if index.column() < COL_FIRST_CATEGORY:
            return None
        return (self.households[index.row()].code,
                self.categories[index.column() - COL_FIRST_CATEGORY].code)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.households) \
                or index.column() >= self.columnCount():
            return None
        h = self.households[index.row()]
        key = self._key(index)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if key is None:
                return (h.code, h.head or "", h.area)[index.column()]
            value = self.edited.get(key, self.stars.get(key))
            if value is None:
                return ""
            return str(value) if role == Qt.ItemDataRole.EditRole else "★" * value
        if role == Qt.ItemDataRole.BackgroundRole and key in self.edited:
            return EDITED
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() >= COL_FIRST_CATEGORY:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value: Any,  # noqa: N802 - Qt override
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        key = self._key(index) if index.isValid() else None
        if key is None or role != Qt.ItemDataRole.EditRole:
            return False
        try:
            stars = parse_stars(str(value))
        except ParseError:
            return False
        self.edited[key] = stars
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole,
                                             Qt.ItemDataRole.BackgroundRole])
        return True

    def changed_ratings(self, quarter: str) -> list[Rating]:
        return [Rating(h, quarter, c, v) for (h, c), v in sorted(self.edited.items())]
