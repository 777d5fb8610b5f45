"""The entry screen, driven by the keyboard the way a gatherer transcribes a paper sheet."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.conftest import as_, enter
from tests.ui.conftest import settle, show_active
from village_tally.core.deed import Status
from village_tally.services import deeds, rules
from village_tally.services.changes import Changes
from village_tally.ui.entry_view import EntryView


def open_sheet(qtbot, ctx, keyboard, *, sheet="S-01", gatherer="马秀兰", date="2026-11-03"):
    view = EntryView(ctx, lines=5)
    show_active(qtbot, view)
    view.sheet_edit.setFocus()
    keyboard.type(sheet)
    keyboard.enter()
    if view.gatherer_box.isEnabled():  # a gatherer signed in types only her own sheets
        view.gatherer_box.lineEdit().selectAll()
        keyboard.type(gatherer)
        keyboard.enter()
    view.date_edit.selectAll()
    keyboard.type(date)
    keyboard.enter()
    return view


def test_a_line_by_initials_saves_the_deed_with_its_sheet_and_line(qtbot, ctx, keyboard):
    view = open_sheet(qtbot, ctx, keyboard)
    assert QApplication.focusWidget() is view.lines[0].name
    keyboard.count = 0
    keyboard.type("wf")
    assert view.candidates.count() == 1
    keyboard.enter()
    assert view.lines[0].household.text() == "0004 二片"
    keyboard.type("L1")
    keyboard.enter()
    keyboard.type("2")
    assert view.lines[0].points.text() == "+2"
    keyboard.enter()
    settle(qtbot)
    assert keyboard.count == 8
    (deed,) = deeds.list_deeds(ctx.ledger)
    assert (deed.name, deed.household, str(deed.points)) == ("王芳", "0004", "2")
    assert (deed.source.sheet, deed.source.line, deed.recorder) == ("S-01", 1, "马秀兰")
    assert deed.date.isoformat() == "2026-11-03"
    assert "#" in view.lines[0].status.text()
    assert QApplication.focusWidget() is view.lines[1].name


def test_unknown_name_is_refused_on_the_line(qtbot, ctx, keyboard):
    view = open_sheet(qtbot, ctx, keyboard)
    keyboard.type("赵无名")
    assert "赵无名" in view.lines[0].status.text()
    keyboard.enter()
    assert QApplication.focusWidget() is view.lines[0].name
    assert deeds.count_deeds(ctx.ledger) == 0


def test_namesake_is_picked_by_household(qtbot, ctx, keyboard):
    view = open_sheet(qtbot, ctx, keyboard)
    keyboard.type("马少军")
    shown = [view.candidates.item(i).text() for i in range(view.candidates.count())]
    assert any("0001" in s for s in shown) and any("0003" in s for s in shown)
    keyboard.press(Qt.Key.Key_Down)
    keyboard.enter()
    keyboard.type("C1")
    keyboard.enter(2)
    settle(qtbot)
    (deed,) = deeds.list_deeds(ctx.ledger)
    assert deed.household == "0003"


def type_a_line_past_the_cap(qtbot, ctx, keyboard) -> EntryView:
    """王芳 under C1 on a new sheet: refused for the cap, Enter goes to the line's reason."""
    view = open_sheet(qtbot, ctx, keyboard)
    keyboard.type("wf")
    keyboard.enter()
    keyboard.type("C1")
    keyboard.enter()
    assert "上限" in view.lines[0].status.text()
    keyboard.enter()
    assert QApplication.focusWidget() is view.lines[0].reason
    return view


def test_cap_reached_asks_for_a_reason(qtbot, ctx, keyboard):
    for line in range(1, 5):
        enter(ctx.ledger, "王芳", rule="C1", sheet="OLD", line=line)
    type_a_line_past_the_cap(qtbot, ctx, keyboard)
    keyboard.enter()  # an empty reason is not enough
    assert deeds.count_deeds(ctx.ledger) == 4
    keyboard.type("五保户，村委同意")
    keyboard.enter()
    settle(qtbot)
    newest = deeds.list_deeds(ctx.ledger, limit=1)[0]
    assert newest.override_reason == "五保户，村委同意"


def test_a_cap_counted_by_the_year_asks_for_a_reason_too(qtbot, ctx, keyboard):
    rules.update_rule(as_(ctx.ledger, "马书记"),
                      replace(ctx.ledger.rule("C1"), monthly_cap=Decimal(1), cap_period="year"))
    ctx.ledger.reload()  # as the handbook's change does for the window's own ledger
    enter(ctx.ledger, "王芳", rule="C1", sheet="OLD", line=1, date="2026-02-03")
    type_a_line_past_the_cap(qtbot, ctx, keyboard)
    keyboard.type("年内第二次，村委同意")
    keyboard.enter()
    settle(qtbot)
    newest = deeds.list_deeds(ctx.ledger, limit=1)[0]
    assert newest.override_reason == "年内第二次，村委同意"


def test_pending_deed_and_duplicate_line_show_on_the_line(qtbot, ctx, keyboard):
    view = open_sheet(qtbot, ctx, keyboard)
    # Meanwhile line 2 of the same sheet comes in from elsewhere (another laptop, an import).
    enter(as_(ctx.ledger, "王建国"), "王芳", rule="L1", sheet="S-01", line=2)
    keyboard.type("wf")
    keyboard.enter()
    keyboard.type("N2")
    keyboard.enter()
    assert "审批" in view.lines[0].status.text()
    keyboard.enter()
    settle(qtbot)
    assert deeds.list_deeds(ctx.ledger, limit=1)[0].status == Status.PENDING
    assert "待审批" in view.lines[0].status.text()
    keyboard.type("wf")
    keyboard.enter()
    assert "已经录入" in view.lines[1].status.text()


def test_ctrl_z_undoes_the_last_line(qtbot, ctx, keyboard):
    view = open_sheet(qtbot, ctx, keyboard)
    keyboard.type("wf")
    keyboard.enter()
    keyboard.type("L1")
    keyboard.enter(2)
    settle(qtbot)
    (deed,) = deeds.list_deeds(ctx.ledger)
    keyboard.press(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot)
    assert deeds.get_deed(ctx.ledger, deed.id).status == Status.VOID
    assert QApplication.focusWidget() is view.lines[0].name
    assert not view.sheet.line(1).saved
    keyboard.enter(2)  # the line keeps its text: correct the quantity and save again
    keyboard.type("2")
    keyboard.enter()
    settle(qtbot)
    (live,) = deeds.list_deeds(ctx.ledger, deeds.DeedFilter(status="approved"))
    assert (str(live.points), live.source.line) == ("2", 1)


def test_a_sheet_entered_before_shows_its_lines_and_goes_on_after_them(qtbot, ctx, keyboard):
    enter(ctx.ledger, "王芳", rule="L1", quantity="2", sheet="S-01", line=1)
    enter(ctx.ledger, "马丽", rule="N1", sheet="S-01", line=2)
    view = open_sheet(qtbot, ctx, keyboard)
    first, second = view.lines[0], view.lines[1]
    assert (first.name.text(), first.rule.text(), first.points.text()) == ("王芳", "L1", "+2")
    assert view.sheet.line(1).saved and view.sheet.line(2).saved and first.name.isReadOnly()
    assert "已录入" in second.status.text()
    assert QApplication.focusWidget() is view.lines[2].name
    assert "2" in view.summary.text()


def test_rule_by_words_and_larger_text(qtbot, ctx, keyboard):
    view = open_sheet(qtbot, ctx, keyboard)
    keyboard.type("wf")
    keyboard.enter()
    keyboard.type("劳动")
    assert view.candidates.item(0).text().startswith("L1")
    keyboard.enter()
    assert view.lines[0].rule.text() == "L1"
    width = view.lines[0].date.width()
    font = view.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)
    view.setFont(font)
    assert view.lines[0].date.width() > width


def test_words_that_match_no_rule_make_a_free_points_line_that_waits_for_approval(
        qtbot, ctx, keyboard):
    view = open_sheet(qtbot, ctx, keyboard)
    line = view.lines[0]
    keyboard.count = 0
    keyboard.type("wf")
    keyboard.enter()
    keyboard.type("帮五保户修屋顶")
    assert view.candidates.count() == 0
    assert "回车" in line.status.text()  # no rule matches: Enter gives the points by hand
    keyboard.enter()
    assert line.free_points is not None and QApplication.focusWidget() is line.free_points
    assert line.points.isHidden() and not line.free_points.isHidden()
    assert "审批" in line.status.text()
    keyboard.type("abc")
    keyboard.enter()  # not a number: refused on the line, nothing written
    assert deeds.count_deeds(ctx.ledger) == 0 and QApplication.focusWidget() is line.free_points
    line.free_points.selectAll()
    keyboard.type("5.5")
    keyboard.enter()
    settle(qtbot)
    (deed,) = deeds.list_deeds(ctx.ledger)
    assert (deed.name, deed.title, str(deed.points)) == ("王芳", "帮五保户修屋顶", "5.5")
    assert deed.status == Status.PENDING and deed.rule_code is None
    assert (deed.source.sheet, deed.source.line, deed.recorder) == ("S-01", 1, "马秀兰")
    assert "待审批" in line.status.text() and "+5.5" in line.status.text()
    assert line.free_points.isReadOnly()
    assert QApplication.focusWidget() is view.lines[1].name
    assert "+5.5" in view.summary.text()
    # wf ⏎, seven characters ⏎, then abc ⏎ and 5.5 ⏎
    assert keyboard.count == 2 + 1 + 7 + 1 + 3 + 1 + 3 + 1
    # Ctrl+Z voids it and reopens the line, still free points, for a correction.
    keyboard.press(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot)
    assert deeds.list_deeds(ctx.ledger)[0].status == Status.VOID
    assert view.sheet.line(1).free_text == "帮五保户修屋顶"
    assert not line.free_points.isReadOnly()
    line.free_points.setFocus()
    line.free_points.selectAll()
    keyboard.type("4")
    keyboard.enter()
    settle(qtbot)
    live = [d for d in deeds.list_deeds(ctx.ledger) if d.status != Status.VOID]
    assert [(d.title, str(d.points), d.status) for d in live] == [
        ("帮五保户修屋顶", "4", Status.PENDING)]


def test_a_mistyped_code_is_an_unknown_rule_not_free_words(qtbot, ctx, keyboard):
    view = open_sheet(qtbot, ctx, keyboard)
    line = view.lines[0]
    keyboard.type("wf")
    keyboard.enter()
    keyboard.type("L9")
    keyboard.enter()
    assert "L9" in line.status.text() and view.sheet.line(1).free_text is None
    assert QApplication.focusWidget() is line.rule
    # Back to a rule after starting free words: the line is a rule's line again.
    line.rule.selectAll()
    keyboard.type("修路")
    keyboard.enter()
    assert view.sheet.line(1).free_text == "修路"
    line.rule.setFocus()
    line.rule.selectAll()
    keyboard.type("L1")
    assert view.sheet.line(1).free_text is None and line.free_points.isHidden()
    keyboard.enter()
    keyboard.type("2")
    keyboard.enter()
    settle(qtbot)
    (deed,) = deeds.list_deeds(ctx.ledger)
    assert (deed.rule_code, str(deed.points), deed.status) == ("L1", "2", Status.APPROVED)


def test_a_deduction_in_free_points(qtbot, ctx, keyboard):
    view = open_sheet(qtbot, ctx, keyboard)
    keyboard.type("wf")
    keyboard.enter()
    keyboard.type("letting chickens out")
    keyboard.enter()
    keyboard.type("-10")
    keyboard.enter()
    settle(qtbot)
    (deed,) = deeds.list_deeds(ctx.ledger)
    assert (deed.title, str(deed.points), deed.status) == ("letting chickens out", "-10",
                                                            Status.PENDING)
    assert "-10" in view.lines[0].status.text()


def test_a_line_refused_by_the_writer_reopens_with_the_reason_on_it(qtbot, ctx, keyboard):
    """The line was fine when checked, but another laptop saved the same line before the
    writer thread got to it: nothing is lost, the line says why and takes the keyboard."""
    from threading import Event

    from village_tally.ui.operation import write

    view = open_sheet(qtbot, ctx, keyboard)
    line = view.lines[0]
    go = Event()

    def elsewhere(ledger):
        go.wait(10)
        return enter(as_(ledger, "王建国"), "王芳", rule="L1", sheet="S-01",
                     line=1), Changes(deeds=True)

    write(ctx, view, elsewhere)  # first in the writer's queue, held until `go`
    keyboard.type("wf")
    keyboard.enter()
    keyboard.type("L1")
    keyboard.enter(2)
    assert QApplication.focusWidget() is view.lines[1].name and line.name.isReadOnly()
    go.set()
    settle(qtbot)
    assert "已经录入" in line.status.text() and not view.sheet.line(1).saved
    assert not line.name.isReadOnly() and line.rule.text() == "L1"
    assert QApplication.focusWidget() is line.name
    assert [d.recorder for d in deeds.list_deeds(ctx.ledger)] == ["王建国"]


def test_enter_on_a_namesake_asks_which_then_takes_the_one_picked(qtbot, ctx, keyboard):
    """msj, Enter: the line asks which 马少军 (households and areas shown) instead of taking
    the first; ↓ and Enter take the second."""
    view = open_sheet(qtbot, ctx, keyboard)
    keyboard.type("msj")
    keyboard.enter()
    status = view.lines[0].status.text()
    assert "0001 一片" in status and "0003 二片" in status
    assert QApplication.focusWidget() is view.lines[0].name and view.candidates.count() == 2
    keyboard.press(Qt.Key.Key_Down)
    keyboard.enter()
    assert view.lines[0].household.text() == "0003 二片"
    keyboard.type("C1")
    keyboard.enter(2)
    settle(qtbot)
    (deed,) = deeds.list_deeds(ctx.ledger)
    assert (deed.name, deed.household) == ("马少军", "0003")


def test_a_line_typed_twice_is_warned_and_saved_only_when_confirmed(qtbot, ctx, keyboard):
    view = open_sheet(qtbot, ctx, keyboard)
    for _ in range(2):
        keyboard.type("wf")
        keyboard.enter()
        keyboard.type("L1")
        keyboard.enter(2)
        settle(qtbot)
    assert "第 1 行" in view.lines[1].status.text()  # the same as line 1
    assert QApplication.focusWidget() is view.lines[1].quantity
    assert deeds.count_deeds(ctx.ledger) == 1
    keyboard.enter()  # it really happened twice
    settle(qtbot)
    assert [d.source.line for d in deeds.list_deeds(ctx.ledger, newest_first=False)] == [1, 2]


def test_a_resident_added_while_the_sheet_is_open_is_found_by_the_next_keys(qtbot, ctx,
                                                                           keyboard):
    from village_tally.services import roster

    view = open_sheet(qtbot, ctx, keyboard)
    settle(qtbot)  # the roster for typing names is in
    _person, changes = roster.add_resident(as_(ctx.ledger, "马书记"), roster.NewResident(
        name="欧阳新来", household="0009", area="一片"))
    ctx.bus.publish(changes)
    keyboard.type("oyxl")
    assert [view.candidates.item(i).text().split()[0]
            for i in range(view.candidates.count())] == ["欧阳新来"]
    settle(qtbot)
    view.lines[0].name.clear()
    keyboard.type("oyx")
    assert view.candidates.count() == 1
