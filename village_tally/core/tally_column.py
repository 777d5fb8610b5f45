"""The tally's columns, defined once: the command line's table and CSV, the desktop program's
table, the tally spreadsheet and the printed tally sheet all show these, in this order."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from village_tally.core.points import Points
from village_tally.core.scheme import Scheme
from village_tally.core.tally import TallyRow


class ColumnKind(StrEnum):
    """What a column holds, which says how a shell aligns, writes and totals it."""

    TEXT = "text"  # words, left-aligned: name, household, area, grade
    POINTS = "points"  # points that add up down the column (a footer can total them)
    CHANGE = "change"  # the month's change, shown with its sign (+2, -1); adds up
    COUNT = "count"  # whole numbers that add up: flags, stars
    SCORE = "score"  # a resident's score: a number, but adding scores means nothing


class Shown(StrEnum):
    """When a column is shown: always, or only where the village's scheme defines it."""

    ALWAYS = "always"
    WITH_SCORE = "with_score"  # a base score (Rongcheng, Yangqiao, Suzhou)
    WITH_GRADES = "with_grades"  # grade brackets (Rongcheng's AAA-D)
    WITH_LAPSE = "with_lapse"  # a rule whose deductions lapse (信用修复)


@dataclass(frozen=True, slots=True)
class TallyColumn:
    """One column: `key` is the TallyRow field it shows (and the key of the command line's
    JSON, `TallyRow.as_json`); `label` the i18n code of its heading."""

    key: str
    label: str
    kind: ColumnKind
    shown: Shown = Shown.ALWAYS

    def value(self, row: TallyRow) -> str | int | Points | None:
        value: str | int | Points | None = getattr(row, self.key)
        return value

    def text(self, row: TallyRow) -> str:
        """The cell as plain text: points exact ("2.5"), a change signed ("+2"), nothing for
        a missing score or grade."""
        value = self.value(row)
        if value is None:
            return ""
        if self.kind is ColumnKind.CHANGE and isinstance(value, Points):
            return value.signed()
        return str(value)

    @property
    def adds_up(self) -> bool:
        return self.kind in (ColumnKind.POINTS, ColumnKind.CHANGE, ColumnKind.COUNT)

    def shown_for(self, scheme: Scheme) -> bool:
        if self.shown is Shown.WITH_SCORE:
            return scheme.has_score
        if self.shown is Shown.WITH_GRADES:
            return bool(scheme.grades)
        if self.shown is Shown.WITH_LAPSE:
            return any(r.lapse_months for r in scheme.rules)
        return True


TALLY_COLUMNS: tuple[TallyColumn, ...] = (
    TallyColumn("name", "col.name", ColumnKind.TEXT),
    TallyColumn("household", "col.household", ColumnKind.TEXT),
    TallyColumn("area", "col.area", ColumnKind.TEXT),
    TallyColumn("previous_total", "col.previous", ColumnKind.POINTS),
    TallyColumn("added", "col.added", ColumnKind.CHANGE),
    TallyColumn("deducted", "col.deducted", ColumnKind.CHANGE),
    TallyColumn("month_points", "col.month", ColumnKind.CHANGE),
    TallyColumn("total_points", "col.total", ColumnKind.POINTS),
    TallyColumn("flags", "col.flags", ColumnKind.COUNT),
    TallyColumn("stars", "col.stars", ColumnKind.COUNT),
    TallyColumn("score", "col.score", ColumnKind.SCORE, Shown.WITH_SCORE),
    TallyColumn("grade", "col.grade", ColumnKind.TEXT, Shown.WITH_GRADES),
    TallyColumn("pending_points", "col.pending", ColumnKind.POINTS),
    # what lapsed deductions give back this month: previous + month + lapsed = total
    TallyColumn("lapsed", "col.lapsed", ColumnKind.CHANGE, Shown.WITH_LAPSE),
)


def tally_columns(scheme: Scheme) -> tuple[TallyColumn, ...]:
    """The columns a village's tally shows, in order (score and grade where it has them)."""
    return tuple(c for c in TALLY_COLUMNS if c.shown_for(scheme))
