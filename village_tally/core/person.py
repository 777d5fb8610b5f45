"""People who sign in (gatherers, committee members, secretaries), their PINs and lockouts."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from typing import NewType

from village_tally.core.deed import ResidentId
from village_tally.core.problem import ParseError

PersonId = NewType("PersonId", int)

PIN_LENGTHS = range(4, 9)  # 4-8 digits, as elderly users manage (DESIGN)


class Role(StrEnum):
    """What a person does for the village (DESIGN "Who may do what")."""

    GATHERER = "gatherer"  # 信息员
    COMMITTEE = "committee"  # 村委
    SECRETARY = "secretary"  # 文书


@dataclass(frozen=True, slots=True)
class Person:
    """Someone who signs in. A person may also be a resident (`resident_id`, `household`)."""

    id: PersonId
    name: str  # normalised (core.names), unique in the village
    role: Role
    areas: frozenset[str] = frozenset()  # a gatherer's areas, by name
    resident_id: ResidentId | None = None
    household: str | None = None  # the resident's household code
    retired: bool = False
    pin_set: bool = False


def parse_pin(text: str) -> str:
    """A PIN of 4-8 digits; full-width digits (a Chinese input method) count as digits."""
    pin = unicodedata.normalize("NFKC", text).strip()
    if not (pin.isascii() and pin.isdigit()) or len(pin) not in PIN_LENGTHS:
        raise ParseError("pin.invalid")
    return pin


# Lockout: three free tries, then a lockout that doubles with each further wrong PIN, up to a
# cap, so a PIN cannot be tried through at the keyboard; the secretary's PIN reset lifts it.
FREE_TRIES = 3
FIRST_LOCK = dt.timedelta(seconds=30)
LONGEST_LOCK = dt.timedelta(hours=1)


def lock_after(failures: int) -> dt.timedelta | None:
    """How long a person is locked out after `failures` wrong PINs in a row (None: not)."""
    if failures < FREE_TRIES:
        return None
    doublings = min(failures - FREE_TRIES, 16)  # 30 s * 2**16 is far past the cap
    return min(FIRST_LOCK * (1 << doublings), LONGEST_LOCK)
