"""Months (YYYY-MM) and quarters (YYYY-Qn): the `Month` value and arithmetic on plain values."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from village_tally.core.problem import ParseError

_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
_ONE_DIGIT = re.compile(r"[0-9]{4}-[1-9]")
_QUARTER = re.compile(r"([0-9]{4})-?[Qq]([1-4])")


@dataclass(frozen=True, slots=True, order=True)
class Month:
    """A calendar month: parsed once, strictly (`Month.parse`), then passed as a value from the
    shells down to the store, which keeps it as TEXT 'YYYY-MM' (`str(month)`). Ordered,
    hashable; months of a day are shared values (no new object per deed of an import)."""

    year: int
    number: int  # 1..12

    def __post_init__(self) -> None:
        if not (1 <= self.year <= 9999 and 1 <= self.number <= 12):
            raise ValueError(f"no such month: {self.year}-{self.number}")

    @classmethod
    def parse(cls, text: str) -> Month:
        """'YYYY-MM' exactly (2026-10); anything else is a ParseError saying why: 2026-1 and
        26-10 (not YYYY-MM), 2026-10-01 (a day, not a month), 2026-13, 0000-01."""
        found = _PARSED.get(text)
        if found is not None:
            return found
        cleaned = text.strip()
        m = _MONTH.fullmatch(cleaned)
        if m is None:
            if _ONE_DIGIT.fullmatch(cleaned):
                raise ParseError("month.two_digits", value=text,
                                 month=f"{cleaned[:4]}-0{cleaned[5:]}")
            code = "month.is_a_day" if _is_day(cleaned) else "month.invalid"
            raise ParseError(code, value=text)
        year, number = int(m.group(1)), int(m.group(2))
        if not 1 <= number <= 12:
            raise ParseError("month.no_such_month", value=text)
        if year < 1:
            raise ParseError("month.no_such_year", value=text)
        month = cls.of(dt.date(year, number, 1))
        if len(_PARSED) < 10_000:
            _PARSED[text] = month
        return month

    @staticmethod
    def of(day: dt.date) -> Month:
        """The month a day is in (one shared value per month)."""
        found = _OF_DAY.get(day)
        if found is None:
            found = _SHARED.setdefault((day.year, day.month), Month(day.year, day.month))
            if len(_OF_DAY) < 100_000:
                _OF_DAY[day] = found
        return found

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.number:02d}"

    def __add__(self, months: int) -> Month:
        """The month `months` later (earlier if negative)."""
        index = self.year * 12 + self.number - 1 + months
        return Month.of(dt.date(index // 12, index % 12 + 1, 1))

    def __sub__(self, months: int) -> Month:
        return self + -months

    def since(self, other: Month) -> int:
        """How many months after `other` this one is (negative if before)."""
        return (self.year - other.year) * 12 + self.number - other.number

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.number, 1)

    @property
    def last_day(self) -> dt.date:
        if self.number == 12:
            return dt.date(self.year, 12, 31)
        return dt.date(self.year, self.number + 1, 1) - dt.timedelta(days=1)

    @property
    def quarter(self) -> str:
        """Its quarter, 'YYYY-Qn' (door-sign ratings are by quarter)."""
        return f"{self.year}-Q{(self.number - 1) // 3 + 1}"


_SHARED: dict[tuple[int, int], Month] = {}
_OF_DAY: dict[dt.date, Month] = {}
_PARSED: dict[str, Month] = {}


def _is_day(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def parse_quarter(text: str) -> str:
    """Canonical 'YYYY-Qn'."""
    m = _QUARTER.fullmatch(text.strip())
    if not m:
        raise ParseError("quarter.invalid", value=text)
    return f"{m.group(1)}-Q{m.group(2)}"


def parse_date(text: str) -> dt.date:
    """An ISO date YYYY-MM-DD (the command line's form); spreadsheets use exchange's parser."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ParseError("date.invalid", value=text) from None
