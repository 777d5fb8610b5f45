"""The handbook's rules as a Qt table (the handbook view shows it)."""

from __future__ import annotations

from village_tally.core.rule import Rule
from village_tally.i18n import cap_text, tr
from village_tally.ui.list_model import ListModel

COL_CODE, COL_TITLE, COL_POINTS, COL_UNIT, COL_CAP, COL_APPROVAL, COL_ACTIVE = range(7)


class RuleTableModel(ListModel):
    """One row per rule, in the columns COL_CODE … COL_ACTIVE."""

    headers = ("col.code", "col.title", "col.points", "col.unit", "col.cap", "col.approval",
               "ui.handbook.active")

    def cells(self, item: Rule) -> tuple[str, ...]:
        return (item.code, item.title(self.lang), item.points.signed(), item.unit(self.lang),
                cap_text(item.monthly_cap, item.cap_period, self.lang),
                "" if item.approval_above is None else str(item.approval_above),
                tr("ui.yes" if item.active else "ui.no", self.lang))

