"""The committee's work on the Month view: the pending list says who recorded and typed each
deed and why it waits; many are approved with one confirmation (each approval audited); those
the person may not approve are named with the reason. Closing a month is a secretary's, after a
question that says what it means."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tests.conftest import as_, enter
from tests.ui.conftest import settle, show_active
from village_tally.core.deed import Status
from village_tally.core.month import Month
from village_tally.services import audit_log, deeds, months, people
from village_tally.ui.month_view import MonthView
from village_tally.ui.pending_model import PendingModel

OCTOBER = Month.parse("2026-10")


def pending_village(ledger):  # noqa: ANN001, ANN201
    """October's waiting deeds, one for each reason a deed waits."""
    secretary = as_(ledger, "马书记")
    people.set_resident(secretary, "马秀兰", "马丽", "0001")  # the gatherer lives in 0001
    split = [enter(ledger, "王芳", rule="D1", quantity="5", date="2026-10-0" + d, sheet="S1",
                   line=n) for n, d in ((1, "2"), (2, "3"), (3, "4"))]
    whole = enter(ledger, "曾重行", rule="D1", quantity="30", date="2026-10-05", sheet="S1",
                  line=4)
    free = enter(ledger, "马少军", household="0003", points="3", deed="修好村口路灯",
                 date="2026-10-06", sheet="S1", line=5)
    own = enter(ledger, "马少军", household="0001", rule="L1", date="2026-10-07", sheet="S1",
                line=6)
    typed = enter(secretary, "王芳", rule="D1", quantity="20", date="2026-10-08",
                  recorder="马秀兰", sheet="S2", line=1)
    return {"split": split, "whole": whole, "free": free, "own": own, "typed": typed}


def month_view(qtbot, make_ctx, ledger, user="马书记") -> MonthView:  # noqa: ANN001
    view = MonthView(make_ctx(ledger, user=user))
    show_active(qtbot, view)
    view.set_month(OCTOBER)
    settle(qtbot)
    return view


def cell(view: MonthView, deed_id: int, column: int) -> str:
    model = view.pending.model
    row = next(r for r in range(model.rowCount()) if model.pending_at(r).deed.id == deed_id)
    return str(model.index(row, column).data())


def test_the_pending_list_says_who_recorded_and_typed_each_and_why_it_waits(
        qtbot, make_ctx, ledger, qtmodeltester) -> None:
    made = pending_village(ledger)
    view = month_view(qtbot, make_ctx, ledger)
    qtmodeltester.check(view.pending.model)
    first, second, third = made["split"]
    assert first.status is Status.APPROVED and second.status is Status.APPROVED
    assert "本月同一细则合计 15 分，超过审批线 10 分" in cell(view, third.id, PendingModel.COL_WHY)
    assert "超过审批线 10 分" in cell(view, made["whole"].id, PendingModel.COL_WHY)
    assert "细则外的自由加减分" in cell(view, made["free"].id, PendingModel.COL_WHY)
    assert "马秀兰 给自家人记的" in cell(view, made["own"].id, PendingModel.COL_WHY)
    assert cell(view, made["typed"].id, PendingModel.COL_RECORDER) == "马秀兰"
    assert cell(view, made["typed"].id, PendingModel.COL_TYPIST) == "马书记"
    assert "5 条" in view.pending.label.text()


def test_many_are_approved_with_one_confirmation_and_the_others_are_named(
        qtbot, make_ctx, ledger) -> None:
    made = pending_village(ledger)
    view = month_view(qtbot, make_ctx, ledger)
    view.pending.table.setFocus()
    view.pending.table.selectAll()
    assert view.pending.approve_button.text() == "审批所选 5 条…"
    box = view.pending.ask_approve()
    assert "审批所选的 5 条积分" in box.text() and "马书记" in box.text()
    box.button(QMessageBox.StandardButton.Yes).click()
    settle(qtbot)
    info = view.pending.box
    assert info is not None and "已审批 4 条" in info.text()
    typed = made["typed"].id
    assert "以下 1 条没有审批" in info.text() and f"马书记 录入了积分 #{typed}" in info.text()
    info.close()
    assert deeds.get_deed(ledger, typed).status is Status.PENDING
    assert deeds.get_deed(ledger, made["whole"].id).approved_by == "马书记"
    approvals = [line for line in audit_log.audit_log(as_(ledger, "马书记"))
                 if line.action == "approve"]
    assert len(approvals) == 4  # one audit entry each
    settle(qtbot)
    assert view.pending.model.rowCount() == 1  # the list follows
    # the one left is greyed for him, its reason in the tooltip
    index = view.pending.model.index(0, PendingModel.COL_NAME)
    assert index.data(Qt.ItemDataRole.ForegroundRole) is not None
    assert "不能自己审批" in index.data(Qt.ItemDataRole.ToolTipRole)


def test_cancel_approves_nothing(qtbot, make_ctx, ledger) -> None:
    made = pending_village(ledger)
    view = month_view(qtbot, make_ctx, ledger, user="马主任")
    view.pending.table.selectRow(0)
    box = view.pending.ask_approve()
    box.button(QMessageBox.StandardButton.Cancel).click()
    settle(qtbot)
    assert deeds.get_deed(ledger, made["split"][2].id).status is Status.PENDING


def test_who_may_not_approve_or_close_sees_the_buttons_greyed_and_why(qtbot, make_ctx, ledger
                                                                        ) -> None:
    pending_village(ledger)
    view = month_view(qtbot, make_ctx, ledger, user="马秀兰")
    assert view.pending.model.rowCount() == 5
    view.pending.table.selectRow(0)
    assert not view.pending.approve_button.isEnabled()
    assert "马秀兰（信息员）没有权限审批积分" in view.pending.approve_button.toolTip()
    assert not view.close_button.isEnabled()
    assert "马秀兰（信息员）没有权限结账" in view.close_button.toolTip()
    committee = month_view(qtbot, make_ctx, ledger, user="马主任")
    committee.pending.table.selectRow(0)
    assert committee.pending.approve_button.isEnabled()
    assert not committee.close_button.isEnabled()  # closing is the secretary's
    assert "马主任（村委委员）没有权限结账" in committee.close_button.toolTip()


def test_closing_asks_first_and_says_what_it_means(qtbot, make_ctx, ledger) -> None:
    enter(ledger, "王芳", rule="L1", date="2026-10-05", sheet="S1", line=1)
    view = month_view(qtbot, make_ctx, ledger)
    assert view.close_button.isVisible() and view.close_button.isEnabled()
    view.close_button.click()
    box = view.close_box
    assert box is not None and box.isVisible()
    assert "不能再改" in box.text() and "2026-11" in box.text() and "调整" in box.text()
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Cancel).click()
    settle(qtbot)
    assert not months.month_info(ledger, OCTOBER).closed
    view.close_button.click()
    with qtbot.waitSignal(view.month_closed, timeout=10000):
        view.close_box.button(QMessageBox.StandardButton.Yes).click()
    assert months.month_info(ledger, OCTOBER).closed
    info = view.findChild(QMessageBox, "infoBox")
    assert info is not None and "已结账" in info.text()
    info.close()
