"""A way back (信用修复): when a rule's deductions stop counting, from the deeds' dates.

A rule with `lapse_months` N lets a deduction lapse N months after its date, unless another
deduction under the same rule for the same resident is dated before that day: then the two
lapse together, N months after the later one (and so on down the chain). The deed stays on
the record; from the month of its lapse on it no longer counts. A closed month never changes
(invariant 3): lapses that took effect in a closed month are kept as they were when it closed
(the store's `lapse` rows), and one that falls due in a closed month takes effect in the first
open month.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from village_tally.core.month import Month
from village_tally.core.points import Points
from village_tally.core.tally import NO_SUMS, Sums


@dataclass(frozen=True, slots=True)
class Deduction:
    """An approved deduction under a rule that lapses (never voided, never corrected)."""

    deed_id: int
    resident_id: int
    rule_id: int
    date: dt.date
    points: Points  # below zero


@dataclass(frozen=True, slots=True)
class Lapse:
    """A deduction that no longer counts from `month` on (its points given back then)."""

    deed_id: int
    resident_id: int
    points: Points  # the deduction's points (below zero)
    month: Month


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the month's last day when it is shorter (31 Jan + 1
    month = 28 or 29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, number = divmod(index, 12)
    last = calendar.monthrange(year, number + 1)[1]
    return dt.date(year, number + 1, min(day.day, last))


def lapse_dates(deductions: Iterable[Deduction], months: Mapping[int, int]
                ) -> dict[int, dt.date]:
    """The day each deduction lapses, by deed id; `months` gives each lapsing rule's N (rule
    id → months). A deduction dated before the chain's lapse day extends it."""
    chains: dict[tuple[int, int], list[Deduction]] = {}
    for d in deductions:
        if d.rule_id in months:
            chains.setdefault((d.resident_id, d.rule_id), []).append(d)
    out: dict[int, dt.date] = {}
    for (_, rule_id), found in chains.items():
        n = months[rule_id]
        chain: list[Deduction] = []
        for d in sorted(found, key=lambda d: (d.date, d.deed_id)):
            if chain and d.date >= add_months(chain[-1].date, n):
                out.update(dict.fromkeys((c.deed_id for c in chain),
                                         add_months(chain[-1].date, n)))
                chain = []
            chain.append(d)
        if chain:
            out.update(dict.fromkeys((c.deed_id for c in chain), add_months(chain[-1].date, n)))
    return out


def due_by(deductions: Iterable[Deduction], months: Mapping[int, int], month: Month,
           first_open: Month | None) -> list[Lapse]:
    """The deductions that have lapsed by the end of `month`, each taking effect in its lapse
    day's month, or in `first_open` when that month is closed already."""
    found = list(deductions)
    dates = lapse_dates(found, months)
    out = []
    for d in found:
        day = dates.get(d.deed_id)
        if day is None or day > month.last_day:
            continue
        effective = Month.of(day)
        if first_open is not None and effective < first_open:
            effective = first_open
        out.append(Lapse(d.deed_id, d.resident_id, d.points, effective))
    return out


def with_lapses(sums: Mapping[int, Sums], lapses: list[Lapse], month: Month,
                after: Month | None) -> tuple[Mapping[int, Sums], dict[int, int]]:
    """Sums with what lapsed deductions give back in the total from their month on (those
    after `after`, whose closed total has its own in already), and what lapsed in `month`
    itself, by resident, in hundredths (`core.tally.tally_rows`' `lapsed`). Without lapses
    (most villages) the sums themselves, not a copy."""
    if not lapses:
        return sums, {}
    out = dict(sums)
    lapsed: dict[int, int] = {}
    for x in lapses:
        if x.month > month or (after is not None and x.month <= after):
            continue
        added, deducted, total, pending = out.get(x.resident_id, NO_SUMS)
        back = -x.points.hundredths
        out[x.resident_id] = (added, deducted, total + back, pending)
        if x.month == month:
            lapsed[x.resident_id] = lapsed.get(x.resident_id, 0) + back
    return out, lapsed
