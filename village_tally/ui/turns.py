"""Work on the GUI thread in small pieces, one per turn of the event loop, so a key pressed
meanwhile waits for one piece at most, never for the whole (bench/bench_gui.py).

A step is a call; if it returns an iterator (a generator that yields between its parts),
each part takes a turn of its own. The turns come from a zero-interval QTimer: Qt's
`singleShot(0, …)` posts an event instead, and two posted in a row ran in one pass of the
event loop with no key, timer or paint between them (the jank benchmark saw two tabs' building
as one block)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from PySide6.QtCore import QObject, QTimer, Signal

Step = Callable[[], Iterator[None] | None]
_DONE = object()


def finish(parts: Iterator[None]) -> None:
    """Run every part at once (a view built without turns: tests, a rebuilt window)."""
    for _ in parts:
        pass


class Turns(QObject):
    """Runs `steps` one part per turn once started, then says `finished`; goes away with its
    parent (a window closed meanwhile stops it)."""

    finished = Signal()

    def __init__(self, steps: Iterable[Step], parent: QObject) -> None:
        super().__init__(parent)
        self._steps = iter(steps)
        self._parts: Iterator[None] | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._turn)

    def start(self) -> Turns:
        self._timer.start()
        return self

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def _turn(self) -> None:
        if self._parts is not None and next(self._parts, _DONE) is not _DONE:
            return
        self._parts = None
        step = next(self._steps, None)
        if step is None:
            self._timer.stop()
            self.finished.emit()
            return
        parts = step()
        if parts is not None:
            self._parts = iter(parts)
