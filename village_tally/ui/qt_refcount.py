"""Keeps Python's `None` and `True` alive under PySide6 6.12 on Python 3.11.

PySide6 6.12's bindings return `None` (every method that returns nothing: `setText`,
`setValue`, `processEvents` ...) and `True` (`Signal.emit`, `.disconnect`) without the reference
they owe. From Python 3.12 on these objects are immortal and nothing happens; on 3.11 each call
takes one of their references for good. Once the program had made as many calls as they had
references (a long import's progress, a day of entry, a UI test run), Python freed `None` or
`True` and aborted ("Fatal Python error: none_dealloc" / "bool_dealloc"), mid-work or when the
window closed and the objects holding their other references went.

`mend` measures whether the installed PySide does so, and if it does, gives `None`, `True` and
`False` 2**40 references more, once: they are never freed in a sound process anyway, and no
session makes a million million calls."""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

_TRIES = 64  # calls per probe: far more than any other thread could move a count by
_SPARE = 1 << 40


class _Probe(QObject):
    said = Signal()


_MENDED: list[bool] = []  # once per process


def _takes(obj: object, call: Callable[[], object]) -> bool:
    """Does each call leave `obj` one reference short?"""
    before = sys.getrefcount(obj)
    for _ in range(_TRIES):
        call()
    return before - sys.getrefcount(obj) >= _TRIES


def _mortal_singletons() -> bool:
    """None, True and False are freed at a count of 0 (CPython before 3.12, a release build,
    whose object header starts with its reference count)."""
    return (sys.implementation.name == "cpython" and sys.version_info < (3, 12)
            and not hasattr(sys, "gettotalrefcount"))


def _spare(obj: object) -> None:
    # Under the GIL, at start-up: the count is the first field of the object (CPython 3.11).
    ctypes.c_ssize_t.from_address(id(obj)).value += _SPARE


def mend() -> None:
    """Give None, True and False spare references if the installed PySide takes theirs
    (once; nothing on Python 3.12 and later, or with a PySide that is sound)."""
    if not _mortal_singletons() or _MENDED:
        return
    _MENDED.append(True)
    probe = _Probe()
    if _takes(None, lambda: probe.setObjectName("")) or _takes(True, probe.said.emit):
        for obj in (None, True, False):
            _spare(obj)
