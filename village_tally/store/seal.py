"""A closed month's seal: what its close entry in the audit chain says about the month row, the
stored tally and the roster snapshot, so `verify` can hold each against it."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from village_tally.core.points import Points
from village_tally.core.tally import points_digest

# The keys of a seal in a close entry's details (and in a baseline's `months`).
FIELDS = ("checksum", "tally", "roster", "points", "closed_at", "closed_by")


def text_digest(text: str | bytes | None) -> str | None:
    """SHA-256 of a stored text exactly as stored, as a str or as its UTF-8 bytes (None for
    none)."""
    if text is None:
        return None
    if isinstance(text, str):
        text = text.encode("utf-8", "surrogateescape")
    return hashlib.sha256(text).hexdigest()


def seal(*, checksum: str, tally: str, roster: str | None, points: str, closed_at: str,
         closed_by: str) -> dict[str, Any]:
    """The seal a close records: the checksum, digests of the stored tally and the roster
    snapshot, the points fingerprint (core.tally.points_digest), and when and by whom."""
    return {"checksum": checksum, "tally": text_digest(tally), "roster": text_digest(roster),
            "points": points, "closed_at": closed_at, "closed_by": closed_by}


def stored_points(tally_text: str) -> list[tuple[int, int, int, int]]:
    """(resident id, total, added, deducted) in hundredths from a stored tally's text;
    ValueError (or KeyError, TypeError) if it cannot be read."""
    rows: list[Mapping[str, Any]] = json.loads(tally_text)
    return [(int(r["id"]), _h(r["total_points"]), _h(r["added"]), _h(r["deducted"]))
            for r in rows]


def _h(text: Any) -> int:
    return Points.of(Decimal(str(text))).hundredths


def seal_of_stored(row: Any, roster: str | None) -> dict[str, Any]:
    """The seal of a month closed before seals were kept, from what it stores (a baseline)."""
    try:
        points = points_digest(stored_points(row.tally))
    except (ValueError, TypeError, KeyError, ArithmeticError):
        points = "unreadable"
    return seal(checksum=row.checksum, tally=row.tally, roster=roster, points=points,
                closed_at=row.closed_at, closed_by=row.closed_by)
