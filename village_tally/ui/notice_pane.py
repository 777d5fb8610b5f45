"""The Month screen's villager's side: publish for notice, the objection queue (days left of
20) with its answers, and the hand tally's differences with their explanations."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from village_tally.core.authority import Action, may
from village_tally.core.month import Month
from village_tally.core.objection import Difference, Objection, Period
from village_tally.core.points import parse_points
from village_tally.core.problem import ParseError
from village_tally.services import hand_tally, notices, objections
from village_tally.services.hand_tally import HandTotal
from village_tally.services.session import Ledger
from village_tally.ui.context import UiContext
from village_tally.ui.named import named
from village_tally.ui.operation import Operation, long_job, read

# What a refresh reads: the notice period, the objection queue, the hand tally's differences.
Found = tuple[Period | None, list[Objection], list[Difference]]
HEAD = ("objection", "deed", "raised_by", "says", "days_left")


class NoticePane(QWidget):
    """Publish, answer objections, enter hand totals and explain differences: each a service
    call as the person at the keyboard; Enter in a field does its button's work."""

    def __init__(self, ctx: UiContext, month: Callable[[], Month],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.month = ctx, month
        t = ctx.t
        self.notice_label = named(QLabel(self), "noticeLabel")
        self.notice_label.setWordWrap(True)
        self.publish_button = self._button("ui.notice.publish", "publishButton",
                                            self.put_on_notice)
        self.queue = named(QTableWidget(0, len(HEAD), self), "objectionQueue")
        self.queue.setHorizontalHeaderLabels([t(f"col.{c}") for c in HEAD])
        self.queue.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.queue.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.queue.verticalHeader().hide()
        header = self.queue.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(HEAD.index("says"), QHeaderView.ResizeMode.Stretch)
        self.reason_edit = self._edit("ui.notice.reason", "answerReason", self.reject)
        self.uphold_button = self._button("ui.notice.uphold", "upholdButton",
                                          lambda: self.answer(True))
        self.reject_button = self._button("ui.notice.reject", "rejectButton", self.reject)
        self.area_edit = self._edit("ui.notice.hand_key", "handArea", None)
        self.total_edit = self._edit("ui.notice.hand_total", "handTotal", self.enter_total)
        self.hand_button = self._button("ui.notice.hand_enter", "handButton", self.enter_total)
        self.diff_label = named(QLabel(self), "differences")
        self.diff_label.setWordWrap(True)
        self.explain_edit = self._edit("ui.notice.explanation", "explainEdit", self.explain)
        self.explain_button = self._button("ui.notice.explain", "explainButton", self.explain)
        grid = QGridLayout(self)
        grid.addWidget(self.notice_label, 0, 0, 1, 3)
        grid.addWidget(self.publish_button, 0, 3)
        grid.addWidget(QLabel(t("ui.notice.queue"), self), 1, 0, 1, 4)
        grid.addWidget(self.queue, 2, 0, 1, 4)
        grid.addWidget(self.reason_edit, 3, 0, 1, 2)
        grid.addWidget(self.uphold_button, 3, 2)
        grid.addWidget(self.reject_button, 3, 3)
        grid.addWidget(self.area_edit, 4, 0)
        grid.addWidget(self.total_edit, 4, 1, 1, 2)
        grid.addWidget(self.hand_button, 4, 3)
        grid.addWidget(self.diff_label, 5, 0, 1, 4)
        grid.addWidget(self.explain_edit, 6, 0, 1, 3)
        grid.addWidget(self.explain_button, 6, 3)
        self.shown: list[Objection] = []
        self.asked = 0  # reads asked for: an older one arriving late is not shown
        self.reading: Operation[Found] | None = None

    def _button(self, code: str, name: str, slot: Callable[[], object]) -> QPushButton:
        button = named(QPushButton(self.ctx.t(code), self), name)
        button.clicked.connect(slot)
        return button

    def _edit(self, code: str, name: str, on_enter: Callable[[], object] | None) -> QLineEdit:
        edit = named(QLineEdit(self), name)
        edit.setPlaceholderText(self.ctx.t(code))
        if on_enter is not None:
            edit.returnPressed.connect(on_enter)
        return edit

    def refresh(self) -> None:
        """Read the month's notice, the open objections and the hand-tally differences, off
        the GUI thread (opening the month waited 1-5 ms for them: bench/bench_gui.py)."""
        month = self.month()
        committee = may(self.ctx.person, Action.OBJECT)  # the queue is the committee's

        def found(ledger: Ledger) -> Found:
            return (notices.period(ledger, month),
                    objections.queue(ledger) if committee else [],
                    hand_tally.differences(ledger, month))

        self.asked += 1
        asked = self.asked
        self.reading = read(self.ctx, self, found,
                            done=lambda got: self._show(month, *got) if asked == self.asked
                            else None)

    def _show(self, month: Month, period: Period | None, shown: list[Objection],
              differences: list[Difference]) -> None:
        t = self.ctx.t
        if period is None:
            self.notice_label.setText(t("ui.notice.none", month=month))
        else:
            notice = notices.as_notice(period, self.ctx.lang)
            self.notice_label.setText(t("ui.notice.period", starts=period.starts.isoformat(),
                                        ends=period.ends.isoformat(), contact=notice.contact,
                                        place=notice.place))
        self.shown = shown  # a gatherer or nobody sees the queue empty
        self.queue.setRowCount(len(self.shown))
        today = self.ctx.ledger.today()
        for row, o in enumerate(self.shown):
            cells = (f"#{o.id}", f"#{o.deed_id}", o.raised_by, o.text, str(o.days_left(today)))
            for col, text in enumerate(cells):
                self.queue.setItem(row, col, QTableWidgetItem(text))
        lines = [t("ui.notice.difference", key=d.key, hand=d.hand.signed(),
                   ledger=d.ledger.signed(), gap=d.gap.signed(),
                   deeds=", ".join(f"#{x.id} {x.name} {x.points.signed()}"
                                   for x in (d.suspects() or d.deeds)[:8]),
                   state=d.explanation or t("ui.notice.agrees" if d.hand == d.ledger
                                            else "ui.notice.unexplained"))
                 for d in differences]
        self.diff_label.setText("\n".join(lines) or t("ui.notice.no_hand"))

    def _write(self, call: Callable[[Ledger], object], title: str) -> None:
        long_job(self.ctx, self, lambda ledger, _control: call(ledger), title=title,
                 writes=True, done=lambda _result: self.refresh())

    def put_on_notice(self) -> None:
        month = self.month()
        self._write(lambda ledger: notices.publish_month(ledger, month), self.ctx.t(
            "ui.notice.publish"))

    def selected(self) -> Objection | None:
        rows = self.queue.selectionModel().selectedRows()
        return self.shown[rows[0].row()] if rows else (self.shown[0] if self.shown else None)

    def answer(self, upheld: bool) -> None:
        chosen, reason, lang = self.selected(), self.reason_edit.text(), self.ctx.lang
        if chosen is None:
            return
        self._write(lambda ledger: objections.answer(ledger, chosen.id, upheld=upheld,
                                                     reason=reason, lang=lang),
                    self.ctx.t("ui.notice.uphold" if upheld else "ui.notice.reject"))
        self.reason_edit.clear()

    def reject(self) -> None:
        self.answer(False)

    def enter_total(self) -> None:
        month, key = self.month(), self.area_edit.text().strip()
        try:
            total = parse_points(self.total_edit.text())
        except ParseError:
            self.total_edit.selectAll()
            return
        self._write(lambda ledger: hand_tally.enter_totals(
            ledger, month, [HandTotal("area", key, total)]), self.ctx.t("ui.notice.hand_enter"))

    def explain(self) -> None:
        month, key, text = self.month(), self.area_edit.text().strip(), self.explain_edit.text()
        self._write(lambda ledger: hand_tally.explain(ledger, month, key=key, explanation=text),
                    self.ctx.t("ui.notice.explain"))
