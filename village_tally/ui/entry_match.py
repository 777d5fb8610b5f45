"""Matching what a gatherer types on a line: rules by code or words, dates on the sheet."""

from __future__ import annotations

import datetime as dt
import re

from village_tally.core.month import parse_date
from village_tally.core.names import normalize_name
from village_tally.core.problem import ParseError
from village_tally.core.rule import Rule


def match_rules(rules: list[Rule], text: str, limit: int = 8) -> list[Rule]:
    """Active rules for typed text: exact code first, then code prefix, then words in a title."""
    q = normalize_name(text).lower()
    if not q:
        return []
    exact, prefix, words = [], [], []
    for r in rules:
        if not r.active:
            continue
        code = r.code.lower()
        if code == q:
            exact.append(r)
        elif code.startswith(q):
            prefix.append(r)
        elif q in r.title_zh.lower() or q in r.title_en.lower():
            words.append(r)
    return (exact + prefix + words)[:limit]


# What a rule code looks like (L1, H12, P-3): a mistyped code is an unknown rule, not free words.
CODE_SHAPE = re.compile(r"[a-z]{1,3}-?\d{1,3}[a-z]?")


def free_words(text: str) -> bool:
    """Typed text in the rule field that is meant as the deed in words (free points), not as a
    rule's code: '帮邻居修屋顶' or 'fixed the well' yes, 'L9' no."""
    q = normalize_name(text).lower()
    return bool(q) and not CODE_SHAPE.fullmatch(q)


def line_date(text: str, sheet_date: dt.date) -> dt.date:
    """A line's date: ISO (2026-11-03), month-day (11-3) or a day of the sheet's month (3)."""
    cleaned = normalize_name(text)
    if not cleaned:
        return sheet_date
    if cleaned.isdigit():
        try:
            return sheet_date.replace(day=int(cleaned))
        except ValueError:
            raise ParseError("date.invalid", value=text) from None
    parts = cleaned.split("-")
    if len(parts) == 2 and all(p.isdigit() for p in parts):
        try:
            return dt.date(sheet_date.year, int(parts[0]), int(parts[1]))
        except ValueError:
            raise ParseError("date.invalid", value=text) from None
    return parse_date(cleaned)
