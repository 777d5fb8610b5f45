"""Python's cycle collector paused while big work runs, however many threads pause it at once.

The collector is one switch for the whole process. A file checked on a worker, an import on the
writer thread and the desktop program opening a village each pause it; it runs again when the
last of them is done. Each saving and restoring the switch alone turned it back on under
another's import, or, when two crossed, left it off for the rest of the session.

While the desktop program runs, what outlives a full collection is frozen (`survivors_frozen`):
its long-lived objects (the name index, tallies, pages) were traversed again by every full
collection, 20-49 ms of CPU each with nothing to collect, on the GUI thread or on a worker
holding the GIL (bench/bench_gui.py)."""

from __future__ import annotations

import functools
import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
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


@contextmanager
def survivors_frozen() -> Iterator[None]:
    """While the block runs, whatever survives a full collection is frozen (gc.freeze): the
    next full collection traverses only what was made since. A reference cycle that dies once
    frozen is not collected (refcounting still frees everything else at once): on
    bench/bench_gui.py's session a full collection of everything at its end found the same
    garbage with and without this (6,121 and 1,044 objects: left by the freeze at opening)."""
    gc.callbacks.append(_freeze_after_full)
    try:
        yield
    finally:
        gc.callbacks.remove(_freeze_after_full)


def _freeze_after_full(phase: str, info: dict[str, int]) -> None:
    if phase == "stop" and info["generation"] == 2:
        gc.freeze()
