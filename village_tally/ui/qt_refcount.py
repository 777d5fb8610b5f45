"""Mends PySide6's signals that give back `True` without the reference they owe.

PySide6 6.12's `SignalInstance.emit` and `.disconnect` return Python's `True` without taking a
reference for it, so each call took one of `True`'s references for good. Once the program had
emitted as many signals as `True` had references (a few thousand: a long import's progress, a
day of entry), Python freed `True` and aborted with "Fatal Python error: bool_dealloc", at
exit or in the middle of the work. `mend` wraps each method that does so (found by calling it,
so a PySide that is fixed is left alone) to take the reference owed."""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance

_incref = ctypes.pythonapi.Py_IncRef
_incref.argtypes = [ctypes.py_object]
_incref.restype = None

_TRIES = 64  # calls per probe: far more than any other thread could move True's count by


class _Probe(QObject):
    said = Signal()


def _ignore() -> None:
    return None


def _takes_true(call: Callable[[], object]) -> bool:
    """Does each call leave `True` one reference short? (What the probe took is given back.)"""
    before = sys.getrefcount(True)
    for _ in range(_TRIES):
        call()
    taken = before - sys.getrefcount(True)
    for _ in range(taken):
        _incref(True)
    return taken >= _TRIES


def _owing(method: Callable[..., Any]) -> Callable[..., Any]:
    def call(self: SignalInstance, *args: Any, **kwargs: Any) -> Any:
        result = method(self, *args, **kwargs)
        if result is True:
            _incref(True)  # the reference PySide should have taken for what it returned
        return result

    return call


def mend() -> None:
    """Wrap `emit` and `disconnect` where the installed PySide needs it (once)."""
    if getattr(SignalInstance, "_vt_mended", False):
        return
    probe = _Probe()
    said = probe.said
    if _takes_true(said.emit):
        SignalInstance.emit = _owing(SignalInstance.emit)

    def connect_and_disconnect() -> None:
        said.connect(_ignore)
        said.disconnect(_ignore)

    if _takes_true(connect_and_disconnect):
        SignalInstance.disconnect = _owing(SignalInstance.disconnect)
    SignalInstance._vt_mended = True
