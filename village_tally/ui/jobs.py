"""Long work off the GUI thread: run a service call on a worker, show progress with a cancel
button, and deliver the result or the error on the GUI thread. The worker never touches a
widget; it only emits signals, which Qt queues to the GUI thread."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from village_tally.services.jobs import JobControl

log = logging.getLogger("village_tally.ui")

Work = Callable[[JobControl], Any]


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
    """One running service call. `finished(result)` or `failed(exception)` arrive on the GUI
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
        self.dialog: QProgressDialog | None = None

    def start(self, pool: QThreadPool | None = None) -> Job:
        self.running = True
        (pool or QThreadPool.globalInstance()).start(self._runnable)
        return self

    def cancel(self) -> None:
        self.control.cancel.set()

    def _done(self, result: object) -> None:
        self.running = False
        self.finished.emit(result)

    def _error(self, exc: object) -> None:
        self.running = False
        self.failed.emit(exc)


def run_job(parent: QWidget, work: Work, *, title: str, cancel_text: str,
            on_done: Callable[[Any], None], on_error: Callable[[BaseException], None]) -> Job:
    """Start `work` on a worker with a progress dialog (shown after a short delay) whose
    cancel button stops the job."""
    job = Job(work, parent)
    dialog = QProgressDialog(title, cancel_text, 0, 0, parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.canceled.connect(job.cancel)

    def progress(done: int, total: int) -> None:
        dialog.setMaximum(max(total, 0))
        dialog.setValue(min(done, total) if total else 0)

    def finish() -> None:
        dialog.canceled.disconnect(job.cancel)
        dialog.close()
        dialog.deleteLater()

    def done(result: object) -> None:
        finish()
        on_done(result)

    def error(exc: object) -> None:
        finish()
        assert isinstance(exc, BaseException)
        on_error(exc)

    job.progressed.connect(progress)
    job.finished.connect(done)
    job.failed.connect(error)
    job.dialog = dialog
    return job.start()
