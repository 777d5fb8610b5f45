"""Household door-sign ratings on a grid that follows the inspection sheet: one row per
household, one column per category, 1–5 stars typed from the keyboard; saved in one go."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from village_tally.core.deed import Household
from village_tally.core.month import add_months, quarter_of
from village_tally.core.problem import ParseError
from village_tally.core.rating import Rating, parse_stars
from village_tally.core.scheme import Category
from village_tally.i18n import tr
from village_tally.services import months, ratings, roster
from village_tally.services.changes import Changes
from village_tally.ui.context import UiContext
from village_tally.ui.lazy import LazyView
from village_tally.ui.operation import Operation, write
from village_tally.ui.printing_actions import PrintActions

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
FIXED = 3  # household, head, area
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
        return 0 if parent.isValid() else FIXED + len(self.categories)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if section < FIXED:
            return tr(("col.household", "ui.roster.head", "col.area")[section], self.lang)
        if section < self.columnCount():
            c = self.categories[section - FIXED]
            return c.title_zh if self.lang == "zh" else c.title_en
        return None

    def _key(self, index: Index) -> tuple[str, str] | None:
        if index.column() < FIXED:
            return None
        return (self.households[index.row()].code,
                self.categories[index.column() - FIXED].code)

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
        if index.isValid() and index.column() >= FIXED:
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


class RatingsView(LazyView, QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None, *,
                 lazy: bool = False) -> None:
        super().__init__(parent)
        self.ctx = ctx
        t = ctx.t
        self.printing = PrintActions(ctx, self)
        self.quarter_box = QComboBox(self, objectName="quarterBox")
        current = months.open_month(ctx.ledger)
        for q in dict.fromkeys(quarter_of(add_months(current, -3 * i)) for i in range(8)):
            self.quarter_box.addItem(q)
        self.model = RatingTableModel(ctx.lang, self)
        self.table = QTableView(self, objectName="ratingTable")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                                   | QAbstractItemView.EditTrigger.DoubleClicked)
        self.table.verticalHeader().hide()
        self.save_button = QPushButton(t("ui.ratings.save"), self, objectName="saveRatings")
        self.save_button.clicked.connect(self.save)
        self.note = QLabel(self, objectName="ratingsNote")
        top = QHBoxLayout()
        top.addWidget(QLabel(t("ui.ratings.quarter"), self))
        top.addWidget(self.quarter_box)
        top.addWidget(self.note, 1)
        top.addWidget(self.save_button)
        for button in self.printing.buttons_for_quarter(self.quarter):
            top.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.quarter_box.currentIndexChanged.connect(lambda _i: self.reload())
        ctx.bus.changed.connect(self.on_changed)
        self.start(lazy)

    @property
    def quarter(self) -> str:
        return self.quarter_box.currentText()

    def refresh(self) -> None:
        self.printing.quarter = self.quarter
        categories = self.ctx.ledger.scheme.categories
        enabled = bool(categories)
        self.table.setEnabled(enabled)
        self.save_button.setEnabled(enabled)
        if not enabled:
            self.note.setText(self.ctx.t("ui.ratings.none"))
            self.model.load([], (), {})
            return
        self.note.setText(self.ctx.t("ui.ratings.hint"))
        self.model.load(roster.list_households(self.ctx.ledger), categories,
                        ratings.ratings_for(self.ctx.ledger, self.quarter))

    def on_changed(self, changes: Changes) -> None:
        if changes.ratings or changes.roster or changes.rules:
            self.reload_soon()

    def save(self) -> Operation[Changes] | None:
        """Save the typed stars in one go (on the writer thread); None if nothing changed."""
        changed = self.model.changed_ratings(self.quarter)
        if not changed:
            return None
        by = self.ctx.user or self.ctx.ledger.actor
        return write(self.ctx, self, lambda ledger: ratings.set_ratings(
            ledger, changed, by=by, source="ui"))
