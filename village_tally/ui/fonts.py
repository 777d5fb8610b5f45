"""The shipped CJK font, registered so names never show as empty boxes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from village_tally.core.resources import shipped_folder

FONT_FILE = shipped_folder("fonts") / "wqy-microhei.ttc"


def register_cjk_font(app: QApplication, path: Path = FONT_FILE) -> list[str]:
    """Add the font's families to the application font's fallbacks; returns the families."""
    if not path.exists():
        return []
    font_id = QFontDatabase.addApplicationFont(str(path))
    if font_id < 0:
        return []
    families = QFontDatabase.applicationFontFamilies(font_id)
    font = app.font()
    font.setFamilies([*families, *font.families()])
    app.setFont(font)
    return list(families)


def scaled(font: QFont, large: bool, base_size: float) -> QFont:
    """The application font at normal or large size (the larger-text setting)."""
    out = QFont(font)
    out.setPointSizeF(base_size * (1.35 if large else 1.0))
    return out
