"""A 20-line scan sheet from scan to saved deeds in the desktop program: the keys a person
presses and the seconds the program takes, against typing the same sheet by hand (170 keys:
tests/ui/test_end_to_end.py types a 20-line sheet).

    QT_QPA_PLATFORM=offscreen python bench/bench_scan_confirm.py [--sheets 2] [--shot x.png]

Each sheet is printed by the program, filled on all 20 lines by the seeded hand of
tests/scan/synth.py (as the sheet says, and the messy mix), scanned or photographed
(degraded), dropped on the window, and confirmed by keyboard as a person does: Enter on the
date, Enter for the sure lines together, then for each line to check the numbers read off
its picture, Enter after each; a line beyond a rule's monthly cap asks for a reason, as hand
entry does (typed here as two letters and Enter).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QMimeData, QPointF, QSettings, Qt, QUrl  # noqa: E402
from PySide6.QtGui import QDropEvent  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

TYPED_SHEET_KEYS = 170  # tests/ui/test_end_to_end.py: a 20-line sheet typed by hand


def wait(app: QApplication, until: Callable[[], bool], seconds: float = 120) -> None:
    from village_tally.ui.jobs import pending, wait_for_workers

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        wait_for_workers(10)
        app.processEvents()
        if until() and not pending():
            return
    raise TimeoutError


class Keys:
    def __init__(self) -> None:
        self.count = 0

    def type(self, text: str) -> None:
        QTest.keyClicks(QApplication.focusWidget(), text)
        self.count += len(text)

    def press(self, key: Qt.Key) -> None:
        QTest.keyClick(QApplication.focusWidget(), key)
        self.count += 1


def confirm_by_keyboard(app: QApplication, window, truth, keys: Keys) -> dict[str, int]:  # noqa: ANN001
    """Enter, Enter, then each doubtful field's number and Enter; returns what happened."""
    from village_tally.ui.jobs import pending

    keys.press(Qt.Key.Key_Return)  # the date
    keys.press(Qt.Key.Key_Return)  # the sure lines
    wait(app, lambda: pending() == 0)
    capped = reviewed = 0
    while window.current is not None:
        row = window.current
        if QApplication.focusWidget() is window.override_edit:
            capped += 1
            keys.type("ok")
            keys.press(Qt.Key.Key_Return)
        else:
            reviewed += 1
            t = truth[row.line.line]
            for read, value in ((row.line.resident, t.resident), (row.line.rule, t.rule),
                                (row.line.quantity, t.quantity)):
                if read.certainty != "sure":
                    keys.type(str(value))
                    keys.press(Qt.Key.Key_Return)
        wait(app, lambda: pending() == 0)
    return {"reviewed": reviewed, "capped": capped}


def main() -> None:  # noqa: PLR0915 - one measured story, told in order
    parser = argparse.ArgumentParser()
    parser.add_argument("--sheets", type=int, default=2, help="sheets per condition and style")
    parser.add_argument("--shot", help="save a picture of the confirm window here")
    args = parser.parse_args()
    from village_tally.ui.app import make_application

    app = make_application()  # the program's CJK font, as it starts
    from tests.conftest import add_roster, as_, fixed_clock, make_village
    from tests.scan import synth
    from tests.scan.conftest import roster_text
    from village_tally.services import deeds
    from village_tally.services.session import open_ledger
    from village_tally.ui.context import ChangeBus, UiContext
    from village_tally.ui.main_window import MainWindow
    from village_tally.ui.settings import Settings

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for condition in ("clean", "scanner", "phone"):
            for style in ("instructed", "messy"):
                for k in range(args.sheets):
                    folder = Path(tmp) / f"{condition}-{style}-{k}"
                    folder.mkdir()
                    make_village(folder / "v.db")
                    base = open_ledger(str(folder / "v.db"), clock=fixed_clock)
                    add_roster(as_(base, "马书记"), roster_text(37, 0))
                    ledger = as_(base, "马秀兰")
                    made = synth.make_sheets(ledger, folder, area="东片", month="2026-11",
                                             combos=[(condition, style)], seed=100 + k,
                                             lines_used=20)[0]
                    settings = Settings(QSettings(str(folder / "s.ini"),
                                                  QSettings.Format.IniFormat))
                    window = MainWindow(UiContext(ledger, "zh", ChangeBus(), ledger.actor),
                                        settings, str(folder / "v.db"))
                    window.show()
                    mime = QMimeData()
                    mime.setUrls([QUrl.fromLocalFile(str(made.path))])
                    started = time.perf_counter()
                    window.dropEvent(QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime,
                                                Qt.MouseButton.NoButton,
                                                Qt.KeyboardModifier.NoModifier))
                    wait(app, lambda w=window: w.scans.window is not None)
                    read_s = time.perf_counter() - started
                    confirm = window.scans.window
                    confirm.activateWindow()
                    confirm.date_edit.setFocus()
                    app.processEvents()
                    if args.shot and condition == "phone" and style == "messy" and k == 0:
                        confirm.show_review(next(r for r in confirm.model.items
                                                 if r.state == "review"))
                        app.processEvents()
                        confirm.grab().save(args.shot)
                        confirm.date_edit.setFocus()
                    keys = Keys()
                    started = time.perf_counter()
                    done = confirm_by_keyboard(app, confirm, {t.line: t for t in made.truth},
                                               keys)
                    confirm_s = time.perf_counter() - started
                    entered = deeds.count_deeds(ledger)
                    rows.append((condition, style, keys.count, done["reviewed"], done["capped"],
                                 entered, read_s, confirm_s))
                    confirm.close()
                    window.close()
                    base.close()
    print(f"{'sheet':<20}{'keys':>6}{'checked':>9}{'capped':>8}{'deeds':>7}"
          f"{'read s':>8}{'confirm s':>11}")
    for c, s, n, rev, cap, ent, rs, cs in rows:
        print(f"{c + '/' + s:<20}{n:>6}{rev:>9}{cap:>8}{ent:>7}{rs:>8.2f}{cs:>11.2f}")
    mean = sum(r[2] for r in rows) / len(rows)
    print(f"mean {mean:.1f} keys a 20-line sheet against {TYPED_SHEET_KEYS} typed: "
          f"{mean / TYPED_SHEET_KEYS:.2f}x")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
    os._exit(0)  # PySide6's teardown of the windows left behind can crash at exit here
