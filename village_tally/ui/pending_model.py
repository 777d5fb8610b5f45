"""The deeds waiting for approval as a Qt table (the Month screen's pending list): who it is
for, what, how many points, who recorded it and who typed it, and why it waits. A deed the
signed-in person may not approve is greyed, the reason in its tooltip."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from village_tally.i18n import aside
from village_tally.services.pending import Waiting
from village_tally.ui.list_model import Index, ListModel
from village_tally.ui.words import problem_lines

GREY = QBrush(QColor("#888888"))
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class PendingModel(ListModel):
    # What deciding needs first (who, how much, why), then what and who wrote it down.
    COL_ID, COL_NAME, COL_POINTS, COL_WHY, COL_TITLE, COL_RECORDER, COL_TYPIST, COL_DATE = \
        range(8)
    headers = ("ui.deed.id", "col.name", "col.points", "ui.pending.col.why", "col.title",
               "ui.deed.recorder", "ui.pending.col.typist", "ui.deed.date")

    def __init__(self, lang: str, titles: Mapping[str, str], parent: Any = None) -> None:
        super().__init__(lang, parent)
        self.titles = titles

    def cells(self, item: Any) -> tuple[str, ...]:
        w: Waiting = item
        d = w.deed
        return (str(d.id), aside(d.name, d.household, self.lang), d.points.signed(),
                "；".join(_plain(w, self.lang)), self.titles.get(d.rule_code or "", d.title),
                d.recorder, d.typist or d.recorder, d.date.isoformat())

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        w = self.pending_at(index.row()) if index.isValid() else None
        if w is None or role == Qt.ItemDataRole.DisplayRole:
            return super().data(index, role)
        if role == Qt.ItemDataRole.ForegroundRole and w.refused:
            return GREY
        if role == Qt.ItemDataRole.ToolTipRole:
            return problem_lines(w.refused, self.lang) if w.refused else \
                "\n".join(_plain(w, self.lang))
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (self.COL_ID,
                                                                          self.COL_POINTS):
            return RIGHT
        return None

    def pending_at(self, row: int) -> Waiting | None:
        found = self.item_at(row)
        return found if isinstance(found, Waiting) else None


def _plain(w: Waiting, lang: str) -> list[str]:
    from village_tally.ui.words import problem_text

    return [problem_text(p, lang, place=False) for p in w.why]
