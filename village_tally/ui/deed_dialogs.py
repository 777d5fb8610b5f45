"""Dialogs about one deed: void it with a reason (its audit trail is ui/audit_view.py)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from village_tally.core.deed import Deed
from village_tally.i18n import tr
from village_tally.ui.context import UiContext
from village_tally.ui.messages import problems_label
from village_tally.ui.named import named
from village_tally.ui.operation import Operation, in_label, write

if TYPE_CHECKING:
    from village_tally.services.session import Ledger


class ReasonDialog(QDialog):
    """Ask for a reason (void, move, status change): OK stays disabled until one is written.

    With `act`, OK runs it (on the writer thread) with the reason: bad input is said in the
    dialog, which stays open with what was typed; done, it closes."""

    def __init__(self, ctx: UiContext, title: str, prompt: str, parent: QWidget | None = None,
                 *, act: Callable[[Ledger, str], object] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.ctx = ctx
        self.act = act
        self.operation: Operation[object] | None = None
        self.reason_edit = named(QLineEdit(self), "reasonEdit")
        self.problems = problems_label(self, "reasonProblems")
        self.form = form = QFormLayout()  # dialogs built on this one add their rows here
        form.addRow(QLabel(prompt, self))
        form.addRow(ctx.t("ui.reason"), self.reason_edit)
        form.addRow(self.problems)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setEnabled(False)
        self.reason_edit.textChanged.connect(lambda _text: self._enable())
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    @property
    def reason(self) -> str:
        return self.reason_edit.text().strip()

    def _enable(self) -> None:
        busy = self.operation is not None and self.operation.running
        self.ok_button.setEnabled(bool(self.reason) and not busy)

    def call(self, reason: str) -> Callable[[Ledger], object] | None:
        """What OK does with the reason. Dialogs with more fields read them here, on the GUI
        thread; the call itself runs on the writer thread."""
        act = self.act
        return None if act is None else (lambda ledger: act(ledger, reason))

    def accept(self) -> None:
        call = self.call(self.reason)
        if call is None:
            super().accept()
            return
        self.problems.clear()
        self.operation = write(self.ctx, self, call, done=lambda _r: QDialog.accept(self),
                               problems=in_label(self.problems, self.ctx.lang),
                               ended=self._enable)
        self._enable()


def void_prompt(deed: Deed, lang: str, titles: Mapping[str, str]) -> str:
    """What is about to be voided, its title in the reader's language (Scheme.deed_titles)."""
    return tr("ui.void.prompt", lang, deed_id=deed.id, name=deed.name,
              title=titles.get(deed.rule_code or "", deed.title),
              points=deed.points.signed(), date=deed.date.isoformat())
