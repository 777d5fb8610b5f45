"""The month as a value: read once and strictly, ordered, with the arithmetic the ledger needs."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from village_tally.core.month import Month
from village_tally.core.problem import ParseError

months = st.builds(Month, st.integers(1900, 2200), st.integers(1, 12))


@pytest.mark.parametrize(("text", "code"), [
    ("2026-1", "month.two_digits"), ("0000-01", "month.no_such_year"),
    ("2026-13", "month.no_such_month"), ("2026-00", "month.no_such_month"),
    ("26-10", "month.invalid"), ("2026-10-01", "month.is_a_day"), ("2026/10", "month.invalid"),
    ("", "month.invalid"), ("２０２６-１０", "month.invalid"), ("2026-010", "month.invalid"),
])
def test_anything_but_yyyy_mm_is_refused_saying_why(text: str, code: str) -> None:
    with pytest.raises(ParseError) as caught:
        Month.parse(text)
    assert caught.value.code == code
    assert caught.value.params["value"] == text


def test_a_month_reads_and_prints_as_yyyy_mm() -> None:
    m = Month.parse("2026-10")
    assert (m.year, m.number, str(m)) == (2026, 10, "2026-10")
    assert Month.parse("0987-01") == Month(987, 1) and str(Month(987, 1)) == "0987-01"
    with pytest.raises(ValueError):
        Month(2026, 13)


def test_arithmetic_across_years() -> None:
    m = Month(2026, 11)
    assert str(m + 2) == "2027-01" and str(m - 11) == "2025-12" and m + 0 == m
    assert Month(2027, 1).since(m) == 2 and m.since(Month(2027, 1)) == -2
    assert (m.first_day, m.last_day) == (dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    assert Month(2028, 2).last_day == dt.date(2028, 2, 29)
    assert Month(2026, 12).last_day == dt.date(2026, 12, 31)
    assert [Month(2026, n).quarter for n in (1, 3, 4, 12)] == ["2026-Q1", "2026-Q1", "2026-Q2",
                                                             "2026-Q4"]
    assert Month.of(dt.date(2026, 11, 30)) == m


@given(months)
def test_text_round_trips(m: Month) -> None:
    assert Month.parse(str(m)) == m
    assert hash(Month.parse(str(m))) == hash(m)


@given(months, months)
def test_months_order_as_their_text_does(a: Month, b: Month) -> None:
    """The store keeps months as TEXT and compares them there: the orders must agree."""
    assert (a < b) == (str(a) < str(b))
    assert (b + a.since(b)) == a


@given(months, st.integers(-500, 500))
def test_adding_then_counting_gives_the_same_months(m: Month, n: int) -> None:
    assert (m + n).since(m) == n and (m + n) - n == m
    assert Month.of(m.first_day) == m == Month.of(m.last_day)
    assert Month.of(m.last_day + dt.timedelta(days=1)) == m + 1
