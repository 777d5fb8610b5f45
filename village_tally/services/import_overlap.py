"""An import's writes on a thread of their own, beside the checks of the rows after them.

SQLite's C code lets other Python threads run while it steps, so while one batch of checked
deeds goes into the deed table (its seven indexes, the closed-month trigger, foreign keys:
most of the write) the next rows are checked. The import's connection is used by one thread
at a time, handed over by a semaphore: the thread that checks binds a batch into the staging
table (Python work: done there, not on the writer, whose thread would wait for the GIL after
every row), then hands it over; the writer moves it into the deed table and hands the
connection back. At most one batch is written while the next is gathered, so memory stays
bounded. The writer's error is raised on the thread that checks, at its next hand-over or at
the end; an error or a cancel there stops the writer (after the statement it is in) before
the transaction rolls back.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

_T = TypeVar("_T")


class Overlap(Generic[_T]):
    """A writer thread taking items in order; `hand` and `close` from one other thread."""

    def __init__(self, write: Callable[[_T], None]) -> None:
        self._write = write
        self._items: queue.Queue[tuple[_T] | None] = queue.Queue()
        self._free = threading.Semaphore(1)  # held by whoever uses the connection
        self._error: BaseException | None = None
        self._stop = False
        self._thread = threading.Thread(target=self._run, name="import-writer", daemon=True)
        self._thread.start()

    def hand(self, prepare: Callable[[], None], item: _T) -> None:
        """Wait for the connection, `prepare` on it (this thread), then hand `item` over."""
        self._free.acquire()
        if self._error is not None:
            self._free.release()
            raise self._error
        try:
            prepare()
        except BaseException:
            self._free.release()
            raise
        self._items.put((item,))

    def close(self) -> None:
        """Wait for every item to be written; the writer's error, if any, raised here."""
        self._end()
        if self._error is not None:
            raise self._error

    def abandon(self) -> None:
        """Stop: what is handed and not yet begun is dropped; the item being written finishes
        its statement; nothing is raised (the caller is already failing)."""
        self._stop = True
        self._end()

    def _end(self) -> None:
        if self._thread.is_alive():
            self._items.put(None)
            self._thread.join()

    def _run(self) -> None:
        while (got := self._items.get()) is not None:
            try:
                if self._error is None and not self._stop:
                    self._write(got[0])
            except BaseException as exc:  # raised again on the thread that checks
                self._error = exc
            finally:
                self._free.release()
