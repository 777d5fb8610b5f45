"""The month: its tally (sortable, searchable), the deeds still waiting for approval, closing
it (invariant 3), and printing what the committee posts."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from village_tally.core.deed import Deed
from village_tally.core.month import Month
from village_tally.services import months
from village_tally.services.changes import Changes
from village_tally.services.deeds import DeedFilter
from village_tally.ui.columns import keep_fitted
from village_tally.ui.context import UiContext
from village_tally.ui.deed_model import (
    COL_AREA,
    COL_DATE,
    COL_ID,
    COL_NAME,
    COL_POINTS,
    COL_QTY,
    COL_RULE,
    COL_SOURCE,
    COL_STATUS,
    COL_TITLE,
    DeedTableModel,
)
from village_tally.ui.lazy import LazyView
from village_tally.ui.ledger_view import DeedActions
from village_tally.ui.messages import show_info
from village_tally.ui.named import named
from village_tally.ui.operation import Operation, long_job, read, reader
from village_tally.ui.printing_actions import PrintActions
from village_tally.ui.shortcuts import find_shortcut
from village_tally.ui.tally_model import TallyModel, sorted_searchable
from village_tally.ui.words import local_time

MONTHS_SHOWN = 24


class MonthView(LazyView, QWidget):
    resident_requested = Signal(int)
    month_closed = Signal(str)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None, *,
                 lazy: bool = False) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.deed_actions = DeedActions(ctx, self)
        self.printing = PrintActions(ctx, self)
        self.tally_job: Operation[months.Tally] | None = None
        top = self._build_top()
        splitter = named(QSplitter(self), "monthSplitter")  # sizes kept: MainWindow layout
        splitter.addWidget(self._build_tally())
        splitter.addWidget(self._build_pending())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
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
        self.close_button.clicked.connect(self.close_month)
        top = QHBoxLayout()
        top.addWidget(QLabel(t("ui.month.month"), self))
        top.addWidget(self.month_box)
        top.addWidget(self.state_label, 1)
        for button in self.printing.buttons_for_month(self.month):
            top.addWidget(button)
        top.addWidget(self.close_button)
        return top

    def _build_tally(self) -> QWidget:
        self.model = TallyModel(self.ctx.lang, self)
        self.proxy = sorted_searchable(self.model, self)
        self.search_edit = named(QLineEdit(self), "tallySearch")
        self.search_edit.setPlaceholderText(self.ctx.t("ui.month.search"))
        self.search_edit.textChanged.connect(self.proxy.setFilterFixedString)
        find_shortcut(self, self.search_edit)
        self.table = named(QTableView(self), "tallyTable")
        self.table.setModel(self.proxy)
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
        t = self.ctx.t
        self.pending_model = DeedTableModel(self.ctx.ledger, self.ctx.lang,
                                            DeedFilter(status="pending"), self, load=False,
                                            reader=reader(self.ctx, self))
        self.pending_model.loaded.connect(self._pending_loaded)
        self.pending_table = named(QTableView(self), "pendingTable")
        self.pending_table.setModel(self.pending_model)
        # What approving needs in a narrow pane: who, what, how much, recorded by whom.
        for col in (COL_AREA, COL_RULE, COL_QTY, COL_STATUS, COL_SOURCE):
            self.pending_table.setColumnHidden(col, True)
        header = self.pending_table.horizontalHeader()
        for place, col in enumerate((COL_ID, COL_DATE, COL_NAME, COL_POINTS, COL_TITLE)):
            header.moveSection(header.visualIndex(col), place)  # the points in sight
        keep_fitted(self.pending_table, stretch=COL_TITLE)
        self.pending_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.pending_table.verticalHeader().hide()
        self.pending_label = named(QLabel(self), "pendingLabel")
        self.pending_label.setWordWrap(True)
        approve = named(QPushButton(t("ui.ledger.approve"), self), "approvePending")
        approve.clicked.connect(lambda: self.deed_actions.approve(self.selected_pending()))
        void = named(QPushButton(t("ui.ledger.void"), self), "voidPending")
        void.clicked.connect(lambda: self.deed_actions.void(self.selected_pending()))
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.pending_label)
        right_layout.addWidget(self.pending_table)
        buttons = QHBoxLayout()
        buttons.addWidget(approve)
        buttons.addWidget(void)
        buttons.addStretch(1)
        right_layout.addLayout(buttons)
        return right

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
        self.close_button.setEnabled(not info.closed)
        self.tally_job = read(self.ctx, self, lambda ledger: months.tally(ledger, month),
                              done=lambda result: self._tally_ready(month, result))
        self.pending_model.set_filters(DeedFilter(status="pending", month=month))

    def _tally_ready(self, month: Month, result: months.Tally) -> None:
        if month != self.month:
            return  # the month changed while it was computed
        self.model.set_rows(result.rows, result.scheme)

    def _pending_loaded(self) -> None:
        self.pending_label.setText(self.ctx.t("ui.month.pending",
                                              count=self.pending_model.total))

    def on_changed(self, changes: Changes) -> None:
        if changes.deeds or changes.months or changes.roster or changes.rules:
            self.reload_soon()

    def selected_pending(self) -> Deed | None:
        rows = self.pending_table.selectionModel().selectedRows()
        return self.pending_model.deed_at(rows[0].row()) if rows else None

    def _open_resident(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            row = self.model.row_at(self.proxy.mapToSource(rows[0]).row())
            if row is not None:
                self.resident_requested.emit(row.resident_id)

    def close_month(self) -> Operation[tuple[str, Changes]]:
        month = self.month

        def done(result: tuple[str, Changes]) -> None:
            show_info(self, self.ctx.t("ui.month.closed_now", month=month,
                                       checksum=result[0][:12]), self.ctx.lang)
            self.month_closed.emit(str(month))

        return long_job(self.ctx, self, lambda ledger, _control: months.close_month(
            ledger, month), title=self.ctx.t("ui.month.closing", month=month),
            writes=True, done=done)
