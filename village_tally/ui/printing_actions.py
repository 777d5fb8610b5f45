"""The print buttons of the month, ratings and resident views: each opens a PDF preview made
by services.printing off the GUI thread. services.printing (and reportlab under it) is imported
when something is printed, not at start-up."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QPushButton, QWidget

from village_tally.core.month import Month
from village_tally.services.jobs import JobControl
from village_tally.ui.context import UiContext
from village_tally.ui.named import named

if TYPE_CHECKING:  # QtPdf and QtPrintSupport load when something is printed
    from collections.abc import Mapping, Sequence

    from village_tally.ui.pdf_preview import Option, PdfPreviewDialog, Render

FIELD_SHEETS = 10  # blank field sheets per print, numbered 1-10
# The board's papers (the default, A3, first) and orders, as services.printing offers them
# (a test keeps them equal); named here so that choosing needs no reportlab on the GUI thread.
BOARD_PAPERS = ("A3", "A4", "A2")
BOARD_ORDERS = ("area", "household", "rank")


class PrintActions:
    def __init__(self, ctx: UiContext, parent: QWidget) -> None:
        self.ctx = ctx
        self.parent = parent
        self.month = Month.of(ctx.ledger.today())  # the month view sets the one it shows
        self.quarter = ""
        self.preview: PdfPreviewDialog | None = None

    def _button(self, code: str, name: str, slot: object) -> QPushButton:
        button = named(QPushButton(self.ctx.t(code), self.parent), name)
        button.clicked.connect(slot)
        return button

    def buttons_for_month(self, month: Month) -> list[QPushButton]:
        self.month = month
        return [self._button("ui.print.board", "printBoard", self.board),
                self._button("ui.print.tally_sheet", "printTallySheet", self.tally_sheet),
                self._button("ui.print.rewards", "printRewards", self.rewards)]

    def buttons_for_quarter(self, quarter: str) -> list[QPushButton]:
        self.quarter = quarter
        return [self._button("ui.print.signs", "printSigns", self.signs)]

    def _open(self, title: str, render: Render, suggested: str,
              options: Sequence[Option] = ()) -> PdfPreviewDialog:
        from village_tally.ui.pdf_preview import PdfPreviewDialog

        dialog = PdfPreviewDialog(self.ctx, title, render, suggested, self.parent,
                                  options=options)
        dialog.open()
        self.preview = dialog
        return dialog

    def board(self) -> PdfPreviewDialog:
        """The board, on the paper and in the order chosen in the preview (A3 by area first:
        the wall's usual sheet)."""
        from village_tally.ui.pdf_preview import Option

        ledger, month, lang = self.ctx.acting(), self.month, self.ctx.lang
        options = (Option("paper", "ui.print.paper",
                          tuple((p, f"ui.print.paper.{p}") for p in BOARD_PAPERS)),
                   Option("order", "ui.print.order",
                          tuple((o, f"ui.print.order.{o}") for o in BOARD_ORDERS)))

        def render(out: Path, control: JobControl, chosen: Mapping[str, str]) -> object:
            from village_tally.services import printing

            return printing.print_board(ledger, month=month, out=out, lang=lang, job=control,
                                        paper=chosen["paper"], order=chosen["order"])

        return self._open(self.ctx.t("ui.print.board_title", month=month), render,
                          f"board-{month}.pdf", options)

    def signs(self) -> PdfPreviewDialog:
        from village_tally.ui.pdf_preview import Option

        ledger, quarter, lang = self.ctx.acting(), self.quarter, self.ctx.lang
        options = (Option("per_sheet", "ui.print.per_sheet",
                          (("2", "ui.print.per_sheet.2"), ("1", "ui.print.per_sheet.1"))),)

        def render(out: Path, control: JobControl, chosen: Mapping[str, str]) -> object:
            from village_tally.services import printing

            return printing.print_signs(ledger, quarter=quarter, out=out, lang=lang,
                                        job=control, per_sheet=int(chosen["per_sheet"]))

        return self._open(self.ctx.t("ui.print.signs_title", quarter=quarter), render,
                          f"signs-{quarter}.pdf", options)

    def tally_sheet(self) -> PdfPreviewDialog:
        ledger, month, lang = self.ctx.acting(), self.month, self.ctx.lang

        def render(out: Path, control: JobControl, _chosen: Mapping[str, str]) -> object:
            from village_tally.services import printing

            return printing.print_tally_sheet(ledger, month=month, out=out, lang=lang,
                                              job=control)

        return self._open(self.ctx.t("ui.print.tally_sheet_title", month=month), render,
                          f"tally-{month}.pdf")

    def rewards(self) -> PdfPreviewDialog:
        ledger, month, lang = self.ctx.acting(), self.month, self.ctx.lang

        def render(out: Path, control: JobControl, _chosen: Mapping[str, str]) -> object:
            from village_tally.services import printing

            return printing.print_rewards(ledger, month=month, out=out, lang=lang, job=control)

        return self._open(self.ctx.t("ui.print.rewards_title", month=month), render,
                          f"rewards-{month}.pdf")

    def statement(self, name: str, household: str) -> PdfPreviewDialog:
        ledger, lang = self.ctx.acting(), self.ctx.lang

        def render(out: Path, control: JobControl, _chosen: Mapping[str, str]) -> object:
            from village_tally.services import printing

            return printing.print_statement(ledger, name=name, household=household, out=out,
                                            lang=lang, job=control)

        return self._open(self.ctx.t("ui.print.statement_title", name=name), render,
                          f"statement-{household}-{name}.pdf")

    def blank_form(self, kind: str) -> PdfPreviewDialog:
        ledger, lang, quarter = self.ctx.acting(), self.ctx.lang, self.quarter or None

        def render(out: Path, control: JobControl, _chosen: Mapping[str, str]) -> object:
            from village_tally.services import printing, scan_sheets

            if kind == "scan-sheet":  # new numbers after the last printed, every area
                return scan_sheets.print_scan_sheets(ledger, out=out, lang=lang, job=control)
            return printing.print_form(ledger, kind=kind, out=out, sheets=FIELD_SHEETS,
                                       quarter=quarter, lang=lang, job=control)

        return self._open(self.ctx.t(f"ui.print.form.{kind}"), render, f"{kind}.pdf")
