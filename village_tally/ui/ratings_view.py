"""Household door-sign ratings on a grid that follows the inspection sheet: one row per
household, one column per category, 1–5 stars typed from the keyboard; saved in one go."""

from __future__ import annotations

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

from village_tally.services import months, ratings, roster
from village_tally.services.changes import Changes
from village_tally.ui.context import UiContext
from village_tally.ui.lazy import LazyView
from village_tally.ui.named import named
from village_tally.ui.operation import Operation, write
from village_tally.ui.printing_actions import PrintActions
from village_tally.ui.rating_model import RatingTableModel


class RatingsView(LazyView, QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None, *,
                 lazy: bool = False) -> None:
        super().__init__(parent)
        self.ctx = ctx
        t = ctx.t
        self.printing = PrintActions(ctx, self)
        self.quarter_box = named(QComboBox(self), "quarterBox")
        current = months.open_month(ctx.ledger)
        for q in dict.fromkeys((current - 3 * i).quarter for i in range(8)):
            self.quarter_box.addItem(q)
        self.model = RatingTableModel(ctx.lang, self)
        self.table = named(QTableView(self), "ratingTable")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                                   | QAbstractItemView.EditTrigger.DoubleClicked)
        self.table.verticalHeader().hide()
        self.save_button = named(QPushButton(t("ui.ratings.save"), self), "saveRatings")
        self.save_button.clicked.connect(self.save)
        self.note = named(QLabel(self), "ratingsNote")
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
