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
ANSWERED = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole,
                      Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.TextAlignmentRole})


class PendingModel(ListModel):
    # What deciding needs first (who, how much, why), then what and who wrote it down.
    COL_ID, COL_NAME, COL_POINTS, COL_WHY, COL_TITLE, COL_RECORDER, COL_TYPIST, COL_DATE = \
        range(8)
    headers = ("ui.deed.id", "col.name", "col.points", "ui.pending.col.why", "col.title",
               "ui.deed.recorder", "ui.pending.col.typist", "ui.deed.date")

    def __init__(self, lang: str, titles: Mapping[str, str], parent: Any = None) -> None:
        super().__init__(lang, parent)
        self.titles = titles
        # Each row's texts, made once: Qt reads each cell several times as it measures and
        # paints, and the why of a deed is put in words each time (the Month screen's first
        # column fitting took 24 ms on the 1,000,000-deed village: bench/bench_gui.py).
        self._texts: dict[int, tuple[str, ...]] = {}

    def set_items(self, items: list[Any]) -> None:
        self._texts = {}
        super().set_items(items)

    def cells(self, item: Any) -> tuple[str, ...]:
        w: Waiting = item
        d = w.deed
        return (str(d.id), aside(d.name, d.household, self.lang), d.points.signed(),
                "；".join(_plain(w, self.lang)), self.titles.get(d.rule_code or "", d.title),
                d.recorder, d.typist or d.recorder, d.date.isoformat())

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in ANSWERED or not index.isValid():  # the roles Qt asks most, first
            return None
        row, column = index.row(), index.column()
        w = self.pending_at(row)
        if w is None or column >= len(self.headers):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts_of(row, w)[column]
        return self._mark(w, role, column)

    def _mark(self, w: Waiting, role: int, column: int) -> Any:
        """Greyed with the reason in the tooltip if the person may not approve it; numbers
        to the right."""
        if role == Qt.ItemDataRole.ForegroundRole:
            return GREY if w.refused else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return problem_lines(w.refused, self.lang) if w.refused else \
                "\n".join(_plain(w, self.lang))
        return RIGHT if column in (self.COL_ID, self.COL_POINTS) else None

    def _texts_of(self, row: int, w: Waiting) -> tuple[str, ...]:
        texts = self._texts.get(row)
        if texts is None:
            texts = self._texts[row] = self.cells(w)
        return texts

    def pending_at(self, row: int) -> Waiting | None:
        found = self.item_at(row)
        return found if isinstance(found, Waiting) else None


def _plain(w: Waiting, lang: str) -> list[str]:
    from village_tally.ui.words import problem_text

    return [problem_text(p, lang, place=False) for p in w.why]
