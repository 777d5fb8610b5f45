"""The verification code on the wall: short, read aloud, typed back, and a typo is caught."""

import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from village_tally.core.problem import ParseError
from village_tally.core.witness import ALPHABET, code_for, parse_code

HASH = hashlib.sha256(b"close of 2026-10").hexdigest()


def test_a_code_is_twelve_readable_characters_in_three_groups():
    code = code_for(HASH)
    groups = code.split("-")
    assert [len(g) for g in groups] == [4, 4, 4]
    assert all(ch in ALPHABET for ch in "".join(groups))
    assert not set("ILOU") & set(code)
    assert code_for(HASH) == code  # the same close, the same code


def test_another_close_has_another_code():
    other = hashlib.sha256(b"close of 2026-10, rewritten").hexdigest()
    assert code_for(other) != code_for(HASH)


def test_a_code_is_read_back_however_it_is_typed():
    code = code_for(HASH)
    plain = code.replace("-", "")
    assert parse_code(plain.lower()) == code
    assert parse_code(" ".join(plain)) == code
    spoken = plain.replace("0", "O").replace("1", "l")
    assert parse_code(spoken) == code


@settings(max_examples=60, deadline=None)
@given(st.binary(min_size=32, max_size=32), st.integers(0, 11), st.integers(1, 31))
def test_every_single_mistyped_character_is_caught(digest, position, shift):
    code = code_for(digest.hex()).replace("-", "")
    wrong = ALPHABET[(ALPHABET.index(code[position]) + shift) % 32]
    typo = code[:position] + wrong + code[position + 1:]
    with pytest.raises(ParseError) as caught:
        parse_code(typo)
    assert caught.value.code == "code.mistyped"


@pytest.mark.parametrize("text", ["", "7KQ2-M9XD", "7KQ2-M9XD-4TRB-X", "7KQ2-M9XD-4TR!",
                                  "码码码码码码码码码码码码"])
def test_what_is_no_code_at_all_is_said_so(text):
    with pytest.raises(ParseError) as caught:
        parse_code(text)
    assert caught.value.code == "code.invalid"
