"""A month's public-notice period (公示期), as the board, tally sheet and rewards list print it.

Plain data: the printing takes it when given; the notice work (publishing a month) fills it from
the ledger.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Notice:
    """Posted from `start` to `end`; objections go to `contact` at `place` until
    `objections_until`."""

    start: dt.date
    end: dt.date
    contact: str
    place: str
    objections_until: dt.date
