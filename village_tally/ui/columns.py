"""Table columns as wide as what they show: a column is sized to its title and to the rows in
view, again after each reload and, growing only, as rows are scrolled into view, so no title,
name or deed is cut to '…' (at 1200×760 and in large text alike); the table scrolls sideways
when there is more than fits. One column can take whatever width is left over.

Only the rows a person can see are measured, and Qt measures only the widest of them: Qt's
own `resizeColumnsToContents` asks the model for a dozen roles of every cell and lays each
text out (all 5,000 rows of a month's tally blocked the window 260-500 ms; the rows in view
of the month's two tables still 20-50 ms on the 1,000,000-deed village, bench/bench_gui.py).
Here each cell's text is read once and its width taken from the font (a few µs); Qt's item
delegate then sizes the widest few, so a column is exactly as wide as Qt would make it (the
models here give no cell a font or an icon of its own: tests/ui/test_columns.py)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QHeaderView, QStyledItemDelegate, QTableView

MARGIN_ROWS = 5  # measured beyond those in view: a part-shown row, a small scroll
CLOSE = 1.0  # px: a text this close to the widest is sized by Qt too (its layout rounds)


def _rows_in_view(table: QTableView) -> int:
    """How many rows to measure: those the viewport shows (a table not shown yet measures
    as many as it would), and a few more."""
    row = max(1, table.verticalHeader().defaultSectionSize())
    return max(1, table.viewport().height() // row + 1) + MARGIN_ROWS


def _rows(table: QTableView) -> list[int]:
    """The rows measured, as Qt's own measuring picks them: from the first in view down,
    then up from it if the bottom of the table comes first."""
    count, total = _rows_in_view(table), table.model().rowCount()
    top = max(0, table.rowAt(0))
    last = min(total, top + count)
    first = max(0, last - count)
    header = table.verticalHeader()
    return [header.logicalIndex(r) for r in range(first, last)]


def _text_width(table: QTableView, model: QAbstractItemModel, index: QModelIndex,
                metrics: QFontMetricsF) -> float:
    value = model.data(index, Qt.ItemDataRole.DisplayRole)  # from Python: no trip through Qt
    if value is None:
        return -1.0
    text = value
    if not isinstance(text, str):  # a number or date as the delegate shows it
        delegate = table.itemDelegate()
        text = (delegate.displayText(value, table.locale())
                if isinstance(delegate, QStyledItemDelegate) else str(value))
    return max(metrics.horizontalAdvance(line) for line in text.split("\n"))


def _needed(table: QTableView, column: int, rows: list[int]) -> int:
    """The column's width for its title and `rows`: Qt's item delegate sizes a cell whose
    text is widest in the table's font (and one of each width near it: Qt's layout rounds)."""
    model, metrics = table.model(), QFontMetricsF(table.font())
    widths: dict[float, QModelIndex] = {}
    for r in rows:
        cell = model.index(r, column)
        widths.setdefault(_text_width(table, model, cell, metrics), cell)
    content = 0
    if widths and (widest := max(widths)) >= 0:
        content = max(table.sizeHintForIndex(cell).width()
                      for w, cell in widths.items() if w >= widest - CLOSE)
        content += 1 if table.showGrid() else 0  # as Qt's sizeHintForColumn adds
    return max(content, table.horizontalHeader().sectionSizeHint(column))


def _shown(table: QTableView) -> list[int]:
    header = table.horizontalHeader()
    return [c for c in range(header.count()) if not header.isSectionHidden(c)]


def fit_columns(table: QTableView, stretch: int | None = None) -> None:
    """Each column to its title and the rows in view; `stretch` (else the last column
    shown) gets the width left over. Qt's own 'stretch the last section' would squeeze
    it instead."""
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    shown = _shown(table)
    if not shown:
        return
    rows = _rows(table)
    for c in shown:
        header.resizeSection(c, _needed(table, c, rows))
    if stretch is None:
        stretch = max(shown, key=header.visualIndex)
    spare = table.viewport().width() - sum(header.sectionSize(c) for c in shown)
    if spare > 0:
        header.resizeSection(stretch, header.sectionSize(stretch) + spare)


def widen_columns(table: QTableView) -> None:
    """Rows scrolled into view: a column narrower than one of them grows (none shrinks)."""
    header = table.horizontalHeader()
    rows = _rows(table)
    for c in _shown(table):
        if header.sectionSize(c) < (need := _needed(table, c, rows)):
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
    a new filter or order) as soon as the rows are in, so the table is first painted fitted
    (fitting on a later turn painted it twice, and the second paint came in one turn with the
    fitting: bench/bench_gui.py); when the table is shown or resized, once its size is
    settled, so that `stretch` takes the width there is; and, growing only, as rows scroll
    into view."""
    model = table.model()
    timer = QTimer(table)
    timer.setSingleShot(True)
    timer.setInterval(0)
    timer.timeout.connect(lambda: fit_columns(table, stretch))
    model.modelReset.connect(lambda: fit_columns(table, stretch))
    model.rowsInserted.connect(lambda _parent, first, _last: fit_columns(table, stretch)
                               if first == 0 else None)
    model.layoutChanged.connect(lambda: fit_columns(table, stretch))
    table.installEventFilter(_Resized(table, timer))
    scrolled = QTimer(table)
    scrolled.setSingleShot(True)
    scrolled.setInterval(0)
    scrolled.timeout.connect(lambda: widen_columns(table))
    table.verticalScrollBar().valueChanged.connect(lambda _value: scrolled.start())
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
