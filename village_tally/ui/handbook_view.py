"""The handbook (积分细则) and the scheme's star and flag settings, kept by the committee.
A changed rule applies to deeds entered from then on; deeds already entered keep their points."""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from village_tally.core.points import Points, parse_points, parse_quantity
from village_tally.core.problem import Field, ParseError, Problem, Where
from village_tally.core.rule import Rule
from village_tally.core.scheme import MAX_BACKUPS_KEPT, MAX_NOTICE_DAYS
from village_tally.services import rules
from village_tally.services.backups import backups_folder
from village_tally.services.changes import Changes
from village_tally.ui.columns import keep_fitted
from village_tally.ui.context import UiContext
from village_tally.ui.messages import show_info
from village_tally.ui.named import named
from village_tally.ui.operation import Operation, in_label, write
from village_tally.ui.rewards_dialog import RewardsDialog
from village_tally.ui.rule_model import COL_TITLE, RuleTableModel
from village_tally.ui.words import problem_text


class RuleDialog(QDialog):
    """Add or change a rule; problems show in the dialog and nothing is saved until it is
    right."""

    def __init__(self, ctx: UiContext, rule: Rule | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.original = rule
        t = ctx.t
        self.setWindowTitle(t("ui.handbook.edit" if rule else "ui.handbook.add"))
        r = rule or Rule("", "", "", parse_points("1"))
        self.code = named(QLineEdit(r.code, self), "ruleCode")
        self.code.setReadOnly(rule is not None)
        self.title_zh = named(QLineEdit(r.title_zh, self), "ruleTitleZh")
        self.title_en = named(QLineEdit(r.title_en, self), "ruleTitleEn")
        self.points = named(QLineEdit(str(r.points), self), "rulePoints")
        self.unit_zh = QLineEdit(r.unit_zh, self)
        self.unit_en = QLineEdit(r.unit_en, self)
        cap = "" if r.monthly_cap is None else f"{r.monthly_cap.normalize():f}"
        self.cap = named(QLineEdit(cap, self), "ruleCap")
        approval = "" if r.approval_above is None else str(r.approval_above)
        self.approval = named(QLineEdit(approval, self), "ruleApproval")
        self.active = QCheckBox(t("ui.handbook.active"), self)
        self.active.setChecked(r.active)
        self.problems = named(QLabel(self), "problems")
        self.problems.setStyleSheet("color: #b00020;")
        form = QFormLayout()
        for code, w in (("col.code", self.code), ("ui.handbook.title_zh", self.title_zh),
                        ("ui.handbook.title_en", self.title_en), ("col.points", self.points),
                        ("ui.handbook.unit_zh", self.unit_zh),
                        ("ui.handbook.unit_en", self.unit_en), ("col.cap", self.cap),
                        ("col.approval", self.approval)):
            form.addRow(t(code), w)
        form.addRow("", self.active)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)

    def _rule(self) -> tuple[Rule | None, list[Problem]]:
        """The rule as typed, or every problem with what was typed (all at once)."""
        problems: list[Problem] = []

        def parse(text: str, fn: Any, field: Field) -> Any:
            if not text.strip():
                return None
            try:
                return fn(text)
            except ParseError as exc:
                problems.append(exc.problem(Where(field=field)))
                return None

        points = parse(self.points.text(), parse_points, Field.POINTS)
        cap = parse(self.cap.text(), parse_quantity, Field.CAP)
        approval = parse(self.approval.text(), parse_points, Field.APPROVAL)
        if points is None and not problems:
            problems.append(Problem.at("points.empty", Where(field=Field.POINTS)))
        if problems:
            return None, problems
        base = self.original or Rule("", "", "", points)
        return dataclasses.replace(
            base, code=self.code.text(), title_zh=self.title_zh.text().strip(),
            title_en=self.title_en.text().strip(), points=points,
            unit_zh=self.unit_zh.text().strip() or "次", unit_en=self.unit_en.text().strip()
            or "time", monthly_cap=cap, approval_above=approval,
            active=self.active.isChecked()), []

    def save(self) -> Operation[Changes] | None:
        show = in_label(self.problems, self.ctx.lang, {
            Field.CODE: self.code, Field.TITLE: self.title_zh, Field.POINTS: self.points,
            Field.CAP: self.cap, Field.APPROVAL: self.approval})
        rule, problems = self._rule()
        if rule is None:
            show(tuple(problems))
            return None
        verb = rules.update_rule if self.original else rules.add_rule
        return write(self.ctx, self, lambda ledger: verb(ledger, rule),
                     done=lambda _c: self.accept(), problems=show)


class HandbookView(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        t = ctx.t
        self.dialog: RuleDialog | None = None
        self.rewards_dialog: RewardsDialog | None = None
        self.model = RuleTableModel(ctx.lang, self)
        self.table = named(QTableView(self), "ruleTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        keep_fitted(self.table, stretch=COL_TITLE)  # the titles take the spare width
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        add = named(QPushButton(t("ui.handbook.add"), self), "addRule")
        add.clicked.connect(self.add_rule)
        edit = named(QPushButton(t("ui.handbook.edit"), self), "editRule")
        edit.clicked.connect(self.edit_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(edit)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addLayout(self._build_scheme())
        ctx.bus.changed.connect(self.on_changed)
        self.refresh()

    def _build_scheme(self) -> QFormLayout:
        """The scheme's settings: stars and flags, the largest deed, the backups kept."""
        t = self.ctx.t
        self.per_star = named(QLineEdit(self), "pointsPerStar")
        self.per_flag = named(QSpinBox(self), "starsPerFlag")
        self.per_flag.setRange(1, 100)
        self.max_points = named(QLineEdit(self), "maxDeedPoints")
        self.backups_kept = named(QSpinBox(self), "backupsKept")
        self.backups_kept.setRange(1, MAX_BACKUPS_KEPT)
        self.notice_days = named(QSpinBox(self), "noticeDays")
        self.notice_days.setRange(1, MAX_NOTICE_DAYS)
        self.notice_contact = named(QLineEdit(self), "noticeContact")
        self.notice_place = named(QLineEdit(self), "noticePlace")
        for edit, code in ((self.notice_contact, "notice.default_contact"),
                           (self.notice_place, "notice.default_place")):
            edit.setPlaceholderText(t(code))  # what prints when left empty
        self.backups_where = named(QLabel(self), "backupsWhere")
        self.backups_where.setWordWrap(True)
        self.backups_where.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        save = named(QPushButton(t("ui.handbook.save_scheme"), self), "saveScheme")
        save.clicked.connect(self.save_scheme)
        brackets = named(QPushButton(t("ui.handbook.rewards"), self), "editRewards")
        brackets.clicked.connect(self.edit_rewards)
        self.scheme_label = named(QLabel(self), "schemeLabel")
        scheme = QFormLayout()
        scheme.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        for label, field in (("preset", self.scheme_label),
                             ("points_per_star", self.per_star),
                             ("stars_per_flag", self.per_flag),
                             ("max_deed_points", self.max_points),
                             ("backups_kept", self.backups_kept),
                             ("notice_days", self.notice_days),
                             ("notice_contact", self.notice_contact),
                             ("notice_place", self.notice_place)):
            scheme.addRow(t(f"ui.handbook.{label}"), field)
        for widget in (self.backups_where, save, brackets):
            scheme.addRow("", widget)
        return scheme

    def refresh(self) -> None:
        scheme = self.ctx.ledger.scheme
        self.model.set_items(rules.list_rules(self.ctx.ledger))
        self.per_star.setText(str(scheme.points_per_star))
        self.per_flag.setValue(scheme.stars_per_flag)
        self.max_points.setText(str(scheme.max_deed_points))
        self.backups_kept.setValue(scheme.backups_kept)
        self.notice_days.setValue(scheme.notice_days)
        self.notice_contact.setText(scheme.notice_contact)
        self.notice_place.setText(scheme.notice_place)
        folder = backups_folder(self.ctx.ledger)
        self.backups_where.setText(self.ctx.t("ui.handbook.backups_where", folder=folder)
                                   if folder else self.ctx.t("ui.handbook.backups_server"))
        self.scheme_label.setText(self.ctx.t(f"ui.preset.{scheme.preset}"))

    def on_changed(self, changes: Changes) -> None:
        if changes.rules:
            self.refresh()

    def selected(self) -> Rule | None:
        rows = self.table.selectionModel().selectedRows()
        item = self.model.item_at(rows[0].row()) if rows else None
        return item if isinstance(item, Rule) else None

    def add_rule(self) -> RuleDialog:
        self.dialog = RuleDialog(self.ctx, None, self)
        self.dialog.open()
        return self.dialog

    def edit_selected(self) -> RuleDialog | None:
        rule = self.selected()
        if rule is None:
            return None
        self.dialog = RuleDialog(self.ctx, rule, self)
        self.dialog.open()
        return self.dialog

    def edit_rewards(self) -> RewardsDialog:
        self.rewards_dialog = RewardsDialog(self.ctx, self)
        self.rewards_dialog.open()
        return self.rewards_dialog

    def save_scheme(self) -> None:
        read: dict[Field, Points] = {}
        for about, edit in ((Field.POINTS_PER_STAR, self.per_star),
                            (Field.MAX_DEED_POINTS, self.max_points)):
            try:
                read[about] = parse_points(edit.text())
            except ParseError as exc:
                show_info(self, problem_text(exc.problem(Where(field=about)), self.ctx.lang),
                          self.ctx.lang)
                return
        scheme = dataclasses.replace(self.ctx.ledger.scheme,
                                     points_per_star=read[Field.POINTS_PER_STAR],
                                     stars_per_flag=self.per_flag.value(),
                                     max_deed_points=read[Field.MAX_DEED_POINTS],
                                     backups_kept=self.backups_kept.value(),
                                     notice_days=self.notice_days.value(),
                                     notice_contact=self.notice_contact.text().strip(),
                                     notice_place=self.notice_place.text().strip())
        write(self.ctx, self, lambda ledger: rules.update_scheme(ledger, scheme))
