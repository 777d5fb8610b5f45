"""Deciding what bubbles say, from plain ink values: one sure mark or a person looks."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from village_tally.core.omr import Certainty, Levels, read_field, read_row
from village_tally.core.scan_form import Bubble, Group

LEVELS = Levels.of([0.0] * 200 + [0.8] * 20)  # a sheet of empty bubbles and firm marks


def test_the_sheets_own_levels() -> None:
    assert LEVELS.full == 0.8 and LEVELS.empty < 0.2 < LEVELS.sure < 0.4
    faint = Levels.of([0.0] * 200 + [0.4] * 20)  # a sheet filled lightly all through
    assert faint.sure < 0.2 and faint.full == 0.4
    blank = Levels.of([0.0] * 200)  # nothing filled: a default full level, never zero
    assert blank.sure >= 0.16


def test_one_firm_mark_is_read() -> None:
    assert read_row([0.0, 0.02, 0.81, 0.0], LEVELS) == read_row([0.0, 0.0, 0.7, 0.05], LEVELS)
    assert read_row([0.0, 0.02, 0.81, 0.0], LEVELS).index == 2


def test_doubts_go_to_a_person_with_the_reason() -> None:
    cases = {"two_marks": [0.8, 0.75, 0.0], "faint_mark": [0.25, 0.0, 0.0],
             "second_mark": [0.8, 0.0, 0.34], "no_mark": [0.03, 0.0, 0.05]}
    for reason, ink in cases.items():
        read = read_row(ink, LEVELS)
        assert read.index is None and read.reason == reason
    assert read_row([0.03, 0.0], LEVELS).certainty is Certainty.BLANK


def test_an_erasure_beside_a_firm_mark_is_not_a_doubt() -> None:
    assert read_row([0.8, 0.0, 0.12], LEVELS).index == 0


@given(st.lists(st.floats(0, 1), min_size=2, max_size=10))
def test_a_value_only_from_exactly_one_sure_mark(ink: list[float]) -> None:
    read = read_row(ink, LEVELS)
    if read.certainty is Certainty.SURE:
        assert read.index is not None
        assert sum(v >= LEVELS.sure for v in ink) == 1 and ink[read.index] >= LEVELS.sure


def _digits(*ink: list[float]) -> list[tuple[Group, object]]:
    rows = []
    for place, values in zip(range(len(ink) - 1, -1, -1), ink, strict=True):
        group = Group("resident", place, tuple(Bubble(0, 0, v) for v in range(len(values))))
        rows.append((group, read_row(values, LEVELS)))
    return rows


def test_a_number_needs_every_digit_and_a_row_on_the_back() -> None:
    tens, seven = [0.8, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0.8]
    assert read_field(_digits(tens, seven), 40).value == 7  # type: ignore[arg-type]
    missing = read_field(_digits([0, 0, 0, 0], seven), 40)  # type: ignore[arg-type]
    assert missing.reason == "digit_missing" and missing.value is None
    beyond = read_field(_digits([0, 0, 0, 0.8], seven), 30)  # type: ignore[arg-type]
    assert beyond.reason == "not_listed" and beyond.certainty is Certainty.UNCERTAIN
    assert read_field(_digits([0] * 4, [0] * 8), 40).certainty is Certainty.BLANK  # type: ignore[arg-type]
