"""Views that load their data when first shown, not when the window is built: the main window
opens at once, and a tab that is never looked at costs nothing (start-up: bench_startup)."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent


class LazyView:
    """Mix into a QWidget before it; the view defines `refresh()` and calls `start(lazy)`.
    (isVisible and showEvent come from the QWidget after this class in the MRO.)"""

    lazy = False
    stale = True

    def start(self, lazy: bool) -> None:
        self.lazy = lazy
        if not lazy:
            self.reload()

    def reload(self) -> None:
        self.stale = False
        self.refresh()  # type: ignore[attr-defined]

    def reload_soon(self) -> None:
        """After a change: now if the person can see it, else when they next look."""
        if self.lazy and not self.isVisible():  # type: ignore[attr-defined]
            self.stale = True
        else:
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        if self.stale:
            self.reload()
        super().showEvent(event)  # type: ignore[misc]
