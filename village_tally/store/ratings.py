"""Household door-sign ratings by quarter and category."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    Connection,
    func,
    select,
)

from village_tally.store.bound import insert_many
from village_tally.store.schema import (
    household,
    rating,
)


def insert_ratings(conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
    insert_many(conn, rating, rows)


def current_ratings(conn: Connection, village_id: int, quarter: str) -> dict[str, dict[str, int]]:
    """household code → category → stars, the newest rating of each winning."""
    newest = (select(func.max(rating.c.id)).where(rating.c.village_id == village_id,
                                                 rating.c.quarter == quarter)
              .group_by(rating.c.household_id, rating.c.category))
    rows = conn.execute(select(household.c.code, rating.c.category, rating.c.stars)
                        .join(household, household.c.id == rating.c.household_id)
                        .where(rating.c.id.in_(newest)))
    out: dict[str, dict[str, int]] = defaultdict(dict)
    for code, category, stars in rows:
        out[code][category] = stars
    return dict(out)


def latest_ratings(conn: Connection, village_id: int, upto: str) -> dict[str, dict[str, int]]:
    """household code → category → stars of its latest rated quarter up to `upto` (YYYY-Qn:
    the text orders as the quarters do), the newest rating of each category winning."""
    rows = conn.execute(select(household.c.code, rating.c.quarter, rating.c.category,
                               rating.c.stars)
                        .join(household, household.c.id == rating.c.household_id)
                        .where(rating.c.village_id == village_id, rating.c.quarter <= upto)
                        .order_by(household.c.code, rating.c.quarter, rating.c.id))
    latest: dict[str, str] = {}
    out: dict[str, dict[str, int]] = defaultdict(dict)
    for code, quarter, category, stars in rows:
        if latest.get(code) != quarter:  # a later quarter: its signs replace the earlier's
            latest[code] = quarter
            out[code] = {}
        out[code][category] = stars
    return dict(out)
