"""The shipped CJK font, registered so names never show as empty boxes."""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable

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
    try:
        data = (source or font_source()).read_bytes()
    except OSError:
        return []
    font_id = QFontDatabase.addApplicationFontFromData(data)
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
