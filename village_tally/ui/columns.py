"""Table columns as wide as what they show: a column is sized to its title and to the rows in
view, again after each reload and, growing only, as rows are scrolled into view, so no title,
name or deed is cut to '…' (at 1200×760 and in large text alike); the table scrolls sideways
when there is more than fits. One column can take whatever width is left over.

Only the rows a person can see are measured (header precision): Qt asks the model for a dozen
roles of every cell it measures, about 3 µs each from Python, so measuring a 200-row page of
the ledger blocked the window for 60-80 ms and all 5,000 rows of a month's tally for
260-500 ms (bench/bench_gui.py); the rows in view cost a few ms."""

from __future__ import annotations

from PySide6.QtCore import QTimer
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
    """Each column to its title and the rows in view; `stretch` gets the width left over."""
    header = table.horizontalHeader()
    header.setResizeContentsPrecision(_rows_in_view(table))
    header.setStretchLastSection(stretch is None)
    table.resizeColumnsToContents()
    if stretch is None:
        return
    shown = sum(header.sectionSize(c) for c in range(header.count())
                if not header.isSectionHidden(c))
    spare = table.viewport().width() - shown
    if spare > 0:
        header.resizeSection(stretch, header.sectionSize(stretch) + spare)


def widen_columns(table: QTableView) -> None:
    """Rows scrolled into view: a column narrower than one of them grows (none shrinks)."""
    header = table.horizontalHeader()
    header.setResizeContentsPrecision(_rows_in_view(table))
    last = header.count() - 1
    for c in range(header.count()):
        if header.isSectionHidden(c) or (c == last and header.stretchLastSection()):
            continue
        need = _needed(table, c)
        if header.sectionSize(c) < need:
            header.resizeSection(c, need)


def keep_fitted(table: QTableView, stretch: int | None = None) -> None:
    """Fit the columns whenever the model starts again with new rows (a reset, a first page,
    a new filter), once the rows are in; widen them as rows scroll into view."""
    model = table.model()
    timer = QTimer(table)
    timer.setSingleShot(True)
    timer.setInterval(0)
    timer.timeout.connect(lambda: fit_columns(table, stretch))
    model.modelReset.connect(timer.start)
    model.rowsInserted.connect(lambda _parent, first, _last: timer.start() if first == 0
                               else None)
    model.layoutChanged.connect(timer.start)
    scrolled = QTimer(table)
    scrolled.setSingleShot(True)
    scrolled.setInterval(0)
    scrolled.timeout.connect(lambda: widen_columns(table))
    table.verticalScrollBar().valueChanged.connect(lambda _value: scrolled.start())
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
