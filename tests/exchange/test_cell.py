"""Cell values as committees type them: dates, serials, text dates, household codes, points."""

from __future__ import annotations

import datetime as dt

import pytest

from village_tally.core.points import Points
from village_tally.core.problem import ParseError
from village_tally.exchange import cell

OCT3 = dt.date(2026, 10, 3)


@pytest.mark.parametrize("raw", [
    OCT3, dt.datetime(2026, 10, 3, 23, 59), dt.datetime(2026, 10, 3, 0, 0),
    "2026-10-03", "2026/10/3", "2026.10.3", "2026年10月3日", "２０２６年１０月３日",
    "2026-10-03 00:00:00", " 2026 / 10 / 3 ",
])
def test_dates_people_write(raw: object) -> None:
    assert cell.date(raw) == OCT3


def test_excel_serials_in_both_date_systems() -> None:
    assert cell.date(46298.0) == OCT3
    assert cell.date(46298.75) == OCT3  # a time of day does not move the day
    assert cell.date(44836, date1904=True) == OCT3


@pytest.mark.parametrize(("raw", "code"), [
    ("03/10/2026", "cell.date_ambiguous"), ("10/3/26", "cell.date_ambiguous"),
    ("10月3日", "cell.date_yearless"), ("10-3", "cell.date_yearless"),
    ("2026-02-30", "cell.date_invalid"), ("昨天", "cell.date_invalid"),
    (12.0, "cell.date_invalid"), (True, "cell.date_invalid"),
])
def test_dates_that_are_not_guessed(raw: object, code: str) -> None:
    with pytest.raises(ParseError) as info:
        cell.date(raw)
    assert info.value.code == code


def test_household_codes_stay_text() -> None:
    assert cell.household("0012") == "0012"
    assert cell.household("００１２") == "0012"
    assert cell.household(12.0) == "12"


def test_points_go_through_the_one_parser() -> None:
    assert cell.points(2.5) == Points(250)
    assert cell.points(-10.0) == Points(-1000)
    assert cell.points("＋３０") == Points(3000)
    assert cell.points(0.1 + 0.2) == Points(30)  # a float sum from a formula cell
    with pytest.raises(ParseError):
        cell.points("两分")
    with pytest.raises(ParseError):
        cell.points(0.125)


def test_yes_no_and_quarters_and_stars() -> None:
    assert cell.flag("是") and cell.flag("√") and cell.flag(True)
    assert not cell.flag("") and not cell.flag("否")
    with pytest.raises(ParseError):
        cell.flag("也许")
    assert cell.quarter("2026年第三季度") == "2026-Q3"
    assert cell.quarter("2026Q4") == "2026-Q4"
    assert cell.stars(4.0) == 4
    assert cell.stars("★★★") == 3
    assert cell.text(12.0) == "12"
    assert cell.text(2.5) == "2.5"
