"""The village's people as a Qt table (the People screen): name, role, areas, whether they are a
resident, PIN, and state — in use, retired (greyed), or to confirm (a name the ledger recorded
before people signed in, with a suggested role and no PIN yet)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from village_tally.core.person import Person
from village_tally.i18n import tr
from village_tally.ui.list_model import Index, ListModel

GREY = QBrush(QColor("#888888"))
TO_CONFIRM = QBrush(QColor("#fff4d6"))


def to_confirm(person: Person) -> bool:
    """A person nobody has confirmed yet: in use, without a PIN (the names an old ledger
    recorded are brought in this way; a person added without a PIN waits the same way)."""
    return not person.retired and not person.pin_set


class PeopleModel(ListModel):
    COL_NAME, COL_ROLE, COL_AREAS, COL_RESIDENT, COL_PIN, COL_STATE = range(6)
    headers = ("col.name", "col.role", "col.areas", "ui.people.col.resident",
               "col.pin", "ui.people.col.state")

    def cells(self, item: Any) -> tuple[str, ...]:
        p: Person = item
        lang = self.lang
        state = ("ui.people.retired" if p.retired else
                 "ui.people.to_confirm" if to_confirm(p) else "ui.people.active")
        return (p.name, tr(f"role.{p.role.value}", lang), "、".join(sorted(p.areas)) or "—",
                tr("ui.people.resident", lang, household=p.household) if p.household else "—",
                tr("log.pin.set" if p.pin_set else "log.pin.none", lang), tr(state, lang))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        p = self.item_at(index.row()) if index.isValid() else None
        if p is None or role == Qt.ItemDataRole.DisplayRole:
            return super().data(index, role)
        if role == Qt.ItemDataRole.ForegroundRole and p.retired:
            return GREY
        if role == Qt.ItemDataRole.BackgroundRole and to_confirm(p):
            return TO_CONFIRM
        if role == Qt.ItemDataRole.ToolTipRole and to_confirm(p):
            return tr("ui.people.to_confirm_tip", self.lang, name=p.name)
        return None

    def person_at(self, row: int) -> Person | None:
        found = self.item_at(row)
        return found if isinstance(found, Person) else None
