"""Points are exact decimals to 0.01 (invariant 1), parsed the way people write them."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from village_tally.core.points import Points, parse_points, parse_quantity
from village_tally.core.problem import ParseError


@pytest.mark.parametrize(("text", "expected"), [
    ("2", "2"), ("+2", "2"), ("-5", "-5"), ("0.5", "0.5"), ("2.50", "2.5"), ("３０", "30"),
    (" 1.25 ", "1.25"), ("−3", "-3"), ("0", "0"),
])
def test_parses_what_people_write(text, expected):
    assert str(parse_points(text)) == expected


@pytest.mark.parametrize(("text", "code"), [
    ("两", "points.not_a_number"), ("nan", "points.not_a_number"),
    ("inf", "points.not_a_number"), ("1e3", "points.not_a_number"),
    ("1_000", "points.not_a_number"), ("0.001", "points.too_precise"), ("", "points.empty"),
    ("   ", "points.empty"), ("1,000", "points.not_a_number"), ("٣", "points.not_a_number"),
    ("100000.01", "points.too_large"), ("-100001", "points.too_large"),
    ("100000000000000000000", "points.too_large"), ("9" * 5000, "points.too_large"),
])
def test_rejects_with_a_reason(text, code):
    with pytest.raises(ParseError) as caught:
        parse_points(text)
    assert caught.value.code == code


def test_quantity_is_positive_and_exact():
    assert parse_quantity("2") == Decimal(2)
    for bad in ("0", "-1", "0.005", "x"):
        with pytest.raises(ParseError):
            parse_quantity(bad)


def test_times_refuses_a_product_finer_than_a_hundredth():
    assert str(Points(50).times(Decimal("1.5"))) == "0.75"
    with pytest.raises(ParseError):
        Points(50).times(Decimal("0.01"))


hundredths = st.integers(min_value=-10**9, max_value=10**9)


@given(hundredths, hundredths)
def test_addition_is_exact(a, b):
    total = Points(a) + Points(b)
    assert total.decimal == Points(a).decimal + Points(b).decimal
    assert total - Points(b) == Points(a)


@given(st.integers(min_value=-10**7, max_value=10**7))
def test_text_round_trips(a):
    p = Points(a)
    assert parse_points(str(p)) == p
    assert parse_points(p.signed()) == p
    assert -p + p == Points(0)


def test_the_largest_points_and_quantity_parse():
    assert str(parse_points("100000")) == "100000" and str(parse_points("-100000")) == "-100000"
    assert parse_quantity("100000") == 100_000
    for text in ("100000.01", "100000000000000000000", "9" * 5000):
        with pytest.raises(ParseError) as caught:
            parse_quantity(text)
        assert caught.value.code == "quantity.too_large"


@given(st.decimals(min_value=-10**6, max_value=10**6, places=2, allow_nan=False,
                   allow_infinity=False))
def test_any_two_place_decimal_is_exact(d):
    assert Points.of(d).decimal == d.quantize(Decimal("0.01"))
