"""Registering a page: find the four corner markers (three suffice), map the page onto the
sheet's own millimetres with one homography, and read the QR code. A page is registered whole
or rejected whole, with the reason."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import zxingcpp

from village_tally.core.scan_form import Rect, SheetLayout

PX_PER_MM = 6.0  # the registered page: 3.2 mm bubbles are 19 px across
# Markers are found on a copy at most this many pixels across (a 12 mm marker is still about
# 40 px on the first), then their corners are refined on the full image; the larger copy only
# when the small one shows fewer than three (a blurred or dim photo: 2 in 600 synthetic sheets).
DETECT_SIDES = (1000, 2000)
MAX_FIT_MM = 1.2  # markers that do not fit one flat page better than this are refused


@dataclass(frozen=True, slots=True)
class Registered:
    """A page set upright on the sheet's millimetres (PX_PER_MM), and its QR text."""

    page: np.ndarray
    qr: str
    markers: int  # how many of the four corner markers were found
    fit_mm: float  # how far the markers sit from where one flat page puts them


@dataclass(frozen=True, slots=True)
class Rejected:
    """A page that is not read, with the reason code and any QR text found on it."""

    reason: str
    qr: str = ""


def _detector(dictionary: str) -> cv2.aruco.ArucoDetector:
    params = cv2.aruco.DetectorParameters()
    return cv2.aruco.ArucoDetector(
        cv2.aruco.getPredefinedDictionary(getattr(cv2.aruco, dictionary)), params)


_DETECTORS: dict[str, cv2.aruco.ArucoDetector] = {}


def _markers(image: np.ndarray, dictionary: str,
             ids: set[int]) -> tuple[dict[int, np.ndarray], bool]:
    """Marker id → its four corners in the image; and whether an id was seen twice."""
    found: dict[int, np.ndarray] = {}
    twice = False
    for side in DETECT_SIDES:
        found, twice = _markers_at(image, dictionary, side)
        if twice or len(ids & set(found)) >= 3 or side >= max(image.shape):
            break
    return found, twice


def _markers_at(image: np.ndarray, dictionary: str,
                side: int) -> tuple[dict[int, np.ndarray], bool]:
    detector = _DETECTORS.get(dictionary) or _DETECTORS.setdefault(dictionary,
                                                                  _detector(dictionary))
    scale = min(1.0, side / max(image.shape))
    small = image if scale == 1.0 else cv2.resize(image, None, fx=scale, fy=scale,
                                                  interpolation=cv2.INTER_AREA)
    corners, ids, _ = detector.detectMarkers(small)
    found: dict[int, np.ndarray] = {}
    twice = False
    if ids is None:
        return found, twice
    for quad, marker_id in zip(corners, ids.ravel(), strict=True):
        key = int(marker_id)
        twice = twice or key in found
        found[key] = _refine(image, quad.reshape(4, 2) / scale, 1 / scale)
    return found, twice


_SUBPIX = (cv2.TERM_CRITERIA_EPS + cv2.TERM_CRITERIA_MAX_ITER, 30, 0.05)


def _refine(image: np.ndarray, quad: np.ndarray, window: float) -> np.ndarray:
    """Corners found on the small copy, made exact on the full image."""
    win = max(2, min(12, round(window * 2)))
    pts = quad.astype(np.float32).reshape(-1, 1, 2)
    if min(pts[..., 0].min(), pts[..., 1].min()) <= win or \
            pts[..., 0].max() >= image.shape[1] - win - 1 or \
            pts[..., 1].max() >= image.shape[0] - win - 1:
        return quad
    cv2.cornerSubPix(image, pts, (win, win), (-1, -1), _SUBPIX)
    return pts.reshape(4, 2).astype(np.float64)


def _qr_texts(image: np.ndarray) -> list[str]:
    try:
        found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormats(
            zxingcpp.BarcodeFormat.QRCode))
        return [r.text for r in found if r.valid and r.text]
    except (RuntimeError, ValueError):
        return []


def px_box(page: np.ndarray, r: Rect, pad: float) -> tuple[int, int, int, int]:
    """A rectangle in mm (grown by `pad` mm) as pixel bounds x0, y0, x1, y1 on the page."""
    x0, y0 = max(0, int((r.x - pad) * PX_PER_MM)), max(0, int((r.y - pad) * PX_PER_MM))
    x1 = min(page.shape[1], int((r.x + r.w + pad) * PX_PER_MM))
    y1 = min(page.shape[0], int((r.y + r.h + pad) * PX_PER_MM))
    return x0, y0, x1, y1


def _crop(page: np.ndarray, r: Rect, pad: float) -> np.ndarray:
    x0, y0, x1, y1 = px_box(page, r, pad)
    return page[y0:y1, x0:x1]


def qr_anywhere(image: np.ndarray) -> str:
    """The first QR text on a whole image (a page whose markers were not found)."""
    scale = min(1.0, 2400 / max(image.shape))
    small = image if scale == 1.0 else cv2.resize(image, None, fx=scale, fy=scale,
                                                  interpolation=cv2.INTER_AREA)
    texts = _qr_texts(small) or (_qr_texts(image) if scale < 1.0 else [])
    return texts[0] if texts else ""


def register(image: np.ndarray, sheet: SheetLayout, dictionary: str) -> Registered | Rejected:
    """The page upright on the sheet's millimetres, or why not (`markers_not_found`,
    `markers_twice`, `markers_misfit`, `no_qr`)."""
    found, twice = _markers(image, dictionary, {p.marker.id for p in sheet.markers})
    if twice:
        return Rejected("markers_twice", qr_anywhere(image))
    src, dst = [], []
    for place in sheet.markers:
        quad = found.get(place.marker.id)
        if quad is None:
            continue
        b = place.box
        src.append(quad)
        dst.append(np.array([(b.x, b.y), (b.x + b.w, b.y), (b.x + b.w, b.y + b.h),
                             (b.x, b.y + b.h)], np.float64) * PX_PER_MM)
    if len(src) < 3:
        return Rejected("markers_not_found", qr_anywhere(image))
    s, d = np.concatenate(src).astype(np.float64), np.concatenate(dst)
    homography, _ = cv2.findHomography(s, d, 0)
    if homography is None:
        return Rejected("markers_misfit", qr_anywhere(image))
    mapped = cv2.perspectiveTransform(s.reshape(-1, 1, 2), homography).reshape(-1, 2)
    fit = float(np.sqrt(((mapped - d) ** 2).sum(axis=1).max())) / PX_PER_MM
    if fit > MAX_FIT_MM:
        return Rejected("markers_misfit", qr_anywhere(image))
    size = (round(sheet.width * PX_PER_MM), round(sheet.height * PX_PER_MM))
    page = cv2.warpPerspective(image, homography, size, flags=cv2.INTER_LINEAR,
                               borderMode=cv2.BORDER_CONSTANT, borderValue=255)
    texts = _qr_texts(_crop(page, sheet.qr_top, 3)) or _qr_texts(_crop(page, sheet.qr_bottom, 3))
    if not texts:
        texts = [qr_anywhere(image)] if qr_anywhere(image) else []
    if not texts:
        return Rejected("no_qr")
    return Registered(page, texts[0], len(src), fit)
