"""What a scan sheet's QR code says: the village, area, month and sheet number, which side
of the paper, and a check that only this village's ledger can compute. Pure."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

PREFIX = "VT1"
FRONT, BACK = "F", "B"


@dataclass(frozen=True, slots=True)
class SheetId:
    village: str
    area: str
    month: str
    n: int
    side: str = FRONT
    check: str = ""


def _escape(text: str) -> str:
    return text.replace("%", "%25").replace("|", "%7C")


def _unescape(text: str) -> str:
    return text.replace("%7C", "|").replace("%25", "%")


def check(secret: str, village: str, area: str, month: str, n: int) -> str:
    """Eight hex digits from the village's own secret (when it was created) and the sheet: a
    sheet of a namesake village in another file has another check."""
    text = "\x1f".join((secret, village, area, month, str(n)))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def encode(sheet: SheetId) -> str:
    parts = (PREFIX, _escape(sheet.village), _escape(sheet.area), sheet.month, str(sheet.n),
             sheet.side, sheet.check)
    return "|".join(parts)


def decode(text: str) -> SheetId | None:
    """The sheet a QR code names, or None when the code is not one of ours."""
    parts = text.split("|")
    if len(parts) != 7 or parts[0] != PREFIX or parts[5] not in (FRONT, BACK):
        return None
    if not parts[4].isdigit() or len(parts[6]) != 8:
        return None
    return SheetId(_unescape(parts[1]), _unescape(parts[2]), parts[3], int(parts[4]), parts[5],
                   parts[6])
