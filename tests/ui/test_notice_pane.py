"""The Month screen's villager's side by keyboard: publish, answer the objection queue, enter a
gatherer's hand total that differs by one line, explain it, close."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from tests.conftest import as_, enter
from tests.ui.conftest import settle
from village_tally.core.month import Month
from village_tally.services import months, notices, objections
from village_tally.ui.deed_model import COL_STATUS
from village_tally.ui.ledger_view import LedgerView
from village_tally.ui.month_view import MonthView

OCTOBER = Month.parse("2026-10")


def test_a_month_published_answered_reconciled_and_closed_by_keyboard(qtbot, ctx, make_ctx,
                                                                      tmp_path):
    tv = enter(ctx.ledger, "王芳", rule="L1", date="2026-10-05", sheet="S1", line=1)
    enter(ctx.ledger, "马丽", rule="L1", date="2026-10-06", sheet="S1", line=2)
    director = make_ctx(ctx.ledger, user="马主任")
    view = MonthView(director)
    qtbot.addWidget(view)
    view.set_month("2026-10")
    pane = view.notice
    qtbot.waitUntil(lambda: "尚未公示" in pane.notice_label.text())  # read off the GUI thread
    qtbot.mouseClick(pane.publish_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    qtbot.waitUntil(lambda: "公示期 2026-11-22 至 2026-11-28" in pane.notice_label.text())
    objections.object_to(as_(ctx.ledger, "马主任"), tv.id, raised_by="王芳", text="电视是别人捐的")
    view.refresh()
    qtbot.waitUntil(lambda: pane.queue.rowCount() == 1)
    assert pane.queue.item(0, 4).text() == "20"
    qtbot.waitUntil(lambda: view.model.objected == {tv.resident_id: 1})
    row = next(i for i, r in enumerate(view.model.rows) if r.name == "王芳")
    assert view.model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole) == "异议待复核 ×1"
    ledger = LedgerView(director)
    qtbot.addWidget(ledger)
    qtbot.waitUntil(lambda: ledger.model.row_of(tv.id) >= 0)  # read off the GUI thread
    assert "异议待复核" in ledger.model.index(ledger.model.row_of(tv.id), COL_STATUS).data()
    view.resize(1400, 700)
    view.grab().save(str(tmp_path / "month.png"))
    pane.queue.selectRow(0)
    qtbot.keyClicks(pane.reason_edit, "checked: another family's TV")
    qtbot.keyClick(pane.uphold_button, Qt.Key.Key_Space)
    settle(qtbot)
    qtbot.waitUntil(lambda: pane.queue.rowCount() == 0)
    # the secretary enters 马秀兰's calculator total, explains its difference and closes
    yesterday = ctx.ledger.today() - dt.timedelta(days=1)
    notices.shorten(as_(ctx.ledger, "马书记"), OCTOBER, ends=yesterday, reason="年底")
    closing = MonthView(make_ctx(ctx.ledger, user="马书记"))
    qtbot.addWidget(closing)
    closing.set_month("2026-10")
    pane = closing.notice
    pane.area_edit.setText("一片")  # Chinese is typed through the input method
    qtbot.keyClicks(pane.total_edit, "2")
    qtbot.keyClick(pane.total_edit, Qt.Key.Key_Return)
    settle(qtbot)
    qtbot.waitUntil(lambda: "未说明" in pane.diff_label.text())
    assert "差 -1" in pane.diff_label.text()
    qtbot.keyClicks(pane.explain_edit, "the voided line was still on the paper")
    qtbot.keyClick(pane.explain_edit, Qt.Key.Key_Return)
    settle(qtbot)
    qtbot.waitUntil(lambda: "voided line" in pane.diff_label.text())
    with qtbot.waitSignal(closing.month_closed):
        closing.close_month()
    assert months.month_info(ctx.ledger, OCTOBER).closed
