"""Nothing a person needs is cut at the window's default size (1200×760), in Chinese and in
English, at normal and large text: the window does not grow past its size, table columns
are as wide as their titles and the rows shown, the sheet number's hint and a deed in words
show whole, and no button or label is squeezed below its text."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QTableView, QWidget

from tests.conftest import enter
from tests.ui.conftest import show_active
from village_tally.ui.entry_line import EntryLine
from village_tally.ui.fonts import scaled
from village_tally.ui.main_window import MainWindow

SIZE = (1200, 760)


@pytest.fixture(params=[("zh", False), ("zh", True), ("en", False), ("en", True)],
                ids=["zh", "zh-large", "en", "en-large"])
def window(request, qtbot, village, make_ctx, settings):
    lang, large = request.param
    qapp = QApplication.instance()
    assert isinstance(qapp, QApplication)
    base = qapp.font()
    qapp.setFont(scaled(base, large, base.pointSizeF()))
    win = MainWindow(make_ctx(village, lang=lang), settings, "村.db")
    win.resize(*SIZE)
    show_active(qtbot, win)
    yield win
    win.close()
    qapp.setFont(base)


@pytest.fixture
def village(make_ledger):
    """Names of four characters, areas of three, a household of five, deeds with long English
    titles, a deed in words, one waiting for approval."""
    ledger = make_ledger("jiakuang-majia", ROSTER)
    for line, (name, rule) in enumerate(DEEDS, start=1):
        enter(ledger, name, rule=rule, date="2026-11-03", sheet="202611-东片-0001", line=line)
    enter(ledger, "欧阳建国", points="3", deed="帮五保户修屋顶", sheet="202611-东片-0001",
          line=len(DEEDS) + 1)
    return ledger


ROSTER = """
欧阳建国 0001 河东片 户主
马少军   0001 河东片
欧阳秀兰 0001 河东片
欧阳小军 0001 河东片
欧阳小红 0001 河东片
司马青青 0002 河西片 户主
"""
DEEDS = [("欧阳建国", "N2"), ("马少军", "C1"), ("司马青青", "D1"), ("欧阳建国", "A1")]


def cut_cells(table: QTableView) -> list[str]:
    """Columns narrower than their title or than a row shown (Qt would draw '…')."""
    header = table.horizontalHeader()
    out = []
    for c in range(header.count()):
        if header.isSectionHidden(c):
            continue
        need = max(table.sizeHintForColumn(c), header.sectionSizeHint(c))
        if header.sectionSize(c) < need:
            title = table.model().headerData(c, Qt.Orientation.Horizontal)
            out.append(f"{table.objectName()}: column {title!r} {header.sectionSize(c)} < {need}")
    return out


def squeezed(widget: QWidget) -> list[str]:
    """Buttons and one-line labels given less width than their text."""
    out = []
    for w in widget.findChildren(QWidget):
        if not w.isVisible():
            continue
        one_line = isinstance(w, QLabel) and not w.wordWrap() and w.text()
        if (one_line or isinstance(w, QAbstractButton)) \
                and w.width() < w.minimumSizeHint().width():
            text = w.text() if isinstance(w, QLabel | QAbstractButton) else ""
            out.append(f"{w.objectName() or type(w).__name__} {text!r}")
    return out


def settled(qtbot, table: QTableView) -> None:
    qtbot.waitUntil(lambda: table.model().rowCount() > 0)
    qtbot.wait(20)  # the columns are fitted once the rows are in (on the next turn)


def test_every_tab_fits_the_window(qtbot, window):
    tables = {window.ledger_view: ["ledgerTable"], window.month: ["tallyTable", "pendingTable"],
              window.roster: ["residentTable", "householdTable"],
              window.handbook: ["ruleTable"]}
    problems = []
    for i in range(window.tabs.count()):
        tab = window.tabs.widget(i)
        window.tabs.setCurrentWidget(tab)
        if tab is window.month:
            window.month.set_month("2026-11")  # the month with a deed waiting
        for name in tables.get(tab, []):
            table = tab.findChild(QTableView, name)
            settled(qtbot, table)
            problems += cut_cells(table)
        problems += squeezed(tab)
        assert (window.width(), window.height()) == SIZE, window.tabs.tabText(i)
    page = window.open_resident(1)
    settled(qtbot, page.table)
    problems += cut_cells(page.table) + squeezed(page)
    assert (window.width(), window.height()) == SIZE
    assert problems == []


def test_the_entry_screen_shows_its_hint_and_a_deed_in_words_whole(window):
    entry = window.entry
    window.tabs.setCurrentWidget(entry)
    edit = entry.sheet_edit
    assert edit.text() == ""
    hint = edit.fontMetrics().horizontalAdvance(edit.placeholderText())
    assert hint <= edit.contentsRect().width() - 8, edit.placeholderText()
    line: EntryLine = entry.lines[0]
    line.rule.setText("帮五保户修屋顶")
    words = line.rule.fontMetrics().horizontalAdvance(line.rule.text())
    assert words <= line.rule.contentsRect().width() - 8
