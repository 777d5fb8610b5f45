"""The audit screen: the whole log in sentences, newest first, filtered by who acted, the kind
of action, the resident it was about (name, pinyin initials, or 马少军（0001） for namesakes)
and the dates (local days); the committee's and the secretary's (Action.AUDIT). The same screen
without filters is a deed's trail (`AuditView(ctx, deed=…)`: anyone may read it, oldest
first), in place of the table of raw details there was."""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from village_tally.core.deed import Deed, Resident
from village_tally.core.month import parse_date
from village_tally.core.problem import ParseError
from village_tally.services import audit_log, people, roster
from village_tally.services.audit_log import KINDS, LogFilter, LogLine
from village_tally.ui.audit_model import AuditModel
from village_tally.ui.columns import keep_fitted
from village_tally.ui.context import UiContext
from village_tally.ui.named import named
from village_tally.ui.operation import Latest, Operation
from village_tally.ui.words import problem_text

LIMIT = 1000  # the newest entries shown; filters find older ones
NAME_AND_HOUSEHOLD = re.compile(r"^(.+?)[（(]\s*([^）)]+?)\s*[）)]$")


class AuditView(QWidget):
    """The log (with filters), or one deed's trail (without)."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None, *,
                 deed: Deed | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("auditView")
        self.ctx = ctx
        self.deed = deed
        self.latest = Latest(ctx, self)  # reads run in parallel: only the latest is shown
        self.model = AuditModel(ctx.lang, self)
        self.table = named(QTableView(self), "auditTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        keep_fitted(self.table, stretch=AuditModel.COL_WHAT)
        self.note = named(QLabel(self), "auditNote")
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if deed is None:
            layout.addLayout(self._filters())
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        self.reload()

    def _filters(self) -> QHBoxLayout:
        t = self.ctx.t
        self.person_box = named(QComboBox(self), "auditPerson")
        self.person_box.addItem(t("ui.auditlog.anyone"), None)
        for p in people.list_people(self.ctx.ledger):
            self.person_box.addItem(p.name, p.name)
        self.kind_box = named(QComboBox(self), "auditKind")
        self.kind_box.addItem(t("ui.auditlog.any_kind"), None)
        for kind in KINDS:
            self.kind_box.addItem(t(f"audit.kind.{kind}"), kind)
        self.resident_edit = named(QLineEdit(self), "auditResident")
        self.resident_edit.setPlaceholderText(t("ui.auditlog.resident"))
        self.since_edit = named(QLineEdit(self), "auditSince")
        self.until_edit = named(QLineEdit(self), "auditUntil")
        for edit, hint in ((self.since_edit, "ui.auditlog.since"),
                           (self.until_edit, "ui.auditlog.until")):
            edit.setPlaceholderText(t(hint))
            edit.setMaximumWidth(130)
        for box in (self.person_box, self.kind_box):
            box.currentIndexChanged.connect(lambda _i: self.reload())
        for edit in (self.resident_edit, self.since_edit, self.until_edit):
            edit.returnPressed.connect(self.reload)
        show = named(QPushButton(t("ui.auditlog.show"), self), "auditShow")
        show.clicked.connect(self.reload)
        row = QHBoxLayout()
        for widget in (self.person_box, self.kind_box, self.resident_edit, self.since_edit,
                       self.until_edit, show):
            row.addWidget(widget)
        row.setStretch(2, 1)
        return row

    # --- reading ---------------------------------------------------------------------------

    def reload(self) -> Operation[list[LogLine]] | None:
        """Read the log off the GUI thread as the person at the keyboard; a filter that
        cannot be read (a date that is not one, a name of several residents) is said here
        and nothing is read."""
        if self.deed is not None:
            deed_id = self.deed.id
            return self.latest.read(lambda ledger: audit_log.deed_history(ledger, deed_id),
                                    self._loaded)
        filters = self._filter()
        if filters is None:
            self.latest.overtake()
            self.model.set_items([])
            return None
        return self.latest.read(lambda ledger: audit_log.audit_log(
            ledger, filters, limit=LIMIT), self._loaded,
            problems=lambda problems: self.note.setText(
                "\n".join(problem_text(p, self.ctx.lang) for p in problems)))

    def _loaded(self, lines: list[LogLine]) -> None:
        self.model.set_items(lines)
        code = "ui.auditlog.count_limited" if len(lines) >= LIMIT else "ui.auditlog.count"
        self.note.setText(self.ctx.t(code, count=len(lines)))

    def _filter(self) -> LogFilter | None:
        try:
            since = self._day(self.since_edit)
            until = self._day(self.until_edit)
        except ParseError as exc:
            self.note.setText(self.ctx.t(exc.code, **exc.params))
            return None
        resident_id: int | None = None
        typed = self.resident_edit.text().strip()
        if typed:
            found = self._resident(typed)
            if found is None:
                return None
            resident_id = found.id
        return LogFilter(since=since, until=until, person=self.person_box.currentData(),
                         kind=self.kind_box.currentData(), resident_id=resident_id)

    @staticmethod
    def _day(edit: QLineEdit) -> dt.date | None:
        text = edit.text().strip()
        return parse_date(text) if text else None

    def _resident(self, typed: str) -> Resident | None:
        """The one resident meant: a name or initials, or 马少军（0001） for namesakes."""
        t = self.ctx.t
        both = NAME_AND_HOUSEHOLD.match(typed)
        query, household = (both.group(1), both.group(2)) if both else (typed, None)
        found = [r for r in roster.find_residents(self.ctx.ledger, query, include_inactive=True)
                 if household is None or r.household == household]
        exact = [r for r in found if r.name == query.strip()]
        found = exact or found
        if len(found) == 1:
            return found[0]
        if not found:
            self.note.setText(t("resident.unknown", name=typed))
        else:
            self.note.setText(t("ui.auditlog.several", name=typed, names="、".join(
                f"{r.name}（{r.household}）" for r in found)))
        return None


class AuditDialog(QDialog):
    """The audit screen in its own window: the whole log (toolbar › Audit log…), or one
    deed's trail (the ledger's Audit button)."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None, *,
                 deed: Deed | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("auditDialog")
        t = ctx.t
        layout = QVBoxLayout(self)
        if deed is not None:
            self.setWindowTitle(t("ui.audit.title", deed_id=deed.id))
            info = QLabel(t("ui.audit.deed", deed_id=deed.id, name=deed.name, title=deed.title,
                            points=deed.points.signed(), source=deed.source.text() or "—",
                            recorder=deed.recorder), self)
            info.setWordWrap(True)
            layout.addWidget(info)
        else:
            self.setWindowTitle(t("ui.auditlog.title"))
        self.view = AuditView(ctx, self, deed=deed)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        if deed is None:
            self.resize(900, 560)
        else:
            self.resize(720, 340)
