"""What text the ledger refuses, and how a refused character is shown on a terminal."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from village_tally.core.problem import Field, Where
from village_tally.core.text import LIMITS, shown, text_problems


def codes(values, where=Where()):
    return [(p.code, p.where.field, dict(p.params)) for p in text_problems(values, where)]


@pytest.mark.parametrize(("text", "code", "char"), [
    ("马\x07少军", "text.control", "U+0007"),
    ("马少军\x00", "text.control", "U+0000"),
    ("\x7f", "text.control", "U+007F"),
    ("马\x85少军", "text.control", "U+0085"),
    ("\x1b[31m马少军\x1b[0m", "text.escape", "U+001B"),
    ("\x9b2J", "text.escape", "U+009B"),
    ("马\u202e军少", "text.bidi", "U+202E"),
    ("\u2066马少军\u2069", "text.bidi", "U+2066"),
    ("\u202a马", "text.bidi", "U+202A"),
    ("马\udcff", "text.not_text", "U+DCFF"),
])
def test_a_refused_character_is_named_with_its_field(text, code, char):
    assert codes({Field.NAME: text}) == [(code, Field.NAME, {"char": char})]


def test_whitespace_and_invisible_marks_pass():
    assert codes({Field.NOTE: "第一行\n第二行\t完", Field.NAME: "马少军\u200b",
                  Field.HOUSEHOLD: "0001\r\n", Field.AREA: None, Field.REASON: ""}) == []


def test_each_field_has_its_limit():
    assert codes({Field.NAME: "马" * 50, Field.HOUSEHOLD: "1" * 20, Field.AREA: "片" * 30,
                  Field.VILLAGE: "村" * 60, Field.NOTE: "备" * 500, Field.REASON: "因" * 500}) == []
    found = codes({Field.NAME: "马" * 10_000, Field.HOUSEHOLD: "1" * 21})
    assert found == [("text.too_long", Field.NAME, {"length": 10_000, "limit": 50}),
                     ("text.too_long", Field.HOUSEHOLD, {"length": 21, "limit": 20})]
    assert {LIMITS[f] for f in (Field.NAME, Field.PERSON, Field.RECORDER)} == {50}


def test_every_kind_once_per_field_all_at_once_and_in_place():
    where = Where(file="roster.xlsx", sheet="花名册", row=4)
    found = codes({Field.NAME: "\x1b[1m\x1b[2m\u202e" + "x" * 60}, where)
    assert [c for c, _, _ in found] == ["text.escape", "text.bidi", "text.too_long"]
    (first, *_) = text_problems({Field.NAME: "\x07"}, where)
    assert (first.where.file, first.where.row, first.where.field) == ("roster.xlsx", 4,
                                                                      Field.NAME)


def test_shown_escapes_what_a_terminal_would_run():
    assert shown("马\x1b[31m少\u202e军\x9b\x07") == "马\\x1b[31m少\\u202e军\\x9b\\x07"
    assert shown("第一行\n\t第二行 ✓") == "第一行\n\t第二行 ✓"


@given(st.text())
def test_shown_text_passes_the_checks_and_holds_no_escape(text):
    out = shown(text)
    assert "\x1b" not in out and "\x9b" not in out
    assert not [p for p in text_problems({Field.NOTE: out}) if p.code != "text.too_long"]
