"""Small keyboard helpers shared by the views."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLineEdit, QWidget


def find_shortcut(view: QWidget, search: QLineEdit) -> QShortcut:
    """Ctrl+F in a view puts the cursor in its search box, text selected."""
    shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), view)
    shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def go() -> None:
        search.setFocus()
        search.selectAll()

    shortcut.activated.connect(go)
    return shortcut
