"""Screenshots of every screen for the README and for looking at the program without a display:

    QT_QPA_PLATFORM=offscreen python -m village_tally.ui.screenshots docs [--db demo.db]
    QT_QPA_PLATFORM=offscreen python -m village_tally.ui.screenshots village_tally/help --guide

Builds the demo village in a temporary folder unless --db is given, then grabs each view with
realistic content (a sheet being typed, a resident page, an import preview, a board preview)."""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget

from village_tally.core.month import Month
from village_tally.core.points import Points
from village_tally.services import deeds, hand_tally, notices, objections, roster
from village_tally.services.deeds import DeedFilter
from village_tally.services.demo import make_demo
from village_tally.ui.app import AppController, make_application
from village_tally.ui.jobs import pending, wait_for_workers
from village_tally.ui.main_window import MainWindow
from village_tally.ui.qt_words import install_qt_translations
from village_tally.ui.settings import Settings

SIZE = (1200, 760)  # the window as the program first opens it
# The screens the user guide (village_tally/help/guide.*.html) shows, regenerated with
#     QT_QPA_PLATFORM=offscreen python -m village_tally.ui.screenshots village_tally/help --guide
GUIDE = ("start", "entry", "ledger", "month", "board-preview", "import-preview")


def settle(app: QApplication, until: Callable[[], bool] = lambda: True,
           rounds: int = 400) -> None:
    for _ in range(rounds):
        app.processEvents()
        wait_for_workers(20)
        app.processEvents()
        if until() and not pending():
            return


def wait(app: QApplication, seconds: float) -> None:
    import time

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def commit(widget: QWidget, text: str) -> None:
    """Type text the way an input method delivers it (Chinese as well as Latin)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def key(app: QApplication, widget: QWidget, k: Qt.Key) -> None:
    from PySide6.QtTest import QTest

    QTest.keyClick(widget, k)
    settle(app)


def type_sheet(app: QApplication, window: MainWindow) -> None:
    """Half a field sheet: saved lines, a pending one, a namesake being chosen."""
    entry = window.entry
    entry.sheet_edit.setText("202611-01-90")
    entry._sheet_changed()
    entry.gatherer_box.setEditText("马秀兰")
    lines = (("wf", "L1", "2"), ("zcx", "C1", ""), ("mxj", "D1", "30"))
    for i, (name, rule, qty) in enumerate(lines):
        line = entry.lines[i]
        line.name.setFocus()
        commit(line.name, name)
        key(app, line.name, Qt.Key.Key_Return)
        commit(line.rule, rule)
        key(app, line.rule, Qt.Key.Key_Return)
        if qty:
            line.quantity.selectAll()
            commit(line.quantity, qty)
        key(app, line.quantity, Qt.Key.Key_Return)
    commit(entry.lines[3].name, "msj")
    settle(app)


def grab(app: QApplication, widget: QWidget, out: Path, name: str, settled: bool = True) -> None:
    if settled:
        settle(app)
    widget.grab().save(str(out / f"ui-{name}.png"))
    print(out / f"ui-{name}.png")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--db")
    parser.add_argument("--guide", action="store_true",
                        help="only the user guide's screenshots, as guide-NAME.png")
    parser.add_argument("--size", default=f"{SIZE[0]}x{SIZE[1]}",
                        help="window size WxH (the program opens at 1200x760)")
    parser.add_argument("--large", action="store_true", help="the larger-text setting on")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh")
    parser.add_argument("--notice", action="store_true",
                        help="only the Month screen on notice, with its objection queue")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    width, height = (int(n) for n in args.size.lower().split("x"))
    app = make_application()
    install_qt_translations(app, args.lang)  # Qt's own buttons as the program shows them
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "demo.db")
        if not args.db:
            make_demo(db)
        settings = Settings(QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat))
        controller = AppController(app, settings, args.lang, {"HOME": tmp})
        controller.set_large_text(args.large)
        shots = Path(tmp) / "shots" if args.guide else args.out
        shots.mkdir(exist_ok=True)
        if args.notice:
            shoot_notice(app, controller, db, shots, size=(width, height))
            return
        shoot(app, controller, db, shots, Path(tmp), size=(width, height))
        wait_for_workers(-1)
        if args.guide:
            for name in GUIDE:
                shutil.copyfile(shots / f"ui-{name}.png", args.out / f"guide-{name}.png")


def open_village(app: QApplication, controller: AppController, db: str, out: Path | None = None,
                 name: str = "", *, size: tuple[int, int] = SIZE) -> MainWindow:
    """Open a village as the program does; with `name`, grab the window while it opens."""
    window = controller.open_db(db)
    window.resize(*size)
    if name and out is not None:  # before any event is processed: still opening
        grab(app, window, out, name, settled=False)
    settle(app, lambda: window.is_loaded)
    assert window.is_loaded, "the village did not open"
    return window


def sign_in(app: QApplication, window: MainWindow, name: str) -> None:
    """Sign in on the sign-in screen as the demo's `name` (every demo person's PIN is 1234)."""
    window.sign_in_page.sign_in(name, "1234")
    settle(app, lambda: window.ctx.user == name)


def shoot(app: QApplication, controller: AppController, db: str, out: Path, tmp: Path, *,
          size: tuple[int, int] = SIZE) -> None:
    window = open_village(app, controller, db, out, "opening", size=size)
    settle(app)
    shoot_sign_in(app, window, out)
    sign_in(app, window, "马秀兰")
    type_sheet(app, window)
    grab(app, window, out, "entry")
    sign_in(app, window, "马书记")  # the committee's work and the secretary's screens
    shoot_people(app, window, out, size)
    for view, name in ((window.ledger_view, "ledger"), (window.month, "month"),
                       (window.roster, "roster"), (window.handbook, "handbook")):
        window.tabs.setCurrentWidget(view)
        settle(app)
        grab(app, window, out, name)
    window.tabs.setCurrentWidget(window.roster)
    areas = window.roster.edit_areas()
    areas.resize(520, 560)
    settle(app)
    grab(app, areas, out, "areas")
    areas.reject()
    person = next(r for r in roster.list_residents(window.ctx.ledger) if r.name == "马少军")
    window.open_resident(person.id)
    grab(app, window, out, "resident")
    window.tabs.setCurrentWidget(window.month)
    preview = window.month.printing.board()
    preview.resize(*size)
    settle(app, preview.save_button.isEnabled)
    wait(app, 2.0)  # QPdfView renders pages on its own thread
    grab(app, preview, out, "board-preview")
    preview.reject()
    shoot_import(app, window, out, tmp)
    if controller.lang == "zh":
        controller.set_lang("en")
        english = controller.window
        assert english is not None
        english.resize(*size)
        english.tabs.setCurrentWidget(english.month)
        settle(app)
        grab(app, english, out, "month-en")
        controller.set_lang("zh")
    shoot_ratings(app, controller, out, tmp, size)
    page = controller.show_start()
    page.resize(720, 600)
    grab(app, page, out, "start")


def shoot_notice(app: QApplication, controller: AppController, db: str, out: Path, *,
                 size: tuple[int, int] = SIZE) -> None:
    """This month published for notice, two villagers' objections (one answered), and a
    gatherer's hand total for an area that differs by one line: the Month screen."""
    window = open_village(app, controller, db, size=size)
    sign_in(app, window, "马主任")
    ledger = window.ctx.acting()
    month = Month.of(ledger.today())
    notices.publish_month(ledger, month, contact="马主任 13800000000", place="村委会办公室")
    found = deeds.list_deeds(ledger, DeedFilter(month=month, status="approved"), limit=40)
    theirs = [d for d in found if d.recorder != "马主任" and d.typist != "马主任"][:3]
    said = ("这次义务劳动我没参加，记错人了", "分数记少了，那天干了八个小时", "乱倒垃圾不是我家")
    made = [objections.object_to(ledger, d.id, raised_by=d.name, household=d.household,
                                 text=text) for d, text in zip(theirs, said, strict=False)]
    objections.answer(ledger, made[0].objection.id, upheld=True, reason="核实记错人，作废")
    area = theirs[0].area
    listed = deeds.list_deeds(ledger, DeedFilter(month=month, area=area, status="approved"))
    total = sum(d.points.hundredths for d in listed) - listed[0].points.hundredths
    sign_in(app, window, "马书记")
    hand_tally.enter_totals(window.ctx.acting(), month,
                            [hand_tally.HandTotal("area", area, Points(total))])
    window.tabs.setCurrentWidget(window.month)
    window.month.set_month(month)
    window.month.refresh()
    settle(app)
    grab(app, window, out, "notice")


def shoot_sign_in(app: QApplication, window: MainWindow, out: Path) -> None:
    """The window opens at the sign-in screen: initials typed, the PIN begun."""
    page = window.sign_in_page
    commit(page.search, "mzr")
    settle(app)  # the initials are made on a worker (name_search.py)
    page.pin.setFocus()
    page.pin.insert("12")
    grab(app, window, out, "signin")


def shoot_people(app: QApplication, window: MainWindow, out: Path,
                 size: tuple[int, int]) -> None:
    """The secretary's People screen and the audit log."""
    people = window.open_people()
    people.resize(900, 520)
    settle(app)
    grab(app, people, out, "people")
    people.reject()
    audit = window.open_audit()
    audit.resize(*size)
    settle(app)
    grab(app, audit, out, "audit")
    audit.reject()


def shoot_import(app: QApplication, window: MainWindow, out: Path, tmp: Path) -> None:
    sheet = tmp / "积分记录.csv"
    sheet.write_text("日期,姓名,户号,编码,数量,单号,行号,记录人\n"
                     "2026-11-02,马少军,0001,L1,2,X-1,1,马秀兰\n"
                     "2026-11-02,赵无名,,L1,1,X-1,2,马秀兰\n"
                     "2026-11-03,曾重行,0002,C9,1,X-1,3,马秀兰\n", encoding="utf-8-sig")
    dialog = window.exchange.import_file(sheet)
    settle(app, lambda: dialog.preview is not None)
    grab(app, dialog, out, "import-preview")
    dialog.reject()


def shoot_ratings(app: QApplication, controller: AppController, out: Path, tmp: Path,
                  size: tuple[int, int]) -> None:
    """Door signs belong to Yangqiao's scheme: its demo village, a cell typed, not saved."""
    ratings_db = str(tmp / "yangqiao.db")
    make_demo(ratings_db, preset="yangqiao", residents=300)
    window = open_village(app, controller, ratings_db, size=size)
    sign_in(app, window, "马主任")
    ratings = window.ratings
    assert ratings is not None  # Yangqiao rates its households
    window.tabs.setCurrentWidget(ratings)
    ratings.quarter_box.setCurrentIndex(1)
    settle(app)
    ratings.model.setData(ratings.model.index(1, 3), "5")
    ratings.table.resizeColumnsToContents()
    grab(app, window, out, "ratings")
    ratings.discard()  # the next screen replaces the window: nothing left to ask about


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    main()
