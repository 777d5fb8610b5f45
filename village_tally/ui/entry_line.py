"""One line of the field sheet on screen: its widgets, and `render(state)`, which makes them say
what the entry sheet's line holds (entry_sheet.SheetLine).

A line is either a rule's (points follow from the rule and the quantity) or free points: words
that match no rule and points typed by the gatherer, which wait for the committee's approval.
The points field for those is made the first time a line needs it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QWidget

from village_tally.core.problem import Field
from village_tally.i18n import tr
from village_tally.ui.sheet_line import Say, SheetLine
from village_tally.ui.words import problem_text

# Grid columns, as on the paper form.
COL_NO, COL_DATE, COL_NAME, COL_HOUSEHOLD, COL_RULE, COL_QTY, COL_POINTS, COL_WITNESS, \
    COL_REASON, COL_STATUS = range(10)
COLOURS = {"ok": "#1b6e20", "pending": "#8a5a00", "problem": "#b00020", "info": "#555", "": ""}
# What the entry screen does with each edit of a line (watch it: keys and typing).
Watch = Callable[[QLineEdit, int, Field], None]


def say_text(say: Say, lang: str) -> str:
    """A line's status in words. The line is where its problems are: each is said without the
    field it names (the keyboard goes there)."""
    if say.problems:
        return ("；" if lang == "zh" else "; ").join(problem_text(p, lang, place=False)
                                                     for p in say.problems)
    return tr(say.code, lang, **dict(say.params)) if say.code else ""


@dataclass
class EntryLine:
    """The widgets of one paper line."""

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
    watch: Watch
    grid: QGridLayout
    row: int
    free_points: QLineEdit | None = None
    edits: dict[Field, QLineEdit] = field(default_factory=dict)

    @classmethod
    def build(cls, number: int, parent: QWidget, grid: QGridLayout, row: int,
              watch: Watch) -> EntryLine:
        def edit(name: str) -> QLineEdit:
            e = QLineEdit(parent)
            e.setObjectName(f"{name}{number}")
            return e

        no = QLabel(str(number), parent)
        line = cls(number, edit("date"), edit("name"), QLabel(parent), edit("rule"),
                   edit("qty"), QLabel(parent), edit("witness"), edit("reason"), QLabel(parent),
                   watch, grid, row)
        line.fit_widths()
        line.status.setObjectName(f"status{number}")
        line.status.setWordWrap(True)
        line.reason.hide()
        line.edits = {Field.DATE: line.date, Field.NAME: line.name, Field.RULE: line.rule,
                      Field.QUANTITY: line.quantity, Field.NOTE: line.witness,
                      Field.OVERRIDE: line.reason}
        for where, e in line.edits.items():
            watch(e, number, where)
        for col, w in ((COL_NO, no), (COL_DATE, line.date), (COL_NAME, line.name),
                       (COL_HOUSEHOLD, line.household), (COL_RULE, line.rule),
                       (COL_QTY, line.quantity), (COL_POINTS, line.points),
                       (COL_WITNESS, line.witness), (COL_REASON, line.reason),
                       (COL_STATUS, line.status)):
            grid.addWidget(w, row, col)
        return line

    def fit_widths(self) -> None:
        """Widths in characters of the current font, so larger text still fits; the rule's
        field holds a code or, for free points, the deed in words (eight Chinese characters:
        帮五保户修屋顶)."""
        metrics = QFontMetrics(self.name.font())
        digit = metrics.horizontalAdvance("0")
        rule = max(digit * 6, metrics.horizontalAdvance("帮五保户修屋顶了"))
        for widget, width in ((self.date, digit * 11), (self.name, digit * 10),
                              (self.rule, rule), (self.quantity, digit * 5),
                              (self.witness, digit * 8), (self.reason, digit * 14)):
            widget.setFixedWidth(width + 12)
        self.household.setMinimumWidth(digit * 9)
        self.points.setMinimumWidth(digit * 4)
        if self.free_points is not None:
            self.free_points.setFixedWidth(digit * 6 + 12)

    def points_edit(self) -> QLineEdit:
        """The field for free points (made the first time it is needed)."""
        if self.free_points is None:
            edit = QLineEdit(self.points.parentWidget())
            edit.setObjectName(f"points{self.number}")
            edit.hide()
            self.free_points = edit
            self.fit_widths()
            self.grid.addWidget(edit, self.row, COL_POINTS)
            self.edits[Field.POINTS] = edit
            self.watch(edit, self.number, Field.POINTS)
        return self.free_points

    def widget(self, where: Field) -> QLineEdit:
        """The edit of one of the line's fields (the points field made if it must be)."""
        return self.points_edit() if where == Field.POINTS else self.edits[where]

    def render(self, state: SheetLine, lang: str) -> None:
        """Make the widgets say what the line holds (a text being typed is left alone)."""
        for edit, text in ((self.date, state.date), (self.name, state.name),
                           (self.rule, state.rule_text), (self.quantity, state.quantity),
                           (self.witness, state.witness), (self.reason, state.reason)):
            if edit.text() != text:
                edit.setText(text)
        self.household.setText(state.household)
        if state.free:
            edit = self.points_edit()
            if edit.text() != state.points:
                edit.setText(state.points)
            self.points.hide()
            edit.show()
        else:
            self.points.setText(state.points)
            if self.free_points is not None:
                self.free_points.clear()
                self.free_points.hide()
            self.points.show()
        self.reason.setVisible(state.needs_reason)
        self.status.setText(say_text(state.say, lang))
        colour = COLOURS[state.say.kind]
        self.status.setStyleSheet(f"color: {colour};" if colour else "")
        for e in self.edits.values():
            e.setReadOnly(not state.open)
