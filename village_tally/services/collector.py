"""Python's cycle collector paused while big work runs, however many threads pause it at once.

The collector is one switch for the whole process. A file checked on a worker, an import on the
writer thread and the desktop program opening a village each pause it; it runs again when the
last of them is done. Each saving and restoring the switch alone turned it back on under
another's import, or, when two crossed, left it off for the rest of the session."""

from __future__ import annotations

import functools
import gc
import threading
from collections.abc import Callable
from typing import ParamSpec, TypeVar

_P = ParamSpec("_P")
_T = TypeVar("_T")


class _Pauses:
    """How many pauses are held, and whether the collector ran before the first."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.held = 0
        self.was_on = False


_PAUSES = _Pauses()


def pause() -> None:
    """Pause the collector until the matching `resume`."""
    with _PAUSES.lock:
        if _PAUSES.held == 0:
            _PAUSES.was_on = gc.isenabled()
            gc.disable()
        _PAUSES.held += 1


def resume() -> None:
    """End one pause: the collector runs again (if it ran before) once none is held."""
    with _PAUSES.lock:
        if _PAUSES.held == 0:
            return
        _PAUSES.held -= 1
        if _PAUSES.held == 0 and _PAUSES.was_on:
            gc.enable()


def paused(func: Callable[_P, _T]) -> Callable[_P, _T]:
    """`func` with the collector paused while it runs."""
    @functools.wraps(func)
    def call(*args: _P.args, **kwargs: _P.kwargs) -> _T:
        pause()
        try:
            return func(*args, **kwargs)
        finally:
            resume()
    return call
