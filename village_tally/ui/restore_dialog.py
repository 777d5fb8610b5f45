"""Restore a backup: the village file's rolling backups, newest first, each verified (on a
worker, on a copy) before it is offered; only a backup that matches its own record can be
chosen. The window then closes the village, the backup takes its place, and it opens again
(ui/app.py); the file it replaced is kept beside the backups."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from village_tally.i18n import tr
from village_tally.services import proof
from village_tally.services.jobs import JobControl
from village_tally.ui.backup_model import BackupModel
from village_tally.ui.jobs import Job, show_progress
from village_tally.ui.messages import error_text
from village_tally.ui.named import named


class RestoreDialog(QDialog):
    """The backups of the village at `db`; `chosen(path, name, pin)` when a verified one is
    picked by a secretary, who signs in on it (the village as the backup has it: the file it
    replaces may not match its own record)."""

    def __init__(self, db: str, lang: str, parent: QWidget | None, *,
                 chosen: Callable[[Path, str, str], object], name: str = "") -> None:
        super().__init__(parent)
        self.lang = lang
        self.chosen = chosen
        self.setObjectName("restoreDialog")
        self.setWindowTitle(tr("ui.restore.title", lang))
        self.model = BackupModel(lang, self)
        self.table = named(QTableView(self), "backups")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.doubleClicked.connect(lambda _index: self.restore())
        self.note = named(QLabel(tr("ui.restore.checking", lang), self), "restoreNote")
        self.note.setWordWrap(True)
        self.name = named(QLineEdit(name, self), "restoreName")
        self.pin = named(QLineEdit(self), "restorePin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(tr("ui.restore.secretary", lang), self.name)
        form.addRow(tr("ui.restore.pin", lang), self.pin)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.button = box.addButton(tr("ui.restore.do", lang),
                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.button.setObjectName("restoreChosen")
        self.button.setEnabled(False)
        box.accepted.connect(self.restore)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("ui.restore.help", lang), self))
        layout.addWidget(self.table)
        layout.addWidget(self.note)
        layout.addLayout(form)
        layout.addWidget(box)
        self.resize(760, 380)
        self.job = Job(lambda control: _verified(db, control), self)
        show_progress(self.job, self, tr("ui.restore.checking", lang), tr("ui.cancel", lang))
        self.job.finished.connect(self._listed)
        self.job.failed.connect(lambda exc: self.note.setText(error_text(exc, lang)))
        self.job.start()

    def _listed(self, found: list[proof.Backup]) -> None:
        self.model.set_items(found)
        self.table.resizeColumnsToContents()
        good = [i for i, b in enumerate(found) if b.ok]
        self.note.setText(tr("ui.restore.found", self.lang, count=len(found), good=len(good)))
        if good:
            self.table.selectRow(good[0])
            self.button.setEnabled(True)

    def restore(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        backup = self.model.item_at(rows[0].row()) if rows else None
        if backup is not None and backup.ok:
            self.accept()
            self.chosen(backup.path, self.name.text(), self.pin.text())


def _verified(db: str, control: JobControl) -> list[proof.Backup]:
    return proof.backups(db, job=control)
