"""Starting the desktop program: the font, the language, the last village or a first run.

`village-tally` with no command calls `run_app`. With no village yet at the default path it
builds the demo village (services.demo) into the user's data folder as `demo.db` and opens it,
so a newcomer sees a working village at once; `village.db` stays free for the real village,
which File › New creates from a preset.

Opening a village shows the main window's frame and opens the ledger on a worker (its integrity
check can take seconds on a big file); the tabs arrive when it is open. The services that open a
village, and SQLAlchemy with them, are imported before Qt (ui/__init__.py says why)."""

from __future__ import annotations

import gc

from village_tally.services import collector

# Python's cyclic collector waits while the program's modules are imported, as ui/__init__.py
# has it wait over SQLAlchemy's and Qt's (with ours, some 95,000 objects that live as long as
# the program, and next to no garbage; on, it ran ~130 collections over them, one of them full:
# 40-50 ms of CPU before the window, bench/bench_startup.py). What the imports made is frozen
# at the end of this module.
collector.pause()

import os
import sys
from collections.abc import Callable, Mapping
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QWidget
from shiboken6 import isValid

from village_tally.i18n import detect_lang, tr
from village_tally.services import people
from village_tally.services.jobs import JobControl
from village_tally.services.paths import data_folder, default_db
from village_tally.services.session import Ledger, open_ledger
from village_tally.ui.context import ChangeBus, UiContext
from village_tally.ui.fonts import register_cjk_font, scaled
from village_tally.ui.input_method import apply_input_method
from village_tally.ui.jobs import Job, Work, wait_for_workers, writer_pool, writes_waiting
from village_tally.ui.main_window import MainWindow
from village_tally.ui.messages import error_text, show_info
from village_tally.ui.qt_words import install_qt_translations
from village_tally.ui.settings import Settings
from village_tally.ui.shipped import app_icon, missing_at_start, say_missing

if TYPE_CHECKING:
    from village_tally.core.person import Person
    from village_tally.services.proof import Restored
    from village_tally.ui.start_page import StartPage


def system_lang(environ: Mapping[str, str] = os.environ) -> str:
    """The language the locale asks for, chosen as the command line chooses it
    (i18n.detect_lang): Chinese unless the locale names another language."""
    return detect_lang(environ)


def demo_path(environ: Mapping[str, str]) -> str:
    return str(data_folder(environ) / "demo.db")


def open_village(db: str) -> Ledger:
    """The worker's part of opening a village: open the ledger (SQLite's integrity check,
    migrations, the scheme). Nobody is signed in yet: the window shows the sign-in screen at
    once, and `MainWindow.load` runs the ledger's own check (verify; writes are refused until
    it has run) and imports the views on workers meanwhile."""
    ledger = open_ledger(db, check="later")
    try:
        # The sign-in screen's module, and its reads once: SQLAlchemy compiles a statement
        # the first time it runs (20 ms each), here rather than on the GUI thread.
        import_module("village_tally.ui.sign_in_page")
        people.needs_secretary(ledger)
        people.list_people(ledger)
    except BaseException:
        ledger.close()
        raise
    return ledger


def pause_collector() -> None:
    """Opening a village makes several hundred thousand objects that live as long as the
    program (modules, classes, SQLAlchemy's statements, the window) and next to no garbage;
    the cyclic collector's default thresholds traversed them some 235 times before the entry
    grid (70-140 ms of CPU on the demo village: bench/bench_startup.py). So it waits while a
    village opens (`resume_collector`): a pause among others (services.collector), so an
    import checked on a worker meanwhile neither ends it early nor leaves it on for good."""
    collector.pause()


def resume_collector() -> None:
    """The village is open (or failed to): what opening made is frozen (no collection
    traverses it again: gc.freeze; a full collection of it took 110-120 ms of CPU on the GUI
    thread, under whichever key started it, bench/bench_gui.py), and the collector runs as
    usual once no other pause is held (services.collector)."""
    gc.freeze()
    collector.resume()


class AppController(QObject):
    """Owns whichever window is showing (first-run page or main window) and swaps them."""

    def __init__(self, app: QApplication, settings: Settings, lang: str,
                 environ: Mapping[str, str]) -> None:
        super().__init__()
        self.app = app
        self.settings = settings
        self.lang = lang
        self.environ = environ
        self.base_size = app.font().pointSizeF()
        self.window: MainWindow | None = None
        self.start_page: StartPage | None = None
        self.ledger: Ledger | None = None
        self.job: Job | None = None
        self.opening: Job | None = None
        self.kiosk = False  # open the village-hall screen once the village is open
        self.paused = False  # the collector waits while a village opens (pause_collector)
        self.apply_text_size(settings.large_text)

    # --- choosing what to open --------------------------------------------------------------

    def start(self, db: str | None) -> QWidget:
        """--db, else $VILLAGE_TALLY_DB, else the last village, else village.db, else the
        demo village (built now if it does not exist yet)."""
        explicit = db or self.environ.get("VILLAGE_TALLY_DB")
        if explicit:
            return self.open_db(explicit) if _exists(explicit) else self.show_start(
                suggested=explicit)
        for candidate in (self.settings.last_db, default_db(self.environ)):
            if candidate and _exists(candidate):
                return self.open_db(candidate)
        demo = demo_path(self.environ)
        if _exists(demo):
            return self.open_db(demo)
        page = self.show_start()
        self.build_demo()
        return page

    def show_start(self, error: str = "", suggested: str = "") -> StartPage:
        from village_tally.ui.start_page import StartPage  # not when a village opens at once

        self._close_window()
        page = StartPage(self.lang, suggested or default_db(self.environ))
        page.demo_requested.connect(self.build_demo)
        page.create_requested.connect(self.create_village)
        page.open_requested.connect(self.open_db)
        page.idle(error)
        page.show()
        self.start_page = page
        return page

    # --- long work on a worker ----------------------------------------------------------------

    def _run(self, text_code: str, work: Work, then: str) -> None:
        page = self.start_page or self.show_start()
        page.busy(self.t(text_code))
        job = Job(work, self)
        job.finished.connect(lambda _r: self.open_db(then))
        job.failed.connect(lambda exc: page.idle(error_text(exc, self.lang)))
        self.job = job.start()

    def build_demo(self) -> None:
        path = demo_path(self.environ)
        if _exists(path):
            self.open_db(path)
            return

        def work(_control: JobControl) -> object:
            from village_tally.services.demo import make_demo

            Path(path).parent.mkdir(parents=True, exist_ok=True)  # the program's data folder
            return make_demo(path)

        self._run("ui.start.building_demo", work, path)

    def create_village(self, name: str, preset: str, path: str) -> None:
        page = self.start_page
        if not path:
            if page is not None:
                page.idle(self.t("ui.start.need_path"))
            return

        def work(_control: JobControl) -> object:
            from village_tally.services.session import init_village

            if "://" not in path:  # the folder the person typed on the start page
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            init_village(path, name=name, preset=preset).close()
            return path

        self._run("ui.start.creating", work, path)

    # --- the main window ----------------------------------------------------------------------

    def open_db(self, path: str) -> MainWindow:
        """Show the window's frame now and open the village on a worker; the tabs arrive
        with `window.loaded`, or the first-run page says why the file did not open."""
        if not self.paused:
            pause_collector()
            self.paused = True
        window = self._show_window(path, None)
        job = Job(lambda _control: open_village(path), self)
        job.finished.connect(lambda ledger: self._opened(path, ledger))
        job.failed.connect(lambda exc: self._open_failed(path, exc))
        self.opening = job.start()
        return window

    def _opened(self, path: str, ledger: Ledger) -> None:
        window = self.window
        if window is None or window.db != path or window.is_loaded or not window.isVisible():
            ledger.close()  # the window was closed or another village chosen meanwhile
            self._opening_over()
            return
        self.ledger = ledger
        self.settings.last_db = path
        self._load(window)

    def _load(self, window: MainWindow) -> None:
        """The open village into the window: the sign-in screen first, the tabs as they come."""
        window.loaded.connect(self._opening_over)
        if self.kiosk:  # `village-tally --kiosk`: the screen, once a committee PIN is typed
            window.loaded.connect(window.open_kiosk)
        window.load(self._context(), staged=True)

    def _opening_over(self) -> None:
        """Opening is over (every tab in, failed, or given up): the collector runs again."""
        if self.paused:
            self.paused = False
            resume_collector()

    def _open_failed(self, path: str, exc: BaseException) -> None:
        self._opening_over()
        window = self.window
        if window is not None and window.db == path and not window.is_loaded:
            page = self.show_start(error_text(exc, self.lang), suggested=path)
            if "://" not in path:  # a damaged file: its backups may still be good
                page.offer_restore(lambda: self._ask_restore(page, path))

    def _ask_restore(self, parent: QWidget, path: str) -> None:
        from village_tally.ui.restore_dialog import RestoreDialog

        RestoreDialog(path, self.lang, parent, chosen=lambda backup, name, pin:
                      self.restore(path, backup, name, pin)).open()

    def restore(self, path: str, backup: Path, name: str, pin: str) -> None:
        """Put a verified backup in the village's place, as a secretary signed in on it: the
        village is closed first (nobody may hold the file), restored on a worker, and opened
        again; refused (a wrong PIN, not a secretary), the start page says why and offers the
        backups again.

        The restore is the writer's own job: every change asked for before it is written
        first, on the file it replaces (the page says it waits for them), and the reopened
        village says how many changes the backup lacks and where they are kept; a change
        asked for through the old ledger after it is refused (the ledger is closed), never
        written on the backup."""
        waiting = writes_waiting()
        self._close_window()
        old, self.ledger = self.ledger, None

        def work(control: JobControl) -> object:
            from village_tally.services import proof

            control.step(0, 1)  # the writes asked for before are done: restoring now
            if old is not None:
                old.close()
            return proof.restore(path, backup, name=name, pin=pin)

        page = self.start_page or self.show_start(suggested=path)
        page.busy(tr("ui.restore.waiting", self.lang, count=waiting) if waiting
                  else self.t("ui.restore.restoring"))
        job = Job(work, self)
        job.progressed.connect(
            lambda _done, _total: page.busy(self.t("ui.restore.restoring"))
            if isValid(page) else None)
        job.finished.connect(lambda restored: self._restored(path, restored))
        job.failed.connect(lambda exc: self._restore_failed(page, path, exc))
        self.job = job.start(writer_pool())

    def _restored(self, path: str, restored: Restored) -> None:
        """The backup is in place: the village opens again, and the person is told which
        backup it is, where the file it replaced is kept and what the backup lacks."""
        window = self.open_db(path)
        show_info(window, "\n".join(tr(p.code, self.lang, **p.params) for p in restored.said),
                  self.lang)

    def _restore_failed(self, page: StartPage, path: str, exc: BaseException) -> None:
        page.idle(error_text(exc, self.lang))
        page.offer_restore(lambda: self._ask_restore(page, path))

    def _context(self, person: Person | None = None) -> UiContext:
        """A new window's context: nobody signed in (the sign-in screen), or the person who
        was signed in when the window is rebuilt in another language."""
        assert self.ledger is not None
        return UiContext(self.ledger, self.lang, ChangeBus(), person)

    def _show_window(self, path: str, ctx: UiContext | None) -> MainWindow:
        """A new main window on `path`: built on an open ledger (ctx), or the frame."""
        self._close_window()
        if self.start_page is not None:
            self.start_page.close()
            self.start_page.deleteLater()
            self.start_page = None
        window = MainWindow(ctx, self.settings, path, lang=self.lang)
        window.lang_requested.connect(
            lambda lang: self._unsaved_first(window, lambda: self.set_lang(lang)))
        window.large_text_toggled.connect(self.set_large_text)
        window.open_requested.connect(
            lambda: self._unsaved_first(window, lambda: self.show_start(suggested=path)))
        window.new_requested.connect(
            lambda: self._unsaved_first(window, lambda: self.show_start(suggested="")))
        window.restore_requested.connect(
            lambda chosen: self._unsaved_first(window, lambda: self.restore(path, *chosen)))
        window.show()
        self.window = window
        if window.is_loaded:  # rebuilt whole (another language): the old one never will be
            self._opening_over()
        return window

    @staticmethod
    def _unsaved_first(window: MainWindow, action: Callable[[], object]) -> None:
        """Another village or language replaces the window: typed work not saved yet is
        saved or discarded first, as the person says (then the action runs)."""
        if window.settle_unsaved(action):
            action()

    def _close_window(self) -> None:
        if self.window is not None:
            self.window.replaced = True  # its jobs go on (their results said without it)
            self.window.save_layout()
            self.window.close()
            self.window.deleteLater()
            self.window = None

    def set_lang(self, lang: str) -> None:
        self.lang = lang
        self.settings.lang = lang
        install_qt_translations(self.app, lang)
        window = self.window
        if window is None:
            return
        if window.is_usable:  # rebuilt whole in the new language, the same person signed in
            self._show_window(window.db, self._context(window.ctx.person))
        elif getattr(window, "ctx", None) is not None:  # open, its tabs still coming: again
            self._load(self._show_window(window.db, None))
        else:  # the village still opening: the frame, which `_opened` fills
            self._show_window(window.db, None)

    def apply_text_size(self, large: bool) -> None:
        self.app.setFont(scaled(self.app.font(), large, self.base_size))

    def set_large_text(self, large: bool) -> None:
        self.settings.large_text = large
        self.apply_text_size(large)

    def t(self, code: str) -> str:
        return tr(code, self.lang)


def _exists(db: str) -> bool:
    if "://" in db:
        return True  # a server database: let opening it tell
    return Path(db).is_file() and Path(db).stat().st_size > 0


# How long a worker running Python (a tally, a PDF, an import) may keep the interpreter from
# the GUI thread: Qt calls into Python for every cell it paints, and each call waits for the
# worker to let go. At Python's default 5 ms a table repainted in 39 ms beside a busy worker
# instead of 14; at 0.2 ms, in 15 (bench/bench_gui.py).
GIL_SWITCH_SECONDS = 0.0002


def make_application() -> QApplication:
    sys.setswitchinterval(GIL_SWITCH_SECONDS)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setApplicationName("Village Tally")
    app.setOrganizationName("VillageTally")
    app.setProperty("cjk_families", register_cjk_font(app))
    app.setWindowIcon(app_icon())
    return app


def run_app(db: str | None = None, lang: str | None = None, *, kiosk: bool = False) -> int:
    """Open the desktop program (`kiosk`: as the village-hall screen); returns the exit code
    when the last window closes."""
    apply_input_method()  # before Qt reads QT_IM_MODULE: Chinese typing on fcitx desktops
    app = make_application()
    settings = Settings()
    chosen = lang or settings.lang or system_lang()
    translated = install_qt_translations(app, chosen)
    controller = AppController(app, settings, chosen, os.environ)
    controller.kiosk = kiosk
    window = controller.start(db)
    missing = missing_at_start(app.property("cjk_families") or [], translated, chosen)
    say_missing(window, missing, chosen)
    with collector.survivors_frozen():  # its long-lived objects, traversed once
        code = app.exec()
    wait_for_workers(-1)  # no worker (and no write) left using the database
    if controller.ledger is not None:
        controller.ledger.close()
    settings.sync()
    return int(code)


# The program's modules are in (see the top): what their import made is frozen, so no
# collection traverses it, and the collector is on again (opening a village pauses it anew).
gc.freeze()
collector.resume()
