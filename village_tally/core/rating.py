"""Household door-sign ratings: 1–5 stars per category per quarter."""

from __future__ import annotations

from collections.abc import Mapping
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


# Village's choice: a sign names its household a star household (三星级文明户 and up) only from
# three stars overall; below that it says the household is working towards it, so no door
# carries a "one-star household" that reads as a black mark.
TITLED_FROM = 3


def overall_level(stars: Mapping[str, int]) -> int:
    """A household's overall stars for a quarter: the mean of its categories, halves rounded up
    (5 4 3 5 2 → 3.8 → 4); 0 when it has no rating."""
    if not stars:
        return 0
    total, count = sum(stars.values()), len(stars)
    return (2 * total + count) // (2 * count)
