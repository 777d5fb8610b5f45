"""The month: its tally (sortable, searchable), the deeds still waiting for approval, closing
it (invariant 3), and printing what the committee posts."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from village_tally.core.authority import Action, refusals
from village_tally.core.deed import Deed
from village_tally.core.month import Month
from village_tally.i18n import local_time
from village_tally.services import months, objections
from village_tally.services.changes import Changes
from village_tally.services.session import Ledger
from village_tally.ui.columns import keep_fitted
from village_tally.ui.context import UiContext
from village_tally.ui.lazy import LazyView
from village_tally.ui.ledger_view import DeedActions
from village_tally.ui.messages import ask, show_info
from village_tally.ui.named import named
from village_tally.ui.notice_pane import NoticePane
from village_tally.ui.operation import Latest, Operation, long_job
from village_tally.ui.pending_view import PendingPanel
from village_tally.ui.printing_actions import PrintActions
from village_tally.ui.shortcuts import find_shortcut
from village_tally.ui.tally_model import TallyModel, search_texts
from village_tally.ui.turns import finish
from village_tally.ui.words import problem_lines

MONTHS_SHOWN = 24
# What the tally's read gives: the tally, open objections by resident, each row's search text.
Tallied = tuple[months.Tally, dict[int, int], list[str]]


class MonthView(LazyView, QWidget):
    resident_requested = Signal(int)
    month_closed = Signal(str)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None, *,
                 lazy: bool = False, staged: bool = False) -> None:
        """`staged`: the rest is `building`, a part per next() (turns.py)."""
        super().__init__(parent)
        self.ctx = ctx
        self.tally_job: Operation[Tallied] | None = None
        self.tallies = Latest(ctx, self)  # another month or a change overtakes a tally
        self.building = self._build(lazy)
        if not staged:
            finish(self.building)

    def _build(self, lazy: bool) -> Iterator[None]:
        ctx = self.ctx
        self.deed_actions = DeedActions(ctx, self)
        self.printing = PrintActions(ctx, self)
        top = self._build_top()
        yield
        splitter = named(QSplitter(self), "monthSplitter")  # sizes kept: MainWindow layout
        splitter.addWidget(self._build_tally())
        yield
        splitter.addWidget(self._build_pending())
        self.notice = named(NoticePane(ctx, lambda: self.month, self), "noticePane")
        splitter.addWidget(self.notice)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setStretchFactor(2, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self.month_box.currentIndexChanged.connect(lambda _i: self.reload())
        ctx.bus.changed.connect(self.on_changed)
        self.start(lazy)

    def _build_top(self) -> QHBoxLayout:
        t = self.ctx.t
        self.month_box = named(QComboBox(self), "monthBox")
        # The months the ledger has (a month before it began has no tally), newest first.
        first, current = months.span(self.ctx.ledger)
        for i in range(min(MONTHS_SHOWN, current.since(first) + 1)):
            self.month_box.addItem(str(current - i))
        # Last month if it still has to be closed, else this month's running tally.
        last = current - 1
        self.month_box.setCurrentIndex(
            1 if self.month_box.count() > 1
            and not months.month_info(self.ctx.ledger, last).closed else 0)
        self.state_label = named(QLabel(self), "monthState")
        self.close_button = named(QPushButton(t("ui.month.close"), self), "closeButton")
        self.close_button.clicked.connect(self.ask_close)
        self.close_box: QMessageBox | None = None
        self.closed = False
        self.ctx.bus.person_changed.connect(lambda _p: self._enable_close())
        top = QHBoxLayout()
        top.addWidget(QLabel(t("ui.month.month"), self))
        top.addWidget(self.month_box)
        top.addWidget(self.state_label, 1)
        for button in self.printing.buttons_for_month(self.month):
            top.addWidget(button)
        top.addWidget(self.close_button)
        return top

    def _build_tally(self) -> QWidget:
        self.model = TallyModel(self.ctx.lang, self)  # sorts and searches itself
        self.search_edit = named(QLineEdit(self), "tallySearch")
        self.search_edit.setPlaceholderText(self.ctx.t("ui.month.search"))
        self.search_edit.textChanged.connect(self.model.set_query)
        find_shortcut(self, self.search_edit)
        self.table = named(QTableView(self), "tallyTable")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        # Sized to the rows in view, not all 5,000 (that froze the window: columns.py).
        keep_fitted(self.table)
        self.table.doubleClicked.connect(self._open_resident)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.search_edit)
        left_layout.addWidget(self.table)
        return left

    def _build_pending(self) -> QWidget:
        self.pending = PendingPanel(self.ctx, self)
        self.pending.void_requested.connect(self.deed_actions.void)
        return self.pending

    @property
    def month(self) -> Month:
        return Month.parse(self.month_box.currentText())

    def set_month(self, month: Month | str) -> None:
        index = self.month_box.findText(str(month))
        if index < 0:
            self.month_box.addItem(str(month))
            index = self.month_box.count() - 1
        self.month_box.setCurrentIndex(index)

    def refresh(self) -> None:
        """Recompute the tally off the GUI thread (a big village takes a moment)."""
        month = self.month
        ledger = self.ctx.ledger
        self.printing.month = month
        info = months.month_info(ledger, month)
        t = self.ctx.t
        if info.closed:
            self.state_label.setText(t("ui.month.closed", by=info.closed_by or "",
                                       at=local_time(info.closed_at),
                                       checksum=(info.checksum or "")[:12]))
        else:
            self.state_label.setText(t("ui.month.open"))
        self.closed = info.closed
        self._enable_close()
        def tally(ledger: Ledger) -> Tallied:
            found = months.tally(ledger, month)
            return (found, objections.open_by_resident(ledger, month),
                    search_texts(found.rows, found.scheme))

        self.tally_job = self.tallies.read(tally, lambda result: self._tally_ready(*result))
        self.pending.set_month(month)
        self.notice.refresh()

    def _enable_close(self) -> None:
        """Only a secretary closes a month (the services refuse anyone else anyway): others
        see the button greyed, the reason in its tooltip."""
        why_not = refusals(self.ctx.person, Action.CLOSE_MONTH)
        self.close_button.setEnabled(not self.closed and not why_not)
        self.close_button.setToolTip(problem_lines(why_not, self.ctx.lang))

    def _tally_ready(self, result: months.Tally, objected: dict[int, int],
                     texts: list[str]) -> None:
        self.model.set_rows(result.rows, result.scheme, objected, texts)

    def on_changed(self, changes: Changes) -> None:
        if changes.deeds or changes.months or changes.roster or changes.rules:
            self.reload_soon()

    def selected_pending(self) -> Deed | None:
        return self.pending.selected_deed()

    def _open_resident(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            row = self.model.row_at(rows[0].row())
            if row is not None:
                self.resident_requested.emit(row.resident_id)

    def ask_close(self) -> QMessageBox:
        """Closing is for ever: the question says what it means, and Cancel is the default."""
        month = self.month
        t = self.ctx.t
        box = ask(self, "closeBox", t("ui.month.close_title", month=month),
                  t("ui.month.ask_close", month=month, open=Month.of(self.ctx.ledger.today())),
                  self.close_month, careful=True, icon=QMessageBox.Icon.Warning)
        box.button(QMessageBox.StandardButton.Yes).setText(t("ui.month.close_yes", month=month))
        self.close_box = box
        return box

    def close_month(self) -> Operation[tuple[str, Changes]]:
        month = self.month

        def done(result: tuple[str, Changes]) -> None:
            show_info(self, self.ctx.t("ui.month.closed_now", month=month,
                                       checksum=result[0][:12]), self.ctx.lang)
            self.month_closed.emit(str(month))

        return long_job(self.ctx, self, lambda ledger, control: months.close_month(
            ledger, month, job=control), title=self.ctx.t("ui.month.closing", month=month),
            writes=True, done=done)
