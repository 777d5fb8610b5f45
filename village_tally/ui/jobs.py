"""Work off the GUI thread: a call on a worker, its progress and cancel, and its result or error
delivered on the GUI thread. Reads run on Qt's shared pool; writes on the one writer thread, one
at a time in the order they were asked for, so the GUI never waits for a durable commit and two
writes never race. The worker never touches a widget; it only emits signals, which Qt queues to
the GUI thread. `operation.py` builds the desktop program's service calls on this."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget
from shiboken6 import isValid

from village_tally.services.jobs import JobControl

Work = Callable[[JobControl], Any]

# Jobs started whose result has not been handled on the GUI thread yet. Holding them here keeps
# a job alive until then even if whoever started it is gone (its changes must still be said).
_running: set[Job] = set()


@cache
def writer_pool() -> QThreadPool:
    """The one thread that writes to the ledger (it never expires, so it stays one thread)."""
    pool = QThreadPool()
    pool.setMaxThreadCount(1)
    pool.setExpiryTimeout(-1)
    return pool


def pending() -> int:
    """How many jobs have not delivered their result yet (tests wait for none)."""
    return len(_running)


def wait_for_workers(msecs: int = 30000) -> None:
    """Block until every worker is done (before the ledger is closed under them)."""
    writer_pool().waitForDone(msecs)
    QThreadPool.globalInstance().waitForDone(msecs)


class _Signals(QObject):
    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)


class _Runnable(QRunnable):
    def __init__(self, work: Work, control: JobControl, signals: _Signals) -> None:
        super().__init__()
        self.work = work
        self.control = control
        self.signals = signals
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self.work(self.control)
        except Exception as exc:  # delivered to the GUI thread, which decides how to show it
            self.signals.failed.emit(exc)
        else:
            self.signals.succeeded.emit(result)


class Job(QObject):
    """One call on a worker. `finished(result)` or `failed(exception)` arrive on the GUI
    thread; `cancel()` asks the service to stop (it raises Cancelled before committing)."""

    progressed = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Work, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._signals = _Signals()
        self.control = JobControl(progress=self._signals.progressed.emit)
        self._signals.progressed.connect(self.progressed)
        self._signals.succeeded.connect(self._done)
        self._signals.failed.connect(self._error)
        self._runnable = _Runnable(work, self.control, self._signals)
        self.running = False

    def start(self, pool: QThreadPool | None = None) -> Job:
        """On `pool` (Qt's shared pool if None; `writer_pool()` for a write)."""
        self.running = True
        _running.add(self)
        (pool or QThreadPool.globalInstance()).start(self._runnable)
        return self

    def cancel(self) -> None:
        self.control.cancel.set()

    def _done(self, result: object) -> None:
        self.running = False
        try:
            self.finished.emit(result)
        finally:
            _running.discard(self)

    def _error(self, exc: object) -> None:
        self.running = False
        try:
            self.failed.emit(exc)
        finally:
            _running.discard(self)


def show_progress(job: Job, parent: QWidget | None, title: str, cancel_text: str
                  ) -> QProgressDialog:
    """A progress dialog for `job` (shown after a short delay) whose cancel button stops it;
    it closes when the job ends."""
    dialog = QProgressDialog(title, cancel_text, 0, 0, parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.canceled.connect(job.cancel)

    def progress(done: int, total: int) -> None:
        dialog.setMaximum(max(total, 0))
        dialog.setValue(min(done, total) if total else 0)

    def finish(_result: object) -> None:
        if isValid(dialog):  # gone with its parent if that was closed meanwhile
            dialog.canceled.disconnect(job.cancel)
            dialog.close()
            dialog.deleteLater()

    job.progressed.connect(progress)
    # Connected before whoever started the job connects, so the dialog is gone first.
    job.finished.connect(finish)
    job.failed.connect(finish)
    return dialog
