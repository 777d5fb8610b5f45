"""The People screen, the secretary's: add a gatherer with her areas and PIN, change a role,
reset a PIN, retire (never delete) and reinstate; a refusal is said in the dialog or a message;
an old village's names are listed to confirm, with their suggested roles; only a secretary sees
the screen."""

from __future__ import annotations

import gzip
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tests.conftest import NOW
from tests.services.test_digest_pinned import WITNESS
from tests.ui.conftest import settle, show_active
from village_tally.core.person import Role
from village_tally.services import people
from village_tally.services.session import open_ledger
from village_tally.ui.context import ChangeBus, UiContext
from village_tally.ui.main_window import MainWindow
from village_tally.ui.people_model import PeopleModel
from village_tally.ui.people_view import PeopleView


def column(view: PeopleView, col: int) -> list[str]:
    return [str(view.model.index(r, col).data()) for r in range(view.model.rowCount())]


def people_view(qtbot, make_ctx, ledger, lang="zh") -> PeopleView:  # noqa: ANN001
    view = PeopleView(make_ctx(ledger, lang=lang, user="马书记"))
    show_active(qtbot, view)
    return view


def test_the_secretary_adds_a_gatherer_with_her_areas_and_pin(qtbot, make_ctx, ledger,
                                                             qtmodeltester) -> None:
    view = people_view(qtbot, make_ctx, ledger)
    qtmodeltester.check(view.model)
    assert column(view, PeopleModel.COL_NAME)[:2] == ["马书记", "马主任"]
    dialog = view.add()
    dialog.name.setText("赵小红")
    dialog.role.setCurrentIndex(dialog.role.findData(Role.GATHERER))
    dialog.areas.item(1).setCheckState(Qt.CheckState.Checked)  # 二片
    dialog.pin.setText("5678")
    dialog.again.setText("5678")
    dialog.submit()
    settle(qtbot)
    added = people.find_person(ledger, "赵小红")
    assert added is not None and added.role is Role.GATHERER and added.areas == {"二片"}
    assert people.sign_in(ledger.acting_as(None), "赵小红", "5678").actor is not None
    row = column(view, PeopleModel.COL_NAME).index("赵小红")
    assert column(view, PeopleModel.COL_ROLE)[row] == "信息员"
    assert column(view, PeopleModel.COL_AREAS)[row] == "二片"
    assert column(view, PeopleModel.COL_PIN)[row] == "已设密码"
    again = view.add()  # the same name twice is refused, in the dialog
    again.name.setText("赵小红")
    again.submit()
    settle(qtbot)
    assert "已有人员“赵小红”" in again.problems.text() and again.isVisible()
    again.reject()


def test_a_role_a_pin_retiring_and_reinstating(qtbot, make_ctx, ledger) -> None:
    view = people_view(qtbot, make_ctx, ledger, lang="en")
    view.select("王建国")
    dialog = view.edit_selected()
    dialog.role.setCurrentIndex(dialog.role.findData(Role.COMMITTEE))
    dialog.submit()
    settle(qtbot)
    assert people.find_person(ledger, "王建国").role is Role.COMMITTEE
    view.select("马秀兰")
    reset = view.reset_pin()
    reset.pin.setText("2468")
    reset.again.setText("2469")
    reset.submit()
    assert reset.problems.text() == "the two PINs differ"
    reset.again.setText("2468")
    reset.submit()
    settle(qtbot)
    assert people.sign_in(ledger.acting_as(None), "马秀兰", "2468").actor is not None
    view.select("马秀兰")
    box = view.retire_selected()
    assert "records stay" in box.text()
    box.button(QMessageBox.StandardButton.Yes).click()
    settle(qtbot)
    row = column(view, PeopleModel.COL_NAME).index("马秀兰")
    assert column(view, PeopleModel.COL_STATE)[row] == "retired"
    assert people.find_person(ledger, "马秀兰").retired  # kept, not deleted
    view.select("马秀兰")
    assert view.buttons["retirePerson"].text() == "Reinstate"
    view.retire_selected().button(QMessageBox.StandardButton.Yes).click()
    settle(qtbot)
    assert not people.find_person(ledger, "马秀兰").retired
    view.select("马书记")  # the only secretary: refused, said in English
    view.retire_selected().button(QMessageBox.StandardButton.Yes).click()
    settle(qtbot)
    error = view.findChild(QMessageBox, "errorBox")
    assert error is not None and "马书记 is the only secretary" in error.text()
    error.close()


def test_an_old_village_names_its_secretary_then_confirms_the_names_it_recorded(
        qtbot, settings, tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    path.write_bytes(gzip.decompress(WITNESS.read_bytes()))
    ledger = open_ledger(str(path), clock=lambda: NOW)
    try:
        window = MainWindow(UiContext(ledger, "zh", ChangeBus()), settings, str(path))
        show_active(qtbot, window)
        form = window.sign_in_page.setup
        assert form.isVisible()
        form.name.setText("马书记")
        form.pin.setText("2468")
        form.again.setText("2468")
        form.submit()
        qtbot.waitUntil(lambda: window.ctx.user == "马书记")
        info = window.findChild(QMessageBox, "infoBox")
        assert "恢复码" in info.text() and "1 个姓名" in info.text()
        info.accept()
        dialog = window.people_dialog
        view = dialog.view
        assert column(view, PeopleModel.COL_NAME)[0] == "马秀兰"
        assert column(view, PeopleModel.COL_STATE)[0] == "待确认"
        assert column(view, PeopleModel.COL_ROLE)[0] == "信息员"  # as suggested
        assert column(view, PeopleModel.COL_AREAS)[0] == "一片、二片"
        assert "请确认 1 人：马秀兰" in view.note.text()
        view.select("马秀兰")
        confirm = view.edit_selected()
        confirm.pin.setText("1357")
        confirm.again.setText("1357")
        confirm.submit()
        settle(qtbot)
        assert column(view, PeopleModel.COL_STATE)[1] == "在用"
        assert "请确认" not in view.note.text()
        dialog.reject()
    finally:
        ledger.close()


def test_only_a_secretary_sees_the_people_screen(qtbot, make_ctx, ledger, settings) -> None:
    window = MainWindow(make_ctx(ledger, user="马主任"), settings, "t.db")
    show_active(qtbot, window)
    assert not window.people_action.isVisible()
    window.lock()
    window.sign_in_page.sign_in("马书记", "1234")
    qtbot.waitUntil(lambda: window.ctx.user == "马书记")
    assert window.people_action.isVisible()
    dialog = window.open_people()
    window.idle.timer.timeout.emit()  # idle: nothing is left open behind the sign-in screen
    assert not dialog.isVisible() and window.stack.currentWidget() is window.sign_in_page
