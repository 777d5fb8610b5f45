"""The village's areas (片区, a gatherer's corner), each with its households: add an area by name,
rename the selected one (F2), move the selected household to another area (Enter), the move with
a reason. Every change goes through the services (audited); problems show in the dialog."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from village_tally.core.deed import Household
from village_tally.core.names import normalize_name
from village_tally.services import roster
from village_tally.services.changes import Changes
from village_tally.ui.context import UiContext
from village_tally.ui.deed_dialogs import ReasonDialog
from village_tally.ui.messages import problems_label
from village_tally.ui.named import named
from village_tally.ui.operation import Operation, in_label, write

if TYPE_CHECKING:
    from village_tally.services.session import Ledger

KEY = Qt.ItemDataRole.UserRole  # ("area", name), ("none", "") or ("household", code)
D = TypeVar("D", bound=QDialog)


class AreaDialog(QDialog):
    """The areas as a tree (area, then its households). Type a name and press Enter to add an
    area; F2 renames the selected area; Enter on a household moves it to another area."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        t = ctx.t
        self.setObjectName("areaDialog")
        self.setWindowTitle(t("ui.areas.title"))
        self.dialog: QDialog | None = None
        self.tree = named(QTreeWidget(self), "areaTree")
        self.tree.setHeaderHidden(True)
        self.tree.currentItemChanged.connect(lambda *_a: self._enable())
        self.tree.itemActivated.connect(lambda item, _c: self._activated(item))
        rename_key = QShortcut(QKeySequence(Qt.Key.Key_F2), self.tree)
        rename_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        rename_key.activated.connect(self.rename_selected)
        self.name_edit = named(QLineEdit(self), "newAreaName")
        self.name_edit.setPlaceholderText(t("ui.areas.new_hint"))
        self.name_edit.returnPressed.connect(self.add)
        row = QHBoxLayout()
        row.addWidget(self.name_edit, 1)
        self.buttons: dict[str, QPushButton] = {}
        actions = QHBoxLayout()
        for text, tip, slot, name, where in (
                (t("ui.areas.add"), "", self.add, "addArea", row),
                (t("ui.areas.rename"), t("ui.areas.rename_tip"), self.rename_selected,
                 "renameArea", actions),
                (t("ui.areas.move"), t("ui.areas.move_tip"), self.move_selected,
                 "moveHousehold", actions)):
            button = named(QPushButton(text, self), name)
            button.setToolTip(tip)
            button.setAutoDefault(False)  # Enter in the name field adds, it does not close
            button.clicked.connect(slot)
            where.addWidget(button)
            self.buttons[name] = button
        actions.addStretch(1)
        order = [self.tree, self.buttons["renameArea"], self.buttons["moveHousehold"],
                 self.name_edit, self.buttons["addArea"]]  # Tab goes as the eye does
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self.problems = problems_label(self, "areaProblems")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        for close in buttons.buttons():
            if isinstance(close, QPushButton):
                close.setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addLayout(actions)
        layout.addLayout(row)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)
        self.resize(420, 480)
        ctx.bus.changed.connect(self.on_changed)
        self.refresh()

    def refresh(self, select: tuple[str, str] | None = None) -> None:
        """Rebuild the tree, keeping (or moving to) the selected area or household."""
        select = select or self.selected_key()
        households = roster.list_households(self.ctx.ledger)
        by_area: dict[str, list[Household]] = {}
        for h in households:
            by_area.setdefault(h.area, []).append(h)
        self.tree.clear()
        groups = [("area", name) for name in roster.list_areas(self.ctx.ledger)]
        if by_area.get(""):
            groups.append(("none", ""))  # households in no area yet: they can be moved into one
        for kind, name in groups:
            label = name if kind == "area" else self.ctx.t("print.no_area")
            mine = by_area.get(name, [])
            top = QTreeWidgetItem([self.ctx.t("ui.areas.line", name=label,
                                              households=len(mine))])
            top.setData(0, KEY, (kind, name))
            self.tree.addTopLevelItem(top)
            for h in mine:
                child = QTreeWidgetItem([self.ctx.t("ui.areas.household", household=h.code,
                                                    head=h.head or "—")])
                child.setData(0, KEY, ("household", h.code))
                top.addChild(child)
        self.tree.expandAll()
        found = (self._item(select) if select else None) or self.tree.topLevelItem(0)
        if found is not None:
            self.tree.setCurrentItem(found)
        self._enable()

    def _item(self, key: tuple[str, str]) -> QTreeWidgetItem | None:
        found = [item for item in self._items() if item.data(0, KEY) == key]
        return found[0] if found else None

    def _items(self) -> list[QTreeWidgetItem]:
        tops = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        return [item for top in tops if top is not None
                for item in (top, *(top.child(j) for j in range(top.childCount())))
                if item is not None]

    def selected_key(self) -> tuple[str, str] | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        kind, name = item.data(0, KEY)
        return str(kind), str(name)

    def _enable(self) -> None:
        kind = (self.selected_key() or ("", ""))[0]
        self.buttons["renameArea"].setEnabled(kind == "area")
        self.buttons["moveHousehold"].setEnabled(kind == "household")

    def on_changed(self, changes: Changes) -> None:
        if changes.roster and self.isVisible():
            self.refresh()

    def _activated(self, item: QTreeWidgetItem) -> None:
        if item.data(0, KEY)[0] == "household":
            self.move_selected()

    def add(self) -> Operation[Changes]:
        name = self.name_edit.text()
        return write(self.ctx, self, lambda ledger: roster.add_area(ledger, name),
                     done=lambda _c: self._added(),
                     problems=in_label(self.problems, self.ctx.lang))

    def _added(self) -> None:
        self.problems.clear()
        self.name_edit.clear()

    def rename_selected(self) -> RenameAreaDialog | None:
        key = self.selected_key()
        if key is None or key[0] != "area":
            return None
        dialog = RenameAreaDialog(self.ctx, key[1], self)
        dialog.renamed.connect(lambda new: self.refresh(("area", new)))
        return self._open(dialog)

    def move_selected(self) -> MoveHouseholdDialog | None:
        key = self.selected_key()
        if key is None or key[0] != "household":
            return None
        household = next(h for h in roster.list_households(self.ctx.ledger) if h.code == key[1])
        return self._open(MoveHouseholdDialog(self.ctx, household, self))

    def _open(self, dialog: D) -> D:
        dialog.open()
        self.dialog = dialog
        return dialog


class RenameAreaDialog(QDialog):
    """A new name for an area; the old one is there to edit. Problems show in the dialog."""

    renamed = Signal(str)

    def __init__(self, ctx: UiContext, old: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.old = old
        self.setObjectName("renameAreaDialog")
        self.setWindowTitle(ctx.t("ui.areas.rename_title"))
        self.name_edit = named(QLineEdit(old, self), "renameEdit")
        self.name_edit.selectAll()
        self.problems = problems_label(self, "renameProblems")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(ctx.t("ui.areas.rename_prompt", name=old), self))
        layout.addWidget(self.name_edit)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)

    def accept(self) -> None:
        """Rename, then close; on a problem stay open and say what is wrong."""
        old, new = self.old, self.name_edit.text()
        write(self.ctx, self, lambda ledger: roster.rename_area(ledger, old, new),
              done=lambda _c: self._renamed(new),
              problems=in_label(self.problems, self.ctx.lang))

    def _renamed(self, new: str) -> None:
        super().accept()
        self.renamed.emit(normalize_name(new))


class MoveHouseholdDialog(ReasonDialog):
    """Move a household to another area: the area from a list, and a reason (OK waits for it)."""

    def __init__(self, ctx: UiContext, household: Household,
                 parent: QWidget | None = None) -> None:
        t = ctx.t
        super().__init__(ctx, t("ui.areas.move_title"),
                         t("ui.areas.move_prompt", household=household.code,
                           head=household.head or "—",
                           area=household.area or t("print.no_area")), parent)
        self.household = household
        self.setObjectName("moveHouseholdDialog")
        self.area_box = named(QComboBox(self), "areaChoice")
        self.area_box.addItems([a for a in roster.list_areas(ctx.ledger) if a != household.area])
        if not self.area_box.count():
            self.problems.setText(t("ui.areas.no_other"))
        self.form.insertRow(1, t("col.area"), self.area_box)
        self.area_box.setFocus()

    def call(self, reason: str) -> Callable[[Ledger], Changes]:
        code, area = self.household.code, self.area_box.currentText()
        return lambda ledger: roster.set_household_area(ledger, code, area, reason=reason)
