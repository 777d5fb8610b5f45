"""The main window: one tab per task (entry, ledger, month, roster, handbook, ratings), the
person at the keyboard, menus, and the layout remembered between runs. Each tab is its own
module; this file only puts them together."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
)
from PySide6.QtWidgets import QComboBox, QLabel, QMainWindow, QTabWidget, QToolBar, QWidget

from village_tally.core.names import normalize_name
from village_tally.services import roster
from village_tally.ui.context import UiContext
from village_tally.ui.entry_view import EntryView
from village_tally.ui.exchange_actions import ExchangeActions, is_spreadsheet
from village_tally.ui.handbook_view import HandbookView
from village_tally.ui.ledger_view import LedgerView
from village_tally.ui.month_view import MonthView
from village_tally.ui.printing_actions import PrintActions
from village_tally.ui.ratings_view import RatingsView
from village_tally.ui.resident_page import ResidentPage
from village_tally.ui.roster_view import RosterView
from village_tally.ui.settings import Settings


class MainWindow(QMainWindow):
    """Signals ask the application to open another village or to change the language."""

    open_requested = Signal()
    new_requested = Signal()
    lang_requested = Signal(str)
    large_text_toggled = Signal(bool)

    def __init__(self, ctx: UiContext, settings: Settings, db: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.settings = settings
        self.db = db
        t = ctx.t
        self.setObjectName("mainWindow")
        self.setWindowTitle(f"{ctx.ledger.village_name} — {t('ui.app.title')}")
        self.tabs = QTabWidget(self, objectName="tabs")
        self.tabs.setTabsClosable(True)
        self.tabs.tabCloseRequested.connect(self._close_tab)
        self.entry = EntryView(ctx, self)
        self.ledger_view = LedgerView(ctx, self, lazy=True)
        # Tabs load their data when first shown, so the window opens at once.
        self.month = MonthView(ctx, self, lazy=True)
        self.roster = RosterView(ctx, self, lazy=True)
        self.handbook = HandbookView(ctx, self)
        self.ratings = RatingsView(ctx, self, lazy=True)
        for view, code in ((self.entry, "ui.entry.tab"), (self.ledger_view, "ui.ledger.tab"),
                           (self.month, "ui.month.tab"), (self.roster, "ui.roster.tab"),
                           (self.handbook, "ui.handbook.tab"), (self.ratings, "ui.ratings.tab")):
            self.tabs.addTab(view, t(code))
        self.fixed_tabs = self.tabs.count()
        for i in range(self.fixed_tabs):
            self.tabs.tabBar().setTabButton(i, self.tabs.tabBar().ButtonPosition.RightSide, None)
        for view in (self.ledger_view, self.month, self.roster):
            view.resident_requested.connect(self.open_resident)
        self.setCentralWidget(self.tabs)
        self.exchange = ExchangeActions(ctx, self)
        self.printing = PrintActions(ctx, self)
        self.setAcceptDrops(True)
        self._build_toolbar()
        self._build_menus()
        self.statusBar().showMessage(t("ui.status.opened", path=db))
        self.restore_layout()

    # --- the person at the keyboard -------------------------------------------------------------

    def _build_toolbar(self) -> None:
        bar = QToolBar(self.ctx.t("ui.toolbar"), self)
        bar.setObjectName("mainToolbar")
        bar.setMovable(False)
        bar.addWidget(QLabel(self.ctx.t("ui.user") + " ", bar))
        self.user_box = QComboBox(bar, objectName="userBox")
        self.user_box.setEditable(True)
        self.user_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.user_box.setMinimumContentsLength(8)
        for name, role in roster.list_users(self.ctx.ledger):
            self.user_box.addItem(f"{name}", name)
            self.user_box.setItemData(self.user_box.count() - 1,
                                      self.ctx.t(f"ui.role.{role}"), Qt.ItemDataRole.ToolTipRole)
        self.user_box.setEditText(self.ctx.user)
        self.user_box.currentTextChanged.connect(self._user_changed)
        bar.addWidget(self.user_box)
        self.addToolBar(bar)

    def _user_changed(self, text: str) -> None:
        self.ctx.user = normalize_name(text)
        self.settings.set_user_for(self.db, self.ctx.user)

    # --- menus -----------------------------------------------------------------------------------

    def _action(self, code: str, slot: object, shortcut: QKeySequence | str | None = None,
                name: str = "") -> QAction:
        action = QAction(self.ctx.t(code), self)
        action.setObjectName(name or code)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        t = self.ctx.t
        file_menu = self.menuBar().addMenu(t("ui.menu.file"))
        file_menu.addAction(self._action("ui.menu.new", self.new_requested.emit,
                                         QKeySequence.StandardKey.New))
        file_menu.addAction(self._action("ui.menu.open", self.open_requested.emit,
                                         QKeySequence.StandardKey.Open))
        file_menu.addSeparator()
        file_menu.addAction(self._action("ui.menu.import", self.exchange.ask_import, "Ctrl+I"))
        file_menu.addAction(self._action("ui.menu.export", self.exchange.ask_export, "Ctrl+E"))
        file_menu.addSeparator()
        file_menu.addAction(self._action("ui.menu.field_sheets",
                                         lambda: self.printing.blank_form("field-sheet")))
        if self.ctx.ledger.scheme.categories:
            file_menu.addAction(self._action("ui.menu.inspection",
                                             lambda: self.printing.blank_form("inspection")))
        file_menu.addSeparator()
        file_menu.addAction(self._action("ui.menu.quit", self.close,
                                         QKeySequence.StandardKey.Quit))
        go = self.menuBar().addMenu(t("ui.menu.go"))
        for i in range(self.fixed_tabs):
            go.addAction(self._action_for_tab(i))
        view = self.menuBar().addMenu(t("ui.menu.view"))
        group = QActionGroup(self)
        for lang, code in (("zh", "ui.menu.lang_zh"), ("en", "ui.menu.lang_en")):
            action = QAction(t(code), self, checkable=True, objectName=f"lang_{lang}")
            action.setChecked(self.ctx.lang == lang)
            action.triggered.connect(lambda _c=False, chosen=lang: self._lang(chosen))
            group.addAction(action)
            view.addAction(action)
        view.addSeparator()
        large = QAction(t("ui.menu.large_text"), self, checkable=True, objectName="largeText")
        large.setChecked(self.settings.large_text)
        large.setShortcut(QKeySequence("Ctrl+="))
        large.toggled.connect(self.large_text_toggled.emit)
        view.addAction(large)
        self.large_action = large

    def _action_for_tab(self, index: int) -> QAction:
        action = QAction(self.tabs.tabText(index), self)
        action.setShortcut(QKeySequence(f"Alt+{index + 1}"))
        action.triggered.connect(lambda: self.tabs.setCurrentIndex(index))
        return action

    def _lang(self, lang: str) -> None:
        if lang != self.ctx.lang:
            self.lang_requested.emit(lang)

    # --- resident pages --------------------------------------------------------------------------

    def open_resident(self, resident_id: int) -> ResidentPage | None:
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
            widget.deleteLater()

    # --- layout ----------------------------------------------------------------------------------

    def restore_layout(self) -> None:
        geometry, state, tab = self.settings.layout()
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1200, 760)
        if state is not None:
            self.restoreState(state)
        if 0 <= tab < self.fixed_tabs:
            self.tabs.setCurrentIndex(tab)

    def save_layout(self) -> None:
        tab = self.tabs.currentIndex()
        self.settings.save_layout(self.saveGeometry(), self.saveState(),
                                  tab if tab < self.fixed_tabs else 0)

    # --- spreadsheets dropped on the window ------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        if _dropped(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        files = _dropped(event.mimeData())
        if files:
            event.acceptProposedAction()
            self.exchange.import_file(files[0])

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.save_layout()
        self.settings.sync()
        super().closeEvent(event)


def _dropped(mime: QMimeData) -> list[Path]:
    """Spreadsheet files among what is being dragged onto the window."""
    if not mime.hasUrls():
        return []
    paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    return [p for p in paths if is_spreadsheet(p)]
