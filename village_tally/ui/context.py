"""What every view is given: the open ledger, the language, the person at the keyboard, and a
bus that says what a service call changed (no global singletons)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from village_tally.core.person import Person
from village_tally.i18n import tr
from village_tally.services.changes import Changes

if TYPE_CHECKING:  # the session pulls in SQLAlchemy: not before the window shows (start-up)
    from village_tally.services.session import Ledger


class ChangeBus(QObject):
    """Views listen here and refresh only when the `Changes` they care about are set."""

    changed = Signal(object)
    person_changed = Signal(object)  # Person | None: signed in, switched, locked

    def publish(self, changes: Changes) -> None:
        if changes:
            self.changed.emit(changes)


@dataclass
class UiContext:
    ledger: Ledger  # the village as opened: nobody signed in, it reads but does not write
    lang: str
    bus: ChangeBus
    person: Person | None = None  # who signed in (services.people.sign_in), None: nobody

    @property
    def user(self) -> str:
        """The signed-in person's name ("" when nobody is)."""
        return self.person.name if self.person is not None else ""

    def t(self, code: str, **params: object) -> str:
        return tr(code, self.lang, **params)

    def set_person(self, person: Person | None) -> None:
        """Someone signed in (or nobody: the screen locked); the views that show what the
        person may do follow."""
        self.person = person
        self.bus.person_changed.emit(person)

    def acting(self) -> Ledger:
        """The ledger as the person at the keyboard (the services check what they may do)."""
        return self.ledger.acting_as(self.person)
