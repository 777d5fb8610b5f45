"""Closing the main window while a long job runs (an import, an export, a print, closing a
month): the window asks, naming the job, whether to wait for it or stop it; stopped, the job
ends as its cancel button ends it (nothing half-written, the database free), and the window
closes when it has ended. The job is held behind an earlier save on the writer thread, an
event this test controls."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QMessageBox

from tests.conftest import enter
from village_tally.core.month import Month
from village_tally.services import deeds, months, roster
from village_tally.ui.import_dialog import ImportDialog
from village_tally.ui.jobs import Job, writer_pool
from village_tally.ui.main_window import MainWindow

DEEDS_CSV = """日期,姓名,户号,编码,数量,单号,行号,记录人
2026-11-02,王芳,0004,L1,2,X-1,1,马秀兰
2026-11-03,马丽,0001,N1,1,X-1,3,马秀兰
"""


@pytest.fixture
def ctx(ledger, make_ctx):
    return make_ctx(ledger, lang="en", user="马书记")


@pytest.fixture
def held() -> Iterator[threading.Event]:
    """The writer busy with an earlier save until the test lets it go."""
    event = threading.Event()
    Job(lambda _control: event.wait()).start(writer_pool())
    yield event
    event.set()


def importing(qtbot, ctx, settings, tmp_path: Path) -> tuple[MainWindow, ImportDialog]:
    """The window, and an import of two good rows asked for (queued behind the held save)."""
    window = MainWindow(ctx, settings, "test.db")
    qtbot.addWidget(window)
    window.show()
    path = tmp_path / "deeds.csv"
    path.write_text(DEEDS_CSV, encoding="utf-8-sig")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    window.dropEvent(QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime,
                                Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier))
    dialog = window.exchange.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.import_button.isEnabled, timeout=20000)
    dialog.import_button.click()
    return window, dialog


def asked(window: MainWindow, shots: Path, job: str = "Importing") -> QMessageBox:
    window.close()
    box = window.findChild(QMessageBox, "jobsRunningBox")
    assert box is not None and box.isVisible()
    assert window.isVisible()  # not closed yet: the person chooses
    assert f"Still running: {job}." in box.text()
    box.grab().save(str(shots / "asked.png"))
    return box


def files_in(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


def test_stop_it_cancels_the_import_and_the_window_closes_when_it_has_ended(
        qtbot, ctx, settings, tmp_path, held):
    window, _dialog = importing(qtbot, ctx, settings, tmp_path)
    before = files_in(tmp_path)
    box = asked(window, tmp_path)
    box.button(QMessageBox.StandardButton.Discard).click()  # stop it
    assert window.isVisible()  # until the import has ended
    held.set()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=20000)
    assert deeds.list_deeds(ctx.ledger) == []  # nothing half-written
    assert files_in(tmp_path) <= before | {"asked.png"}  # no rejects file, no temporary one
    roster.add_area(ctx.acting(), "新片")  # the database is not left locked
    assert "新片" in roster.list_areas(ctx.ledger)


def test_wait_lets_the_import_finish_then_the_window_closes(qtbot, ctx, settings, tmp_path,
                                                            held):
    window, _dialog = importing(qtbot, ctx, settings, tmp_path)
    box = asked(window, tmp_path)
    box.button(QMessageBox.StandardButton.Yes).click()  # wait for it
    assert window.isVisible()
    held.set()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=20000)
    assert {d.name for d in deeds.list_deeds(ctx.ledger)} == {"王芳", "马丽"}


def test_keep_working_leaves_the_window_open(qtbot, ctx, settings, tmp_path, held):
    window, _dialog = importing(qtbot, ctx, settings, tmp_path)
    box = asked(window, tmp_path)
    box.button(QMessageBox.StandardButton.Cancel).click()
    held.set()
    qtbot.waitUntil(lambda: len(deeds.list_deeds(ctx.ledger)) == 2, timeout=20000)
    assert window.isVisible()


def test_stop_it_leaves_open_a_month_that_was_waiting_to_close(qtbot, ctx, settings, tmp_path,
                                                               held):
    enter(ctx.ledger, "王芳", rule="L1", date="2026-10-05", sheet="S1", line=1)
    window = MainWindow(ctx, settings, "test.db")
    qtbot.addWidget(window)
    window.show()
    window.month.set_month("2026-10")
    window.month.close_month()  # queued behind the held save
    box = asked(window, tmp_path, job="Closing 2026-10")
    box.button(QMessageBox.StandardButton.Discard).click()
    held.set()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=20000)
    assert not months.month_info(ctx.ledger, Month(2026, 10)).closed
    assert not list(tmp_path.glob("*.backups/*close-2026-10*"))  # not even its backup
