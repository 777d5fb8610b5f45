"""One line of the field sheet on screen: its widgets and what has been chosen on it.

A line is either a rule's (points follow from the rule and the quantity) or free points: words
that match no rule and points typed by the gatherer, which wait for the committee's approval.
The points field for those is made the first time a line needs it."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QWidget

from village_tally.core.deed import Resident
from village_tally.core.points import ZERO, Points
from village_tally.core.rule import Rule

# Grid columns, as on the paper form.
COL_NO, COL_DATE, COL_NAME, COL_HOUSEHOLD, COL_RULE, COL_QTY, COL_POINTS, COL_WITNESS, \
    COL_REASON, COL_STATUS = range(10)


@dataclass
class EntryLine:
    """Widgets of one paper line and the resident and rule picked on it."""

    number: int
    date: QLineEdit
    name: QLineEdit
    household: QLabel
    rule: QLineEdit
    quantity: QLineEdit
    points: QLabel
    witness: QLineEdit
    reason: QLineEdit
    status: QLabel
    resident: Resident | None = None
    picked_rule: Rule | None = None
    saved_id: int | None = None
    saved_points: Points = ZERO
    saving: bool = False  # handed to the writer thread, not saved yet
    pending: bool = False
    edits: list[QLineEdit] = field(default_factory=list)
    free_text: str | None = None  # the deed in words, when no rule is used
    free_points: QLineEdit | None = None
    grid: QGridLayout | None = None
    row: int = 0

    @classmethod
    def build(cls, number: int, parent: QWidget, grid: QGridLayout, row: int) -> EntryLine:
        def edit(name: str) -> QLineEdit:
            e = QLineEdit(parent)
            e.setObjectName(f"{name}{number}")
            return e

        no = QLabel(str(number), parent)
        line = cls(number, edit("date"), edit("name"), QLabel(parent), edit("rule"),
                   edit("qty"), QLabel(parent), edit("witness"), edit("reason"), QLabel(parent))
        line.grid, line.row = grid, row
        line.fit_widths()
        line.status.setObjectName(f"status{number}")
        line.status.setWordWrap(True)
        line.reason.hide()
        line.edits = [line.date, line.name, line.rule, line.quantity, line.witness, line.reason]
        for col, w in ((COL_NO, no), (COL_DATE, line.date), (COL_NAME, line.name),
                       (COL_HOUSEHOLD, line.household), (COL_RULE, line.rule),
                       (COL_QTY, line.quantity), (COL_POINTS, line.points),
                       (COL_WITNESS, line.witness), (COL_REASON, line.reason),
                       (COL_STATUS, line.status)):
            grid.addWidget(w, row, col)
        return line

    def fit_widths(self) -> None:
        """Widths in characters of the current font, so larger text still fits."""
        digit = QFontMetrics(self.name.font()).horizontalAdvance("0")
        for widget, chars in ((self.date, 11), (self.name, 10), (self.rule, 6),
                              (self.quantity, 5), (self.witness, 8), (self.reason, 14)):
            widget.setFixedWidth(digit * chars + 12)
        self.household.setMinimumWidth(digit * 9)
        self.points.setMinimumWidth(digit * 4)
        if self.free_points is not None:
            self.free_points.setFixedWidth(digit * 6 + 12)

    def points_edit(self) -> QLineEdit:
        """The field for free points (made the first time it is needed)."""
        if self.free_points is not None:
            return self.free_points
        assert self.grid is not None
        edit = QLineEdit(self.points.parentWidget())
        edit.setObjectName(f"points{self.number}")
        edit.hide()
        self.free_points = edit
        self.fit_widths()
        self.grid.addWidget(edit, self.row, COL_POINTS)
        self.edits.append(edit)
        return edit

    def set_free(self, text: str | None) -> None:
        """Free points for the deed in `text` (the points field replaces the rule's points),
        or back to a rule's line with None."""
        self.free_text = text
        if text is not None:
            edit = self.points_edit()
            self.points.hide()
            edit.show()
        elif self.free_points is not None:
            self.free_points.clear()
            self.free_points.hide()
            self.points.show()

    @property
    def saved(self) -> bool:
        return self.saved_id is not None

    @property
    def open(self) -> bool:
        """Still to be typed: neither saved nor being saved."""
        return not self.saved and not self.saving

    @property
    def touched(self) -> bool:
        return bool(self.name.text().strip() or self.rule.text().strip())

    def lock(self, locked: bool) -> None:
        for e in self.edits:
            e.setReadOnly(locked)

    def clear(self, sheet_date: str) -> None:
        self.lock(False)
        self.resident = None
        self.picked_rule = None
        self.saved_id = None
        self.saved_points = ZERO
        self.saving = False
        self.pending = False
        self.date.setText(sheet_date)
        for e in (self.name, self.rule, self.quantity, self.witness, self.reason):
            e.clear()
        self.set_free(None)
        self.reason.hide()
        for label in (self.household, self.points, self.status):
            label.clear()
        self.status.setStyleSheet("")

    def show_status(self, text: str, kind: str) -> None:
        """kind: ok, pending, problem, info — a colour a person can read at a glance."""
        colours = {"ok": "#1b6e20", "pending": "#8a5a00", "problem": "#b00020", "info": "#555"}
        self.status.setText(text)
        self.status.setStyleSheet(f"color: {colours[kind]};")
