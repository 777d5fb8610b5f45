"""A resident's page: who they are, their totals, a chart of points by month, and every deed
that changed their points (what a villager asks to see)."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from village_tally.core.deed import Deed, Resident, Status
from village_tally.core.month import Month
from village_tally.core.points import ZERO, Points
from village_tally.core.tally import TallyRow
from village_tally.services import deeds, months, roster
from village_tally.services.changes import Changes
from village_tally.services.deeds import DeedFilter
from village_tally.ui.columns import keep_fitted
from village_tally.ui.context import UiContext
from village_tally.ui.deed_model import (
    COL_AREA,
    COL_HOUSEHOLD,
    COL_NAME,
    COL_TITLE,
    DeedTableModel,
)
from village_tally.ui.ledger_view import DeedActions
from village_tally.ui.named import named
from village_tally.ui.operation import Latest, reader
from village_tally.ui.points_chart import PointsChart
from village_tally.ui.printing_actions import PrintActions

if TYPE_CHECKING:
    from village_tally.services.session import Ledger

CHART_MONTHS = 12


def points_by_month(items: list[Deed], last: Month, count: int = CHART_MONTHS
                    ) -> list[tuple[str, Points]]:
    """Approved points per month for the `count` months ending with `last` (voids and pending
    deeds are not counted, as in the tally)."""
    sums: dict[Month, Points] = defaultdict(lambda: ZERO)
    for d in items:
        if d.status == Status.APPROVED:
            sums[d.month] = sums[d.month] + d.points
    return [(str(m), sums[m]) for m in (last + (i - count + 1) for i in range(count))]


# Who the resident is, their row of this month's tally, their points by month.
Page = tuple[Resident, TallyRow | None, list[tuple[str, Points]]]


def _page(ledger: Ledger, resident_id: int) -> Page | None:
    person = roster.get_resident(ledger, resident_id)
    if person is None:
        return None
    month = months.open_month(ledger)
    row = next((r for r in months.tally(ledger, month).rows if r.resident_id == person.id),
               None)
    everything = deeds.list_deeds(ledger, DeedFilter(resident_id=person.id))
    return person, row, points_by_month(everything, month)


class ResidentPage(QWidget):
    def __init__(self, ctx: UiContext, resident_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.resident_id = resident_id
        self.resident: Resident | None = roster.get_resident(ctx.ledger, resident_id)
        self.deed_actions = DeedActions(ctx, self)
        self.printing = PrintActions(ctx, self)
        self.title = named(QLabel(self), "residentTitle")
        self.totals = named(QLabel(self), "residentTotals")
        self.chart = PointsChart(self)
        self.model = DeedTableModel(ctx.ledger, ctx.lang, DeedFilter(resident_id=resident_id),
                                    self, load=False, reader=reader(ctx, self))
        self.table = named(QTableView(self), "residentDeeds")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        for col in (COL_NAME, COL_HOUSEHOLD, COL_AREA):  # the page is about one person
            self.table.setColumnHidden(col, True)
        keep_fitted(self.table, stretch=COL_TITLE)
        buttons = QHBoxLayout()
        acts = self.deed_actions
        for code, slot in (("ui.ledger.void", lambda: acts.void(self.selected())),
                           ("ui.ledger.approve", lambda: acts.approve(self.selected())),
                           ("ui.ledger.audit", lambda: acts.audit(self.selected()))):
            button = QPushButton(ctx.t(code), self)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        statement = named(QPushButton(ctx.t("ui.print.statement"), self), "printStatement")
        statement.clicked.connect(self.print_statement)
        buttons.addWidget(statement)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.totals)
        layout.addWidget(self.chart)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        ctx.bus.changed.connect(self.on_changed)
        self.reads = Latest(ctx, self)  # a read after a change overtakes an older one
        if self.resident is not None:
            self.refresh()

    def refresh(self) -> None:
        """The page again, read off the GUI thread (a tally and every deed of the resident:
        a freeze of 100 ms and more on a big village, bench/bench_gui.py)."""
        rid = self.resident_id
        self.reads.read(lambda ledger: _page(ledger, rid), self._show)
        self.model.refresh()

    def _show(self, page: Page | None) -> None:
        if page is None:
            return
        person, row, series = page
        self.resident = person
        t = self.ctx.t
        status = t(f"ui.roster.status.{person.status}")
        self.title.setText(f"<h2>{person.name}</h2>" + t(
            "ui.resident.who", household=person.household, area=person.area or "—",
            door=person.door_plate or "—", status=status))
        if row is not None:
            text = t("ui.resident.totals", total=row.total_points.signed(), flags=row.flags,
                     stars=row.stars, pending=row.pending_points.signed())
            if row.score is not None:
                text += t("ui.resident.score", score=str(row.score), grade=row.grade or "—")
            self.totals.setText(text)
        self.chart.set_series(series)

    def on_changed(self, changes: Changes) -> None:
        if changes.deeds or changes.roster or changes.months:
            self.refresh()

    def print_statement(self) -> QWidget | None:
        """Everything that changed this resident's points, for them to read and object to."""
        if self.resident is None:
            return None
        return self.printing.statement(self.resident.name, self.resident.household)

    def selected(self) -> Deed | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.deed_at(rows[0].row()) if rows else None
