"""The print buttons of the month, ratings and resident views: each opens a PDF preview made
by services.printing off the GUI thread."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QPushButton, QWidget

from village_tally.services import printing
from village_tally.services.jobs import JobControl
from village_tally.ui.context import UiContext
from village_tally.ui.pdf_preview import PdfPreviewDialog, Render


class PrintActions:
    def __init__(self, ctx: UiContext, parent: QWidget) -> None:
        self.ctx = ctx
        self.parent = parent
        self.month = ""
        self.quarter = ""
        self.preview: PdfPreviewDialog | None = None

    def _button(self, code: str, name: str, slot: object) -> QPushButton:
        button = QPushButton(self.ctx.t(code), self.parent, objectName=name)
        button.clicked.connect(slot)
        return button

    def buttons_for_month(self, month: str) -> list[QPushButton]:
        self.month = month
        return [self._button("ui.print.board", "printBoard", self.board)]

    def buttons_for_quarter(self, quarter: str) -> list[QPushButton]:
        self.quarter = quarter
        return [self._button("ui.print.signs", "printSigns", self.signs)]

    def _open(self, title: str, render: Render, suggested: str) -> PdfPreviewDialog:
        dialog = PdfPreviewDialog(self.ctx, title, render, suggested, self.parent)
        dialog.open()
        self.preview = dialog
        return dialog

    def board(self) -> PdfPreviewDialog:
        ledger, month, lang = self.ctx.ledger, self.month, self.ctx.lang

        def render(out: Path, control: JobControl) -> object:
            return printing.print_board(ledger, month=month, out=out, lang=lang, job=control)

        return self._open(self.ctx.t("ui.print.board_title", month=month), render,
                          f"board-{month}.pdf")

    def signs(self) -> PdfPreviewDialog:
        ledger, quarter, lang = self.ctx.ledger, self.quarter, self.ctx.lang

        def render(out: Path, control: JobControl) -> object:
            return printing.print_signs(ledger, quarter=quarter, out=out, lang=lang,
                                        job=control)

        return self._open(self.ctx.t("ui.print.signs_title", quarter=quarter), render,
                          f"signs-{quarter}.pdf")
