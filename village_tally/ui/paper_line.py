"""The picture of the paper line a deed was confirmed from (a scanned sheet), for whoever
looks at the deed again: an objection, a void, a check."""

from __future__ import annotations

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from village_tally.core.deed import Deed
from village_tally.services.scan_confirm import deed_image
from village_tally.ui.context import UiContext
from village_tally.ui.messages import show_info
from village_tally.ui.named import named
from village_tally.ui.operation import Operation, read


class PaperLineDialog(QDialog):
    def __init__(self, ctx: UiContext, deed: Deed, png: bytes, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("paperLine")
        self.setWindowTitle(ctx.t("ui.paper.title", deed=deed.id))
        about = QLabel(ctx.t("ui.paper.about", sheet=deed.source.sheet or "",
                             line=deed.source.line or "", file=deed.source.file or "",
                             page=deed.source.row or ""), self)
        self.image = named(QLabel(self), "paperImage")
        picture = QPixmap()
        picture.loadFromData(QByteArray(png), "PNG")
        self.image.setPixmap(picture)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(self.image)
        layout.addWidget(buttons)


def has_paper(deed: Deed | None) -> bool:
    """A deed confirmed from a scan names its sheet, line and scan file."""
    return deed is not None and bool(deed.source.sheet and deed.source.file
                                      and deed.source.line)


def show_paper(ctx: UiContext, deed: Deed, parent: QWidget) -> Operation[bytes | None]:
    """Read the picture off the GUI thread, then show it (or say there is none)."""
    def done(png: bytes | None) -> None:
        if png is None:
            show_info(parent, ctx.t("ui.paper.none"), ctx.lang)
            return
        dialog = PaperLineDialog(ctx, deed, png, parent)
        dialog.open()

    return read(ctx, parent, lambda ledger: deed_image(ledger, deed.id), done=done)
