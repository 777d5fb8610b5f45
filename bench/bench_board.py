"""Benchmark: a 5,000-resident A3 bulletin board, from the database to the PDF, against bare
work that does the same: the tally by bare SQL (bench_tally.bare_tally, the same rows), then a
bare reportlab script that draws the same texts (names, totals, the month's change, ranks,
household lines, area headings, what role models did) at the same sizes and the same stars and
flags on the same pages (same font, same Form XObjects), in plain columns.
Target (the headline): print_board, tally query included, <= 1.3x the bare query + draw.
Beside it: our layout + draw alone against the bare draw alone.

    python bench/bench_board.py [--residents 5000] [--paper A3] [--db FILE] [--repeat 3]

The village is the demo village (`--db` keeps it for the next run). Times are the best of
`--repeat` runs, interleaved; the ratio is measured in this one run.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reportlab.lib.colors import Color  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402

from bench.bench_tally import bare_tally  # noqa: E402
from village_tally.printing import board, board_draw, fonts, page, wall  # noqa: E402
from village_tally.services import demo, printing  # noqa: E402
from village_tally.services.session import open_ledger  # noqa: E402

RED = Color(0.80, 0.07, 0.11)


Text = tuple[str, float]  # a string and its size
Row = tuple[tuple[Text, ...], int, int]  # the texts of one laid-out item, its flags and stars


def bare(pages: list[list[Row]], out: Path, paper: str) -> None:
    """The same texts at the same sizes and the same marks per page, drawn in plain columns
    with nothing else (no heading, band, legend or footer, no fitting or wrapping)."""
    fonts.register()
    s = wall.SCALES[paper]
    w, h = page.PAPERS[paper]
    c = Canvas(str(out), pagesize=(w, h), invariant=1, pageCompression=1,
               initialFontName=fonts.MAIN)
    c.beginForm("star", 0, 0, 10, 10)
    c.setFillColor(RED)
    p = c.beginPath()
    p.moveTo(5, 10)
    for x, y in ((6.2, 6.5), (10, 6.5), (7, 4), (8, 0), (5, 2.5), (2, 0), (3, 4), (0, 6.5),
                 (3.8, 6.5)):
        p.lineTo(x, y)
    p.close()
    c.drawPath(p, stroke=0, fill=1)
    c.endForm()
    c.beginForm("flag", 0, 0, 10, 10)
    c.setFillColor(RED)
    c.rect(1, 0, 1, 10, stroke=0, fill=1)
    c.rect(2, 5, 8, 5, stroke=0, fill=1)
    c.endForm()
    col_w, slots, scale = (w - 56) / 2, 12, s.mark / 10
    for rows in pages:
        x, y = 28.0, h - 60
        for texts, flags, stars in rows:
            dx = 0.0
            for text, size in texts:
                c.setFont(fonts.MAIN, size)
                c.drawString(x + dx, y, text)
                dx += col_w / 6
            for k in range(flags + stars):
                line, slot = divmod(k, slots)
                c.saveState()
                c.transform(scale, 0, 0, scale, x + 60 + slot * s.slot, y - line * s.line)
                c.doForm("flag" if k < flags else "star")
                c.restoreState()
            y -= s.line * max(1, -(-(flags + stars) // slots))
            if y < 60:
                x, y = x + col_w, h - 60
        c.showPage()
    c.save()


def texts_of(item: board.Item, s: wall.Scale) -> tuple[Text, ...]:
    """What the board draws for an item, as (string, size)."""
    if item.kind in ("row", "model"):
        out = [(line, item.name_size) for line in item.name_lines]
        out += [(t, s.size) for t in (item.total, item.score, item.grade) if t]
        if item.rank is not None:
            out.append((f"{item.rank}.", s.size))
        if item.change:
            out.append((item.change, s.small))
        if item.sub:
            out.append((item.sub, s.small))
        return tuple(out)
    if item.kind == "area":
        return ((item.text, s.size * 1.1),)
    if item.kind in ("household", "did"):
        return tuple((t, s.small) for t in (item.text, *item.name_lines) if t)
    return ()


def cold() -> None:
    """Forget what earlier runs measured, so each print starts as a first print does."""
    fonts.width.cache_clear()
    board_draw.segments.cache_clear()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--residents", type=int, default=5000)
    ap.add_argument("--paper", default="A3")
    ap.add_argument("--db")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-board-"))
    db = Path(args.db) if args.db else tmp / "village.db"
    if not db.exists():
        t = time.perf_counter()
        demo.make_demo(str(db), residents=args.residents, months=6, seed=7)
        print(f"demo village of {args.residents} residents made in "
              f"{time.perf_counter() - t:.1f} s")
    ledger = open_ledger(str(db))
    month = printing.months.open_month(ledger)
    data = printing.board_data(ledger, month)
    pages = board.layout(data, args.paper, "area")
    rows = {r.resident_id: r for r in data.rows}
    scale = wall.SCALES[args.paper]
    per_page = [[(texts_of(i, scale), i.flags, i.stars) for i in p.items if texts_of(i, scale)]
                for p in pages]
    assert sum(1 for p in pages for i in p.items if i.kind == "row") == len(rows)
    marks = sum(r.flags + r.stars for r in data.rows)
    best = {"service": 1e9, "board": 1e9, "bare": 1e9, "bare_query": 1e9}
    conn = sqlite3.connect(db)
    fonts.register()
    for _ in range(args.repeat):
        cold()
        t = time.perf_counter()
        printing.print_board(ledger, month=month, out=tmp / "service.pdf", paper=args.paper)
        best["service"] = min(best["service"], time.perf_counter() - t)
        cold()
        t = time.perf_counter()
        board_draw.draw(data, board.layout(data, args.paper, "area"), tmp / "board.pdf",
                        paper=args.paper)
        best["board"] = min(best["board"], time.perf_counter() - t)
        t = time.perf_counter()
        bare(per_page, tmp / "bare.pdf", args.paper)
        best["bare"] = min(best["bare"], time.perf_counter() - t)
        cold()
        t = time.perf_counter()
        queried = bare_tally(conn, ledger.village_id, str(month), scratch=False)
        bare(per_page, tmp / "bare_query.pdf", args.paper)
        best["bare_query"] = min(best["bare_query"], time.perf_counter() - t)
        assert len(queried) == len(rows)
    size = {k: (tmp / f"{k}.pdf").stat().st_size / 1e6 for k in best}
    print(f"{len(rows)} residents, {marks} stars and flags, {len(pages)} {args.paper} pages "
          f"(best of {args.repeat})")
    for k, label in (("bare_query", "bare: tally by SQL + reportlab"),
                     ("service", "print_board (tally query included)"),
                     ("bare", "bare reportlab alone"),
                     ("board", "board layout + draw alone")):
        print(f"  {label:38s} {best[k]:6.2f} s  {size[k]:5.1f} MB")
    ratio = best["service"] / best["bare_query"]
    print(f"ratio print_board / bare query + draw: {ratio:.2f}x  (target <= 1.3x)  "
          f"{'OK' if ratio <= 1.3 else 'SLOW'}")
    print(f"ratio layout + draw / bare draw:       {best['board'] / best['bare']:.2f}x")
    conn.close()
    ledger.close()


if __name__ == "__main__":
    main()
