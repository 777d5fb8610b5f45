"""The ledger as a lazy Qt table: rows are fetched a page at a time through the services (keyset
paging: after the last id shown), so a 1,000,000-deed village opens as fast as a small one and
is never loaded whole."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
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
ANSWERED = frozenset({Qt.ItemDataRole.DisplayRole, DeedRole, Qt.ItemDataRole.TextAlignmentRole,
                      Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.ToolTipRole})
GREY = QColor("#888888")
# How a view lets its model read off the GUI thread (operation.reader): a call on the ledger,
# and what to do with its answer on the GUI thread.
Reader = Callable[[Callable[[Ledger], Any], Callable[[Any], object]], object]
AMBER = QColor("#8a5a00")


class DeedTableModel(QAbstractTableModel):
    """Deeds newest first, filtered; `canFetchMore`/`fetchMore` page through the services.

    With a `reader` (a view's `operation.reader`), the count and every page are read off the
    GUI thread and put in when they arrive (`loaded` says a refresh's first page is in); an
    answer to an older refresh is dropped. On 1,000,000 deeds a count, or a search for words,
    blocked the window for 50-300 ms (bench/bench_gui.py). Without one, it reads at once."""

    loaded = Signal()

    def __init__(self, ledger: Ledger, lang: str, filters: DeedFilter = NO_FILTER,
                 parent: QObject | None = None, page: int = PAGE, *,
                 load: bool = True, reader: Reader | None = None) -> None:
        super().__init__(parent)
        self.ledger = ledger
        self.lang = lang
        self.page = page
        self.filters = filters
        self.reader = reader
        self.titles = ledger.scheme.deed_titles(lang)
        self._rows: list[Deed] = []
        # Deeds with an unanswered objection: marked wherever a deed shows (DESIGN).
        self.objected: set[int] = set()
        self._texts: dict[int, tuple[str, ...]] = {}  # by row, made when first shown
        self._asked = 0  # refreshes asked for: the answer to an older one is dropped
        self.reading = False  # a page is on its way (the first, after a refresh)
        self.total = 0
        # load=False: a view that is not shown yet counts nothing until `refresh`.
        if load and reader is not None:
            self.refresh()
        elif load:
            self.total = deeds.count_deeds(ledger, filters)

    # --- loading ------------------------------------------------------------------------------

    def set_filters(self, filters: DeedFilter) -> None:
        self.filters = filters
        self.refresh()

    def refresh(self) -> None:
        """Start again from the first page (after a change or a new filter). The first page
        is fetched here: a view that is already showing asks for more only as it scrolls, so
        after a reset it would stay blank under a count that says otherwise."""
        if self.reader is None:
            self.objected = objections.open_deeds(self.ledger)
            self._reset(deeds.count_deeds(self.ledger, self.filters), [])
            if self.canFetchMore():
                self.fetchMore()
            self.loaded.emit()
            return
        self._asked += 1
        asked, filters, page = self._asked, self.filters, self.page
        self.reading = True
        self.reader(lambda ledger: (deeds.count_deeds(ledger, filters),
                                    browse.deed_page(ledger, filters, limit=page),
                                    objections.open_deeds(ledger)),
                    lambda answer: self._first_page(asked, *answer))

    def _first_page(self, asked: int, total: int, batch: list[Deed], objected: set[int]
                    ) -> None:
        if asked != self._asked:
            return
        self.reading = False
        self.objected = objected
        self._reset(total, batch)
        self.loaded.emit()

    def _reset(self, total: int, rows: list[Deed]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._texts = {}
        self.total = max(total, len(rows))
        self.endResetModel()

    def canFetchMore(self, parent: Index = ROOT) -> bool:  # noqa: N802 - Qt override
        return not parent.isValid() and not self.reading and len(self._rows) < self.total

    def fetchMore(self, parent: Index = ROOT) -> None:  # noqa: N802 - Qt override
        if parent.isValid() or self.reading:
            return
        before = self._rows[-1].id if self._rows else None
        if self.reader is None:
            self._more(self._asked, browse.deed_page(self.ledger, self.filters, before=before,
                                                     limit=self.page))
            return
        asked, filters, page = self._asked, self.filters, self.page
        self.reading = True
        self.reader(lambda ledger: browse.deed_page(ledger, filters, before=before, limit=page),
                    lambda batch: self._more(asked, batch))

    def _more(self, asked: int, batch: list[Deed]) -> None:
        if asked != self._asked:
            return
        self.reading = False
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
        # Qt asks every cell for a dozen roles while it measures and paints; those this model
        # does not answer are turned away first, and a row's texts are made once.
        if role not in ANSWERED or not index.isValid() or index.row() >= len(self._rows):
            return None
        row, col = index.row(), index.column()
        d = self._rows[row]
        if role == Qt.ItemDataRole.DisplayRole:
            texts = self._texts.get(row)
            if texts is None:
                texts = self._texts[row] = self._row_texts(d)
            return texts[col] if 0 <= col < len(texts) else ""
        if role == DeedRole:
            return d
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if col in (COL_ID, COL_QTY, COL_POINTS) else None
        if role == Qt.ItemDataRole.ForegroundRole:
            return _colour(d, col, d.id in self.objected)
        return d.void_reason if col == COL_STATUS else None  # the tool tip

    def _row_texts(self, d: Deed) -> tuple[str, ...]:
        return (str(d.id), d.date.isoformat(), d.name, d.household, d.area, d.rule_code or "",
                self.titles.get(d.rule_code or "", d.title), f"{d.quantity.normalize():f}",
                d.points.signed(), status_text(d, self.lang, d.id in self.objected),
                d.recorder, d.source.text(),
                "；".join(x for x in (d.note, d.override_reason, d.void_reason) if x))


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
