"""The sign-in screen: the window opens at it; a person picks their name (or types its pinyin
initials) and types the PIN (the number pad's Enter signs in); a wrong PIN and a lockout are
said in the window's language; Ctrl+L and idle minutes lock; switching person is quick; a
village without a secretary names one first and shows the recovery code once."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.conftest import NOW
from tests.ui.conftest import settle, show_active
from village_tally.services import people, roster
from village_tally.services.session import init_village
from village_tally.ui.context import ChangeBus, UiContext
from village_tally.ui.main_window import MainWindow


def opened(qtbot, ledger, settings, lang="zh") -> MainWindow:  # noqa: ANN001
    window = MainWindow(UiContext(ledger.acting_as(None), lang, ChangeBus()), settings,
                        "test.db")
    show_active(qtbot, window)
    return window


def type_pin(qtbot, window: MainWindow, pin: str, *, keypad: bool = False) -> None:  # noqa: ANN001
    page = window.sign_in_page
    assert QApplication.focusWidget() is page.pin
    mod = Qt.KeyboardModifier.KeypadModifier if keypad else Qt.KeyboardModifier.NoModifier
    for digit in pin:
        qtbot.keyClick(page.pin, digit, mod)
    qtbot.keyClick(page.pin, Qt.Key.Key_Enter if keypad else Qt.Key.Key_Return, mod)
    settle(qtbot)


def test_the_window_opens_at_the_sign_in_screen_and_initials_find_the_name(
        qtbot, ledger, settings) -> None:
    window = opened(qtbot, ledger, settings)
    page = window.sign_in_page
    assert window.stack.currentWidget() is page and not window.tabs.isVisible()
    assert window.who_label.text() == "（未登录）"
    names = [page.names.item(i).text() for i in range(page.names.count())]
    assert names[0] == "马书记（文书）" and "马主任（村委委员）" in names
    assert QApplication.focusWidget() is page.search
    qtbot.keyClicks(page.search, "mzr")
    assert [page.names.item(i).text() for i in range(page.names.count())] == ["马主任（村委委员）"]
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert "马主任 的密码" in page.chosen_label.text()
    type_pin(qtbot, window, "1234", keypad=True)  # the number pad, its Enter included
    assert window.ctx.user == "马主任" and window.stack.currentWidget() is window.tabs
    assert window.who_label.text() == "马主任（村委委员）"
    assert settings.user_for("test.db") == "马主任"


def test_a_wrong_pin_and_the_lockout_are_said_plainly(qtbot, ledger, settings) -> None:
    window = opened(qtbot, ledger, settings, lang="en")
    page = window.sign_in_page
    qtbot.keyClicks(page.search, "wjg")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    type_pin(qtbot, window, "4321")
    assert page.problems.text().endswith("wrong PIN for 王建国 (2 more tries before a lockout)")
    assert window.ctx.person is None and page.pin.text() == ""
    for _ in range(2):
        type_pin(qtbot, window, "4321")
    assert "王建国 is locked out after wrong PINs until" in page.problems.text()
    type_pin(qtbot, window, "1234")  # the right PIN does not help while locked out
    assert "locked out" in page.problems.text() and window.ctx.person is None
    page.pin.insert("12")
    page._key("⌫")  # the on-screen pad edits the same field
    assert page.pin.text() == "1"


def test_ctrl_l_locks_idle_minutes_lock_and_switching_is_quick(qtbot, ledger, settings
                                                                ) -> None:
    window = opened(qtbot, ledger, settings)
    page = window.sign_in_page
    page.sign_in("马秀兰", "1234")
    qtbot.waitUntil(lambda: window.ctx.user == "马秀兰")
    window.entry.sheet_edit.setFocus()
    qtbot.keyClick(window.entry.sheet_edit, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.ctx.person is None and window.stack.currentWidget() is page
    assert window.entry.sheet.acting().actor is None  # nothing can be written while locked
    assert page.chosen == "马秀兰" and QApplication.focusWidget() is page.pin  # just the PIN
    type_pin(qtbot, window, "1234")
    assert window.ctx.user == "马秀兰"
    assert window.idle.timer.interval() == 10 * 60_000 and window.idle.timer.isActive()
    window.idle.timer.stop()
    press = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_1, Qt.KeyboardModifier.NoModifier, "1")
    QApplication.sendEvent(window.windowHandle(), press)  # as the window system sends a key
    assert window.idle.timer.isActive()  # someone is at the keyboard: the minutes start again
    window.idle.timer.timeout.emit()  # ten minutes pass with nobody at the keyboard
    assert window.ctx.person is None and window.stack.currentWidget() is page
    type_pin(qtbot, window, "1234")
    window.switch_action.trigger()  # someone else sits down
    assert window.ctx.person is None and QApplication.focusWidget() is page.search
    qtbot.keyClicks(page.search, "msj")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    type_pin(qtbot, window, "1234")
    assert window.ctx.user == "马书记"
    dialog = window.ask_idle_minutes()
    dialog.setIntValue(3)
    dialog.accept()
    assert settings.idle_minutes == 3 and window.idle.timer.interval() == 3 * 60_000


def test_a_new_village_names_its_secretary_and_sees_the_recovery_code_once(
        qtbot, settings, tmp_path: Path) -> None:
    ledger = init_village(str(tmp_path / "new.db"), name="新村", clock=lambda: NOW)
    try:
        ctx = UiContext(ledger, "zh", ChangeBus())
        window = MainWindow(ctx, settings, str(tmp_path / "new.db"))
        show_active(qtbot, window)
        form = window.sign_in_page.setup
        assert form.isVisible() and QApplication.focusWidget() is form.name
        qtbot.keyClicks(form.name, "zww")
        form.name.setText("张文书")
        form.pin.setText("2580")
        form.again.setText("2581")
        form.submit()
        assert "不一样" in form.problems.text()
        form.again.setText("25")
        form.pin.setText("25")
        form.submit()
        settle(qtbot)
        assert "4 到 8 位数字" in form.problems.text()
        form.pin.setText("2580")
        form.again.setText("2580")
        form.submit()
        qtbot.waitUntil(lambda: ctx.user == "张文书")
        info = window.findChild(QMessageBox, "infoBox")
        assert info is not None and "恢复码" in info.text() and "只显示这一次" in info.text()
        info.close()
        assert not people.needs_secretary(ledger)
        roster.add_area(ctx.acting(), "一片")  # the secretary can now keep the roster
        assert roster.list_areas(ledger) == ["一片"]
        window.lock()
        assert not form.isVisible() and window.sign_in_page.chosen == "张文书"
        forget_and_recover(qtbot, window, info.text())
    finally:
        ledger.close()

def forget_and_recover(qtbot, window: MainWindow, shown: str) -> None:  # noqa: ANN001
    """A month later the secretary's PIN is forgotten: the code the committee kept (`shown`
    once) resets it, after one mistyped code and a change of mind."""
    ctx, ledger = window.ctx, window.ctx.ledger
    page = window.sign_in_page
    code = re.search(r"\d{4}-\d{4}-\d{4}", shown)
    assert code is not None and page.forgot.isVisible()
    show_active(qtbot, window)  # the window has the keyboard again once the box is gone
    qtbot.mouseClick(page.forgot, Qt.MouseButton.LeftButton)
    recovery = page.recovery
    assert recovery.isVisible() and QApplication.focusWidget() is recovery.code
    assert "张文书" in recovery.intro.text()
    qtbot.keyClick(recovery.code, Qt.Key.Key_Escape)  # changed their mind: back to the PIN
    assert not recovery.isVisible() and QApplication.focusWidget() is page.pin
    qtbot.mouseClick(page.forgot, Qt.MouseButton.LeftButton)
    for edit, text in ((recovery.code, "1111-2222-3333"), (recovery.pin, "9090"),
                       (recovery.again, "9090")):
        qtbot.keyClicks(edit, text)
        qtbot.keyClick(edit, Qt.Key.Key_Return)
    wrong = "张文书 的恢复码不对（还可以再试 2 次）"
    qtbot.waitUntil(lambda: wrong in recovery.problems.text())
    assert ctx.user == ""  # a wrong code counts as a wrong PIN; nobody signed in
    recovery.code.setText(code.group())
    recovery.submit()
    qtbot.waitUntil(lambda: ctx.user == "张文书")
    again = [b for b in window.findChildren(QMessageBox, "infoBox") if b.isVisible()]
    assert again and "新的恢复码" in again[-1].text() and code.group() not in again[-1].text()
    people.sign_in(ledger, "张文书", "9090")  # the new PIN works
