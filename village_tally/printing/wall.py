"""Type for the wall: the sizes a posted board uses on each paper, and names that fit a column.

A board is read from about two metres. Names and totals take a size whose capital height (0.714
of the size in WenQuanYi Micro Hei, measured from its glyphs; Chinese characters stand taller)
is at least 5 mm on A2 and 3.5 mm on A3; A4 is for reading at arm's length. A name too long for
its column shrinks no further than `smallest`, and then wraps onto more lines at that size.
"""

from __future__ import annotations

from dataclasses import dataclass

from village_tally.printing import fonts

CAP = 0.714  # capital height / font size, WenQuanYi Micro Hei ("H": 714 of 1000 units)
MM = 72 / 25.4


@dataclass(frozen=True, slots=True)
class Scale:
    """Type sizes (points) of one paper: `size` for names and totals, `smallest` the floor
    below which a long name wraps instead of shrinking; everything else in proportion."""

    paper: str
    size: float
    smallest: float

    @property
    def mark(self) -> float:
        return self.size * 0.86

    @property
    def slot(self) -> float:
        return self.size * 0.95

    @property
    def line(self) -> float:
        return self.size * 1.45

    @property
    def small(self) -> float:
        """Household lines, the month's change, what a role model did, column headings."""
        return max(7.0, self.size * 0.6)

    @property
    def title(self) -> float:
        return self.size * 2.0

    @property
    def gutter(self) -> float:
        return self.size * 0.9

    def cap_mm(self, size: float | None = None) -> float:
        return (size if size is not None else self.size) * CAP / MM


# A2 22 pt: capitals 5.5 mm (floor 20 pt: 5.0 mm). A3 15 pt: 3.8 mm (floor 14 pt: 3.5 mm).
# A4 11 pt: 2.8 mm (floor 9 pt), as a letter is read.
SCALES = {"A4": Scale("A4", 11.0, 9.0), "A3": Scale("A3", 15.0, 14.0),
          "A2": Scale("A2", 22.0, 20.0)}


_OPENING = "（(《“‘"
_CLOSING = "）)》”’、，。；：！？,.;:!?"


def _breaks(text: str) -> tuple[list[int], list[int]]:
    """Where a line may end: (good, fair). Good: after a space, a middle dot or a pause mark,
    before an opening bracket. Fair: between two characters of which one is Chinese. Never
    after an opening bracket or before a closing one; Latin words are not cut."""
    good, fair = [], []
    for i in range(1, len(text)):
        a, b = text[i - 1], text[i]
        if a in _OPENING or b in _CLOSING:
            continue
        if a in " ·-/、，；" or b in _OPENING:
            good.append(i)
        elif not (a.isascii() and b.isascii()):
            fair.append(i)
    return good, fair


def _fits(text: str, size: float, room: float) -> bool:
    return fonts.width(text.rstrip(), size) <= room


def wrap(text: str, size: float, room: float) -> list[str]:
    """The text cut into lines no wider than `room` at `size`: at the last good break of each
    line unless it falls before 60 % of the room, else at the last break of any kind; a single
    word wider than the room is cut between characters."""
    lines: list[str] = []
    rest = text
    while rest and fonts.width(rest, size) > room:
        good, fair = _breaks(rest)
        cut = max((i for i in good if _fits(rest[:i], size, room)), default=0)
        if fonts.width(rest[:cut], size) < room * 0.6:  # a good break too early: any will do
            cut = max((i for i in good + fair if _fits(rest[:i], size, room)), default=0)
        if cut == 0:  # no break fits: cut between characters
            cut = max(1, max((i for i in range(1, len(rest) + 1)
                              if fonts.width(rest[:i], size) <= room), default=1))
        lines.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        lines.append(rest)
    return lines or [""]


def fit_name(text: str, scale: Scale, room: float) -> tuple[float, tuple[str, ...]]:
    """A name's size and lines: whole at full size if it fits, else shrunk (not below the
    floor); else wrapped, at full size unless the floor size takes fewer lines."""
    if fonts.width(text, scale.size) <= room:
        return scale.size, (text,)
    size = fonts.fit(text, scale.size, room, scale.smallest)
    if fonts.width(text, size) <= room + 0.01:
        return size, (text,)
    full, least = wrap(text, scale.size, room), wrap(text, scale.smallest, room)
    if len(least) < len(full):
        return scale.smallest, tuple(least)
    return scale.size, tuple(full)
