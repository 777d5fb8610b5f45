"""Cell values as people type them into Excel or WPS: text, dates, numbers, flags.

Each converter takes what a reader returns for one cell (str, float, int, bool, date, datetime)
and returns a plain value or raises ParseError with a code the user will read.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from decimal import Decimal

from village_tally.core.deed import MAX_ID, id_number
from village_tally.core.month import parse_quarter
from village_tally.core.points import Points, parse_points, parse_quantity
from village_tally.core.problem import ParseError
from village_tally.core.rating import parse_stars

Raw = object
EPOCH_1900 = dt.date(1899, 12, 30)  # Excel's 1900 system, past its 1900-02-29 bug
EPOCH_1904 = dt.date(1904, 1, 1)
FIRST_SERIAL_1900 = 61  # serials below this fall before Excel's phantom leap day
_YMD = re.compile(r"([0-9]{4})\s*[-/.年]\s*([0-9]{1,2})\s*[-/.月]\s*([0-9]{1,2})\s*[日号]?"
                  r"(?:[ T]+[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?)?")
_DMY_OR_MDY = re.compile(r"[0-9]{1,2}\s*[-/.]\s*[0-9]{1,2}\s*[-/.]\s*[0-9]{2,4}")
_YEARLESS = re.compile(r"[0-9]{1,2}\s*[-/.月]\s*[0-9]{1,2}\s*[日号]?")
_CN_QUARTER = re.compile(r"([0-9]{4})\s*年?\s*第?\s*([1-4一二三四])\s*季度?")
_CN_DIGITS = {"一": "1", "二": "2", "三": "3", "四": "4"}
TRUE_WORDS = {"是", "户主", "本人", "y", "yes", "true", "1", "√", "✓", "✔", "x", "☑"}
FALSE_WORDS = {"", "否", "n", "no", "false", "0"}


def is_blank(value: Raw) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text(value: Raw) -> str:  # noqa: PLR0911 - one return per cell type
    """A cell as text: whole floats lose their '.0' (12.0 → '12'), text is kept as written."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return format(value, ".15g")
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return duration(value)
    if isinstance(value, dt.time):
        return value.isoformat(timespec="seconds")
    return str(value).strip()


def duration(value: dt.timedelta) -> str:
    """A time-span cell as a spreadsheet shows one ([h]:mm:ss): 10 days 15:10:10 → 255:10:10."""
    seconds = round(value.total_seconds())
    sign = "-" if seconds < 0 else ""
    hours, rest = divmod(abs(seconds), 3600)
    return f"{sign}{hours}:{rest // 60:02d}:{rest % 60:02d}"


def date(value: Raw, *, date1904: bool = False) -> dt.date:
    """A date from a real date cell, an Excel serial number, or text such as 2026年10月3日.

    Datetimes keep their calendar day (no timezone shift). Text without a year, or with the
    year last (03/10/2026 could be March or October), is refused rather than guessed.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        raise ParseError("cell.date_invalid", value=text(value))
    if isinstance(value, int | float):
        return _serial(value, date1904)
    raw = text(value)
    cleaned = unicodedata.normalize("NFKC", raw).strip()
    if not cleaned:
        raise ParseError("cell.required", value="")
    m = _YMD.fullmatch(cleaned)
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            raise ParseError("cell.date_invalid", value=raw) from None
    if _DMY_OR_MDY.fullmatch(cleaned):
        raise ParseError("cell.date_ambiguous", value=raw)
    if _YEARLESS.fullmatch(cleaned):
        raise ParseError("cell.date_yearless", value=raw)
    raise ParseError("cell.date_invalid", value=raw)


def _serial(value: float, date1904: bool) -> dt.date:
    if math.isnan(value) or math.isinf(value):
        raise ParseError("cell.date_invalid", value=str(value))
    day = int(value)
    if date1904:
        result = EPOCH_1904 + dt.timedelta(days=day) if 0 <= day < 80000 else None
    else:
        result = (EPOCH_1900 + dt.timedelta(days=day)
                  if FIRST_SERIAL_1900 <= day < 80000 else None)
    if result is None:
        raise ParseError("cell.date_invalid", value=text(value))
    return result


def points(value: Raw) -> Points:
    """Points through the one parser (core.points): numbers and text alike."""
    if isinstance(value, bool):
        raise ParseError("points.not_a_number", value=text(value))
    if isinstance(value, int):
        return Points.of(value)
    if type(value) is float and value.is_integer() and abs(value) < 1e12:
        return Points(int(value) * 100)  # the common case, exactly what parse_points gives
    raw = text(value)
    cleaned = raw.strip()
    if cleaned.endswith("分"):  # '2分', '-10 分': the unit written in the cell
        cleaned = cleaned[:-1]
    try:
        return parse_points(cleaned)
    except ParseError as exc:
        raise ParseError(exc.code, value=raw) from None


def quantity(value: Raw) -> Decimal:
    if isinstance(value, bool):
        raise ParseError("quantity.not_positive", value=text(value))
    if type(value) is float and value.is_integer() and 0 < value < 1e12:
        return Decimal(int(value))
    return parse_quantity(text(value))


def whole(value: Raw) -> int:
    """A positive whole number such as a paper line number (3, 3.0 or '３')."""
    if type(value) is float and value.is_integer() and 1 <= value <= MAX_ID:
        return int(value)
    raw = text(value)
    number = id_number(unicodedata.normalize("NFKC", raw).strip())
    if number is None:
        raise ParseError("cell.not_whole", value=raw)
    return number


def flag(value: Raw) -> bool:
    """A yes/no cell: 是, 户主, √, Y, 1 … are yes; empty, 否, N, 0 are no."""
    if isinstance(value, bool):
        return value
    word = unicodedata.normalize("NFKC", text(value)).strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ParseError("cell.not_yes_no", value=text(value))


def household(value: Raw) -> str:
    """Household codes stay text: '0012' stays '0012'; a number cell 12.0 becomes '12'."""
    return unicodedata.normalize("NFKC", text(value)).strip()


def is_number(value: Raw) -> bool:
    """A number cell (Excel drops the leading zeros of a code typed into a General cell)."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def quarter(value: Raw) -> str:
    """'YYYY-Qn' from 2026-Q3, 2026Q3, 2026年第三季度 or 2026年3季度."""
    raw = text(value)
    cleaned = unicodedata.normalize("NFKC", raw).strip()
    m = _CN_QUARTER.fullmatch(cleaned)
    if m:
        return f"{m.group(1)}-Q{_CN_DIGITS.get(m.group(2), m.group(2))}"
    try:
        return parse_quarter(cleaned)
    except ParseError:
        raise ParseError("quarter.invalid", value=raw) from None


def stars(value: Raw) -> int:
    return parse_stars(text(value))
