"""Entry: transcribe a paper field sheet line by line, by keyboard.

Enter moves to the next field and, on the last one, saves the line durably (one transaction per
line through services.deeds.enter_deed, invariant 6: the deed names its sheet and line). Problems
show on the line as the gatherer types; Ctrl+Z undoes the last line (a void underneath)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from village_tally.core.deed import Deed, Resident, Source, Status
from village_tally.core.names import normalize_name
from village_tally.core.points import ZERO, parse_points, parse_quantity
from village_tally.core.problem import Field, ParseError, Problem
from village_tally.core.rule import Rule
from village_tally.services import browse, deeds, roster
from village_tally.ui.context import UiContext
from village_tally.ui.entry_line import COL_STATUS, EntryLine
from village_tally.ui.entry_match import free_words, line_date, match_rules
from village_tally.ui.form_layout import column_title, field_sheet_lines, field_sheet_spec
from village_tally.ui.messages import field_of, problem_text
from village_tally.ui.operation import write

RETURN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
# Problems about fields the gatherer has not reached yet are not shown while typing.
NOT_YET = {"deed.rule_or_points", "name.empty"}
# The field a deed check's problem is about, for the problems that do not name one yet.
FIELD_OF = {"resident.unknown": Field.NAME, "resident.ambiguous": Field.NAME,
            "resident.inactive": Field.NAME, "resident.not_in_household": Field.NAME,
            "rule.unknown": Field.RULE, "rule.inactive": Field.RULE,
            "deed.quantity_too_fine": Field.QUANTITY, "date.future": Field.DATE,
            "deed.month_closed": Field.DATE, "deed.duplicate_line": Field.LINE,
            "deed.text_missing": Field.TEXT}


class EntryView(QWidget):
    """The field sheet on screen: sheet number, gatherer and date, then one row per paper line."""

    deed_entered = Signal(int)
    line_undone = Signal(int)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None,
                 lines: int | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._where: dict[QObject, tuple[EntryLine | None, str]] = {}
        self._choices: list[object] = []
        self._choices_for: tuple[EntryLine, str] | None = None
        self._sheet = ""
        head = self._build_header()
        self.spec = field_sheet_spec()
        scroll = self._build_grid(lines or field_sheet_lines(self.spec))
        side = self._build_side()
        self.summary = QLabel(self, objectName="entrySummary")
        body = QHBoxLayout()
        body.addWidget(scroll, 4)
        body.addLayout(side, 1)
        outer = QVBoxLayout(self)
        outer.addLayout(head)
        outer.addLayout(body, 1)
        outer.addWidget(self.summary)
        self.reload_people()
        self._reset_lines()

    def _build_header(self) -> QFormLayout:
        t = self.ctx.t
        self.sheet_edit = QLineEdit(self, objectName="sheetEdit")
        self.sheet_edit.setPlaceholderText(t("ui.entry.sheet_hint"))
        self.sheet_edit.editingFinished.connect(self._sheet_changed)
        self.gatherer_box = QComboBox(self, objectName="gathererBox")
        self.gatherer_box.setEditable(True)
        self.gatherer_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.date_edit = QLineEdit(self.ctx.ledger.today().isoformat(), self,
                                   objectName="sheetDate")
        self.sheet_edit.setMaximumWidth(220)
        self.gatherer_box.setMaximumWidth(220)
        self.date_edit.setMaximumWidth(220)
        head = QFormLayout()
        head.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        head.addRow(t("ui.entry.sheet"), self.sheet_edit)
        head.addRow(t("ui.entry.gatherer"), self.gatherer_box)
        head.addRow(t("ui.entry.date"), self.date_edit)
        # An editable combo box handles keys itself and forwards them to its line edit.
        for w, kind in ((self.sheet_edit, "sheet"), (self.gatherer_box, "gatherer"),
                        (self.gatherer_box.lineEdit(), "gatherer"),
                        (self.date_edit, "sheet_date")):
            self._where[w] = (None, kind)
            w.installEventFilter(self)
        return head

    def _build_grid(self, count: int) -> QScrollArea:
        self.grid_host = QWidget(self)
        grid = QGridLayout(self.grid_host)
        # Column titles as printed on the paper form, so the eye goes from paper to screen.
        for col, (key, code) in enumerate((
                ("line", "ui.entry.col.no"), ("date", "ui.entry.col.date"),
                ("name", "ui.entry.col.name"), ("household", "ui.entry.col.household"),
                ("rule", "ui.entry.col.rule"), ("quantity", "ui.entry.col.quantity"),
                ("points", "ui.entry.col.points"), ("witness", "ui.entry.col.witness"),
                ("", "ui.entry.col.reason"), ("", "ui.entry.col.status"))):
            title = column_title(self.spec, key, self.ctx.lang, self.ctx.t(code))
            grid.addWidget(QLabel(f"<b>{title}</b>", self.grid_host), 0, col)
        grid.setColumnStretch(COL_STATUS, 1)
        self.lines = [EntryLine.build(n, self.grid_host, grid, n) for n in range(1, count + 1)]
        grid.setRowStretch(count + 1, 1)
        for line in self.lines:
            for e, kind in ((line.date, "date"), (line.name, "name"), (line.rule, "rule"),
                            (line.quantity, "quantity"), (line.witness, "witness"),
                            (line.reason, "reason")):
                self._where[e] = (line, kind)
                e.installEventFilter(self)
            line.name.textEdited.connect(lambda _t, ln=line: self._name_typed(ln))
            line.rule.textEdited.connect(lambda _t, ln=line: self._rule_typed(ln))
            line.quantity.textEdited.connect(lambda _t, ln=line: self._show_points(ln))
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.grid_host)
        return self.scroll

    def _build_side(self) -> QVBoxLayout:
        self.candidates = QListWidget(self, objectName="candidates")
        self.candidates.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.candidates.itemDoubleClicked.connect(self._candidate_clicked)
        self.candidate_caption = QLabel(self.ctx.t("ui.entry.candidates"), self)
        keys = QLabel(self.ctx.t("ui.entry.keys"), self)
        keys.setWordWrap(True)
        side = QVBoxLayout()
        side.addWidget(self.candidate_caption)
        side.addWidget(self.candidates, 1)
        side.addWidget(keys)
        return side

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.FontChange:  # the larger-text setting
            for line in self.lines:
                line.fit_widths()
        super().changeEvent(event)

    # --- header ------------------------------------------------------------------------------

    def reload_people(self) -> None:
        current = self.gatherer_box.currentText() or self.ctx.user
        names = [n for n, role in roster.list_users(self.ctx.ledger) if role == "gatherer"]
        self.gatherer_box.clear()
        self.gatherer_box.addItems(names)
        self.gatherer_box.setEditText(current)

    @property
    def gatherer(self) -> str:
        return normalize_name(self.gatherer_box.currentText())

    @property
    def sheet(self) -> str:
        return normalize_name(self.sheet_edit.text())

    def _sheet_date(self) -> str:
        return self.date_edit.text().strip()

    def _sheet_changed(self) -> None:
        if self.sheet != self._sheet:
            self._sheet = self.sheet
            self._reset_lines()
            self._show_entered()

    def _show_entered(self) -> None:
        """A sheet entered before (or half entered when the program was closed) shows its
        saved lines again, locked; the gatherer goes on from the first open line."""
        if not self.sheet:
            return
        rules = {r.code: r for r in self.ctx.ledger.scheme.rules}
        for deed in browse.sheet_deeds(self.ctx.ledger, self.sheet):
            line_no = deed.source.line or 0
            if not 1 <= line_no <= len(self.lines):
                continue
            line = self.lines[line_no - 1]
            line.resident = roster.get_resident(self.ctx.ledger, deed.resident_id)
            line.picked_rule = rules.get(deed.rule_code or "")
            line.date.setText(deed.date.isoformat())
            line.name.setText(deed.name)
            line.household.setText(f"{deed.household} {deed.area}".strip())
            line.rule.setText(deed.rule_code or deed.title)
            line.quantity.setText(f"{deed.quantity.normalize():f}")
            line.points.setText(deed.points.signed())
            line.saved_id = deed.id
            line.saved_points = deed.points
            line.pending = deed.status == Status.PENDING
            line.lock(True)
            line.show_status(self.ctx.t("ui.entry.entered_before", deed_id=deed.id,
                                        recorder=deed.recorder), "info")
        self._update_summary()

    def _reset_lines(self) -> None:
        for line in self.lines:
            line.clear(self._sheet_date())
        self._set_choices(None, "", [])
        self._update_summary()

    def _header_problem(self) -> str | None:
        if not self.sheet:
            return self.ctx.t("ui.entry.need_sheet")
        if not self.gatherer:
            return self.ctx.t("ui.entry.need_gatherer")
        try:
            line_date(self._sheet_date(), self.ctx.ledger.today())
        except ParseError as exc:
            return problem_text(exc.problem(), self.ctx.lang)
        return None

    def _header_enter(self, kind: str) -> None:
        if kind == "sheet":
            self._sheet_changed()
            self.gatherer_box.setFocus()
            self.gatherer_box.lineEdit().selectAll()
        elif kind == "gatherer":
            self.date_edit.setFocus()
            self.date_edit.selectAll()
        else:
            try:
                day = line_date(self._sheet_date(), self.ctx.ledger.today())
            except ParseError:
                return
            self.date_edit.setText(day.isoformat())
            for line in self.lines:
                if line.open and not line.touched:
                    line.date.setText(day.isoformat())
            self.focus_line(self.first_open_line())

    # --- keys --------------------------------------------------------------------------------

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind_of = event.type()
        if obj not in self._where or not isinstance(event, QKeyEvent) \
                or kind_of not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        is_undo = event.matches(QKeySequence.StandardKey.Undo)
        if kind_of == QEvent.Type.ShortcutOverride:
            if is_undo:
                event.accept()  # our undo (a void), not the line edit's text undo
            return is_undo
        line, kind = self._where[obj]
        if is_undo:
            self.undo_last()
            return True
        if line is not None:
            return self._line_key(line, kind, event.key(), event.modifiers())
        if event.key() in RETURN_KEYS:
            self._header_enter(kind)
            return True
        return False

    def _line_key(self, line: EntryLine, kind: str, key: int,
                  mods: Qt.KeyboardModifier) -> bool:
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and kind in ("name", "rule") \
                and not ctrl and self.candidates.count():
            step = 1 if key == Qt.Key.Key_Down else -1
            self.candidates.setCurrentRow((self.candidates.currentRow() + step)
                                          % self.candidates.count())
        elif key in RETURN_KEYS:
            if not line.open:
                self.focus_line(self._next_line(line))
            else:
                self._advance(line, kind)
        elif key == Qt.Key.Key_Escape:
            if line.open:
                line.clear(self._sheet_date())
                self._set_choices(None, "", [])
                self.focus_line(line)
        elif key == Qt.Key.Key_PageDown or (key == Qt.Key.Key_Down and ctrl):
            self.focus_line(self._next_line(line))
        elif key == Qt.Key.Key_PageUp or (key == Qt.Key.Key_Up and ctrl):
            self.focus_line(self.lines[max(0, line.number - 2)])
        else:
            return False
        return True

    # --- typing ------------------------------------------------------------------------------

    def _name_typed(self, line: EntryLine) -> None:
        line.resident = None
        line.household.clear()
        text = line.name.text()
        found = roster.find_residents(self.ctx.ledger, text, limit=8) if text.strip() else []
        self._set_choices(line, "name", found)
        if text.strip() and not found:
            line.show_status(self._say("resident.unknown", name=normalize_name(text)), "problem")
        else:
            line.show_status("", "info")

    def _rule_typed(self, line: EntryLine) -> None:
        line.picked_rule = None
        line.points.clear()
        line.set_free(None)
        text = line.rule.text()
        found = match_rules(list(self.ctx.ledger.scheme.rules), text)
        self._set_choices(line, "rule", found)
        if text.strip() and not found and free_words(text):
            line.show_status(self.ctx.t("ui.entry.free_hint"), "pending")
        elif text.strip() and not found:
            line.show_status(self._say("rule.unknown", code=text.strip()), "problem")
        elif line.resident is not None:
            self._live_check(line)

    def _set_choices(self, line: EntryLine | None, kind: str, items: list) -> None:
        self.candidates.clear()
        self._choices = list(items)
        self._choices_for = (line, kind) if line is not None else None
        lang = self.ctx.lang
        for item in items:
            if kind == "name":
                head = self.ctx.t("ui.entry.head") if item.is_head else ""
                text = f"{item.name}　{item.household}　{item.area}　{head}".rstrip()
            else:
                text = f"{item.code}　{item.title(lang)}　{item.points.signed()}/{item.unit(lang)}"
            QListWidgetItem(text, self.candidates)
        if items:
            self.candidates.setCurrentRow(0)

    def _candidate_clicked(self, _item: QListWidgetItem) -> None:
        if self._choices_for is not None:
            line, kind = self._choices_for
            self._advance(line, kind)

    def _chosen(self, line: EntryLine, kind: str) -> object | None:
        if self._choices_for != (line, kind) or not self._choices:
            return None
        return self._choices[max(0, self.candidates.currentRow())]

    def _show_points(self, line: EntryLine) -> None:
        rule = line.picked_rule
        if rule is None:
            line.points.clear()
            return
        try:
            qty = parse_quantity(line.quantity.text() or "1")
            line.points.setText(rule.points.times(qty).signed())
        except ParseError as exc:
            line.points.clear()
            line.show_status(problem_text(exc.problem(), self.ctx.lang), "problem")

    # --- moving on ---------------------------------------------------------------------------

    def _advance(self, line: EntryLine, kind: str) -> None:
        problem = self._header_problem()
        if problem:
            line.show_status(problem, "problem")
            (self.sheet_edit if not self.sheet else self.gatherer_box).setFocus()
            return
        if kind == "date":
            try:
                day = line_date(line.date.text(), line_date(self._sheet_date(),
                                                            self.ctx.ledger.today()))
            except ParseError as exc:
                line.show_status(problem_text(exc.problem(), self.ctx.lang), "problem")
                return
            line.date.setText(day.isoformat())
            line.name.setFocus()
        elif kind == "name":
            self._accept_name(line)
        elif kind == "rule":
            self._accept_rule(line)
        else:
            self._try_save(line)

    def _accept_name(self, line: EntryLine) -> None:
        chosen = self._chosen(line, "name") if line.resident is None else line.resident
        if not isinstance(chosen, Resident):
            text = normalize_name(line.name.text())
            code = "resident.unknown" if text else "name.empty"
            line.show_status(self._say(code, name=text), "problem")
            return
        line.resident = chosen
        line.name.setText(chosen.name)
        line.household.setText(f"{chosen.household} {chosen.area}".strip())
        self._set_choices(None, "", [])
        self._live_check(line)
        line.rule.setFocus()
        line.rule.selectAll()

    def _accept_rule(self, line: EntryLine) -> None:
        chosen = self._chosen(line, "rule") if line.picked_rule is None else line.picked_rule
        if not isinstance(chosen, Rule):
            text = line.rule.text().strip()
            if free_words(text):
                self._free_points(line, text)
            else:
                line.show_status(self._say("rule.unknown", code=text), "problem")
            return
        line.picked_rule = chosen
        line.rule.setText(chosen.code)
        self._set_choices(None, "", [])
        self._show_points(line)
        self._live_check(line)
        line.quantity.setFocus()
        line.quantity.selectAll()

    def _free_points(self, line: EntryLine, text: str) -> None:
        """Words that match no rule: the gatherer types the points; the deed will wait for
        the committee's approval (services.deeds: no rule, so pending)."""
        line.set_free(normalize_name(text))
        edit = line.points_edit()
        if edit not in self._where:
            self._where[edit] = (line, "points")
            edit.installEventFilter(self)
            edit.textEdited.connect(lambda _t, ln=line: self._live_check(ln))
        self._set_choices(None, "", [])
        self._live_check(line)
        edit.setFocus()
        edit.selectAll()

    def _input(self, line: EntryLine) -> deeds.DeedInput:
        assert line.resident is not None
        sheet_day = line_date(self._sheet_date(), self.ctx.ledger.today())
        reason = line.reason.text().strip() if not line.reason.isHidden() else ""
        witness = normalize_name(line.witness.text())
        note = f"{self.ctx.t('ui.entry.col.witness')}：{witness}" if witness else None
        free = line.free_text is not None and line.free_points is not None
        return deeds.DeedInput(
            resident=line.resident.id, date=line_date(line.date.text(), sheet_day),
            rule=line.picked_rule.code if line.picked_rule and not free else None,
            quantity=deeds.ONE if free else parse_quantity(line.quantity.text() or "1"),
            points=parse_points(line.free_points.text()) if free else None,
            deed_text=line.free_text if free else None,
            recorder=self.gatherer, source=Source(self.sheet, line.number),
            note=note, override=reason or None)

    def _live_check(self, line: EntryLine) -> None:
        """Show every problem the line has so far (duplicate line, cap reached …)."""
        if line.resident is None:  # the name comes first: nothing to check yet
            return
        if line.free_points is not None and line.free_text is not None \
                and not line.free_points.text().strip():
            line.show_status(self.ctx.t("ui.entry.free_points"), "pending")
            return
        try:
            checked = deeds.check_deed(self.ctx.ledger, self._input(line))
        except ParseError as exc:
            line.show_status(problem_text(exc.problem(), self.ctx.lang), "problem")
            return
        shown = [p for p in checked.problems if p.code not in NOT_YET]
        if shown:
            line.show_status(self._problems(shown), "problem")
        elif checked.ok and checked.pending:
            line.show_status(self.ctx.t("ui.entry.will_be_pending"), "pending")
        else:
            line.show_status("", "info")

    def _try_save(self, line: EntryLine) -> None:
        if line.resident is None or (line.picked_rule is None and line.free_text is None):
            (line.name if line.resident is None else line.rule).setFocus()
            return
        try:
            deed_input = self._input(line)
        except ParseError as exc:
            line.show_status(problem_text(exc.problem(), self.ctx.lang), "problem")
            return
        checked = deeds.check_deed(self.ctx.ledger, deed_input)
        if checked.problems:
            self._refused(line, checked.problems)
        else:
            self._save(line, deed_input)

    def _refused(self, line: EntryLine, problems: tuple[Problem, ...] | list[Problem]) -> None:
        """Problems on the line, the keyboard on the field to mend."""
        line.show_status(self._problems(problems), "problem")
        if {p.code for p in problems} == {"deed.cap_reached"}:
            # Beyond the monthly cap only with a reason written on the line.
            line.reason.show()
            line.reason.setFocus()
        else:
            first = problems[0]
            self._focus_field(line, field_of(first.where) or FIELD_OF.get(first.code))

    def _save(self, line: EntryLine, deed_input: deeds.DeedInput) -> None:
        """Hand the line to the writer thread and go on to the next line at once; the line
        says when it is saved, or shows why not and takes the keyboard back."""
        line.saving = True
        line.lock(True)
        line.show_status("", "info")
        write(self.ctx, self, lambda ledger: deeds.enter_deed(ledger, deed_input),
              ledger=self.ctx.ledger.as_actor(self.gatherer),
              done=lambda result: self._saved(line, result[0]),
              problems=lambda problems: self._refused(line, problems),
              ended=lambda: self._save_ended(line))
        self.focus_line(self._next_line(line))

    def _saved(self, line: EntryLine, entered: Deed) -> None:
        line.saved_id = entered.id
        line.saved_points = entered.points
        line.pending = entered.status == Status.PENDING
        key = "ui.entry.saved_pending" if line.pending else "ui.entry.saved"
        line.show_status(self.ctx.t(key, deed_id=entered.id, points=entered.points.signed()),
                         "pending" if line.pending else "ok")
        self._update_summary()
        self.deed_entered.emit(entered.id)

    def _save_ended(self, line: EntryLine) -> None:
        """Saved or not: a line not saved is open again with what was typed (nothing was
        written, and no work is lost)."""
        line.saving = False
        if not line.saved:
            line.lock(False)

    # --- undo --------------------------------------------------------------------------------

    def undo_last(self) -> None:
        """Ctrl+Z: void the gatherer's last live entry and reopen its line for correction."""
        gatherer = self.gatherer
        if not gatherer:
            return
        write(self.ctx, self, lambda ledger: deeds.undo_last(ledger, recorder=gatherer),
              ledger=self.ctx.ledger.as_actor(gatherer), done=self._undone)

    def _undone(self, voided: deeds.Voided) -> None:
        line = next((ln for ln in self.lines if ln.saved_id == voided.deed_id), None)
        if line is not None:
            line.saved_id = None
            line.saved_points = ZERO
            line.pending = False
            line.lock(False)
            line.show_status(self.ctx.t("ui.entry.undone", deed_id=voided.deed_id), "info")
            self.focus_line(line)
        self._update_summary()
        self.line_undone.emit(voided.deed_id)

    # --- helpers -----------------------------------------------------------------------------

    def _say(self, message: str, **params: object) -> str:
        return problem_text(Problem.at(message, **params), self.ctx.lang)

    def _problems(self, problems: tuple[Problem, ...] | list[Problem]) -> str:
        return ("；" if self.ctx.lang == "zh" else "; ").join(
            problem_text(p, self.ctx.lang) for p in problems)

    def _focus_field(self, line: EntryLine, field: Field | None) -> None:
        """The keyboard to the widget of the line's field (the points or quantity if none)."""
        fallback = line.free_points if line.free_text is not None else None
        widgets = {Field.DATE: line.date, Field.MONTH: line.date, Field.NAME: line.name,
                   Field.HOUSEHOLD: line.name, Field.LINE: line.name, Field.RULE: line.rule,
                   Field.TEXT: line.rule, Field.QUANTITY: line.quantity,
                   Field.OVERRIDE: line.reason, Field.NOTE: line.witness,
                   Field.SHEET: self.sheet_edit, Field.RECORDER: self.gatherer_box}
        target = widgets.get(field) if field is not None else None
        (target or fallback or line.quantity).setFocus()

    def _next_line(self, line: EntryLine) -> EntryLine:
        return self.lines[min(line.number, len(self.lines) - 1)]

    def first_open_line(self) -> EntryLine:
        return next((ln for ln in self.lines if ln.open), self.lines[-1])

    def focus_line(self, line: EntryLine) -> None:
        line.name.setFocus()
        line.name.selectAll()
        self.scroll.ensureWidgetVisible(line.name)

    def _update_summary(self) -> None:
        saved = [ln for ln in self.lines if ln.saved]
        total = sum((ln.saved_points for ln in saved), ZERO)
        self.summary.setText(self.ctx.t("ui.entry.summary", lines=len(saved),
                                        points=total.signed()))

    def reload(self) -> None:
        """The handbook or roster changed: nothing cached here but the gatherer list."""
        self.reload_people()
