"""Spreadsheets and paper from the desktop program: import with a preview (every problem with
its row), export, a file dropped on the window, and the other printouts through the preview."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMessageBox

from tests.conftest import enter
from village_tally.services import deeds, roster
from village_tally.ui.candidate_model import COL_STATUS, CandidateModel
from village_tally.ui.import_dialog import ImportDialog
from village_tally.ui.main_window import MainWindow

DEEDS_CSV = """日期,姓名,户号,编码,数量,单号,行号,记录人
2026-11-02,王芳,0004,L1,2,X-1,1,马秀兰
2026-11-02,赵无名,,L1,1,X-1,2,马秀兰
2026-11-03,马丽,0001,N1,1,X-1,3,马秀兰
"""


@pytest.fixture
def ctx(ledger, make_ctx):
    """The secretary at the keyboard: the roster, the handbook, imports and exports are theirs."""
    return make_ctx(ledger, user="马书记")


def write_csv(tmp_path: Path, text: str, name: str = "deeds.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8-sig")
    return path


def pdf_text(path: Path) -> str:
    return "".join(page.extract_text() for page in PdfReader(path).pages)


def test_import_preview_lists_every_problem_then_imports_the_good_rows(
        qtbot, ctx, tmp_path, qtmodeltester):
    dialog = ImportDialog(ctx, write_csv(tmp_path, DEEDS_CSV))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10000)
    assert dialog.kind == "deeds"
    qtmodeltester.check(dialog.model)
    statuses = [dialog.model.index(r, COL_STATUS).data() for r in range(3)]
    assert statuses == ["将导入", "有问题", "将导入"]
    problem = dialog.problems.item(0).text()
    assert "第 3 行" in problem and "赵无名" in problem
    assert not dialog.import_button.isEnabled()  # all or nothing, unless asked otherwise
    dialog.valid_only.setChecked(True)
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.imported, timeout=10000):
        dialog.import_button.click()
    assert dialog.import_result.added == 2 and dialog.import_result.rejects_file
    assert {d.name for d in deeds.list_deeds(ctx.ledger)} == {"王芳", "马丽"}
    # The preview now says what became of each row: nothing 'will be imported' any more.
    statuses = [dialog.model.index(r, COL_STATUS).data() for r in range(3)]
    assert statuses == ["已导入", "有问题", "已导入"]
    assert "已备份到" in dialog.summary.text()  # and where the copy made before it is
    qtmodeltester.check(dialog.model)


def test_candidate_model_when_empty(qtmodeltester):
    model = CandidateModel("en")
    model.set_preview(None)
    qtmodeltester.check(model)


def test_a_file_dropped_on_the_window_opens_the_import_preview(qtbot, ctx, settings, tmp_path):
    window = MainWindow(ctx, settings, "test.db")
    qtbot.addWidget(window)
    roster_file = write_csv(tmp_path, "姓名,户号,片区\n孙小红,0009,三片\n", "花名册.csv")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(roster_file))])
    drop = QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(drop)  # Qt delivers drops only during a real drag; call the handler
    dialog = window.exchange.dialog
    assert dialog is not None and dialog.kind == "roster"
    qtbot.waitUntil(dialog.import_button.isEnabled, timeout=10000)
    with qtbot.waitSignal(dialog.imported, timeout=10000):
        dialog.import_button.click()
    assert any(r.name == "孙小红" for r in roster.list_residents(ctx.ledger))
    assert window.roster.stale  # not looked at yet: loads when shown
    window.show()
    window.tabs.setCurrentWidget(window.roster)
    assert window.roster.model.rowCount() == 6


def test_export_the_whole_ledger(qtbot, ctx, settings, tmp_path):
    enter(ctx.ledger, "王芳", rule="L1", sheet="S1", line=1)
    window = MainWindow(ctx, settings, "test.db")
    qtbot.addWidget(window)
    out = tmp_path / "village.xlsx"
    job = window.exchange.export_to(out)
    qtbot.waitUntil(lambda: not job.running, timeout=20000)
    assert window.findChild(QMessageBox, "errorBox") is None
    assert out.stat().st_size > 0
    from python_calamine import CalamineWorkbook

    names = CalamineWorkbook.from_path(str(out)).sheet_names
    assert len(names) >= 3


def test_statement_tally_sheet_and_blank_forms_print(qtbot, ctx, settings, tmp_path):
    enter(ctx.ledger, "王芳", rule="L1", quantity="3", date="2026-10-03", sheet="S1", line=1)
    window = MainWindow(ctx, settings, "test.db")
    qtbot.addWidget(window)
    wang = next(r for r in roster.list_residents(ctx.ledger) if r.name == "王芳")
    page = window.open_resident(wang.id)
    for dialog, expected in ((page.print_statement(), "王芳"),
                             (_month(window).tally_sheet(), "王芳"),
                             (window.printing.blank_form("field-sheet"), "L1"),
                             (window.printing.blank_form("scan-sheet"), "2B")):
        qtbot.waitUntil(dialog.save_button.isEnabled, timeout=20000)
        out = dialog.save_to(tmp_path / dialog.suggested)
        assert expected in pdf_text(out)
        dialog.reject()


def test_print_button_draws_every_page_on_the_printer(qtbot, ctx, tmp_path):
    enter(ctx.ledger, "王芳", rule="L1", quantity="3", date="2026-10-03", sheet="S1", line=1)
    from village_tally.ui.month_view import MonthView

    view = MonthView(ctx)
    qtbot.addWidget(view)
    view.set_month("2026-10")
    dialog = view.printing.board()
    qtbot.waitUntil(dialog.save_button.isEnabled, timeout=20000)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert dialog.print_to(printer) == dialog.document.pageCount() >= 1
    assert len(PdfReader(tmp_path / "printed.pdf").pages) == dialog.document.pageCount()
    dialog.reject()


def _month(window):
    window.month.set_month("2026-10")
    return window.month.printing


def page_size(path: Path) -> tuple[int, int]:
    box = PdfReader(path).pages[0].mediabox
    return round(float(box.width)), round(float(box.height))


def test_the_board_prints_on_the_paper_and_in_the_order_chosen(qtbot, ctx, tmp_path):
    """The preview offers the board's papers and orders (it printed A3 by area, always),
    remakes the PDF for the choice, and says where a saved copy went."""
    enter(ctx.ledger, "王芳", rule="L1", quantity="7", date="2026-10-03", sheet="S1", line=1)
    enter(ctx.ledger, "马丽", rule="N1", date="2026-10-04", sheet="S1", line=2)
    from village_tally.ui.month_view import MonthView

    view = MonthView(ctx)
    qtbot.addWidget(view)
    view.set_month("2026-10")
    dialog = view.printing.board()
    qtbot.waitUntil(dialog.save_button.isEnabled, timeout=20000)
    assert dialog.chosen() == {"paper": "A3", "order": "area"}
    first = dialog.save_to(tmp_path / "a3.pdf")
    assert str(tmp_path / "a3.pdf") in dialog.info.text()  # said where it went
    assert page_size(first) == (842, 1191) and "马丽" in pdf_text(first)
    for name, value in (("paper", "A4"), ("order", "rank")):
        box = dialog.choices[name]
        with qtbot.waitSignal(dialog.ready, timeout=20000):
            box.setCurrentIndex(box.findData(value))
    ranked = dialog.save_to(tmp_path / "a4.pdf")
    assert page_size(ranked) == (595, 842)
    assert "王芳" in pdf_text(ranked) and "马丽" not in pdf_text(ranked)  # only totals > 0
    dialog.reject()


def test_the_choices_offered_are_the_printers(qtbot):
    from village_tally.services import printing
    from village_tally.ui.printing_actions import BOARD_ORDERS, BOARD_PAPERS

    assert BOARD_PAPERS[0] == printing.DEFAULT_PAPER
    assert sorted(BOARD_PAPERS) == sorted(printing.PAPERS)
    assert tuple(printing.ORDERS) == BOARD_ORDERS


def test_files_are_offered_in_the_documents_folder_not_where_the_program_started(
        monkeypatch, tmp_path):
    from village_tally.ui import folders

    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(folders, "_last", [])
    assert folders.offered("board-2026-10.pdf") == str(home / "Documents" / "board-2026-10.pdf")
    folders.chosen(tmp_path / "usb" / "board.pdf")
    assert folders.offered("x.xlsx") == str(tmp_path / "usb" / "x.xlsx")  # then the last one


def test_identical_rows_are_shown_and_counted_each_when_the_person_says_so(
        qtbot, ctx, tmp_path):
    path = write_csv(tmp_path, "日期,姓名,编码,记录人\n2026-11-03,王芳,C1,马秀兰\n"
                               "2026-11-03,王芳,C1,马秀兰\n")
    dialog = ImportDialog(ctx, path)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10000)
    assert [dialog.model.index(r, COL_STATUS).data() for r in range(2)] == ["将导入", "有问题"]
    assert "与第 2 行完全相同" in dialog.problems.item(0).text()
    assert not dialog.import_button.isEnabled()
    dialog.repeats.setChecked(True)  # two visits that day, really
    qtbot.waitUntil(lambda: dialog.preview is not None and dialog.import_button.isEnabled(),
                    timeout=10000)
    with qtbot.waitSignal(dialog.imported, timeout=10000):
        dialog.import_button.click()
    assert dialog.import_result.added == 2


def test_a_paper_chosen_while_the_board_is_still_being_made_is_the_one_shown_and_saved(
        qtbot, ctx, tmp_path):
    """The person turns the paper from A3 to A4 while the A3 board is still being made (the
    progress shows only after a moment): both are made at once, and the A3 one ends last. What
    shows, and what Save writes, must be the A4 board, not whichever making ended last."""
    import threading

    from PySide6.QtCore import QThreadPool

    from tests.ui.conftest import settle
    from village_tally.core.month import Month
    from village_tally.services import printing
    from village_tally.ui.pdf_preview import Option, PdfPreviewDialog

    enter(ctx.ledger, "王芳", rule="L1", quantity="7", date="2026-10-03", sheet="S1", line=1)
    pool = QThreadPool.globalInstance()
    threads = pool.maxThreadCount()
    pool.setMaxThreadCount(max(threads, 2))  # the two makings run at once, as on any PC
    a3_may_end = threading.Event()

    def render(out, control, chosen):  # the A3 board is the slow one
        if chosen["paper"] == "A3":
            a3_may_end.wait()
        return printing.print_board(ctx.ledger, month=Month(2026, 10), out=out,
                                    paper=chosen["paper"], job=control)

    papers = Option("paper", "ui.print.paper", (("A3", "ui.print.paper.A3"),
                                                ("A4", "ui.print.paper.A4")))
    try:
        dialog = PdfPreviewDialog(ctx, "board", render, "board.pdf", options=(papers,))
        qtbot.addWidget(dialog)
        with qtbot.waitSignal(dialog.ready, timeout=20000):
            dialog.choices["paper"].setCurrentIndex(1)  # A4, while A3 is being made
    finally:
        a3_may_end.set()
        pool.setMaxThreadCount(threads)
    settle(qtbot)  # the A3 making has ended too
    assert dialog.chosen() == {"paper": "A4"}
    assert round(dialog.document.pagePointSize(0).width()) == 595
    assert page_size(dialog.save_to(tmp_path / "board.pdf")) == (595, 842)
    dialog.reject()


def test_a_preview_closed_while_its_pdf_is_being_made_says_nothing_and_leaves_nothing(
        qtbot, ctx):
    """The person closes the preview before the PDF is made (the progress shows only after a
    moment). The making goes on on its worker: it must not find its folder deleted under it
    (a message about a temporary folder, after the preview is gone), and once it has ended
    the temporary files go."""
    import threading

    from PySide6.QtWidgets import QMessageBox

    from tests.ui.conftest import settle
    from village_tally.core.month import Month
    from village_tally.services import printing
    from village_tally.ui.pdf_preview import PdfPreviewDialog

    may_end = threading.Event()

    def render(out, control, _chosen):
        may_end.wait()
        return printing.print_board(ctx.ledger, month=Month(2026, 11), out=out, job=control)

    try:
        dialog = PdfPreviewDialog(ctx, "board", render, "board.pdf")
        qtbot.addWidget(dialog)
        folder = Path(dialog.path).parent
        dialog.reject()
    finally:
        may_end.set()
    settle(qtbot)
    assert [box.text() for box in dialog.findChildren(QMessageBox)] == []
    assert not folder.exists()
