"""Roster, handbook and ratings views: their models, and the committee's edits."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from tests.conftest import as_
from tests.ui.conftest import settle, show_active
from village_tally.core.deed import Household
from village_tally.services import ratings, roster, rules
from village_tally.store.db import sqlite_path
from village_tally.ui import rule_model
from village_tally.ui.handbook_view import HandbookView
from village_tally.ui.rating_model import COL_FIRST_CATEGORY, WRONG, RatingTableModel
from village_tally.ui.ratings_view import RatingsView
from village_tally.ui.roster_models import (
    HouseholdTableModel,
    ResidentFilter,
    ResidentTableModel,
)
from village_tally.ui.roster_view import RosterView


@pytest.fixture
def ctx(ledger, make_ctx):
    """The secretary at the keyboard: the roster, the handbook, imports and exports are theirs."""
    return make_ctx(ledger, user="马书记")


def test_roster_models_pass_the_model_tester(ledger, qtmodeltester):
    residents = ResidentTableModel("zh")
    residents.set_items(roster.list_residents(ledger))
    qtmodeltester.check(residents)
    proxy = ResidentFilter()
    proxy.setSourceModel(residents)
    proxy.set_query("msj")
    qtmodeltester.check(proxy)
    assert proxy.rowCount() == 2
    households = HouseholdTableModel("zh")
    households.set_items(roster.list_households(ledger))
    qtmodeltester.check(households)
    rules_model = rule_model.RuleTableModel("en")
    rules_model.set_items(rules.list_rules(ledger))
    qtmodeltester.check(rules_model)
    assert rules_model.index(0, rule_model.COL_TITLE).data() == "Public labour"


def test_add_move_and_mark_residents(qtbot, ctx):
    view = RosterView(ctx)
    qtbot.addWidget(view)
    dialog = view.add_resident()
    dialog.name_edit.setText("")
    dialog.household_edit.setText("0009")
    dialog.save()
    settle(qtbot)
    assert "姓名为空" in dialog.problems.text()
    dialog.name_edit.setText("孙小红")
    dialog.area_edit.setText("三片")
    dialog.save()
    settle(qtbot)
    assert dialog.added is not None and view.model.rowCount() == 6
    view.search_edit.setText("sxh")
    assert view.proxy.rowCount() == 1
    view.table.selectRow(0)
    move = view.move_selected()
    move.household_edit.setText("0004")
    move.reason_edit.setText("嫁入王家")
    move.accept()
    settle(qtbot)
    assert roster.get_resident(ctx.ledger, dialog.added.id).household == "0004"
    view.table.selectRow(0)  # the roster was reloaded after the move
    mark = view.mark_selected("moved")
    mark.reason_edit.setText("外出打工落户")
    mark.accept()
    settle(qtbot)
    assert roster.get_resident(ctx.ledger, dialog.added.id).status == "moved"
    assert view.model.data(view.model.index(5, ResidentTableModel.COL_STATUS)) == "已迁出"


def test_a_refused_move_keeps_the_dialog_open_with_what_was_typed(qtbot, ctx):
    view = RosterView(ctx)
    qtbot.addWidget(view)
    view.table.selectRow(0)
    person = view.selected()
    move = view.move_selected()
    move.household_edit.setText("   ")  # no household
    move.reason_edit.setText("嫁入王家")
    move.ok_button.click()
    settle(qtbot)
    assert move.isVisible() and move.reason_edit.text() == "嫁入王家"
    assert "户号" in move.problems.text()
    move.household_edit.setText("0004")
    move.ok_button.click()
    settle(qtbot)
    assert not move.isVisible() and not move.problems.text()
    assert roster.get_resident(ctx.ledger, person.id).household == "0004"
    shown = [(view.model.data(view.model.index(r, ResidentTableModel.COL_NAME)),
              view.model.data(view.model.index(r, ResidentTableModel.COL_HOUSEHOLD)))
             for r in range(view.model.rowCount())]
    assert (person.name, "0004") in shown and (person.name, person.household) not in shown


def test_rule_edit_and_scheme_settings(qtbot, ctx):
    view = HandbookView(ctx)
    qtbot.addWidget(view)
    view.table.selectRow(3)  # C1
    dialog = view.edit_selected()
    assert dialog.code.text() == "C1"
    dialog.cap.setText("abc")
    dialog.save()
    assert dialog.problems.text()
    dialog.cap.setText("6")
    dialog.save()
    settle(qtbot)
    assert ctx.ledger.rule("C1").monthly_cap == 6
    assert view.model.index(3, rule_model.COL_CAP).data() == "6"
    view.per_star.setText("2")
    view.per_flag.setValue(5)
    backups = f"{sqlite_path(ctx.ledger.engine).stem}.backups"
    assert backups in view.backups_where.text()  # where the copies are, said where they are set
    view.backups_kept.setValue(4)
    assert view.max_points.text() == "100"  # the preset's largest deed
    view.max_points.setText("250")
    view.save_scheme()
    settle(qtbot)
    assert (str(ctx.ledger.scheme.points_per_star), ctx.ledger.scheme.stars_per_flag) == ("2", 5)
    assert ctx.ledger.scheme.backups_kept == 4
    assert str(ctx.ledger.scheme.max_deed_points) == "250"


def test_reward_brackets_kept_by_the_committee(qtbot, ctx):
    view = HandbookView(ctx)
    qtbot.addWidget(view)
    dialog = view.edit_rewards()
    assert dialog.table.rowCount() == 3  # the default table
    qtbot.mouseClick(dialog.findChild(QPushButton, "addBracket"), Qt.MouseButton.LeftButton)
    row = dialog.table.rowCount() - 1
    for column, text in enumerate(("鼓励奖", "abc", "5", "x")):
        dialog.table.item(row, column).setText(text)
    dialog.save()  # the minimum is not a number: nothing saved, the problem shown
    settle(qtbot)
    assert dialog.isVisible()
    assert dialog.problems.text().count("第 4 行") == 2  # the minimum and the oil, at once
    assert ctx.ledger.scheme.rewards.brackets[-1].name == "三等"
    for column, text in ((1, "3"), (3, "1")):
        dialog.table.item(row, column).setText(text)
    dialog.save()
    settle(qtbot)
    assert not dialog.isVisible(), dialog.problems.text()
    last = ctx.ledger.scheme.rewards.brackets[-1]
    assert (last.name, str(last.minimum), last.rice, last.oil) == ("鼓励奖", "3", 5, 1)
    assert view.edit_rewards().table.rowCount() == 4  # kept: the dialog reopens with it


def ratings_view(qtbot, make_ledger, make_ctx) -> RatingsView:
    ledger = make_ledger("yangqiao", "王芳 0004 二片 户主\n李明 0005 二片 户主")
    view = RatingsView(make_ctx(ledger, user="马书记"))
    show_active(qtbot, view)
    view.quarter_box.setCurrentIndex(view.quarter_box.findText("2026-Q3"))
    return view


def cells(view: RatingsView, row: int) -> list[str]:
    return [view.model.index(row, COL_FIRST_CATEGORY + c).data() for c in range(5)]


def test_ratings_grid_by_keyboard(qtbot, make_ledger, make_ctx, qtmodeltester, keyboard):
    """A key is a cell's rating at once: 5, →, 4 rates two cells (it typed "54" into one),
    and ↓/Enter/Tab move on without losing a keystroke."""
    view = ratings_view(qtbot, make_ledger, make_ctx)
    qtmodeltester.check(view.model)
    assert view.model.columnCount() == COL_FIRST_CATEGORY + 5
    view.current_cell(0, 0)
    keyboard.type("5")
    keyboard.press(Qt.Key.Key_Right)
    keyboard.type("4")
    keyboard.press(Qt.Key.Key_Tab)
    keyboard.type("3")
    keyboard.enter()
    keyboard.type("2")
    assert cells(view, 0) == ["★★★★★", "★★★★", "★★★", "", ""]
    assert cells(view, 1) == ["", "", "★★", "", ""]
    keyboard.press(Qt.Key.Key_Delete)  # takes back what was typed on the cell
    assert cells(view, 1)[2] == "" and view.model.unsaved == 3
    qtmodeltester.check(view.model)
    assert view.save() is not None
    settle(qtbot)
    assert ratings.ratings_for(view.ctx.ledger, "2026-Q3") == {
        "0004": {"tidy": 5, "law": 4, "waste": 3}}
    assert view.model.unsaved == 0 and cells(view, 0)[0] == "★★★★★"  # saved, not yellow


@pytest.mark.parametrize("typed", ["6", "0", "x", "９"])
def test_a_rating_out_of_range_stays_on_its_cell_with_the_reason(
        qtbot, make_ledger, make_ctx, keyboard, typed):
    """Anything but 1–5 is kept, red, with a message on the cell; Save names it and saves
    nothing until it is mended (6 then Tab blanked the cell without a word)."""
    view = ratings_view(qtbot, make_ledger, make_ctx)
    view.current_cell(0, 0)
    keyboard.type("4")
    keyboard.press(Qt.Key.Key_Down)
    keyboard.type(typed)
    keyboard.press(Qt.Key.Key_Tab)
    wrong = view.model.index(1, COL_FIRST_CATEGORY)
    assert wrong.data() == typed and "不是 1–5 星" in wrong.data(Qt.ItemDataRole.ToolTipRole)
    assert wrong.data(Qt.ItemDataRole.BackgroundRole) == WRONG
    view.current_cell(1, 0)
    assert "0005" in view.note.text() and typed in view.note.text()
    assert view.save() is None
    assert "没有保存" in view.note.text() and "0005" in view.note.text()
    assert ratings.ratings_for(view.ctx.ledger, "2026-Q3") == {}
    keyboard.type("3")
    assert view.save() is not None
    settle(qtbot)
    assert ratings.ratings_for(view.ctx.ledger, "2026-Q3") == {
        "0004": {"tidy": 4}, "0005": {"tidy": 3}}


def test_typed_ratings_are_never_dropped_unasked(qtbot, make_ledger, make_ctx, keyboard):
    """Another quarter asks first; Cancel stays, Save saves then goes; a change from
    elsewhere that reloads the grid keeps what was typed."""
    view = ratings_view(qtbot, make_ledger, make_ctx)
    view.current_cell(0, 1)
    keyboard.type("2")
    view.ctx.bus.publish(roster.add_area(as_(view.ctx.ledger, "马书记"), "三片"))  # reloads
    assert cells(view, 0)[1] == "★★" and view.model.unsaved == 1
    view.quarter_box.setCurrentIndex(view.quarter_box.findText("2026-Q2"))
    assert view.quarter == "2026-Q3" and view.quarter_box.currentText() == "2026-Q3"
    box = view.ask_box
    assert box is not None and "1" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert view.quarter == "2026-Q3" and view.model.unsaved == 1
    view.quarter_box.setCurrentIndex(view.quarter_box.findText("2026-Q2"))
    view.ask_box.button(QMessageBox.StandardButton.Save).click()
    settle(qtbot)
    assert ratings.ratings_for(view.ctx.ledger, "2026-Q3") == {"0004": {"law": 2}}
    assert view.quarter == "2026-Q2" == view.quarter_box.currentText()
    assert cells(view, 0) == [""] * 5 and view.model.unsaved == 0


def test_ratings_model_without_categories(qtmodeltester):
    model = RatingTableModel("zh")
    model.load([Household("0001", None, "一片", "马少军")], (), {})
    qtmodeltester.check(model)


def test_quitting_with_typed_ratings_asks_first(qtbot, make_ledger, make_ctx, settings,
                                                keyboard):
    from village_tally.ui.main_window import MainWindow

    ledger = make_ledger("yangqiao", "王芳 0004 二片 户主")
    window = MainWindow(make_ctx(ledger, user="马书记"), settings, "test.db")
    show_active(qtbot, window)
    window.tabs.setCurrentWidget(window.ratings)
    window.ratings.current_cell(0, 0)
    keyboard.type("5")
    window.tabs.setCurrentWidget(window.entry)
    assert not window.close()  # asked, not closed
    assert window.isVisible() and window.tabs.currentWidget() is window.ratings
    window.ratings.ask_box.button(QMessageBox.StandardButton.Discard).click()
    assert not window.isVisible()  # closed as asked, the typed cell discarded
    assert ratings.ratings_for(ledger, window.ratings.quarter) == {}


def test_a_scheme_without_door_signs_has_no_ratings_tab(qtbot, make_ledger, make_ctx,
                                                        settings):
    """Jiakuang Majia rates no households: no grey grid, no door-sign printing."""
    from village_tally.ui.main_window import MainWindow

    for preset, rated in (("jiakuang-majia", False), ("yangqiao", True)):
        window = MainWindow(make_ctx(make_ledger(preset)), settings, f"{preset}.db")
        qtbot.addWidget(window)
        tabs = [window.tabs.tabText(i) for i in range(window.tabs.count())]
        assert ("门牌评星" in tabs) == rated, tabs
        assert (window.ratings is not None) == rated
        printing = [b for b in window.findChildren(QPushButton) if b.objectName() == "printSigns"]
        assert bool(printing) == rated
        go = [a.text() for a in window.go_menu.actions()]
        assert go == tabs  # Alt+1… follow the tabs there are


def test_the_handbook_sets_a_way_back_and_a_yearly_cap(qtbot, ctx):
    """The secretary gives littering (N1) a way back after 12 clean months and C1 a cap per
    quarter, by keyboard in the rule's dialog."""
    view = HandbookView(ctx)
    qtbot.addWidget(view)
    view.table.selectRow(4)  # N1
    dialog = view.edit_selected()
    assert (dialog.code.text(), dialog.lapse.text()) == ("N1", "从不")
    dialog.lapse.setFocus()
    dialog.lapse.selectAll()
    qtbot.keyClicks(dialog.lapse, "12")
    dialog.save()
    settle(qtbot)
    assert ctx.ledger.rule("N1").lapse_months == 12
    view.table.selectRow(3)  # C1
    dialog = view.edit_selected()
    dialog.cap_period.setCurrentIndex(dialog.cap_period.findData("quarter"))
    dialog.save()
    settle(qtbot)
    assert ctx.ledger.rule("C1").cap_period == "quarter"
    assert view.model.index(3, rule_model.COL_CAP).data() == "4 每季度"
    assert view.model.index(2, rule_model.COL_CAP).data() == "1 每年"  # A1, as the preset says
