"""Confirming scanned sheets: the lines a scan proposes, not saved until a person says so.

The date is asked once; the sure lines are accepted together (one Enter); each line to check
is shown beside the picture of its paper line (the handwritten name box included, a cross-
check) and fixed by keyboard: the resident's number on the sheet's back or a name, the rule's
number or code, the quantity; Enter confirms it, PgDn leaves it for later. Confirmed lines
become deeds through `services.scan_confirm.confirm_lines` (hand entry's checks) on the writer
thread; a line a check refuses stays here with the reason."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from PySide6.QtCore import QByteArray, QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from village_tally.core.month import parse_date
from village_tally.core.points import parse_quantity
from village_tally.core.problem import Field, ParseError, Problem
from village_tally.services import deeds
from village_tally.services.scan_confirm import (
    Confirmation,
    Confirmed,
    ScannedSheet,
    confirm_lines,
)
from village_tally.ui.columns import keep_fitted
from village_tally.ui.context import UiContext
from village_tally.ui.named import named
from village_tally.ui.operation import Operation, write
from village_tally.ui.scan_line_model import (
    READY,
    REVIEW,
    SAVED,
    ScanLineModel,
    ScanRow,
    why_unsure,
)
from village_tally.ui.words import problem_lines

IMAGE_WIDTH = 1000  # px: a paper line's picture, wide enough to read the handwritten name
NOTES_SHOWN = 5  # pages not read, named one a line; more are counted


def default_date(sheets: Sequence[ScannedSheet], today: dt.date) -> dt.date:
    """The sheets' month's last day, or today while the month runs."""
    return min([s.month.last_day for s in sheets[:1]] + [today])


def _over_cap(problems: tuple[Problem, ...]) -> bool:
    return any(p.code in deeds.CAP_CODES for p in problems)


class ScanConfirmWindow(QWidget):
    """The scanned sheets of one opening (File › Open scans, files dropped on the window)."""

    def __init__(self, ctx: UiContext, sheets: Sequence[ScannedSheet], *,
                 notes: Sequence[str] = (), entered: int = 0,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.ctx = ctx
        self.setObjectName("scanConfirm")
        self.setWindowTitle(ctx.t("ui.scan.title"))
        self.notes = list(notes[:NOTES_SHOWN])
        if len(notes) > NOTES_SHOWN:
            self.notes.append(ctx.t("ui.scan.more_notes", count=len(notes) - NOTES_SHOWN))
        self.model = ScanLineModel(ctx.lang, self)
        self.model.set_items([ScanRow(s, p, READY if p.ready else REVIEW,
                                      "" if p.ready else why_unsure(p, ctx.lang))
                              for s in sheets for p in s.lines])
        self.entered_before = entered  # lines of these sheets entered before: not again
        self.current: ScanRow | None = None
        self.skipped: set[tuple[str, int]] = set()
        self.op: Operation[Confirmed] | None = None
        self._prefill: dict[QLineEdit, str] = {}
        self._build(sheets)
        self.refresh()
        self.review.setEnabled(False)  # until the sure lines are done
        self.date_edit.setFocus()
        self.date_edit.selectAll()

    # --- building -----------------------------------------------------------------------------

    def _build(self, sheets: Sequence[ScannedSheet]) -> None:
        t = self.ctx.t
        self.summary = named(QLabel(self), "scanSummary")
        self.summary.setWordWrap(True)
        self.date_edit = named(QLineEdit(self), "scanDate")
        self.date_edit.setText(default_date(sheets, self.ctx.ledger.today()).isoformat())
        self.date_edit.returnPressed.connect(self._date_entered)
        self.accept_button = named(QPushButton(self), "acceptSure")
        self.accept_button.setAutoDefault(True)  # Enter on it, once it has the keyboard
        self.accept_button.clicked.connect(self.accept_sure)
        top = QHBoxLayout()
        top.addWidget(QLabel(t("ui.scan.date"), self))
        top.addWidget(self.date_edit)
        top.addWidget(self.accept_button)
        top.addStretch(1)
        self.table = named(QTableView(self), "scanLines")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        keep_fitted(self.table, stretch=ScanLineModel.COL_STATE)
        self.table.clicked.connect(self._clicked)
        self.close_button = named(QPushButton(t("ui.close"), self), "closeScans")
        self.close_button.setAutoDefault(True)
        self.close_button.clicked.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self._build_review())
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        layout.addLayout(bottom)
        QShortcut(QKeySequence(Qt.Key.Key_PageDown), self, self.skip)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)
        self.resize(1200, 760)

    def _build_review(self) -> QGroupBox:
        t = self.ctx.t
        self.review = named(QGroupBox(self), "scanReview")
        self.image = named(QLabel(self.review), "scanImage")
        self.image.setMinimumHeight(60)
        hint = QLabel(t("ui.scan.review_hint"), self.review)
        hint.setWordWrap(True)
        self.resident_edit = named(QLineEdit(self.review), "scanResident")
        self.rule_edit = named(QLineEdit(self.review), "scanRule")
        self.quantity_edit = named(QLineEdit(self.review), "scanQuantity")
        self.override_edit = named(QLineEdit(self.review), "scanOverride")
        self.edits = (self.resident_edit, self.rule_edit, self.quantity_edit)
        for edit in (*self.edits, self.override_edit):
            edit.returnPressed.connect(lambda e=edit: self._field_entered(e))
        self.meaning = named(QLabel(self.review), "scanMeaning")  # what the numbers stand for
        for edit in (self.resident_edit, self.rule_edit):
            edit.textChanged.connect(self._say_meaning)
        self.problems = named(QLabel(self.review), "scanProblems")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #b00020")
        self.form = form = QFormLayout()
        form.addRow(t("ui.scan.resident"), self.resident_edit)
        form.addRow(t("ui.scan.rule"), self.rule_edit)
        form.addRow(t("ui.scan.quantity"), self.quantity_edit)
        form.addRow(t("ui.scan.override"), self.override_edit)  # shown past a monthly cap
        form.setRowVisible(self.override_edit, False)
        confirm = named(QPushButton(t("ui.scan.confirm_line"), self.review), "confirmLine")
        confirm.clicked.connect(self.confirm_current)
        skip = named(QPushButton(t("ui.scan.skip") + " (PgDn)", self.review), "skipLine")
        skip.clicked.connect(self.skip)
        fields = QHBoxLayout()
        fields.addLayout(form, 1)
        buttons = QVBoxLayout()
        buttons.addWidget(confirm)
        buttons.addWidget(skip)
        fields.addLayout(buttons)
        box = QVBoxLayout(self.review)
        box.addWidget(self.image)
        box.addWidget(hint)
        box.addLayout(fields)
        box.addWidget(self.meaning)
        box.addWidget(self.problems)
        return self.review

    # --- what it shows ------------------------------------------------------------------------

    def refresh(self) -> None:
        ready = self.model.count(READY)
        lines = [self.ctx.t("ui.scan.summary", sheets=len({r.line.sheet
                                                          for r in self.model.items}),
                            ready=ready, review=self.model.count(REVIEW),
                            entered=self.entered_before), *self.notes]
        if not self.model.items:
            lines.insert(0, self.ctx.t("ui.scan.nothing"))
        self.summary.setText("\n".join(lines))
        self.accept_button.setText(self.ctx.t("ui.scan.accept", count=ready))
        self.accept_button.setEnabled(ready > 0)

    def show_review(self, row: ScanRow | None) -> None:
        self.current = row
        self.review.setEnabled(row is not None)
        self.problems.setText(row.said if row is not None else "")
        if row is None:
            self.review.setTitle(self.ctx.t("ui.scan.all_done"))
            self.image.clear()
            for edit in self.edits:
                edit.clear()
            self.close_button.setFocus()
            return
        ln = row.line
        self.review.setTitle(self.ctx.t("ui.scan.review", sheet=ln.sheet, line=ln.line))
        picture = QPixmap()
        picture.loadFromData(QByteArray(ln.image), "PNG")
        self.image.setPixmap(picture.scaledToWidth(min(IMAGE_WIDTH, picture.width()),
                                                   Qt.TransformationMode.SmoothTransformation))
        reads = (ln.resident, ln.rule, ln.quantity)
        values = (row.sheet.name_of(ln.resident_id), ln.rule_code or "",
                  str(ln.quantity.value) if ln.quantity.value else "")
        self._prefill = {}
        for edit, read, value in zip(self.edits, reads, values, strict=True):
            edit.setText(value if read.certainty == "sure" else "")
            self._prefill[edit] = edit.text()
        self.override_edit.clear()
        self.form.setRowVisible(self.override_edit, _over_cap(row.problems))
        self.table.selectRow(self.model.items.index(row))
        self._order()[0].setFocus()

    def _say_meaning(self) -> None:
        """What the typed numbers stand for on this sheet: the resident and the rule."""
        row = self.current
        if row is None:
            self.meaning.clear()
            return
        who = row.sheet.resident_for(self.resident_edit.text())
        name = row.sheet.name_of(who) if not isinstance(who, str) else who
        code = row.sheet.rule_for(self.rule_edit.text())
        rule = next((r for r in self.ctx.ledger.scheme.rules if r.code == code), None)
        title = (rule.title_en if self.ctx.lang == "en" and rule.title_en else
                 rule.title_zh) if rule is not None else ""
        self.meaning.setText(" · ".join(x for x in (name, f"{code} {title}".strip()) if x))

    def _order(self) -> list[QLineEdit]:
        """The fields the person must fill, in the order Enter goes through them: the doubtful
        ones, the reason past a cap once a check asked for it; all three if a check refused
        a line read for sure for another reason."""
        if self.current is None:
            return list(self.edits)
        ln = self.current.line
        order = [e for e, read in zip(self.edits, (ln.resident, ln.rule, ln.quantity),
                                      strict=True) if read.certainty != "sure"]
        if self.form.isRowVisible(self.override_edit):
            order.append(self.override_edit)
        return order or list(self.edits)

    def next_review(self) -> None:
        """The next line to check (after the one shown), or none: all done."""
        rows = [r for r in self.model.items if r.state == REVIEW and r.key not in self.skipped]
        self.show_review(rows[0] if rows else None)

    # --- keys ---------------------------------------------------------------------------------

    def _date(self) -> dt.date | None:
        try:
            return parse_date(self.date_edit.text())
        except ParseError as exc:
            self.problems.setText(problem_lines((exc.problem(),), self.ctx.lang))
            self.date_edit.setFocus()
            return None

    def _date_entered(self) -> None:
        if self._date() is None:
            return
        if self.accept_button.isEnabled():
            self.accept_button.setFocus()
        else:
            self.next_review()

    def _field_entered(self, edit: QLineEdit) -> None:
        order = self._order()
        at = order.index(edit) + 1 if edit in order else len(order)
        if at < len(order):
            order[at].setFocus()
            order[at].selectAll()
        else:
            self.confirm_current()

    def _clicked(self, index: QModelIndex) -> None:
        row = self.model.item_at(index.row())
        if row is not None and row.state == REVIEW:
            self.skipped.discard(row.key)
            self.show_review(row)

    def skip(self) -> None:
        if self.current is not None:
            self.skipped.add(self.current.key)
        self.next_review()

    # --- confirming ---------------------------------------------------------------------------

    def accept_sure(self) -> None:
        date = self._date()
        rows = [r for r in self.model.items if r.state == READY]
        if date is None or not rows:
            return
        confirmations = [Confirmation(r.line.sheet, r.line.line, date,
                                      r.line.resident_id or "", r.line.rule_code or "",
                                      Decimal(r.line.quantity.value or 0)) for r in rows]
        self._confirm(confirmations, then=self.next_review)

    def _typed(self, date: dt.date) -> Confirmation | None:
        """The line as the person has it now, or None with the reason shown."""
        row = self.current
        assert row is not None
        typed = self.resident_edit.text()
        resident = (row.line.resident_id if typed == self._prefill.get(self.resident_edit)
                    and row.line.resident_id is not None else row.sheet.resident_for(typed))
        try:
            quantity = parse_quantity(self.quantity_edit.text())
        except ParseError as exc:
            self._refused((exc.problem(),))
            return None
        override = self.override_edit.text().strip() if self.form.isRowVisible(
            self.override_edit) else ""
        return Confirmation(row.line.sheet, row.line.line, date, resident,
                            row.sheet.rule_for(self.rule_edit.text()), quantity,
                            override=override or None)

    def confirm_current(self) -> None:
        date = self._date()
        if self.current is None or date is None:
            return
        confirmation = self._typed(date)
        if confirmation is not None:
            self._confirm([confirmation], then=self.next_review)

    def _confirm(self, confirmations: list[Confirmation], *, then: object) -> None:
        def done(result: Confirmed) -> None:
            for deed in result.deeds:
                self._set(deed.source.sheet or "", deed.source.line or 0, SAVED,
                          deed_id=deed.id)
            for (sheet, line), problems in result.refused.items():
                self._set(sheet, line, REVIEW, said=problem_lines(problems, self.ctx.lang),
                          problems=problems)
            self.refresh()
            shown = self.current
            if shown is not None and shown.key in result.refused:
                self._refused(result.refused[shown.key])
            elif callable(then):
                then()

        self.op = write(self.ctx, self, lambda ledger: confirm_lines(ledger, confirmations),
                        done=done)

    def _set(self, sheet: str, line: int, state: str, *, said: str = "",
             deed_id: int | None = None, problems: tuple[Problem, ...] = ()) -> None:
        for row in self.model.items:
            if row.key == (sheet, line):
                row.state, row.said, row.deed_id, row.problems = state, said, deed_id, problems
                self.model.changed(row)

    def _refused(self, problems: tuple[Problem, ...]) -> None:
        """A check refused the line shown: the reason, and the keyboard at its field."""
        self.problems.setText(problem_lines(problems, self.ctx.lang))
        if _over_cap(problems):  # hand entry's rule: beyond the cap only with a reason
            self.form.setRowVisible(self.override_edit, True)
            self.override_edit.setFocus()
            return
        at = {Field.NAME: self.resident_edit, Field.HOUSEHOLD: self.resident_edit,
              Field.RULE: self.rule_edit, Field.QUANTITY: self.quantity_edit}
        edit = next((at[p.where.field] for p in problems if p.where.field in at),
                    self._order()[0])
        edit.setFocus()
        edit.selectAll()
