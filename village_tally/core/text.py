"""Text a person types or a file brings: what the ledger refuses, and how long each field may be.

Refused everywhere (the command line, imports, the desktop program's services alike): control
characters (they are not text; a terminal runs ESC and CSI sequences as commands), the
bidirectional overrides and isolates U+202A–U+202E and U+2066–U+2069 (they make a name read
backwards on screen and on paper), bytes that are not text (a terminal in another encoding), and
text longer than its field's limit. Tab, newline and carriage return are whitespace: names fold
them to a space, notes keep them. Other invisible characters are not refused: names drop them
(`names.normalize_name`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from types import MappingProxyType

from village_tally.core.problem import NOWHERE, Field, Problem, Where

# The longest text each field takes, in characters. A Chinese name has two to four characters
# and a transliterated one (阿卜杜·热合曼) a dozen or two; a household code is a number or a
# building-unit-room code; areas are a few words; notes and reasons a few sentences.
LIMITS: Mapping[Field, int] = MappingProxyType({
    Field.NAME: 50, Field.PERSON: 50, Field.RECORDER: 50,
    Field.HOUSEHOLD: 20, Field.DOOR_PLATE: 60,
    Field.AREA: 30, Field.NEW_NAME: 30, Field.VILLAGE: 60,
    Field.SHEET: 40, Field.CODE: 20, Field.TITLE: 100, Field.TEXT: 200,
    Field.NOTE: 500, Field.REASON: 500, Field.OVERRIDE: 500,
})
DEFAULT_LIMIT = 500

# What a spreadsheet runs as a formula when a text cell starts with it (=1+1, +SUM, -1+1,
# @SUM, and tab or CR before one): our .xlsx forces such text to a string cell, the command
# line's CSV puts an apostrophe before it. The one definition both use.
FORMULA_START = frozenset("=+-@\t\r")


def starts_a_formula(text: str) -> bool:
    return text[:1] in FORMULA_START

_WHITESPACE = frozenset("\t\n\r")
_ESCAPES = frozenset("\x1b\x9b")  # ESC and CSI: the start of a terminal's command sequence
_BIDI = frozenset(map(chr, [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]))
# Any character `_kind` refuses (controls but tab and newlines, surrogates, bidi controls),
# found at C speed: most texts have none (bench/bench_import.py).
_REFUSED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff"
                      "\u202a-\u202e\u2066-\u2069]")


def _point(char: str) -> str:
    return f"U+{ord(char):04X}"


def _kind(char: str) -> str | None:
    """Why a character is refused, as the end of a problem code; None if it is fine."""
    if char in _BIDI:
        return "bidi"
    category = unicodedata.category(char)
    if category == "Cs":
        return "not_text"
    if category == "Cc" and char not in _WHITESPACE:
        return "escape" if char in _ESCAPES else "control"
    return None


def text_problems(values: Mapping[Field, str | None], where: Where = NOWHERE) -> list[Problem]:
    """Every problem with the given texts, one per field and kind, each naming its field."""
    problems = []
    for about, value in values.items():
        if not value:
            continue
        found: dict[str, str] = {}
        if _REFUSED.search(value) is not None:  # rare: then each character is looked at
            for char in value:
                kind = _kind(char)
                if kind is not None and kind not in found:
                    found[kind] = _point(char)
        limit = LIMITS.get(about, DEFAULT_LIMIT)
        if found or len(value) > limit:
            at = where.about(about)
            problems += [Problem.at(f"text.{kind}", at, char=char)
                         for kind, char in found.items()]
            if len(value) > limit:
                problems.append(Problem.at("text.too_long", at, length=len(value),
                                           limit=limit))
    return problems


def shown(text: str) -> str:
    """Text safe to show on a terminal: every character `text_problems` refuses written as its
    code (`\\x1b`, `\\u202e`), so a name stored before these checks cannot recolour, clear or
    reverse what a person reads. Newlines and tabs stay."""
    if text.isascii() and text.isprintable():
        return text
    return "".join(char.encode("unicode_escape", "backslashreplace").decode("ascii")
                   if _kind(char) else char for char in text)
