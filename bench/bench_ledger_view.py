"""Opening the ledger view on a 1,000,000-deed village: from nothing to the first page of
deeds painted in the table (count, first page fetched lazily, one paint). Target: <= 0.5 s.
Also a filtered view (one month, one area's worth of words) and scrolling to the 10,000th row.

    QT_QPA_PLATFORM=offscreen python bench/bench_ledger_view.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtWidgets import QApplication  # noqa: E402

from bench.bigvillage import LAST_MONTH, big_village  # noqa: E402
from village_tally.services.session import open_ledger  # noqa: E402
from village_tally.ui.context import ChangeBus, UiContext  # noqa: E402
from village_tally.ui.ledger_view import LedgerView  # noqa: E402

TARGET = 0.5


def open_view(app: QApplication, ctx: UiContext) -> tuple[float, LedgerView]:
    started = time.perf_counter()
    view = LedgerView(ctx)
    view.resize(1200, 700)
    view.show()
    app.processEvents()  # the view asks the model for its first page and paints it
    view.table.viewport().repaint()
    elapsed = time.perf_counter() - started
    assert view.model.rowCount() > 0
    return elapsed, view


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    path = big_village()
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    ledger = open_ledger(str(path))
    ctx = UiContext(ledger, "zh", ChangeBus(), "bench")
    samples, filtered, scrolled = [], [], []
    for _ in range(args.repeat):
        elapsed, view = open_view(app, ctx)
        samples.append(elapsed)
        started = time.perf_counter()
        view.month_box.setCurrentIndex(view.month_box.findData(LAST_MONTH))
        app.processEvents()
        filtered.append(time.perf_counter() - started)
        view.month_box.setCurrentIndex(0)
        started = time.perf_counter()
        while view.model.rowCount() < 10_000 and view.model.canFetchMore():
            view.model.fetchMore()
        view.table.scrollToBottom()
        app.processEvents()
        scrolled.append(time.perf_counter() - started)
        total = view.model.total
        view.close()
        view.deleteLater()
        app.processEvents()
    median = statistics.median(samples)
    print(f"deeds in the village:            {total:,}")
    print(f"open the ledger view (median):   {median:.3f} s   target <= {TARGET} s  "
          f"{'OK' if median <= TARGET else 'SLOW'}")
    print(f"filter to one month (median):    {statistics.median(filtered):.3f} s")
    print(f"page down to row 10,000 (median): {statistics.median(scrolled):.3f} s")
    ledger.close()


if __name__ == "__main__":
    main()
