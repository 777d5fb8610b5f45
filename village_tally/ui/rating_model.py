"""Door-sign ratings as a Qt table: one row per household, one column per category of the
scheme, 1–5 stars typed in a cell. What is typed is kept until it is saved or discarded —
anything but 1–5 too, shown red on its cell with the reason, so no keystroke is lost."""

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
WRONG = QColor("#f8c8c8")  # typed, but not 1–5 stars: it says why and cannot be saved


class RatingTableModel(QAbstractTableModel):
    """Households × categories; edits are kept until `changed_ratings` is saved."""

    def __init__(self, lang: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.households: list[Household] = []
        self.categories: tuple[Category, ...] = ()
        self.stars: dict[tuple[str, str], int] = {}
        self.edited: dict[tuple[str, str], int] = {}
        self.wrong: dict[tuple[str, str], str] = {}  # typed text that is not 1–5 stars

    def load(self, households: list[Household], categories: tuple[Category, ...],
             stars: dict[str, dict[str, int]], *, keep_typed: bool = False) -> None:
        """The quarter's saved stars; with `keep_typed` what was typed and not saved stays
        where its household and category still are (another change reloaded the grid)."""
        self.beginResetModel()
        self.households = households
        self.categories = categories
        self.stars = {(h, c): v for h, cats in stars.items() for c, v in cats.items()}
        if keep_typed:
            cells = {(h.code, c.code) for h in households for c in categories}
            self.edited = {k: v for k, v in self.edited.items() if k in cells}
            self.wrong = {k: v for k, v in self.wrong.items() if k in cells}
        else:
            self.edited, self.wrong = {}, {}
        self.endResetModel()

    def forget_typed(self, saved: dict[tuple[str, str], int]) -> None:
        """These typed stars were saved: they show as saved stars now."""
        for key, stars in saved.items():
            if self.edited.get(key) == stars:
                del self.edited[key]
                self.stars[key] = stars
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(self.rowCount() - 1, self.columnCount() - 1))

    @property
    def unsaved(self) -> int:
        """Cells typed and not saved yet (wrong ones included)."""
        return len(self.edited) + len(self.wrong)

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
            return self._shown(key, role)
        if role == Qt.ItemDataRole.BackgroundRole and key is not None:
            return WRONG if key in self.wrong else EDITED if key in self.edited else None
        if role == Qt.ItemDataRole.ToolTipRole and key in self.wrong:
            return self.problem_at(index)
        return None

    def _shown(self, key: tuple[str, str], role: int) -> str:
        """A category cell's text: what was typed wrong, else the stars typed or saved."""
        if key in self.wrong:
            return self.wrong[key]
        value = self.edited.get(key, self.stars.get(key))
        if value is None:
            return ""
        return str(value) if role == Qt.ItemDataRole.EditRole else "★" * value

    def problem_at(self, index: Index) -> str:
        """Why a cell's typed text cannot be saved (empty when it can)."""
        key = self._key(index) if index.isValid() else None
        if key not in self.wrong:
            return ""
        category = self.categories[index.column() - COL_FIRST_CATEGORY]
        return tr("ui.ratings.wrong", self.lang, household=key[0], value=self.wrong[key],
                  category=category.title_zh if self.lang == "zh" else category.title_en)

    def wrong_cells(self) -> list[str]:
        """Every cell that cannot be saved, in words, row by row."""
        return [self.problem_at(self.index(r, c)) for r in range(self.rowCount())
                for c in range(COL_FIRST_CATEGORY, self.columnCount())
                if self._key(self.index(r, c)) in self.wrong]

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() >= COL_FIRST_CATEGORY:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value: Any,  # noqa: N802 - Qt override
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Typed text: 1–5 stars are kept to be saved; anything else is kept too, marked wrong
        with its reason; empty text takes back what was typed (the saved stars show again)."""
        key = self._key(index) if index.isValid() else None
        if key is None or role != Qt.ItemDataRole.EditRole:
            return False
        text = str(value).strip()
        self.edited.pop(key, None)
        self.wrong.pop(key, None)
        if text:
            try:
                self.edited[key] = parse_stars(text)
            except ParseError:
                self.wrong[key] = text
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole,
                                             Qt.ItemDataRole.BackgroundRole,
                                             Qt.ItemDataRole.ToolTipRole])
        return True

    def changed_ratings(self, quarter: str) -> list[Rating]:
        return [Rating(h, quarter, c, v) for (h, c), v in sorted(self.edited.items())]
