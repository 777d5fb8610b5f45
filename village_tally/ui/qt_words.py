"""Qt's own words (file and print dialogs, message-box buttons) in the program's language.

Chinese comes from Qt's `qtbase_zh_CN.qm` and, after it, the program's own
`assets/translations/qt_extra_zh_CN.qm`: Qt's translation lags behind Qt 6's file dialog,
which asks for "&Look in:" and "Files of &type:" while the translation has only "Look in:" and
"Files of type:", so a Chinese window showed them in English. (A QTranslator subclass that
mends such texts at run time crashes PySide6 6.12 at exit: a reference-count bug.)"""

from __future__ import annotations

from importlib.resources import files

from PySide6.QtCore import QLibraryInfo, QTranslator
from PySide6.QtWidgets import QApplication

QT_TRANSLATION = "qtbase_zh_CN"
EXTRA = "qt_extra_zh_CN.qm"
_installed: list[QTranslator] = []


def install_qt_translations(app: QApplication, lang: str) -> bool:
    """Qt's own dialogs in the chosen language; False if Chinese was wanted and Qt's
    translation could not be loaded (the program's extra words are a help, not a need)."""
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    if lang != "zh":
        return True
    qt = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not qt.load(QT_TRANSLATION, folder):
        return False
    app.installTranslator(qt)
    _installed.append(qt)
    extra = QTranslator(app)
    # A file on disk in a checkout, a wheel and the one-folder bundle alike (Qt reads it).
    if extra.load(str(files("village_tally").joinpath("assets", "translations", EXTRA))):
        app.installTranslator(extra)
        _installed.append(extra)
    return True
