"""Starting the program: the demo village on a first run, the last village remembered, a plain
message for a file that is not a village; language, larger text and layout remembered."""

from __future__ import annotations

import gc
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import settle
from village_tally.services.errors import Cancelled
from village_tally.services.jobs import JobControl
from village_tally.ui.app import AppController, demo_path, system_lang
from village_tally.ui.fonts import register_cjk_font
from village_tally.ui.jobs import Job
from village_tally.ui.main_window import MainWindow
from village_tally.ui.start_page import StartPage


@pytest.fixture(autouse=True)
def no_window_left_open(qapp):
    """A test that fails half-way leaves no window behind: run_app's test below would wait
    for it to close for ever."""
    yield
    for widget in QApplication.topLevelWidgets():
        if widget.isVisible():
            widget.close()


@pytest.fixture
def environ(tmp_path: Path) -> dict[str, str]:
    return {"HOME": str(tmp_path / "home"), "XDG_DATA_HOME": str(tmp_path / "data")}


def close_all(controller: AppController) -> None:
    for w in (controller.window, controller.start_page):
        if w is not None:
            w.close()


def test_first_run_builds_and_opens_the_demo_village(qtbot, qapp, settings, environ):
    controller = AppController(qapp, settings, "zh", environ)
    page = controller.start(None)
    assert isinstance(page, StartPage)
    assert "示范村" in page.message.text()
    qtbot.waitUntil(lambda: controller.window is not None and controller.window.is_loaded,
                    timeout=60000)
    window = controller.window
    assert "马家村" in window.windowTitle() and "村务积分" in window.windowTitle()
    assert settings.last_db == demo_path(environ)
    assert window.stack.currentWidget() is window.sign_in_page  # the demo opens at sign-in
    window.sign_in_page.sign_in("马主任", "1234")  # the demo's PIN, as README says
    qtbot.waitUntil(lambda: window.ctx.user == "马主任", timeout=10000)
    window.tabs.setCurrentWidget(window.ledger_view)  # tabs load when first shown
    qtbot.waitUntil(lambda: window.ledger_view.model.total > 10000, timeout=10000)
    close_all(controller)

    again = AppController(qapp, settings, "zh", environ)
    frame = again.start(None)  # the last village: its window at once, the tabs soon after
    assert isinstance(frame, MainWindow) and not frame.is_loaded
    assert "马家村" in frame.windowTitle()  # the name remembered from the last time
    with qtbot.waitSignal(frame.loaded, timeout=20000):
        pass
    assert frame.tabs.count() == 5  # the demo scheme rates no door signs: no ratings tab
    close_all(again)


def test_the_window_shows_before_the_ledger_opens_and_the_tabs_arrive_after(
        qtbot, qapp, settings, environ, ledger):
    path = str(ledger.engine.url.database)
    controller = AppController(qapp, settings, "en", environ)
    window = controller.open_db(path)
    # Nothing opened yet on the GUI thread: the frame is up, with its menus and a busy page.
    assert window.isVisible() and not window.is_loaded and controller.ledger is None
    assert window.centralWidget() is window.opening
    assert window.opening.label.text() == f"Opening {Path(path).name} …"
    assert window.windowTitle() == f"{Path(path).name} — Village Tally"  # name not known yet
    assert [a.text() for a in window.menuBar().actions()] == ["&File", "&Go", "&View", "&Help"]
    with qtbot.waitSignal(window.loaded, timeout=20000):
        assert controller.opening is not None and controller.opening.running
    assert controller.ledger is not None and controller.ledger.village_name == "测试村"
    assert window.centralWidget() is window.stack and window.tabs.count() == 5
    assert window.stack.currentWidget() is window.sign_in_page  # nobody signed in yet
    assert window.windowTitle() == "测试村 — Village Tally"
    assert not window.go_menu.isEnabled()  # no tab to go to before signing in
    window.sign_in_page.sign_in("马秀兰", "1234")
    qtbot.waitUntil(lambda: window.ctx.user == "马秀兰", timeout=10000)
    assert window.go_menu.isEnabled() and len(window.go_menu.actions()) == 5
    assert window.findChild(QAction, "ui.menu.import") is not None
    # The entry grid is shown (Qt shows new children on the next turn of the loop).
    qtbot.waitUntil(window.entry.lines[0].name.isVisible)
    close_all(controller)
    # The next time the title names the village from the first moment.
    again = AppController(qapp, settings, "en", environ)
    frame = again.open_db(path)
    assert frame.windowTitle() == "测试村 — Village Tally" and not frame.is_loaded
    with qtbot.waitSignal(frame.loaded, timeout=20000):
        pass
    close_all(again)


def test_the_sign_in_screen_comes_first_and_keeps_the_keyboard_while_the_tabs_arrive(
        qtbot, qapp, settings, environ, ledger):
    controller = AppController(qapp, settings, "en", environ)
    window = controller.open_db(str(ledger.engine.url.database))
    with qtbot.waitSignal(window.sign_in_shown, timeout=20000):
        pass
    page = window.sign_in_page
    assert window.stack.currentWidget() is page and not window.is_loaded
    qtbot.keyClicks(page.search, "mxl")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)  # taken once the initials are made
    qtbot.waitUntil(lambda: window.focusWidget() is page.pin)
    assert page.chosen == "马秀兰"
    qtbot.keyClicks(page.pin, "12")
    with qtbot.waitSignal(window.loaded, timeout=20000):
        pass  # the tabs arrive while the PIN is typed
    assert window.focusWidget() is page.pin and page.pin.text() == "12"
    qtbot.keyClicks(page.pin, "34")
    qtbot.keyClick(page.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.ctx.user == "马秀兰", timeout=10000)
    assert window.stack.currentWidget() is window.tabs
    qtbot.waitUntil(lambda: window.ctx.ledger.check.done, timeout=10000)
    assert not window.unverified_toolbar.isVisible()  # the check found nothing
    close_all(controller)


def signing_in_at_once(qtbot, controller: AppController, ledger) -> MainWindow:  # noqa: ANN001
    """The village opened and the PIN typed the moment the sign-in screen shows."""
    window = controller.open_db(str(ledger.engine.url.database))
    with qtbot.waitSignal(window.sign_in_shown, timeout=20000):
        pass
    window.sign_in_page.sign_in("马秀兰", "1234")
    return window


def test_the_entry_grid_comes_first_and_the_other_tabs_wait_for_the_pin_and_the_check(
        qtbot, qapp, settings, environ, ledger):
    """Signing in at once: the person is shown the entry grid, with every tab's title in the
    bar and the Go menu, before the other tabs are built; those are built only once neither
    the PIN's check nor the ledger's check on opening runs."""
    controller = AppController(qapp, settings, "en", environ)
    window = signing_in_at_once(qtbot, controller, ledger)
    page = window.sign_in_page
    seen: dict[str, object] = {}
    window.usable.connect(lambda: seen.update(
        loaded=window.is_loaded, titles=[window.tabs.tabText(i) for i in range(5)],
        go=len(window.go_menu.actions()), ledger=hasattr(window, "ledger_view")))
    window.loaded.connect(lambda: seen.update(
        checked=window.ctx.ledger.check.done, pin=page.operation is not None
        and page.operation.running))
    with qtbot.waitSignal(window.loaded, timeout=20000):
        pass
    assert seen["loaded"] is False and seen["ledger"] is False
    assert seen["titles"] == ["Enter a sheet", "Ledger", "Month", "Roster", "Handbook"]
    assert seen["go"] == 5
    assert seen["checked"] is True and seen["pin"] is False
    assert gc.isenabled()  # paused while the village opened, collecting again once it is
    assert window.ctx.user == "马秀兰" and window.stack.currentWidget() is window.tabs
    assert [window.tabs.widget(i) for i in range(5)] == [
        window.entry, window.ledger_view, window.month, window.roster, window.handbook]
    assert window.tabs.currentWidget() is window.entry
    window.tabs.setCurrentWidget(window.month)  # a later tab works as any other
    qtbot.waitUntil(lambda: window.month.model.rowCount() > 0, timeout=10000)
    close_all(controller)


def test_a_tab_chosen_before_it_is_built_shows_once_it_is(qtbot, qapp, settings, environ,
                                                          ledger):
    controller = AppController(qapp, settings, "en", environ)
    window = signing_in_at_once(qtbot, controller, ledger)
    window.usable.connect(lambda: window.tabs.setCurrentIndex(2))  # Go › Month, at once
    with qtbot.waitSignal(window.loaded, timeout=20000):
        pass
    assert window.tabs.currentWidget() is window.month
    qtbot.waitUntil(lambda: window.month.model.rowCount() > 0, timeout=10000)
    close_all(controller)


def test_a_window_last_left_at_another_tab_opens_at_it_built(qtbot, qapp, settings, environ,
                                                             ledger):
    controller = AppController(qapp, settings, "en", environ)
    window = controller.open_db(str(ledger.engine.url.database))
    with qtbot.waitSignal(window.loaded, timeout=20000):
        pass
    window.tabs.setCurrentWidget(window.month)
    close_all(controller)
    again = AppController(qapp, settings, "en", environ)
    frame = again.open_db(str(ledger.engine.url.database))
    shown: list[object] = []
    frame.usable.connect(lambda: shown.append(frame.tabs.currentWidget()))
    with qtbot.waitSignal(frame.loaded, timeout=20000):
        pass
    assert shown == [frame.month]  # never a blank place
    close_all(again)


def test_closing_the_window_while_it_opens_leaves_no_village_open(qtbot, qapp, settings,
                                                                  environ, ledger):
    controller = AppController(qapp, settings, "zh", environ)
    window = controller.open_db(str(ledger.engine.url.database))
    window.close()
    with qtbot.waitSignal(controller.opening.finished, timeout=20000):
        pass
    assert not window.is_loaded and controller.ledger is None


def test_a_language_change_while_opening_keeps_opening(qtbot, qapp, settings, environ, ledger):
    controller = AppController(qapp, settings, "zh", environ)
    window = controller.open_db(str(ledger.engine.url.database))
    controller.set_lang("en")
    english = controller.window
    assert english is not window and not english.is_loaded
    assert english.opening.label.text().startswith("Opening ")
    with qtbot.waitSignal(english.loaded, timeout=20000):
        pass
    assert english.tabs.tabText(0) == "Enter a sheet"
    english.sign_in_page.sign_in("马主任", "1234")
    qtbot.waitUntil(lambda: english.ctx.user == "马主任", timeout=10000)
    controller.set_lang("zh")  # the window is rebuilt in Chinese: still signed in
    chinese = controller.window
    assert chinese is not english and chinese.ctx.user == "马主任"
    assert chinese.stack.currentWidget() is chinese.tabs
    assert chinese.who_label.text() == "马主任（村委委员）"
    close_all(controller)


def test_a_language_change_at_the_sign_in_screen_opens_the_village_in_that_language(
        qtbot, qapp, settings, environ, ledger):
    """The village is open and the sign-in screen shows while the tabs are still being built;
    the person switches to Chinese there. The window rebuilt in Chinese must open the village
    too (it stayed at "Opening" for good: the village had opened for the old window)."""
    controller = AppController(qapp, settings, "en", environ)
    window = controller.open_db(str(ledger.engine.url.database))
    with qtbot.waitSignal(window.sign_in_shown, timeout=20000):
        pass
    assert not window.is_usable
    controller.set_lang("zh")
    chinese = controller.window
    assert chinese is not window
    with qtbot.waitSignal(chinese.loaded, timeout=20000):
        pass
    assert chinese.tabs.tabText(0) == "录入登记表"
    chinese.sign_in_page.sign_in("马主任", "1234")
    qtbot.waitUntil(lambda: chinese.ctx.user == "马主任", timeout=10000)
    assert gc.isenabled()
    close_all(controller)


def test_a_language_change_before_every_tab_is_in_leaves_the_collector_running(
        qtbot, qapp, settings, environ, ledger):
    """Python's cycle collector waits while a village opens, until every tab is in. The window
    rebuilt in another language before then is built whole at once: the collector must run
    again (it stayed off for the rest of the session, the program's memory growing)."""
    controller = AppController(qapp, settings, "en", environ)
    window = signing_in_at_once(qtbot, controller, ledger)
    try:
        with qtbot.waitSignal(window.usable, timeout=20000):
            pass
        assert not window.is_loaded  # the other tabs wait for the PIN's check
        controller.set_lang("zh")
        assert controller.window is not window and controller.window.is_loaded
        settle(qtbot)
        assert gc.isenabled()
    finally:
        gc.enable()
        close_all(controller)


def make_not_a_village(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / f"{kind}.db"
    if kind == "text":
        path.write_text("shopping list", encoding="utf-8")
    elif kind == "empty":  # our tables but no village yet (a create that stopped half-way)
        from village_tally.store.db import open_store

        open_store(str(path)).dispose()
    else:  # a sound SQLite file of some other program: refused, left as it was
        con = sqlite3.connect(path)
        con.execute("CREATE TABLE recipes (name TEXT)")
        con.commit()
        con.close()
    return path


@pytest.mark.parametrize("case", [("text", "不是村务积分数据库"), ("sqlite", "不是村务积分数据库"),
                                  ("empty", "还没有村庄")])
def test_a_file_that_fails_to_open_shows_the_first_run_page_with_why(
        qtbot, qapp, settings, environ, case):
    kind, words = case
    junk = make_not_a_village(Path(environ["HOME"]).parent, kind)
    controller = AppController(qapp, settings, "zh", environ)
    frame = controller.start(str(junk))
    assert isinstance(frame, MainWindow) and not frame.is_loaded  # the failure comes later
    qtbot.waitUntil(lambda: controller.start_page is not None, timeout=20000)
    page = controller.start_page
    assert words in page.message.text(), page.message.text()
    assert page.path_edit.text() == str(junk) and page.isVisible()
    assert controller.window is None
    assert not [w for w in QApplication.topLevelWidgets()
                if isinstance(w, MainWindow) and w.isVisible()]
    assert settings.last_db != str(junk)
    assert gc.isenabled()  # paused while the village opened
    close_all(controller)


def test_create_a_village_from_a_preset(qtbot, qapp, settings, environ, tmp_path):
    controller = AppController(qapp, settings, "zh", environ)
    target = tmp_path / "new" / "village.db"
    page = controller.start(str(target))
    assert isinstance(page, StartPage) and page.path_edit.text() == str(target)
    page.name_edit.setText("杨桥村")
    page.preset_box.setCurrentIndex(page.preset_box.findData("yangqiao"))
    page.create_button.click()
    qtbot.waitUntil(lambda: controller.window is not None and controller.window.is_loaded,
                    timeout=20000)
    assert controller.window.ctx.ledger.scheme.preset == "yangqiao"
    assert controller.window.ratings.table.isEnabled()
    close_all(controller)


def test_language_text_size_and_layout_are_remembered(qtbot, qapp, settings, environ,
                                                      ledger):
    controller = AppController(qapp, settings, "zh", environ)
    window = controller.open_db(str(ledger.engine.url.database))
    with qtbot.waitSignal(window.loaded, timeout=20000):
        pass
    assert window.tabs.tabText(0) == "录入登记表"
    window.tabs.setCurrentIndex(2)
    window.resize(1300, 700)
    controller.set_lang("en")
    english = controller.window
    assert english is not window and english.tabs.tabText(0) == "Enter a sheet"
    assert english.tabs.currentIndex() == 2
    geometry, _state, tab = settings.layout()
    assert geometry is not None and tab == 2  # offscreen screens are small: size not checked
    assert settings.lang == "en"
    size = qapp.font().pointSizeF()
    english.large_action.setChecked(True)
    assert qapp.font().pointSizeF() > size and settings.large_text
    english.large_action.setChecked(False)
    assert qapp.font().pointSizeF() == pytest.approx(size)
    close_all(controller)


LOCALES = [({"LANG": "zh_CN.UTF-8"}, "zh"), ({"LANG": "C.UTF-8"}, "zh"), ({"LANG": "C"}, "zh"),
           ({}, "zh"), ({"LANG": "en_US.UTF-8"}, "en"), ({"LC_ALL": "de_DE"}, "en"),
           ({"LANG": "en_US.UTF-8", "LC_ALL": "zh_TW.UTF-8"}, "zh"),
           ({"LC_MESSAGES": "POSIX", "LANG": "en_GB"}, "zh"), ({"LANGUAGE": "zh_CN:en"}, "zh")]


@pytest.mark.parametrize(("environ", "lang"), LOCALES)
def test_the_program_and_the_command_line_choose_the_same_language(environ, lang, tmp_path):
    """Under the same locale, the window and the command line speak the same language."""
    assert system_lang(environ) == lang
    env = {k: v for k, v in os.environ.items()
           if k not in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")}
    done = subprocess.run([sys.executable, "-m", "village_tally", "--db",
                           str(tmp_path / "none.db"), "verify"], capture_output=True,
                          text=True, env={**env, **environ}, timeout=120, check=False)
    assert done.returncode != 0 and done.stderr
    chinese = any("\u4e00" <= ch <= "\u9fff" for ch in done.stderr)
    assert chinese == (lang == "zh"), done.stderr


def test_cjk_font_is_registered(qapp):
    families = register_cjk_font(qapp)
    assert any("WenQuanYi" in f for f in families)
    assert families[0] in qapp.font().families()


def test_job_reports_progress_and_can_be_cancelled(qtbot):
    import threading

    started = threading.Event()

    def work(control: JobControl) -> int:
        for i in range(1000):
            control.step(i, 1000)
            started.set()
            threading.Event().wait(0.005)
        return 1000

    job = Job(work)
    seen = []
    job.progressed.connect(lambda done, total: seen.append((done, total)))
    with qtbot.waitSignal(job.failed, timeout=10000) as blocker:
        job.start()
        started.wait(5)
        job.cancel()
    assert isinstance(blocker.args[0], Cancelled)
    assert seen and seen[0] == (0, 1000)

    done = Job(lambda control: 42)
    with qtbot.waitSignal(done.finished) as result:
        done.start()
    assert result.args == [42]


def test_run_app_opens_the_village_and_returns_when_the_window_closes(qapp, ledger, tmp_path):
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from village_tally.ui.app import run_app

    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    seen = []

    def look_and_close() -> None:
        windows = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, MainWindow) and w.isVisible()]
        if not all(w.is_loaded for w in windows):  # still opening: look again soon
            QTimer.singleShot(50, look_and_close)
            return
        seen.extend(w.windowTitle() for w in windows)
        for w in windows:
            w.close()

    QTimer.singleShot(100, look_and_close)
    assert run_app(db=str(ledger.engine.url.database), lang="en") == 0
    assert seen == ["测试村 — Village Tally"]


def test_splitter_sizes_are_remembered_between_runs(qtbot, ctx, settings):
    from PySide6.QtWidgets import QSplitter

    def open_window() -> MainWindow:
        window = MainWindow(ctx, settings, "test.db")
        qtbot.addWidget(window)
        window.resize(1200, 700)
        window.show()
        qtbot.waitExposed(window)
        return window

    first = open_window()
    splitters = {name: first.findChild(QSplitter, name)
                 for name in ("monthSplitter", "rosterSplitter")}
    defaults = {}
    for name, splitter in splitters.items():
        first.tabs.setCurrentWidget(splitter.parentWidget())
        qtbot.waitUntil(lambda s=splitter: s.isVisible() and sum(s.sizes()) > 0)
        defaults[name] = splitter.sizes()
        total = sum(defaults[name])
        splitter.setSizes([total // 5, total - total // 5])  # the person drags it
    chosen = {name: s.sizes() for name, s in splitters.items()}
    assert all(chosen[n] != defaults[n] for n in chosen)
    first.close()  # saves the layout

    second = open_window()
    for name, wanted in chosen.items():
        splitter = second.findChild(QSplitter, name)
        second.tabs.setCurrentWidget(splitter.parentWidget())
        qtbot.waitUntil(lambda s=splitter: s.isVisible() and sum(s.sizes()) > 0)
        assert splitter.sizes() == wanted, name
    second.close()


def test_the_window_shows_before_sqlalchemy_is_imported(tmp_path):
    """Start-up (bench_startup (c)): the program and its window frame import no SQLAlchemy;
    the services that need it are imported on the worker that opens the village."""
    import subprocess
    import sys

    code = """
import sys
from PySide6.QtCore import QSettings
from village_tally.ui.app import AppController, make_application
from village_tally.ui.settings import Settings
app = make_application()
settings = Settings(QSettings(sys.argv[1], QSettings.Format.IniFormat))
controller = AppController(app, settings, "zh", {"HOME": sys.argv[2]})
window = controller.open_db(sys.argv[3])
assert window.isVisible() and not window.is_loaded
print(sorted(m for m in sys.modules if m.split(".")[0] in ("sqlalchemy", "alembic")))
"""
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "s.ini"), str(tmp_path),
         str(tmp_path / "none.db")], capture_output=True, text=True, timeout=60, check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.stdout.strip() == "[]", done.stdout
