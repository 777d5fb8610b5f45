"""A check of an installed program with nobody at it: it opens the window (offscreen) on a new
demo village, prints the month's board through the preview, and reports what a damaged install
would hide — the shipped CJK font registered, Qt's Chinese translation loaded, the input-method
choice and the input-method plugins Qt has. The bundle's smoke test runs it, and so can a person
on a real machine (README):

    VILLAGE_TALLY_SELF_CHECK=FOLDER village-tally      (the bundle or the .deb)
    python -m village_tally.ui.selfcheck FOLDER        (a venv)

FOLDER receives report.json, the demo village, board.pdf and printed.pdf."""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QThreadPool, qVersion
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

import village_tally
from village_tally.ui.app import AppController, make_application
from village_tally.ui.input_method import apply_input_method, input_context_plugins
from village_tally.ui.qt_words import install_qt_translations
from village_tally.ui.settings import Settings
from village_tally.ui.shipped import missing_at_start


def wait_for(app: QApplication, done: Callable[[], bool], seconds: float = 120) -> bool:
    end = time.monotonic() + seconds
    while not done():
        if time.monotonic() > end:
            return False
        app.processEvents()
        QThreadPool.globalInstance().waitForDone(20)
    app.processEvents()
    return True


def installation(app: QApplication, translated: bool, im_reason: str) -> dict[str, object]:
    families = app.property("cjk_families") or []
    return {
        "version": village_tally.__version__, "frozen": bool(getattr(sys, "frozen", False)),
        "qt": qVersion(), "cjk_families": list(families), "qt_translation": translated,
        # Qt's own word for Cancel: 取消 when its Chinese translation is really in use
        "qt_cancel": QCoreApplication.translate("QPlatformTheme", "Cancel"),
        "im_module": os.environ.get("QT_IM_MODULE", ""), "im_reason": im_reason,
        "im_plugins": input_context_plugins(),
        "missing": missing_at_start(list(families), translated, "zh"),
    }


def print_board(app: QApplication, controller: AppController, db: Path,
                out: Path) -> dict[str, object]:
    """Open the village as the program does and print the month's board from its preview."""
    window = controller.open_db(str(db))
    if not wait_for(app, lambda: window.is_loaded):
        return {"window_loaded": False}
    window.tabs.setCurrentWidget(window.month)
    preview = window.month.printing.board()
    ready = wait_for(app, lambda: preview.save_button.isEnabled()
                     and preview.document.pageCount() > 0)
    report: dict[str, object] = {"window_loaded": True, "village": window.ctx.ledger.village_name,
                                 "board_pages": preview.document.pageCount() if ready else 0}
    if ready:
        preview.save_to(out / "board.pdf")
        printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out / "printed.pdf"))
        report["printed_pages"] = preview.print_to(printer)
    preview.reject()
    window.close()
    return report


def self_check(out: Path) -> dict[str, object]:
    """Run the check, write FOLDER/report.json and return the report."""
    from village_tally.services.demo import make_demo

    out.mkdir(parents=True, exist_ok=True)
    choice = apply_input_method()
    app = make_application()
    translated = install_qt_translations(app, "zh")
    report = installation(app, translated, choice.reason)
    db = out / "demo.db"
    if db.exists():
        db.unlink()
    make_demo(str(db), residents=60, months=2, seed=1)
    settings = Settings(QSettings(str(out / "settings.ini"), QSettings.Format.IniFormat))
    controller = AppController(app, settings, "zh", {"HOME": str(out)})
    report.update(print_board(app, controller, db, out))
    QThreadPool.globalInstance().waitForDone()
    if controller.ledger is not None:
        controller.ledger.close()
    (out / "report.json").write_text(json.dumps(report, ensure_ascii=False, indent=1),
                                     encoding="utf-8")
    return report


def passed(report: dict[str, object]) -> bool:
    return bool(report.get("cjk_families") and report.get("qt_translation")
                and report.get("qt_cancel") == "取消" and not report.get("missing")
                and report.get("window_loaded") and report.get("printed_pages"))


def main(folder: str) -> int:
    report = self_check(Path(folder))
    print(json.dumps(report, ensure_ascii=False, indent=1))
    return 0 if passed(report) else 1


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.exit(main(sys.argv[1]))
