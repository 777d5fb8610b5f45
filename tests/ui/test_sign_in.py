"""The toolbar's sign-in (until the sign-in screen exists): a window opens read-only, a person
signs in with their PIN typed hidden, a wrong PIN is said in words, and a village without a
secretary names one and shows the recovery code."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QMessageBox

from tests.conftest import NOW
from tests.ui.conftest import settle, show_active
from village_tally.services import people, roster
from village_tally.services.session import init_village
from village_tally.ui.context import ChangeBus, UiContext
from village_tally.ui.main_window import MainWindow


def choose(window: MainWindow, data: object) -> None:
    box = window.user_box
    box.setCurrentIndex(box.findData(data))
    box.activated.emit(box.currentIndex())


def test_a_window_reads_until_someone_signs_in_with_their_pin(qtbot, ledger, settings) -> None:
    ctx = UiContext(ledger.acting_as(None), "zh", ChangeBus())
    window = MainWindow(ctx, settings, "test.db")
    show_active(qtbot, window)
    assert window.user_box.currentText().startswith("（未登录")
    assert {window.user_box.itemData(i) for i in range(window.user_box.count())} >= {
        "马书记", "马主任", "马秀兰"}
    refused = window.entry.sheet.acting()
    assert refused.actor is None
    choose(window, "马主任")
    dialog = window.sign_in_bar.dialog
    assert dialog is not None
    assert dialog.findChild(QLineEdit).echoMode() == QLineEdit.EchoMode.Password
    dialog.setTextValue("4321")
    dialog.accept()
    settle(qtbot)
    box = window.findChild(QMessageBox, "errorBox")
    assert box is not None and "马主任 的密码不对" in box.text()
    box.close()
    assert ctx.person is None and window.user_box.currentData() is None
    choose(window, "马主任")
    window.sign_in_bar.dialog.setTextValue("1234")
    window.sign_in_bar.dialog.accept()
    qtbot.waitUntil(lambda: ctx.user == "马主任")
    assert window.user_box.currentText() == "马主任（村委委员）"
    choose(window, None)  # signing out
    assert ctx.person is None


def test_a_new_village_names_its_secretary_in_the_window(qtbot, settings, tmp_path: Path
                                                         ) -> None:
    ledger = init_village(str(tmp_path / "new.db"), name="新村", clock=lambda: NOW)
    try:
        ctx = UiContext(ledger, "zh", ChangeBus())
        window = MainWindow(ctx, settings, str(tmp_path / "new.db"))
        show_active(qtbot, window)
        choose(window, "\x00setup")
        dialog = window.sign_in_bar.dialog
        assert dialog is not None and dialog.objectName() == "secretaryDialog"
        dialog.name.setText("张文书")
        dialog.pin.setText("2580")
        dialog.again.setText("2581")
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        ok.click()
        assert "不一样" in dialog.problems.text()
        dialog.again.setText("2580")
        ok.click()
        qtbot.waitUntil(lambda: ctx.user == "张文书")
        info = window.findChild(QMessageBox, "infoBox")
        assert info is not None and "恢复码" in info.text()
        info.close()
        assert not people.needs_secretary(ledger)
        roster.add_area(ctx.acting(), "一片")  # the secretary can now keep the roster
        assert roster.list_areas(ledger) == ["一片"]
    finally:
        ledger.close()
