"""The audit log as a Qt table: when (local time), who, and what they did in a sentence
(services.audit_log), never raw JSON."""

from __future__ import annotations

from typing import Any

from village_tally.services.audit_log import LogLine
from village_tally.ui.list_model import ListModel


class AuditModel(ListModel):
    COL_WHEN, COL_WHO, COL_WHAT = range(3)
    headers = ("col.when", "col.who", "col.what")

    def cells(self, item: Any) -> tuple[str, ...]:
        line: LogLine = item
        return (line.when(), line.who(self.lang), line.text(self.lang))
