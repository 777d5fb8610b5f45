"""The People screen, the secretary's: add a person with a role and areas, change a role or a
gatherer's areas, say which resident a person is, reset a PIN, retire a person (never delete:
their name stays on every deed) or bring them back. Names the ledger recorded before people
signed in are listed first, with a suggested role, for the secretary to confirm (set a PIN) or
retire. Every change goes through services.people (audited); a refusal is said in the dialog
or a message, in the window's language."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from village_tally.core.person import Person, Role
from village_tally.services import people, roster
from village_tally.services.changes import Changes
from village_tally.services.session import Ledger
from village_tally.ui.columns import keep_fitted
from village_tally.ui.context import UiContext
from village_tally.ui.messages import ask, problems_label
from village_tally.ui.named import named
from village_tally.ui.operation import Operation, in_label, write
from village_tally.ui.people_model import PeopleModel, to_confirm


class PeopleView(QWidget):
    """The table of people and the secretary's buttons."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("peopleView")
        self.ctx = ctx
        t = ctx.t
        self.dialog: QDialog | QMessageBox | None = None
        self.note = named(QLabel(self), "peopleNote")
        self.note.setWordWrap(True)
        self.model = PeopleModel(ctx.lang, self)
        self.table = named(QTableView(self), "peopleTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        keep_fitted(self.table, stretch=PeopleModel.COL_AREAS)
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for code, slot, name in (("ui.people.add", self.add, "addPerson"),
                                 ("ui.people.edit", self.edit_selected, "editPerson"),
                                 ("ui.people.pin", self.reset_pin, "resetPin"),
                                 ("ui.people.retire", self.retire_selected, "retirePerson")):
            button = named(QPushButton(t(code), self), name)
            button.clicked.connect(slot)
            row.addWidget(button)
            self.buttons[name] = button
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._enable())
        ctx.bus.changed.connect(lambda changes: self.reload() if changes.people else None)
        self.reload()

    def reload(self) -> None:
        everyone = people.list_people(self.ctx.ledger)
        # Names to confirm first: the secretary's work to do.
        everyone.sort(key=lambda p: not to_confirm(p))
        selected = self.selected()
        self.model.set_items(everyone)
        waiting = [p.name for p in everyone if to_confirm(p)]
        self.note.setText(self.ctx.t("ui.people.note_confirm", count=len(waiting),
                                     names="、".join(waiting)) if waiting
                          else self.ctx.t("ui.people.note"))
        row = next((i for i, p in enumerate(everyone)
                    if selected is not None and p.id == selected.id), 0 if everyone else -1)
        if row >= 0:
            self.table.selectRow(row)
        self._enable()

    def selected(self) -> Person | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.person_at(rows[0].row()) if rows else None

    def select(self, name: str) -> None:
        row = next((r for r in range(self.model.rowCount())
                    if (p := self.model.person_at(r)) is not None and p.name == name), -1)
        if row >= 0:
            self.table.selectRow(row)

    def _enable(self) -> None:
        person = self.selected()
        for name in ("editPerson", "resetPin", "retirePerson"):
            self.buttons[name].setEnabled(person is not None)
        self.buttons["retirePerson"].setText(self.ctx.t(
            "ui.people.reinstate" if person is not None and person.retired
            else "ui.people.retire"))

    # --- the secretary's actions ---------------------------------------------------------

    def add(self) -> PersonDialog:
        return self._open(PersonDialog(self.ctx, None, self))

    def edit_selected(self) -> PersonDialog | None:
        person = self.selected()
        return self._open(PersonDialog(self.ctx, person, self)) if person is not None else None

    def reset_pin(self) -> PersonDialog | None:
        person = self.selected()
        if person is None:
            return None
        return self._open(PersonDialog(self.ctx, person, self, pin_only=True))

    def retire_selected(self) -> QMessageBox | None:
        person = self.selected()
        if person is None:
            return None
        t = self.ctx.t
        retire = not person.retired
        box = ask(self, "retireBox", t("ui.people.title"),
                  t("ui.people.ask_retire" if retire else "ui.people.ask_reinstate",
                    name=person.name),
                  lambda: write(self.ctx, self, lambda ledger: people.retire_person(
                      ledger, person.name, retired=retire)), careful=True)
        self.dialog = box
        return box

    def _open(self, dialog: PersonDialog) -> PersonDialog:
        dialog.open()
        self.dialog = dialog
        return dialog


class PersonDialog(QDialog):
    """A new person (name, role, areas, resident, PIN), a person changed, or (`pin_only`)
    a PIN reset. Only what was changed is sent to the services."""

    def __init__(self, ctx: UiContext, person: Person | None, parent: QWidget | None = None,
                 *, pin_only: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("personDialog")
        self.ctx = ctx
        self.person = person
        t = ctx.t
        title = ("ui.people.add_title" if person is None else
                 "ui.people.pin_title" if pin_only else "ui.people.edit_title")
        self.setWindowTitle(t(title, name=person.name if person else ""))
        self.name = named(QLineEdit(person.name if person else "", self), "personName")
        self.name.setReadOnly(person is not None)
        self.role = named(QComboBox(self), "personRole")
        for role in Role:
            self.role.addItem(t(f"role.{role.value}"), role)
        self.role.setCurrentIndex(self.role.findData(person.role if person else Role.GATHERER))
        self.role.currentIndexChanged.connect(lambda _i: self._areas_for_role())
        self.areas = named(QListWidget(self), "personAreas")
        for area in roster.list_areas(ctx.ledger):
            item = QListWidgetItem(area, self.areas)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = person is not None and area in person.areas
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.areas.setMaximumHeight(120)
        self.resident = named(QLineEdit(self), "personResident")
        self.resident.setPlaceholderText(t("ui.people.resident_hint"))
        self.household = named(QLineEdit(person.household or "" if person else "", self),
                               "personHousehold")
        if person is not None and person.household:
            self.resident.setText(person.name)
        self.pin = named(QLineEdit(self), "personPin")
        self.again = named(QLineEdit(self), "personPinAgain")
        for edit in (self.pin, self.again):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setMaxLength(8)
        self.problems = problems_label(self, "personProblems")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(t("col.name"), self.name)
        if not pin_only:
            form.addRow(t("col.role"), self.role)
            form.addRow(t("ui.people.areas"), self.areas)
            form.addRow(t("ui.people.resident_name"), self.resident)
            form.addRow(t("ui.people.household"), self.household)
        pin_label = "ui.sign_in.new_pin" if person is None or pin_only else "ui.people.new_pin"
        form.addRow(t(pin_label), self.pin)
        form.addRow(t("ui.sign_in.new_pin_again"), self.again)
        form.addRow(self.problems)
        form.addRow(buttons)
        self.pin_only = pin_only
        self._areas_for_role()
        (self.pin if pin_only else self.name if person is None else self.role).setFocus()

    def _areas_for_role(self) -> None:
        # Only a gatherer's areas limit what she may enter (authority.outside_area).
        self.areas.setEnabled(self.chosen_role() is Role.GATHERER)

    def chosen_role(self) -> Role:
        return Role(self.role.currentData())  # Qt gives the StrEnum back as a str

    def chosen_areas(self) -> list[str]:
        return [self.areas.item(i).text() for i in range(self.areas.count())
                if self.areas.item(i).checkState() == Qt.CheckState.Checked]

    def submit(self) -> Operation[Changes] | None:
        if self.pin.text() != self.again.text():
            self.problems.setText(self.ctx.t("pin.mismatch"))
            self.again.setFocus()
            return None
        call = self._call()
        if call is None:
            self.accept()
            return None
        return write(self.ctx, self, call, done=lambda _c: self.accept(),
                     problems=in_label(self.problems, self.ctx.lang))

    def _call(self) -> Callable[[Ledger], Changes] | None:
        """The service calls for what was changed, in one worker call: the resident first
        (a name nobody on the roster has is the likeliest refusal), the PIN last."""
        pin = self.pin.text() or None
        role = self.chosen_role()
        areas = tuple(self.chosen_areas()) if role is Role.GATHERER else ()
        resident = self.resident.text().strip() or None
        household = self.household.text().strip() or None
        person = self.person
        if person is None:
            new = people.NewPerson(self.name.text(), role, areas, resident, household)
            return lambda ledger: people.add_person(ledger, new, pin=pin)[1]
        name = person.name
        calls: list[Callable[[Ledger], Changes]] = []
        if not self.pin_only:
            if (resident is not None) != (person.household is not None) \
                    or (household or None) != person.household:
                calls.append(lambda ledger: people.set_resident(ledger, name, resident,
                                                                household))
            if role is not person.role:
                calls.append(lambda ledger: people.set_role(ledger, name, role))
            if frozenset(areas) != person.areas:
                calls.append(lambda ledger: people.set_areas(ledger, name, areas))
        if pin is not None:
            calls.append(lambda ledger: people.set_pin(ledger, name, pin))
        if not calls:
            return None

        def run(ledger: Ledger) -> Changes:
            changes = Changes()
            for call in calls:
                changes |= call(ledger)
            return changes

        return run


class PeopleDialog(QDialog):
    """The People screen in its own window (the toolbar's People…, the secretary's)."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("peopleDialog")
        self.setWindowTitle(ctx.t("ui.people.title"))
        self.view = PeopleView(ctx, self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(buttons)
        self.resize(860, 520)
