"""The village-hall screen (Yangqiao): what a villager may report there, and how it is named.

A report from the screen is a deed waiting for the committee: it names the screen as its paper
(`KIOSK`, the source sheet and the typist), the villager who reported it as its recorder, and
it is always a good deed under a rule of the handbook — never a deduction, never free points.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from village_tally.core.rule import Rule

# The screen's name in the ledger: the source "sheet" of a report and who typed it.
KIOSK = "自助屏"


def reportable(rules: Iterable[Rule]) -> list[Rule]:
    """The handbook's rules a villager may report at the screen: active good deeds."""
    return [r for r in rules if r.active and r.points.hundredths > 0 and r.grade_cap is None]


_DIGITS = re.compile(r"[0-9]+")


def door_number(text: str) -> str:
    """The number a villager reads off a door plate or types ('马家村12号', '12', '０１２'
    → '12'); '' when there is none. Full-width digits count as digits."""
    found = _DIGITS.findall(unicodedata.normalize("NFKC", text))
    return str(int(found[-1])) if found else ""
