"""`named(widget, "objectName")`: a Qt object with its object name set, typed for mypy (PySide6's
keyword-property constructors, `QLabel(parent, objectName=…)`, are not in its stubs). Tests and
the remembered layout find widgets by these names."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QObject

Q = TypeVar("Q", bound=QObject)


def named(obj: Q, name: str) -> Q:
    obj.setObjectName(name)
    return obj
