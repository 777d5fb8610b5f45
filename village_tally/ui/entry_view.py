"""Entry: transcribe a paper field sheet line by line, by keyboard.

The widget side of the entry sheet (entry_sheet.py holds the state and decides what each key
does): the header, a grid of lines that follows the printed form, the residents or rules to
choose from, and the keys. Enter moves to the next field and, on the last one, hands the line to
the writer thread (services.deeds.enter_deed, one transaction per line; invariant 6: the deed
names its sheet and line). Ctrl+Z undoes the last line (a void underneath)."""

from __future__ import annotations

from collections.abc import Iterator

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

from village_tally.core.deed import Deed, Resident
from village_tally.core.names import normalize_name
from village_tally.core.person import Person, Role
from village_tally.core.problem import Field, Problem
from village_tally.services import deeds, people, roster, sheets
from village_tally.services.changes import Changes
from village_tally.ui.context import UiContext
from village_tally.ui.entry_line import COL_STATUS, EntryLine
from village_tally.ui.entry_sheet import Aside, EntrySheet
from village_tally.ui.form_layout import column_title, field_sheet_lines, field_sheet_spec
from village_tally.ui.name_search import NameSearch
from village_tally.ui.named import named
from village_tally.ui.operation import read, write
from village_tally.ui.sheet_line import Focus, Save
from village_tally.ui.turns import finish

RETURN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
LINES_PER_PART = 5  # built in one turn of the event loop (a few ms: bench/bench_gui.py)
CHOOSING = (Field.NAME, Field.RULE)  # ↑/↓ pick among the residents or rules offered
COLUMNS = (("line", "ui.entry.col.no"), ("date", "ui.entry.col.date"),
           ("name", "ui.entry.col.name"), ("household", "ui.entry.col.household"),
           ("rule", "ui.entry.col.rule"), ("quantity", "ui.entry.col.quantity"),
           ("points", "ui.entry.col.points"), ("witness", "ui.entry.col.witness"),
           ("", "ui.entry.col.reason"), ("", "ui.entry.col.status"))


class EntryView(QWidget):
    """The field sheet on screen: sheet number, gatherer and date, then one row per paper line."""

    deed_entered = Signal(int)
    line_undone = Signal(int)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None,
                 lines: int | None = None, *, staged: bool = False) -> None:
        """`staged`: only the frame now; the rest is `building`, a part per next() (the main
        window gives each a turn of the event loop: turns.py)."""
        super().__init__(parent)
        self.ctx = ctx
        self.spec = field_sheet_spec()
        self.sheet = EntrySheet(ctx.ledger, ctx.lang, lines or field_sheet_lines(self.spec),
                                acting=ctx.acting)
        self._where: dict[QObject, tuple[int | None, Field]] = {}
        self.lines: list[EntryLine] = []
        self._roster_reads = 0
        # whose typing the open lines are; sheets others left half typed, by who typed them
        self._typist = ctx.user
        self._aside: dict[str, Aside] = {}
        self.building = self._build()
        if not staged:
            finish(self.building)

    def _build(self) -> Iterator[None]:
        head = self._build_header()
        scroll = self._build_grid()
        side = self._build_side()
        self.summary = QLabel(self)
        self.summary.setObjectName("entrySummary")
        body = QHBoxLayout()
        body.addWidget(scroll, 4)
        body.addLayout(side, 1)
        outer = QVBoxLayout(self)
        outer.addLayout(head)
        outer.addLayout(body, 1)
        outer.addWidget(self.summary)
        self.ctx.bus.person_changed.connect(self._person_changed)
        self.ctx.bus.changed.connect(self._changed)
        self._read_roster()
        # What a sheet number's Enter reads, readied off the GUI thread once (the statements'
        # first compile and the scan sheets' module: 45-220 ms under the first sheet number
        # typed on the 1,000,000-deed village, bench/bench_gui.py).
        read(self.ctx, self, sheets.prepare)
        yield
        yield from self._build_lines()
        self.reload_people()
        yield
        self._render_all()

    def _build_header(self) -> QFormLayout:
        t = self.ctx.t
        self.sheet_edit = QLineEdit(self)
        self.sheet_edit.setObjectName("sheetEdit")
        self.sheet_edit.setPlaceholderText(t("ui.entry.sheet_hint"))
        self.sheet_edit.editingFinished.connect(self._sheet_changed)
        self.gatherer_box = QComboBox(self)
        self.gatherer_box.setObjectName("gathererBox")
        self.gatherer_box.setEditable(True)
        self.gatherer_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.gatherer_box.editTextChanged.connect(self._gatherer_typed)
        self.gatherer_finder = NameSearch(self)  # gatherers by initials, made on a worker
        self.gatherer_finder.ready.connect(self._gatherer_initials_in)
        self._gatherer_waiting = False  # Enter pressed while their initials were being made
        self.date_edit = QLineEdit(self.sheet.date, self)
        self.date_edit.setObjectName("sheetDate")
        self.date_edit.textChanged.connect(self._date_typed)
        self._fit_header()
        head = QFormLayout()
        head.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        head.addRow(t("ui.entry.sheet"), self.sheet_edit)
        self.gatherer_note = named(QLabel(self), "gathererNote")
        gatherer_row = QHBoxLayout()
        gatherer_row.addWidget(self.gatherer_box)
        gatherer_row.addWidget(self.gatherer_note, 1)
        head.addRow(t("ui.entry.gatherer"), gatherer_row)
        head.addRow(t("ui.entry.date"), self.date_edit)
        # An editable combo box handles keys itself and forwards them to its line edit.
        edit = self.gatherer_box.lineEdit()
        assert edit is not None  # the combo box is editable
        self.gatherer_edit: QLineEdit = edit
        watched: tuple[tuple[QWidget, Field], ...] = (
            (self.sheet_edit, Field.SHEET), (self.gatherer_box, Field.RECORDER),
            (self.gatherer_edit, Field.RECORDER), (self.date_edit, Field.DATE))
        for widget, where in watched:
            self._where[widget] = (None, where)
            widget.installEventFilter(self)
        return head

    def _build_grid(self) -> QScrollArea:
        self.grid_host = QWidget(self)
        grid = QGridLayout(self.grid_host)
        # Column titles as printed on the paper form, so the eye goes from paper to screen.
        for col, (key, code) in enumerate(COLUMNS):
            title = column_title(self.spec, key, self.ctx.lang, self.ctx.t(code))
            grid.addWidget(QLabel(f"<b>{title}</b>", self.grid_host), 0, col)
        grid.setColumnStretch(COL_STATUS, 1)
        self.grid = grid
        self.scroller = QScrollArea(self)
        self.scroller.setWidgetResizable(True)
        self.scroller.setWidget(self.grid_host)
        return self.scroller

    def _build_lines(self) -> Iterator[None]:
        """The paper lines, a few per part (each line is ten widgets)."""
        count = len(self.sheet.lines)
        for n in range(1, count + 1):
            self.lines.append(EntryLine.build(n, self.grid_host, self.grid, n, self._watch))
            if n % LINES_PER_PART == 0 and n < count:
                yield
        self.grid.setRowStretch(count + 1, 1)

    def _watch(self, edit: QLineEdit, number: int, where: Field) -> None:
        """Keys and typing in one of a line's fields go to the sheet."""
        self._where[edit] = (number, where)
        edit.installEventFilter(self)
        edit.textEdited.connect(lambda text: self._typed(number, where, text))

    def _build_side(self) -> QVBoxLayout:
        self.candidates = QListWidget(self)
        self.candidates.setObjectName("candidates")
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

    def _fit_header(self) -> None:
        """The header's fields as wide as what they say: the sheet number's field shows its
        whole hint ('the number at the top of the paper sheet') until it is typed."""
        metrics = self.sheet_edit.fontMetrics()
        hint = metrics.horizontalAdvance(self.sheet_edit.placeholderText()) + 24
        for w in (self.sheet_edit, self.gatherer_box, self.date_edit):
            w.setMinimumWidth(max(hint, metrics.horizontalAdvance("0") * 16))
            w.setMaximumWidth(max(hint, 220))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.FontChange:  # the larger-text setting
            for line in self.lines:
                line.fit_widths()
            self._fit_header()
        super().changeEvent(event)

    # --- showing the sheet ---------------------------------------------------------------------

    def _render(self, number: int) -> None:
        self.lines[number - 1].render(self.sheet.line(number), self.ctx.lang)

    def _render_all(self) -> None:
        for line in self.lines:
            self._render(line.number)
        self._render_choices()
        self._update_summary()

    def _render_choices(self) -> None:
        lang = self.ctx.lang
        texts = []
        for item in self.sheet.choices:
            if isinstance(item, Resident):
                head = self.ctx.t("ui.entry.head") if item.is_head else ""
                texts.append(f"{item.name}　{item.household}　{item.area}　{head}".rstrip())
            else:
                texts.append(f"{item.code}　{item.title(lang)}　{item.points.signed()}/"
                             f"{item.unit(lang)}")
        self.candidates.clear()
        self.candidates.addItems(texts)  # in one go: each item added alone is laid out alone
        if self.sheet.choices:
            self.candidates.setCurrentRow(self.sheet.highlighted)

    def _update_summary(self) -> None:
        lines, points = self.sheet.total()
        t = self.ctx.t
        kept = [t("ui.entry.kept_for", name=name, lines=aside.unsaved)
                for name, aside in self._aside.items()]
        self.summary.setText("　".join([t("ui.entry.summary", lines=lines,
                                          points=points.signed()), *kept]))

    def _person_changed(self, person: Person | None) -> None:
        """Locked and taken back by the same person: the sheet stays. Someone else signs in:
        the lines the last person typed and did not save are put aside for them (they come
        back when that person signs in again), and this person's own, if they left any."""
        if person is not None and self._typist not in ("", person.name):
            aside = self.sheet.put_aside()
            if aside is not None:
                self._aside[self._typist] = aside
            back = self._aside.pop(person.name, None)
            if back is not None:
                self.sheet.take_back(back)
            if aside is not None or back is not None:
                self.sheet_edit.setText(self.sheet.sheet)
                self.gatherer_box.setEditText(self.sheet.gatherer)
                self.date_edit.setText(self.sheet.date)
                self._render_all()
        if person is not None:
            self._typist = person.name
        self.reload_people()
        self._update_summary()

    def go(self, focus: Focus | None) -> None:
        """The keyboard to a field of the header or of a line, its text selected."""
        if focus is None:
            return
        if focus.line is None:
            header = {Field.SHEET: self.sheet_edit, Field.RECORDER: self.gatherer_edit,
                      Field.DATE: self.date_edit}
            target = header.get(focus.field, self.sheet_edit)
        else:
            target = self.lines[focus.line - 1].widget(focus.field)
            self.scroller.ensureWidgetVisible(target)
        target.setFocus()
        target.selectAll()

    def focus_line(self, line: EntryLine) -> None:
        self.go(Focus(Field.NAME, line.number))

    # --- the header ----------------------------------------------------------------------------

    def gatherers(self) -> list[str]:
        """The active gatherers whose sheets may be typed here (a gatherer: only her own)."""
        person = self.ctx.person
        if person is not None and person.role is Role.GATHERER:
            return [person.name]
        return [p.name for p in people.list_people(self.ctx.ledger)
                if p.role is Role.GATHERER and not p.retired]

    def reload_people(self) -> None:
        """The gatherer box offers only real gatherers; a gatherer signed in types only her
        own sheets (the box shows her, fixed)."""
        names = self.gatherers()
        self.gatherer_finder.set_names(names)
        own = self.ctx.person is not None and self.ctx.person.role is Role.GATHERER
        current = names[0] if own else self.gatherer_box.currentText()
        self.gatherer_box.clear()
        self.gatherer_box.addItems(names)
        self.gatherer_box.setEditText(current if own or current in names else "")
        self.gatherer_box.setEnabled(not own)
        self.gatherer_note.setText(self.ctx.t("ui.entry.own_sheets") if own else "")

    def _sheet_owner(self, opened: bool) -> bool:
        """The gatherer from the sheet number where the village knows whose sheet it is. False
        if the keyboard should stay on the sheet number (a gatherer typed another's).
        `opened`: the sheet was opened just now, its saved lines read (not read again)."""
        t = self.ctx.t
        owner = sheets.sheet_gatherer(self.ctx.ledger, self.sheet.sheet,
                                      self.sheet.entered if opened else None)
        if not self.gatherer_box.isEnabled():  # a gatherer: her own sheets only
            mine = self.gatherer_box.currentText()
            if owner is not None and owner.name != mine:
                self.gatherer_note.setText(t("ui.entry.not_yours", name=owner.name))
                return False
            self.gatherer_note.setText(t("ui.entry.own_sheets"))
            return True
        if owner is None:
            self.gatherer_note.setText("")
            return False
        self.gatherer_box.setEditText(owner.name)
        self.gatherer_note.setText(t("ui.entry.sheet_owner", name=owner.name))
        return True

    def _gatherer_entered(self) -> bool | None:
        """The gatherer typed (a name or its initials) is an active gatherer: taken. None:
        their initials are still being made (on a worker: the Enter is done again then)."""
        typed = normalize_name(self.gatherer_edit.text())
        finder = self.gatherer_finder
        names = finder.names
        if typed in names:
            found = [typed]
        else:
            positions = finder.find(typed) if typed else []
            if positions is None:
                self._gatherer_waiting = True
                return None
            found = [names[i] for i in positions]
        if len(found) == 1:
            self.gatherer_box.setEditText(found[0])
            self.gatherer_note.setText("")
            return True
        self.gatherer_note.setText(self.ctx.t("ui.entry.not_a_gatherer", name=typed,
                                              names="、".join(found or names) or "—"))
        return False

    def _gatherer_typed(self, text: str) -> None:
        self.sheet.gatherer = text
        if text.strip().isascii() and text.strip():
            self.gatherer_finder.prepare()  # initials may be typed: made on a worker

    def _gatherer_initials_in(self) -> None:
        if self._gatherer_waiting:
            self._gatherer_waiting = False
            self._header_enter(Field.RECORDER)

    def _date_typed(self, text: str) -> None:
        self.sheet.date = text.strip()

    def _sheet_changed(self) -> bool:
        opened = self.sheet.open_sheet(self.sheet_edit.text())
        if opened:
            self._render_all()
        return opened

    def _header_enter(self, where: Field) -> None:
        if where == Field.SHEET:
            if self._sheet_owner(self._sheet_changed()):
                self.go(Focus(Field.DATE))
            elif self.gatherer_box.isEnabled():
                self.go(Focus(Field.RECORDER))
            else:
                self.go(Focus(Field.SHEET))
        elif where == Field.RECORDER:
            taken = self._gatherer_entered()
            if taken is not None:
                self.go(Focus(Field.DATE) if taken else Focus(Field.RECORDER))
        else:
            focus = self.sheet.date_entered()
            if focus is not None:
                self.date_edit.setText(self.sheet.date)
                self._render_all()
                self.go(focus)

    # --- keys ----------------------------------------------------------------------------------

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        # Every event of 120 fields comes here (a few thousand as the screen is first shown):
        # the cheapest test first turns away all but keys.
        if not isinstance(event, QKeyEvent) or obj not in self._where \
                or (kind_of := event.type()) not in (QEvent.Type.ShortcutOverride,
                                                     QEvent.Type.KeyPress):
            return False
        is_undo = event.matches(QKeySequence.StandardKey.Undo)
        if kind_of == QEvent.Type.ShortcutOverride:
            if is_undo:
                event.accept()  # our undo (a void), not the line edit's text undo
            return is_undo
        number, where = self._where[obj]
        if is_undo:
            self.undo_last()
            return True
        if number is not None:
            return self._line_key(number, where, event.key(), event.modifiers())
        if event.key() in RETURN_KEYS:
            self._header_enter(where)
            return True
        return False

    def _line_key(self, number: int, where: Field, key: int,
                  mods: Qt.KeyboardModifier) -> bool:
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and where in CHOOSING and not ctrl \
                and self.candidates.count():
            step = 1 if key == Qt.Key.Key_Down else -1
            self.candidates.setCurrentRow(self.sheet.highlight(step))
        elif key in RETURN_KEYS:
            self._enter(number, where)
        elif key == Qt.Key.Key_Escape:
            focus = self.sheet.escape(number)
            self._render(number)
            self._render_choices()
            self.go(focus)
        elif key == Qt.Key.Key_PageDown or (key == Qt.Key.Key_Down and ctrl):
            self.go(Focus(Field.NAME, self.sheet.next_line(number)))
        elif key == Qt.Key.Key_PageUp or (key == Qt.Key.Key_Up and ctrl):
            self.go(Focus(Field.NAME, max(1, number - 1)))
        else:
            return False
        return True

    def _typed(self, number: int, where: Field, text: str) -> None:
        self.sheet.typed(number, where, text)
        self._render(number)
        if where in CHOOSING:
            self._render_choices()

    def _enter(self, number: int, where: Field, chosen: int | None = None) -> None:
        outcome = self.sheet.enter(number, where, chosen)
        self._render(number)
        self._render_choices()
        if isinstance(outcome, Save):
            self._save(outcome)
        else:
            self.go(outcome)

    def _candidate_clicked(self, item: QListWidgetItem) -> None:
        if self.sheet.choices_for is not None:  # a click picks that one
            self._enter(*self.sheet.choices_for, chosen=self.candidates.row(item))

    # --- saving and undoing --------------------------------------------------------------------

    def _save(self, save: Save) -> None:
        """Hand the line to the writer thread and go on to the next line at once; the line
        says when it is saved, or shows why not and takes the keyboard back."""
        number = save.line
        self.go(self.sheet.saving(save))
        self._render(number)
        write(self.ctx, self, lambda ledger: deeds.enter_deed(ledger, save.deed),
              done=lambda result: self._saved(save, result[0]),
              problems=lambda problems: self._refused(save, problems),
              ended=lambda: self._save_ended(save))

    def _saved(self, save: Save, deed: Deed) -> None:
        if self.sheet.saved(save, deed):
            self._render(save.line)
            self._update_summary()
        self.deed_entered.emit(deed.id)

    def _refused(self, save: Save, problems: tuple[Problem, ...]) -> None:
        focus = self.sheet.refused_save(save, problems)
        self._render(save.line)
        self.go(focus)

    def _save_ended(self, save: Save) -> None:
        self.sheet.save_ended(save)
        self._render(save.line)

    def undo_last(self) -> None:
        """Ctrl+Z: void the last line the person at the keyboard typed (the reason in their
        language) and reopen its line for correction."""
        lang = self.ctx.lang
        write(self.ctx, self, lambda ledger: deeds.undo_last(ledger, lang=lang),
              done=self._undone)

    def _undone(self, voided: deeds.Voided) -> None:
        focus = self.sheet.undone(voided.deed_id)
        if focus is not None and focus.line is not None:
            self._render(focus.line)
            self.go(focus)
        self._update_summary()
        self.line_undone.emit(voided.deed_id)

    def first_open_line(self) -> EntryLine:
        return self.lines[self.sheet.first_open() - 1]

    def reload(self) -> None:
        """The handbook or roster changed: the gatherer list and the roster names are found
        in."""
        self.reload_people()
        self._read_roster()

    def _changed(self, changes: Changes) -> None:
        if changes.roster:
            self._read_roster()
        if changes.people:  # a gatherer added, retired or given other areas
            self.reload_people()

    def _read_roster(self) -> None:
        """The roster for typing names, read off the GUI thread (a read per key blocked it
        for 40-110 ms on 5,000 residents: bench/bench_gui.py)."""
        sheet = self.sheet
        sheet.finder = None  # until the new one is in, each key asks the database
        self._roster_reads += 1
        asked = self._roster_reads

        def done(finder: roster.ResidentFinder) -> None:
            if asked == self._roster_reads:  # not an older read finishing late
                sheet.finder = finder

        read(self.ctx, self, roster.resident_finder, done=done)
