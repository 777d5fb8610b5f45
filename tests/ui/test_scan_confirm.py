"""Confirming scanned sheets by keyboard: the date once, the sure lines together, each doubtful
line fixed beside its picture; the deeds are what the paper says, and nothing twice."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

pytest.importorskip("cv2", reason="the scan extra: pip install 'village-tally[scan]'")

from tests.scan import synth  # noqa: E402
from tests.scan.conftest import roster_text  # noqa: E402
from tests.ui.conftest import settle  # noqa: E402
from village_tally.services import deeds  # noqa: E402
from village_tally.ui.main_window import MainWindow  # noqa: E402
from village_tally.ui.paper_line import PaperLineDialog  # noqa: E402
from village_tally.ui.scan_line_model import REVIEW, SAVED  # noqa: E402


@pytest.fixture
def scanned(make_ledger, tmp_path: Path):
    """A 20-line sheet of 东片, filled messily and scanned (seeded: five lines to check)."""
    ledger = make_ledger(roster_text=roster_text(37, 0))
    folder = tmp_path / "scans"
    folder.mkdir()
    made = synth.make_sheets(ledger, folder, area="东片", month="2026-11",
                             combos=[("scanner", "messy")], seed=2, lines_used=20)
    return ledger, made[0]


def drop(window: MainWindow, path: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)


def truth_keys(row, truth) -> list[tuple[str, str]]:
    """What the person reads off the picture for each doubtful field: the numbers."""
    ln = row.line
    return [(field, str(value)) for field, read, value in (
        ("resident", ln.resident, truth.resident), ("rule", ln.rule, truth.rule),
        ("quantity", ln.quantity, truth.quantity)) if read.certainty != "sure"]


@pytest.fixture
def window(qtbot, make_ctx, settings, scanned) -> MainWindow:
    main = MainWindow(make_ctx(scanned[0]), settings, "test.db")
    qtbot.addWidget(main)
    return main


def look_at_the_paper(qtbot, window, number: str) -> None:
    """The ledger shows a deed's paper line, for an objection or a check."""
    ledger_view = window.ledger_view
    ledger_view.reload()
    settle(qtbot)  # the page is read off the GUI thread
    ledger_view.select_row(0)
    assert ledger_view.buttons["paperButton"].isEnabled()
    ledger_view.show_paper()
    qtbot.waitUntil(lambda: window.findChild(PaperLineDialog) is not None, timeout=20000)
    paper = window.findChild(PaperLineDialog)
    assert not paper.image.pixmap().isNull() and number in paper.findChild(QLabel).text()
    paper.reject()


def test_a_dropped_scan_becomes_the_deeds_on_the_paper(qtbot, window, scanned, keyboard,
                                                       qtmodeltester):
    ledger, made = scanned
    drop(window, made.path)
    qtbot.waitUntil(lambda: window.scans.window is not None, timeout=60000)
    confirm = window.scans.window
    qtbot.waitActive(confirm)
    assert deeds.count_deeds(ledger) == 0  # proposed, not saved
    rows = confirm.model.items
    assert len(rows) == 20 and confirm.model.count(REVIEW) == 5
    qtmodeltester.check(confirm.model)
    assert QApplication.focusWidget() is confirm.date_edit
    assert confirm.date_edit.text() == "2026-11-22"  # the test clock's day, in the month
    keyboard.enter()  # the date is right
    keyboard.enter()  # the sure lines, together
    settle(qtbot)
    truth = {t.line: t for t in made.truth}
    while confirm.current is not None:
        row = confirm.current
        assert not confirm.image.pixmap().isNull()  # the paper line beside the fields
        assert QApplication.focusWidget() in (*confirm.edits, confirm.override_edit)
        if QApplication.focusWidget() is confirm.override_edit:
            assert "上限" in confirm.problems.text()  # past a monthly cap: a reason, as by hand
            keyboard.type("核实过")
            keyboard.enter()
            settle(qtbot)
            continue
        for field, value in truth_keys(row, truth[row.line.line]):
            keyboard.type(value)
            if field == "rule":  # what the number typed stands for is said
                assert row.sheet.rule_for(value) in confirm.meaning.text()
            keyboard.enter()
        settle(qtbot)
    entered = deeds.list_deeds(ledger)
    sheet = rows[0].sheet
    for d in entered:
        t = truth[d.source.line]
        assert (d.resident_id, d.rule_code, d.quantity) == (
            sheet.residents[t.resident - 1][0], sheet.rules[t.rule - 1], t.quantity), d
        assert d.source.sheet == made.number and d.source.file == made.path.name
    saved = confirm.model.count(SAVED)
    assert saved == len(entered) == 20
    assert {d.override_reason for d in entered} >= {None, "核实过"}
    assert keyboard.count < 40, keyboard.count  # typing the sheet takes about 170
    look_at_the_paper(qtbot, window, made.number)
    # Scanning it again proposes only what is not entered: nothing twice.
    drop(window, made.path)
    qtbot.waitUntil(lambda: window.scans.window is not confirm, timeout=60000)
    again = window.scans.window
    assert again.model.items == [] and again.entered_before == 20
    again.close()


def test_without_the_scan_extra_the_menu_says_what_to_install(qtbot, make_ctx, settings,
                                                              ledger, monkeypatch):
    monkeypatch.setitem(sys.modules, "zxingcpp", None)  # as if not installed: import fails
    window = MainWindow(make_ctx(ledger), settings, "test.db")
    qtbot.addWidget(window)
    action = window.findChild(type(window.quit_action), "ui.menu.open_scans")
    assert "安装" in action.text()
    action.trigger()
    box = window.findChild(QMessageBox)
    assert box is not None and "pip install 'village-tally[scan]'" in box.text()
    assert "zxingcpp" in box.text()
    box.close()
