"""Work off the GUI thread: a call on a worker, its progress and cancel, and its result or error
delivered on the GUI thread. Reads run on Qt's shared pool; writes on the one writer thread, one
at a time in the order they were asked for, so the GUI never waits for a durable commit and two
writes never race. The worker never touches a widget; it only emits signals, which Qt queues to
the GUI thread. `operation.py` builds the desktop program's service calls on this."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from itertools import count
from typing import Any

from PySide6.QtCore import QObject, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget
from shiboken6 import isValid

from village_tally.services.jobs import JobControl

Work = Callable[[JobControl], Any]

# Jobs started whose result has not been handled on the GUI thread yet, by id. Holding them
# here keeps a job alive until then even if whoever started it is gone (its changes must
# still be said).
_jobs: dict[int, Job] = {}
_ids = count(1)


@cache
def writer_pool() -> QThreadPool:
    """The one thread that writes to the ledger (it never expires, so it stays one thread)."""
    pool = QThreadPool()
    pool.setMaxThreadCount(1)
    pool.setExpiryTimeout(-1)
    return pool


def pending() -> int:
    """How many jobs have not delivered their result yet (tests wait for none)."""
    return len(_jobs)


def writes_waiting() -> int:
    """How many writes asked for have not been handled on the GUI thread yet."""
    return sum(1 for job in _jobs.values() if job.writes)


def running_long() -> list[Job]:
    """The long jobs (those with a title) not ended yet, oldest first: closing the main
    window asks about them (ui/closing.py)."""
    return [job for job in _jobs.values() if job.title and job.running and isValid(job)]


def wait_for_workers(msecs: int = 30000) -> None:
    """Block until every worker is done (before the ledger is closed under them)."""
    writer_pool().waitForDone(msecs)
    QThreadPool.globalInstance().waitForDone(msecs)


class _Relay(QObject):
    """Where workers report, by job id. It is made on the GUI thread and never deleted, so a
    worker never emits on (or outlives) an object that the GUI thread may already have freed:
    a per-job QObject or a Python-held QRunnable that Qt auto-deletes is exactly that race (a
    rare segfault while the garbage collector ran during a write)."""

    progressed = Signal(int, int, int)
    succeeded = Signal(int, object)
    failed = Signal(int, object)

    def __init__(self) -> None:
        super().__init__()
        queued = Qt.ConnectionType.QueuedConnection
        self.progressed.connect(self._progressed, queued)
        self.succeeded.connect(self._succeeded, queued)
        self.failed.connect(self._failed, queued)

    @Slot(int, int, int)
    def _progressed(self, job_id: int, done: int, total: int) -> None:
        job = _jobs.get(job_id)
        if job is not None and isValid(job):
            job.progressed.emit(done, total)

    @Slot(int, object)
    def _succeeded(self, job_id: int, result: object) -> None:
        job = _jobs.get(job_id)
        if job is not None:
            job.deliver(result, failed=False)

    @Slot(int, object)
    def _failed(self, job_id: int, exc: object) -> None:
        job = _jobs.get(job_id)
        if job is not None:
            job.deliver(exc, failed=True)


@cache
def _relay() -> _Relay:
    return _Relay()  # first asked for by a Job, on the GUI thread


class Job(QObject):
    """One call on a worker. `finished(result)` or `failed(exception)` arrive on the GUI
    thread; `cancel()` asks the service to stop (it raises Cancelled before committing)."""

    progressed = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Work, parent: QObject | None = None) -> None:
        super().__init__(parent)
        relay = _relay()
        self.id = next(_ids)
        job_id = self.id
        self.control = JobControl(
            progress=lambda done, total: relay.progressed.emit(job_id, done, total))
        self._work = work
        self.running = False
        self.writes = False  # on the writer thread: a restore waits for it and says so
        self.title = ""  # a long job's name, as its progress dialog says it (running_long)

    def start(self, pool: QThreadPool | None = None) -> Job:
        """On `pool` (Qt's shared pool if None; `writer_pool()` for a write)."""
        self.running = True
        _jobs[self.id] = self
        self.writes = pool is writer_pool()
        relay, work, control, job_id = _relay(), self._work, self.control, self.id

        def run() -> None:  # on the worker: touches only the relay and plain values
            try:
                result = work(control)
            except Exception as exc:  # delivered to the GUI thread, which decides how to say it
                relay.failed.emit(job_id, exc)
            else:
                relay.succeeded.emit(job_id, result)

        (pool or QThreadPool.globalInstance()).start(run)
        return self

    def cancel(self) -> None:
        self.control.cancel.set()

    def deliver(self, outcome: object, *, failed: bool) -> None:
        """On the GUI thread: say the job's result or error, then let it go. A job whose
        owner (its Qt parent: a window closed meanwhile) is gone went with it, and so did
        everyone listening: it is let go without a word."""
        self.running = False
        try:
            if isValid(self):
                (self.failed if failed else self.finished).emit(outcome)
        finally:
            _jobs.pop(self.id, None)


def show_progress(job: Job, parent: QWidget | None, title: str, cancel_text: str
                  ) -> QProgressDialog:
    """A progress dialog for `job` (shown after a short delay) whose cancel button stops it;
    it closes when the job ends."""
    job.title = title
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
