"""The month view: tally, pending deeds, closing, and printing the board through the preview."""

from __future__ import annotations

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tests.conftest import as_, enter
from tests.ui.conftest import settle, show_active
from village_tally.core.month import Month
from village_tally.core.tally_column import TALLY_COLUMNS, Shown
from village_tally.i18n import tr
from village_tally.services import deeds, months
from village_tally.ui.ledger_view import LedgerView
from village_tally.ui.month_view import MonthView
from village_tally.ui.tally_model import COL_NAME, COL_STARS, COL_TOTAL, TallyModel


def test_tally_model_passes_the_model_tester(ledger, qtmodeltester):
    enter(ledger, "王芳", rule="L1", quantity="2", sheet="S1", line=1)
    tally = months.tally(ledger, Month.parse("2026-11"))
    model = TallyModel("zh")
    model.set_rows(tally.rows, tally.scheme)
    qtmodeltester.check(model)
    assert model.rowCount() == 5
    # the tally's own columns (core.tally_column), in its order; the constants name them
    assert [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())
            ] == [tr(c.label, "zh") for c in TALLY_COLUMNS if c.shown is Shown.ALWAYS]
    assert [c.key for c in model.columns][COL_TOTAL] == "total_points"
    assert [c.key for c in model.columns][COL_STARS] == "stars"
    wang = next(i for i, r in enumerate(model.rows) if r.name == "王芳")
    assert model.index(wang, COL_TOTAL).data() == "2"
    assert model.index(wang, model.column_of("pending_points")).data() == "0"
    assert model.column_of("pending_points") == model.columnCount() - 1
    assert model.column_of("score") == -1  # Jiakuang Majia has no score


def test_tally_sorts_by_points_and_searches(qtbot, ctx, qtmodeltester):
    enter(ctx.ledger, "王芳", rule="L1", quantity="3", date="2026-10-05", sheet="S1", line=1)
    enter(ctx.ledger, "马丽", rule="L1", quantity="1", date="2026-10-06", sheet="S1", line=2)
    view = MonthView(ctx)
    qtbot.addWidget(view)
    view.set_month("2026-10")
    qtbot.waitUntil(lambda: view.model.rowCount() == 5)
    view.table.sortByColumn(COL_TOTAL, Qt.SortOrder.DescendingOrder)
    first = view.model.index(0, COL_NAME).data()
    assert first == "王芳" and view.model.row_at(0).name == "王芳"
    view.table.selectRow(0)
    view.search_edit.setText("马")
    assert view.model.rowCount() == 3
    assert [view.model.index(i, COL_NAME).data() for i in range(3)][0] == "马丽"  # 1 point
    qtmodeltester.check(view.model)
    view.search_edit.setText("")
    assert view.model.rowCount() == 5 and view.model.index(0, COL_NAME).data() == "王芳"
    enter(ctx.ledger, "马丽", rule="L1", quantity="4", date="2026-10-07", sheet="S1", line=3)
    view.refresh()  # the tally read anew keeps its order
    qtbot.waitUntil(lambda: view.model.index(0, COL_NAME).data() == "马丽")
    view.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the board's order again
    assert [r.name for r in (view.model.row_at(i) for i in range(5))] == [
        r.name for r in view.model.rows]


def test_close_refused_while_pending_then_done(qtbot, ctx, make_ctx):
    enter(ctx.ledger, "王芳", rule="N2", date="2026-10-05", sheet="S1", line=1)
    committee = make_ctx(ctx.ledger, user="马书记")
    view = MonthView(committee)
    qtbot.addWidget(view)
    view.set_month("2026-10")
    settle(qtbot)
    assert view.pending.model.rowCount() == 1
    job = view.close_month()
    qtbot.waitUntil(lambda: not job.running)
    box = view.findChild(QMessageBox, "errorBox")
    assert "待审批" in box.text()
    box.close()
    view.pending.table.selectRow(0)
    view.deed_actions.approve(view.selected_pending())
    settle(qtbot)
    settle(qtbot)  # the approval's change, then the pending deeds read again
    assert view.pending.model.rowCount() == 0
    with qtbot.waitSignal(view.month_closed):
        view.close_month()
    assert months.month_info(ctx.ledger, Month.parse("2026-10")).closed
    assert "已结账" in view.state_label.text()


def test_board_prints_through_the_preview(qtbot, ctx, tmp_path):
    enter(ctx.ledger, "王芳", rule="L1", quantity="7", date="2026-10-05", sheet="S1", line=1)
    view = MonthView(ctx)
    qtbot.addWidget(view)
    view.set_month("2026-10")
    dialog = view.printing.board()
    with qtbot.waitSignal(dialog.ready, timeout=20000):
        pass
    assert dialog.document.pageCount() >= 1
    out = dialog.save_to(tmp_path / "board.pdf")
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "王芳" in text
    dialog.reject()


def test_the_month_box_offers_the_months_the_ledger_has(qtbot, ctx):
    """A month before the ledger began has no tally (`month.outside_ledger`): not offered."""
    view = MonthView(ctx)
    qtbot.addWidget(view)
    assert [view.month_box.itemText(i) for i in range(view.month_box.count())] == ["2026-11"]
    enter(ctx.ledger, "王芳", rule="L1", date="2026-09-05", sheet="S1", line=1)
    older = MonthView(ctx)
    qtbot.addWidget(older)
    assert [older.month_box.itemText(i) for i in range(older.month_box.count())] == [
        "2026-11", "2026-10", "2026-09"]
    assert older.month == Month.parse("2026-10")  # last month: still to be closed


def test_score_and_grade_columns_show_where_the_scheme_has_them(make_ledger, qtmodeltester):
    for preset, score, grade in (("jiakuang-majia", False, False), ("yangqiao", True, False),
                                 ("rongcheng", True, True)):
        ledger = make_ledger(preset, "王芳 0004 二片 户主")
        tally = months.tally(ledger, Month.parse("2026-11"))
        model = TallyModel("zh")
        model.set_rows(tally.rows, tally.scheme)
        qtmodeltester.check(model)
        shown = (model.column_of("score") != -1, model.column_of("grade") != -1)
        assert shown == (score, grade), preset
        assert model.index(0, COL_NAME).data() == "王芳"


def shown(model) -> int:
    """The rows a table shows now, without scrolling (nobody asked for more)."""
    return model.rowCount()


def test_the_rows_a_count_promises_are_shown_after_every_refresh(qtbot, ctx):
    """Switching months and back, a new filter, a change on the bus: the table shows rows
    as soon as its count says there are some (it went blank under '110 pending')."""
    for line in range(1, 4):
        enter(ctx.ledger, "王芳", rule="N2", date="2026-10-05", sheet="S1", line=line)
    enter(ctx.ledger, "马丽", rule="N2", date="2026-11-05", sheet="S2", line=1)
    view = MonthView(ctx)
    view.resize(1200, 700)
    show_active(qtbot, view)
    for month, count in (("2026-10", 3), ("2026-11", 1), ("2026-10", 3)):
        view.set_month(month)
        settle(qtbot)
        assert shown(view.pending.model) == count
        assert str(count) in view.pending.label.text()
    ledger = LedgerView(ctx)
    show_active(qtbot, ledger)
    ledger.search_edit.setText("王芳")
    qtbot.keyClick(ledger.search_edit, Qt.Key.Key_Return)
    settle(qtbot)
    assert (ledger.model.total, shown(ledger.model)) == (3, 3)
    ctx.bus.publish(deeds.approve_deed(as_(ctx.ledger, "马书记"), 1))
    settle(qtbot)
    assert (ledger.model.total, shown(ledger.model)) == (3, 3)
    settle(qtbot)
    assert shown(view.pending.model) == 2
