"""Rules of a village handbook (积分细则): what a deed is worth and its limits."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from village_tally.core.month import Month
from village_tally.core.points import Points

# How long a cap counts units for (the handbook's "4 a month", "1 a year").
CAP_PERIODS = ("month", "quarter", "year")
_PERIOD_MONTHS = {"month": 1, "quarter": 3, "year": 12}
# The longest a deduction may take to lapse (信用修复): ten years.
MAX_LAPSE_MONTHS = 120


@dataclass(frozen=True, slots=True)
class GradeCap:
    """A deed that holds a grade at or below `grade` for `months` (drunk driving: C, 12)."""

    grade: str
    months: int


@dataclass(frozen=True, slots=True)
class Rule:
    """One line of the handbook.

    `monthly_cap` (its name from when every cap was monthly) counts units per resident per
    calendar `cap_period`: month (C1: 4 visits), quarter or year (A1: once a year). A deed whose
    absolute points exceed `approval_above` needs a committee member's approval; `approval_above`
    of 0 means every such deed does. With `lapse_months`, the rule's deductions stop counting
    that many months after the deed's date when no other deduction under the rule came in
    between (信用修复, core.lapse).
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
    cap_period: str = "month"
    lapse_months: int | None = None

    def needs_approval(self, points: Points) -> bool:
        return self.needs_approval_h(points.hundredths)

    def needs_approval_h(self, points_h: int) -> bool:
        """`needs_approval` of points in hundredths."""
        return self.approval_above is not None and abs(points_h) > self.approval_above.hundredths

    def title(self, lang: str) -> str:
        return self.title_zh if lang == "zh" else self.title_en

    def unit(self, lang: str) -> str:
        return self.unit_zh if lang == "zh" else self.unit_en

    def cap_window(self, month: Month) -> tuple[Month, Month]:
        """The months the cap counts together with `month`: its month, quarter or year."""
        size = _PERIOD_MONTHS.get(self.cap_period, 1)
        first = month - (month.number - 1) % size
        return first, first + (size - 1)
