"""The ledger as a lazy Qt table: rows are fetched a page at a time through the services, so a
1,000,000-deed village opens as fast as a small one and is never loaded whole."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from village_tally.core.deed import Deed, Status
from village_tally.i18n import tr
from village_tally.services import deeds
from village_tally.services.session import Ledger
from village_tally.services.deeds import DeedFilter

COL_ID, COL_DATE, COL_NAME, COL_HOUSEHOLD, COL_AREA, COL_RULE, COL_TITLE, COL_QTY, COL_POINTS, \
    COL_STATUS, COL_RECORDER, COL_SOURCE, COL_NOTE = range(13)
HEADERS = ("ui.deed.id", "ui.deed.date", "col.name", "col.household", "col.area", "col.code",
           "col.title", "ui.deed.quantity", "col.points", "ui.deed.status", "ui.deed.recorder",
           "ui.deed.source", "ui.deed.note")
PAGE = 200
DeedRole = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


class DeedTableModel(QAbstractTableModel):
    """Deeds newest first, filtered; `canFetchMore`/`fetchMore` page through the services."""

    def __init__(self, ledger: Ledger, lang: str, filters: DeedFilter = DeedFilter(),
                 parent: QObject | None = None, page: int = PAGE) -> None:
        super().__init__(parent)
        self.ledger = ledger
        self.lang = lang
        self.page = page
        self.filters = filters
        self._rows: list[Deed] = []
        self.total = deeds.count_deeds(ledger, filters)

    # --- loading ------------------------------------------------------------------------------

    def set_filters(self, filters: DeedFilter) -> None:
        self.filters = filters
        self.refresh()

    def refresh(self) -> None:
        """Start again from the first page (after a change or a new filter)."""
        self.beginResetModel()
        self._rows = []
        self.total = deeds.count_deeds(self.ledger, self.filters)
        self.endResetModel()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802 - Qt override
        return not parent.isValid() and len(self._rows) < self.total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: N802 - Qt override
        if parent.isValid():
            return
        batch = deeds.list_deeds(self.ledger, self.filters, offset=len(self._rows),
                                 limit=self.page)
        if not batch:
            self.total = len(self._rows)  # the ledger shrank under a filter: stop asking
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(batch) - 1)
        self._rows.extend(batch)
        self.endInsertRows()

    # --- reading ------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(HEADERS)

    def deed_at(self, row: int) -> Deed | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, deed_id: int) -> int:
        return next((i for i, d in enumerate(self._rows) if d.id == deed_id), -1)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(HEADERS):
            return tr(HEADERS[section], self.lang)
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        d = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(d, col)
        if role == DeedRole:
            return d
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (COL_ID, COL_QTY, COL_POINTS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            if d.status == Status.VOID:
                return QBrush(QColor("#888888"))
            if d.status == Status.PENDING and col == COL_STATUS:
                return QBrush(QColor("#8a5a00"))
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_STATUS and d.void_reason:
            return d.void_reason
        return None

    def _text(self, d: Deed, col: int) -> str:
        if col == COL_ID:
            return str(d.id)
        if col == COL_DATE:
            return d.date.isoformat()
        if col == COL_QTY:
            return f"{d.quantity.normalize():f}"
        if col == COL_POINTS:
            return d.points.signed()
        if col == COL_STATUS:
            return status_text(d, self.lang)
        if col == COL_SOURCE:
            return d.source.text()
        if col == COL_NOTE:
            return "；".join(x for x in (d.note, d.override_reason, d.void_reason) if x)
        return {COL_NAME: d.name, COL_HOUSEHOLD: d.household, COL_AREA: d.area,
                COL_RULE: d.rule_code or "", COL_TITLE: d.title,
                COL_RECORDER: d.recorder}.get(col, "")


def status_text(d: Deed, lang: str) -> str:
    if d.status == Status.VOID:
        return tr("ui.status.void", lang)
    if d.status == Status.PENDING:
        return tr("ui.status.pending", lang)
    if d.adjusts is not None:
        return tr("ui.status.adjustment", lang, deed_id=d.adjusts)
    if d.approved_by:
        return tr("ui.status.approved_by", lang, by=d.approved_by)
    return tr("ui.status.approved", lang)
