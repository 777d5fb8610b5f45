"""Reading a printed page back from the PDF itself (not from our layout objects): where each word
sits (poppler's `pdftotext -bbox`), and from one pass over the content stream (pypdf's parser)
where each piece of text starts and at what size, and the box of every star or flag (the `Do`
of a mark form under the current transformation), both from the page's content stream.

Coordinates are PDF points from the page's lower-left corner."""

from __future__ import annotations

import math
import re
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pypdf import PdfReader

Box = tuple[float, float, float, float]  # x0, y0, x1, y1


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    box: Box


@dataclass(frozen=True, slots=True)
class Run:
    """A piece of text as drawn: where its baseline starts, its size on the page and the
    fill colour it is drawn in (the text itself is not decoded: the words come from poppler)."""

    text: str
    x: float
    y: float
    size: float
    colour: tuple[float, ...] = (0.0, 0.0, 0.0)


@dataclass(frozen=True, slots=True)
class Page:
    width: float
    height: float
    words: tuple[Word, ...]
    runs: tuple[Run, ...]
    marks: tuple[Box, ...]


def _words(path: Path) -> list[tuple[float, float, list[Word]]]:
    """Words per page in the order they were drawn, without diagonal text (the draft watermark
    lies across on purpose)."""
    xml = subprocess.run(["pdftotext", "-raw", "-bbox", "-nodiag", str(path), "-"],
                         check=True, capture_output=True, text=True).stdout
    xml = re.sub(r"<!DOCTYPE[^>]*>", "", xml).replace('xmlns="http://www.w3.org/1999/xhtml"', "")
    pages = []
    for p in ET.fromstring(xml).iter("page"):
        w, h = float(p.get("width", 0)), float(p.get("height", 0))
        words = [Word(el.text or "", (float(el.get("xMin", 0)), h - float(el.get("yMax", 0)),
                                      float(el.get("xMax", 0)), h - float(el.get("yMin", 0))))
                 for el in p.iter("word")]
        pages.append((w, h, words))
    return pages


def _mul(m: list[float], n: list[float]) -> list[float]:
    """m then n (PDF row-vector convention: m × n)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return [a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2]


# The content stream's tokens: a comment, a string, a hex string, an array bracket, a name, a
# number or an operator (reportlab writes nothing else; parsing with pypdf took 10x longer).
_TOKEN = re.compile(rb"%[^\r\n]*|\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>|[\[\]]"
                    rb"|/[^\s/\[\]()<>{}%]+|[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)|[A-Za-z'\"*]+")


def _ops(data: bytes) -> Iterator[tuple[list[bytes], bytes]]:
    operands: list[bytes] = []
    for m in _TOKEN.finditer(data):
        tok = m.group()
        first = tok[:1]
        if first.isalpha() or first in b"'\"*":
            yield operands, tok
            operands = []
        elif first != b"%":
            operands.append(tok)


IDENTITY = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]


class _Text:
    """The text state: the text and line matrices, the size and the leading."""

    def __init__(self) -> None:
        self.tm = self.line = IDENTITY
        self.size = self.leading = 0.0

    def apply(self, op: bytes, operands: list[bytes]) -> None:
        if op == b"BT":
            self.tm = self.line = IDENTITY
        elif op == b"Tf":
            self.size = float(operands[1])
        elif op == b"TL":
            self.leading = float(operands[0])
        elif op == b"Tm":
            self.tm = self.line = [float(v) for v in operands]
        elif op in (b"Td", b"TD"):
            self.tm = self.line = _mul([1, 0, 0, 1, float(operands[0]), float(operands[1])],
                                       self.line)
            if op == b"TD":
                self.leading = -float(operands[1])
        elif op in (b"T*", b"'", b'"'):
            self.tm = self.line = _mul([1, 0, 0, 1, 0, -self.leading], self.line)

    def run(self, ctm: list[float], colour: tuple[float, ...]) -> Run:
        m = _mul(self.tm, ctm)
        return Run("", m[4], m[5], self.size * math.sqrt(abs(m[0] * m[3] - m[1] * m[2])),
                   colour)


def _box(bbox: list[float], ctm: list[float]) -> Box:
    x0, y0, x1, y1 = bbox
    pts = [(x * ctm[0] + y * ctm[2] + ctm[4], x * ctm[1] + y * ctm[3] + ctm[5])
           for x, y in ((x0, y0), (x1, y1), (x0, y1), (x1, y0))]
    return (min(p[0] for p in pts), min(p[1] for p in pts),
            max(p[0] for p in pts), max(p[1] for p in pts))


def _scan(page: Any) -> tuple[list[Box], list[Run]]:
    """One pass over the page's content stream: the page box of every mark form drawn (a star,
    a flag, or a run of them), and where each piece of text starts, at what size and in what
    fill colour."""
    xobjects = page["/Resources"].get("/XObject", {})
    boxes = {str(k)[1:]: [float(v) for v in x.get_object()["/BBox"]]
             for k, x in xobjects.items()}
    stack: list[tuple[list[float], tuple[float, ...]]] = []
    ctm: list[float] = IDENTITY
    colour: tuple[float, ...] = (0.0, 0.0, 0.0)
    text = _Text()
    marks, runs = [], []
    for operands, op in _ops(page.get_contents().get_data()):
        if op == b"q":
            stack.append((ctm, colour))
        elif op == b"Q":
            ctm, colour = stack.pop()
        elif op == b"rg":
            colour = tuple(float(v) for v in operands)
        elif op == b"g":
            colour = (float(operands[0]),) * 3
        elif op == b"cm":
            ctm = _mul([float(v) for v in operands], ctm)
        elif op == b"Do" and b"vt" in operands[0]:
            marks.append(_box(boxes[operands[0][1:].decode()], ctm))
        text.apply(op, operands)
        if op in (b"Tj", b"TJ", b"'", b'"'):
            runs.append(text.run(ctm, colour))
    return marks, runs


def size_of(p: Page, w: Word) -> float | None:
    """The size of the text a word starts with: the text drawn from the word's left edge
    within its height."""
    found = [r.size for r in p.runs
             if abs(r.x - w.box[0]) < 0.6 and w.box[1] - 1 <= r.y <= w.box[3]]
    return min(found) if found else None


def colour_of(p: Page, w: Word) -> tuple[float, ...] | None:
    """The fill colour of the text a word starts with (found as `size_of` finds its size)."""
    found = [r.colour for r in p.runs
             if abs(r.x - w.box[0]) < 0.6 and w.box[1] - 1 <= r.y <= w.box[3]]
    return found[0] if found else None


def read(path: Path) -> list[Page]:
    reader = PdfReader(str(path))
    pages = []
    for (w, h, words), page in zip(_words(path), reader.pages, strict=True):
        marks, runs = _scan(page)
        pages.append(Page(w, h, tuple(words), tuple(runs), tuple(marks)))
    return pages


def joined(pages: list[Page]) -> str:
    """The words in the order they were drawn, all white space removed (a wrapped name reads
    whole again)."""
    return "".join("".join(w.text.split()) for p in pages for w in p.words)


def overlap(a: Box, b: Box, slack: float = 0.5) -> bool:
    return (min(a[2], b[2]) - max(a[0], b[0]) > slack
            and min(a[3], b[3]) - max(a[1], b[1]) > slack)
