"""What the desktop program needs from its installation at start — the CJK font, the field
sheet's layout and, in Chinese, Qt's own translation — and a message naming whatever is missing,
so a broken install is never seen only as empty boxes or English buttons."""

from __future__ import annotations

from importlib.resources import files

from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QMessageBox, QWidget

from village_tally.i18n import tr
from village_tally.services.shipped import missing_forms
from village_tally.ui.fonts import FONT_FILE
from village_tally.ui.form_layout import FIELD_SHEET

QT_TRANSLATION = "qtbase_zh_CN.qm"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


def app_icon() -> QIcon:
    """The program's red star (assets/icons, rendered by packaging/render_icon.py) at every
    size it ships; an empty icon if they are missing (nothing to read is then no fault)."""
    icon = QIcon()
    folder = files("village_tally").joinpath("assets", "icons")
    for size in ICON_SIZES:
        pixmap = QPixmap()
        try:
            pixmap.loadFromData(folder.joinpath(f"village-tally-{size}.png").read_bytes(), "PNG")
        except OSError:
            continue
        icon.addPixmap(pixmap)
    return icon


def missing_at_start(font_families: list[str], qt_translated: bool, lang: str) -> list[str]:
    """The shipped files start-up could not use, as the installation names them."""
    missing = [] if font_families else [FONT_FILE]
    missing += missing_forms((FIELD_SHEET,))
    if lang == "zh" and not qt_translated:
        missing.append(f"Qt translations/{QT_TRANSLATION}")
    return missing


def say_missing(parent: QWidget | None, missing: list[str], lang: str) -> QMessageBox | None:
    """A message over the window naming the missing files (not blocking: the program goes on
    with what it has); None when nothing is missing."""
    if not missing:
        return None
    box = QMessageBox(QMessageBox.Icon.Warning, tr("ui.app.title", lang),
                      tr("ui.shipped_missing", lang, files="\n".join(missing)),
                      QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("shippedMissingBox")
    box.open()
    return box
