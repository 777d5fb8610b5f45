"""Columns fitted to what they show: each as wide as Qt itself would make it for its title and
the rows in view (Qt's `resizeColumnsToContents` is the measure), whatever the texts are —
the widest in pixels not the longest in characters, numbers, two lines, empty cells — and
widened, never narrowed, as wider rows are scrolled into view."""

from __future__ import annotations

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QTableView

from village_tally.ui.columns import fit_columns, widen_columns

ROWS = 400  # far more than a 300-pixel-high table shows


def table_of(qtbot, cells) -> QTableView:  # noqa: ANN001 - pytest-qt's fixture type
    model = QStandardItemModel(0, len(cells(0)))
    model.setHorizontalHeaderLabels(["名字", "points", "说明", "n"])
    for r in range(ROWS):
        items = []
        for value in cells(r):
            item = QStandardItem()
            if value is not None:
                item.setData(value, 0)  # DisplayRole: str, int or float as given
            items.append(item)
        model.appendRow(items)
    table = QTableView()
    table.setModel(model)
    table.resize(500, 300)
    qtbot.addWidget(table)
    table.show()
    qtbot.waitExposed(table)
    return table


def cells(r: int) -> list[object]:
    # In view (the first rows): "WWWW" is wider than "iiiiiiii" with half its letters.
    if r < 5:
        return [["iiiiiiii", "WWWW", "马", "欧阳建国"][r % 4], r * 1.25, "一行\n第二行更长一些",
                None if r % 2 else r]
    if r == ROWS - 1:  # far below: only seen once scrolled to
        return ["欧阳建国欧阳建国欧阳建国", 123456789.5, "短", 10 ** 12]
    return ["马", 1, "短", 1]


def widths(table: QTableView) -> list[int]:
    header = table.horizontalHeader()
    return [header.sectionSize(c) for c in range(header.count())]


def qt_own(table: QTableView, rows: int) -> list[int]:
    """What Qt makes of the same rows (its own measure, then the spare width to the last)."""
    header = table.horizontalHeader()
    header.setResizeContentsPrecision(rows)
    table.resizeColumnsToContents()
    got = widths(table)
    got[-1] += max(0, table.viewport().width() - sum(got))
    return got


def test_columns_are_as_wide_as_qt_makes_them_for_the_rows_in_view(qtbot):
    table = table_of(qtbot, cells)
    fit_columns(table)
    fitted = widths(table)
    rows = table.rowAt(table.viewport().height()) + 1 + 5  # those in view and a few more
    assert fitted == qt_own(table, rows)
    assert fitted[0] < qt_own(table, ROWS)[0]  # the long name far below is not measured yet


def test_rows_scrolled_into_view_widen_the_columns(qtbot):
    table = table_of(qtbot, cells)
    fit_columns(table)
    before = widths(table)
    table.scrollToBottom()
    widen_columns(table)
    after = widths(table)
    assert all(a >= b for a, b in zip(after, before, strict=True))
    needed = [max(table.sizeHintForIndex(table.model().index(ROWS - 1, c)).width() + 1,
                  table.horizontalHeader().sectionSizeHint(c)) for c in range(4)]
    assert [a >= n for a, n in zip(after, needed, strict=True)] == [True] * 4
    assert after[0] > before[0] and after[1] > before[1]
