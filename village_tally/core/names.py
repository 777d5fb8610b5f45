"""Names: the one normalisation used everywhere, and pinyin initials for search (msj → 马少军)."""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Iterable

# Invisible characters that are not format characters (Cf) but render as nothing all the same
# (Unicode's Default_Ignorable_Code_Point): the combining grapheme joiner, Hangul fillers,
# Khmer inherent vowels, Mongolian and other variation selectors.
_IGNORABLE = frozenset(
    [0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x3164, 0xFFA0, *range(0x180B, 0x1810),
     *range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0)])
_DOTS = str.maketrans({c: "·" for c in "•・･‧∙⋅●"})
_SPACES = re.compile(r"\s+")
_CJK = r"\u2e80-\u9fff\uf900-\ufaff\U00020000-\U0003ffff·"
_SPACE_NEAR_CJK = re.compile(rf"(?<=[{_CJK}]) (?=[{_CJK}])")
# A name written in CJK Unified Ideographs alone (most of a village's) is already normal: none
# of them is invisible, a dot or a space, and NFKC keeps each (the compatibility ideographs,
# U+F900-FAFF, which it changes, are outside). Checked in one match: the resident finder
# normalises every name at start-up (bench/bench_startup.py).
_PLAIN_CJK = re.compile(r"[\u4e00-\u9fff]+")
MAX_INITIAL_VARIANTS = 64


def invisible(char: str) -> bool:
    """A character that shows nothing: every format character (Unicode category Cf: zero-width
    spaces and joiners, direction marks and overrides, the byte-order mark, soft hyphens, tags)
    and the other default-ignorable characters (variation selectors, Hangul fillers)."""
    return unicodedata.category(char) == "Cf" or ord(char) in _IGNORABLE


@functools.lru_cache(maxsize=65536)  # imports normalise the same few names many times
def normalize_name(text: str) -> str:
    """Invisible characters removed (see `invisible`), NFKC, spaces folded, `· • ・` unified
    to `·`, so a name with a hidden character cannot pass as somebody else's.

    Spaces between Chinese characters are dropped (马 少军 → 马少军): a Chinese name has none.
    Invisible characters go first: left in, a joiner would keep NFKC from composing the
    letters on either side of it.
    """
    if _PLAIN_CJK.fullmatch(text):
        return text
    if not text.isascii():
        text = "".join(c for c in text if not invisible(c))
    text = unicodedata.normalize("NFKC", text)
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
    return match_rank(query, name, initials) is not None


EXACT, ALL_INITIALS, STARTS, WITHIN = range(4)


def match_rank(query: str, name: str, initials: frozenset[str]) -> int | None:
    """How well a typed query finds a name, best first: the name itself (EXACT), all of its
    initials (ALL_INITIALS: msj → 马少军), its start or the start of its initials (STARTS:
    马少, ms), somewhere within (WITHIN: 少军); None if not at all."""
    found = NameIndex([(name, initials)]).find(query, 1)
    return found[0][0] if found else None


class NameIndex:
    """Names made ready to search as a person types: each normalised and lower-cased once,
    its initials spellings joined into one string, so a key finds its matches among
    thousands of names in a millisecond or two (bench/bench_gui.py).

    A key looks only at the names that can match: those holding the query's first letter
    (in the name, or first in one of its spellings), from the second key those holding its
    first two (in the name, or first in a spelling: a village whose names all start with
    马 is all `m`, a twentieth of it `ms`), and, when the query goes on from the last one
    asked, at most the names that matched that (whatever matches `msj` matches `ms`); what
    the first two keys find is kept (a village's names start with the same few letters)."""

    __slots__ = ("_by_char", "_by_pair", "_initials", "_last", "_names", "_one")

    def __init__(self, entries: Iterable[tuple[str, frozenset[str]]]) -> None:
        pairs = list(entries)
        self._names = [normalize_name(name).lower() for name, _ in pairs]
        # "\0msj\0mshj\0": one `in` finds a whole spelling ("\0msj\0") or its start ("\0ms").
        self._initials = ["\0" + "\0".join(sorted(spellings)) + "\0" for _, spellings in pairs]
        # Where a query's first letter can be: in the name, or first in one of its spellings.
        self._by_char: dict[str, list[int]] = {}
        # And where its first two can be: together in the name, or first in a spelling.
        self._by_pair: dict[str, list[int]] = {}
        for i, (written, (_, spellings)) in enumerate(zip(self._names, pairs, strict=True)):
            for char in set(written).union(s[:1] for s in spellings):
                self._by_char.setdefault(char, []).append(i)
            for pair in {written[k:k + 2] for k in range(len(written) - 1)}.union(
                    s[:2] for s in spellings if len(s) > 1):
                self._by_pair.setdefault(pair, []).append(i)
        self._last: tuple[str, list[int]] = ("", [])  # the last query, every name it found
        # What the first two keys found: by rank, and all of it in order.
        self._one: dict[str, tuple[tuple[list[int], ...], list[int]]] = {}

    def _candidates(self, q: str) -> list[int]:
        """The names the query can find, in order: a match holds the query's first letter, and
        its first two, in the name or first in a spelling (a spelling matches from its
        start), and a query that goes on from the last one finds only what that one found."""
        held = self._by_char.get(q[0], []) if len(q) == 1 else self._by_pair.get(q[:2], [])
        last, found = self._last
        return found if last and q.startswith(last) and len(found) < len(held) else held

    def find(self, query: str, limit: int) -> list[tuple[int, int]]:
        """The best `limit` (rank, position) pairs the query finds (ranks as `match_rank`),
        by rank and then by position: entries listed in the order ties should take."""
        q = normalize_name(query).lower().replace(" ", "")
        if not q:
            return []
        kept = self._one.get(q)
        if kept is None:
            buckets = self._buckets(q)
            kept = (buckets, sorted(itertools.chain(*buckets)))
            if len(q) <= 2:  # first keys: the same few letters again and again
                self._one[q] = kept
        buckets, found = kept
        self._last = (q, found)
        return list(itertools.islice(((rank, i) for rank, bucket in enumerate(buckets)
                                      for i in bucket), limit))

    def _buckets(self, q: str) -> tuple[list[int], ...]:
        """Every name the query finds, by rank (exact, all initials, start, within)."""
        buckets: tuple[list[int], ...] = ([], [], [], [])
        exact, whole, start, within = buckets
        names, initials = self._names, self._initials
        candidates = self._candidates(q)
        if q.isascii():
            word, prefix = f"\0{q}\0", f"\0{q}"
            for i in candidates:
                written, spellings = names[i], initials[i]
                if q == written:
                    exact.append(i)
                elif word in spellings:
                    whole.append(i)
                elif prefix in spellings or written.startswith(q):
                    start.append(i)
                elif q in written:
                    within.append(i)
        else:  # characters never match initials
            for i in candidates:
                written = names[i]
                if q in written:
                    (exact if q == written else start if written.startswith(q)
                     else within).append(i)
        return buckets
