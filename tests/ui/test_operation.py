"""The one way the desktop program runs a service: bad input where it belongs, faults and bugs in
words, the changes published once, a rules change read once; and nothing else in ui does it."""

from __future__ import annotations

import ast
import dataclasses
import logging
import threading
from pathlib import Path

from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QMessageBox, QVBoxLayout, QWidget
from sqlalchemy import event

from tests.conftest import as_, fixed_clock
from tests.ui.conftest import settle, show_active
from village_tally.core.points import parse_points
from village_tally.core.problem import Field
from village_tally.services import roster, rules
from village_tally.services.changes import Changes
from village_tally.services.errors import EnvironmentFault
from village_tally.services.session import open_ledger, run_open_check
from village_tally.ui.entry_view import EntryView
from village_tally.ui.handbook_view import HandbookView
from village_tally.ui.month_view import MonthView
from village_tally.ui.operation import in_label, write
from village_tally.ui.rule_model import COL_POINTS

UI = Path(__file__).resolve().parents[2] / "village_tally" / "ui"


def form(qtbot) -> tuple[QWidget, QLineEdit, QLabel]:
    host = QWidget()
    edit, other, label = QLineEdit(host), QLineEdit(host), QLabel(host)
    layout = QVBoxLayout(host)
    for w in (other, edit, label):
        layout.addWidget(w)
    show_active(qtbot, host)
    other.setFocus()
    return host, edit, label


def published(ctx) -> list[Changes]:
    seen: list[Changes] = []
    ctx.bus.changed.connect(seen.append)
    return seen


def test_bad_input_is_said_in_the_label_and_the_keyboard_goes_to_its_field(qtbot, ctx):
    host, edit, label = form(qtbot)
    seen = published(ctx)
    write(ctx, host, lambda ledger: roster.add_area(as_(ledger, "马书记"), "  "),
          problems=in_label(label, ctx.lang, {Field.AREA: edit}))
    settle(qtbot)
    assert "为空" in label.text()
    assert QApplication.focusWidget() is edit
    assert seen == [] and roster.list_areas(ctx.ledger) == ["一片", "二片"]


def test_bad_input_without_a_place_to_say_it_is_said_in_a_message(qtbot, ctx):
    host, _edit, _label = form(qtbot)
    roster.add_area(as_(ctx.ledger, "马书记"), "三片")
    write(ctx, host, lambda ledger: roster.add_area(as_(ledger, "马书记"), "三片"))
    settle(qtbot)
    box = host.findChild(QMessageBox, "errorBox")
    assert box is not None and "三片" in box.text()


def test_a_fault_of_the_environment_is_said_in_a_message(qtbot, ctx):
    host, _edit, label = form(qtbot)

    def locked(_ledger: object) -> Changes:
        raise EnvironmentFault("db.locked")

    write(ctx, host, locked, problems=in_label(label, ctx.lang))
    settle(qtbot)
    box = host.findChild(QMessageBox, "errorBox")
    assert box is not None and "Traceback" not in box.text() and box.text()
    assert label.text() == ""  # a fault is not the person's input


def test_a_bug_is_logged_with_its_traceback_and_said_plainly(qtbot, ctx, caplog):
    host, _edit, _label = form(qtbot)

    def broken(_ledger: object) -> Changes:
        return {}["missing"]

    with caplog.at_level(logging.ERROR, logger="village_tally.ui"):
        write(ctx, host, broken)
        settle(qtbot)
    box = host.findChild(QMessageBox, "errorBox")
    assert "KeyError" in box.text() and "Traceback" not in box.text()
    assert any(r.exc_info and r.exc_info[0] is KeyError for r in caplog.records)


def test_a_write_runs_on_the_writer_thread_and_its_changes_are_published_once(qtbot, ctx):
    host, _edit, _label = form(qtbot)
    seen = published(ctx)
    threads: list[threading.Thread] = []
    done: list[str] = []

    def add(name: str):  # noqa: ANN202
        def call(ledger):  # noqa: ANN001, ANN202
            threads.append(threading.current_thread())
            return roster.add_area(as_(ledger, "马书记"), name)
        return call

    for name in ("三片", "四片", "五片"):
        write(ctx, host, add(name), done=lambda _c, n=name: done.append(n))
    settle(qtbot)
    assert done == ["三片", "四片", "五片"]  # one writer: in the order they were asked for
    assert len(set(threads)) == 1 and threads[0] is not threading.main_thread()
    assert seen == [Changes(roster=True)] * 3
    assert roster.list_areas(ctx.ledger) == ["一片", "三片", "二片", "五片", "四片"]


def test_a_write_asked_for_before_the_check_on_opening_waits_for_it(qtbot, ctx, make_ctx):
    """The window takes typing while the ledger's check on opening still runs: a write asked
    for then is neither refused nor written before the check; it is written after it."""
    opened = open_ledger(str(ctx.ledger.engine.url.database), clock=fixed_clock,
                         check="later")
    try:
        later = make_ctx(opened, user="马书记")
        host, _edit, label = form(qtbot)
        done: list[object] = []
        asked = write(later, host, lambda ledger: roster.add_area(ledger, "三片"),
                      done=done.append, problems=in_label(label, later.lang))
        qtbot.wait(200)  # time enough for a refusal to arrive, were there one
        assert asked.running and not done and label.text() == ""
        assert "三片" not in roster.list_areas(opened)
        run_open_check(opened)
        settle(qtbot)
        assert done and label.text() == "" and "三片" in roster.list_areas(opened)
    finally:
        opened.close()


def test_a_rules_change_reloads_the_shared_ledger_once_for_every_view(qtbot, ctx):
    views = [HandbookView(ctx), MonthView(ctx), EntryView(ctx, lines=3)]
    for view in views:
        qtbot.addWidget(view)
    settle(qtbot)
    reads: list[str] = []

    def count(_conn, _cursor, statement, *_args):  # noqa: ANN001, ANN202
        if "FROM village" in statement and threading.current_thread() is threading.main_thread():
            reads.append(statement)  # the scheme read again on the GUI thread

    event.listen(ctx.ledger.engine, "before_cursor_execute", count)
    seen_rule: list[object] = []
    ctx.bus.changed.connect(lambda _c: seen_rule.append(ctx.ledger.rule("C1").points))
    rule = dataclasses.replace(ctx.ledger.rule("C1"), points=parse_points("3"))
    write(ctx, views[0], lambda ledger: rules.update_rule(as_(ledger, "马书记"), rule))
    settle(qtbot)
    event.remove(ctx.ledger.engine, "before_cursor_execute", count)
    assert seen_rule == [parse_points("3")]  # read before any view was told
    assert len(reads) == 1, reads
    assert views[0].model.index(3, COL_POINTS).data() == "+3"


def handlers_and_calls(tree: ast.AST) -> tuple[list[str], list[str]]:
    caught, calls = [], []
    for node in ast.walk(tree):
        if isinstance(node, ast.ExceptHandler) and node.type is not None:
            caught += [n.id for n in ast.walk(node.type) if isinstance(n, ast.Name)]
            caught += [n.attr for n in ast.walk(node.type) if isinstance(n, ast.Attribute)]
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            calls.append(ast.unparse(node.func))
    return caught, calls


def test_no_ui_module_but_the_operation_catches_service_errors_or_publishes():
    offenders = []
    for path in sorted(UI.glob("*.py")):
        if path.name == "operation.py":
            continue
        caught, calls = handlers_and_calls(ast.parse(path.read_text(encoding="utf-8")))
        offenders += [f"{path.name}: except {name}" for name in caught
                      if name in ("InputError", "EnvironmentFault")]
        offenders += [f"{path.name}: {call}()" for call in calls
                      if call.endswith((".publish", "ledger.reload"))]
    assert offenders == []
