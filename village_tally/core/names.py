"""Names: the one normalisation used everywhere, and pinyin initials for search (msj → 马少军)."""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_DOTS = str.maketrans({c: "·" for c in "•・･‧∙⋅●"})
_SPACES = re.compile(r"\s+")
_CJK = r"\u2e80-\u9fff\uf900-\ufaff\U00020000-\U0003ffff·"
_SPACE_NEAR_CJK = re.compile(rf"(?<=[{_CJK}]) (?=[{_CJK}])")
MAX_INITIAL_VARIANTS = 64


@functools.lru_cache(maxsize=65536)  # imports normalise the same few names many times
def normalize_name(text: str) -> str:
    """NFKC, zero-width characters removed, spaces folded, `· • ・` unified to `·`.

    Spaces between Chinese characters are dropped (马 少军 → 马少军): a Chinese name has none.
    """
    text = unicodedata.normalize("NFKC", text).translate(_ZERO_WIDTH)
    text = text.translate(_DOTS)
    text = _SPACES.sub(" ", text).strip()
    text = _SPACE_NEAR_CJK.sub("", text)
    return text.replace(" ·", "·").replace("· ", "·")


def name_initials(name: str) -> frozenset[str]:
    """Every pinyin-initials spelling of a name, one per reading of each polyphonic character.

    曾重行 gives both `zcx` and `ccx` (and the other readings), because the default reading of
    some surnames is wrong (TECH-NOTES: 单 Shàn, 曾 Zēng, 解 Xiè, 仇 Qiú).
    """
    from pypinyin import Style, pinyin  # loads its dictionaries (0.25 s): only when needed

    readings: list[list[str]] = []
    for char in normalize_name(name):
        if char in " ·":
            continue
        if char.isascii():
            if char.isalnum():
                readings.append([char.lower()])
            continue
        letters = pinyin(char, style=Style.FIRST_LETTER, heteronym=True, errors="ignore")
        options = sorted({p[0].lower() for group in letters for p in group if p})
        if options:
            readings.append(options)
    variants: set[str] = set()
    for combo in itertools.product(*readings):
        variants.add("".join(combo))
        if len(variants) >= MAX_INITIAL_VARIANTS:
            break
    return frozenset(variants)


def matches(query: str, name: str, initials: frozenset[str]) -> bool:
    """Does a typed query find this name: by characters (substring) or by initials (prefix)."""
    q = normalize_name(query).lower().replace(" ", "")
    if not q:
        return False
    if q in normalize_name(name).lower():
        return True
    return q.isascii() and any(v.startswith(q) for v in initials)
