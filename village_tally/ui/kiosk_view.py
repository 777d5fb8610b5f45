"""The village-hall screen (Yangqiao's kiosk): full screen, large type, no menus. A villager
finds their household by door number and name, reads this month's board and their own
statement (and prints it), and reports a good deed of their own or a neighbour's, which waits
for the committee. Only a committee member's PIN closes it (services.kiosk holds the limits;
this screen only offers what they allow).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from village_tally.core.deed import Resident
from village_tally.i18n import aside
from village_tally.services import kiosk
from village_tally.ui.context import UiContext
from village_tally.ui.kiosk_exit import KioskExitDialog
from village_tally.ui.named import named
from village_tally.ui.operation import in_label, write
from village_tally.ui.pdf_preview import PdfPreviewDialog
from village_tally.ui.printing_actions import PrintActions

IDLE_MS = 120_000  # back to the first page after two minutes untouched: the next villager
TYPE_POINTS = 22  # large type, for elderly eyes at arm's length


def _table(parent: QWidget, name: str, headers: list[str], stretch: int) -> QTableWidget:
    """A table to read, not to edit: column `stretch` takes the spare width and long text
    wraps within it (a deed's words), the others fit their contents."""
    table = named(QTableWidget(0, len(headers), parent), name)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    table.setWordWrap(True)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    for column in range(len(headers)):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch if column == stretch
                                    else QHeaderView.ResizeMode.ResizeToContents)
    return table


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            table.setItem(r, c, QTableWidgetItem(text))
    table.resizeRowsToContents()


class KioskWindow(QWidget):
    """The screen itself. `closed` once a committee member has signed it off."""

    closed = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint)
        self.ctx = ctx
        self.unlocked = False
        self.villager: Resident | None = None
        self.exit_dialog: KioskExitDialog | None = None
        font = QFont(self.font())
        font.setPointSize(TYPE_POINTS)
        self.setFont(font)
        self.setWindowTitle(ctx.t("kiosk.title", village=ctx.ledger.village_name))
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._home())
        self.pages.addWidget(self._board())
        self.pages.addWidget(self._household())
        self.pages.addWidget(self._report())
        self.leave = named(QPushButton(ctx.t("kiosk.staff_exit"), self), "kioskExit")
        self.leave.setFlat(True)
        self.leave.clicked.connect(self.ask_exit)
        top = QHBoxLayout()
        heading = QLabel(ctx.t("kiosk.title", village=ctx.ledger.village_name), self)
        heading.setStyleSheet("color: #c0392b; font-weight: bold;")
        top.addWidget(heading, 1)
        top.addWidget(self.leave)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.pages, 1)
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.setInterval(IDLE_MS)
        self.idle.timeout.connect(self.home)
        app = QApplication.instance()
        if app is not None:  # any key or touch anywhere on the screen counts as use
            app.installEventFilter(self)

    # --- pages ----------------------------------------------------------------------------------

    def _button(self, code: str, name: str, slot: object) -> QPushButton:
        button = named(QPushButton(self.ctx.t(code), self), name)
        button.setMinimumHeight(64)
        button.clicked.connect(slot)
        return button

    def _home(self) -> QWidget:
        t = self.ctx.t
        page = QWidget(self)
        self.door = named(QLineEdit(page), "kioskDoor")
        self.name = named(QLineEdit(page), "kioskName")
        self.door.setPlaceholderText(t("kiosk.door_hint"))
        self.name.returnPressed.connect(self.find_household)
        self.door.returnPressed.connect(self.name.setFocus)
        self.found = named(QLabel(page), "kioskFound")
        self.found.setWordWrap(True)
        form = QFormLayout()
        form.addRow(t("kiosk.door"), self.door)
        form.addRow(t("kiosk.name"), self.name)
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(t("kiosk.welcome"), page))
        layout.addLayout(form)
        layout.addWidget(self._button("kiosk.find", "kioskFind", self.find_household))
        layout.addWidget(self.found)
        layout.addWidget(self._button("kiosk.board", "kioskBoard", self.show_board))
        layout.addStretch(1)
        return page

    def _board(self) -> QWidget:
        page = QWidget(self)
        self.board_title = named(QLabel(page), "kioskBoardTitle")
        self.board_table = _table(page, "kioskBoardTable", [
            self.ctx.t(c) for c in ("col.name", "col.household", "kiosk.col.flags",
                                    "kiosk.col.stars", "kiosk.col.score")], stretch=0)
        layout = QVBoxLayout(page)
        layout.addWidget(self.board_title)
        layout.addWidget(self.board_table, 1)
        layout.addWidget(self._button("kiosk.back", "kioskBoardBack", self.home))
        return page

    def _household(self) -> QWidget:
        page = QWidget(self)
        self.who = named(QLabel(page), "kioskWho")
        self.summary = named(QLabel(page), "kioskSummary")
        self.summary.setWordWrap(True)
        self.statement = _table(page, "kioskStatement", [
            self.ctx.t(c) for c in ("print.statement.col.date", "kiosk.col.deed", "col.points",
                                    "kiosk.col.status")], stretch=1)
        buttons = QHBoxLayout()
        buttons.addWidget(self._button("kiosk.print", "kioskPrint", self.print_statement))
        buttons.addWidget(self._button("kiosk.report", "kioskReport", self.show_report))
        buttons.addWidget(self._button("kiosk.done", "kioskDone", self.home))
        layout = QVBoxLayout(page)
        layout.addWidget(self.who)
        layout.addWidget(self.statement, 1)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        return page

    def _report(self) -> QWidget:
        t = self.ctx.t
        page = QWidget(self)
        self.whose = named(QComboBox(page), "kioskWhose")
        self.whose.addItem(t("kiosk.whose_me"), "me")
        self.whose.addItem(t("kiosk.whose_neighbour"), "neighbour")
        self.whose.currentIndexChanged.connect(self._whose_changed)
        self.neighbour_door = named(QLineEdit(page), "kioskNeighbourDoor")
        self.neighbour_name = named(QLineEdit(page), "kioskNeighbourName")
        self.rule = named(QComboBox(page), "kioskRule")
        self.day = named(QDateEdit(page), "kioskDate")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.note = named(QLineEdit(page), "kioskNote")
        self.note.setPlaceholderText(t("kiosk.note_hint"))
        self.report_problems = named(QLabel(page), "kioskReportProblems")
        self.report_problems.setWordWrap(True)
        self.report_problems.setStyleSheet("color: #b00020;")
        form = QFormLayout()
        form.addRow(t("kiosk.whose"), self.whose)
        form.addRow(t("kiosk.neighbour_door"), self.neighbour_door)
        form.addRow(t("kiosk.neighbour_name"), self.neighbour_name)
        form.addRow(t("kiosk.deed"), self.rule)
        form.addRow(t("print.statement.col.date"), self.day)
        form.addRow(t("kiosk.note"), self.note)
        buttons = QHBoxLayout()
        buttons.addWidget(self._button("kiosk.send", "kioskSend", self.send))
        buttons.addWidget(self._button("kiosk.back", "kioskReportBack", self.show_household))
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(t("kiosk.report_hint"), page))
        layout.addLayout(form)
        layout.addWidget(self.report_problems)
        layout.addLayout(buttons)
        layout.addStretch(1)
        return page

    # --- what a villager does -----------------------------------------------------------------

    def home(self) -> None:
        """The first page, emptied: nothing of the last villager stays on the screen."""
        self.villager = None
        for edit in (self.door, self.name, self.neighbour_door, self.neighbour_name, self.note):
            edit.clear()
        self.found.clear()
        self.statement.setRowCount(0)
        self.pages.setCurrentIndex(0)
        self.door.setFocus()

    def find_household(self) -> None:
        found = kiosk.find_residents(self.ctx.ledger, self.door.text(), self.name.text())
        if len(found) != 1:
            self.found.setText(self.ctx.t("kiosk.not_found" if not found else "kiosk.ask_office"))
            return
        self.villager = found[0]
        self.show_household()

    def show_board(self) -> None:
        tally = kiosk.board(self.ctx.ledger)
        self.board_title.setText(self.ctx.t("kiosk.board_title", month=str(tally.month)))
        # no public shaming: only those with stars are on the board, as on the wall
        _fill(self.board_table, [
            [r.name, r.household, "⚑" * r.flags, "★" * r.stars,
             "" if r.score is None else str(r.score)]
            for r in tally.rows if r.star_total > 0])
        self.pages.setCurrentIndex(1)

    def show_household(self) -> None:
        person = self.villager
        if person is None:
            self.home()
            return
        shown = kiosk.statement(self.ctx.acting(), person, self.ctx.lang)
        self.who.setText(self.ctx.t("kiosk.who", name=person.name, household=person.household))
        _fill(self.statement, [list(line) for line in shown.lines])
        self.summary.setText(shown.total)
        self.pages.setCurrentIndex(2)

    def print_statement(self) -> PdfPreviewDialog | None:
        if self.villager is None:
            return None
        dialog = PrintActions(self.ctx, self).statement(self.villager.name,
                                                        self.villager.household)
        dialog.paper_only()  # a printer or nothing: the screen never writes a file
        dialog.setWindowState(Qt.WindowState.WindowMaximized)
        return dialog

    def show_report(self) -> None:
        self.rule.clear()
        for r in kiosk.good_deeds(self.ctx.ledger):
            self.rule.addItem(aside(f"{r.code} {r.title(self.ctx.lang)}", r.points.signed(),
                                    self.ctx.lang), r.code)
        today = self.ctx.ledger.today()
        self.day.setMaximumDate(QDate(today.year, today.month, today.day))
        self.day.setDate(QDate(today.year, today.month, today.day))
        self.whose.setCurrentIndex(0)
        self._whose_changed(0)
        self.report_problems.clear()
        self.pages.setCurrentIndex(3)

    def _whose_changed(self, _index: int) -> None:
        neighbour = self.whose.currentData() == "neighbour"
        for edit in (self.neighbour_door, self.neighbour_name):
            edit.setEnabled(neighbour)

    def send(self) -> None:
        """The report, as a deed waiting for the committee (services.kiosk.report_deed)."""
        reporter = self.villager
        if reporter is None:
            return
        whose = reporter
        if self.whose.currentData() == "neighbour":
            found = kiosk.find_residents(self.ctx.ledger, self.neighbour_door.text(),
                                         self.neighbour_name.text())
            if len(found) != 1:
                self.report_problems.setText(self.ctx.t("kiosk.neighbour_not_found"))
                return
            whose = found[0]
        q = self.day.date()
        report = kiosk.Report(reporter.id, whose.id, str(self.rule.currentData() or ""),
                              dt.date(q.year(), q.month(), q.day()),
                              note=self.note.text().strip() or None)
        write(self.ctx, self, lambda ledger: kiosk.report_deed(ledger, report),
              done=lambda made: self._sent(made[0].id),
              problems=in_label(self.report_problems, self.ctx.lang))

    def _sent(self, deed_id: int) -> None:
        self.show_household()
        self.summary.setText(self.ctx.t("kiosk.sent", id=deed_id))

    # --- the way out: a committee member's PIN --------------------------------------------------

    def ask_exit(self) -> KioskExitDialog:
        self.exit_dialog = KioskExitDialog(self.ctx, self)
        self.exit_dialog.signed_off.connect(self.sign_off)
        self.exit_dialog.open()
        return self.exit_dialog

    def sign_off(self) -> None:
        self.unlocked = True
        self.idle.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.close()
        self.closed.emit()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if self.unlocked:
            event.accept()
        else:  # Alt+F4 and the like: only a committee member's PIN closes the screen
            event.ignore()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() != Qt.Key.Key_Escape:  # Esc does not leave the screen
            super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress):
            self.idle.start()  # someone is using it: the idle clock starts again
        return super().eventFilter(watched, event)
