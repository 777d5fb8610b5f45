"""A short list of names (the people who sign in) found as a person types, by characters or
by pinyin initials, without the GUI thread ever making initials: the first initials load
pypinyin's dictionaries (0.25-0.6 s of CPU) and each name's cost a few ms more, so a key in the
sign-in screen's search blocked the window for 24 ms, and the first one for the whole load
(bench/bench_gui.py). The initials are made on a worker once per list; a query in letters
typed before they are in is found again when they arrive (`ready`)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, Signal

from village_tally.core.names import NameIndex, name_initials
from village_tally.ui.jobs import Job


def _with_initials(names: list[str]) -> NameIndex:
    return NameIndex([(name, name_initials(name)) for name in names])


class NameSearch(QObject):
    """`find(query)`: the positions of the names it finds, in list order."""

    ready = Signal()  # the initials are in: find what was asked again

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.names: list[str] = []
        self._by_initials: NameIndex | None = None
        self._by_characters = NameIndex([])
        self._job: Job | None = None

    def set_names(self, names: Iterable[str]) -> None:
        self.names = list(names)
        self._by_characters = NameIndex((name, frozenset()) for name in self.names)
        self._by_initials = None
        self._job = None  # one still running makes initials for the old list: not taken

    @property
    def waiting(self) -> bool:
        """The initials are being made."""
        return self._by_initials is None and self._job is not None

    def prepare(self) -> None:
        """Start making the initials (a person is about to type)."""
        if self._by_initials is not None or self._job is not None:
            return
        names = list(self.names)
        job = Job(lambda _control: _with_initials(names), self)
        job.finished.connect(lambda index: self._made(job, index))
        # Never left waiting: without initials, names are still found by their characters.
        job.failed.connect(lambda _exc: self._made(job, self._by_characters))
        self._job = job.start()

    def _made(self, job: Job, index: NameIndex) -> None:
        if job is self._job:
            self._by_initials = index
            self.ready.emit()

    def find(self, query: str) -> list[int] | None:
        """Every name for an empty query; None for letters asked before the initials are in
        (they are being made: `ready` says when to ask again)."""
        query = query.strip()
        if not query:
            return list(range(len(self.names)))
        index = self._by_initials
        if index is None:
            if query.isascii():
                self.prepare()
                return None
            index = self._by_characters  # characters never match initials
        return sorted(i for _rank, i in index.find(query, len(self.names)))
