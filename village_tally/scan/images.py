"""Files to page images (8-bit grey): PNG, JPEG, TIFF (every page) with OpenCV, PDF pages
rendered by pdfium. A file that cannot be read gives a reason code, never a library's words."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium

from village_tally.scan import SUFFIXES

MAX_BYTES = 200 * 1024 * 1024
MAX_PIXELS = 80_000_000  # a 600 dpi A3 scan is 70 Mpx
PDF_DPI = 200  # enough for 3.2 mm bubbles (25 px across); scans are rarely finer in use


@dataclass(frozen=True, slots=True)
class PageImage:
    """One page of a file: its number in the file (1-based) and its pixels, or why not."""

    page: int
    image: np.ndarray | None
    problem: str = ""


def _decode(data: bytes) -> list[np.ndarray]:
    buf = np.frombuffer(data, np.uint8)
    ok, pages = cv2.imdecodemulti(buf, cv2.IMREAD_GRAYSCALE)
    if ok and pages:
        return list(pages)
    one = cv2.imdecode(buf, cv2.IMREAD_GRAYSCALE)
    return [] if one is None else [one]


def _pdf_pages(path: Path) -> Iterator[PageImage]:
    try:
        doc = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError:
        yield PageImage(1, None, "unreadable")
        return
    try:
        for i in range(len(doc)):
            page = doc[i]
            w, h = page.get_size()
            scale = PDF_DPI / 72
            if w * h * scale * scale > MAX_PIXELS:
                yield PageImage(i + 1, None, "too_big")
                continue
            yield PageImage(i + 1, page.render(scale=scale, grayscale=True).to_numpy().copy())
    finally:
        doc.close()


def pages_of(path: Path) -> Iterator[PageImage]:
    """Every page of a scan file, in file order."""
    if path.suffix.lower() not in SUFFIXES:
        yield PageImage(1, None, "not_an_image")
        return
    if path.stat().st_size > MAX_BYTES:
        yield PageImage(1, None, "too_big")
        return
    if path.suffix.lower() == ".pdf":
        yield from _pdf_pages(path)
        return
    try:
        images = _decode(path.read_bytes())
    except cv2.error:
        images = []
    if not images:
        yield PageImage(1, None, "unreadable")
    for i, image in enumerate(images, start=1):
        if image.size > MAX_PIXELS:
            yield PageImage(i, None, "too_big")
        else:
            yield PageImage(i, image if image.ndim == 2 else image[..., 0])
