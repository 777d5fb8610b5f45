"""Synthetic filled scan sheets for the tests and bench/bench_scan.py: a printed sheet's page,
filled with seeded marks as a gatherer's hand makes them, then degraded like an office scanner
or a phone camera. Every sheet carries its truth (what was meant on each line)."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import cv2
import numpy as np

from village_tally.core.month import Month
from village_tally.core.scan_form import Bubble, LineLayout, SheetLayout

if TYPE_CHECKING:
    from village_tally.services.session import Ledger

DPI = 200
PX = DPI / 25.4  # pixels per millimetre of the clean page

INSTRUCTED = ("solid", "pencil")  # filled as the printed line says
MESSY = ("solid", "pencil", "light", "partial", "tick", "cross", "erasure", "stray")
CONDITIONS = ("clean", "scanner", "phone")


@dataclass
class TruthLine:
    line: int
    used: bool
    resident: int = 0
    rule: int = 0
    quantity: int = 0
    # bubbles (field, place, value) that hold a mark meant as the answer, and marks that are
    # not answers (an erasure's residue, a stray stroke): for the bubble error count
    meant: set[tuple[str, int, int]] = field(default_factory=set)


@dataclass
class Sheet:
    image: np.ndarray  # 8-bit grey, as a file would hold it
    truth: list[TruthLine]
    condition: str
    style: str  # instructed or messy
    encoded: bytes = b""  # the image as a file (PNG or JPEG)
    suffix: str = ".png"


def _digits(value: int, places: int) -> dict[int, int]:
    return {p: (value // 10 ** p) % 10 for p in range(places)}


class _Patch:
    """A small mask around some points (mm), drawn in the page's pixels shifted to it."""

    def __init__(self, img: np.ndarray, pts: list[tuple[float, float]], pad: float) -> None:
        h, w = img.shape
        self.x0 = max(0, int((min(p[0] for p in pts) - pad) * PX))
        self.y0 = max(0, int((min(p[1] for p in pts) - pad) * PX))
        self.x1 = min(w, int((max(p[0] for p in pts) + pad) * PX) + 1)
        self.y1 = min(h, int((max(p[1] for p in pts) + pad) * PX) + 1)
        self.mask = np.zeros((self.y1 - self.y0, self.x1 - self.x0), np.float32)

    def at(self, x: float, y: float) -> tuple[int, int]:
        """A point in mm as 1/16-pixel fixed point inside the patch."""
        return round((x * PX - self.x0) * 16), round((y * PX - self.y0) * 16)

    def stamp(self, img: np.ndarray, darkness: float, rng: random.Random) -> None:
        """Darken the page where the mask is, with a graphite grain."""
        grain = np.random.default_rng(rng.randrange(1 << 30)).uniform(0.75, 1.0,
                                                                      self.mask.shape)
        img[self.y0:self.y1, self.x0:self.x1] *= (
            1.0 - np.clip(self.mask * grain * darkness, 0, 1)).astype(np.float32)


def _fill(img: np.ndarray, b: Bubble, radius: float, rng: random.Random, *, darkness: float,
          cover: float = 1.0) -> None:
    p = _Patch(img, [(b.x, b.y)], radius * 2)
    centre = p.at(b.x + rng.gauss(0, 0.25), b.y + rng.gauss(0, 0.25))
    r = radius * PX * rng.uniform(0.95, 1.15)
    if cover >= 1.0:
        cv2.ellipse(p.mask, centre, (round(r * 16), round(r * rng.uniform(0.85, 1.0) * 16)),
                    rng.uniform(0, 180), 0, 360, 1.0, -1, cv2.LINE_AA, 4)
    else:  # a fill that stops short: a wedge of the bubble
        start = rng.uniform(0, 360)
        cv2.ellipse(p.mask, centre, (round(r * 16), round(r * 16)), 0,
                    start, start + 360 * cover, 1.0, -1, cv2.LINE_AA, 4)
    p.stamp(img, darkness, rng)


def _stroke(img: np.ndarray, pts: list[tuple[float, float]], width_mm: float, darkness: float,
            rng: random.Random) -> None:
    p = _Patch(img, pts, 1.0)
    arr = np.array([[p.at(x, y) for x, y in pts]], np.int32)
    cv2.polylines(p.mask, arr, False, 1.0, max(1, round(width_mm * PX)), cv2.LINE_AA, 4)
    p.stamp(img, darkness, rng)


def _tick(img: np.ndarray, b: Bubble, radius: float, rng: random.Random) -> None:
    r = radius
    pts = [(b.x - r * 0.7, b.y), (b.x - r * 0.1, b.y + r * 0.7), (b.x + r * 0.9, b.y - r * 0.9)]
    _stroke(img, pts, 0.45, rng.uniform(0.7, 0.9), rng)


def _cross(img: np.ndarray, b: Bubble, radius: float, rng: random.Random) -> None:
    r = radius * 0.85
    _stroke(img, [(b.x - r, b.y - r), (b.x + r, b.y + r)], 0.45, rng.uniform(0.7, 0.9), rng)
    _stroke(img, [(b.x - r, b.y + r), (b.x + r, b.y - r)], 0.45, rng.uniform(0.7, 0.9), rng)


def _scribble(img: np.ndarray, line: LineLayout, rng: random.Random) -> None:
    """A handwritten name: a few strokes in the name box."""
    box = line.name
    x = box.x + 2
    for _ in range(rng.randint(2, 3)):
        pts = [(x + rng.uniform(0, 5), box.y + rng.uniform(1, box.h - 1)) for _ in range(5)]
        _stroke(img, pts, 0.35, 0.8, rng)
        x += 6


def _bubble_for(line: LineLayout, fieldname: str, place: int, value: int) -> Bubble | None:
    for g in line.groups:
        if g.field == fieldname and g.place == place:
            return next((b for b in g.bubbles if b.value == value), None)
    return None


def _answers(line: LineLayout, t: TruthLine, sheet: SheetLayout) -> list[tuple[str, int, int]]:
    out = [("resident", p, v) for p, v in _digits(t.resident, sheet.resident_digits).items()]
    if sheet.rule_digits:
        out += [("rule", p, v) for p, v in _digits(t.rule, sheet.rule_digits).items()]
    else:
        out.append(("rule", 0, t.rule))
    out.append(("quantity", 0, t.quantity))
    return out


def _mark(img: np.ndarray, b: Bubble, kind: str, radius: float, rng: random.Random) -> None:
    if kind == "solid":
        _fill(img, b, radius, rng, darkness=rng.uniform(0.75, 0.95))
    elif kind == "pencil":
        _fill(img, b, radius, rng, darkness=rng.uniform(0.45, 0.6))
    elif kind == "light":
        _fill(img, b, radius, rng, darkness=rng.uniform(0.3, 0.45))
    elif kind == "partial":
        _fill(img, b, radius, rng, darkness=rng.uniform(0.7, 0.9), cover=rng.uniform(0.5, 0.8))
    elif kind == "tick":
        _tick(img, b, radius, rng)
    elif kind == "cross":
        _cross(img, b, radius, rng)


def fill(page: np.ndarray, sheet: SheetLayout, *, rules: int, residents: int, style: str,
         rng: random.Random, bubble_mm: float = 3.2, lines_used: int | None = None
         ) -> tuple[np.ndarray, list[TruthLine]]:
    """The clean page (grey, 0-255) filled by hand (`lines_used` lines, else from half to
    all of them): returns the page and the truth."""
    img = page.astype(np.float32) / 255.0
    radius = bubble_mm / 2
    truth = []
    used_lines = rng.randint(len(sheet.lines) // 2, len(sheet.lines))
    used_lines = used_lines if lines_used is None else lines_used
    for line in sheet.lines:
        t = TruthLine(line.line, line.line <= used_lines)
        truth.append(t)
        if not t.used:
            continue
        t.resident = rng.randint(1, residents)
        t.rule = rng.randint(1, rules)
        t.quantity = min(9, max(1, int(rng.expovariate(0.5)) + 1))
        _scribble(img, line, rng)
        kinds = INSTRUCTED if style == "instructed" else MESSY
        for fieldname, place, value in _answers(line, t, sheet):
            b = _bubble_for(line, fieldname, place, value)
            if b is None:
                continue
            t.meant.add((fieldname, place, value))
            kind = rng.choice(kinds)
            if kind == "erasure":  # a mark rubbed out in the same row, then the right one
                wrong = _bubble_for(line, fieldname, place, (value + rng.randint(1, 5)) % 10)
                if wrong is not None and wrong is not b:
                    _fill(img, wrong, radius, rng, darkness=rng.uniform(0.08, 0.2))
                kind = "solid"
            elif kind == "stray":  # a stroke of the pen across the row, then the mark
                _stroke(img, [(b.x - 6, b.y + rng.uniform(-2.5, 2.5)),
                              (b.x + 6, b.y + rng.uniform(-2.5, 2.5))], 0.3, 0.8, rng)
                kind = "solid"
            _mark(img, b, kind, radius, rng)
    return np.clip(img * 255, 0, 255).astype(np.uint8), truth


def _scanner(img: np.ndarray, rng: random.Random) -> np.ndarray:
    h, w = img.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), rng.uniform(-2.5, 2.5), 1.0)
    m[:, 2] += (rng.uniform(-30, 30), rng.uniform(-30, 30))
    out = cv2.warpAffine(img, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=245)
    out = cv2.GaussianBlur(out, (0, 0), rng.uniform(0.6, 1.1))
    scale = 150 / DPI
    return cv2.resize(out, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)


def _phone(img: np.ndarray, rng: random.Random) -> np.ndarray:
    h, w = img.shape
    canvas_w, canvas_h = int(w * 1.25), int(h * 1.2)
    j = 0.06
    dst = np.float32([
        (w * 0.12 + rng.uniform(-j, j) * w, h * 0.1 + rng.uniform(-j, j) * h),
        (w * 1.12 + rng.uniform(-j, j) * w, h * 0.1 + rng.uniform(-j, j) * h),
        (w * 1.12 + rng.uniform(-j, j) * w, h * 1.1 + rng.uniform(-j, j) * h),
        (w * 0.12 + rng.uniform(-j, j) * w, h * 1.1 + rng.uniform(-j, j) * h)])
    src = np.float32([(0, 0), (w, 0), (w, h), (0, h)])
    m = cv2.getPerspectiveTransform(src, dst)
    out = cv2.warpPerspective(img, m, (canvas_w, canvas_h), flags=cv2.INTER_LINEAR,
                              borderValue=90).astype(np.float32)
    # lighting and shadow are smooth: made at 1/8 of the size, then enlarged
    sw, sh = canvas_w // 8, canvas_h // 8
    yy, xx = np.mgrid[0:sh, 0:sw].astype(np.float32)
    angle = rng.uniform(0, 2 * math.pi)
    ramp = (xx * math.cos(angle) + yy * math.sin(angle))
    ramp = (ramp - ramp.min()) / (ramp.max() - ramp.min())
    light = rng.uniform(0.55, 0.75) + rng.uniform(0.2, 0.4) * ramp
    shadow = np.zeros((sh, sw), np.float32)
    cx, cy = rng.uniform(0, sw), rng.uniform(0, sh)
    cv2.circle(shadow, (int(cx), int(cy)), int(rng.uniform(0.25, 0.5) * sw), 1.0, -1)
    shadow = cv2.GaussianBlur(shadow, (0, 0), sw * 0.05)
    shade = light * (1 - rng.uniform(0.25, 0.45) * shadow)
    out = out * cv2.resize(shade, (canvas_w, canvas_h), interpolation=cv2.INTER_LINEAR)
    out = cv2.GaussianBlur(out, (0, 0), rng.uniform(0.7, 1.3))
    noise = np.random.default_rng(rng.randrange(1 << 30)).normal(0, 4, out.shape)
    return np.clip(out + noise, 0, 255).astype(np.uint8)


def degrade(img: np.ndarray, condition: str, rng: random.Random) -> tuple[np.ndarray, bytes, str]:
    """The page as a file would hold it after an office scanner (rotation, blur, 150 dpi,
    JPEG 60) or a phone (perspective, lighting gradient, shadow, noise, JPEG 85); any page may
    come upside down. Returns the image decoded back, the file's bytes and its suffix."""
    if condition == "scanner":
        img = _scanner(img, rng)
    elif condition == "phone":
        img = _phone(img, rng)
    if rng.random() < 0.25:
        img = cv2.rotate(img, cv2.ROTATE_180)
    if condition == "clean":
        ok, data = cv2.imencode(".png", img)
        suffix = ".png"
    else:
        quality = 60 if condition == "scanner" else 85
        ok, data = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, quality])
        suffix = ".jpg"
    assert ok
    decoded = cv2.imdecode(data, cv2.IMREAD_GRAYSCALE)
    return decoded, bytes(data), suffix


def render_fronts(pdf: str, dpi: int = DPI) -> list[np.ndarray]:
    """The front pages (1, 3, 5 …) of a printed scan-sheet PDF, as grey images."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        return [doc[i].render(scale=dpi / 72, grayscale=True).to_numpy().copy()
                for i in range(0, len(doc), 2)]
    finally:
        doc.close()


@dataclass
class Tally:
    """The issue's figures over a set of sheets."""

    sheets: int = 0
    identified: int = 0
    fields_accepted: int = 0
    silent_field_errors: int = 0
    lines_used: int = 0
    lines_review: int = 0
    examples: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for name in ("sheets", "identified", "fields_accepted", "silent_field_errors",
                     "lines_used", "lines_review"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.examples += other.examples


def score(page: object, truth: list[TruthLine], number: str) -> Tally:
    """Compare one scanned page (services.scanning.ScannedPage) with what was meant."""
    t = Tally(sheets=1)
    if getattr(page, "status", None) != "read" or getattr(page, "sheet", None) != number:
        t.examples.append(f"{number}: {getattr(page, 'status', '?')} "
                          f"{getattr(page, 'reason', '')}")
        return t
    t.identified = 1
    for want, got in zip(truth, page.lines, strict=True):  # type: ignore[attr-defined]
        values = {"resident": want.resident, "rule": want.rule, "quantity": want.quantity}
        for name in ("resident", "rule", "quantity"):
            f = getattr(got, name)
            if f.certainty == "sure":
                t.fields_accepted += 1
                if not want.used or f.value != values[name]:
                    t.silent_field_errors += 1
                    t.examples.append(f"{number} line {want.line} {name}: read {f.value}, "
                                      f"meant {values[name] if want.used else 'nothing'}")
            elif f.certainty == "blank" and want.used and got.status == "blank":
                t.silent_field_errors += 1
                t.examples.append(f"{number} line {want.line}: read blank, meant a line")
        if want.used:
            t.lines_used += 1
            t.lines_review += got.status != "ready"
        elif got.status != "blank":
            t.lines_review += 1
    return t


@dataclass
class Made:
    path: Path
    truth: list[TruthLine]
    number: str
    condition: str
    style: str


def make_sheets(ledger: Ledger, folder: Path, *, area: str, month: str,
                combos: list[tuple[str, str]], seed: int, first: int | None = None,
                lines_used: int | None = None) -> list[Made]:
    """One printed sheet per (condition, style), filled and degraded with a seeded hand,
    written into `folder`; returns each file with its truth."""
    from village_tally.core.scan_form import layout
    from village_tally.services.scan_sheets import issued_sheets, load_scan_form
    from village_tally.services.scan_sheets import print_scan_sheets as print_sheets

    pdf = folder / f".{area}-{seed}.pdf"
    print_sheets(ledger, out=pdf, area=area, month=Month.parse(month), sheets=len(combos),
                 first=first)
    sf = load_scan_form()
    issued = issued_sheets(ledger)
    numbers = sorted(s.n for s in issued.values() if s.area == area and s.month == month)
    start = first if first is not None else numbers[-1] - len(combos) + 1
    rng = random.Random(seed)
    made = []
    for k, (page, (condition, style)) in enumerate(zip(render_fronts(str(pdf)), combos,
                                                       strict=True)):
        number = sf.number(area, month, start + k)
        sheet = issued[number]
        lay = layout(sf, residents=len(sheet.residents), rules=len(sheet.rules))
        filled, truth = fill(page, lay, rules=len(sheet.rules), residents=len(sheet.residents),
                             style=style, rng=rng, lines_used=lines_used)
        _, data, suffix = degrade(filled, condition, rng)
        path = folder / f"{seed}-{k:04d}-{condition}-{style}{suffix}"
        path.write_bytes(data)
        made.append(Made(path, truth, number, condition, style))
    pdf.unlink()
    return made
