"""Household door-sign ratings on a grid that follows the inspection sheet: one row per
household, one column per category, 1–5 stars typed from the keyboard; saved in one go.

A key typed on a cell is that cell's rating at once (no editor opens, so 5, →, 4 rates two
cells); anything but 1–5 is kept on its cell in red with the reason, and Save names it.
Typed cells are never dropped unasked: another quarter, closing the window or another
village first asks to save or discard them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from village_tally.i18n import tr
from village_tally.services import months, ratings, roster
from village_tally.services.changes import Changes
from village_tally.ui.context import UiContext
from village_tally.ui.lazy import LazyView
from village_tally.ui.named import named
from village_tally.ui.operation import Operation, write
from village_tally.ui.printing_actions import PrintActions
from village_tally.ui.rating_model import COL_FIRST_CATEGORY, RatingTableModel

CLEAR_KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
DOWN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
TYPING = Qt.KeyboardModifier.NoModifier | Qt.KeyboardModifier.ShiftModifier \
    | Qt.KeyboardModifier.KeypadModifier


class RatingTable(QTableView):
    """The grid: a key typed on a category cell is its rating, Delete takes it back, Enter
    goes down a row; arrows, Tab and the rest move as in any table."""

    def __init__(self, model: RatingTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ratings = model
        self.setModel(model)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, True)  # ５ or ★ by IME

    def _typed(self, text: str) -> bool:
        index = self.currentIndex()
        if not index.isValid() or index.column() < COL_FIRST_CATEGORY:
            return False
        return self.ratings.setData(index, text)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key, text = event.key(), event.text()
        if key in CLEAR_KEYS and self._typed(""):
            return
        if key in DOWN_KEYS:
            here = self.currentIndex()
            below = self.ratings.index(min(here.row() + 1, self.ratings.rowCount() - 1),
                                       here.column())
            self.setCurrentIndex(below)
            return
        plain = not (event.modifiers() & ~TYPING)
        if plain and text.isprintable() and text.strip() and self._typed(text):
            return
        super().keyPressEvent(event)

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:  # noqa: N802 - Qt override
        if event.commitString() and self._typed(event.commitString()):
            event.accept()
            return
        super().inputMethodEvent(event)


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
        self.quarter = self.quarter_box.currentText()  # the quarter the grid shows
        self.model = RatingTableModel(ctx.lang, self)
        self.table = named(RatingTable(self.model, self), "ratingTable")
        self.table.verticalHeader().hide()
        self.save_button = named(QPushButton(t("ui.ratings.save"), self), "saveRatings")
        self.save_button.clicked.connect(lambda _checked: self.save(None))
        self.note = named(QLabel(self), "ratingsNote")
        self.note.setWordWrap(True)
        self.ask_box: QMessageBox | None = None
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
        self.quarter_box.currentIndexChanged.connect(lambda _i: self._quarter_chosen())
        self.model.dataChanged.connect(lambda *_a: self._say())
        self.table.selectionModel().currentChanged.connect(lambda *_a: self._say())
        ctx.bus.changed.connect(self.on_changed)
        self.start(lazy)

    def refresh(self) -> None:
        """The quarter's saved stars; what was typed and not saved stays (invariant of this
        screen: no typed cell is dropped unasked)."""
        self.printing.quarter = self.quarter
        categories = self.ctx.ledger.scheme.categories
        enabled = bool(categories)
        self.table.setEnabled(enabled)
        self.save_button.setEnabled(enabled)
        if not enabled:
            self.model.load([], (), {})
        else:
            self.model.load(roster.list_households(self.ctx.ledger), categories,
                            ratings.ratings_for(self.ctx.ledger, self.quarter),
                            keep_typed=True)
        self._say()

    def _say(self) -> None:
        """The hint, or why the cell under the keyboard cannot be saved."""
        if not self.ctx.ledger.scheme.categories:
            self.note.setText(self.ctx.t("ui.ratings.none"))
            return
        problem = self.model.problem_at(self.table.currentIndex())
        self.note.setStyleSheet("color: #b00020;" if problem else "")
        self.note.setText(problem or self.ctx.t("ui.ratings.hint"))

    def on_changed(self, changes: Changes) -> None:
        if changes.ratings or changes.roster or changes.rules:
            self.reload_soon()

    # --- another quarter ------------------------------------------------------------------

    def _quarter_chosen(self) -> None:
        wanted = self.quarter_box.currentText()
        if wanted == self.quarter:
            return
        if self.model.unsaved:  # stay on the typed quarter until the person says
            self._show_quarter(self.quarter)
            self.ask_unsaved(lambda: self._show_quarter(wanted))
            return
        self._show_quarter(wanted)

    def _show_quarter(self, quarter: str) -> None:
        self.quarter_box.blockSignals(True)
        self.quarter_box.setCurrentIndex(self.quarter_box.findText(quarter))
        self.quarter_box.blockSignals(False)
        if quarter != self.quarter:
            self.quarter = quarter
            self.model.load([], (), {})  # the typed cells were saved or discarded
            self.reload()

    # --- saving -----------------------------------------------------------------------------

    def save(self, then: Callable[[], object] | None = None) -> Operation[Changes] | None:
        """Save the typed stars in one go (on the writer thread), then `then`; None if nothing
        is saved (nothing typed, or a cell that is not 1–5: said in the note)."""
        wrong = self.model.wrong_cells()
        if wrong:
            self.note.setStyleSheet("color: #b00020;")
            self.note.setText(self.ctx.t("ui.ratings.not_saved", cells="；".join(wrong)))
            return None
        changed = self.model.changed_ratings(self.quarter)
        if not changed:
            if then is not None:
                then()
            return None
        typed = dict(self.model.edited)
        return write(self.ctx, self, lambda ledger: ratings.set_ratings(
            ledger, changed, source="ui"), done=lambda _c: self._saved(typed, then))

    def _saved(self, typed: dict[tuple[str, str], int],
               then: Callable[[], object] | None) -> None:
        """Saved: those cells are no longer waiting (a cell typed again meanwhile still is)."""
        self.model.forget_typed(typed)
        if then is not None:
            then()

    def discard(self) -> None:
        self.model.load(self.model.households, self.model.categories, {})
        self.reload()

    def ask_unsaved(self, then: Callable[[], object]) -> QMessageBox:
        """Typed cells not saved: save them, discard them, or stay (then `then` runs after a
        save or a discard)."""
        buttons = (QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                   | QMessageBox.StandardButton.Cancel)
        box = named(QMessageBox(QMessageBox.Icon.Question, tr("ui.app.title", self.ctx.lang),
                                self.ctx.t("ui.ratings.unsaved", count=self.model.unsaved,
                                           quarter=self.quarter), buttons, self),
                    "unsavedRatingsBox")
        box.setDefaultButton(QMessageBox.StandardButton.Save)

        def answered() -> None:
            button = box.standardButton(box.clickedButton())
            if button == QMessageBox.StandardButton.Save:
                self.save(then)
            elif button == QMessageBox.StandardButton.Discard:
                self.discard()
                then()

        box.finished.connect(lambda _r: answered())
        box.open()
        self.ask_box = box
        return box

    def current_cell(self, row: int, category: int) -> QModelIndex:
        """Put the keyboard on a household's category (0 = the first category)."""
        index = self.model.index(row, COL_FIRST_CATEGORY + category)
        self.table.setCurrentIndex(index)
        self.table.setFocus()
        return index
