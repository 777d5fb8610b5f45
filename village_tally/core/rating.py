"""Household door-sign ratings: 1–5 stars per category per quarter."""

from __future__ import annotations

from dataclasses import dataclass

from village_tally.core.problem import ParseError


@dataclass(frozen=True, slots=True)
class Rating:
    household: str
    quarter: str
    category: str
    stars: int


def parse_stars(text: str) -> int:
    """A rating of 1 to 5 stars, from text such as '4', '４' or '★★★★'."""
    import unicodedata

    cleaned = unicodedata.normalize("NFKC", text).strip()
    if cleaned and set(cleaned) <= {"★", "☆"}:
        value = cleaned.count("★")
    elif cleaned.isdigit() and cleaned.isascii():
        value = int(cleaned)
    elif cleaned.endswith(".0") and cleaned[:-2].isdigit():
        value = int(cleaned[:-2])
    else:
        raise ParseError("rating.not_1_to_5", value=text)
    if not 1 <= value <= 5:
        raise ParseError("rating.not_1_to_5", value=text)
    return value
