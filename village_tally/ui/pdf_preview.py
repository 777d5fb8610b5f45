"""An in-program PDF preview (QtPdf) with save-as-PDF and print (QPrinter).

The PDF is made by a printing service on a worker thread into a temporary file; the preview
shows it, "save" copies it byte for byte (invariant 7: the same data gives the same file). On
the village-hall screen it prints on paper only (`paper_only`): no file is ever written where a
passer-by chooses."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import count
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QPointF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from village_tally.services.jobs import JobControl
from village_tally.ui import folders
from village_tally.ui.context import UiContext
from village_tally.ui.messages import show_error
from village_tally.ui.named import named
from village_tally.ui.operation import Operation, long_job

Render = Callable[[Path, JobControl, Mapping[str, str]], object]


@dataclass(frozen=True, slots=True)
class Option:
    """A choice the printout offers (the board's paper and order): its name as the render
    receives it, its label, and its values with their labels (i18n codes); the first is the
    default."""

    name: str
    label: str
    values: tuple[tuple[str, str], ...]


def render_page(document: QPdfDocument, page: int, width: int) -> QImage:
    """A page as an image on white paper (QPdfDocument.render gives a transparent image)."""
    size = document.pagePointSize(page)
    height = round(width * size.height() / size.width()) if size.width() else width
    image = document.render(page, QSize(width, height))
    paper = QImage(image.size(), QImage.Format.Format_RGB32)
    paper.fill(QColor("white"))
    painter = QPainter(paper)
    painter.drawImage(QPointF(0, 0), image)
    painter.end()
    return paper


def opened(path: Path) -> QPdfDocument:
    """The PDF opened on the worker that made it, every page's size read (the preview's
    layout asks for all of them, and the document keeps them: 0.4-0.6 s for a 454-page board,
    which froze the window when done on the GUI thread: bench/bench_gui.py), then handed to
    the GUI thread."""
    document = QPdfDocument()
    document.load(str(path))
    for page in range(document.pageCount()):
        document.pagePointSize(page)
    app = QCoreApplication.instance()
    if app is not None:
        document.moveToThread(app.thread())
    return document


class PdfPreviewDialog(QDialog):
    """Make a PDF off the GUI thread, show it, and let the person save or print it."""

    ready = Signal()

    def __init__(self, ctx: UiContext, title: str, render: Render, suggested: str,
                 parent: QWidget | None = None, *, options: Sequence[Option] = ()) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.title = title
        self.make_pdf = render
        self.setWindowTitle(title)
        self.suggested = suggested
        self._tmp = tempfile.TemporaryDirectory(prefix="village-tally-")
        self.path = Path(self._tmp.name) / suggested  # the PDF shown (save copies it)
        self._makings = count(1)
        self._making = self.path  # where the PDF last asked for is being made
        self._busy: set[Path] = set()  # where makings not ended yet write (their folders stay)
        self.closed = False
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setObjectName("pdfView")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.info = QLabel(ctx.t("ui.print.making"), self)
        self.to_paper_only = False
        self.save_button = named(QPushButton(ctx.t("ui.print.save"), self), "savePdf")
        self.print_button = named(QPushButton(ctx.t("ui.print.print"), self), "printPdf")
        close = QPushButton(ctx.t("ui.close"), self)
        for b in (self.save_button, self.print_button):
            b.setEnabled(False)
        self.save_button.clicked.connect(self.ask_save)
        self.print_button.clicked.connect(self.ask_print)
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.info, 1)
        for b in (self.save_button, self.print_button, close):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        self.choices: dict[str, QComboBox] = {}
        if options:
            layout.addLayout(self._build_options(options))
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.resize(900, 700)
        self.finished.connect(lambda _r: self._cleanup())
        self.job: Operation[object] = self.make()

    def _build_options(self, options: Sequence[Option]) -> QHBoxLayout:
        row = QHBoxLayout()
        for option in options:
            box = named(QComboBox(self), f"option_{option.name}")
            for value, label in option.values:
                box.addItem(self.ctx.t(label), value)
            box.currentIndexChanged.connect(lambda _i: self.make())
            row.addWidget(QLabel(self.ctx.t(option.label), self))
            row.addWidget(box)
            self.choices[option.name] = box
        row.addStretch(1)
        return row

    def chosen(self) -> dict[str, str]:
        """The values chosen for the printout's options (paper, order …)."""
        return {name: str(box.currentData()) for name, box in self.choices.items()}

    def make(self) -> Operation[object]:
        """Make the PDF (again, after another paper or order is chosen) off the GUI thread.
        Each making writes a file of its own, and only the one asked for last is shown: a
        choice changed while the previous PDF is still being made (a turn of the mouse wheel
        over the paper) must not show, or save, the earlier choice's paper when it ends last."""
        folder = Path(self._tmp.name) / str(next(self._makings))
        folder.mkdir()
        path, render, chosen = folder / self.suggested, self.make_pdf, self.chosen()
        self._making = path
        self._busy.add(path)
        for b in (self.save_button, self.print_button):
            b.setEnabled(False)
        self.info.setText(self.ctx.t("ui.print.making"))
        def made(_ledger: object, control: JobControl) -> QPdfDocument:
            render(path, control, chosen)
            return opened(path)

        self.job = long_job(self.ctx, self, made, title=self.title, writes=False,
                            done=lambda document: self._made(document, path),
                            ended=lambda: self._ended(path))
        return self.job

    def _made(self, document: object, path: Path) -> None:
        assert isinstance(document, QPdfDocument)
        if path != self._making or self.closed:  # another choice since, or the preview closed
            document.close()
            document.deleteLater()
            return
        self.path = path
        old, self.document = self.document, document
        document.setParent(self)
        self.view.setDocument(document)
        old.close()
        old.deleteLater()
        pages = document.pageCount()
        self.info.setText(self.ctx.t("ui.print.pages", pages=pages))
        for b in (self.save_button, self.print_button):
            b.setEnabled(pages > 0)
        self.ready.emit()

    def _ended(self, path: Path) -> None:
        self._busy.discard(path)
        if self.closed:
            self._cleanup()
            return
        # Not made (the reason was said in a message), unless another making is under way.
        if path == self._making and self.document.pageCount() == 0:
            self.info.setText("")

    def save_to(self, target: Path | str) -> Path:
        """Copy the PDF there (byte for byte) and say where it went."""
        shutil.copyfile(self.path, target)
        folders.chosen(target)
        self.info.setText(self.ctx.t("ui.print.saved", path=str(target)))
        return Path(target)

    def ask_save(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.ctx.t("ui.print.save"),
                                              folders.offered(self.suggested), "PDF (*.pdf)")
        if name:
            try:
                self.save_to(name)
            except OSError as exc:
                show_error(self, exc, self.ctx.lang)

    def paper_only(self) -> None:
        """A printer or nothing (the village-hall screen): no save button, no "print to file"
        in the print dialog, and a printer that would write a file prints nothing."""
        self.to_paper_only = True
        self.save_button.hide()

    def print_dialog(self, printer: QPrinter) -> QPrintDialog:
        """The print dialog for this preview (print to file left out when paper only)."""
        dialog = QPrintDialog(printer, self)
        if self.to_paper_only:
            dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile, False)
        return dialog

    def print_to(self, printer: QPrinter) -> int:
        """Draw every page on the printer, scaled to its page; returns pages printed. When
        paper only, a printer that writes a file (PDF, or a file name) prints nothing."""
        if self.to_paper_only and (printer.outputFormat() != QPrinter.OutputFormat.NativeFormat
                                   or printer.outputFileName()):
            self.info.setText(self.ctx.t("ui.print.paper_only"))
            return 0
        painter = QPainter()
        if not painter.begin(printer):
            return 0
        pages = self.document.pageCount()
        for page in range(pages):
            if page:
                printer.newPage()
            rect = painter.viewport()
            image = render_page(self.document, page, rect.width())
            scaled = image.scaled(rect.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                  Qt.TransformationMode.SmoothTransformation)
            painter.drawImage(0, 0, scaled)
        painter.end()
        return pages

    def ask_print(self) -> None:
        if self.to_paper_only and not QPrinterInfo.availablePrinters():
            self.info.setText(self.ctx.t("ui.print.no_printer"))
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = self.print_dialog(printer)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def _cleanup(self) -> None:
        """Closed: the PDF shown is let go, and the temporary files go once no making still
        writes there (a making goes on on its worker after the preview is closed)."""
        self.closed = True
        self.document.close()
        if not self._busy:
            self._tmp.cleanup()
