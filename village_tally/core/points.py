"""Exact points: a decimal to 0.01, stored as integer hundredths (invariant 1: never floats)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from village_tally.core.problem import ParseError

_NUMBER = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?")
_MINUS_SIGNS = str.maketrans({"\u2212": "-", "\u2013": "-", "\u2014": "-", "\uff0d": "-"})
HUNDRED = Decimal(100)
# The most points one deed, rule or threshold holds, either way (100,000: a year of a
# village's deeds is a few thousand); stored as hundredths it fits the database's 32-bit
# integer (PostgreSQL) with room for a quantity times a rule's points to be checked first.
MAX_POINTS = Decimal(100_000)
# The most units one deed counts (100,000 hours, visits or 100-yuan donations).
MAX_QUANTITY = Decimal(100_000)


@dataclass(frozen=True, slots=True, order=True)
class Points:
    """A number of points, exact to the hundredth."""

    hundredths: int

    @classmethod
    def of(cls, value: Decimal | int | str) -> Points:
        """Points from a Decimal, an int or canonical text; raises ParseError if inexact."""
        if isinstance(value, str):
            return parse_points(value)
        scaled = Decimal(value) * HUNDRED
        if scaled != scaled.to_integral_value():
            raise ParseError("points.too_precise", value=str(value))
        return cls(int(scaled))

    @property
    def decimal(self) -> Decimal:
        return (Decimal(self.hundredths) / HUNDRED).quantize(Decimal("0.01"))

    def __add__(self, other: Points) -> Points:
        return Points(self.hundredths + other.hundredths)

    def __sub__(self, other: Points) -> Points:
        return Points(self.hundredths - other.hundredths)

    def __neg__(self) -> Points:
        return Points(-self.hundredths)

    def __abs__(self) -> Points:
        return Points(abs(self.hundredths))

    def times(self, quantity: Decimal) -> Points:
        """Points for `quantity` units; raises ParseError if the product is finer than 0.01."""
        return Points.of(Decimal(self.hundredths) * quantity / HUNDRED)

    def __bool__(self) -> bool:
        return self.hundredths != 0

    def __str__(self) -> str:
        """Shortest exact text: 2, -5, 0.5, 2.25 (the form used in JSON and on paper)."""
        sign = "-" if self.hundredths < 0 else ""
        whole, frac = divmod(abs(self.hundredths), 100)
        if frac == 0:
            return f"{sign}{whole}"
        return f"{sign}{whole}.{frac:02d}".rstrip("0")

    def signed(self) -> str:
        """Text with an explicit sign for non-zero values: +2, -5, 0."""
        return f"+{self}" if self.hundredths > 0 else str(self)


ZERO = Points(0)


def hundredths(count: int) -> Points:
    """Points of so many hundredths: the one ZERO for none (most residents, most months:
    a 5,000-row tally makes no object it does not keep)."""
    return Points(count) if count else ZERO


def parse_points(text: str) -> Points:
    """Parse points typed by a person: 2, +2, -5, 0.5, 2.50, full-width ３０.

    Rejects words (两), nan, inf, exponents, digit separators and anything finer than 0.01,
    each with a ParseError whose code says why.
    """
    cleaned = unicodedata.normalize("NFKC", text).translate(_MINUS_SIGNS).strip()
    if not cleaned:
        raise ParseError("points.empty", value=text)
    if not _NUMBER.fullmatch(cleaned):
        raise ParseError("points.not_a_number", value=text)
    try:
        value = Decimal(cleaned)
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
        raise ParseError("points.not_a_number", value=text) from None
    if abs(value) > MAX_POINTS:
        raise ParseError("points.too_large", value=text, limit=MAX_POINTS)
    try:
        return Points.of(value)
    except ParseError:
        raise ParseError("points.too_precise", value=text) from None


def parse_quantity(text: str) -> Decimal:
    """A rule's quantity: a positive number to at most two decimals (8 hours / 4 = 2)."""
    cleaned = unicodedata.normalize("NFKC", text).strip()
    if not cleaned:
        raise ParseError("quantity.empty", value=text)
    if not _NUMBER.fullmatch(cleaned) or cleaned.startswith("-"):
        raise ParseError("quantity.not_positive", value=text)
    value = Decimal(cleaned)
    if value <= 0:
        raise ParseError("quantity.not_positive", value=text)
    if value > MAX_QUANTITY:
        raise ParseError("quantity.too_large", value=text, limit=MAX_QUANTITY)
    if value != value.quantize(Decimal("0.01")):
        raise ParseError("quantity.too_precise", value=text)
    return value
