"""The committee's pending list (on the Month screen): every deed waiting for approval with who
recorded and typed it and why it waits; select many (Ctrl+A, Shift, Ctrl), one confirmation,
and each is approved and audited (services.deeds.approve_deeds). Those the signed-in person may
not approve — recorded or typed by them, for them or their household — are greyed with the
reason, and after approving the others they are named with the reason. Someone whose role may
not approve sees the list and the button greyed, the reason in its tooltip."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from village_tally.core.authority import Action, refusals
from village_tally.core.deed import Deed
from village_tally.core.month import Month
from village_tally.services import deeds, pending
from village_tally.ui.columns import keep_fitted
from village_tally.ui.context import UiContext
from village_tally.ui.messages import ask, show_info
from village_tally.ui.named import named
from village_tally.ui.operation import Latest, Operation, write
from village_tally.ui.pending_model import PendingModel
from village_tally.ui.words import problem_lines


class PendingPanel(QWidget):
    """The waiting deeds of one month and the approve and void buttons."""

    void_requested = Signal(object)  # Deed

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        t = ctx.t
        self.month: Month | None = None
        self.latest = Latest(ctx, self)  # reads run in parallel: only the latest is shown
        self.operation: Operation[list[pending.Waiting]] | None = None
        self.box: QMessageBox | None = None
        self.label = named(QLabel(self), "pendingLabel")
        self.label.setWordWrap(True)
        self.model = PendingModel(ctx.lang, ctx.ledger.scheme.deed_titles(ctx.lang), self)
        self.table = named(QTableView(self), "pendingTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.verticalHeader().hide()
        keep_fitted(self.table, stretch=PendingModel.COL_WHY)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._enable())
        self.approve_button = named(QPushButton(t("ui.ledger.approve"), self), "approvePending")
        self.approve_button.clicked.connect(self.ask_approve)
        self.void_button = named(QPushButton(t("ui.ledger.void"), self), "voidPending")
        self.void_button.clicked.connect(self._void)
        buttons = QHBoxLayout()
        buttons.addWidget(self.approve_button)
        buttons.addWidget(self.void_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        ctx.bus.person_changed.connect(lambda _p: self.reload())
        self._enable()

    def set_month(self, month: Month) -> None:
        self.month = month
        self.reload()

    def reload(self) -> Operation[list[pending.Waiting]] | None:
        """The waiting deeds, read off the GUI thread as the person at the keyboard (what they
        may not approve is greyed)."""
        month = self.month
        if month is None:
            return None
        self.operation = self.latest.read(
            lambda ledger: pending.pending_deeds(ledger, month), self._loaded)
        return self.operation

    @property
    def reading(self) -> bool:
        """The latest read has not come back yet."""
        return self.operation is not None and self.operation.running

    def _loaded(self, found: list[pending.Waiting]) -> None:
        self.model.set_items(found)
        self.label.setText(self.ctx.t("ui.month.pending", count=len(found)))
        self._enable()

    def selected(self) -> list[pending.Waiting]:
        rows = sorted(i.row() for i in self.table.selectionModel().selectedRows())
        return [w for r in rows if (w := self.model.pending_at(r)) is not None]

    def selected_deed(self) -> Deed | None:
        chosen = self.selected()
        return chosen[0].deed if chosen else None

    def _enable(self) -> None:
        t = self.ctx.t
        count = len(self.selected())
        why_not = refusals(self.ctx.person, Action.APPROVE)
        self.approve_button.setText(t("ui.pending.approve", count=count) if count
                                    else t("ui.ledger.approve"))
        self.approve_button.setEnabled(count > 0 and not why_not)
        self.approve_button.setToolTip(problem_lines(why_not, self.ctx.lang))
        self.void_button.setEnabled(count == 1)

    def ask_approve(self) -> QMessageBox | None:
        """One question for all the selected deeds; those the person may not approve are said
        before, and stay waiting."""
        chosen = self.selected()
        if not chosen:
            return None
        t = self.ctx.t
        cannot = [w for w in chosen if w.refused]
        text = t("ui.pending.ask", count=len(chosen), name=self.ctx.user)
        if cannot:
            text += "\n\n" + t("ui.pending.ask_cannot", count=len(cannot)) + "\n" + \
                problem_lines([p for w in cannot for p in w.refused], self.ctx.lang)
        ids: list[int] = [w.deed.id for w in chosen]
        box = ask(self, "approveBox", t("ui.pending.title"), text, lambda: self.approve(ids))
        self.box = box
        return box

    def approve(self, ids: list[int]) -> Operation[deeds.Approved]:
        """Approve on the writer thread, those that may be; the others are named after."""
        return write(self.ctx, self, lambda ledger: deeds.approve_deeds(
            ledger, ids, valid_only=True), done=self._approved)

    def _approved(self, result: deeds.Approved) -> None:
        t = self.ctx.t
        text = t("ui.pending.approved", count=len(result.approved))
        if result.refused:
            refused = {p.params.get("deed_id") for p in result.refused}
            text += "\n\n" + t("ui.pending.not_approved", count=len(refused)) + "\n" + \
                problem_lines(result.refused, self.ctx.lang)
        self.box = show_info(self, text, self.ctx.lang)

    def _void(self) -> None:
        deed = self.selected_deed()
        if deed is not None:
            self.void_requested.emit(deed)
