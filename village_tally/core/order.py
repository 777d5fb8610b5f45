"""Orders on paper: areas in natural order, ranks that never shame, the role-model band.

DESIGN: no printed document ranks, lists or marks a total at or below zero. So only totals above
zero get a rank; ties share one (1, 1, 3 …); the band takes every tie at its cut, or none of it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TypeVar

from village_tally.core.points import Points

T = TypeVar("T")

_DIGITS = "零〇一二三四五六七八九"
_VALUES = {ch: (i - 1 if i > 0 else 0) for i, ch in enumerate(_DIGITS)}
_VALUES.update({"两": 2})
_UNITS = {"十": 10, "百": 100, "千": 1000}
_NUMERALS = "零〇一二两三四五六七八九十百千"
_CHUNK = re.compile(rf"[0-9]+|[{_NUMERALS}]+|[^0-9{_NUMERALS}]+")


def chinese_number(text: str) -> int:
    """A number in Chinese numerals: 一 1, 十 10, 十一 11, 二十 20, 一百零五 105, 三〇 30."""
    if not any(ch in _UNITS for ch in text):  # digit by digit: 二〇 = 20
        return int("".join(str(_VALUES[ch]) for ch in text))
    total, digit = 0, 0
    for ch in text:
        if ch in _UNITS:
            total += (digit or 1) * _UNITS[ch]
            digit = 0
        else:
            digit = _VALUES[ch]
    return total + digit


def natural_key(text: str | None) -> tuple[tuple[int, int, str], ...]:
    """Sort key that reads numbers as numbers (一片 二片 … 十片; 2组 before 10组); no name last."""
    if not text:
        return ((2, 0, ""),)
    key = []
    for chunk in _CHUNK.findall(text):
        if chunk[0].isdigit():
            key.append((0, int(chunk), chunk))
        elif chunk[0] in _VALUES or chunk[0] in _UNITS:
            key.append((0, chinese_number(chunk), chunk))
        else:
            key.append((1, 0, chunk))
    return tuple(key)


def ranked(items: Sequence[T], points: Callable[[T], Points]) -> list[tuple[int, T]]:
    """Items with points above zero, highest first, each with its competition rank (1, 1, 3);
    ties keep the order they came in. Items at or below zero are left out: never ranked.
    Each item's points are asked for once (5,000 on a board: bench/bench_board.py)."""
    above = [(h, item) for item in items if (h := points(item).hundredths) > 0]
    above.sort(key=lambda pair: -pair[0])  # stable: ties keep their order
    out: list[tuple[int, T]] = []
    rank, last = 0, 0
    for n, (h, item) in enumerate(above, start=1):
        if h != last:
            rank, last = n, h
        out.append((rank, item))
    return out


def band(items: Sequence[T], points: Callable[[T], Points], size: int) -> list[tuple[int, T]]:
    """The role models: the highest ranks, at most `size` people, and every tie at the cut or
    none of it (three people at 140 are all in, or all out)."""
    out = ranked(items, points)
    if len(out) <= size:
        return out
    cut = out[size][0]  # the rank of the first one who does not fit
    return [(rank, item) for rank, item in out if rank < cut]
