"""The roster as Qt tables: residents (searchable by name, initials, household or area) and
households. Each model names its columns (`ResidentTableModel.COL_STATUS` …): two models here
share one base (list_model.ListModel)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QSortFilterProxyModel

from village_tally.core.deed import Household, Resident
from village_tally.core.names import matches
from village_tally.i18n import tr
from village_tally.ui.list_model import Index, ListModel

RESIDENT_HEADERS = ("col.name", "col.household", "col.area", "ui.roster.door_plate",
                    "ui.roster.head", "ui.roster.status")
HOUSEHOLD_HEADERS = ("col.household", "ui.roster.door_plate", "col.area", "ui.roster.head",
                     "ui.roster.members")


class ResidentTableModel(ListModel):
    headers = RESIDENT_HEADERS
    COL_NAME, COL_HOUSEHOLD, COL_AREA, COL_DOOR_PLATE, COL_HEAD, COL_STATUS = range(6)

    def cells(self, item: Resident) -> tuple[str, ...]:
        return (item.name, item.household, item.area, item.door_plate or "",
                tr("ui.entry.head", self.lang) if item.is_head else "",
                tr(f"ui.roster.status.{item.status}", self.lang))


class HouseholdTableModel(ListModel):
    headers = HOUSEHOLD_HEADERS
    COL_CODE, COL_DOOR_PLATE, COL_AREA, COL_HEAD, COL_MEMBERS = range(5)

    def cells(self, item: Household) -> tuple[str, ...]:
        return (item.code, item.door_plate or "", item.area, item.head or "",
                "、".join(item.members))


class ResidentFilter(QSortFilterProxyModel):
    """Rows whose name holds the query or whose initials start with it (msj → 马少军), or whose
    household or area is the query."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.query = ""

    def set_query(self, query: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9+: invalidateFilter is deprecated
            self.beginFilterChange()
            self.query = query.strip()
            self.endFilterChange()
        else:  # pragma: no cover - older Qt
            self.query = query.strip()
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:  # noqa: N802 - Qt override
        if not self.query:
            return True
        model = self.sourceModel()
        assert isinstance(model, ResidentTableModel)
        r: Resident = model.items[row]
        return matches(self.query, r.name, r.initials) or self.query in (r.household, r.area)
