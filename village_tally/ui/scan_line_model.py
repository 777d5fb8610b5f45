"""The scanned lines of the sheets being confirmed: one row a paper line, with what it
proposes and where it stands (sure, to check, entered, refused)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject

from village_tally.core.omr import FieldRead
from village_tally.core.problem import Problem
from village_tally.i18n import tr
from village_tally.services.scan_confirm import Proposal, ScannedSheet
from village_tally.ui.list_model import ListModel

READY, REVIEW, SAVED, REFUSED = "ready", "review", "saved", "refused"


@dataclass
class ScanRow:
    """One proposed line and where it stands; `said` is why it needs a look, or what
    refused it, in words."""

    sheet: ScannedSheet
    line: Proposal
    state: str
    said: str = ""
    deed_id: int | None = None
    problems: tuple[Problem, ...] = ()  # what a check said when it refused the line

    @property
    def key(self) -> tuple[str, int]:
        return self.line.sheet, self.line.line


def unsure_words(read: FieldRead, lang: str) -> str:
    return tr("scan.reason." + read.reason, lang) if read.reason else ""


def why_unsure(line: Proposal, lang: str) -> str:
    """The fields to check and why ("村民序号 涂得太浅，看不准")."""
    parts = [f"{tr('scan.field.' + name, lang)} {unsure_words(read, lang)}".strip()
             for name, read in (("resident", line.resident), ("rule", line.rule),
                                ("quantity", line.quantity)) if read.certainty != "sure"]
    return "；".join(parts) if lang == "zh" else "; ".join(parts)


class ScanLineModel(ListModel):
    COL_SHEET, COL_LINE, COL_RESIDENT, COL_RULE, COL_QUANTITY, COL_STATE = range(6)
    headers = ("ui.scan.col.sheet", "ui.scan.col.line", "ui.scan.col.resident",
               "ui.scan.col.rule", "ui.scan.col.quantity", "ui.scan.col.state")

    def __init__(self, lang: str, parent: QObject | None = None) -> None:
        super().__init__(lang, parent)
        self.items: list[ScanRow]

    def _field(self, read: FieldRead, sure: str) -> str:
        if read.certainty == "sure":
            return sure
        return tr("ui.scan.unsure", self.lang, why=unsure_words(read, self.lang))

    def cells(self, item: Any) -> tuple[str, ...]:
        row: ScanRow = item
        ln = row.line
        state = {READY: lambda: tr("ui.scan.state.ready", self.lang),
                 REVIEW: lambda: tr("ui.scan.state.review", self.lang, why=row.said),
                 SAVED: lambda: tr("ui.scan.state.saved", self.lang, deed=row.deed_id),
                 REFUSED: lambda: tr("ui.scan.state.refused", self.lang, why=row.said)}
        return (ln.sheet, str(ln.line),
                self._field(ln.resident, row.sheet.name_of(ln.resident_id)),
                self._field(ln.rule, ln.rule_code or ""),
                self._field(ln.quantity, str(ln.quantity.value)), state[row.state]())

    def changed(self, row: ScanRow) -> None:
        """A row's state changed: its cells say so."""
        i = self.items.index(row)
        self.dataChanged.emit(self.index(i, 0), self.index(i, self.columnCount() - 1))

    def count(self, state: str) -> int:
        return sum(1 for r in self.items if r.state == state)
