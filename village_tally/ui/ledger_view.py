"""The ledger: every deed, filtered by month, area, recorder, rule, status or words; void with a
reason, approve (never one's own), and read a deed's audit trail."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from village_tally.core.authority import Action, refusals
from village_tally.core.deed import Deed, Status
from village_tally.core.month import Month
from village_tally.services import deeds, months, people, roster
from village_tally.services.changes import Changes
from village_tally.services.deeds import DeedFilter
from village_tally.ui.audit_view import AuditDialog
from village_tally.ui.columns import keep_fitted
from village_tally.ui.context import UiContext
from village_tally.ui.deed_dialogs import ReasonDialog, void_prompt
from village_tally.ui.deed_model import COL_TITLE, DeedTableModel
from village_tally.ui.lazy import LazyView
from village_tally.ui.named import named
from village_tally.ui.operation import Operation, reader, write
from village_tally.ui.paper_line import has_paper, show_paper
from village_tally.ui.shortcuts import find_shortcut
from village_tally.ui.turns import finish

STATUSES = ("", "approved", "pending", "void")
MONTHS_SHOWN = 24


def _combo(parent: QWidget, name: str, items: list[tuple[str, str]]) -> QComboBox:
    box = named(QComboBox(parent), name)
    for text, value in items:
        box.addItem(text, value)
    return box


class DeedActions:
    """Void, approve and audit for whichever table of deeds a view shows (ledger, month,
    resident page), so each view does not repeat them."""

    def __init__(self, ctx: UiContext, parent: QWidget) -> None:
        self.ctx = ctx
        self.parent = parent
        self.dialog: ReasonDialog | AuditDialog | None = None

    def void(self, deed: Deed | None) -> ReasonDialog | None:
        if deed is None or deed.status == Status.VOID:
            return None
        t, lang = self.ctx.t, self.ctx.lang
        prompt = void_prompt(deed, lang, self.ctx.ledger.scheme.deed_titles(lang))
        dialog = ReasonDialog(self.ctx, t("ui.void.title"), prompt, self.parent,
                              act=lambda ledger, reason: deeds.void_deed(
                                  ledger, deed.id, reason=reason))
        dialog.open()
        self.dialog = dialog
        return dialog

    def approve(self, deed: Deed | None) -> Operation[Changes] | None:
        """Approve on the writer thread; a refusal (one's own deed) is said in a message."""
        if deed is None:
            return None
        return write(self.ctx, self.parent, lambda ledger: deeds.approve_deed(ledger, deed.id))

    def audit(self, deed: Deed | None) -> AuditDialog | None:
        if deed is None:
            return None
        dialog = AuditDialog(self.ctx, self.parent, deed=deed)
        dialog.open()
        self.dialog = dialog
        return dialog


class LedgerView(LazyView, QWidget):
    """Filters over a lazy table of deeds, with the actions a committee member needs."""

    resident_requested = Signal(int)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None, *,
                 lazy: bool = False, staged: bool = False) -> None:
        """`staged`: the rest is `building`, a part per next() (turns.py)."""
        super().__init__(parent)
        self.ctx = ctx
        self.building = self._build(lazy)
        if not staged:
            finish(self.building)

    def _build(self, lazy: bool) -> Iterator[None]:
        ctx = self.ctx
        t = ctx.t
        self.deed_actions = DeedActions(ctx, self)
        self.month_box = _combo(self, "monthBox", [(t("ui.filter.any_month"), "")])
        self.area_box = _combo(self, "areaBox", [(t("ui.filter.any_area"), "")])
        self.recorder_box = _combo(self, "recorderBox", [(t("ui.filter.any_recorder"), "")])
        self.rule_box = _combo(self, "ruleBox", [(t("ui.filter.any_rule"), "")])
        self.status_box = _combo(self, "statusBox", [
            (t(f"ui.filter.status.{s or 'any'}"), s) for s in STATUSES])
        self.search_edit = named(QLineEdit(self), "searchEdit")
        self.search_edit.setPlaceholderText(t("ui.filter.search"))
        self._fill_filters()
        filters = QHBoxLayout()
        for w in (self.month_box, self.area_box, self.recorder_box, self.rule_box,
                  self.status_box, self.search_edit):
            filters.addWidget(w)
        for box in (self.month_box, self.area_box, self.recorder_box, self.rule_box,
                    self.status_box):
            box.currentIndexChanged.connect(self.apply_filters)
        self.search_edit.returnPressed.connect(self.apply_filters)
        find_shortcut(self, self.search_edit)
        yield
        self.model = DeedTableModel(ctx.ledger, ctx.lang, parent=self, load=not lazy,
                                    reader=reader(ctx, self))
        self.table = named(QTableView(self), "ledgerTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        keep_fitted(self.table, stretch=COL_TITLE)
        self.table.verticalHeader().hide()
        self.table.doubleClicked.connect(lambda _i: self.show_audit())

        self.count_label = named(QLabel(self), "ledgerCount")
        self.buttons: dict[str, QPushButton] = {}
        buttons = QHBoxLayout()
        for code, slot, name in (("ui.ledger.void", self.void_selected, "voidButton"),
                                 ("ui.ledger.approve", self.approve_selected, "approveButton"),
                                 ("ui.ledger.audit", self.show_audit, "auditButton"),
                                 ("ui.ledger.resident", self._open_resident, "residentButton"),
                                 ("ui.ledger.paper", self.show_paper, "paperButton")):
            button = named(QPushButton(t(code), self), name)
            button.clicked.connect(slot)
            buttons.addWidget(button)
            self.buttons[name] = button
        buttons.addStretch(1)
        buttons.addWidget(self.count_label)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._enable())
        self.model.modelReset.connect(self._enable)
        self.model.loaded.connect(self._update_count)
        self._enable()
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        ctx.bus.changed.connect(self.on_changed)
        self.start(lazy)

    def refresh(self) -> None:
        if self._fill_areas():  # the area filtered on has a new name (or is gone)
            self.model.filters = replace(self.model.filters,
                                         area=self.area_box.currentData() or None)
        self.model.refresh()  # the count follows when the first page is in

    def _fill_areas(self) -> bool:
        """The areas as they are now (one added, one renamed). If the chosen area is gone and
        one new name appeared, it was renamed: the filter follows it. True if the choice
        changed."""
        box = self.area_box
        chosen = was = box.currentData()
        before = {box.itemData(i) for i in range(1, box.count())}
        areas = roster.list_areas(self.ctx.ledger)
        if chosen and chosen not in areas:
            appeared = set(areas) - before
            chosen = appeared.pop() if len(appeared) == 1 else ""
        box.blockSignals(True)  # the filter is applied once, by refresh
        while box.count() > 1:
            box.removeItem(1)
        for area in areas:
            box.addItem(area, area)
        box.setCurrentIndex(max(box.findData(chosen), 0) if chosen else 0)
        box.blockSignals(False)
        return bool(box.currentData() != was)

    def _fill_filters(self) -> None:
        ledger = self.ctx.ledger
        current = months.open_month(ledger)
        for i in range(MONTHS_SHOWN):
            month = str(current - i)
            self.month_box.addItem(month, month)
        self._fill_areas()
        for person in people.list_people(ledger):
            self.recorder_box.addItem(person.name, person.name)
        for rule in ledger.scheme.rules:
            self.rule_box.addItem(f"{rule.code} {rule.title(self.ctx.lang)}", rule.code)

    def current_filters(self) -> DeedFilter:
        def value(box: QComboBox) -> str | None:
            return box.currentData() or None

        month = value(self.month_box)
        return DeedFilter(month=Month.parse(month) if month else None, area=value(self.area_box),
                          recorder=value(self.recorder_box), rule_code=value(self.rule_box),
                          status=value(self.status_box),
                          text=self.search_edit.text().strip() or None)

    def apply_filters(self) -> None:
        self.model.set_filters(self.current_filters())

    def _enable(self) -> None:
        """Buttons only for what can be done to the selected deed by the person at the
        keyboard (nobody approves what they recorded themselves)."""
        deed = self.selected()
        self.buttons["voidButton"].setEnabled(deed is not None and deed.status != Status.VOID)
        self.buttons["approveButton"].setEnabled(
            deed is not None and deed.status == Status.PENDING
            and not refusals(self.ctx.person, Action.APPROVE, deeds.target_of(deed)))
        for name in ("auditButton", "residentButton"):
            self.buttons[name].setEnabled(deed is not None)
        self.buttons["paperButton"].setEnabled(has_paper(deed))

    def _update_count(self) -> None:
        self.count_label.setText(self.ctx.t("ui.ledger.count", count=self.model.total))

    def on_changed(self, changes: Changes) -> None:
        if changes.deeds or changes.roster or changes.months:
            self.reload_soon()

    def selected(self) -> Deed | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.deed_at(rows[0].row()) if rows else None

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)
        self.table.setFocus()

    def void_selected(self) -> ReasonDialog | None:
        return self.deed_actions.void(self.selected())

    def approve_selected(self) -> Operation[Changes] | None:
        return self.deed_actions.approve(self.selected())

    def show_audit(self) -> AuditDialog | None:
        return self.deed_actions.audit(self.selected())

    def show_paper(self) -> Operation[bytes | None] | None:
        """The picture of the scanned paper line the selected deed came from."""
        deed = self.selected()
        return show_paper(self.ctx, deed, self) if has_paper(deed) and deed else None

    def _open_resident(self) -> None:
        deed = self.selected()
        if deed is not None:
            self.resident_requested.emit(deed.resident_id)

