"""Welfare rewards: brackets of points → rice, cooking oil, cash (the committee edits them).

Jiakuang Majia gives rice, oil and cash to the highest scorers; the reporting gives no amounts,
so the default table is the village's choice. The table is JSON so a committee can keep its own.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from village_tally.core.points import Points
from village_tally.core.problem import ParseError

if TYPE_CHECKING:  # tally needs the scheme, which holds the rewards
    from village_tally.core.tally import TallyRow

BASES = ("total", "month")


@dataclass(frozen=True, slots=True)
class Bracket:
    """At least `minimum` points earn rice (jin), oil (bottles) and cash (yuan)."""

    name: str
    minimum: Points
    rice: int = 0
    oil: int = 0
    cash: int = 0


@dataclass(frozen=True, slots=True)
class Rewards:
    """Brackets best first; `basis` is which points count: the running total or the month's."""

    brackets: tuple[Bracket, ...]
    basis: str = "total"


# Village's choice: the month's own points, so the list rewards this month's deeds and the same
# high total is not rewarded again every month. Review before the first rewards day.
DEFAULT_REWARDS = Rewards((
    Bracket("一等", Points.of(20), rice=20, oil=2, cash=100),
    Bracket("二等", Points.of(12), rice=10, oil=1, cash=50),
    Bracket("三等", Points.of(6), rice=10, oil=1, cash=0),
), basis="month")


def parse_rewards(text: str) -> Rewards:
    """Rewards from JSON: {"basis": "total", "brackets": [{"name", "minimum", "rice", "oil",
    "cash"}, …]}; raises ParseError('rewards.invalid', detail=…) saying what is wrong."""
    try:
        data = json.loads(text)
        basis = data.get("basis", "total")
        if basis not in BASES:
            raise ValueError(f"basis must be one of {', '.join(BASES)}")
        brackets = []
        for i, b in enumerate(data["brackets"], start=1):
            amounts = [int(b.get(k, 0)) for k in ("rice", "oil", "cash")]
            if min(amounts) < 0:
                raise ValueError(f"bracket {i}: amounts must not be negative")
            brackets.append(Bracket(str(b["name"]), Points.of(Decimal(str(b["minimum"]))),
                                    *amounts))
    except (ValueError, KeyError, TypeError, AttributeError, ParseError) as exc:
        raise ParseError("rewards.invalid", detail=str(exc)) from None
    if not brackets:
        raise ParseError("rewards.invalid", detail="no brackets")
    return Rewards(tuple(sorted(brackets, key=lambda b: -b.minimum.hundredths)), basis)


def rewards_data(rewards: Rewards) -> dict[str, object]:
    """The JSON shape `parse_rewards` reads."""
    return {"basis": rewards.basis, "brackets": [
        {"name": b.name, "minimum": str(b.minimum), "rice": b.rice, "oil": b.oil,
         "cash": b.cash} for b in rewards.brackets]}


def rewards_problems(rewards: Rewards) -> list[tuple[str, dict[str, object]]]:
    """What is wrong with a committee's brackets, as (code, params), every one at once."""
    found: list[tuple[str, dict[str, object]]] = []
    if not rewards.brackets:
        found.append(("rewards.empty", {}))
    if rewards.basis not in BASES:
        found.append(("rewards.basis", {"value": rewards.basis}))
    seen: set[int] = set()
    for i, b in enumerate(rewards.brackets, start=1):
        if not b.name.strip():
            found.append(("rewards.name_missing", {"n": i}))
        if min(b.rice, b.oil, b.cash) < 0:
            found.append(("rewards.amount_negative", {"n": i, "name": b.name}))
        if b.minimum.hundredths in seen:
            found.append(("rewards.minimum_repeated", {"n": i, "minimum": str(b.minimum)}))
        seen.add(b.minimum.hundredths)
    return found


def points_for(row: TallyRow, basis: str) -> Points:
    return row.month_points if basis == "month" else row.total_points


def award(rows: Iterable[TallyRow], rewards: Rewards) -> list[tuple[TallyRow, Bracket]]:
    """Who gets what: each resident in the best bracket they reach, highest points first."""
    out = []
    for row in rows:
        pts = points_for(row, rewards.basis)
        bracket = next((b for b in rewards.brackets if pts >= b.minimum), None)
        if bracket is not None and pts.hundredths > 0:
            out.append((row, bracket))
    order = {id(r): i for i, (r, _) in enumerate(out)}
    return sorted(out, key=lambda rb: (-points_for(rb[0], rewards.basis).hundredths,
                                       order[id(rb[0])]))
