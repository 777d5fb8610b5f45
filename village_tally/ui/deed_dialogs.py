"""Dialogs about one deed: void it with a reason, and read its audit trail."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from village_tally.core.deed import Deed
from village_tally.i18n import has_message, tr
from village_tally.ui.messages import problems_label, run_or_say


class ReasonDialog(QDialog):
    """Ask for a reason (void, move, status change): OK stays disabled until one is written.

    With `act`, OK runs it with the reason: bad input is said in the dialog, which stays open
    with what was typed; done, it closes and `done` carries what the action returned."""

    done = Signal(object)

    def __init__(self, title: str, prompt: str, lang: str, parent: QWidget | None = None,
                 *, act: Callable[[str], Any] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.lang = lang
        self.act = act
        self.reason_edit = QLineEdit(self, objectName="reasonEdit")
        self.problems = problems_label(self, "reasonProblems")
        self.form = form = QFormLayout()  # dialogs built on this one add their rows here
        form.addRow(QLabel(prompt, self))
        form.addRow(tr("ui.reason", lang), self.reason_edit)
        form.addRow(self.problems)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setEnabled(False)
        self.reason_edit.textChanged.connect(
            lambda text: self.ok_button.setEnabled(bool(text.strip())))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    @property
    def reason(self) -> str:
        return self.reason_edit.text().strip()

    def accept(self) -> None:
        if self.act is None:
            super().accept()
            return
        act = self.act
        self.problems.clear()
        result = run_or_say(self, self.problems, self.lang, lambda: act(self.reason))
        if result is None:
            return
        super().accept()
        self.done.emit(result)


def void_prompt(deed: Deed, lang: str) -> str:
    return tr("ui.void.prompt", lang, deed_id=deed.id, name=deed.name, title=deed.title,
              points=deed.points.signed(), date=deed.date.isoformat())


class AuditDialog(QDialog):
    """Who did what to a deed, and when: entry, approval, void, adjustment (invariant 4)."""

    def __init__(self, deed: Deed, entries: list[dict[str, Any]], lang: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("ui.audit.title", lang, deed_id=deed.id))
        self.table = QTableWidget(len(entries), 4, self)
        self.table.setObjectName("auditTable")
        self.table.setHorizontalHeaderLabels([tr(c, lang) for c in (
            "ui.audit.at", "ui.audit.who", "ui.audit.action", "ui.audit.details")])
        for row, entry in enumerate(entries):
            action = str(entry["action"])
            code = f"ui.audit.{action}"
            details: dict[str, Any] = entry.get("details") or {}
            shown = {k: v for k, v in details.items() if k not in ("deeds", "digest")}
            cells = (str(entry["at"]), str(entry["actor"]),
                     tr(code, lang) if has_message(code) else action,
                     json.dumps(shown, ensure_ascii=False) if shown else "")
            for col, text in enumerate(cells):
                self.table.setItem(row, col, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        info = QLabel(tr("ui.audit.deed", lang, deed_id=deed.id, name=deed.name,
                         title=deed.title, points=deed.points.signed(),
                         source=deed.source.text() or "—", recorder=deed.recorder), self)
        info.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(info)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(640, 320)
