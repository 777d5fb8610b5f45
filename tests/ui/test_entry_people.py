"""Who a deed's paper and typing belong to, on the entry screen: the typist is whoever signed
in; the gatherer box offers only active gatherers (a gatherer signed in has only herself); the
sheet number chooses the gatherer where the village knows whose sheet it is; Ctrl+Z's reason is
in the typist's language."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.conftest import as_, enter
from tests.ui.conftest import settle, show_active
from village_tally.core.month import Month
from village_tally.core.problem import Field
from village_tally.services import deeds, people, scan_sheets
from village_tally.ui.entry_view import EntryView


def entry(qtbot, make_ctx, ledger, user, lang="zh") -> EntryView:  # noqa: ANN001
    view = EntryView(make_ctx(ledger, lang=lang, user=user), lines=5)
    show_active(qtbot, view)
    view.sheet_edit.setFocus()
    return view


def in_gatherer_box(view: EntryView) -> bool:
    """The keyboard is in the gatherer box (Qt names the editable box, not its line edit)."""
    return QApplication.focusWidget() in (view.gatherer_box, view.gatherer_edit)


def offered(view: EntryView) -> list[str]:
    return [view.gatherer_box.itemText(i) for i in range(view.gatherer_box.count())]


def test_a_gatherer_types_only_her_own_sheets(qtbot, make_ctx, ledger, keyboard) -> None:
    view = entry(qtbot, make_ctx, ledger, "马秀兰")
    assert offered(view) == ["马秀兰"] and not view.gatherer_box.isEnabled()
    assert view.gatherer_box.currentText() == "马秀兰"
    assert "自己的登记表" in view.gatherer_note.text()
    keyboard.type("S-7")
    keyboard.enter()
    assert QApplication.focusWidget() is view.date_edit  # nothing to choose


def test_others_choose_among_active_gatherers_by_name_or_initials(qtbot, make_ctx, ledger,
                                                                  keyboard) -> None:
    people.retire_person(as_(ledger, "马书记"), "王建国")
    view = entry(qtbot, make_ctx, ledger, "马书记")
    assert offered(view) == ["马秀兰"]  # not the committee, not the retired
    assert view.gatherer_box.currentText() == ""  # a secretary is nobody's gatherer
    keyboard.type("S-7")
    keyboard.enter()
    assert in_gatherer_box(view)
    keyboard.type("马主任")
    keyboard.enter()
    assert "“马主任”不是在用的信息员" in view.gatherer_note.text()
    assert in_gatherer_box(view)
    view.gatherer_edit.selectAll()
    keyboard.type("mxl")
    keyboard.enter()
    assert view.gatherer_box.currentText() == "马秀兰" and view.gatherer_note.text() == ""
    assert QApplication.focusWidget() is view.date_edit


def test_the_secretary_types_a_gatherers_sheet_the_deed_names_both(qtbot, make_ctx, ledger,
                                                                   keyboard) -> None:
    enter(ledger, "王芳", rule="L1", sheet="S-9", line=1)  # 马秀兰's sheet, begun before
    view = entry(qtbot, make_ctx, ledger, "马书记")
    keyboard.type("S-9")
    keyboard.enter()
    assert view.gatherer_box.currentText() == "马秀兰"
    assert "按单号：这是 马秀兰 的登记表" in view.gatherer_note.text()
    assert QApplication.focusWidget() is view.date_edit
    keyboard.type("2026-11-05")
    keyboard.enter()
    keyboard.type("zcx")
    keyboard.enter()
    keyboard.type("L1")
    keyboard.enter(2)
    settle(qtbot)
    newest = deeds.list_deeds(ledger)[0]
    assert (newest.name, newest.recorder, newest.typist) == ("曾重行", "马秀兰", "马书记")


def test_a_printed_scan_sheet_number_names_its_areas_gatherer(qtbot, make_ctx, ledger,
                                                              keyboard, tmp_path) -> None:
    secretary = as_(ledger, "马书记")
    people.set_areas(secretary, "马秀兰", ["一片"])  # 二片 is 王建国's alone now
    scan_sheets.print_scan_sheets(secretary, out=tmp_path / "s.pdf", area="二片",
                                  month=Month.parse("2026-11"))
    (number,) = scan_sheets.issued_sheets(ledger)
    view = entry(qtbot, make_ctx, ledger, "马主任")
    keyboard.type(number)
    keyboard.enter()
    assert view.gatherer_box.currentText() == "王建国"
    mine = entry(qtbot, make_ctx, ledger, "马秀兰")
    keyboard.type(number)
    keyboard.enter()
    assert "这是 王建国 的登记表，不是你的" in mine.gatherer_note.text()


def test_ctrl_z_voids_with_a_reason_in_the_typists_language(qtbot, make_ctx, ledger,
                                                           keyboard) -> None:
    for lang, reason in (("zh", "撤销本行"), ("en", "line undone")):
        entry(qtbot, make_ctx, ledger, "马秀兰", lang)
        keyboard.type(f"U-{lang}")
        keyboard.enter()
        keyboard.enter()  # the date as it is
        keyboard.type("wf")
        keyboard.enter()
        keyboard.type("L1")
        keyboard.enter(2)
        settle(qtbot)
        keyboard.press(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        settle(qtbot)
        voided = deeds.list_deeds(ledger)[0]
        assert voided.source.sheet == f"U-{lang}" and voided.void_reason == reason
        assert voided.void_reason != "undo"  # never the program's word


def test_lines_half_typed_stay_with_whoever_typed_them(qtbot, make_ctx, ledger,
                                                       keyboard) -> None:
    view = entry(qtbot, make_ctx, ledger, "马书记")
    keyboard.type("S-9")
    keyboard.enter()
    keyboard.type("马秀兰")
    keyboard.enter(2)  # the gatherer, the sheet's date
    keyboard.type("zcx")
    keyboard.enter()  # 曾重行 taken: the line waits for its rule
    name = view.lines[0].widget(Field.NAME)
    assert name.text() == "曾重行"
    # the screen locks and the secretary comes back: nothing moved
    view.ctx.set_person(None)
    view.ctx.set_person(people.find_person(ledger, "马书记"))
    assert name.text() == "曾重行" and view.sheet_edit.text() == "S-9"
    # a gatherer signs in at the same desk: she never sees, nor saves, his half-typed line
    view.ctx.set_person(None)
    view.ctx.set_person(people.find_person(ledger, "马秀兰"))
    assert (name.text(), view.sheet_edit.text()) == ("", "")
    assert "马书记 未保存的 1 行已替其留着" in view.summary.text()
    # he signs in again: his line is back, and it is saved as his typing
    view.ctx.set_person(None)
    view.ctx.set_person(people.find_person(ledger, "马书记"))
    assert (name.text(), view.sheet_edit.text()) == ("曾重行", "S-9")
    assert "留着" not in view.summary.text()
    view.lines[0].widget(Field.RULE).setFocus()
    keyboard.type("L1")
    keyboard.enter(2)
    settle(qtbot)
    newest = deeds.list_deeds(ledger)[0]
    assert (newest.name, newest.recorder, newest.typist) == ("曾重行", "马秀兰", "马书记")
