"""Fixtures for the desktop program: a UI context on a fresh village, a private settings file,
and a keyboard that counts keystrokes (Chinese is committed like an input method would)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget

from village_tally.services import people
from village_tally.services.session import Ledger
from village_tally.ui.context import ChangeBus, UiContext
from village_tally.ui.jobs import pending, wait_for_workers
from village_tally.ui.settings import Settings


@pytest.fixture(autouse=True)
def workers_finish(qapp: QApplication):
    """Let every worker finish before the test's database is closed under it."""
    yield
    wait_for_workers()
    qapp.processEvents()


def settle(qtbot, timeout: int = 20000) -> None:  # noqa: ANN001 - pytest-qt's fixture type
    """Wait until every service call asked for has been handled on the GUI thread (writes run
    on the writer thread, as they do for a person, who takes a moment before looking)."""
    qtbot.waitUntil(lambda: pending() == 0, timeout=timeout)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def make_ctx(qapp: QApplication) -> Callable[..., UiContext]:
    def make(ledger: Ledger, lang: str = "zh", user: str | None = "马秀兰") -> UiContext:
        """A window's context with `user` signed in (their PIN is taken as typed here;
        tests/ui/test_sign_in.py signs in through the toolbar with the PIN)."""
        person = people.find_person(ledger, user) if user else None
        return UiContext(ledger, lang, ChangeBus(), person)

    return make


@pytest.fixture
def ctx(ledger: Ledger, make_ctx: Callable[..., UiContext]) -> UiContext:
    return make_ctx(ledger)


class Keyboard:
    """Types the way a gatherer does and counts every key press (an input-method commit of
    Chinese characters counts one press per character)."""

    def __init__(self, qtbot) -> None:  # noqa: ANN001 - pytest-qt's fixture type
        self.qtbot = qtbot
        self.count = 0

    def focused(self) -> QWidget:
        widget = QApplication.focusWidget()
        assert widget is not None, "nothing has the keyboard focus"
        return widget

    def type(self, text: str) -> None:
        """ASCII through QTest; anything else committed as an input method does."""
        widget = self.focused()
        if text.isascii():
            self.qtbot.keyClicks(widget, text)
        else:
            event = QInputMethodEvent()
            event.setCommitString(text)
            QApplication.sendEvent(widget, event)
        self.count += len(text)

    def press(self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
              times: int = 1) -> None:
        for _ in range(times):
            self.qtbot.keyClick(self.focused(), key, modifier)
            self.count += 1

    def enter(self, times: int = 1) -> None:
        self.press(Qt.Key.Key_Return, times=times)


@pytest.fixture
def keyboard(qtbot) -> Keyboard:  # noqa: ANN001
    return Keyboard(qtbot)


def show_active(qtbot, widget: QWidget) -> None:  # noqa: ANN001
    """Show a widget as the active window, so focus and key events behave as on a desktop."""
    qtbot.addWidget(widget)
    with qtbot.waitActive(widget):
        widget.show()
        widget.activateWindow()
