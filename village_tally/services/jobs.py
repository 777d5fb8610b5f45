"""Progress and cancellation for long jobs: a plain callback and an event, no Qt."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from village_tally.services.errors import Cancelled


def _ignore(_done: int, _total: int) -> None:
    return None


@dataclass
class JobControl:
    """Passed to a long service call: it reports progress and stops when `cancel` is set."""

    progress: Callable[[int, int], None] = _ignore
    cancel: threading.Event = field(default_factory=threading.Event)

    def step(self, done: int, total: int) -> None:
        """Report progress; raises Cancelled (before anything is committed) if asked to stop."""
        if self.cancel.is_set():
            raise Cancelled
        self.progress(done, total)


NO_JOB = JobControl()
