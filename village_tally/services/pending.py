"""The deeds waiting for approval, each with why it waits and whether the signed-in person may
approve it: what the committee's pending list shows (the desktop program's Month screen).

Why a deed waits is said again from the deed as stored (DESIGN "Separation"): free points, a
cap overridden, recorded or typed for oneself or one's household, or the month's points under
its rule for that resident past the rule's threshold (a whole award, or the part of a split one
that brings the sum past it)."""

from __future__ import annotations

from dataclasses import dataclass

from village_tally.core.authority import Target, is_household, is_self
from village_tally.core.deed import Deed, Status
from village_tally.core.month import Month
from village_tally.core.names import normalize_name
from village_tally.core.person import Person
from village_tally.core.points import Points
from village_tally.core.problem import Field, Problem, Where
from village_tally.services import people
from village_tally.services.deeds import approval_refusals, list_deeds
from village_tally.services.session import Ledger
from village_tally.store.deeds import DeedFilter

AT_DEED = Where(field=Field.DEED)


@dataclass(frozen=True, slots=True)
class Waiting:
    """A pending deed, why it waits (`waits.*` problems), and why the signed-in person may
    not approve it (empty: they may)."""

    deed: Deed
    why: tuple[Problem, ...]
    refused: tuple[Problem, ...]


def pending_deeds(ledger: Ledger, month: Month | None = None) -> list[Waiting]:
    """The month's waiting deeds (every month's when None), oldest first. Anyone may read
    them, like the ledger; approving them is the committee's."""
    waiting = list_deeds(ledger, DeedFilter(status=Status.PENDING.value, month=month),
                         newest_first=False)
    known = {p.name: p for p in people.list_people(ledger)}
    sums = _Sums(ledger)
    return [Waiting(d, tuple(_why(d, known, sums, ledger)),
                    tuple(approval_refusals(ledger.actor, d))) for d in waiting]


class _Sums:
    """The month's points under a rule for a resident up to a deed, read once per resident
    and month."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.seen: dict[tuple[int, Month], list[Deed]] = {}

    def up_to(self, deed: Deed) -> Points:
        key = (deed.resident_id, deed.month)
        if key not in self.seen:
            self.seen[key] = list_deeds(self.ledger, DeedFilter(
                resident_id=deed.resident_id, month=deed.month))
        return Points(sum(d.points.hundredths for d in self.seen[key]
                          if d.rule_code == deed.rule_code and d.id <= deed.id
                          and d.status is not Status.VOID))


def _why(deed: Deed, known: dict[str, Person], sums: _Sums, ledger: Ledger) -> list[Problem]:
    reasons: list[Problem] = []
    if deed.rule_code is None:
        reasons.append(Problem.at("waits.free", AT_DEED))
    if deed.override_reason:
        reasons.append(Problem.at("waits.over_cap", AT_DEED, reason=deed.override_reason))
    target = Target(resident_id=deed.resident_id, household=deed.household)
    for name in dict.fromkeys((deed.recorder, deed.typist)):
        person = known.get(normalize_name(name or ""))
        if person is not None and is_self(person, target):
            reasons.append(Problem.at("waits.own_self", AT_DEED, name=person.name))
        elif person is not None and is_household(person, target):
            reasons.append(Problem.at("waits.own_household", AT_DEED, name=person.name,
                                      household=deed.household))
    rule = next((r for r in ledger.scheme.rules if r.code == deed.rule_code), None)
    if rule is not None and rule.approval_above is not None and not deed.override_reason:
        total = sums.up_to(deed)
        if not rule.approval_above.hundredths:
            reasons.append(Problem.at("waits.always", AT_DEED, rule=deed.rule_code))
        elif rule.needs_approval(deed.points):
            reasons.append(Problem.at("waits.threshold", AT_DEED, points=str(deed.points),
                                      limit=str(rule.approval_above)))
        elif rule.needs_approval(total):
            reasons.append(Problem.at("waits.split", AT_DEED, total=str(total),
                                      limit=str(rule.approval_above)))
    return reasons or [Problem.at("waits.other", AT_DEED)]
