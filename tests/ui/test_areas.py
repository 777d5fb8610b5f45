"""Areas from the roster tab: the list with its households, a new area added by keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import show_active
from village_tally.services import roster
from village_tally.ui.roster_view import RosterView


def test_an_area_is_added_from_the_roster_by_keyboard(qtbot, ctx, keyboard):
    view = RosterView(ctx)
    show_active(qtbot, view)
    before = roster.list_areas(ctx.ledger)
    reloaded = []
    ctx.bus.changed.connect(lambda changes: reloaded.append(changes.roster))
    dialog = view.edit_areas()
    qtbot.waitExposed(dialog)
    shown = [dialog.areas.item(i).text() for i in range(dialog.areas.count())]
    assert len(shown) == len(before) and all("户" in line for line in shown)
    dialog.name_edit.setFocus()
    qtbot.waitUntil(dialog.name_edit.hasFocus)
    keyboard.type("十一片")
    keyboard.enter()
    assert roster.list_areas(ctx.ledger) == sorted([*before, "十一片"])
    assert "十一片（0 户）" in [dialog.areas.item(i).text() for i in range(dialog.areas.count())]
    assert dialog.isVisible() and dialog.name_edit.text() == "" and reloaded == [True]
    # The same name again, or none: said in the dialog, nothing written.
    keyboard.type("十一片")
    keyboard.enter()
    assert "十一片" in dialog.problems.text() and "已有" in dialog.problems.text()
    dialog.name_edit.clear()
    keyboard.press(Qt.Key.Key_Space)
    keyboard.enter()
    assert "为空" in dialog.problems.text()
    assert roster.list_areas(ctx.ledger).count("十一片") == 1 and reloaded == [True]
    keyboard.press(Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert QApplication.activeModalWidget() is None


def test_adding_an_area_is_in_the_audit_log(ctx):
    from village_tally.services import audit

    entries = audit.verify(ctx.ledger).entries
    roster.add_area(ctx.acting(), " 河东片 ")
    assert "河东片" in roster.list_areas(ctx.ledger)
    report = audit.verify(ctx.ledger)
    assert report.ok and report.entries == entries + 1
