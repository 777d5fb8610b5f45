"""The Help menu on a window's menu bar: User guide (F1) and About. The dialogs (ui/help.py:
the guide's QTextBrowser, Qt's printer) are imported when first asked for, not at start-up
(bench/bench_startup.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QWidget

from village_tally.i18n import tr
from village_tally.ui.named import named

if TYPE_CHECKING:
    from village_tally.ui.help import AboutDialog, GuideDialog

W = TypeVar("W", bound=QWidget)


class HelpMenu(QObject):
    """Help › User guide (F1) and Help › About on a window's menu bar; one guide and one About
    per window, raised if already open."""

    def __init__(self, window: QMainWindow, lang: str) -> None:
        super().__init__(window)
        self.window = window
        self.lang = lang
        self.guide: GuideDialog | None = None
        self.about: AboutDialog | None = None
        menu = window.menuBar().addMenu(tr("ui.help.menu", lang))
        guide = named(QAction(tr("ui.help.guide", lang), window), "helpGuide")
        guide.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        guide.triggered.connect(self.show_guide)
        about = named(QAction(tr("ui.help.about", lang), window), "helpAbout")
        about.triggered.connect(self.show_about)
        menu.addAction(guide)
        menu.addAction(about)

    def show_guide(self) -> GuideDialog:
        if self.guide is None:
            from village_tally.ui.help import GuideDialog

            self.guide = GuideDialog(self.lang, self.window)
        return _raised(self.guide)

    def show_about(self) -> AboutDialog:
        if self.about is None:
            from village_tally.ui.help import AboutDialog

            self.about = AboutDialog(self.lang, self.window)
        return _raised(self.about)


def _raised(dialog: W) -> W:
    dialog.show()
    dialog.raise_()
    return dialog
