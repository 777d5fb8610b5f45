"""The smallest sign-in the desktop program needs until its sign-in screen exists: a box in the
toolbar that lists the village's people; choosing one asks for their PIN (hidden as it is
typed) and signs them in through `services.people.sign_in`; "nobody" signs out (the window
then reads but does not write). A village without a secretary offers to name one."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QWidget,
)

from village_tally.core.person import Person
from village_tally.services import people
from village_tally.services.changes import Changes
from village_tally.services.session import Ledger
from village_tally.ui.context import UiContext
from village_tally.ui.messages import problems_label, show_info
from village_tally.ui.named import named
from village_tally.ui.operation import Operation, in_label, write

SETUP = "\x00setup"  # the box's item that names the first secretary


class SignInBar(QWidget):
    """Who is signed in, and the way to sign in as someone else."""

    person_changed = Signal(object)  # Person | None

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: QDialog | None = None
        self.box = named(QComboBox(self), "userBox")
        self.box.setMinimumContentsLength(10)
        self.box.activated.connect(self._chosen)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.box)
        self.fill()
        ctx.bus.changed.connect(self._changes)

    def fill(self) -> None:
        """The people who can sign in, the one signed in chosen."""
        t = self.ctx.t
        self.box.blockSignals(True)
        self.box.clear()
        self.box.addItem(t("ui.sign_in.nobody"), None)
        for p in people.list_people(self.ctx.ledger):
            if not p.retired and p.pin_set:
                self.box.addItem(f"{p.name}（{t(f'role.{p.role.value}')}）", p.name)
        if people.needs_secretary(self.ctx.ledger):
            self.box.addItem(t("ui.sign_in.name_secretary"), SETUP)
        found = self.box.findData(self.ctx.user) if self.ctx.person is not None else 0
        self.box.setCurrentIndex(max(found, 0))
        self.box.blockSignals(False)

    def _changes(self, changes: Changes) -> None:
        if changes.people:
            self.fill()

    def _chosen(self, index: int) -> None:
        data = self.box.itemData(index)
        if data is None:
            self.set_person(None)
        elif data == SETUP:
            self._name_secretary()
        else:
            self._ask_pin(str(data))

    def _ask_pin(self, name: str) -> None:
        dialog = named(QInputDialog(self), "pinDialog")
        dialog.setWindowTitle(self.ctx.t("ui.sign_in.title"))
        dialog.setLabelText(self.ctx.t("ui.sign_in.pin", name=name))
        dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
        dialog.textValueSelected.connect(lambda pin: self.sign_in(name, pin))
        dialog.rejected.connect(self.fill)
        dialog.open()
        self.dialog = dialog

    def sign_in(self, name: str, pin: str) -> Operation[Ledger]:
        """Check the PIN on the writer thread (a wrong one is counted and may lock out)."""
        op: Operation[Ledger] = write(
            self.ctx, self, lambda ledger: people.sign_in(ledger, name, pin),
            ledger=self.ctx.ledger, done=lambda ledger: self.set_person(ledger.actor),
            ended=self.fill)
        return op

    def set_person(self, person: Person | None) -> None:
        self.ctx.person = person
        self.fill()
        if self.dialog is not None:  # the keyboard goes back to the window
            self.dialog.deleteLater()
            self.dialog = None
        self.window().activateWindow()
        self.person_changed.emit(person)

    def _name_secretary(self) -> None:
        dialog = SecretaryDialog(self.ctx, self)
        dialog.named.connect(self._secretary_named)
        dialog.rejected.connect(self.fill)
        dialog.open()
        self.dialog = dialog

    def _secretary_named(self, made: people.Secretary) -> None:
        self.set_person(made.ledger.actor)
        show_info(self, self.ctx.t("ui.sign_in.recovery_code", recovery=made.recovery_code,
                                   count=len(made.brought_in)), self.ctx.lang)


class SecretaryDialog(QDialog):
    """Name the village's first secretary and their PIN (typed twice)."""

    named = Signal(object)  # people.Secretary

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("secretaryDialog")
        t = ctx.t
        self.ctx = ctx
        self.setWindowTitle(t("ui.sign_in.name_secretary"))
        self.name = named(QLineEdit(self), "secretaryName")
        self.pin = named(QLineEdit(self), "secretaryPin")
        self.again = named(QLineEdit(self), "secretaryPinAgain")
        for edit in (self.pin, self.again):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.problems = problems_label(self, "secretaryProblems")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self._ok)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(t("ui.sign_in.secretary"), self.name)
        form.addRow(t("ui.sign_in.new_pin"), self.pin)
        form.addRow(t("ui.sign_in.new_pin_again"), self.again)
        form.addRow(self.problems)
        form.addRow(buttons)

    def _ok(self) -> None:
        if self.pin.text() != self.again.text():
            self.problems.setText(self.ctx.t("pin.mismatch"))
            return
        name, pin = self.name.text(), self.pin.text()
        write(self.ctx, self, lambda ledger: people.name_first_secretary(
            ledger, name=name, pin=pin), ledger=self.ctx.ledger, done=self._done,
            problems=in_label(self.problems, self.ctx.lang))

    def _done(self, made: people.Secretary) -> None:
        self.accept()
        self.named.emit(made)
