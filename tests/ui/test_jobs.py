"""Workers: what a long session of jobs does to the process itself."""

from __future__ import annotations

import subprocess
import sys

SESSION = """
import sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
from village_tally.ui.jobs import Job, pending

steps = 2 * sys.getrefcount(True)  # each step is said by two signals


def work(control):
    for done in range(steps):
        control.step(done, steps)
    return True


seen = []
job = Job(work)
job.progressed.connect(lambda done, total: seen.append(done))
job.finished.connect(seen.append)
job.start()
while pending():
    app.processEvents()
print("said", len(seen))
"""


def test_a_long_job_says_its_progress_and_the_program_lives_on():
    """Every signal PySide 6.12 emitted took one of Python's references to True for good: a
    job saying its progress a few thousand times (a big import) freed True, and Python
    aborted (Fatal Python error: bool_dealloc) then or when the window was closed."""
    run = subprocess.run([sys.executable, "-c", SESSION], capture_output=True, text=True,
                         timeout=600, check=False)
    assert "bool_dealloc" not in run.stderr
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.startswith("said ")
