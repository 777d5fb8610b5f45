"""What a service call changed, so each view refreshes only when it must."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Changes:
    deeds: bool = False
    roster: bool = False
    rules: bool = False
    months: bool = False
    ratings: bool = False
    people: bool = False  # people, their roles, areas and PINs

    def __or__(self, other: Changes) -> Changes:
        return Changes(*(a or b for a, b in zip(_values(self), _values(other), strict=True)))

    def __bool__(self) -> bool:
        return any(_values(self))


def _values(c: Changes) -> tuple[bool, ...]:
    return (c.deeds, c.roster, c.rules, c.months, c.ratings, c.people)


NOTHING = Changes()
DEEDS = Changes(deeds=True)
ROSTER = Changes(roster=True)
RULES = Changes(rules=True)
MONTHS = Changes(months=True)
RATINGS = Changes(ratings=True)
PEOPLE = Changes(people=True)
