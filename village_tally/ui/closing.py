"""Closing the main window while long jobs run (an import, an export, a print, closing a
month, the check on opening): the window asks, naming them, whether to wait for them or stop
them, and closes when they have ended. Stopping is their own cancel (services raise
Cancelled before committing, a file is written beside its place and renamed only when whole),
so nothing is left half-written and the database is free; a job that cannot stop part-way
(a month's close once begun — one transaction —, the check on opening) ends as it would
have."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget

from village_tally.i18n import tr
from village_tally.ui.jobs import Job, running_long
from village_tally.ui.named import named

Button = QMessageBox.StandardButton


def job_names(jobs: list[Job], lang: str) -> str:
    """The jobs as their progress dialogs name them, without the trailing dots."""
    separator = "、" if lang == "zh" else "; "
    return separator.join(job.title.rstrip("…. ") for job in jobs)


def ask_about_jobs(window: QWidget, jobs: list[Job], lang: str,
                   close: Callable[[], object]) -> QMessageBox:
    """Wait (the default: Enter drops no work), stop them, or keep the window open; after
    wait or stop, `close` runs once no long job is left."""
    box = named(QMessageBox(QMessageBox.Icon.Question, tr("ui.app.title", lang),
                            tr("ui.close.jobs", lang, jobs=job_names(jobs, lang)),
                            Button.Yes | Button.Discard | Button.Cancel, window),
                "jobsRunningBox")
    for button, code in ((Button.Yes, "ui.close.wait"), (Button.Discard, "ui.close.stop"),
                         (Button.Cancel, "ui.close.keep")):
        box.button(button).setText(tr(code, lang))
    box.setDefaultButton(Button.Yes)
    box.setEscapeButton(Button.Cancel)

    def chosen(button: QAbstractButton) -> None:
        which = box.standardButton(button)
        if which == Button.Cancel:
            return
        left = running_long()
        if which == Button.Discard:
            for job in left:
                job.cancel()
        if not left:
            close()
            return
        for job in left:  # after the job's own handlers: its result is said first
            job.finished.connect(lambda _result: _close_when_none_left(close))
            job.failed.connect(lambda _exc: _close_when_none_left(close))

    box.buttonClicked.connect(chosen)
    box.open()
    return box


def _close_when_none_left(close: Callable[[], object]) -> None:
    if not running_long():
        close()
