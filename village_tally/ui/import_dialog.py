"""Importing a spreadsheet: a preview of every row (new, already in the ledger, or rejected
with its problems: file, sheet, row, column), then one atomic import with progress and cancel
(invariant 5). Both run off the GUI thread."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from village_tally.core.problem import Problem
from village_tally.services import importing
from village_tally.services.importing import ImportResult, Preview
from village_tally.services.jobs import JobControl
from village_tally.ui.candidate_model import CandidateModel, row_problem_text
from village_tally.ui.columns import keep_fitted
from village_tally.ui.context import UiContext
from village_tally.ui.named import named
from village_tally.ui.operation import Operation, long_job

if TYPE_CHECKING:
    from village_tally.services.session import Ledger



def guess_kind(path: Path) -> str:
    """roster, ratings or deeds from words in the file name (deeds if nothing says)."""
    name = path.stem.lower()
    if any(w in name for w in ("roster", "花名册", "村民", "名单")):
        return "roster"
    if any(w in name for w in ("rating", "评星", "门牌")):
        return "ratings"
    return "deeds"


class ImportDialog(QDialog):
    """Preview, then import. `imported(result)` when the ledger changed."""

    imported = Signal(object)
    previewed = Signal()

    def __init__(self, ctx: UiContext, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.path = path
        t = ctx.t
        self.setWindowTitle(t("ui.import.title", file=path.name))
        form = self._build_form()
        self.summary = named(QLabel(self), "importSummary")
        self.summary.setWordWrap(True)
        self.model = CandidateModel(ctx.lang, self)
        self.table = named(QTableView(self), "previewTable")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        keep_fitted(self.table)
        self.problems = named(QListWidget(self), "problemList")
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.problems)
        self.import_button = named(QPushButton(t("ui.import.go"), self), "importButton")
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.run_import)
        again = QPushButton(t("ui.import.again"), self)
        again.clicked.connect(self.run_preview)
        close = QPushButton(t("ui.close"), self)
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(again)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self.resize(900, 620)
        self.preview: Preview | None = None
        self.import_result: ImportResult | None = None
        self.job: Operation[Any] | None = None
        self.kind_box.currentIndexChanged.connect(lambda _i: self.run_preview())
        self.valid_only.toggled.connect(lambda _c: self._previewed_again())
        self.repeats.toggled.connect(lambda _c: self.run_preview())
        self.run_preview()

    def _build_form(self) -> QFormLayout:
        t = self.ctx.t
        self.kind_box = named(QComboBox(self), "kindBox")
        for kind in importing.KINDS:
            self.kind_box.addItem(t(f"ui.import.kind.{kind}"), kind)
        self.kind_box.setCurrentIndex(importing.KINDS.index(guess_kind(self.path)))
        self.sheet_edit = named(QLineEdit(self), "sheetName")
        self.sheet_edit.setPlaceholderText(t("ui.import.first_sheet"))
        self.valid_only = named(QCheckBox(t("ui.import.valid_only"), self), "validOnly")
        self.repeats = named(QCheckBox(t("ui.import.repeats"), self), "countRepeats")
        form = QFormLayout()
        form.addRow(t("ui.import.file"), QLabel(str(self.path), self))
        form.addRow(t("ui.import.kind"), self.kind_box)
        form.addRow(t("ui.import.sheet"), self.sheet_edit)
        form.addRow("", self.valid_only)
        form.addRow("", self.repeats)
        return form

    @property
    def kind(self) -> str:
        return str(self.kind_box.currentData())

    def _options(self) -> tuple[str | None, bool]:
        """The sheet to read, and whether identical rows each count (deeds only). (Deeds that
        need approval stay pending: a committee member approves them from the ledger;
        approving on import takes a second person's sign-in.)"""
        sheet = self.sheet_edit.text().strip() or None
        deeds = self.kind == "deeds"
        self.repeats.setEnabled(deeds)
        return sheet, deeds and self.repeats.isChecked()

    def run_preview(self) -> Operation[Preview]:
        kind, path = self.kind, self.path
        sheet, repeats = self._options()
        self.import_button.setEnabled(False)
        self._say(self.ctx.t("ui.import.reading"))

        def work(ledger: Ledger, control: JobControl) -> Preview:
            return importing.preview_import(ledger, kind, path, sheet=sheet, job=control,
                                            repeats=repeats)

        self.preview = None
        self.job = long_job(self.ctx, self, work, title=self.ctx.t("ui.import.reading"),
                            writes=False, done=self._previewed, problems=self._refused,
                            ended=self._preview_ended)
        return self.job

    def _preview_ended(self) -> None:
        if self.preview is None and not self.summary.styleSheet():  # a fault: said in a box
            self.model.set_preview(None)
            self._say("")
        self.previewed.emit()

    def _say(self, text: str, *, problem: bool = False) -> None:
        self.summary.setStyleSheet("color: #b00020;" if problem else "")
        self.summary.setText(text)

    def _previewed(self, preview: Preview) -> None:
        self.preview = preview
        self.model.set_preview(preview)
        self.problems.clear()
        for problem in preview.problems:
            self.problems.addItem(row_problem_text(problem, self.ctx.lang))
        self._say(self.ctx.t(
            "ui.import.summary", new=preview.count("new"), present=preview.count("present"),
            rejected=preview.count("rejected"),
            ignored=preview.ignored or "—"))
        self._previewed_again()

    def _previewed_again(self) -> None:
        if self.preview is not None:
            p = self.preview
            self.import_button.setEnabled(p.count("new") > 0 and (
                p.count("rejected") == 0 or self.valid_only.isChecked()))

    def _refused(self, problems: tuple[Problem, ...]) -> None:
        """A file that cannot be read as asked: every problem in the dialog, no rows."""
        self.model.set_preview(None)
        self.problems.clear()
        self._say("\n".join(row_problem_text(p, self.ctx.lang) for p in problems), problem=True)

    def run_import(self) -> Operation[ImportResult]:
        kind, path = self.kind, self.path
        sheet, repeats = self._options()
        valid_only, lang = self.valid_only.isChecked(), self.ctx.lang

        def work(ledger: Ledger, control: JobControl) -> ImportResult:
            return importing.import_file(ledger, kind, path, sheet=sheet, valid_only=valid_only,
                                         repeats=repeats, job=control, lang=lang)

        self.import_button.setEnabled(False)
        self.job = long_job(self.ctx, self, work, title=self.ctx.t("ui.import.importing"),
                            writes=True, done=self._imported, problems=self._refused)
        return self.job

    def _imported(self, result: ImportResult) -> None:
        self.import_result = result
        self.model.mark_imported()
        text = self.ctx.t("ui.import.done", added=result.added, present=result.present,
                          rejected=result.rejected)
        if result.rejects_file:
            text += "\n" + self.ctx.t("ui.import.rejects", path=result.rejects_file)
        if result.backup_file:
            text += "\n" + self.ctx.t("ui.import.backup", path=result.backup_file,
                                      kept=self.ctx.ledger.scheme.backups_kept)
        self._say(text)
        self.imported.emit(result)
