"""Signing on to the village-hall screen and off it: a committee member (or the secretary)
chooses their name and types their PIN. The PIN is checked, and counted when wrong, as at
any sign-in (services.people.sign_in); a gatherer's PIN does not open or close the screen."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from village_tally.core.authority import Action, may, refusals
from village_tally.services import people
from village_tally.services.errors import InputError
from village_tally.services.session import Ledger
from village_tally.ui.context import UiContext
from village_tally.ui.named import named
from village_tally.ui.operation import Operation, in_label, write


class KioskExitDialog(QDialog):
    """Name and PIN of a person who may open the screen; `signed_off` with their ledger."""

    signed_off = Signal(object)  # Ledger, acting as the person

    def __init__(self, ctx: UiContext, parent: QWidget | None = None, *,
                 title: str = "kiosk.exit_title") -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(ctx.t(title))
        self.who = named(QComboBox(self), "kioskStaff")
        for p in people.list_people(ctx.ledger):
            if may(p, Action.KIOSK) and p.pin_set:
                self.who.addItem(p.name, p.name)
        self.pin = named(QLineEdit(self), "kioskPin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.problems = named(QLabel(self), "problems")
        self.problems.setStyleSheet("color: #b00020;")
        self.problems.setWordWrap(True)
        form = QFormLayout()
        form.addRow(ctx.t("kiosk.staff"), self.who)
        form.addRow(ctx.t("kiosk.pin"), self.pin)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.check)
        buttons.rejected.connect(self.reject)
        self.pin.returnPressed.connect(self.check)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(ctx.t("kiosk.exit_hint"), self))
        layout.addLayout(form)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)

    def check(self) -> Operation[Ledger]:
        name, pin = str(self.who.currentData() or ""), self.pin.text()
        self.pin.clear()
        return write(self.ctx, self, lambda ledger: _staff(people.sign_in(ledger, name, pin)),
                     ledger=self.ctx.ledger, done=self._done,
                     problems=in_label(self.problems, self.ctx.lang))

    def _done(self, ledger: Ledger) -> None:
        self.accept()
        self.signed_off.emit(ledger)


def _staff(ledger: Ledger) -> Ledger:
    """The signed-in ledger, if its person may run the screen (a gatherer may not)."""
    found = refusals(ledger.actor, Action.KIOSK)
    if found:
        raise InputError(found)
    return ledger
