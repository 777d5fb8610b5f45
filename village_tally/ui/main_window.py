"""The main window: one tab per task (entry, ledger, month, roster, handbook, ratings), the
person at the keyboard, menus, and the layout remembered between runs. Each tab is its own
module; this file only puts them together.

The window shows before the village is open: `MainWindow(None, …)` is the frame (title, menus,
an "opening …" page) and `load(ctx)` puts the tabs in once the ledger has been opened on a worker
(app.AppController). The views, and the services and SQLAlchemy under them, are imported only
then, so the frame costs little more than an empty window (start-up: bench/bench_startup.py)."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QProgressDialog,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from village_tally.i18n import tr
from village_tally.ui.help_menu import HelpMenu
from village_tally.ui.idle_lock import IdleLock
from village_tally.ui.jobs import Job, running_long
from village_tally.ui.messages import show_error
from village_tally.ui.named import named
from village_tally.ui.settings import Settings
from village_tally.ui.turns import Step, Turns, finish

if TYPE_CHECKING:
    from village_tally.core.person import Person
    from village_tally.services.audit import VerifyReport
    from village_tally.ui.audit_view import AuditDialog
    from village_tally.ui.context import UiContext
    from village_tally.ui.entry_view import EntryView
    from village_tally.ui.exchange_actions import ExchangeActions
    from village_tally.ui.handbook_view import HandbookView
    from village_tally.ui.ledger_view import LedgerView
    from village_tally.ui.month_view import MonthView
    from village_tally.ui.people_view import PeopleDialog
    from village_tally.ui.printing_actions import PrintActions
    from village_tally.ui.proof_dialogs import UnverifiedBar
    from village_tally.ui.ratings_view import RatingsView
    from village_tally.ui.resident_page import ResidentPage
    from village_tally.ui.roster_view import RosterView
    from village_tally.ui.scan_actions import ScanActions
    from village_tally.ui.sign_in_page import SignInPage

# What `load` needs, imported ahead on a worker (import_views) so the GUI thread only builds
# widgets: first what the entry grid needs, then the other tabs' modules.
ENTRY_MODULES = (
    "village_tally.services.roster", "village_tally.ui.entry_view",
    "village_tally.ui.exchange_actions", "village_tally.ui.printing_actions",
    "village_tally.ui.scan_actions", "village_tally.ui.proof_dialogs",
)
OTHER_MODULES = (
    "village_tally.ui.ledger_view", "village_tally.ui.month_view",
    "village_tally.ui.roster_view", "village_tally.ui.handbook_view",
    "village_tally.ui.ratings_view", "village_tally.ui.resident_page",
    "village_tally.ui.people_view",
)
# The tabs built after the entry grid, by their title's code (a blank page holds each place).
LATER_TABS = ("ui.ledger.tab", "ui.month.tab", "ui.roster.tab", "ui.handbook.tab",
              "ui.ratings.tab")


def import_views(names: tuple[str, ...] = ENTRY_MODULES + OTHER_MODULES) -> None:
    """Import the views' modules (off the GUI thread while a village opens)."""
    for name in names:
        importlib.import_module(name)


def file_label(db: str) -> str:
    """A village file as the title names it before its village is known (no server password)."""
    return db.rsplit("/", 1)[-1] if "://" in db else Path(db).name


class OpeningPage(QWidget):
    """What the window shows while the village opens: its name and a busy bar."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("openingPage")
        self.label = named(QLabel(text, self), "openingText")
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.bar = named(QProgressBar(self), "openingBar")
        self.bar.setRange(0, 0)  # busy: opening has no measurable steps
        self.bar.setTextVisible(False)
        self.bar.setMaximumWidth(360)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.label)
        layout.addWidget(self.bar, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)


class MainWindow(QMainWindow):
    """Signals ask the application to open another village or to change the language;
    `usable` once the entry grid, toolbar and menus are in (the person signed in sees the
    tabs), `loaded` once every tab is in."""

    open_requested = Signal()
    new_requested = Signal()
    lang_requested = Signal(str)
    large_text_toggled = Signal(bool)
    usable = Signal()  # the entry grid, toolbar and menus are in (is_usable)
    loaded = Signal()  # every tab is in (is_loaded)
    sign_in_shown = Signal()  # the village opened at the sign-in screen, which takes the keyboard
    restore_requested = Signal(object)  # (a verified backup's Path, the secretary, the PIN)

    ctx: UiContext
    entry: EntryView
    ledger_view: LedgerView
    unverified: UnverifiedBar
    unverified_toolbar: QToolBar
    month: MonthView
    roster: RosterView
    handbook: HandbookView
    ratings: RatingsView | None  # only where the scheme rates households (door signs)
    exchange: ExchangeActions
    printing: PrintActions
    scans: ScanActions
    tabs: QTabWidget
    stack: QStackedWidget  # the sign-in screen, or the tabs once someone has signed in
    sign_in_page: SignInPage
    who_label: QLabel
    idle: IdleLock

    def __init__(self, ctx: UiContext | None, settings: Settings, db: str,
                 parent: QWidget | None = None, *, lang: str = "") -> None:
        """With a context the tabs are built at once; with None the window shows the opening
        page until `load(ctx)`."""
        super().__init__(parent)
        self.settings = settings
        self.db = db
        self.lang = ctx.lang if ctx is not None else lang or "zh"
        self.is_loaded = False
        self.is_usable = False
        self.fixed_tabs = 0
        self.held: dict[str, QWidget] = {}  # a later tab's place, until it is built
        self.later: list[Step] = []  # the steps that build them
        # Set when the program replaces this window (another village, a restore): closing it
        # then asks nothing about long jobs (ui/closing.py).
        self.replaced = False
        self.jobs_box: QMessageBox | None = None
        self.setObjectName("mainWindow")
        name = settings.village_name_for(db) or file_label(db)
        self._set_title(name)
        self._build_menus()
        self.opening = OpeningPage(self.t("ui.opening", name=name), self)
        self.setCentralWidget(self.opening)
        self.setAcceptDrops(True)
        self._restore_geometry()
        if ctx is not None:
            self.load(ctx)

    def t(self, code: str, **params: object) -> str:
        return tr(code, self.lang, **params)

    def _set_title(self, name: str) -> None:
        self.setWindowTitle(f"{name} — {self.t('ui.app.title')}")

    # --- the open village ------------------------------------------------------------------------

    def load(self, ctx: UiContext, *, staged: bool = False) -> None:
        """Put in the tabs, toolbar and village menus for an open ledger. `staged` (opening
        from the frame): the sign-in screen first, taking the keyboard at once, while the
        ledger's check on opening runs on a worker (writes wait for it, signing in does not)
        and the views' modules are imported on another; then the tabs, a part per turn of the
        event loop (turns.py), so the window never stops answering for the whole of it
        (bench/bench_gui.py). When the window opens at the entry tab, the entry grid, toolbar
        and menus come first (`usable`), the other tabs' places blank; those tabs are built
        once nothing the person waits for runs (a PIN's check, the ledger's check on opening),
        so they never delay the grid (bench/bench_startup.py). `loaded` when all are in."""
        assert not self.is_loaded
        self.ctx = ctx
        self.lang = ctx.lang
        self.ratings = None
        later: list[Step] = [self._load_ledger, self._load_month, self._load_roster,
                             self._load_handbook]
        if not staged:
            for step in [self._load_frame, self._load_entry, *later, self._load_rest,
                         self._load_done]:
                parts = step()
                if parts is not None:
                    finish(parts)
            return
        self._check_on_opening()
        frame = Turns([self._load_frame], self)  # the sign-in screen, in parts
        if self.settings.layout()[2] > 0:  # it opens at another tab: that tab first
            self._import_then([self._load_entry, *later, self._load_rest, self._load_done],
                              ENTRY_MODULES + OTHER_MODULES, after=frame)
        else:
            self.later = [*later, self._load_done]
            self._import_then([self._load_entry, self._hold_later_tabs, self._load_rest,
                               self._build_later_when_free], ENTRY_MODULES, after=frame)
        frame.start()

    def _import_then(self, steps: list[Step], modules: tuple[str, ...],
                     after: Turns | None = None) -> None:
        """Import `modules` on a worker, then (once `after` has finished too) run `steps` a
        part per turn of the event loop (turns.py: `singleShot(0)` chains ran as one block)."""
        turns = Turns(steps, self)
        waiting = {"views", "after"} if after is not None else {"views"}

        def done(what: str) -> None:
            waiting.discard(what)
            if not waiting:
                turns.start()

        if after is not None:
            after.finished.connect(lambda: done("after"))
        views = Job(lambda _control: import_views(modules), self)
        views.finished.connect(lambda _r: done("views"))
        views.failed.connect(lambda exc: show_error(self, exc, self.lang))
        self.importing = views.start()

    def _build_later_when_free(self) -> None:
        """The other tabs once no PIN is being checked and the ledger's check on opening has
        run: what the person waits for is not slowed by what they cannot see yet."""
        pin = self.sign_in_page.operation
        waits = [job for job in (getattr(self, "checking", None),
                                 pin.job if pin is not None else None)
                 if job is not None and job.running]
        if not waits:
            self._build_later()
            return

        def again(_result: object) -> None:  # a turn later: what it ended shows first
            QTimer.singleShot(0, lambda: self._build_later_when_free() if isValid(self) else None)

        waits[0].finished.connect(again)
        waits[0].failed.connect(again)

    def _build_later(self) -> None:
        """The other tabs' modules on a worker, then the tabs one per turn (once)."""
        if self.later:
            later, self.later = self.later, []
            self._import_then(later, OTHER_MODULES)

    def _hold_later_tabs(self) -> None:
        """Blank places for the tabs built later, so the tab bar and Go menu are whole; one
        chosen before its tab is built has it built at once."""
        codes = LATER_TABS if self.ctx.ledger.scheme.categories else LATER_TABS[:-1]
        for code in codes:
            self.held[code] = QWidget(self)
            self._add_tab(self.held[code], code)
        self.tabs.currentChanged.connect(
            lambda index: self._build_later()
            if self.tabs.widget(index) in self.held.values() else None)

    def _check_on_opening(self) -> None:
        """The ledger's own check (verify) on a worker, beside signing in; writes wait for it
        on the writer thread (operation.write), and what it finds shows in the bar over the
        tabs."""
        from village_tally.services.session import run_open_check

        ledger = self.ctx.ledger
        if ledger.check.done:
            return
        job = Job(lambda _control: run_open_check(ledger), self)
        job.title = self.t("ui.close.checking")  # closing the window meanwhile asks about it
        job.finished.connect(lambda _found: self._checked())
        job.failed.connect(lambda exc: show_error(self, exc, self.lang))
        self.checking = job.start()

    def _checked(self) -> None:
        if self.is_usable:
            self.unverified.refresh()
            self.unverified_toolbar.setVisible(bool(self.ctx.ledger.differences))

    def _load_frame(self) -> Iterator[None]:
        """The village's name, and the sign-in screen (or the tabs, for a person signed in):
        its widgets, its people, then shown, each a part."""
        from village_tally.ui.sign_in_page import SignInPage

        ctx = self.ctx
        self._set_title(ctx.ledger.village_name)
        self.settings.set_village_name_for(self.db, ctx.ledger.village_name)
        self.sign_in_page = SignInPage(self.ctx, self, fill=False)
        self.sign_in_page.hide()
        yield
        self.sign_in_page.fill(self.settings.user_for(self.db))
        yield
        self.tabs = named(QTabWidget(self), "tabs")
        self.tabs.setTabsClosable(True)
        self.tabs.tabCloseRequested.connect(self._close_tab)
        self._build_stack()  # the opening page goes (Qt deletes it)
        if ctx.person is None:  # the sign-in screen first
            self.stack.setCurrentWidget(self.sign_in_page)
            self.sign_in_page.take_keyboard()
            self.sign_in_shown.emit()
        else:
            self.stack.setCurrentWidget(self.tabs)

    def _load_entry(self) -> Iterator[None]:
        from village_tally.ui.entry_view import EntryView

        self.entry = EntryView(self.ctx, self, staged=True)
        self._add_tab(self.entry, "ui.entry.tab")
        yield from self.entry.building
        if self.ctx.person is not None:
            self.entry.sheet_edit.setFocus()  # typing can start at once

    def _add_tab(self, view: QWidget, code: str) -> None:
        """A fixed tab, in the place held for it if there is one."""
        held = self.held.pop(code, None) if view is not self.held.get(code) else None
        if held is None:
            index = self.tabs.addTab(view, self.ctx.t(code))
            self.fixed_tabs = self.tabs.count()
        else:
            index = self.tabs.indexOf(held)
            shown = self.tabs.currentIndex() == index
            self.tabs.removeTab(index)
            held.deleteLater()
            self.tabs.insertTab(index, view, self.ctx.t(code))
            if shown:
                self.tabs.setCurrentIndex(index)
        self.tabs.tabBar().setTabButton(index, self.tabs.tabBar().ButtonPosition.RightSide,
                                        None)

    def _load_ledger(self) -> Iterator[None]:
        from village_tally.ui.ledger_view import LedgerView

        # Tabs load their data when first shown, so the window opens at once.
        self.ledger_view = LedgerView(self.ctx, self, lazy=True, staged=True)
        self._add_tab(self.ledger_view, "ui.ledger.tab")
        self.ledger_view.resident_requested.connect(self.open_resident)
        yield from self.ledger_view.building

    def _load_month(self) -> Iterator[None]:
        from village_tally.ui.month_view import MonthView

        self.month = MonthView(self.ctx, self, lazy=True, staged=True)
        self._add_tab(self.month, "ui.month.tab")
        self.month.resident_requested.connect(self.open_resident)
        yield from self.month.building

    def _load_roster(self) -> None:
        from village_tally.ui.roster_view import RosterView

        self.roster = RosterView(self.ctx, self, lazy=True)
        self._add_tab(self.roster, "ui.roster.tab")
        self.roster.resident_requested.connect(self.open_resident)

    def _load_handbook(self) -> None:
        from village_tally.ui.handbook_view import HandbookView
        from village_tally.ui.ratings_view import RatingsView

        self.handbook = HandbookView(self.ctx, self)
        self._add_tab(self.handbook, "ui.handbook.tab")
        # A scheme without door signs gets no ratings tab (it was an empty grey grid with a
        # print button that could only fail).
        self.ratings = (RatingsView(self.ctx, self, lazy=True)
                        if self.ctx.ledger.scheme.categories else None)
        if self.ratings is not None:
            self._add_tab(self.ratings, "ui.ratings.tab")

    def _load_rest(self) -> Iterator[None]:
        from village_tally.ui.exchange_actions import ExchangeActions
        from village_tally.ui.printing_actions import PrintActions
        from village_tally.ui.scan_actions import ScanActions

        self.exchange = ExchangeActions(self.ctx, self)
        self.printing = PrintActions(self.ctx, self)
        self.scans = ScanActions(self.ctx, self)
        self._build_toolbar()
        self._unverified_bar()
        yield
        self._village_menus()
        self.statusBar().showMessage(self.ctx.t("ui.status.opened", path=self.db))
        focus = QApplication.focusWidget()
        typing = focus is not None and self.entry.isAncestorOf(focus)
        self._restore_state(keep_tab=typing and self.entry.sheet_edit.text() != "")
        self.is_usable = True
        self._show_person(self.ctx.person)
        self.usable.emit()

    def _load_done(self) -> None:
        """Every tab is in: their splitters as they were, and `loaded`."""
        self._restore_splitters()
        self.is_loaded = True
        self.loaded.emit()

    # --- the person at the keyboard -------------------------------------------------------------

    def _build_stack(self) -> None:
        """The sign-in screen and the tabs, one at a time: nobody signed in sees only the
        sign-in screen (the window opens at it, and goes back to it when it locks)."""
        self.sign_in_page.signed_in.connect(self.signed_in)
        self.sign_in_page.secretary_named.connect(self._secretary_named)
        self.sign_in_page.recovered.connect(self._recovered)
        self.stack = named(QStackedWidget(self), "mainStack")
        self.stack.addWidget(self.sign_in_page)
        self.stack.addWidget(self.tabs)
        self.setCentralWidget(self.stack)  # the opening page goes (Qt deletes it)
        self.idle = IdleLock(self.settings.idle_minutes, self)
        self.idle.idle.connect(self.lock)
        self.ctx.bus.changed.connect(
            lambda changes: self.sign_in_page.fill(self.ctx.user) if changes.people
            and self.ctx.person is None else None)

    def _build_toolbar(self) -> None:
        t = self.ctx.t
        bar = QToolBar(t("ui.toolbar"), self)
        bar.setObjectName("mainToolbar")
        bar.setMovable(False)
        bar.addWidget(QLabel(t("ui.user") + " ", bar))
        self.who_label = named(QLabel(bar), "whoLabel")
        bar.addWidget(self.who_label)
        bar.addSeparator()
        self.lock_action = self._action("ui.signin.lock", self.lock, "Ctrl+L", "lockAction")
        self.switch_action = self._action("ui.signin.switch", self.switch_person,
                                          name="switchAction")
        bar.addAction(self.lock_action)
        bar.addAction(self.switch_action)
        bar.addSeparator()
        self.people_action = self._action("ui.people.open", self.open_people,
                                          name="peopleAction")
        bar.addAction(self.people_action)
        self.audit_action = self._action("ui.auditlog.open", self.open_audit,
                                         name="auditAction")
        bar.addAction(self.audit_action)
        self.addAction(self.lock_action)  # Ctrl+L wherever the keyboard is
        self.addToolBar(bar)

    def signed_in(self, person: Person) -> None:
        """The PIN was right: the tabs, as this person (once they are all in)."""
        self.settings.set_user_for(self.db, person.name)
        if not self.is_usable:
            self.ctx.set_person(person)  # `_load_rest` shows them the tabs
            return
        self._show_person(person)

    def lock(self) -> None:
        """Ctrl+L, or idle minutes: nobody is signed in until a PIN is typed again; the same
        person is chosen on the sign-in screen, so coming back takes only the PIN."""
        if not self.is_usable or self.ctx.person is None:
            return
        last = self.ctx.user
        self._show_person(None)
        self.sign_in_page.fill(last)
        self.sign_in_page.take_keyboard()

    def switch_person(self) -> None:
        """Someone else takes the keyboard: the sign-in screen with the names to pick from."""
        if not self.is_usable:
            return
        self._show_person(None)
        self.sign_in_page.fill("")
        self.sign_in_page.take_keyboard()

    def _show_person(self, person: Person | None) -> None:
        was = self.ctx.person
        if was != person:
            self.ctx.set_person(person)
        t = self.ctx.t
        if person is None:
            if was is not None:  # locked or switched: what they had open goes
                self._close_dialogs()
            self.who_label.setText(t("ui.sign_in.nobody"))
            if self.stack.currentWidget() is not self.sign_in_page:  # not while a PIN is typed
                self.stack.setCurrentWidget(self.sign_in_page)
                self.sign_in_page.take_keyboard()
        else:
            from village_tally.ui.sign_in_page import person_text

            self.who_label.setText(person_text(person, t))
            self.stack.setCurrentWidget(self.tabs)
            self.idle.restart()
            focus = QApplication.focusWidget()
            typing = focus is not None and self.entry.isAncestorOf(focus)
            if self.tabs.currentWidget() is self.entry and not typing:
                self.entry.sheet_edit.setFocus()  # typing can start at once
        signed = person is not None
        for action in (self.lock_action, self.switch_action):
            action.setEnabled(signed)
        # The secretary's screens: others do not see them (the services refuse them anyway).
        from village_tally.core.authority import Action, may

        self.people_action.setVisible(may(person, Action.PEOPLE))
        self.audit_action.setVisible(may(person, Action.AUDIT))
        self.go_menu.setEnabled(signed)
        for action in self.village_actions:
            action.setEnabled(signed)

    def _close_dialogs(self) -> None:
        """A locked window leaves nothing open behind the sign-in screen (a long job's
        progress dialog stays: closing it would cancel the job)."""
        for dialog in self.findChildren(QDialog):
            if dialog.isVisible() and not isinstance(dialog, QProgressDialog):
                dialog.reject()

    def _secretary_named(self, made: object) -> None:
        from village_tally.services.people import Secretary
        from village_tally.ui.messages import show_info

        assert isinstance(made, Secretary) and made.ledger.actor is not None
        self.signed_in(made.ledger.actor)
        box = show_info(self, self.ctx.t("ui.sign_in.recovery_code", recovery=made.recovery_code,
                                         count=len(made.brought_in)), self.ctx.lang)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if made.brought_in:  # the names recorded before: for the secretary to confirm
            box.finished.connect(lambda _r: self.open_people())

    def _recovered(self, made: object) -> None:
        """A secretary reset a forgotten PIN: signed in, and the new code shown once."""
        from village_tally.services.people import Secretary
        from village_tally.ui.messages import show_info

        assert isinstance(made, Secretary) and made.ledger.actor is not None
        self.signed_in(made.ledger.actor)
        box = show_info(self, self.ctx.t("ui.recover.done", name=made.ledger.actor.name,
                                         recovery=made.recovery_code), self.ctx.lang)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def open_audit(self) -> AuditDialog:
        """The whole audit log in sentences, with filters (committee and secretary)."""
        from village_tally.ui.audit_view import AuditDialog

        dialog = AuditDialog(self.ctx, self)
        dialog.open()
        self.audit_dialog = dialog
        return dialog

    def open_people(self) -> PeopleDialog:
        """The People screen (the secretary's)."""
        from village_tally.ui.people_view import PeopleDialog

        dialog = PeopleDialog(self.ctx, self)
        dialog.open()
        self.people_dialog = dialog
        return dialog

    # --- when the ledger does not match its own record ----------------------------------------

    def _unverified_bar(self) -> None:
        """Says so over the tabs, with the ways out (services refuse every change meanwhile)."""
        from village_tally.ui.proof_dialogs import UnverifiedBar

        self.addToolBarBreak()
        holder = QToolBar(self.t("ui.proof.bar"), self)
        holder.setObjectName("unverifiedToolbar")
        holder.setMovable(False)
        self.unverified = UnverifiedBar(self.ctx, holder, restore=self.ask_restore,
                                        understood=self.ask_understood)
        holder.addWidget(self.unverified)
        self.addToolBar(holder)
        self.unverified_toolbar = holder
        holder.setVisible(bool(self.ctx.ledger.differences))

    def ask_restore(self) -> None:
        from village_tally.ui.restore_dialog import RestoreDialog

        RestoreDialog(self.db, self.lang, self, name=self.ctx.user,
                      chosen=lambda *chosen: self.restore_requested.emit(chosen)).open()

    def ask_understood(self) -> None:
        from village_tally.ui.proof_dialogs import UnderstoodDialog

        UnderstoodDialog(self.ctx, self, done=self._understood).open()

    def _understood(self, report: VerifyReport) -> None:
        self.ctx.ledger.differences = report.problems
        self.unverified.refresh()
        self.unverified_toolbar.setVisible(bool(report.problems))

    def ask_code(self) -> None:
        from village_tally.ui.proof_dialogs import CodeCheckDialog

        CodeCheckDialog(self.ctx, self).open()

    # --- menus -----------------------------------------------------------------------------------

    def _action(self, code: str, slot: object,
                shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
                name: str = "") -> QAction:
        action = QAction(self.t(code), self)
        action.setObjectName(name or code)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        """The menus the frame has before the village opens; `_village_menus` adds the rest."""
        t = self.t
        self.file_menu = self.menuBar().addMenu(t("ui.menu.file"))
        self.file_menu.addAction(self._action("ui.menu.new", self.new_requested.emit,
                                              QKeySequence.StandardKey.New))
        self.file_menu.addAction(self._action("ui.menu.open", self.open_requested.emit,
                                              QKeySequence.StandardKey.Open))
        self.file_menu.addSeparator()
        self.quit_action = self._action("ui.menu.quit", self.close,
                                        QKeySequence.StandardKey.Quit)
        self.file_menu.addAction(self.quit_action)
        self.go_menu = self.menuBar().addMenu(t("ui.menu.go"))
        self.go_menu.setEnabled(False)
        view = self.menuBar().addMenu(t("ui.menu.view"))
        group = QActionGroup(self)
        for lang, code in (("zh", "ui.menu.lang_zh"), ("en", "ui.menu.lang_en")):
            action = named(QAction(t(code), self), f"lang_{lang}")
            action.setCheckable(True)
            action.setChecked(self.lang == lang)
            action.triggered.connect(lambda _c=False, chosen=lang: self._lang(chosen))
            group.addAction(action)
            view.addAction(action)
        view.addSeparator()
        large = named(QAction(t("ui.menu.large_text"), self), "largeText")
        large.setCheckable(True)
        large.setChecked(self.settings.large_text)
        large.setShortcut(QKeySequence("Ctrl+="))
        large.toggled.connect(self.large_text_toggled.emit)
        view.addAction(large)
        self.large_action = large
        idle = named(QAction(t("ui.menu.idle_lock"), self), "idleLockAction")
        idle.triggered.connect(self.ask_idle_minutes)
        view.addAction(idle)
        self.help = HelpMenu(self, self.lang)  # Help › User guide, About (ui/help_menu.py)

    def _village_menus(self) -> None:
        """File › import, export and blank forms, and Go › the tabs, once the village is open."""
        menu, before = self.file_menu, self.quit_action
        scans = self._action("ui.menu.open_scans", self.scans.ask_open, "Ctrl+Shift+O")
        scans.setText(self.scans.menu_text())  # says what to install when the extra is missing
        self.village_actions = [
            self._action("ui.menu.import", self.exchange.ask_import, "Ctrl+I"),
            self._action("ui.menu.export", self.exchange.ask_export, "Ctrl+E"),
            scans, self._action("ui.menu.scans_waiting", self.scans.open_waiting),
            self._action("ui.menu.field_sheets",
                         lambda: self.printing.blank_form("field-sheet")),
            self._action("ui.menu.scan_sheets",
                         lambda: self.printing.blank_form("scan-sheet"))]
        if self.ctx.ledger.scheme.categories:
            self.village_actions.append(self._action(
                "ui.menu.inspection", lambda: self.printing.blank_form("inspection")))
        for i, action in enumerate(self.village_actions):
            menu.insertAction(before, action)
            if i in (1, 3):  # import and export | scans | blank forms
                menu.insertSeparator(before)
        menu.insertSeparator(before)
        menu.insertAction(before, self._action("ui.menu.check_code", self.ask_code))
        menu.insertAction(before, self._action("ui.menu.restore", self.ask_restore))
        menu.insertSeparator(before)
        menu.insertAction(before, self._action("ui.menu.kiosk", self.open_kiosk,
                                               name="openKiosk"))
        menu.insertSeparator(before)
        for i in range(self.fixed_tabs):
            self.go_menu.addAction(self._action_for_tab(i))
        self.go_menu.setEnabled(True)

    def open_kiosk(self) -> QWidget:
        """The village-hall screen (ui/kiosk_launch.py), on a committee member's authority."""
        from village_tally.ui.kiosk_launch import open_kiosk

        def keep(screen: QWidget) -> None:
            self.kiosk = screen

        self.kiosk = open_kiosk(self.ctx, self, keep)
        return self.kiosk

    def _action_for_tab(self, index: int) -> QAction:
        action = QAction(self.tabs.tabText(index), self)
        action.setShortcut(QKeySequence(f"Alt+{index + 1}"))
        action.triggered.connect(lambda: self.tabs.setCurrentIndex(index))
        return action

    def ask_idle_minutes(self) -> QInputDialog:
        """View › Lock after idle minutes: the setting (0 never locks)."""
        dialog = named(QInputDialog(self), "idleDialog")
        dialog.setInputMode(QInputDialog.InputMode.IntInput)
        dialog.setIntRange(0, 240)
        dialog.setIntValue(self.settings.idle_minutes)
        dialog.setWindowTitle(self.t("ui.menu.idle_lock"))
        dialog.setLabelText(self.t("ui.signin.idle_minutes"))
        dialog.intValueSelected.connect(self._idle_minutes)
        dialog.open()
        return dialog

    def _idle_minutes(self, minutes: int) -> None:
        self.settings.idle_minutes = minutes
        if self.is_usable:
            self.idle.set_minutes(minutes)

    def _lang(self, lang: str) -> None:
        if lang != self.lang:
            self.lang_requested.emit(lang)

    # --- resident pages --------------------------------------------------------------------------

    def open_resident(self, resident_id: int) -> ResidentPage | None:
        from village_tally.ui.resident_page import ResidentPage

        for i in range(self.fixed_tabs, self.tabs.count()):
            page = self.tabs.widget(i)
            if isinstance(page, ResidentPage) and page.resident_id == resident_id:
                self.tabs.setCurrentIndex(i)
                return page
        page = ResidentPage(self.ctx, resident_id, self)
        if page.resident is None:
            page.deleteLater()
            return None
        self.tabs.setCurrentIndex(self.tabs.addTab(page, page.resident.name))
        return page

    def _close_tab(self, index: int) -> None:
        if index >= self.fixed_tabs:
            widget = self.tabs.widget(index)
            self.tabs.removeTab(index)
            if widget is not None:
                widget.deleteLater()

    # --- layout ----------------------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        geometry, _state, _tab = self.settings.layout()
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1200, 760)

    def _restore_state(self, *, keep_tab: bool = False) -> None:
        """The toolbar and the tab last shown (unless `keep_tab`: typing began meanwhile), as
        they were."""
        _geometry, state, tab = self.settings.layout()
        if state is not None:
            self.restoreState(state)
        if 0 <= tab < self.fixed_tabs and not keep_tab:
            self.tabs.setCurrentIndex(tab)

    def _restore_splitters(self) -> None:
        for splitter in self._splitters():
            saved = self.settings.splitter(splitter.objectName())
            if saved is not None:
                splitter.restoreState(saved)

    def _splitters(self) -> list[QSplitter]:
        """The tabs' splitters that have a name (a resident page's or a dialog's are not kept)."""
        return [s for s in self.tabs.findChildren(QSplitter) if s.objectName()]

    def save_layout(self) -> None:
        if not self.is_usable:  # closed while opening: the tabs and toolbar were never here
            self.settings.save_layout(self.saveGeometry())
            return
        tab = self.tabs.currentIndex()
        self.settings.save_layout(self.saveGeometry(), self.saveState(),
                                  tab if tab < self.fixed_tabs else 0)
        for splitter in self._splitters():
            self.settings.save_splitter(splitter.objectName(), splitter.saveState())

    # --- spreadsheets and scans dropped on the window ---------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        if self.is_usable and _dropped(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        files = _dropped(event.mimeData())
        if files and self.is_usable:
            event.acceptProposedAction()
            from village_tally.ui.scan_actions import is_scan

            scans = [f for f in files if is_scan(f)]
            if scans:
                self.scans.open_files(scans)
            else:
                self.exchange.import_file(files[0])

    # --- unsaved work ------------------------------------------------------------------------

    def settle_unsaved(self, then: Callable[[], object]) -> bool:
        """True if nothing typed is waiting to be saved; else the person is asked to save or
        discard it (`then` runs after either) and False: the caller does not go on now."""
        ratings = self.ratings if self.is_usable else None
        if ratings is None or not ratings.model.unsaved:
            return True
        self.tabs.setCurrentWidget(ratings)
        if ratings.ask_box is None or not ratings.ask_box.isVisible():
            ratings.ask_unsaved(then)
        return False

    def jobs_in_the_way(self) -> bool:
        """True while long jobs run: the person is asked to wait for them or stop them (the
        window closes once they have ended) or to keep working."""
        running = running_long()
        if not running or self.replaced:
            return False
        box = self.jobs_box
        if box is None or not isValid(box) or not box.isVisible():
            from village_tally.ui.closing import ask_about_jobs

            self.jobs_box = ask_about_jobs(self, running, self.lang, self.close)
        return True

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if not self.settle_unsaved(self.close):
            event.ignore()  # typed ratings are never dropped unasked
            return
        if self.jobs_in_the_way():
            event.ignore()  # never a silent wait for a job at exit
            return
        self.save_layout()
        self.settings.sync()
        super().closeEvent(event)


def _dropped(mime: QMimeData) -> list[Path]:
    """Spreadsheets and scans among what is being dragged onto the window."""
    if not mime.hasUrls():
        return []
    from village_tally.ui.exchange_actions import is_spreadsheet
    from village_tally.ui.scan_actions import is_scan

    paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    return [p for p in paths if is_spreadsheet(p) or is_scan(p)]
