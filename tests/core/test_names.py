"""One name normalisation, and pinyin initials over every reading."""

import sys
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from village_tally.core.names import (
    ALL_INITIALS,
    EXACT,
    STARTS,
    WITHIN,
    NameIndex,
    invisible,
    matches,
    name_initials,
    normalize_name,
)


@pytest.mark.parametrize(("raw", "clean"), [
    ("马少军", "马少军"), (" 马 少军 ", "马少军"), ("马\u200b少军", "马少军"),
    ("马少军\ufeff", "马少军"), ("阿卜杜•热合曼", "阿卜杜·热合曼"),
    ("阿卜杜・热合曼", "阿卜杜·热合曼"),
    ("ＭＡ　Ｌｉ", "MA Li"), ("Ma   Li", "Ma Li"),
])
def test_normalisation(raw, clean):
    assert normalize_name(raw) == clean


def test_initials_cover_every_reading_of_a_polyphonic_surname():
    variants = name_initials("曾重行")
    assert "zcx" in variants and "ccx" in variants
    assert "msj" in name_initials("马少军")
    assert {"sxx", "dxx"} <= name_initials("单小小")  # 单 Shàn as a surname, dān otherwise
    assert {"xm", "jm"} <= name_initials("解明")  # 解 Xiè
    assert "qm" in name_initials("仇明")  # 仇 Qiú


def test_search_by_initials_prefix_or_characters():
    initials = name_initials("马少军")
    assert matches("msj", "马少军", initials)
    assert matches("MS", "马少军", initials)
    assert matches("少军", "马少军", initials)
    assert not matches("wf", "马少军", initials)
    assert not matches("", "马少军", initials)


# --- the normalisation drops every invisible character (DESIGN: "Who may do what") ---------

FORMAT_CHARS = [chr(c) for c in range(sys.maxunicode + 1)
                if unicodedata.category(chr(c)) == "Cf"]
invisibles = st.sampled_from(FORMAT_CHARS + ["\u034f", "\u3164", "\ufe0f", "\U000e0100"])
names = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12) | st.sampled_from(
    ["马少军", "阿卜杜·热合曼", "Ma Li", "é", "e\u0301", "马 少军"])


@pytest.mark.parametrize("char", ["\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d",
                                  "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u200b",
                                  "\u200c", "\u200d", "\ufeff", "\u00ad", "\u2060", "\u061c"])
def test_a_name_with_a_format_character_is_the_same_name(char):
    for at in range(4):
        assert normalize_name("马少军"[:at] + char + "马少军"[at:]) == "马少军"


@given(names, invisibles, st.integers(min_value=0, max_value=12))
def test_an_invisible_character_anywhere_changes_nothing(name, char, at):
    assert normalize_name(name[:at] + char + name[at:]) == normalize_name(name)


@given(st.text(max_size=20) | names)
def test_the_normalisation_is_idempotent_and_leaves_nothing_invisible(text):
    once = normalize_name(text)
    assert normalize_name(once) == once
    assert not any(invisible(c) for c in once)
    assert once == once.strip() and "  " not in once


def test_a_joiner_does_not_keep_letters_apart():
    """Left in until after NFKC, a joiner would keep e + ◌́ from composing to é."""
    assert normalize_name("e\u200d\u0301") == normalize_name("é") == "é"


def test_a_name_of_unified_ideographs_is_kept_as_typed_and_a_compatibility_one_is_not():
    # Every CJK Unified Ideograph is visible and NFKC keeps it: such a name is its own
    # normal form (normalize_name answers it at once); a compatibility ideograph (U+F900 豈)
    # is changed to its unified form, as NFKC has it.
    for point in range(0x4E00, 0xA000):
        char = chr(point)
        assert not invisible(char) and unicodedata.normalize("NFKC", char) == char, hex(point)
    assert normalize_name("马少军") == "马少军"
    assert normalize_name("\uf900明") == "\u8c48明"
    assert normalize_name("马 少军\u200b") == "马少军"


# --- a search as a person types finds what the rules say, whatever it looked at ---------------

def rank_by_the_rules(query: str, name: str, spellings: frozenset[str]) -> int | None:
    """match_rank's rules, written out plainly over one name."""
    q = normalize_name(query).lower().replace(" ", "")
    written = normalize_name(name).lower()
    if not q:
        return None
    if q == written:
        return EXACT
    if q.isascii() and q in spellings:
        return ALL_INITIALS
    if written.startswith(q) or (q.isascii() and any(s.startswith(q) for s in spellings)):
        return STARTS
    return WITHIN if q in written else None


few_letters = st.text("mszjawx", min_size=1, max_size=4)
people = st.lists(st.tuples(st.text("马少军张伟阿ms zj", min_size=1, max_size=5),
                            st.frozensets(few_letters, max_size=3)), max_size=25)
typing = st.lists(st.text("马少军ms zjaw", max_size=5), min_size=1, max_size=6)


@given(people, typing)
def test_each_key_finds_what_the_rules_find(entries, typed):
    """Keys typed one by one (each query a word typed key by key, then the next word): every
    query finds exactly the names the rules find, best first, ties in list order."""
    index = NameIndex(entries)
    for word in typed:
        for end in range(1, len(word) + 1):
            query = word[:end]
            ranks = [(rank_by_the_rules(query, name, spellings), i)
                     for i, (name, spellings) in enumerate(entries)]
            expected = sorted((rank, i) for rank, i in ranks if rank is not None)
            assert index.find(query, len(entries) + 1) == expected, query
