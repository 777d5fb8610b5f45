"""Objections to deeds and their answers, the notice period's dates, and the hand tally's
differences: plain values and the arithmetic on them (DESIGN "Public notice, objections")."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from village_tally.core.deed import Deed
from village_tally.core.month import Month
from village_tally.core.points import Points

# An objection is answered within 20 days of being raised (as China's credit-information
# rules require of disputed records).
ANSWER_DAYS = 20


@dataclass(frozen=True, slots=True)
class Answer:
    upheld: bool
    reason: str
    by: str
    at: str
    correction: int | None = None  # the adjustment deed an upheld answer made (closed month)


@dataclass(frozen=True, slots=True)
class Objection:
    """A villager's objection to one deed, recorded on their behalf by `recorded_by`."""

    id: int
    deed_id: int
    deed_month: Month
    raised_by: str
    household: str
    raised_on: dt.date
    text: str
    recorded_by: str
    answer: Answer | None = None

    @property
    def open(self) -> bool:
        return self.answer is None

    @property
    def due(self) -> dt.date:
        return self.raised_on + dt.timedelta(days=ANSWER_DAYS)

    def days_left(self, today: dt.date) -> int:
        """Days left of the 20 (negative: overdue by that many)."""
        return (self.due - today).days


@dataclass(frozen=True, slots=True)
class Period:
    """A month's notice period as published (and perhaps shortened): first and last day."""

    month: Month
    starts: dt.date
    ends: dt.date
    contact: str
    place: str
    republished: bool = False  # a publication after an earlier one: the period restarted
    shortened_reason: str | None = None

    def over(self, today: dt.date) -> bool:
        return today > self.ends


@dataclass(frozen=True, slots=True)
class Difference:
    """A hand total that is not the ledger's, with the deeds behind the ledger's figure."""

    scope: str  # area | sheet
    key: str
    hand: Points
    ledger: Points
    deeds: tuple[Deed, ...]
    explanation: str | None = None

    @property
    def gap(self) -> Points:
        return Points(self.ledger.hundredths - self.hand.hundredths)

    @property
    def settled(self) -> bool:
        return self.hand == self.ledger or bool(self.explanation)

    def suspects(self) -> tuple[Deed, ...]:
        """The deeds whose points alone make up the gap (the line that was missed or added)."""
        gap = self.gap.hundredths
        return tuple(d for d in self.deeds if d.points.hundredths == gap)
