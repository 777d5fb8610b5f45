"""Areas from the roster tab: each area with its households; a new area added, an area renamed
(F2) and a household moved to another area (Enter, with a reason), all by keyboard."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from tests.ui.conftest import settle, show_active
from village_tally.services import audit, roster
from village_tally.ui.area_dialog import AreaDialog, MoveHouseholdDialog, RenameAreaDialog
from village_tally.ui.roster_models import HouseholdTableModel
from village_tally.ui.roster_view import RosterView


@pytest.fixture
def ctx(ledger, make_ctx):
    """The secretary at the keyboard: the roster, the handbook, imports and exports are theirs."""
    return make_ctx(ledger, user="马书记")


def tree_lines(dialog: AreaDialog) -> list[str]:
    """What the tree shows, households indented under their area."""
    lines = []
    for i in range(dialog.tree.topLevelItemCount()):
        top = dialog.tree.topLevelItem(i)
        lines.append(top.text(0))
        lines += ["  " + top.child(j).text(0) for j in range(top.childCount())]
    return lines


def open_areas(qtbot, ctx) -> tuple[RosterView, AreaDialog]:
    view = RosterView(ctx)
    show_active(qtbot, view)
    dialog = view.edit_areas()
    qtbot.waitExposed(dialog)
    return view, dialog


def go_to(qtbot, dialog: AreaDialog, keyboard, line: str) -> None:
    """Walk the tree with the arrow keys to the line that starts with `line`."""
    dialog.tree.setFocus()
    qtbot.waitUntil(dialog.tree.hasFocus)
    keyboard.press(Qt.Key.Key_Home)
    for _ in range(dialog.tree.topLevelItemCount() * 10):
        if dialog.tree.currentItem().text(0).startswith(line.strip()):
            return
        keyboard.press(Qt.Key.Key_Down)
    raise AssertionError(f"no line {line!r} in {tree_lines(dialog)}")


def household_areas(ctx) -> dict[str, str]:
    return {h.code: h.area for h in roster.list_households(ctx.ledger)}


def test_the_tree_shows_each_area_with_its_households(qtbot, ctx):
    _view, dialog = open_areas(qtbot, ctx)
    assert tree_lines(dialog) == ["一片（2 户）", "  0001 户　马少军", "  0002 户　曾重行",
                                  "二片（2 户）", "  0003 户　马少军", "  0004 户　王芳"]


def test_tab_goes_through_the_dialog_in_the_order_it_reads(qtbot, ctx, keyboard):
    _view, dialog = open_areas(qtbot, ctx)
    go_to(qtbot, dialog, keyboard, "  0001")  # a household: only "move" applies
    seen = []
    for _ in range(5):
        keyboard.press(Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget().objectName())
    assert seen[:3] == ["moveHousehold", "newAreaName", "addArea"]
    assert "areaTree" in seen[3:]


def test_an_area_is_added_from_the_roster_by_keyboard(qtbot, ctx, keyboard):
    _view, dialog = open_areas(qtbot, ctx)
    before = roster.list_areas(ctx.ledger)
    reloaded = []
    ctx.bus.changed.connect(lambda changes: reloaded.append(changes.roster))
    dialog.name_edit.setFocus()
    qtbot.waitUntil(dialog.name_edit.hasFocus)
    keyboard.type("十一片")
    keyboard.enter()
    settle(qtbot)
    assert roster.list_areas(ctx.ledger) == sorted([*before, "十一片"])
    assert "十一片（0 户）" in tree_lines(dialog)
    assert dialog.isVisible() and dialog.name_edit.text() == "" and reloaded == [True]
    # The same name again, or none: said in the dialog, nothing written.
    keyboard.type("十一片")
    keyboard.enter()
    settle(qtbot)
    assert "十一片" in dialog.problems.text() and "已有" in dialog.problems.text()
    dialog.name_edit.clear()
    keyboard.press(Qt.Key.Key_Space)
    keyboard.enter()
    settle(qtbot)
    assert "为空" in dialog.problems.text()
    assert roster.list_areas(ctx.ledger).count("十一片") == 1 and reloaded == [True]
    keyboard.press(Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert QApplication.activeModalWidget() is None


def test_an_area_is_renamed_with_f2_and_a_taken_name_is_said_in_words(qtbot, ctx, keyboard):
    view, dialog = open_areas(qtbot, ctx)
    go_to(qtbot, dialog, keyboard, "  0003")
    assert not dialog.buttons["renameArea"].isEnabled()
    keyboard.press(Qt.Key.Key_F2)  # on a household: nothing to rename
    assert QApplication.activeModalWidget() is dialog
    go_to(qtbot, dialog, keyboard, "二片")
    keyboard.press(Qt.Key.Key_F2)
    rename = QApplication.activeModalWidget()
    assert isinstance(rename, RenameAreaDialog)
    qtbot.waitUntil(rename.name_edit.hasFocus)
    assert rename.name_edit.selectedText() == "二片"  # typing replaces the old name
    keyboard.type("一片")
    keyboard.enter()
    settle(qtbot)
    assert rename.isVisible() and "“一片”" in rename.problems.text()
    keyboard.press(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    keyboard.type("河东片")
    keyboard.enter()
    qtbot.waitUntil(lambda: not rename.isVisible())
    assert roster.list_areas(ctx.ledger) == ["一片", "河东片"]
    assert dialog.tree.currentItem().text(0) == "河东片（2 户）"
    assert "河东片" in [view.households.data(view.households.index(r, HouseholdTableModel.COL_AREA))
                       for r in range(view.households.rowCount())]
    assert audit.verify(ctx.ledger).ok


def test_a_household_is_moved_to_another_area_by_keyboard(qtbot, ctx, keyboard):
    view, dialog = open_areas(qtbot, ctx)
    go_to(qtbot, dialog, keyboard, "  0004")
    keyboard.enter()
    move = QApplication.activeModalWidget()
    assert isinstance(move, MoveHouseholdDialog)
    assert any("王芳" in label.text() and "二片" in label.text()
               for label in move.findChildren(QLabel))
    assert [move.area_box.itemText(i) for i in range(move.area_box.count())] == ["一片"]
    assert not move.ok_button.isEnabled()  # no reason yet
    qtbot.waitUntil(move.area_box.hasFocus)
    keyboard.press(Qt.Key.Key_Tab)
    keyboard.type("搬到村西")
    assert move.ok_button.isEnabled()
    keyboard.enter()
    qtbot.waitUntil(lambda: not move.isVisible())
    assert household_areas(ctx)["0004"] == "一片"
    assert tree_lines(dialog)[:4] == ["一片（3 户）", "  0001 户　马少军", "  0002 户　曾重行",
                                      "  0004 户　王芳"]
    assert dialog.tree.currentItem().text(0) == "0004 户　王芳"
    households = view.households
    row = next(r for r in range(households.rowCount())
               if households.index(r, HouseholdTableModel.COL_CODE).data() == "0004")
    assert households.index(row, HouseholdTableModel.COL_AREA).data() == "一片"
    assert audit.verify(ctx.ledger).ok


def test_a_move_that_fails_says_why_in_the_dialog_and_stays_open(qtbot, ctx, keyboard):
    _view, dialog = open_areas(qtbot, ctx)
    go_to(qtbot, dialog, keyboard, "  0004")
    dialog.buttons["moveHousehold"].click()
    move = QApplication.activeModalWidget()
    assert isinstance(move, MoveHouseholdDialog)
    roster.rename_area(ctx.acting(), "一片", "河西片")  # someone else renames it meanwhile
    move.reason_edit.setFocus()
    qtbot.waitUntil(move.reason_edit.hasFocus)
    keyboard.type("搬家")
    keyboard.enter()
    settle(qtbot)
    assert move.isVisible() and "一片" in move.problems.text() and "河西片" in move.problems.text()
    assert household_areas(ctx)["0004"] == "二片"
    keyboard.press(Qt.Key.Key_Escape)
    assert not move.isVisible()


def test_adding_an_area_is_in_the_audit_log(ctx):
    entries = audit.verify(ctx.ledger).entries
    roster.add_area(ctx.acting(), " 河东片 ")
    assert "河东片" in roster.list_areas(ctx.ledger)
    report = audit.verify(ctx.ledger)
    assert report.ok and report.entries == entries + 1
