"""The rolling backups as the restore screen lists them: when each was taken, what it was taken
before, and what verifying it found (only one that matches may be chosen)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from village_tally.i18n import tr
from village_tally.services import proof
from village_tally.ui.list_model import ListModel
from village_tally.ui.words import problem_text


class BackupModel(ListModel):
    """The backups: when, what it was taken before, and what verifying it found."""

    COL_TAKEN, COL_LABEL, COL_STATE = range(3)
    headers = ("ui.restore.taken", "ui.restore.label", "ui.restore.state")

    def cells(self, item: Any) -> tuple[str, ...]:
        backup: proof.Backup = item
        state = (tr("ui.restore.verified", self.lang) if backup.ok else
                 tr("ui.restore.differs", self.lang, count=len(backup.problems),
                    first=problem_text(backup.problems[0], self.lang)))
        return backup.taken, _before(backup.label, self.lang), state

    def flags(self, index: Any) -> Qt.ItemFlag:
        backup = self.item_at(index.row()) if index.isValid() else None
        if backup is None or not backup.ok:  # a backup that does not verify is not offered
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def _before(label: str, lang: str) -> str:
    """What a backup was taken before, in words (`close-2026-10`: closing 2026-10)."""
    kind, _, what = label.partition("-")
    if kind == "close" and what:
        return tr("ui.restore.before_close", lang, month=what)
    if kind == "import" and what:
        return tr("ui.restore.before_import", lang)
    return label
