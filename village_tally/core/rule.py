"""Rules of a village handbook (积分细则): what a deed is worth and its limits."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from village_tally.core.points import Points


@dataclass(frozen=True, slots=True)
class GradeCap:
    """A deed that holds a grade at or below `grade` for `months` (drunk driving: C, 12)."""

    grade: str
    months: int


@dataclass(frozen=True, slots=True)
class Rule:
    """One line of the handbook.

    `monthly_cap` counts units per resident per calendar month (C1: 4 visits). A deed whose
    absolute points exceed `approval_above` needs a committee member's approval; `approval_above`
    of 0 means every such deed does.
    """

    code: str
    title_zh: str
    title_en: str
    points: Points
    unit_zh: str = "次"
    unit_en: str = "time"
    monthly_cap: Decimal | None = None
    approval_above: Points | None = None
    document_required: bool = False
    grade_cap: GradeCap | None = None
    active: bool = True

    def needs_approval(self, points: Points) -> bool:
        return self.approval_above is not None and abs(points) > self.approval_above

    def title(self, lang: str) -> str:
        return self.title_zh if lang == "zh" else self.title_en

    def unit(self, lang: str) -> str:
        return self.unit_zh if lang == "zh" else self.unit_en
