"""The committee's reward brackets (奖励档次): which points earn rice, oil and cash on the
rewards list. Edited as a small table; nothing is saved until every bracket is right, and every
problem shows in the dialog at once."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from village_tally.core.points import parse_points
from village_tally.core.problem import ParseError, Problem, Where
from village_tally.core.reward import BASES, Bracket, Rewards
from village_tally.services import rules
from village_tally.services.changes import Changes
from village_tally.ui.context import UiContext
from village_tally.ui.named import named
from village_tally.ui.operation import Operation, in_label, write

COLUMNS = ("ui.rewards.name", "ui.rewards.minimum", "ui.rewards.rice", "ui.rewards.oil",
           "ui.rewards.cash")


class RewardsDialog(QDialog):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        t = ctx.t
        self.setWindowTitle(t("ui.rewards.title"))
        self.setObjectName("rewardsDialog")
        rewards = ctx.ledger.scheme.rewards
        self.basis = named(QComboBox(self), "rewardsBasis")
        for basis in BASES:
            self.basis.addItem(t(f"print.rewards.basis.{basis}"), basis)
        self.basis.setCurrentIndex(BASES.index(rewards.basis))
        self.table = named(QTableWidget(0, len(COLUMNS), self), "rewardsTable")
        self.table.setHorizontalHeaderLabels([t(c) for c in COLUMNS])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        for b in rewards.brackets:
            self.add_row((b.name, str(b.minimum), str(b.rice), str(b.oil), str(b.cash)))
        add = named(QPushButton(t("ui.rewards.add"), self), "addBracket")
        add.clicked.connect(lambda: self.add_row(("", "", "0", "0", "0")))
        remove = named(QPushButton(t("ui.rewards.remove"), self), "removeBracket")
        remove.clicked.connect(self.remove_selected)
        self.problems = named(QLabel(self), "problems")
        self.problems.setStyleSheet("color: #b00020;")
        self.problems.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(t("ui.rewards.basis"), self.basis)
        row_buttons = QHBoxLayout()
        row_buttons.addWidget(add)
        row_buttons.addWidget(remove)
        row_buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addLayout(row_buttons)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)
        self.resize(560, 360)

    def add_row(self, cells: tuple[str, ...]) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, text in enumerate(cells):
            self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.setCurrentCell(row, 0)

    def remove_selected(self) -> None:
        for index in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(index)

    def _cell(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item is not None else ""

    def rewards(self) -> tuple[Rewards | None, list[Problem]]:
        """The table as brackets, or every cell that is not a number as a problem, at once."""
        problems: list[Problem] = []
        brackets = []
        for row in range(self.table.rowCount()):
            where = Where(row=row + 1, header=self.ctx.t(COLUMNS[1]))
            minimum = None
            try:
                minimum = parse_points(self._cell(row, 1))
            except ParseError as exc:
                problems.append(exc.problem(where))
            amounts = []
            for column in (2, 3, 4):
                text = self._cell(row, column) or "0"
                if not text.lstrip("-").isdigit():
                    problems.append(Problem.at("ui.rewards.whole_number",
                                               Where(row=row + 1,
                                                     header=self.ctx.t(COLUMNS[column])),
                                               value=text))
                    text = "0"
                amounts.append(int(text))
            if minimum is not None:
                brackets.append(Bracket(self._cell(row, 0), minimum, *amounts))
        if problems:
            return None, problems
        ordered = sorted(brackets, key=lambda b: -b.minimum.hundredths)
        return Rewards(tuple(ordered), str(self.basis.currentData())), []

    def save(self) -> Operation[Changes] | None:
        show = in_label(self.problems, self.ctx.lang)
        rewards, problems = self.rewards()
        if rewards is None:
            show(tuple(problems))
            return None
        return write(self.ctx, self, lambda ledger: rules.update_rewards(ledger, rewards),
                     done=lambda _c: self.accept(), problems=show)
