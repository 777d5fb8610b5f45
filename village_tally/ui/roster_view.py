"""Roster: residents and households; add a resident, move one to another household, mark moved
away or deceased (history kept: their deeds stay theirs)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from village_tally.core.deed import Resident
from village_tally.services import roster
from village_tally.services.changes import Changes
from village_tally.ui.columns import keep_fitted
from village_tally.ui.context import UiContext
from village_tally.ui.deed_dialogs import ReasonDialog
from village_tally.ui.lazy import LazyView
from village_tally.ui.named import named
from village_tally.ui.operation import Operation, in_label, write
from village_tally.ui.roster_models import HouseholdTableModel, ResidentFilter, ResidentTableModel
from village_tally.ui.shortcuts import find_shortcut

if TYPE_CHECKING:
    from village_tally.services.session import Ledger


class AddResidentDialog(QDialog):
    """A roster line: name, household, area, head. Problems show in the dialog."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        t = ctx.t
        self.setWindowTitle(t("ui.roster.add"))
        self.name_edit = named(QLineEdit(self), "newName")
        self.household_edit = named(QLineEdit(self), "newHousehold")
        self.area_edit = named(QLineEdit(self), "newArea")
        self.head_box = QCheckBox(t("ui.entry.head"), self)
        self.problems = named(QLabel(self), "problems")
        self.problems.setStyleSheet("color: #b00020;")
        form = QFormLayout()
        form.addRow(t("col.name"), self.name_edit)
        form.addRow(t("col.household"), self.household_edit)
        form.addRow(t("col.area"), self.area_edit)
        form.addRow("", self.head_box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)
        self.added: Resident | None = None

    def save(self) -> Operation[tuple[Resident, Changes]]:
        person = roster.NewResident(name=self.name_edit.text(),
                                    household=self.household_edit.text(),
                                    area=self.area_edit.text() or None,
                                    head=self.head_box.isChecked())
        return write(self.ctx, self, lambda ledger: roster.add_resident(ledger, person),
                     done=self._added, problems=in_label(self.problems, self.ctx.lang))

    def _added(self, result: tuple[Resident, Changes]) -> None:
        self.added = result[0]
        self.accept()


class RosterView(LazyView, QWidget):
    resident_requested = Signal(int)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None, *,
                 lazy: bool = False) -> None:
        super().__init__(parent)
        self.ctx = ctx
        t = ctx.t
        self.dialog: QDialog | None = None
        self.model = ResidentTableModel(ctx.lang, self)
        self.proxy = ResidentFilter(self)
        self.proxy.setSourceModel(self.model)
        self.search_edit = named(QLineEdit(self), "rosterSearch")
        self.search_edit.setPlaceholderText(t("ui.roster.search"))
        self.search_edit.textChanged.connect(self.proxy.set_query)
        find_shortcut(self, self.search_edit)
        self.table = named(QTableView(self), "residentTable")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.doubleClicked.connect(lambda _i: self._open())
        keep_fitted(self.table)
        self.households = HouseholdTableModel(ctx.lang, self)
        self.household_table = named(QTableView(self), "householdTable")
        self.household_table.setModel(self.households)
        self.household_table.verticalHeader().hide()
        keep_fitted(self.household_table)
        buttons = QHBoxLayout()
        for code, slot, name in (
                ("ui.roster.add", self.add_resident, "addResident"),
                ("ui.roster.move", self.move_selected, "moveResident"),
                ("ui.roster.mark_moved", lambda: self.mark_selected("moved"), "markMoved"),
                ("ui.roster.mark_deceased", lambda: self.mark_selected("deceased"),
                 "markDeceased"),
                ("ui.roster.mark_active", lambda: self.mark_selected("active"), "markActive"),
                ("ui.ledger.resident", self._open, "openResident"),
                ("ui.areas.button", self.edit_areas, "editAreas")):
            button = named(QPushButton(t(code), self), name)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        # The count beside the search (the buttons' row is full in English, large text).
        self.count_label = named(QLabel(self), "rosterCount")
        search = QHBoxLayout()
        search.addWidget(self.search_edit, 1)
        search.addWidget(self.count_label)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.addLayout(search)
        left_layout.addWidget(self.table)
        splitter = named(QSplitter(self), "rosterSplitter")  # sizes kept: MainWindow layout
        splitter.addWidget(left)
        splitter.addWidget(self.household_table)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        ctx.bus.changed.connect(self.on_changed)
        self.start(lazy)

    def refresh(self) -> None:
        people = roster.list_residents(self.ctx.ledger)
        self.model.set_items(people)
        self.households.set_items(roster.list_households(self.ctx.ledger))
        self.count_label.setText(self.ctx.t("ui.roster.count", residents=len(people),
                                            households=self.households.rowCount()))

    def on_changed(self, changes: Changes) -> None:
        if changes.roster:
            self.reload_soon()

    def selected(self) -> Resident | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.model.item_at(self.proxy.mapToSource(rows[0]).row())
        return item if isinstance(item, Resident) else None

    def _open(self) -> None:
        person = self.selected()
        if person is not None:
            self.resident_requested.emit(person.id)

    def add_resident(self) -> AddResidentDialog:
        dialog = AddResidentDialog(self.ctx, self)
        dialog.open()
        self.dialog = dialog
        return dialog

    def edit_areas(self) -> QDialog:
        from village_tally.ui.area_dialog import AreaDialog

        dialog = AreaDialog(self.ctx, self)
        dialog.open()
        self.dialog = dialog
        return dialog

    def _ask(self, title: str, prompt: str, then: Callable[[Ledger, str], Changes]
             ) -> ReasonDialog:
        dialog = ReasonDialog(self.ctx, title, prompt, self, act=then)
        dialog.open()
        self.dialog = dialog
        return dialog

    def mark_selected(self, status: str) -> ReasonDialog | None:
        person = self.selected()
        if person is None:
            return None
        t = self.ctx.t
        return self._ask(t(f"ui.roster.mark_{status}"),
                         t("ui.roster.mark_prompt", name=person.name,
                           status=t(f"ui.roster.status.{status}")),
                         lambda ledger, reason: roster.set_resident_status(
                             ledger, person.id, status, reason=reason))

    def move_selected(self) -> MoveDialog | None:
        person = self.selected()
        if person is None:
            return None
        dialog = MoveDialog(self.ctx, person, self)
        dialog.open()
        self.dialog = dialog
        return dialog


class MoveDialog(ReasonDialog):
    """Move a resident to another household (created if new), with a reason."""

    def __init__(self, ctx: UiContext, person: Resident, parent: QWidget | None = None) -> None:
        t = ctx.t
        super().__init__(ctx, t("ui.roster.move"), t("ui.roster.move_prompt", name=person.name,
                                                     household=person.household), parent)
        self.person = person
        self.household_edit = named(QLineEdit(self), "moveHousehold")
        self.form.insertRow(1, t("col.household"), self.household_edit)

    def call(self, reason: str) -> Callable[[Ledger], Changes]:
        person, household = self.person.id, self.household_edit.text()
        return lambda ledger: roster.move_household(ledger, person, household, reason=reason)
