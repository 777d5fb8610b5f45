"""The shipped CJK fonts, and text drawn with a per-character fallback to the rare-character font.

WenQuanYi Micro Hei draws almost everything; Hanazono (a subset: Ext A, Ext B …) draws the rare
characters some names hold, such as 䶮 and 𠮷. Every text draw goes through `runs`, so each
character lands in a font that has it; a character no shipped font has is reported, not hidden.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from importlib.resources import as_file, files
from importlib.resources.abc import Traversable
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

MAIN = "VT-CJK"
RARE = "VT-CJKRare"
_FILES = {MAIN: ("wqy-microhei.ttc", 0), RARE: ("hanazono-ext.ttf", 0)}


class FontMissing(Exception):
    """A shipped font is not in the installation: a fault of the environment, not of the data."""

    def __init__(self, file: str) -> None:
        super().__init__(file)
        self.file = file


def font_file(name: str) -> Traversable:
    """A font shipped in the package (assets/fonts), read with importlib.resources."""
    return files("village_tally").joinpath("assets", "fonts", name)


class _Coverage:
    """Which characters each font has (cmap keys), read once per process."""

    def __init__(self) -> None:
        self.main: frozenset[int] = frozenset()
        self.rare: frozenset[int] = frozenset()
        self.ready = False


_COVER = _Coverage()

# reportlab keeps one read position per font file, shared by every thread: two PDFs saved at
# once (a preview and a print) read each other's glyphs when each embeds its subset.
_EMBED = threading.Lock()
_REGISTER = threading.Lock()


class SafeCanvas(Canvas):  # type: ignore[misc]  # reportlab has no type hints
    """A canvas whose save embeds its font subsets one document at a time."""

    def save(self) -> None:
        with _EMBED:
            super().save()


def _utf16_hex(code: int) -> str:
    if code <= 0xFFFF:
        return f"{code:04X}"
    high, low = divmod(code - 0x10000, 0x400)
    return f"{0xD800 + high:04X}{0xDC00 + low:04X}"


_make_cmap = ttfonts.makeToUnicodeCMap


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap, with characters beyond U+FFFF written as UTF-16 pairs.

    reportlab writes 𠮷 as <20BB7>, which no reader accepts, so the name could not be searched
    or copied from the PDF; the PDF standard wants <D842DFB7>."""
    text = str(_make_cmap(fontname, subset))
    wide = [(i, v) for i, v in enumerate(subset) if v > 0xFFFF]
    for i, v in wide:
        text = text.replace(f"<{i:02X}> <{v:04X}>", f"<{i:02X}> <{_utf16_hex(v)}>")
    return text


def register() -> None:
    """Register both fonts with reportlab (once; later calls are free). FontMissing if a
    shipped font is not there."""
    if _COVER.ready:
        return
    with _REGISTER:
        if not _COVER.ready:
            _register()


def _register() -> None:
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap
    faces = {}
    for name, (file, index) in _FILES.items():
        source = font_file(file)
        if not source.is_file():  # else reportlab's own error, and an "internal error"
            raise FontMissing(f"assets/fonts/{file}")
        with as_file(source) as path:  # reportlab reads the whole file here
            font = TTFont(name, str(path), subfontIndex=index)
        pdfmetrics.registerFont(font)
        faces[name] = frozenset(font.face.charToGlyph)
    _COVER.main, _COVER.rare = faces[MAIN], faces[RARE]
    _COVER.ready = True
    _split.cache_clear()
    width.cache_clear()


@lru_cache(maxsize=65536)
def _split(text: str) -> tuple[tuple[str, str], ...]:
    main, rare = _COVER.main, _COVER.rare
    out: list[tuple[str, str]] = []
    font, start = "", 0
    for i, ch in enumerate(text):
        code = ord(ch)
        want = MAIN if code in main or code not in rare else RARE
        if want != font:
            if i > start:
                out.append((font, text[start:i]))
            font, start = want, i
    if len(text) > start:
        out.append((font, text[start:]))
    return tuple(out)


def runs(text: str) -> tuple[tuple[str, str], ...]:
    """The text cut into (font, run) pieces: each character in the first font that has it."""
    register()
    if text.isascii():
        return ((MAIN, text),) if text else ()
    return _split(text)


def missing(text: str) -> set[str]:
    """Characters of the text that no shipped font can draw (printed as an empty box)."""
    register()
    return {ch for ch in text if not ch.isspace() and ord(ch) not in _COVER.main
            and ord(ch) not in _COVER.rare}


@lru_cache(maxsize=65536)  # a board measures the same totals and names again and again
def width(text: str, size: float) -> float:
    return float(sum(pdfmetrics.stringWidth(run, font, size) for font, run in runs(text)))


def draw(c: Canvas, x: float, y: float, text: str, size: float) -> float:
    """Draw text from (x, y) on its baseline; returns the x where it ended."""
    put(c, x, y, text, size)
    return x + width(text, size)


def put(c: Canvas, x: float, y: float, text: str, size: float) -> None:
    """Draw text from (x, y) on its baseline, not measuring it (a board draws thousands)."""
    pieces = runs(text)
    if len(pieces) == 1:
        font, run = pieces[0]
        c.setFont(font, size)
        c.drawString(x, y, run)
        return
    # One text object for the whole string, so a reader sees one word, not one per font.
    t = c.beginText(x, y)
    for font, run in pieces:
        t.setFont(font, size)
        t.textOut(run)
    c.drawText(t)


def draw_right(c: Canvas, x: float, y: float, text: str, size: float) -> None:
    put(c, x - width(text, size), y, text, size)


def draw_centred(c: Canvas, x: float, y: float, text: str, size: float) -> None:
    put(c, x - width(text, size) / 2, y, text, size)


def fit(text: str, size: float, room: float, smallest: float = 5.0) -> float:
    """The largest size up to `size` at which the text fits in `room` points."""
    w = width(text, size)
    if w <= room or w == 0:
        return size
    return max(smallest, size * room / w)


def clip(text: str, size: float, room: float) -> str:
    """The text cut (with …) to fit in `room` points at `size`."""
    if width(text, size) <= room:
        return text
    while text and width(text + "…", size) > room:
        text = text[:-1]
    return text + "…"


def markup(text: str) -> str:
    """Paragraph markup for text: escaped, rare characters wrapped in the fallback font."""
    parts = []
    for font, run in runs(text):
        piece = escape(run)
        parts.append(piece if font == MAIN else f'<font name="{RARE}">{piece}</font>')
    return "".join(parts)
