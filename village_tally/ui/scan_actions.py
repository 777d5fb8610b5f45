"""Scanned sheets from the File menu or dropped on the window: read off the GUI thread with
progress (the scan extra, imported only then), kept as proposals, and opened in the confirm
window. Without the scan extra the menu says so and what to install."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QWidget

from village_tally.i18n import tr
from village_tally.services import scan_files
from village_tally.ui import folders
from village_tally.ui.context import UiContext
from village_tally.ui.messages import show_info
from village_tally.ui.operation import Operation, long_job, read

if TYPE_CHECKING:  # the scan modules are imported when scans are read or shown
    from village_tally.services.jobs import JobControl
    from village_tally.services.scan_confirm import ScannedSheet, Stored
    from village_tally.services.scanning import ScanReport
    from village_tally.services.session import Ledger
    from village_tally.ui.scan_confirm import ScanConfirmWindow


def is_scan(path: Path) -> bool:
    return path.suffix.lower() in scan_files.SCAN_FILES


def read_and_keep(ledger: Ledger, paths: Sequence[Path], job: JobControl
                  ) -> tuple[ScanReport, Stored]:
    from village_tally.services.scan_confirm import store_scans
    from village_tally.services.scanning import read_scans

    report = read_scans(ledger, paths, job=job)
    return report, store_scans(ledger, report)


def rejected_notes(report: ScanReport, lang: str) -> list[str]:
    """A line for each page not read, naming the file, page and reason."""
    from village_tally.services.scanning import PageStatus

    return [tr("ui.scan.rejected", lang, file=Path(p.file).name, page=p.page,
               reason=tr("scan.page." + p.reason, lang))
            for p in report.pages if p.status is PageStatus.REJECTED]


class ScanActions:
    def __init__(self, ctx: UiContext, parent: QWidget) -> None:
        self.ctx = ctx
        self.parent = parent
        self.job: Operation[tuple[ScanReport, Stored]] | None = None
        self.waiting: Operation[list[ScannedSheet]] | None = None
        self.window: ScanConfirmWindow | None = None
        self.missing = scan_files.scan_extra_missing()

    def menu_text(self) -> str:
        return self.ctx.t("ui.menu.open_scans_missing" if self.missing else "ui.menu.open_scans")

    def ask_open(self) -> None:
        if self.missing:
            show_info(self.parent, self.ctx.t("ui.scan.missing", missing=self.missing,
                                              command=scan_files.INSTALL_SCAN), self.ctx.lang)
            return
        names, _ = QFileDialog.getOpenFileNames(
            self.parent, self.ctx.t("ui.menu.open_scans"), folders.start_folder(),
            self.ctx.t("ui.scan.filter") + " (" + " ".join(
                "*" + s for s in scan_files.SCAN_FILES) + ")")
        if names:
            folders.chosen(names[0])
            self.open_files([Path(n) for n in names])

    def open_files(self, paths: Sequence[Path]) -> Operation[tuple[ScanReport, Stored]] | None:
        """Read the files (a long job on the writer: the proposals are kept), then show them."""
        if self.missing:
            self.ask_open()
            return None

        def done(result: tuple[ScanReport, Stored]) -> None:
            report, stored = result
            self.show(stored.sheets, rejected_notes(report, self.ctx.lang), stored.entered)

        self.job = long_job(self.ctx, self.parent,
                            lambda ledger, job: read_and_keep(ledger, list(paths), job),
                            title=self.ctx.t("ui.scan.reading"), writes=True, done=done)
        return self.job

    def open_waiting(self) -> Operation[list[ScannedSheet]]:
        """The lines scanned before and not yet confirmed."""
        from village_tally.services.scan_confirm import open_sheets

        self.waiting = read(self.ctx, self.parent, open_sheets,
                            done=lambda sheets: self.show(sheets, []))
        return self.waiting

    def show(self, sheets: Sequence[ScannedSheet], notes: list[str], entered: int = 0
             ) -> ScanConfirmWindow:
        from village_tally.ui.scan_confirm import ScanConfirmWindow

        if self.window is not None:
            self.window.close()
        self.window = ScanConfirmWindow(self.ctx, sheets, notes=notes, entered=entered,
                                        parent=self.parent)
        self.window.show()
        self.window.activateWindow()
        return self.window
