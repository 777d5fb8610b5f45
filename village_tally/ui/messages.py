"""Telling the person what went wrong, in words: problems, faults of the environment, bugs."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from village_tally.i18n import tr
from village_tally.services.errors import Cancelled, EnvironmentFault, InputError
from village_tally.ui.named import named
from village_tally.ui.words import problem_lines

log = logging.getLogger("village_tally.ui")


def problems_label(parent: QWidget, name: str) -> QLabel:
    """Where a dialog says, in words, what is wrong with what was typed."""
    label = named(QLabel(parent), name)
    label.setStyleSheet("color: #b00020;")
    label.setWordWrap(True)
    return label


def error_text(exc: BaseException, lang: str) -> str:
    """Plain words for an exception from a service call; a bug is logged with its traceback."""
    if isinstance(exc, InputError):
        return problem_lines(exc.problems, lang)
    if isinstance(exc, EnvironmentFault):
        return tr(exc.code, lang, **exc.params)
    if isinstance(exc, Cancelled):
        return tr("ui.cancelled", lang)
    if isinstance(exc, OSError):
        return tr("cli.os_error", lang, path=exc.filename or "", detail=exc.strerror or "")
    log.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
    return tr("cli.unexpected", lang, detail=type(exc).__name__)


def show_error(parent: QWidget | None, exc: BaseException, lang: str) -> QMessageBox:
    """A window-modal message that does not block the caller (tests close it themselves)."""
    box = QMessageBox(QMessageBox.Icon.Warning, tr("ui.app.title", lang), error_text(exc, lang),
                      QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("errorBox")
    box.open()
    return box


def ask(parent: QWidget, name: str, title: str, text: str, then: Callable[[], object], *,
        careful: bool = False, icon: QMessageBox.Icon = QMessageBox.Icon.Question
        ) -> QMessageBox:
    """A Yes/Cancel question opened without blocking; Yes runs `then`. `careful`: Cancel is
    the default, so Enter does not do what cannot be undone."""
    box = named(QMessageBox(icon, title, text, QMessageBox.StandardButton.Yes
                            | QMessageBox.StandardButton.Cancel, parent), name)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel if careful
                         else QMessageBox.StandardButton.Yes)
    box.accepted.connect(then)
    box.open()
    return box


def show_info(parent: QWidget, text: str, lang: str) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Information, tr("ui.app.title", lang), text,
                      QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("infoBox")
    box.open()
    return box
