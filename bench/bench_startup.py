"""Start-up to an interactive main window on the demo village, against a bare PySide6 script
that shows an empty QMainWindow. Both run as fresh processes (interpreter start and imports
included) and quit from the event loop's first turn, i.e. once the window is up and taking
input. Target: ratio <= 3.

    QT_QPA_PLATFORM=offscreen python bench/bench_startup.py [--repeat 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE = Path(os.environ.get("VILLAGE_TALLY_BENCH_CACHE", Path(__file__).parent / ".cache"))
TARGET = 3.0

BARE = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""

OURS = """
import sys
from PySide6.QtCore import QSettings, QThreadPool, QTimer
from village_tally.ui.app import AppController, make_application
from village_tally.ui.settings import Settings
app = make_application()
settings = Settings(QSettings(sys.argv[2], QSettings.Format.IniFormat))
controller = AppController(app, settings, "zh", {"HOME": sys.argv[3]})
window = controller.start(sys.argv[1])
assert window.objectName() == "mainWindow", window
QTimer.singleShot(0, app.quit)
app.exec()
QThreadPool.globalInstance().waitForDone()
"""


def demo_db() -> Path:
    path = CACHE / "demo.db"
    if not path.exists():
        from village_tally.services.demo import make_demo

        CACHE.mkdir(parents=True, exist_ok=True)
        print("building the demo village (once) ...", file=sys.stderr)
        make_demo(str(path))
    return path


def run(code: str, *args: str) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, *args], check=True, env=env, cwd=ROOT,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    db = demo_db()
    with tempfile.TemporaryDirectory() as tmp:
        ini = str(Path(tmp) / "settings.ini")
        run(BARE)
        run(OURS, str(db), ini, tmp)  # warm the disk cache for both
        bare, ours = [], []
        for _ in range(args.repeat):  # interleaved, so both see the same machine
            bare.append(run(BARE))
            ours.append(run(OURS, str(db), ini, tmp))
    b, o = statistics.median(bare), statistics.median(ours)
    print(f"bare PySide6 empty QMainWindow (median): {b:.3f} s")
    print(f"Village Tally on the demo village:        {o:.3f} s")
    print(f"ratio: {o / b:.2f}x   target <= {TARGET}x  {'OK' if o / b <= TARGET else 'SLOW'}")


if __name__ == "__main__":
    main()
