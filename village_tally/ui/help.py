"""The dialogs of Help › User guide and Help › About (the menu itself: help_menu.py). The
guide (village_tally/help/guide.{zh,en}.html with screenshots taken by ui/screenshots.py
--guide) is shipped in the package, read with importlib.resources, shown in a QTextBrowser and
printed or saved as PDF through Qt's printer. About names the version and the licences of the
program, its fonts and Qt."""

from __future__ import annotations

import re
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

import village_tally
from village_tally.i18n import tr
from village_tally.ui import folders
from village_tally.ui.named import named

FONT_LICENCES = ("wqy-microhei.LICENSE", "hanazono-ext.LICENSE")
_IMAGE = re.compile(r'<img[^>]*\ssrc="([^"]+)"')


def help_folder() -> Traversable:
    return files("village_tally").joinpath("help")


def guide_document(lang: str, parent: QWidget | None = None) -> QTextDocument:
    """The user guide in `lang` (Chinese unless 'en'), its screenshots as the document's own
    images, so it shows and prints the same from a wheel, a source tree or the bundle."""
    folder = help_folder()
    html = folder.joinpath(f"guide.{'en' if lang == 'en' else 'zh'}.html").read_text("utf-8")
    document = QTextDocument(parent)
    for name in sorted(set(_IMAGE.findall(html))):
        image = QImage.fromData(folder.joinpath(name).read_bytes())
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
    document.setHtml(html)
    return document


def print_document(document: QTextDocument, pdf: Path | str | None = None,
                   parent: QWidget | None = None) -> bool:
    """Print the document: into a PDF file when `pdf` is given, else on a printer the person
    chooses. False if nothing was printed (the dialog was cancelled)."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if pdf is not None:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(pdf))
    elif QPrintDialog(printer, parent).exec() != QDialog.DialogCode.Accepted:
        return False
    document.print_(printer)
    return True


class GuideDialog(QDialog):
    """The user guide, with Print and Save as PDF; not modal, so it can stay open beside the
    window while a person works."""

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.setObjectName("guideDialog")
        self.setWindowTitle(tr("ui.help.guide", lang))
        self.browser = named(QTextBrowser(self), "guideText")
        self.browser.setDocument(guide_document(lang, self.browser))
        print_button = named(QPushButton(tr("ui.help.print", lang), self), "guidePrint")
        print_button.clicked.connect(lambda: print_document(self.browser.document(),
                                                            parent=self))
        save = named(QPushButton(tr("ui.help.save_pdf", lang), self), "guideSavePdf")
        save.clicked.connect(self.ask_save)
        close = QPushButton(tr("ui.help.close", lang), self)
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(print_button)
        buttons.addWidget(save)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addLayout(buttons)
        self.resize(900, 760)

    def save_pdf(self, path: Path | str) -> Path:
        print_document(self.browser.document(), path)
        return Path(path)

    def ask_save(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, tr("ui.help.save_pdf", self.lang),
            folders.offered(tr("ui.help.guide_file", self.lang)), "PDF (*.pdf)")
        if name:
            folders.chosen(name)
            self.save_pdf(name)


def licence_text(lang: str) -> str:
    """The program's licence notice and the shipped fonts' licence files, as plain text."""
    fonts = files("village_tally").joinpath("assets", "fonts")
    parts = [tr("ui.help.licence_notice", lang)]
    for name in FONT_LICENCES:
        try:
            parts.append(f"—— {name} ——\n" + fonts.joinpath(name).read_text("utf-8"))
        except OSError:
            parts.append(f"—— {name} —— " + tr("ui.help.licence_missing", lang))
    return "\n\n".join(parts)


class AboutDialog(QDialog):
    """The program's name, version and icon; the licences of the program, its fonts and Qt."""

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(tr("ui.help.about", lang))
        icon = QLabel(self)
        icon.setPixmap(QApplication.windowIcon().pixmap(64, 64))
        title = tr("ui.help.about_title", lang, version=village_tally.__version__)
        self.title = named(QLabel(title, self), "aboutTitle")
        self.title.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addWidget(self.title, 1)
        self.licences = named(QTextBrowser(self), "aboutLicences")
        self.licences.setPlainText(licence_text(lang))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        about_qt = buttons.addButton(tr("ui.help.about_qt", lang),
                                     QDialogButtonBox.ButtonRole.ActionRole)
        about_qt.clicked.connect(QApplication.aboutQt)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.licences)
        layout.addWidget(buttons)
        self.resize(640, 560)
