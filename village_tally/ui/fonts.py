"""The shipped CJK font, registered so names never show as empty boxes."""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

FONT_NAME = "wqy-microhei.ttc"
FONT_FILE = f"assets/fonts/{FONT_NAME}"  # as the installation names it to the person


def font_source() -> Traversable:
    """The font in the package, read with importlib.resources (wheel, editable or bundle)."""
    return files("village_tally").joinpath("assets", "fonts", FONT_NAME)


def register_cjk_font(app: QApplication, source: Traversable | None = None) -> list[str]:
    """Add the font's families to the application font's fallbacks; returns the families,
    none if the font is missing or unreadable (start-up says so: ui.shipped)."""
    font = source or font_source()
    if isinstance(font, Path):  # a file (not in an archive): Qt reads it itself, 10 ms sooner
        font_id = QFontDatabase.addApplicationFont(str(font))
    else:
        try:
            font_id = QFontDatabase.addApplicationFontFromData(font.read_bytes())
        except OSError:
            return []
    if font_id < 0:
        return []
    families = QFontDatabase.applicationFontFamilies(font_id)
    app_font = app.font()
    app_font.setFamilies([*families, *app_font.families()])
    app.setFont(app_font)
    return list(families)


def scaled(font: QFont, large: bool, base_size: float) -> QFont:
    """The application font at normal or large size (the larger-text setting)."""
    out = QFont(font)
    out.setPointSizeF(base_size * (1.35 if large else 1.0))
    return out
