"""The village-hall screen as a villager meets it in Yangqiao: she types her door number and
name, reads her statement and the board, reports her neighbour's good deed; the committee
approves it from the program; nobody leaves the screen without a committee member's PIN.
Grabs of the screen in Chinese and English are kept for the README (docs/kiosk-*.png)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication

from tests.conftest import PIN, as_
from tests.ui.conftest import settle
from village_tally.core.deed import Status
from village_tally.core.kiosk import KIOSK
from village_tally.services import deeds, roster
from village_tally.ui.fonts import register_cjk_font
from village_tally.ui.kiosk_exit import KioskExitDialog
from village_tally.ui.kiosk_view import KioskWindow

HOUSES = [("王大明", "0012", "杨桥村12号", True), ("李秀英", "0012", "杨桥村12号", False),
          ("张伟", "0013", "杨桥村13号", True)]
DOCS = Path(__file__).parents[2] / "docs"


@pytest.fixture
def screen(make_ledger, make_ctx, qtbot) -> KioskWindow:
    ledger = make_ledger("yangqiao")
    secretary = as_(ledger, "马书记")
    for name, household, door, head in HOUSES:
        roster.add_resident(secretary, roster.NewResident(
            name=name, household=household, area="东片", head=head, door_plate=door))
    window = KioskWindow(make_ctx(ledger, user="马主任"))
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.home()
    return window


def test_a_villager_finds_her_household_and_reports_her_neighbours_good_deed(
        screen: KioskWindow, qtbot, keyboard) -> None:
    keyboard.type("12")
    keyboard.enter()  # to the name
    keyboard.type("李秀英")
    keyboard.enter()
    assert screen.pages.currentIndex() == 2
    assert screen.who.text() == "李秀英（0012 户）的积分明细"
    qtbot.mouseClick(screen.findChild(type(screen.leave), "kioskReport"),
                     Qt.MouseButton.LeftButton)
    screen.whose.setCurrentIndex(1)
    screen.neighbour_door.setText("13")
    screen.neighbour_name.setText("张伟")
    screen.rule.setCurrentIndex(screen.rule.findData("Y2"))
    screen.note.setText("陪父亲去镇医院")
    screen.send()
    settle(qtbot)
    assert "已提交" in screen.summary.text()
    [report] = deeds.list_deeds(screen.ctx.ledger)
    assert (report.name, report.recorder, report.source.sheet, report.status) == (
        "张伟", "李秀英", KIOSK, Status.PENDING)
    # the committee approves it from the program, as any deed
    deeds.approve_deed(screen.ctx.acting(), report.id)
    screen.home()
    assert screen.door.text() == "" and screen.statement.rowCount() == 0  # nothing stays
    screen.show_board()
    assert screen.board_table.item(0, 0).text() == "张伟"  # 6 points: six stars, a flag
    assert screen.board_table.item(0, 2).text() == "⚑"


def test_only_a_committee_pin_closes_the_screen(screen: KioskWindow, qtbot) -> None:
    screen.close()  # Alt+F4, the window's close button: refused
    assert screen.isVisible()
    qtbot.keyClick(screen, Qt.Key.Key_Escape)
    assert screen.isVisible()
    dialog = screen.ask_exit()
    assert [dialog.who.itemText(i) for i in range(dialog.who.count())] == ["马书记", "马主任"]
    dialog.pin.setText("0000")
    dialog.check()
    settle(qtbot)
    assert screen.isVisible() and "密码不对" in dialog.problems.text()
    dialog.who.setCurrentIndex(1)
    dialog.pin.setText(PIN)
    dialog.check()
    settle(qtbot)
    assert not screen.isVisible()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_screen_as_a_person_sees_it(make_ledger, make_ctx, qtbot, qapp, lang: str) -> None:
    """The statement page after a report, grabbed (the README shows the Chinese one), in the
    program's own CJK font as the program registers it at start."""
    register_cjk_font(qapp)
    ledger = make_ledger("yangqiao")
    secretary = as_(ledger, "马书记")
    for name, household, door, head in HOUSES:
        roster.add_resident(secretary, roster.NewResident(
            name=name, household=household, area="东片", head=head, door_plate=door))
    window = KioskWindow(make_ctx(ledger, lang=lang, user="马主任"))
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.home()
    window.door.setText("12")
    window.name.setText("李秀英")
    window.find_household()
    window.show_report()
    window.rule.setCurrentIndex(window.rule.findData("Y2"))
    window.note.setText("陪婆婆去镇医院" if lang == "zh" else "took her mother-in-law to hospital")
    window.send()
    settle(qtbot)
    assert window.pages.currentIndex() == 2 and window.statement.rowCount() == 1
    image = window.grab()
    assert image.width() >= 1280
    out = Path(os.environ.get("VILLAGE_TALLY_GRABS", "")) if os.environ.get(
        "VILLAGE_TALLY_GRABS") else None
    if out is not None:
        image.save(str(out / f"kiosk-{lang}.png"))


def test_file_menu_opens_the_screen_for_a_committee_member_and_asks_anyone_else(
        make_ledger, make_ctx, settings, qtbot) -> None:
    from village_tally.ui.main_window import MainWindow

    ledger = make_ledger("yangqiao")
    window = MainWindow(make_ctx(ledger, user="马秀兰"), settings, "test.db")  # a gatherer
    qtbot.addWidget(window)
    window.show()
    action = window.findChild(QAction, "openKiosk")
    assert action is not None and action.text() == "自助屏模式…"
    action.trigger()
    dialog = window.kiosk
    assert isinstance(dialog, KioskExitDialog) and window.isVisible()  # a committee PIN first
    dialog.who.setCurrentIndex(dialog.who.findData("马主任"))
    dialog.pin.setText(PIN)
    dialog.check()
    settle(qtbot)
    screens = [w for w in QApplication.topLevelWidgets()
               if isinstance(w, KioskWindow) and w.isVisible()]
    assert len(screens) == 1 and screens[0].isFullScreen() and not window.isVisible()
    assert screens[0].ctx.user == "马主任"  # reports wait on her authority
    screens[0].sign_off()
    assert window.isVisible()


def _printers_offered(dialog) -> list[str]:
    """The printers Qt's own print dialog offers (its printer list)."""
    from PySide6.QtWidgets import QComboBox

    shown = dialog.findChild(QComboBox, "printers")
    assert shown is not None
    return [shown.itemText(i) for i in range(shown.count())]


def test_the_screen_prints_on_a_printer_or_not_at_all_never_to_a_file(
        screen: KioskWindow, qtbot, keyboard, tmp_path) -> None:
    """A passer-by must not make the screen write files where they choose: the statement's
    preview has no save button, its print dialog no "print to file", and a printer set to
    write a file prints nothing (the window's own preview keeps both, for the committee)."""
    from PySide6.QtPrintSupport import QPrinter

    from village_tally.ui.printing_actions import PrintActions

    keyboard.type("12")
    keyboard.enter()
    keyboard.type("李秀英")
    keyboard.enter()
    preview = screen.print_statement()
    assert preview is not None
    qtbot.waitUntil(preview.print_button.isEnabled, timeout=20000)
    assert preview.save_button.isHidden()
    office = PrintActions(screen.ctx, screen).statement("李秀英", "0012")
    qtbot.waitUntil(office.print_button.isEnabled, timeout=20000)
    for which, to_file in ((office, True), (preview, False)):
        printer = QPrinter()  # kept: the dialog does not own it
        asked = which.print_dialog(printer)
        asked.show()
        assert any("PDF" in text for text in _printers_offered(asked)) is to_file
        asked.reject()
    office.reject()
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "chosen.pdf"))
    assert preview.print_to(printer) == 0
    assert not (tmp_path / "chosen.pdf").exists()
    assert preview.info.text() == "这里只能用打印机打印，不能存成文件；请找村委会"
    preview.reject()
