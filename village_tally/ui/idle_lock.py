"""The idle lock: after some minutes without a key, a click or a wheel turn anywhere in the
program, `idle` is emitted and the window locks (a shared laptop left open in the village
office is not left signed in)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

# What counts as someone at the keyboard (a repaint or a timer does not).
ACTIVITY = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress,
                      QEvent.Type.MouseMove, QEvent.Type.Wheel, QEvent.Type.TouchBegin,
                      QEvent.Type.InputMethod})


class IdleLock(QObject):
    """Watches the whole application's input; `minutes` 0 never locks."""

    idle = Signal()

    def __init__(self, minutes: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.idle.emit)
        self.set_minutes(minutes)
        app = QApplication.instance()
        if app is not None:  # removed by Qt when this object is destroyed
            app.installEventFilter(self)

    def set_minutes(self, minutes: int) -> None:
        self.minutes = max(0, minutes)
        self.timer.setInterval(self.minutes * 60_000)
        self.restart()

    def restart(self) -> None:
        if self.minutes:
            self.timer.start()
        else:
            self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in ACTIVITY and self.minutes:
            self.timer.start()
        return False
