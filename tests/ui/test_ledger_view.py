"""The ledger view: a lazy model over the services, filters, void, approve and audit."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tests.conftest import as_, enter
from tests.ui.conftest import settle
from village_tally.core.deed import Status
from village_tally.core.month import Month
from village_tally.services import deeds
from village_tally.services.deeds import DeedFilter
from village_tally.ui.deed_model import COL_NAME, COL_POINTS, COL_STATUS, DeedTableModel
from village_tally.ui.ledger_view import LedgerView


def fill(ledger, n=25):
    for i in range(n):
        enter(ledger, "王芳" if i % 2 else "马丽", rule="L1", sheet="S1", line=i + 1)


def test_deed_model_fetches_page_by_page_and_passes_the_model_tester(ledger, qtmodeltester):
    fill(ledger)
    model = DeedTableModel(ledger, "zh", page=10)
    assert model.rowCount() == 0 and model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 10
    qtmodeltester.check(model)
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 25 == model.total
    newest = model.index(0, COL_NAME)
    assert model.data(newest) == "马丽"  # newest first: sheet S1 line 25
    assert model.deed_at(0).source.line == 25
    assert model.data(model.index(0, COL_POINTS)) == "+1"
    qtmodeltester.check(model)


def test_filters_narrow_the_table(qtbot, ctx):
    fill(ctx.ledger, 6)
    view = LedgerView(ctx)
    qtbot.addWidget(view)
    view.search_edit.setText("王芳")
    qtbot.keyClick(view.search_edit, Qt.Key.Key_Return)
    settle(qtbot)  # counted and read off the GUI thread
    assert view.model.total == 3
    assert "3" in view.count_label.text()
    view.status_box.setCurrentIndex(view.status_box.findData("void"))
    settle(qtbot)
    assert view.model.total == 0


def area_choices(view):
    return [view.area_box.itemData(i) for i in range(1, view.area_box.count())]


def test_the_area_filter_follows_a_renamed_area_and_lists_a_new_one(qtbot, ctx):
    from village_tally.services import roster

    fill(ctx.ledger, 6)  # 王芳 (0004, 二片) three times, 马丽 (0001, 一片) three times
    view = LedgerView(ctx)
    qtbot.addWidget(view)
    view.area_box.setCurrentIndex(view.area_box.findData("二片"))
    settle(qtbot)
    assert view.model.total == 3
    secretary = as_(ctx.ledger, "马书记")
    ctx.bus.publish(roster.rename_area(secretary, "二片", "河东片"))
    settle(qtbot)
    assert area_choices(view) == ["一片", "河东片"]
    assert view.area_box.currentData() == "河东片" and view.model.total == 3
    ctx.bus.publish(roster.add_area(secretary, "三片"))
    settle(qtbot)
    assert area_choices(view) == ["一片", "三片", "河东片"]
    assert view.area_box.currentData() == "河东片" and view.model.total == 3
    ctx.bus.publish(roster.set_household_area(secretary, "0004", "一片", reason="搬家"))
    settle(qtbot)
    assert view.model.total == 0  # 王芳's deeds now count under 一片
    view.area_box.setCurrentIndex(view.area_box.findData("一片"))
    settle(qtbot)
    assert view.model.total == 6


def test_ctrl_f_goes_to_the_search_box(qtbot, ctx):
    from PySide6.QtWidgets import QApplication

    from tests.ui.conftest import show_active

    view = LedgerView(ctx)
    show_active(qtbot, view)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is view.search_edit


def test_void_with_reason_then_audit_trail(qtbot, ctx):
    fill(ctx.ledger, 2)
    view = LedgerView(ctx)
    qtbot.addWidget(view)
    settle(qtbot)  # the first page, read off the GUI thread
    view.select_row(0)
    target = view.selected()
    dialog = view.void_selected()
    assert not dialog.ok_button.isEnabled()
    dialog.reason_edit.setText("抄错了人")
    dialog.accept()
    settle(qtbot)
    assert deeds.get_deed(ctx.ledger, target.id).status == Status.VOID
    settle(qtbot)  # the first page, read off the GUI thread
    row = view.model.row_of(target.id)
    assert view.model.data(view.model.index(row, COL_STATUS)) == "已作废"
    view.select_row(row)
    audit = view.show_audit()
    settle(qtbot)
    model = audit.view.model
    said = [model.index(r, model.COL_WHAT).data() for r in range(model.rowCount())]
    assert [s[:4] for s in said] == ["录入积分", "作废了积"] and "抄错了人" in said[1]
    audit.reject()


def test_approve_is_refused_for_ones_own_deed(qtbot, make_ctx, ledger):
    ctx = make_ctx(ledger, user="马主任")
    enter(as_(ledger, "马主任"), "王芳", rule="N2", sheet="S1", line=1)
    view = LedgerView(ctx)  # ctx.user is 马主任, who recorded it
    qtbot.addWidget(view)
    settle(qtbot)  # the first page, read off the GUI thread
    view.select_row(0)
    assert not view.buttons["approveButton"].isEnabled()
    view.approve_selected()
    settle(qtbot)
    box = view.findChild(QMessageBox, "errorBox")
    assert "不能自己审批" in box.text() and "--" not in box.text()
    box.close()
    committee = make_ctx(ctx.ledger, user="马书记")
    other = LedgerView(committee)
    qtbot.addWidget(other)
    settle(qtbot)
    other.select_row(0)
    assert other.buttons["approveButton"].isEnabled()
    other.approve_selected()
    settle(qtbot)
    assert deeds.list_deeds(ctx.ledger, DeedFilter(status="pending")) == []


def test_keyset_pages_match_the_filtered_list(ledger):
    fill(ledger, 30)
    enter(ledger, "王芳", rule="N2", sheet="S2", line=1)
    for f in (DeedFilter(), DeedFilter(text="王芳"), DeedFilter(status="pending"),
              DeedFilter(month=Month.parse("2026-11"), area="二片")):
        model = DeedTableModel(ledger, "zh", f, page=7)
        while model.canFetchMore():
            model.fetchMore()
        shown = [model.deed_at(r).id for r in range(model.rowCount())]
        assert shown == [d.id for d in deeds.list_deeds(ledger, f)]
        assert len(shown) == model.total
