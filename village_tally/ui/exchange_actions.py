"""Spreadsheets from the menu or dropped on the window: import with a preview, export the
whole ledger as one workbook; both off the GUI thread with progress and cancel. The spreadsheet
services (and openpyxl, calamine under them) are imported when first used, not at start-up."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QWidget

from village_tally.services.jobs import JobControl
from village_tally.ui import folders
from village_tally.ui.context import UiContext
from village_tally.ui.messages import show_info
from village_tally.ui.operation import Operation, long_job

if TYPE_CHECKING:
    from village_tally.services.exporting import Exported
    from village_tally.services.session import Ledger
    from village_tally.ui.import_dialog import ImportDialog

SPREADSHEETS = (".xlsx", ".xls", ".ods", ".csv")


def is_spreadsheet(path: Path) -> bool:
    return path.suffix.lower() in SPREADSHEETS


class ExchangeActions:
    def __init__(self, ctx: UiContext, parent: QWidget) -> None:
        self.ctx = ctx
        self.parent = parent
        self.dialog: ImportDialog | None = None
        self.job: Operation[Exported] | None = None

    def import_file(self, path: Path) -> ImportDialog:
        from village_tally.ui.import_dialog import ImportDialog

        self.dialog = ImportDialog(self.ctx, path, self.parent)
        self.dialog.open()
        return self.dialog

    def ask_import(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self.parent, self.ctx.t("ui.menu.import"), folders.start_folder(),
            self.ctx.t("ui.import.filter") + " (*.xlsx *.xls *.ods *.csv)")
        if name:
            folders.chosen(name)
            self.import_file(Path(name))

    def export_to(self, path: Path) -> Operation[Exported]:
        lang = self.ctx.lang

        def work(ledger: Ledger, control: JobControl) -> Exported:
            from village_tally.services import exporting

            return exporting.export_workbook(ledger, path, lang=lang, job=control)

        def done(result: Exported) -> None:
            show_info(self.parent, self.ctx.t("ui.export.done", path=result.path,
                                              deeds=result.deeds,
                                              residents=result.residents), self.ctx.lang)

        self.job = long_job(self.ctx, self.parent, work, title=self.ctx.t("ui.export.working"),
                            writes=False, done=done)
        return self.job

    def ask_export(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self.parent, self.ctx.t("ui.menu.export"),
            folders.offered(f"{self.ctx.ledger.village_name}.xlsx"), "Excel (*.xlsx)")
        if name:
            folders.chosen(name)
            self.export_to(Path(name))
