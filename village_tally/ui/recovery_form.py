"""A secretary who forgot their PIN, on the sign-in screen: the recovery code the committee
keeps (printed when the secretary was named) and a new PIN typed twice; the PIN is set, a new
code replaces the old one and is shown once (services.people.recover_secretary, which counts a
wrong code as a wrong PIN). Esc goes back to the names."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFormLayout, QFrame, QLabel, QLineEdit, QPushButton, QWidget

from village_tally.services import people
from village_tally.ui.context import UiContext
from village_tally.ui.messages import problems_label
from village_tally.ui.named import named
from village_tally.ui.operation import Operation, in_label, write
from village_tally.ui.pin_fields import new_pin_fields, pins_differ


class RecoveryForm(QFrame):
    """`recovered(people.Secretary)` once the new PIN is set; `back` on Esc."""

    recovered = Signal(object)
    back = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryForm")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        t = ctx.t
        self.ctx, self.name = ctx, ""
        self.intro = named(QLabel(self), "recoveryIntro")
        self.intro.setWordWrap(True)
        self.code = named(QLineEdit(self), "recoveryCode")
        self.code.setPlaceholderText(t("ui.recover.code_hint"))
        self.pin, self.again = new_pin_fields(self, "recoveryPin")
        self.code.returnPressed.connect(self.pin.setFocus)
        self.again.returnPressed.connect(self.submit)
        self.problems = problems_label(self, "recoveryProblems")
        self.button = named(QPushButton(t("ui.recover.button"), self), "recoveryButton")
        self.button.clicked.connect(self.submit)
        self.back_button = named(QPushButton(t("ui.recover.back"), self), "recoveryBack")
        self.back_button.setFlat(True)
        self.back_button.clicked.connect(self.back.emit)
        form = QFormLayout(self)
        form.addRow(self.intro)
        form.addRow(t("ui.recover.code"), self.code)
        form.addRow(t("ui.sign_in.new_pin"), self.pin)
        form.addRow(t("ui.sign_in.new_pin_again"), self.again)
        form.addRow(self.button)
        form.addRow(self.back_button)
        form.addRow(self.problems)
        self.setMinimumWidth(560)

    def start(self, name: str) -> None:
        """For this secretary: empty fields, the keyboard in the code."""
        self.name = name
        self.intro.setText(self.ctx.t("ui.recover.intro", name=name))
        for edit in (self.code, self.pin, self.again):
            edit.clear()
        self.problems.clear()
        self.code.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape:
            self.back.emit()
            return
        super().keyPressEvent(event)

    def submit(self) -> Operation[people.Secretary] | None:
        if pins_differ(self.ctx, self.pin, self.again, self.problems):
            return None
        name, code, pin = self.name, self.code.text(), self.pin.text()
        return write(self.ctx, self, lambda ledger: people.recover_secretary(
            ledger, name=name, code=code, pin=pin), ledger=self.ctx.ledger,
            done=self.recovered.emit, problems=in_label(self.problems, self.ctx.lang))
