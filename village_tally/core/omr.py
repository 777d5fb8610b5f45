"""Deciding what a scanned sheet's bubbles say, never guessing (issue 17).

The reader measures each bubble's ink (0 paper white … 1 black, with the printed digit inside
an empty bubble taken off); this module turns those numbers into values. The thresholds come
from each sheet's own bubbles: its empty bubbles (most of them) and its clearly filled ones.
A field is accepted only when each of its rows has exactly one sure mark and nothing else that
could be a mark; anything else is shown to a person with the reason. Pure arithmetic.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from village_tally.core.scan_form import FIELDS, Group, LineLayout, field_value

# Ink that is certainly a mark whatever the sheet: a light pencil fill leaves about 0.3.
MARK_FLOOR = 0.16
# Below this a bubble is paper, whatever the sheet (specks, toner dust, a faint shadow).
NOISE = 0.07
DEFAULT_FULL = 0.55  # a sheet with too few marks to measure its own full level
SECOND_RATIO = 0.4  # a second mark above this share of the first is a doubt


class Certainty(StrEnum):
    SURE = "sure"
    UNCERTAIN = "uncertain"
    BLANK = "blank"


@dataclass(frozen=True, slots=True)
class Levels:
    """A sheet's own ink levels: a filled bubble's (median of its clear marks) and the
    thresholds derived from it."""

    full: float
    sure: float  # at or above: a mark
    empty: float  # at or below: paper

    @classmethod
    def of(cls, ink: Sequence[float]) -> Levels:
        """Levels from every bubble of one sheet (empty bubbles already read as about 0)."""
        marks = [v for v in ink if v >= MARK_FLOOR * 2]
        full = statistics.median(marks) if len(marks) >= 3 else DEFAULT_FULL
        full = max(full, MARK_FLOOR * 2)
        return cls(full, max(MARK_FLOOR, 0.45 * full), max(NOISE, 0.2 * full))


@dataclass(frozen=True, slots=True)
class RowRead:
    """One row of bubbles: the index marked (or None), how sure, and why not."""

    index: int | None
    certainty: Certainty
    reason: str = ""


def read_row(ink: Sequence[float], levels: Levels) -> RowRead:
    """Exactly one sure mark and the rest paper (or clearly fainter: an erasure, a stray
    stroke's edge) gives a value; no mark at all gives blank; anything else is uncertain."""
    order = sorted(range(len(ink)), key=lambda i: ink[i], reverse=True)
    if not order:
        return RowRead(None, Certainty.BLANK, "no_mark")
    top = order[0]
    best = ink[top]
    second = ink[order[1]] if len(order) > 1 else 0.0
    if best <= levels.empty:
        return RowRead(None, Certainty.BLANK, "no_mark")
    if best < levels.sure:
        return RowRead(None, Certainty.UNCERTAIN, "faint_mark")
    if second >= levels.sure:
        return RowRead(None, Certainty.UNCERTAIN, "two_marks")
    # An erasure leaves a fraction of the mark it was; more than this is a doubt (a change of
    # mind not rubbed out, a second light fill).
    if second > levels.empty and second > best * SECOND_RATIO:
        return RowRead(None, Certainty.UNCERTAIN, "second_mark")
    return RowRead(top, Certainty.SURE)


@dataclass(frozen=True, slots=True)
class FieldRead:
    """One field of a line (resident, rule, quantity): its number, how sure, why not."""

    value: int | None
    certainty: Certainty
    reason: str = ""


READY, REVIEW, EMPTY_LINE = "ready", "review", "blank"


@dataclass(frozen=True, slots=True)
class LineRead:
    line: int
    resident: FieldRead  # the row number on the back of the sheet
    rule: FieldRead  # the rule's number on the back of the sheet
    quantity: FieldRead
    status: str  # ready (every field sure), review, or blank (nothing marked)

    def fields(self) -> tuple[tuple[str, FieldRead], ...]:
        return (("resident", self.resident), ("rule", self.rule), ("quantity", self.quantity))


def read_field(rows: Sequence[tuple[Group, RowRead]], highest: int) -> FieldRead:
    """A field from its rows (most significant digit first): every row sure, and the number
    one that the sheet lists (1..highest)."""
    reads = [r for _, r in rows]
    if all(r.certainty is Certainty.BLANK for r in reads):
        return FieldRead(None, Certainty.BLANK, "no_mark")
    unsure = next((r for r in reads if r.certainty is Certainty.UNCERTAIN), None)
    if unsure is not None:
        return FieldRead(None, Certainty.UNCERTAIN, unsure.reason)
    if any(r.certainty is Certainty.BLANK for r in reads):
        return FieldRead(None, Certainty.UNCERTAIN, "digit_missing")
    value = field_value({g.place: g.bubbles[r.index].value for g, r in rows
                         if r.index is not None})
    if not 1 <= value <= highest:
        return FieldRead(value, Certainty.UNCERTAIN, "not_listed")
    return FieldRead(value, Certainty.SURE)


def read_line(line: LineLayout, ink: Sequence[float], levels: Levels, *, residents: int,
              rules: int, quantity: int = 9) -> LineRead:
    """A line from its bubbles' ink (layout order): ready only when every field is sure."""
    rows: dict[str, list[tuple[Group, RowRead]]] = {f: [] for f in FIELDS}
    at = 0
    for group in line.groups:
        n = len(group.bubbles)
        rows[group.field].append((group, read_row(ink[at:at + n], levels)))
        at += n
    resident = read_field(rows["resident"], residents)
    rule = read_field(rows["rule"], rules)
    qty = read_field(rows["quantity"], quantity)
    fields = (resident, rule, qty)
    if all(f.certainty is Certainty.BLANK for f in fields):
        status = EMPTY_LINE
    elif all(f.certainty is Certainty.SURE for f in fields):
        status = READY
    else:
        status = REVIEW
    return LineRead(line.line, resident, rule, qty, status)
