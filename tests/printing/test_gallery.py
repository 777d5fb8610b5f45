"""The gallery: every document of every preset on every paper it offers, read back from the PDF
(poppler's word boxes, pypdf's text sizes, the mark forms' boxes), never from our layout:
no text where a printer with a 6.35 mm margin cannot print, no text over a star or a flag, no
text under 6 pt and no name or total on a board under its paper's floor, every name findable,
and no rank beside a total at or below zero."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import NOW
from tests.printing import gallery
from tests.printing.pdfread import Page, joined, overlap, read, size_of
from village_tally.printing import page
from village_tally.services.session import Ledger, open_ledger

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="poppler-utils (pdftotext) is not installed")

SMALLEST = 6.0  # no text on any paper below this
# Names and totals on a board: capital height at least this (mm), read from two metres on A2
# and A3; A4 is read at arm's length. Capitals are 0.714 of the size in the shipped font.
CAP_MM = {"A2": 5.0, "A3": 3.5, "A4": 2.25}
NUMBER = re.compile(r"^[0-9]+(\.[0-9]+)?$")
RANK = re.compile(r"^[0-9]+\.$")


@pytest.fixture(scope="module")
def villages(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    folder = tmp_path_factory.mktemp("gallery")
    made = {}
    for preset in gallery.PRESETS:
        gallery.build(preset, folder).close()
        made[preset] = folder / f"{preset}.db"
    yield made


def _outside(p: Page) -> list[str]:
    m = page.PRINTABLE
    return [w.text for w in p.words
            if w.box[0] < m or w.box[1] < m or w.box[2] > p.width - m or w.box[3] > p.height - m]


def _on_marks(p: Page) -> list[str]:
    return [w.text for w in p.words if any(overlap(w.box, m) for m in p.marks)]


def _ranks_beside_nothing(p: Page) -> list[str]:
    """Each rank's line (words of the same height on the same level): the first number or
    dash after it, before the next rank, is its total; it must be a number above zero."""
    wrong = []
    for r in (w for w in p.words if RANK.match(w.text)):
        line = sorted((w for w in p.words if abs(w.box[1] - r.box[1]) < 0.6
                       and abs(w.box[3] - r.box[3]) < 0.6 and w.box[0] > r.box[0]),
                      key=lambda w: w.box[0])
        for w in line:
            if RANK.match(w.text):
                break
            if w.text == "—" or NUMBER.match(w.text):
                if w.text == "—" or float(w.text) <= 0:
                    wrong.append(f"{r.text} … {w.text}")
                break
        else:
            wrong.append(f"{r.text} with no total")
    return wrong


def _too_small(p: Page, doc: gallery.Printed) -> list[str]:
    """Any text under 6 pt; on a board, a name or a number under its paper's floor."""
    small = [f"{r.size:.1f} pt at {r.x:.0f},{r.y:.0f}" for r in p.runs
             if r.size < SMALLEST - 0.01]
    if doc.board:  # a name, or a number drawn by itself (a total, a score): the floor
        floor = CAP_MM[doc.paper] * 72 / 25.4 / 0.714
        for w in p.words:
            size = size_of(p, w)
            if w.text in doc.names and size is None:
                small.append(f"{w.text}: not found where it is drawn")
            elif (w.text in doc.names or NUMBER.match(w.text)) and size is not None \
                    and size < floor - 0.01:
                small.append(f"{w.text} {size:.1f} pt")
    return small


@pytest.mark.parametrize("preset", gallery.PRESETS)
def test_every_document_fits_its_paper(preset: str, villages: dict[str, Path],
                                      tmp_path: Path) -> None:
    ledger = open_ledger(str(villages[preset]), clock=lambda: NOW)
    try:
        _check_all(ledger, tmp_path)
    finally:
        ledger.close()


def _check_all(ledger: Ledger, tmp_path: Path) -> None:
    seen = 0
    for lang in ("zh", "en"):
        for doc in gallery.documents(ledger, tmp_path, lang):
            seen += 1
            pages = read(doc.path)
            for number, p in enumerate(pages, start=1):
                where = f"{doc.name} page {number}"
                assert not _outside(p), (where, _outside(p))
                assert not _on_marks(p), (where, _on_marks(p))
                assert not _too_small(p, doc), (where, _too_small(p, doc))
                assert not _ranks_beside_nothing(p), (where, _ranks_beside_nothing(p))
            text = joined(pages)
            missing = [n for n in doc.names if "".join(n.split()) not in text]
            assert not missing, (doc.name, missing)
            shown = [n for n in doc.absent if n not in doc.names and n in text]
            assert not shown, (doc.name, shown)
    assert seen >= 2 * 13
