"""The one way the desktop program runs a service call (after Anki's CollectionOp).

`write` runs the call on the one writer thread (jobs.writer_pool: serialised, so the GUI never
waits for a durable commit), `read` on the shared pool, `long_job` either with a progress dialog
and cancel. When the call is done, on the GUI thread: a rules change reloads the shared ledger
(once, here), `done(result)` runs, and the returned `Changes` are published on the bus, so every
view that cares refreshes and none is forgotten. When it fails: bad input is shown where it
belongs (`problems`: a dialog's label or the field's widget; else a message box), a fault of the
environment in a message box, and a bug is logged with its traceback and said plainly. Nothing
else in ui catches InputError or EnvironmentFault, or publishes on the bus (a test checks)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import reduce
from operator import or_
from typing import TYPE_CHECKING, Generic, TypeVar

from PySide6.QtWidgets import QLabel, QWidget
from shiboken6 import isValid

from village_tally.core.problem import Field, Problem
from village_tally.services.changes import NOTHING, Changes
from village_tally.services.errors import InputError
from village_tally.services.jobs import JobControl
from village_tally.ui.context import UiContext
from village_tally.ui.jobs import Job, show_progress, writer_pool
from village_tally.ui.messages import show_error
from village_tally.ui.words import problem_lines

if TYPE_CHECKING:
    from village_tally.services.session import Ledger

T = TypeVar("T")
ShowProblems = Callable[[tuple[Problem, ...]], None]


def changes_of(result: object) -> Changes:
    """What a service said it changed: `Changes` itself, a result's `.changes`, or the
    `Changes` in a tuple such as `(deed, changes)`."""
    if isinstance(result, Changes):
        return result
    found = getattr(result, "changes", None)
    if isinstance(found, Changes):
        return found
    if isinstance(result, tuple):
        return reduce(or_, (r for r in result if isinstance(r, Changes)), NOTHING)
    return NOTHING


def in_label(label: QLabel, lang: str,
             widgets: Mapping[Field, QWidget] | None = None) -> ShowProblems:
    """Problems said in words in a dialog's label; the keyboard goes to the widget of the first
    problem whose field `widgets` maps."""
    def show(problems: tuple[Problem, ...]) -> None:
        label.setText(problem_lines(problems, lang))
        for p in problems:
            widget = (widgets or {}).get(p.where.field) if p.where.field is not None else None
            if widget is not None:
                widget.setFocus()
                break

    return show


class Operation(Generic[T]):
    """One service call, from asking to the views refreshing. `running` until its result (or
    error) has been handled on the GUI thread."""

    def __init__(self, ctx: UiContext, parent: QWidget, work: Callable[[JobControl], T], *,
                 writes: bool, title: str | None = None,
                 done: Callable[[T], object] | None = None,
                 problems: ShowProblems | None = None,
                 ended: Callable[[], object] | None = None) -> None:
        self.ctx = ctx
        self.parent = parent
        self.done = done
        self.problems = problems
        self.ended = ended
        self.job = Job(work)
        if title is not None:
            show_progress(self.job, parent, title, ctx.t("ui.cancel"))
        # Lambdas, not bound methods, which PySide holds weakly: the job's connections keep
        # this operation alive until its result is handled.
        self.job.finished.connect(lambda result: self._finished(result))  # noqa: PLW0108
        self.job.failed.connect(lambda exc: self._failed(exc))  # noqa: PLW0108
        self.job.start(writer_pool() if writes else None)

    @property
    def running(self) -> bool:
        return self.job.running

    def _here(self) -> bool:
        """The widget that asked still exists (a closed tab or dialog may be gone)."""
        return isValid(self.parent)

    def _finished(self, result: T) -> None:
        changes = changes_of(result)
        try:
            if changes.rules:  # the handbook or scheme changed: every view reads the new one
                self.ctx.ledger.reload()
            if self.done is not None and self._here():
                self.done(result)
        finally:
            self._end()
            self.ctx.bus.publish(changes)

    def _failed(self, exc: BaseException) -> None:
        try:
            if isinstance(exc, InputError) and self.problems is not None and self._here():
                self.problems(exc.problems)
            else:
                show_error(self.parent if self._here() else None, exc, self.ctx.lang)
        finally:
            self._end()

    def _end(self) -> None:
        if self.ended is not None and self._here():
            self.ended()


def write(ctx: UiContext, parent: QWidget, call: Callable[[Ledger], T], *,
          ledger: Ledger | None = None, done: Callable[[T], object] | None = None,
          problems: ShowProblems | None = None,
          ended: Callable[[], object] | None = None,
          unchecked: bool = False) -> Operation[T]:
    """A change to the ledger on the writer thread, as the person at the keyboard (or as
    `ledger`'s actor). Read every widget before: `call` runs on the worker. It waits there
    for the ledger's check on opening (services refuse writes until it has run), but for
    what needs no check (`unchecked`: signing in, naming the first secretary)."""
    acting = ledger if ledger is not None else ctx.acting()
    return Operation(ctx, parent, lambda _control: call(_checked(acting, unchecked)),
                     writes=True, done=done, problems=problems, ended=ended)


def _checked(ledger: Ledger, unchecked: bool = False) -> Ledger:
    """On the writer thread: the ledger once its check on opening has run (while the
    sign-in screen shows, a write asked for meanwhile waits rather than being refused)."""
    if not unchecked:
        ledger.check.wait()
    return ledger


def read(ctx: UiContext, parent: QWidget, call: Callable[[Ledger], T], *,
         done: Callable[[T], object] | None = None,
         problems: ShowProblems | None = None) -> Operation[T]:
    """A read that may take a moment (a big tally), off the GUI thread, as the person at the
    keyboard (some reads are theirs alone: a statement, an export, the audit log)."""
    ledger = ctx.acting()
    return Operation(ctx, parent, lambda _control: call(ledger), writes=False, done=done,
                     problems=problems)


def reader(ctx: UiContext, parent: QWidget
           ) -> Callable[[Callable[[Ledger], T], Callable[[T], object]], Operation[T]]:
    """How a view's model reads off the GUI thread: `read` on the view's behalf (a lazy
    table's count and pages: deed_model.Reader)."""
    return lambda call, done: read(ctx, parent, call, done=done)


class Latest:
    """A view's reads of one thing of which only the latest is shown: reads run in parallel,
    so an older one (another month, a filter, a change since) may end last."""

    def __init__(self, ctx: UiContext, parent: QWidget) -> None:
        self.ctx, self.parent = ctx, parent
        self.asked = 0

    def read(self, call: Callable[[Ledger], T], done: Callable[[T], object], *,
             problems: ShowProblems | None = None) -> Operation[T]:
        """`read`, its result shown (`done`) only if no read was asked for after it."""
        asked = self.overtake()
        return read(self.ctx, self.parent, call, problems=problems,
                    done=lambda result: done(result) if asked == self.asked else None)

    def overtake(self) -> int:
        """What is being read now will not be shown."""
        self.asked += 1
        return self.asked


def long_job(ctx: UiContext, parent: QWidget, call: Callable[[Ledger, JobControl], T], *,
             title: str, writes: bool, done: Callable[[T], object] | None = None,
             problems: ShowProblems | None = None,
             ended: Callable[[], object] | None = None) -> Operation[T]:
    """Long work (import, export, printing, closing a month) with a progress dialog whose
    cancel button stops it; a write runs on the writer thread, as the person at the keyboard."""
    ledger = ctx.acting()
    return Operation(ctx, parent,
                     lambda control: call(_checked(ledger, not writes), control),
                     writes=writes, title=title, done=done, problems=problems, ended=ended)
