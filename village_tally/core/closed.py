"""A closed month's village as it stood at the close: its papers print from this, so a reprint
after renames, moves and new residents is the same paper (invariant 7)."""

from __future__ import annotations

from dataclasses import dataclass

from village_tally.core.deed import Resident
from village_tally.core.scheme import Scheme


@dataclass(frozen=True, slots=True)
class AtClose:
    village: str
    scheme: Scheme
    residents: tuple[Resident, ...]  # in board order (area, household, head first)
