"""When the ledger does not match its own record: the bar that says so over the window, the
differences in words with a secretary's "understood" (and its reason), and the field that
checks a verification code from a paper on the wall (services/proof.py, imported when one of
them is used: the bar is built before the entry grid is usable, bench/bench_startup.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from village_tally.core.problem import Field, Problem
from village_tally.i18n import local_time
from village_tally.services.audit import VerifyReport
from village_tally.ui.context import UiContext
from village_tally.ui.named import named
from village_tally.ui.operation import in_label, read, write
from village_tally.ui.words import problem_lines, problem_text

if TYPE_CHECKING:
    from village_tally.services.proof import CodeCheck

RED = "color: #b00020;"
SHOWN = 3  # differences the bar lists; the dialog lists them all


class UnverifiedBar(QFrame):
    """A red bar over the tabs while the ledger does not match its record: what differs, and
    the two ways out (restore a verified backup, or record that it is understood)."""

    def __init__(self, ctx: UiContext, parent: QWidget, *, restore: Callable[[], object],
                 understood: Callable[[], object]) -> None:
        super().__init__(parent)
        self.setObjectName("unverifiedBar")
        self.setStyleSheet("QFrame#unverifiedBar { background: #fde7e9; border: 1px solid "
                           "#b00020; }")
        t = ctx.t
        self.ctx = ctx
        self.text = named(QLabel(self), "unverifiedText")
        self.text.setWordWrap(True)
        self.text.setStyleSheet(RED)
        layout = QHBoxLayout(self)  # the words, and the two ways out beside them
        layout.addWidget(self.text, 1)
        for code, slot, name in (("ui.proof.restore", restore, "restoreButton"),
                                 ("ui.proof.understood", understood, "understoodButton")):
            button = named(QPushButton(t(code), self), name)
            button.clicked.connect(slot)
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        self.refresh()

    def refresh(self) -> None:
        """Shown with the differences found when the village opened; hidden when none."""
        found = self.ctx.ledger.differences
        self.setVisible(bool(found))
        if found:
            head = self.ctx.t("ui.proof.unverified", count=len(found))
            self.text.setText(head + "\n" + problem_lines(found[:SHOWN], self.ctx.lang))


class UnderstoodDialog(QDialog):
    """Every difference in words, and a secretary's reason for recording them as understood
    (audited; a new difference refuses changes again)."""

    def __init__(self, ctx: UiContext, parent: QWidget | None, *,
                 done: Callable[[VerifyReport], object]) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.after = done
        t = ctx.t
        self.setObjectName("understoodDialog")
        self.setWindowTitle(t("ui.proof.understood_title"))
        listing = named(QPlainTextEdit(self), "differences")
        listing.setReadOnly(True)
        listing.setPlainText(problem_lines(ctx.ledger.differences, ctx.lang))
        self.reason = named(QLineEdit(self), "reason")
        self.reason.setPlaceholderText(t("ui.proof.reason"))
        self.problems = named(QLabel(self), "problems")
        self.problems.setStyleSheet(RED)
        self.problems.setWordWrap(True)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        record = box.addButton(t("ui.proof.record"), QDialogButtonBox.ButtonRole.AcceptRole)
        record.setObjectName("recordButton")
        box.accepted.connect(self.record)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(t("ui.proof.understood_help"), self))
        layout.addWidget(listing)
        layout.addWidget(self.reason)
        layout.addWidget(self.problems)
        layout.addWidget(box)
        self.resize(640, 420)

    def record(self) -> None:
        from village_tally.services import proof

        reason = self.reason.text()

        def finished(result: tuple[VerifyReport, object]) -> None:
            self.after(result[0])
            self.accept()

        write(self.ctx, self, lambda ledger: proof.acknowledge(ledger, reason=reason),
              done=finished,
              problems=in_label(self.problems, self.ctx.lang, {Field.REASON: self.reason}))


class CodeCheckDialog(QDialog):
    """Type the verification code from a paper on the wall: which close it is, and whether
    the ledger still matches what was posted."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        t = ctx.t
        self.setObjectName("codeCheckDialog")
        self.setWindowTitle(t("ui.proof.code_title"))
        self.code = named(QLineEdit(self), "verificationCode")
        self.code.setPlaceholderText("7KQ2-M9XD-4TRB")
        self.code.returnPressed.connect(self.check)
        self.answer = named(QLabel(self), "codeAnswer")
        self.answer.setWordWrap(True)
        check = named(QPushButton(t("ui.proof.check"), self), "checkButton")
        check.clicked.connect(self.check)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.code, 1)
        row.addWidget(check)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(t("ui.proof.code_help"), self))
        layout.addLayout(row)
        layout.addWidget(self.answer)
        layout.addWidget(close)
        self.resize(520, 220)

    def check(self) -> None:
        from village_tally.services import proof

        text = self.code.text()
        read(self.ctx, self, lambda ledger: proof.check_code(ledger, text), done=self._said,
             problems=self._problems)

    def _problems(self, problems: tuple[Problem, ...]) -> None:
        self.answer.setStyleSheet(RED)
        # the field is the one above: the problem says no place
        self.answer.setText("\n".join(problem_text(p, self.ctx.lang, place=False)
                                       for p in problems))

    def _said(self, check: CodeCheck) -> None:
        t = self.ctx.t
        if check.month is None:
            text = t("code.unknown", witness=check.code)
        elif check.ok:
            text = t("code.matches", witness=check.code, month=check.month,
                     at=local_time(check.closed_at))
        else:
            text = (t("code.matches_but", witness=check.code, month=check.month,
                      at=local_time(check.closed_at)) + "\n"
                    + problem_lines(check.report.problems, self.ctx.lang))
        self.answer.setStyleSheet("" if check.ok else RED)
        self.answer.setText(text)
