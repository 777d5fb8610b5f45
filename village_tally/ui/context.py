"""What every view is given: the open ledger, the language, the person at the keyboard, and a
bus that says what a service call changed (no global singletons)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from village_tally.i18n import tr
from village_tally.services.changes import Changes

if TYPE_CHECKING:  # the session pulls in SQLAlchemy: not before the window shows (start-up)
    from village_tally.services.session import Ledger


class ChangeBus(QObject):
    """Views listen here and refresh only when the `Changes` they care about are set."""

    changed = Signal(object)

    def publish(self, changes: Changes) -> None:
        if changes:
            self.changed.emit(changes)


@dataclass
class UiContext:
    ledger: Ledger
    lang: str
    bus: ChangeBus
    user: str = ""

    def t(self, code: str, **params: object) -> str:
        return tr(code, self.lang, **params)

    def acting(self) -> Ledger:
        """The ledger as the person at the keyboard (the audit log's who)."""
        return self.ledger.as_actor(self.user or self.ledger.actor)
