"""What the desktop program needs from its installation at start — the CJK font, the field
sheet's layout and, in Chinese, Qt's own translation — and a message naming whatever is missing,
so a broken install is never seen only as empty boxes or English buttons."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from village_tally.i18n import tr
from village_tally.services.shipped import missing_forms
from village_tally.ui.fonts import FONT_FILE
from village_tally.ui.form_layout import FIELD_SHEET

QT_TRANSLATION = "qtbase_zh_CN.qm"


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
