"""A new PIN typed twice, hidden: the fields and the check that both say the same (naming the
first secretary, a secretary's PIN reset with the recovery code)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from village_tally.ui.context import UiContext
from village_tally.ui.named import named


def new_pin_fields(parent: QWidget, name: str) -> tuple[QLineEdit, QLineEdit]:
    """The PIN and the PIN again (objects `name` and `name`+'Again'); Enter in the first goes
    to the second."""
    pin, again = named(QLineEdit(parent), name), named(QLineEdit(parent), f"{name}Again")
    for edit in (pin, again):
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        edit.setMaxLength(8)
    pin.returnPressed.connect(again.setFocus)
    return pin, again


def pins_differ(ctx: UiContext, pin: QLineEdit, again: QLineEdit, problems: QLabel) -> bool:
    """The two differ: said, and the second is to be typed again."""
    if pin.text() == again.text():
        return False
    problems.setText(ctx.t("pin.mismatch"))
    again.setFocus()
    again.selectAll()
    return True
