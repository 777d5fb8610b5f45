"""Table columns as wide as what they show: a column is sized to its title and to the rows in
view, again after each reload and, growing only, as rows are scrolled into view, so no title,
name or deed is cut to '…' (at 1200×760 and in large text alike); the table scrolls sideways
when there is more than fits. One column can take whatever width is left over.

Only the rows a person can see are measured (header precision): Qt asks the model for a dozen
roles of every cell it measures, about 3 µs each from Python, so measuring a 200-row page of
the ledger blocked the window for 60-80 ms and all 5,000 rows of a month's tally for
260-500 ms (bench/bench_gui.py); the rows in view cost a few ms."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QHeaderView, QTableView

MARGIN_ROWS = 5  # measured beyond those in view: a part-shown row, a small scroll


def _rows_in_view(table: QTableView) -> int:
    """How many rows Qt should measure: those the viewport shows (a table not shown yet
    measures as many as it would), and a few more."""
    row = max(1, table.verticalHeader().defaultSectionSize())
    return max(1, table.viewport().height() // row + 1) + MARGIN_ROWS


def _needed(table: QTableView, column: int) -> int:
    header = table.horizontalHeader()
    return max(table.sizeHintForColumn(column), header.sectionSizeHint(column))


def fit_columns(table: QTableView, stretch: int | None = None) -> None:
    """Each column to its title and the rows in view; `stretch` (else the last column
    shown) gets the width left over. Qt's own 'stretch the last section' would squeeze
    it instead."""
    header = table.horizontalHeader()
    header.setResizeContentsPrecision(_rows_in_view(table))
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


def widen_columns(table: QTableView) -> None:
    """Rows scrolled into view: a column narrower than one of them grows (none shrinks)."""
    header = table.horizontalHeader()
    header.setResizeContentsPrecision(_rows_in_view(table))
    for c in range(header.count()):
        if not header.isSectionHidden(c) and header.sectionSize(c) < (need := _needed(table, c)):
            header.resizeSection(c, need)


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
    a new filter), once the rows are in; when the table is shown or resized, so that
    `stretch` takes the width there is; and, growing only, as rows scroll into view."""
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
    scrolled = QTimer(table)
    scrolled.setSingleShot(True)
    scrolled.setInterval(0)
    scrolled.timeout.connect(lambda: widen_columns(table))
    table.verticalScrollBar().valueChanged.connect(lambda _value: scrolled.start())
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
