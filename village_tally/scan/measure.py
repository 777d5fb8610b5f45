"""Measuring a registered page: each bubble's ink, with the paper's lighting divided out and
the printed digit inside an empty bubble taken off; and the picture of a line for a person."""

from __future__ import annotations

from functools import lru_cache

import cv2
import numpy as np

from village_tally.core.scan_form import LineLayout, SheetLayout
from village_tally.scan.register import PX_PER_MM, px_box

WHITE_SCALE = 4  # the paper-white map is computed at a quarter of the page's pixels
WHITE_MM = 7.0  # wider than a filled bubble: a local maximum over it is the paper


@lru_cache(maxsize=8)
def _disk(radius_px: float) -> tuple[np.ndarray, np.ndarray]:
    r = int(np.ceil(radius_px))
    dy, dx = np.mgrid[-r:r + 1, -r:r + 1]
    inside = dx * dx + dy * dy <= radius_px * radius_px
    return dy[inside].astype(np.intp), dx[inside].astype(np.intp)


def paper_white(page: np.ndarray) -> np.ndarray:
    """The paper's own brightness around each point (shadows and gradients), downscaled."""
    small = cv2.resize(page, None, fx=1 / WHITE_SCALE, fy=1 / WHITE_SCALE,
                       interpolation=cv2.INTER_AREA)
    k = int(WHITE_MM * PX_PER_MM / WHITE_SCALE) | 1
    white = cv2.dilate(small, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))
    white = cv2.GaussianBlur(white, (k, k), 0)
    return np.maximum(white.astype(np.float32), 1.0)


def bubble_ink(page: np.ndarray, sheet: SheetLayout, bubble_mm: float) -> list[float]:
    """Ink of every bubble in layout order (line by line, group by group), 0 paper … 1 black,
    less the ink of the empty bubbles printed with the same digit on this sheet (a low
    percentile: marks only raise the top, even when most lines fill the same digit)."""
    centres = [(b.x, b.y, b.value) for line in sheet.lines for g in line.groups
               for b in g.bubbles]
    xs = np.array([c[0] for c in centres]) * PX_PER_MM
    ys = np.array([c[1] for c in centres]) * PX_PER_MM
    labels = np.array([c[2] for c in centres])
    dy, dx = _disk(bubble_mm / 2 * 0.72 * PX_PER_MM)
    yi = np.clip(np.rint(ys).astype(np.intp)[:, None] + dy[None, :], 0, page.shape[0] - 1)
    xi = np.clip(np.rint(xs).astype(np.intp)[:, None] + dx[None, :], 0, page.shape[1] - 1)
    mean = page[yi, xi].mean(axis=1)
    white = paper_white(page)
    wy = np.clip((ys / WHITE_SCALE).astype(np.intp), 0, white.shape[0] - 1)
    wx = np.clip((xs / WHITE_SCALE).astype(np.intp), 0, white.shape[1] - 1)
    ink = 1.0 - np.minimum(mean / white[wy, wx], 1.0)
    for label in np.unique(labels):
        same = labels == label
        ink[same] -= np.percentile(ink[same], 20)
    return [float(v) for v in np.maximum(ink, 0.0)]


def line_png(page: np.ndarray, line: LineLayout) -> bytes:
    """The line as a person sees it (bubbles, the handwritten name, the note): PNG bytes."""
    x0, y0, x1, y1 = px_box(page, line.box, 0.5)
    ok, data = cv2.imencode(".png", page[y0:y1, x0:x1], [cv2.IMWRITE_PNG_COMPRESSION, 1,
                                                       cv2.IMWRITE_PNG_STRATEGY,
                                                       cv2.IMWRITE_PNG_STRATEGY_HUFFMAN_ONLY])
    return bytes(data) if ok else b""
