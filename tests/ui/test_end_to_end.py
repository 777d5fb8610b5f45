"""A whole 20-line paper field sheet transcribed by keyboard in the main window, then the month
closed and the board printed to PDF through the UI. The keystrokes are counted: the program must
be quicker than the calculator and the paper it replaces."""

from __future__ import annotations

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from tests.conftest import add_roster
from tests.ui.conftest import settle, show_active
from village_tally.core.deed import Status
from village_tally.core.month import Month
from village_tally.services import audit, deeds, months
from village_tally.services.deeds import DeedFilter
from village_tally.ui.context import ChangeBus, UiContext
from village_tally.ui.form_layout import field_sheet_lines
from village_tally.ui.main_window import MainWindow

MORE = """
张志华 0005 三片 户主
李春梅 0006 三片 户主
单田芳 0007 三片 户主
刘桂英 0008 四片 户主
"""
DOWN = "↓"
ASKED = "?"
# The paper sheet 2026-10-03-07, as the gatherer 马秀兰 wrote it: (name as typed, rule, qty).
# "↓" picks the second of two namesakes; "?" is Enter straight on a namesake, which asks
# which one (a second Enter takes the first); Chinese is typed through the input method.
SHEET = [
    ("wf", "L1", "2"),        # 1  王芳, by initials: 8 hours of public labour
    ("曾重行", "C1", ""),      # 2  by Chinese characters
    ("msj↓", "C1", ""),       # 3  马少军 of household 0003, not 0001
    ("msj↓", "C1", ""),       # 4
    ("msj↓", "C1", ""),       # 5
    ("msj↓", "C1", ""),       # 6  the fourth visit: the monthly cap
    ("msj↓", "C1", ""),       # 7  a fifth: over the cap, entered with a reason
    ("赵无名", "", ""),        # 8  nobody of that name: refused, line left empty
    ("wf", "D1", "30"),       # 9  a 3,000-yuan TV: +30, waits for approval
    ("msj?", "L1", ""),       # 10 马少军 of household 0001 (asked; the first choice)
    ("ml", "N1", ""),         # 11 马丽 littering
    ("zzh", "L1", "3"),       # 12
    ("lcm", "C1", ""),        # 13
    ("stf", "L1", ""),        # 14 单田芳: 单 read Shàn, not the default Dān
    ("lgy", "L1", "2"),       # 15
    ("zcx", "N1", ""),        # 16 曾重行 again, by initials
    ("wf", "C1", ""),         # 17
    ("ml", "L1", ""),         # 18
    ("zzh", "D1", "5"),       # 19
    ("lcm", "L1", ""),        # 20
]
SPECIAL = {2, 7, 8}  # Chinese characters, the cap override, the refused name
REPEATS = {4, 5, 6, 7}  # the same visit as line 3: warned, and confirmed with Enter


def type_name(keyboard, text, line):
    keyboard.type(text.replace(DOWN, "").replace(ASKED, ""))
    if text.endswith(DOWN):
        keyboard.press(Qt.Key.Key_Down)
    keyboard.enter()
    if text.endswith(ASKED):
        assert "0001 一片" in line.status.text() and "0003 二片" in line.status.text()
        keyboard.enter()


def open_sheet(entry, keyboard):
    """The sheet's header: number, gatherer, date."""
    entry.sheet_edit.setFocus()
    keyboard.type("2026-10-03-07")
    keyboard.enter()
    if entry.gatherer_box.isEnabled():  # a gatherer signed in types only her own sheets
        entry.gatherer_box.lineEdit().selectAll()
        keyboard.type("马秀兰")
        keyboard.enter()
    entry.date_edit.selectAll()
    keyboard.type("2026-10-20")
    keyboard.enter()


def refuse_unknown(keyboard, line, name):
    keyboard.type(name)
    assert f"没有叫“{name}”的村民" in line.status.text()
    keyboard.enter()
    assert QApplication.focusWidget() is line.name  # refused: nothing moves on
    keyboard.press(Qt.Key.Key_Escape)
    keyboard.press(Qt.Key.Key_PageDown)


def transcribe(qtbot, entry, keyboard):
    """Every line of SHEET by keyboard; returns the keystrokes each line took. The gatherer
    looks at the line after typing it (the save runs on the writer thread meanwhile)."""
    per_line = {}
    for number, (name, rule, qty) in enumerate(SHEET, start=1):
        line = entry.lines[number - 1]
        assert QApplication.focusWidget() is line.name, f"line {number}"
        before = keyboard.count
        if number == 8:
            refuse_unknown(keyboard, line, name)
            per_line[number] = keyboard.count - before
            continue
        type_name(keyboard, name, line)
        keyboard.type(rule)
        keyboard.enter()
        if qty:
            keyboard.type(qty)
        keyboard.enter()
        if number == 7:
            assert "上限" in line.status.text()
            assert QApplication.focusWidget() is line.reason
            keyboard.type("五保户病重")
            keyboard.enter()
        if number in REPEATS:
            assert "与第 3 行相同" in line.status.text(), line.status.text()
            keyboard.enter()
        settle(qtbot)
        assert entry.sheet.line(number).saved, f"line {number}: {line.status.text()}"
        per_line[number] = keyboard.count - before
    return per_line


def check_ledger(ledger):
    """19 deeds from this sheet, each naming its line (invariant 6)."""
    entered = deeds.list_deeds(ledger, newest_first=False)
    assert [d.source.line for d in entered] == [n for n in range(1, 21) if n != 8]
    assert {d.source.sheet for d in entered} == {"2026-10-03-07"}
    by_line = {d.source.line: d for d in entered}
    assert (by_line[1].name, str(by_line[1].points)) == ("王芳", "2")
    assert by_line[2].name == "曾重行"
    assert {by_line[n].household for n in range(3, 8)} == {"0003"}
    assert by_line[10].household == "0001"
    assert by_line[7].override_reason == "五保户病重"
    assert by_line[9].status == Status.PENDING and str(by_line[9].points) == "30"
    assert by_line[14].name == "单田芳"
    assert all(d.recorder == "马秀兰" and d.date.isoformat() == "2026-10-20" for d in entered)
    return by_line


def sign_in(qtbot, window, name):
    """Switch person, type the name's initials and the PIN on the sign-in screen, as a person
    does."""
    if window.ctx.person is not None:
        window.switch_action.trigger()
    page = window.sign_in_page
    assert window.stack.currentWidget() is page
    qtbot.keyClicks(page.search, initials(name))
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.pin)  # initials made off-thread
    qtbot.keyClicks(page.pin, "1234")
    qtbot.keyClick(page.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.ctx.user == name, timeout=10000)
    settle(qtbot)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def initials(name):
    return {"马秀兰": "mxl", "马书记": "msj"}[name]


def approve_and_close(qtbot, window, ledger, pending_ids):
    """The committee approves the TV and the visit over the cap, and closes October."""
    window.tabs.setCurrentWidget(window.month)
    sign_in(qtbot, window, "马书记")
    month = window.month
    month.set_month("2026-10")
    settle(qtbot)
    assert month.pending.model.rowCount() == len(pending_ids)
    month.pending.table.setFocus()
    qtbot.keyClick(month.pending.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.mouseClick(month.pending.approve_button, Qt.MouseButton.LeftButton)
    month.pending.box.button(QMessageBox.StandardButton.Yes).click()  # one confirmation
    settle(qtbot)
    month.pending.box.close()  # "approved 2"
    assert {deeds.get_deed(ledger, i).approved_by for i in pending_ids} == {"马书记"}
    qtbot.mouseClick(month.close_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(month.month_closed, timeout=10000):
        month.close_box.button(QMessageBox.StandardButton.Yes).click()
    info = month.findChild(QMessageBox, "infoBox")
    assert "已结账" in info.text()
    info.close()
    return month


def print_board(qtbot, month, out):
    qtbot.mouseClick(month.findChild(QPushButton, "printBoard"), Qt.MouseButton.LeftButton)
    preview = month.printing.preview
    qtbot.waitUntil(preview.save_button.isEnabled, timeout=20000)
    preview.save_to(out)
    preview.reject()
    return "".join(page.extract_text() for page in PdfReader(out).pages)


def test_transcribe_a_field_sheet_close_the_month_and_print_the_board(
        qtbot, ledger, settings, keyboard, tmp_path):
    add_roster(ledger, MORE)
    ctx = UiContext(ledger.acting_as(None), "zh", ChangeBus())  # the window opens read-only
    window = MainWindow(ctx, settings, "test.db")
    show_active(qtbot, window)
    sign_in(qtbot, window, "马秀兰")
    entry = window.entry
    assert len(entry.lines) == field_sheet_lines() == 20
    open_sheet(entry, keyboard)

    per_line = transcribe(qtbot, entry, keyboard)
    ordinary = {n: c for n, c in per_line.items() if n not in SPECIAL}
    assert max(ordinary.values()) <= 12, ordinary
    # 19 deeds, about 9 keys a line (a namesake asked for and four repeats confirmed: 5)
    assert sum(per_line.values()) == 175, str(per_line)
    by_line = check_ledger(ledger)
    assert "19" in entry.summary.text()

    # the TV, and the fifth visit over the cap: an override counts only once approved
    approve_and_close(qtbot, window, ledger, [by_line[7].id, by_line[9].id])
    tally = {(r.name, r.household): r for r in months.tally(ledger, Month.parse("2026-10")).rows}
    assert str(tally[("王芳", "0004")].total_points) == "34"      # 2 + 30 + 2
    assert str(tally[("马少军", "0003")].total_points) == "10"    # five visits
    assert (tally[("王芳", "0004")].flags, tally[("王芳", "0004")].stars) == (5, 4)
    assert months.month_info(ledger, Month.parse("2026-10")).closed
    assert audit.verify(ledger).ok
    assert not deeds.list_deeds(ledger, DeedFilter(status="pending"))

    text = print_board(qtbot, window.month, tmp_path / "board-2026-10.pdf")
    for name in ("王芳", "马少军", "曾重行", "单田芳"):
        assert name in text
    assert "2026" in text
