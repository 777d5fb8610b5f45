"""The ledger as a lazy Qt table: rows are fetched a page at a time through the services (keyset
paging: after the last id shown), so a 1,000,000-deed village opens as fast as a small one and
is never loaded whole."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from village_tally.core.deed import Deed, Status
from village_tally.i18n import tr
from village_tally.services import browse, deeds, objections
from village_tally.services.deeds import DeedFilter
from village_tally.services.session import Ledger

COL_ID, COL_DATE, COL_NAME, COL_HOUSEHOLD, COL_AREA, COL_RULE, COL_TITLE, COL_QTY, COL_POINTS, \
    COL_STATUS, COL_RECORDER, COL_SOURCE, COL_NOTE = range(13)
HEADERS = ("ui.deed.id", "ui.deed.date", "col.name", "col.household", "col.area", "col.code",
           "col.title", "ui.deed.quantity", "col.points", "ui.deed.status", "ui.deed.recorder",
           "ui.deed.source", "ui.deed.note")
PAGE = 200
DeedRole = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
NO_FILTER = DeedFilter()
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
GREY = QColor("#888888")
AMBER = QColor("#8a5a00")


class DeedTableModel(QAbstractTableModel):
    """Deeds newest first, filtered; `canFetchMore`/`fetchMore` page through the services."""

    def __init__(self, ledger: Ledger, lang: str, filters: DeedFilter = NO_FILTER,
                 parent: QObject | None = None, page: int = PAGE, *,
                 load: bool = True) -> None:
        super().__init__(parent)
        self.ledger = ledger
        self.lang = lang
        self.page = page
        self.filters = filters
        self.titles = ledger.scheme.deed_titles(lang)
        self._rows: list[Deed] = []
        # Deeds with an unanswered objection: marked wherever a deed shows (DESIGN).
        self.objected: set[int] = objections.open_deeds(ledger) if load else set()
        # load=False: a view that is not shown yet counts nothing until `refresh`.
        self.total = deeds.count_deeds(ledger, filters) if load else 0

    # --- loading ------------------------------------------------------------------------------

    def set_filters(self, filters: DeedFilter) -> None:
        self.filters = filters
        self.refresh()

    def refresh(self) -> None:
        """Start again from the first page (after a change or a new filter). The first page
        is fetched here: a view that is already showing asks for more only as it scrolls, so
        after a reset it would stay blank under a count that says otherwise."""
        self.beginResetModel()
        self._rows = []
        self.total = deeds.count_deeds(self.ledger, self.filters)
        self.objected = objections.open_deeds(self.ledger)
        self.endResetModel()
        if self.canFetchMore():
            self.fetchMore()

    def canFetchMore(self, parent: Index = ROOT) -> bool:  # noqa: N802 - Qt override
        return not parent.isValid() and len(self._rows) < self.total

    def fetchMore(self, parent: Index = ROOT) -> None:  # noqa: N802 - Qt override
        if parent.isValid():
            return
        before = self._rows[-1].id if self._rows else None
        batch = browse.deed_page(self.ledger, self.filters, before=before, limit=self.page)
        if not batch:
            self.total = len(self._rows)  # the ledger shrank under a filter: stop asking
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(batch) - 1)
        self._rows.extend(batch)
        self.endInsertRows()

    # --- reading ------------------------------------------------------------------------------

    def rowCount(self, parent: Index = ROOT) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = ROOT) -> int:  # noqa: N802 - Qt override
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
        roles = {
            Qt.ItemDataRole.TextAlignmentRole:
                RIGHT if col in (COL_ID, COL_QTY, COL_POINTS) else None,
            Qt.ItemDataRole.ForegroundRole: _colour(d, col, d.id in self.objected),
            Qt.ItemDataRole.ToolTipRole: d.void_reason if col == COL_STATUS else None,
        }
        return roles.get(Qt.ItemDataRole(role))

    def _text(self, d: Deed, col: int) -> str:
        texts: dict[int, Callable[[], str]] = {
            COL_ID: lambda: str(d.id), COL_DATE: d.date.isoformat,
            COL_NAME: lambda: d.name, COL_HOUSEHOLD: lambda: d.household,
            COL_AREA: lambda: d.area, COL_RULE: lambda: d.rule_code or "",
            COL_TITLE: lambda: self.titles.get(d.rule_code or "", d.title),
            COL_QTY: lambda: f"{d.quantity.normalize():f}",
            COL_POINTS: d.points.signed,
            COL_STATUS: lambda: status_text(d, self.lang, d.id in self.objected),
            COL_RECORDER: lambda: d.recorder, COL_SOURCE: d.source.text,
            COL_NOTE: lambda: "；".join(x for x in (d.note, d.override_reason, d.void_reason)
                                       if x),
        }
        return texts[col]() if col in texts else ""


def _colour(d: Deed, col: int, objected: bool = False) -> QBrush | None:
    if d.status == Status.VOID:
        return QBrush(GREY)
    if (d.status == Status.PENDING or objected) and col == COL_STATUS:
        return QBrush(AMBER)
    return None


def status_text(d: Deed, lang: str, objected: bool = False) -> str:
    """The deed's status, and "objection open" while an objection to it is unanswered."""
    text = _status(d, lang)
    return f"{text} · {tr('objection.open_mark', lang)}" if objected else text


def _status(d: Deed, lang: str) -> str:
    if d.status == Status.VOID:
        return tr("ui.status.void", lang)
    if d.status == Status.PENDING:
        return tr("ui.status.pending", lang)
    if d.adjusts is not None:
        return tr("ui.status.adjustment", lang, deed_id=d.adjusts)
    if d.approved_by:
        return tr("ui.status.approved_by", lang, by=d.approved_by)
    return tr("ui.status.approved", lang)
