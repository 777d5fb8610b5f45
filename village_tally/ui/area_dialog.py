"""The village's areas (片区, a gatherer's corner): each with its number of households, and a new
one added by name. Renaming an area has no service yet, so it is not offered here."""

from __future__ import annotations

from collections import Counter

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from village_tally.services import roster
from village_tally.services.errors import EnvironmentFault, InputError
from village_tally.ui.context import UiContext
from village_tally.ui.messages import problem_lines, show_error


class AreaDialog(QDialog):
    """Type a name and press Enter to add an area; problems show in the dialog."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        t = ctx.t
        self.setObjectName("areaDialog")
        self.setWindowTitle(t("ui.areas.title"))
        self.areas = QListWidget(self, objectName="areaList")
        self.name_edit = QLineEdit(self, objectName="newAreaName")
        self.name_edit.setPlaceholderText(t("ui.areas.new_hint"))
        self.name_edit.returnPressed.connect(self.add)
        add = QPushButton(t("ui.areas.add"), self, objectName="addArea")
        add.setAutoDefault(False)  # Enter in the name field adds, it does not close
        add.clicked.connect(self.add)
        row = QHBoxLayout()
        row.addWidget(self.name_edit, 1)
        row.addWidget(add)
        self.problems = QLabel(self, objectName="areaProblems")
        self.problems.setStyleSheet("color: #b00020;")
        self.problems.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        for button in buttons.buttons():
            button.setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.areas, 1)
        layout.addLayout(row)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)
        self.resize(360, 420)
        self.refresh()

    def refresh(self) -> None:
        households = Counter(h.area for h in roster.list_households(self.ctx.ledger))
        self.areas.clear()
        for name in roster.list_areas(self.ctx.ledger):
            self.areas.addItem(self.ctx.t("ui.areas.line", name=name,
                                          households=households.get(name, 0)))

    def add(self) -> None:
        name = self.name_edit.text()
        try:
            changes = roster.add_area(self.ctx.acting(), name)
        except InputError as exc:
            self.problems.setText(problem_lines(exc.problems, self.ctx.lang))
            return
        except EnvironmentFault as exc:
            show_error(self, exc, self.ctx.lang)
            return
        self.problems.clear()
        self.name_edit.clear()
        self.refresh()
        self.ctx.bus.publish(changes)
