"""Workers: what a long session of jobs does to the process itself."""

from __future__ import annotations

import subprocess
import sys

SESSION = """
import sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
# More steps than None and True have references before the program is loaded.
steps = 2 * max(sys.getrefcount(None), sys.getrefcount(True))
from village_tally.ui.jobs import Job, pending, show_progress


def work(control):
    for done in range(steps):
        control.step(done, steps)
    return True


seen = []
job = Job(work)
show_progress(job, None, "importing", "cancel")  # each step sets the bar (a call of Qt's)
job.progressed.connect(lambda done, total: seen.append(done))
job.finished.connect(seen.append)
job.start()
while pending():
    app.processEvents()
print("said", len(seen))
"""


def test_a_long_job_says_its_progress_and_the_program_lives_on():
    """PySide 6.12 on Python 3.11: each signal emitted took one of Python's references to
    True for good, and each call of a Qt method that returns nothing (the progress bar's
    setValue, processEvents) one of None's. A job saying its progress a few ten thousand
    times (a big import) freed None or True, and Python aborted (Fatal Python error:
    none_dealloc / bool_dealloc), then or when the window was closed."""
    run = subprocess.run([sys.executable, "-c", SESSION], capture_output=True, text=True,
                         timeout=600, check=False)
    assert "_dealloc" not in run.stderr
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.startswith("said ")


def test_a_job_whose_owner_is_gone_ends_quietly(qtbot):
    """A job started by a window that is closed and deleted before the job ends (the sign-in
    screen's initials, the check on opening, when the window is rebuilt in another language):
    its result has nobody to go to. Delivering it raised 'Signal source has been deleted' in
    Qt's event loop."""
    import threading

    from PySide6.QtCore import QObject
    from shiboken6 import delete

    from tests.ui.conftest import settle
    from village_tally.ui.jobs import Job, pending

    may_end = threading.Event()
    owner = QObject()
    try:
        job = Job(lambda _control: may_end.wait(), owner).start()
        delete(owner)  # the window went, and its job with it
    finally:
        may_end.set()
    settle(qtbot)  # pytest-qt fails the test on an exception in Qt's event loop
    assert pending() == 0 and job is not None
