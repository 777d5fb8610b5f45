"""Months (YYYY-MM) and quarters (YYYY-Qn): parsing and arithmetic on plain values."""

from __future__ import annotations

import datetime as dt
import re

from village_tally.core.problem import ParseError

_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
_QUARTER = re.compile(r"([0-9]{4})-?[Qq]([1-4])")


def parse_month(text: str) -> str:
    """A month written exactly as 'YYYY-MM' (2026-10). `2026-1` is refused rather than read as
    January (it may be a cut-off 2026-11), as are year 0000 and months outside 01–12."""
    m = _MONTH.fullmatch(text.strip())
    if not m or not 1 <= int(m.group(2)) <= 12 or m.group(1) == "0000":
        raise ParseError("month.invalid", value=text)
    return f"{m.group(1)}-{m.group(2)}"


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


def month_of(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def month_start(month: str) -> dt.date:
    year, mon = month.split("-")
    return dt.date(int(year), int(mon), 1)


def month_end(month: str) -> dt.date:
    start = month_start(month)
    nxt = add_months(month, 1)
    return month_start(nxt) - dt.timedelta(days=1) if nxt else start


def add_months(month: str, n: int) -> str:
    year, mon = (int(p) for p in month.split("-"))
    index = year * 12 + (mon - 1) + n
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def quarter_of(month: str) -> str:
    year, mon = (int(p) for p in month.split("-"))
    return f"{year}-Q{(mon - 1) // 3 + 1}"


def quarter_months(quarter: str) -> tuple[str, str, str]:
    year, q = quarter.split("-Q")
    first = (int(q) - 1) * 3 + 1
    return tuple(f"{year}-{first + i:02d}" for i in range(3))  # type: ignore[return-value]
