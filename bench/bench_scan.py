"""Benchmark: the synthetic scan suite (issue 17). Seeded sheets, filled as instructed or
messily (solid, light pencil, partial fills, ticks, crosses, erasures, stray strokes), under
clean, scanner-like (rotation, blur, JPEG 60, 150 dpi) and phone-like (perspective, lighting
gradient, shadow) conditions, read by services.scanning.read_scans in one run. Prints the
issue's figures and the reading cost against the bare cost of decoding the same files and
warping them with OpenCV.

    python bench/bench_scan.py [--sheets 600] [--seed 1] [--keep FOLDER]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import cv2  # noqa: E402
import numpy as np  # noqa: E402

from tests.conftest import add_roster, as_, fixed_clock, make_village  # noqa: E402
from tests.scan import synth  # noqa: E402
from tests.scan.conftest import roster_text  # noqa: E402
from village_tally.core.omr import Levels  # noqa: E402
from village_tally.core.scan_form import layout  # noqa: E402
from village_tally.scan import measure, register  # noqa: E402
from village_tally.services.scan_sheets import issued_sheets, load_scan_form  # noqa: E402
from village_tally.services.scanning import read_scans  # noqa: E402
from village_tally.services.session import Ledger, open_ledger  # noqa: E402

STYLES = ("instructed", "messy")


def make_suite(ledger: Ledger, folder: Path, sheets: int, seed: int) -> list[synth.Made]:
    combos = [(c, s) for c in synth.CONDITIONS for s in STYLES]
    per = [combos[i % len(combos)] for i in range(sheets)]
    random.Random(seed).shuffle(per)
    made: list[synth.Made] = []
    areas = ("东片", "西片")  # 40 residents (two digit rows) and 120 (three)
    for k in range(0, len(per), 50):
        chunk = per[k:k + 50]
        made += synth.make_sheets(ledger, folder, area=areas[(k // 50) % 2], month="2026-11",
                                  combos=chunk, seed=seed * 1000 + k)
        print(f"  made {len(made)}/{sheets} sheets", end="\r", flush=True)
    print()
    return made


def bare(files: list[Path]) -> float:
    """Decode each file and warp it onto the same page size with OpenCV: the floor."""
    h = np.array([[1.02, 0.01, -5], [0.0, 1.01, -7], [0, 0, 1.0]])
    size = (1260, 1782)
    t0 = time.perf_counter()
    for f in files:
        img = cv2.imdecode(np.frombuffer(f.read_bytes(), np.uint8), cv2.IMREAD_GRAYSCALE)
        cv2.warpPerspective(img, h, size, flags=cv2.INTER_LINEAR)
    return time.perf_counter() - t0


def bubble_errors(ledger: Ledger, made: list[synth.Made]) -> tuple[int, int]:
    """Silent bubble errors: a bubble taken as a sure mark that was not meant, or as sure
    paper that was meant (measured again here, untimed)."""
    sf = load_scan_form()
    issued = issued_sheets(ledger)
    frame = layout(sf, residents=1, rules=1)
    errors = bubbles = 0
    for m in made:
        img = cv2.imdecode(np.frombuffer(m.path.read_bytes(), np.uint8), cv2.IMREAD_GRAYSCALE)
        reg = register.register(img, frame, sf.dictionary)
        if not isinstance(reg, register.Registered):
            continue
        s = issued[m.number]
        lay = layout(sf, residents=len(s.residents), rules=len(s.rules))
        ink = measure.bubble_ink(reg.page, lay, sf.geometry.bubble)
        levels = Levels.of(ink)
        at = 0
        for line, truth in zip(lay.lines, m.truth, strict=True):
            for g in line.groups:
                for b in g.bubbles:
                    meant = (g.field, g.place, b.value) in truth.meant
                    v = ink[at]
                    at += 1
                    bubbles += 1
                    errors += (v >= levels.sure and not meant) or (v <= levels.empty and meant)
    return errors, bubbles


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sheets", type=int, default=600)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep")
    args = ap.parse_args()
    work = Path(args.keep or tempfile.mkdtemp(prefix="vt-scan-"))
    work.mkdir(parents=True, exist_ok=True)
    make_village(work / "village.db")
    ledger = as_(open_ledger(str(work / "village.db"), clock=fixed_clock), "马书记")
    add_roster(ledger, roster_text(40, 120))
    folder = work / "scans"
    folder.mkdir(exist_ok=True)
    print(f"making {args.sheets} synthetic sheets in {folder}")
    made = make_suite(ledger, folder, args.sheets, args.seed)
    files = [m.path for m in made]
    t_bare = bare(files)
    t0 = time.perf_counter()
    report = read_scans(ledger, [folder])
    t_read = time.perf_counter() - t0
    pages = {p.file: p for p in report.pages}
    groups: dict[tuple[str, str], synth.Tally] = defaultdict(synth.Tally)
    total = synth.Tally()
    for m in made:
        t = synth.score(pages[str(m.path)], m.truth, m.number)
        groups[(m.condition, m.style)].add(t)
        total.add(t)
    errors, bubbles = bubble_errors(ledger, made)
    n = len(made)
    print(f"sheets: {n}; registered and identified: {total.identified / n:.1%}")
    print(f"silent field errors: {total.silent_field_errors} in {total.fields_accepted} "
          f"accepted fields")
    print(f"silent bubble errors: {errors} in {bubbles} bubbles = "
          f"{errors / bubbles * 10000:.2f} per 10,000")
    print("lines needing review (of lines used):")
    for cond in synth.CONDITIONS:
        cells = []
        for style in STYLES:
            t = groups[(cond, style)]
            cells.append(f"{style} {t.lines_review / max(1, t.lines_used):.1%} "
                         f"({t.lines_review}/{t.lines_used})")
        print(f"  {cond:8s} " + "   ".join(cells))
    print(f"reading: {t_read / n * 1000:.0f} ms a sheet, {n / t_read * 60:.0f} sheets a minute; "
          f"bare decode + warp {t_bare / n * 1000:.0f} ms a sheet: ratio "
          f"{t_read / t_bare:.2f}x")
    reasons = Counter(f"{name} {f.reason}" for ln in report.lines() if ln.status == "review"
                      for name, f in (("resident", ln.resident), ("rule", ln.rule),
                                      ("quantity", ln.quantity)) if f.certainty != "sure")
    print("why lines need review (fields):",
          ", ".join(f"{k} {v}" for k, v in reasons.most_common()))
    for line in total.examples[:10]:
        print("  !", line)
    ledger.close()


if __name__ == "__main__":
    main()
