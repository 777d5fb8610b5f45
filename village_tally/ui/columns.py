"""Table columns as wide as what they show: a column is sized to its title and to the rows
loaded (a page, not the whole ledger: header precision), again after each reload, so no title,
name or deed is cut to '…' (at 1200×760 and in large text alike); the table scrolls sideways
when there is more than fits. One column can take whatever width is left over."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QHeaderView, QTableView

PRECISION = 200  # rows measured: a page of the lazy ledger (TECH-NOTES: 5-27 ms)


def fit_columns(table: QTableView, stretch: int | None = None) -> None:
    """Each column to its title and contents; `stretch` (else the last column shown) gets
    the width left over. Qt's own 'stretch the last section' would squeeze it instead."""
    header = table.horizontalHeader()
    header.setResizeContentsPrecision(PRECISION)
    header.setStretchLastSection(False)
    table.resizeColumnsToContents()
    shown = [c for c in range(header.count()) if not header.isSectionHidden(c)]
    if not shown:
        return
    if stretch is None:
        stretch = max(shown, key=header.visualIndex)
    spare = table.viewport().width() - sum(header.sectionSize(c) for c in shown)
    if spare > 0:
        header.resizeSection(stretch, header.sectionSize(stretch) + spare)


class _Resized(QObject):
    """Starts the fitting again when the table is shown or resized (the width left over)."""

    def __init__(self, table: QTableView, timer: QTimer) -> None:
        super().__init__(table)
        self.timer = timer

    def eventFilter(self, _obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self.timer.start()
        return False


def keep_fitted(table: QTableView, stretch: int | None = None) -> None:
    """Fit the columns whenever the model starts again with new rows (a reset, a first page,
    a new filter), once the rows are in; and when the table is shown or resized, so that
    `stretch` takes the width there is."""
    model = table.model()
    timer = QTimer(table)
    timer.setSingleShot(True)
    timer.setInterval(0)
    timer.timeout.connect(lambda: fit_columns(table, stretch))
    model.modelReset.connect(timer.start)
    model.rowsInserted.connect(lambda _parent, first, _last: timer.start() if first == 0
                               else None)
    model.layoutChanged.connect(timer.start)
    table.installEventFilter(_Resized(table, timer))
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
