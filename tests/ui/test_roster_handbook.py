"""Roster, handbook and ratings views: their models, and the committee's edits."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from tests.ui.conftest import settle, show_active
from village_tally.core.deed import Household
from village_tally.services import ratings, roster, rules
from village_tally.store.db import sqlite_path
from village_tally.ui import rule_model
from village_tally.ui.handbook_view import HandbookView
from village_tally.ui.rating_model import COL_FIRST_CATEGORY, RatingTableModel
from village_tally.ui.ratings_view import RatingsView
from village_tally.ui.roster_models import (
    HouseholdTableModel,
    ResidentFilter,
    ResidentTableModel,
)
from village_tally.ui.roster_view import RosterView


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
    view.save_scheme()
    settle(qtbot)
    assert (str(ctx.ledger.scheme.points_per_star), ctx.ledger.scheme.stars_per_flag) == ("2", 5)
    assert ctx.ledger.scheme.backups_kept == 4


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


def test_ratings_grid_by_keyboard(qtbot, make_ledger, make_ctx, qtmodeltester):
    ledger = make_ledger("yangqiao", "王芳 0004 二片 户主\n李明 0005 二片 户主")
    ctx = make_ctx(ledger, user="马书记")
    view = RatingsView(ctx)
    show_active(qtbot, view)
    view.quarter_box.setCurrentIndex(view.quarter_box.findText("2026-Q3"))
    qtmodeltester.check(view.model)
    assert view.model.columnCount() == COL_FIRST_CATEGORY + 5
    view.table.setCurrentIndex(view.model.index(0, COL_FIRST_CATEGORY))
    view.table.setFocus()
    qtbot.keyClicks(view.table, "4")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(view.model.edited))  # the delegate commits on the next loop
    assert view.model.index(0, COL_FIRST_CATEGORY).data() == "★★★★"
    assert not view.model.setData(view.model.index(0, COL_FIRST_CATEGORY + 1), "9")
    assert view.save() is not None
    settle(qtbot)
    assert ratings.ratings_for(ledger, "2026-Q3") == {"0004": {"tidy": 4}}


def test_ratings_model_without_categories(qtmodeltester):
    model = RatingTableModel("zh")
    model.load([Household("0001", None, "一片", "马少军")], (), {})
    qtmodeltester.check(model)
